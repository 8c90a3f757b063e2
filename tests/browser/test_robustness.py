"""The widgets under abuse (issue 14): a huge paste, a check that never comes back, a boot that stalls,
widgets left behind by instant navigation, a masked password quoted in the warnings."""
from __future__ import annotations

from datetime import datetime, timezone

import pytest
import widgets
from browserkit import (
    CHECKER,
    READY_TIMEOUT_MS,
    TOTP,
    assert_fallback,
    gate_workers,
    navigate_instantly,
    recording_context,
)
from playwright.sync_api import expect

from pycheck import check_password, messages, totp

pytestmark = pytest.mark.browser

PASSWORD = f"{CHECKER} input[name=password]"
VERDICT = f"{CHECKER} [data-role=verdict]"


@pytest.fixture
def gated(browser, site_url):
    """A fresh context whose pages have the worker gate (browserkit.WORKER_GATE)."""
    context = recording_context(browser, base_url=site_url)
    gate_workers(context)
    yield context
    context.close()


def ready_checker(context, path: str = "checker/"):
    page = context.new_page()
    page.goto(path)
    page.wait_for_selector(f"{CHECKER}[data-state=ready]", timeout=READY_TIMEOUT_MS)
    return page


def posted(page, op: str, swallowed: bool | None = None) -> int:
    """How many `op` requests the page has posted to its workers (only those swallowed or not, if given)."""
    return page.evaluate("([op, swallowed]) => window.__workerGate.posted.filter((p) => p.op === op && "
                         "(swallowed === null || p.swallowed === swallowed)).length", [op, swallowed])


def test_a_one_megabyte_paste_of_combining_marks_gets_its_verdict(gated):
    # "a", then 262,144 acute accents and as many grave accents below (1 MiB of UTF-8): canonical
    # ordering's worst case, which once took Python minutes, so the worker was replaced and the same
    # paste sent again, forever. The deadline is generous: a guard against a hang, not a speed claim.
    k = 262_144
    paste = "a" + "\u0301" * k + "\u0316" * k
    page = ready_checker(gated)
    checks_before = posted(page, "check")
    page.fill(PASSWORD, paste)
    page.wait_for_selector(f"{CHECKER}[data-busy=false]", timeout=READY_TIMEOUT_MS)
    expected = check_password(paste, "")
    assert page.get_attribute(CHECKER, "data-failed") == " ".join(expected.failed)
    assert page.get_attribute(CHECKER, "data-warnings") == " ".join(expected.warnings)
    assert posted(page, "check") == checks_before + 1
    assert page.get_attribute(CHECKER, "data-state") == "ready"


def test_an_input_that_timed_out_is_never_sent_again(gated):
    page = ready_checker(gated)
    stuck = "Dette-svarer-aldri-47!"
    # The gate swallows every check of this input: the call times out as if Python were stuck on it.
    page.evaluate("(stuck) => { window.__workerGate.swallow = (m) => m.op === 'check' && m.args[0] === stuck; }",
                  stuck)
    page.fill(PASSWORD, stuck)
    # After the time-out the worker is replaced; the new one is not given the same input again, and
    # the reader is told that this password could not be checked here.
    page.wait_for_function("(text) => document.querySelector('[data-pycheck=password] [data-role=verdict]')"
                           ".textContent === text", arg=widgets.text("check_failed", "nb"), timeout=READY_TIMEOUT_MS)
    page.wait_for_selector(f"{CHECKER}[data-state=ready][data-busy=false]", timeout=READY_TIMEOUT_MS)
    # Any other input is checked by the new worker as usual.
    page.type(PASSWORD, "x")
    page.wait_for_selector(f"{CHECKER}[data-busy=false][data-failed]", timeout=READY_TIMEOUT_MS)
    assert page.get_attribute(CHECKER, "data-failed") == " ".join(check_password(stuck + "x", "").failed)
    assert page.inner_text(VERDICT) != widgets.text("check_failed", "nb")
    assert posted(page, "check", swallowed=True) == 1
    assert posted(page, "boot") == 2


def hold_first_wasm_request(context) -> list:
    """Routes the runtime's wasm: the first request is held for ever (a download that never ends, so the
    boot stalls), every later one goes through. Returns the list of every request seen."""
    seen: list = []

    def route(request_route):
        seen.append(request_route)
        if len(seen) > 1:
            request_route.continue_()

    context.route("**/pyodide/*/pyodide.asm.wasm", route)
    return seen


