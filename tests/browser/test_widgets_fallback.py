"""When Python cannot load, the widgets say so in the page's language, keep the rules readable and
offer a retry that works; Python loads only when a widget is seen, focused, or ready() is called."""
from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from pycheck import check_password, messages
from pycheck.policy import POLICY

pytestmark = pytest.mark.browser

READY_TIMEOUT_MS = 120_000  # a generous bound for a busy 2-core machine, not a speed claim
FALLBACK_WITHIN_MS = 10_000  # the promise to the reader
ROOT = "[data-pycheck=password]"
WIDGET_TEXTS = tomllib.loads(
    (Path(__file__).resolve().parents[2] / "overrides/hooks/widget_texts.toml").read_text("utf-8"))


@pytest.fixture
def context(browser, site_url):
    ctx = browser.new_context(base_url=site_url, viewport={"width": 1000, "height": 600})
    ctx.requests = []
    ctx.on("request", lambda request: ctx.requests.append(request.url))
    yield ctx
    ctx.close()


def pyodide_requests(ctx) -> list[str]:
    return [url for url in ctx.requests if "/pyodide/" in url]


def assert_fallback(page, root: str, lang: str) -> None:
    page.wait_for_selector(f"{root}[data-state=error]", timeout=FALLBACK_WITHIN_MS)
    assert page.locator(f"{root} [data-role=status]").inner_text() == WIDGET_TEXTS["unavailable"][lang]
    assert page.locator(f"{root} [data-action=retry]").is_visible()
    assert page.locator(f"{root} [data-action=retry]").inner_text() == WIDGET_TEXTS["retry"][lang]


def test_blocked_wasm_shows_the_fallback_and_retry_recovers(context):
    blocked = lambda route: route.abort()  # noqa: E731
    context.route("**/pyodide.asm.wasm", blocked)
    page = context.new_page()
    page.goto("checker/")
    assert_fallback(page, ROOT, "nb")
    # the rules are still there to read, as text
    for code in POLICY.codes:
        assert messages.text(f"rule.{code}.help", "nb") in page.locator(f"{ROOT} [data-role=rules]").inner_text()
    # a keystroke in the meantime neither crashes nor hides the fallback
    page.fill(f"{ROOT} input[name=password]", "Abcdefghijklm1!x")
    assert page.get_attribute(ROOT, "data-state") == "error"

    context.unroute("**/pyodide.asm.wasm", blocked)
    page.click(f"{ROOT} [data-action=retry]")
    page.wait_for_selector(f"{ROOT}[data-state=ready]", timeout=READY_TIMEOUT_MS)
    page.fill(f"{ROOT} input[name=confirm]", "Abcdefghijklm1!x")
    page.wait_for_selector(f"{ROOT}[data-busy=false][data-ok=true]")
    assert not page.locator(f"{ROOT} [data-action=retry]").is_visible()


def test_the_fallback_speaks_english_on_english_pages(context):
    # The memory snapshot needs no standard library file: refused, so the normal boot runs.
    context.route("**/pyodide/snapshot.json", lambda route: route.fulfill(status=404, body="not found"))
    context.route("**/python_stdlib.zip", lambda route: route.fulfill(status=404, body="not found"))
    page = context.new_page()
    page.goto("en/checker/")
    assert_fallback(page, ROOT, "en")
    for code in POLICY.codes:
        assert messages.text(f"rule.{code}.help", "en") in page.locator(f"{ROOT} [data-role=rules]").inner_text()


def test_no_webassembly_shows_the_fallback(context):
    context.add_init_script("delete globalThis.WebAssembly;")
    page = context.new_page()
    page.goto("en/totp-demo/")
    assert_fallback(page, "[data-pycheck=totp]", "en")
    assert page.locator("[data-pycheck=totp] [data-role=warning]").is_visible()
    assert pyodide_requests(context) == []


def test_python_loads_only_when_the_widget_is_seen_and_a_dead_worker_is_replaced(context):
    page = context.new_page()
    page.goto("passord/")
    page.wait_for_load_state("networkidle")
    box = page.locator(ROOT).bounding_box()
    assert box["y"] > 600, "the widget must start below the fold for this test"
    assert page.get_attribute(ROOT, "data-state") == "idle"
    assert pyodide_requests(context) == []
    page.locator(ROOT).scroll_into_view_if_needed()
    page.wait_for_selector(f"{ROOT}[data-state=ready]", timeout=READY_TIMEOUT_MS)
    assert any(url.endswith("pyodide.asm.wasm") for url in pyodide_requests(context))

    # A worker that dies is replaced on the next keystroke (after its check goes unanswered).
    workers = [w for w in page.workers if w.url.endswith("/pycheck/worker.js")]
    assert len(workers) == 1
    workers[0].evaluate("self.close()")
    page.fill(f"{ROOT} input[name=password]", "Abcdefghijklm1!x")
    page.fill(f"{ROOT} input[name=confirm]", "Abcdefghijklm1!x")
    page.wait_for_selector(f"{ROOT}[data-state=ready][data-busy=false][data-ok=true]", timeout=READY_TIMEOUT_MS)


def test_python_loads_when_ready_is_called(context):
    page = context.new_page()
    page.goto("hjelp/")
    page.wait_for_load_state("networkidle")
    assert pyodide_requests(context) == []
    assert page.evaluate("window.pycheck.state") == "idle"
    page.evaluate("window.pycheck.ready()")
    assert page.evaluate("window.pycheck.state") == "ready"
    assert any(url.endswith("pyodide.asm.wasm") for url in pyodide_requests(context))
    report = page.evaluate("window.pycheck.checkPassword('Sommer2024!', null)")
    assert report["failed"] == list(check_password("Sommer2024!").failed)



@pytest.mark.parametrize("lang", ["nb", "en"])
def test_without_javascript_the_rules_and_a_note_remain(browser, site_url, lang):
    ctx = browser.new_context(base_url=site_url, java_script_enabled=False)
    try:
        page = ctx.new_page()
        page.goto("checker/" if lang == "nb" else "en/checker/")
        rules = page.locator(f"{ROOT} [data-role=rules]").inner_text()
        for code in POLICY.codes:
            assert messages.text(f"rule.{code}.help", lang) in rules
        # Playwright turns off script execution, not the parser's scripting flag, so Chromium keeps
        # <noscript> as raw text here: its text is read instead of its visibility.
        assert WIDGET_TEXTS["password_noscript"][lang] in page.locator(f"{ROOT} noscript").text_content()
        assert page.locator(f"{ROOT} input[name=password]").is_visible()
        page.goto("totp-demo/" if lang == "nb" else "en/totp-demo/")
        assert WIDGET_TEXTS["totp_noscript"][lang] in page.locator("[data-pycheck=totp] noscript").text_content()
        assert page.locator("[data-pycheck=totp] [data-role=warning]").is_visible()
    finally:
        ctx.close()
