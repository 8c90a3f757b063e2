"""Faults in the real widget on the site: a standard library that answers 404 and a pycheck wheel whose
bytes were altered each bring the fallback, in the page's language, within 10 s, with the rules still readable, and a
retry works once the fault is gone. Also: Python is not fetched for a widget below the fold until it
is seen or focused, on a phone-sized screen.

The blocked wasm, the missing WebAssembly and the dead worker are in test_widgets_fallback.py.
"""
from __future__ import annotations

import io
import itertools
import zipfile

import pytest
from browserkit import (
    CHECKER,
    FALLBACK_WITHIN_MS,
    READY_TIMEOUT_MS,
    assert_fallback,
    at,
    pyodide_requests,
    recording_context,
    refuse_snapshot,
)
from guide_languages import DEFAULT_LANG, LANGS

from pycheck import messages
from pycheck.policy import POLICY

pytestmark = pytest.mark.browser

ACCEPTED = "Abcdefghijklm1!x"
# The faults are the same in every language; the two fallbacks are checked in two of them.
ANOTHER_LANG = next(lang for lang in LANGS if lang != DEFAULT_LANG)
PHONE = {"width": 360, "height": 640}
TWO_FRAMES = "() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)))"


def altered_wheel(body: bytes) -> bytes:
    """The same wheel, still a valid zip with the same files, with a zip comment added: only its
    sha256 differs, so only the integrity check can refuse it."""
    buffer = io.BytesIO(body)
    with zipfile.ZipFile(buffer, "a") as wheel:
        wheel.comment = b"altered in transit"
    altered = buffer.getvalue()
    assert altered != body
    with zipfile.ZipFile(io.BytesIO(altered)) as wheel:
        assert wheel.testzip() is None and any(name.startswith("pycheck/") for name in wheel.namelist())
    return altered


# Notes, by the page's own clock, when the checker starts loading Python and when it shows the fallback.
STATE_CLOCK = """
window.__states = [];
new MutationObserver(() => {
  const root = document.querySelector("[data-pycheck=password]");
  const state = root && root.dataset.state;
  if (state && (window.__states.at(-1) || [])[0] !== state) window.__states.push([state, performance.now()]);
}).observe(document, {subtree: true, attributes: true, attributeFilter: ["data-state"], childList: true});
"""


def wait_for_fallback(page, lang: str) -> float:
    """Waits for the checker's fallback and checks it came within FALLBACK_WITHIN_MS of the start of
    loading (the page's clock, set by STATE_CLOCK), with the rules readable. Returns the seconds."""
    page.wait_for_selector(f"{CHECKER}:is([data-state=error], [data-state=ready])", timeout=READY_TIMEOUT_MS)
    states = page.evaluate("window.__states")
    assert page.get_attribute(CHECKER, "data-state") == "error", f"Python loaded despite the fault: {states}"
    started = next(at for state, at in states if state == "loading")
    shown = next(at for state, at in states if state == "error")
    assert shown - started <= FALLBACK_WITHIN_MS, f"fallback after {(shown - started) / 1000:.1f} s: {states}"
    assert_fallback(page, CHECKER, lang)
    rules = page.locator(f"{CHECKER} [data-role=rules]")
    assert rules.is_visible()
    for code in POLICY.codes:
        assert messages.text(f"rule.{code}.help", lang) in rules.inner_text()
    return (shown - started) / 1000


def open_until_fallback(context, path: str, lang: str):
    """Opens `path` with the state clock running and waits for the checker's fallback (wait_for_fallback)."""
    context.add_init_script(STATE_CLOCK)
    page = context.new_page()
    page.goto(path)
    wait_for_fallback(page, lang)
    return page


def boot_outcome(page) -> str:
    """How the boot under way ends: "refused" or "ready". The fallback shows after a few seconds of
    loading even while the boot goes on (on a busy machine, before it has asked for the faulty file),
    so a test of a refusal waits for the boot itself, not for the fallback."""
    return page.evaluate("window.pycheck.ready().then(() => 'ready', () => 'refused')")


def retry_works(page, context, pattern: str, handler) -> None:
    """Removes the fault, presses retry, and checks a password for real."""
    context.unroute(pattern, handler)
    page.click(f"{CHECKER} [data-action=retry]")
    page.wait_for_selector(f"{CHECKER}[data-state=ready]", timeout=READY_TIMEOUT_MS)
    page.fill(f"{CHECKER} input[name=password]", ACCEPTED)
    page.fill(f"{CHECKER} input[name=confirm]", ACCEPTED)
    page.wait_for_selector(f"{CHECKER}[data-busy=false][data-ok=true]")
    assert not page.locator(f"{CHECKER} [data-action=retry]").is_visible()
    assert page.locator(f"{CHECKER} [data-role=status]").inner_text() == ""