def test_retry_after_a_stalled_boot_starts_a_fresh_worker(gated):
    seen = hold_first_wasm_request(gated)
    page = gated.new_page()
    page.goto("checker/")
    assert_fallback(page, CHECKER, "nb")
    page.click(f"{CHECKER} [data-action=retry]")
    page.wait_for_selector(f"{CHECKER}[data-state=ready]", timeout=READY_TIMEOUT_MS)
    assert len(seen) == 2
    assert posted(page, "boot") == 2
    page.fill(PASSWORD, "Abcdefghijklm1!x")
    page.wait_for_selector(f"{CHECKER}[data-busy=false][data-failed]", timeout=READY_TIMEOUT_MS)
    assert page.get_attribute(CHECKER, "data-failed") == " ".join(check_password("Abcdefghijklm1!x", "").failed)


def test_a_stalled_boot_is_given_up_after_its_deadline(gated):
    hold_first_wasm_request(gated)
    page = gated.new_page()
    page.clock.install()  # the page's timers, not the worker's: the deadline is the page's
    page.goto("checker/")
    assert_fallback(page, CHECKER, "nb")
    page.evaluate("""() => { window.__boot = "waiting";
      window.pycheck.ready().then(() => { window.__boot = "ready"; }, () => { window.__boot = "given up"; }); }""")
    assert page.evaluate("window.__boot") == "waiting"
    page.clock.fast_forward("10:00")  # far past any deadline a boot could sensibly have
    page.wait_for_function("() => window.__boot !== 'waiting'")  # a function: a bare expression is eval'd (CSP)
    assert page.evaluate("window.__boot") == "given up"
    assert page.get_attribute(CHECKER, "data-state") == "error"


SECRET = "Hemmelig-Tulipan-Vindu-47!"


def test_instant_navigation_releases_the_widget_and_empties_its_fields(gated, site_url):
    navigate_instantly(gated, site_url)
    page = ready_checker(gated)
    page.fill(PASSWORD, SECRET)
    page.fill(f"{CHECKER} input[name=confirm]", SECRET)
    page.wait_for_selector(f"{CHECKER}[data-busy=false][data-ok=true]", timeout=READY_TIMEOUT_MS)
    page.evaluate("() => { window.__old = [...document.querySelectorAll("
                  "'[data-pycheck=password] input[name=password], [data-pycheck=password] input[name=confirm]')]; }")
    # Material's instant navigation: the page is swapped in place, this window and its scripts stay.
    page.click(".md-nav__link[href$='passord/']")
    page.wait_for_url("**/passord/")
    # Material changes the address first and swaps the content after: wait for the swap itself.
    page.wait_for_function("() => window.__old.every((input) => !input.isConnected)", timeout=READY_TIMEOUT_MS)
    page.wait_for_selector(f"{CHECKER}[data-state=ready][data-failed]", timeout=READY_TIMEOUT_MS)
    # The fields of the page swapped out are empty: nothing there holds the password any more.
    assert page.evaluate("window.__old.map((input) => input.value)") == ["", ""]
    # And nothing listens to them: typing into an old field sends no check, only the new field does.
    checks_before = posted(page, "check")
    page.evaluate("() => { window.__old[0].value = 'Gammel-Tulipan-1!'; "
                  "window.__old[0].dispatchEvent(new Event('input', {bubbles: true})); }")
    page.fill(PASSWORD, "Abcdefghijklm1!x")
    page.wait_for_selector(f"{CHECKER}[data-busy=false][data-failed]", timeout=READY_TIMEOUT_MS)
    assert page.get_attribute(CHECKER, "data-failed") == " ".join(check_password("Abcdefghijklm1!x", "").failed)
    assert posted(page, "check") == checks_before + 1


def test_leaving_the_page_empties_the_fields(gated):
    page = ready_checker(gated)
    page.fill(PASSWORD, SECRET)
    page.fill(f"{CHECKER} input[name=confirm]", SECRET)
    page.wait_for_selector(f"{CHECKER}[data-busy=false][data-ok=true]", timeout=READY_TIMEOUT_MS)
    page.evaluate("window.dispatchEvent(new PageTransitionEvent('pagehide', {persisted: true}))")
    fields = page.locator(f"{CHECKER} input[name=password], {CHECKER} input[name=confirm]")
    assert [fields.nth(i).input_value() for i in range(2)] == ["", ""]
    # Back from the cache, the verdict is the one of the empty fields.
    page.wait_for_function("(text) => document.querySelector('[data-pycheck=password] [data-role=verdict]')"
                           ".textContent === text", arg=widgets.text("verdict_empty", "nb"), timeout=READY_TIMEOUT_MS)


