"""When Python cannot load, the widgets say so in the page's language, keep the rules readable and
offer a retry that works; Python loads only when a widget is seen, focused, or ready() is called."""
from __future__ import annotations

import pytest
import widgets
from browserkit import (
    CHECKER,
    READY_TIMEOUT_MS,
    TOTP,
    assert_fallback,
    at,
    pyodide_requests,
    recording_context,
    refuse_snapshot,
)
from guide_languages import DEFAULT_LANG, LANGS

from pycheck import check_password, messages
from pycheck.policy import POLICY

pytestmark = pytest.mark.browser


@pytest.fixture
def context(browser, site_url):
    ctx = recording_context(browser, base_url=site_url, viewport={"width": 1000, "height": 600})
    yield ctx
    ctx.close()


def test_blocked_wasm_shows_the_fallback_and_retry_recovers(context):
    blocked = lambda route: route.abort()  # noqa: E731
    context.route("**/pyodide.asm.wasm", blocked)
    page = context.new_page()
    page.goto(at(DEFAULT_LANG, "checker/"))
    assert_fallback(page, CHECKER, DEFAULT_LANG)
    # the rules are still there to read, as text
    rules = page.locator(f"{CHECKER} [data-role=rules]").inner_text()
    for code in POLICY.codes:
        assert messages.text(f"rule.{code}.help", DEFAULT_LANG) in rules
    # a keystroke in the meantime neither crashes nor hides the fallback
    page.fill(f"{CHECKER} input[name=password]", "Abcdefghijklm1!x")
    assert page.get_attribute(CHECKER, "data-state") == "error"

    context.unroute("**/pyodide.asm.wasm", blocked)
    page.click(f"{CHECKER} [data-action=retry]")
    page.wait_for_selector(f"{CHECKER}[data-state=ready]", timeout=READY_TIMEOUT_MS)
    page.fill(f"{CHECKER} input[name=confirm]", "Abcdefghijklm1!x")
    page.wait_for_selector(f"{CHECKER}[data-busy=false][data-ok=true]")
    assert not page.locator(f"{CHECKER} [data-action=retry]").is_visible()


@pytest.mark.parametrize("lang", [lang for lang in LANGS if lang != DEFAULT_LANG])
def test_the_fallback_speaks_the_pages_language(context, lang):
    # The default language's fallback is the blocked wasm's, above.
    # The memory snapshot needs no standard library file: refused, so the normal boot runs.
    refuse_snapshot(context)
    context.route("**/python_stdlib.zip", lambda route: route.fulfill(status=404, body="not found"))
    page = context.new_page()
    page.goto(at(lang, "checker/"))
    assert_fallback(page, CHECKER, lang)
    for code in POLICY.codes:
        assert messages.text(f"rule.{code}.help", lang) in page.locator(f"{CHECKER} [data-role=rules]").inner_text()


@pytest.mark.parametrize("lang", LANGS)  # quick: Python never starts
def test_no_webassembly_shows_the_fallback(context, lang):
    context.add_init_script("delete globalThis.WebAssembly;")
    page = context.new_page()
    page.goto(at(lang, "totp-demo/"))
    assert_fallback(page, TOTP, lang)
    assert page.locator(f"{TOTP} [data-role=warning]").is_visible()
    assert pyodide_requests(context) == []


def test_python_loads_only_when_the_widget_is_seen_and_a_dead_worker_is_replaced(context):
    page = context.new_page()
    page.goto(at(DEFAULT_LANG, "passord/"))
    page.wait_for_load_state("networkidle")
    box = page.locator(CHECKER).bounding_box()
    assert box["y"] > 600, "the widget must start below the fold for this test"
    assert page.get_attribute(CHECKER, "data-state") == "idle"
    assert pyodide_requests(context) == []
    page.locator(CHECKER).scroll_into_view_if_needed()
    page.wait_for_selector(f"{CHECKER}[data-state=ready]", timeout=READY_TIMEOUT_MS)
    assert any(url.endswith("pyodide.asm.wasm") for url in pyodide_requests(context))

    # A worker that dies is replaced on the next keystroke (after its check goes unanswered).
    workers = [w for w in page.workers if w.url.endswith("/pycheck/worker.js")]
    assert len(workers) == 1
    workers[0].evaluate("self.close()")
    page.fill(f"{CHECKER} input[name=password]", "Abcdefghijklm1!x")
    page.fill(f"{CHECKER} input[name=confirm]", "Abcdefghijklm1!x")
    page.wait_for_selector(f"{CHECKER}[data-state=ready][data-busy=false][data-ok=true]", timeout=READY_TIMEOUT_MS)


def test_python_loads_when_ready_is_called(context):
    page = context.new_page()
    page.goto(at(DEFAULT_LANG, "hjelp/"))
    page.wait_for_load_state("networkidle")
    assert pyodide_requests(context) == []
    assert page.evaluate("window.pycheck.state") == "idle"
    page.evaluate("window.pycheck.ready()")
    assert page.evaluate("window.pycheck.state") == "ready"
    assert any(url.endswith("pyodide.asm.wasm") for url in pyodide_requests(context))
    report = page.evaluate("window.pycheck.checkPassword('Sommer2024!', null)")
    assert report["failed"] == list(check_password("Sommer2024!").failed)


@pytest.mark.parametrize("lang", LANGS)
def test_without_javascript_the_rules_and_a_note_remain(browser, site_url, lang):
    ctx = browser.new_context(base_url=site_url, java_script_enabled=False)
    try:
        page = ctx.new_page()
        page.goto(at(lang, "checker/"))
        rules = page.locator(f"{CHECKER} [data-role=rules]").inner_text()
        for code in POLICY.codes:
            assert messages.text(f"rule.{code}.help", lang) in rules
        # Playwright turns off script execution, not the parser's scripting flag, so Chromium keeps
        # <noscript> as raw text here: its text is read instead of its visibility.
        assert widgets.text("password_noscript", lang) in page.locator(f"{CHECKER} noscript").text_content()
        assert page.locator(f"{CHECKER} input[name=password]").is_visible()
        page.goto(at(lang, "totp-demo/"))
        assert widgets.text("totp_noscript", lang) in page.locator(f"{TOTP} noscript").text_content()
        assert page.locator(f"{TOTP} [data-role=warning]").is_visible()
        assert page.locator(f"{TOTP} [data-role=warning]").inner_text() == widgets.text("totp_warning", lang)
    finally:
        ctx.close()