def test_stdlib_answering_404_shows_the_fallback_then_retry_works(context):
    served = []

    def not_found(route):
        served.append(route.request.url)
        route.fulfill(status=404, content_type="text/plain", body="not found")

    # The memory snapshot needs no standard library file: refused, so the normal boot runs.
    refuse_snapshot(context)
    context.route("**/python_stdlib.zip", not_found)
    page = open_until_fallback(context, at(DEFAULT_LANG, "checker/"), DEFAULT_LANG)
    assert boot_outcome(page) == "refused"
    assert served, "the standard library request was not intercepted"
    retry_works(page, context, "**/python_stdlib.zip", not_found)


def test_an_altered_pycheck_wheel_is_refused_then_retry_works(context):
    # The memory snapshot holds pycheck already imported and never fetches the wheel: it is refused
    # here (no manifest), so the normal boot, the one that installs the wheel, runs every time.
    refuse_snapshot(context)
    served = []

    def alter(route):
        response = route.fetch()
        served.append(route.request.url)
        route.fulfill(response=response, body=altered_wheel(response.body()))

    context.route("**/pyodide/*/pycheck-*.whl", alter)
    page = open_until_fallback(context, at(ANOTHER_LANG, "checker/"), ANOTHER_LANG)
    # Pyodide got the altered wheel and refused it: Python never became ready.
    assert boot_outcome(page) == "refused"
    assert served, "the wheel request was not intercepted"
    assert page.evaluate("window.pycheck.state") == "error"
    wheels_before = len([url for url in context.requests if url.endswith(".whl")])
    retry_works(page, context, "**/pyodide/*/pycheck-*.whl", alter)
    # the retry fetched the wheel again, intact this time
    assert len([url for url in context.requests if url.endswith(".whl")]) > wheels_before


def test_a_widget_below_the_fold_on_a_phone_loads_python_only_when_focused_or_seen(browser, site_url):
    context = recording_context(browser, base_url=site_url, viewport=PHONE, is_mobile=True, has_touch=True)
    try:
        # every language's page (its widget's place depends on its text), by focus or by scrolling
        for lang, start in zip(LANGS, itertools.cycle(("focus", "scroll"))):
            page = context.new_page()
            page.goto(at(lang, "passord/"))
            page.wait_for_load_state("networkidle")
            # the checker belongs to the step "Opprette passord 2" (after its heading, before the next step's)
            assert page.locator(f"#opprette-passord-2 ~ * {CHECKER}, #opprette-passord-2 ~ {CHECKER}").count() == 1
            assert page.evaluate(
                "() => document.querySelector('#opprette-passord-3')"
                ".compareDocumentPosition(document.querySelector('[data-pycheck=password]'))"
                " & Node.DOCUMENT_POSITION_PRECEDING") != 0
            widget_top = page.locator(CHECKER).bounding_box()["y"]
            assert widget_top > PHONE["height"], "the checker must start below the first screen for this test"
            # read down to just above the widget: nothing of Python yet
            page.evaluate("(y) => window.scrollTo(0, y)", widget_top - PHONE["height"] - 40)
            page.evaluate(TWO_FRAMES)  # IntersectionObserver has reported by then; it must start nothing
            page.wait_for_load_state("networkidle")
            assert page.get_attribute(CHECKER, "data-state") == "idle"
            assert pyodide_requests(context) == []
            fetched = lambda request: "/pyodide/" in request.url  # noqa: E731
            with context.expect_event("request", fetched, timeout=READY_TIMEOUT_MS):
                if start == "focus":
                    # focus without scrolling, as a keyboard or screen reader user may arrive
                    page.evaluate("document.querySelector('[data-pycheck=password] input[name=password]')"
                                  ".focus({preventScroll: true})")
                    assert page.locator(CHECKER).bounding_box()["y"] > PHONE["height"], "the focus scrolled"
                else:
                    page.locator(CHECKER).scroll_into_view_if_needed()
            assert page.get_attribute(CHECKER, "data-state") in ("loading", "ready")
            page.close()
            context.requests.clear()
    finally:
        context.close()