def test_the_warnings_quote_the_characters_only_while_the_password_is_shown(gated):
    page = ready_checker(gated)
    password = "Blåbær-Syltetøy-2024!"
    warning = page.locator(f"{CHECKER} li[data-warning=non_ascii]")
    masked = messages.text("warning_masked.non_ascii", "nb")
    shown = check_password(password).warning_message("non_ascii", "nb")
    assert "å æ ø" in shown and "å æ ø" not in masked
    page.fill(PASSWORD, password)
    expect(warning).to_have_text(masked, timeout=READY_TIMEOUT_MS)
    page.click(f"{CHECKER} [data-action=toggle]")
    expect(warning).to_have_text(shown, timeout=READY_TIMEOUT_MS)
    page.click(f"{CHECKER} [data-action=toggle]")
    expect(warning).to_have_text(masked, timeout=READY_TIMEOUT_MS)
    assert "å æ ø" not in page.inner_text(CHECKER)


CODE = f"{TOTP} [data-role=code]"


def demo_answers(page) -> list[dict]:
    """The answers of the worker to the TOTP demo's "demo" requests, in order: {secret, code, at, …}."""
    return page.evaluate("window.__workerGate.answers.filter((a) => a.ok && a.value && a.value.secret)"
                         ".map((a) => a.value)")


def test_an_old_code_never_overwrites_the_new_secret(gated):
    page = gated.new_page()
    page.clock.install()  # the page's clock, moved by the test; the worker computes at the times it is given
    page.goto("totp-demo/")
    page.wait_for_selector(f"{TOTP}[data-state=ready] [data-role=code]:not(:empty)", timeout=READY_TIMEOUT_MS)
    (old,) = demo_answers(page)
    codes_before = posted(page, "code")
    # The worker's answers wait: «Ny hemmelighet» is asked, then the clock passes into the next period,
    # so the next tick asks for the code of the old secret before the new secret has come back.
    page.evaluate("window.__workerGate.hold = true")
    page.click(f"{TOTP} [data-action=new-secret]")
    now_ms = page.evaluate("Date.now()")
    page.clock.set_system_time(datetime.fromtimestamp(now_ms / 1000 + totp.DEFAULT_PERIOD, tz=timezone.utc))
    page.wait_for_function("(n) => window.__workerGate.posted.filter((p) => p.op === 'code').length > n",
                           arg=codes_before, timeout=READY_TIMEOUT_MS)
    page.evaluate("""() => { window.__shown = [];
      new MutationObserver(() => window.__shown.push(document.querySelector('[data-pycheck=totp] [data-role=code]')
        .textContent)).observe(document.querySelector('[data-pycheck=totp] [data-role=code]'),
        {childList: true, characterData: true, subtree: true}); }""")
    page.evaluate("window.__workerGate.release()")
    _, new = demo_answers(page)
    page.wait_for_function("(at) => Number(document.querySelector('[data-pycheck=totp]').dataset.at) >= at",
                           arg=int(new["at"]) + totp.DEFAULT_PERIOD - 1, timeout=READY_TIMEOUT_MS)
    at = int(page.get_attribute(TOTP, "data-at"))
    assert new["secret"] != old["secret"]
    new_codes = {totp.code(new["secret"], new["at"]), totp.code(new["secret"], at)}
    old_codes = {totp.code(old["secret"], new["at"]), totp.code(old["secret"], at)} - new_codes
    shown = page.evaluate("window.__shown")
    assert shown and set(shown) <= new_codes, (shown, new_codes, old_codes)
    assert page.inner_text(CODE) == totp.code(new["secret"], at)


def test_the_demo_comes_back_after_a_lost_worker(gated):
    # The first "demo" request is swallowed: the call times out as if the worker had died on it.
    gated.add_init_script("window.__workerGate.swallow = (m) => m.op === 'demo' && "
                          "!window.__workerGate.posted.some((p) => p.op === 'demo');")
    page = gated.new_page()
    page.goto("totp-demo/")
    page.wait_for_selector(f"{TOTP}[data-state=ready] [data-role=code]:not(:empty)", timeout=READY_TIMEOUT_MS)
    assert posted(page, "demo", swallowed=True) == 1
    assert posted(page, "boot") == 2
    (demo,) = demo_answers(page)
    at = int(page.get_attribute(TOTP, "data-at"))
    assert page.inner_text(CODE) == totp.code(demo["secret"], at)
