"""The TOTP demo in the browser computes exactly what CPython's pycheck.totp computes, shows nothing a
reader could add to an authenticator app; instant navigation mounts the checker again without loading
Python a second time."""
from __future__ import annotations

import re

import pytest
import widgets
from browserkit import (CHECKER, READY_TIMEOUT_MS, TOTP, at, csp_violations, navigate_instantly, pyodide_requests,
                        recording_context, watch_csp)
from guide_languages import DEFAULT_LANG

from pycheck import check_password, messages, totp

pytestmark = pytest.mark.browser

SECRETS = ["JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP", "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"]
TIMES = [0, 59, 1111111109, 1234567890, 2000000000, 1760000000.5]
OPTIONS = [{}, {"digits": 8}, {"period": 60}, {"algorithm": "sha256"}, {"digits": 8, "algorithm": "sha512"}]


@pytest.fixture(scope="module")
def context(browser, site_url):
    ctx = recording_context(browser, base_url=site_url)
    watch_csp(ctx)
    navigate_instantly(ctx, site_url)
    yield ctx
    ctx.close()


def open_demo(context):
    page = context.new_page()
    page.goto(at(DEFAULT_LANG, "totp-demo/"))
    page.wait_for_selector(f"{TOTP}[data-state=ready] [data-role=code]:not(:empty)", timeout=READY_TIMEOUT_MS)
    return page


@pytest.fixture(scope="module")
def demo_page(context):
    """One demo page, booted once, for the tests that stay on it."""
    pg = open_demo(context)
    yield pg
    pg.close()


@pytest.fixture
def page(demo_page):
    """The shared demo page; whatever a test does on it must not violate the page's CSP."""
    yield demo_page
    assert csp_violations(demo_page) == []


def shown(page) -> tuple[str, int]:
    """(code, at) as the widget shows them now."""
    code = page.locator(f"{TOTP} [data-role=code]").inner_text()
    return code, int(page.get_attribute(TOTP, "data-at"))


def another_code(code: str) -> str:
    """`code` with its first digit changed: wrong unless the key's code one period before or after
    happens to be exactly that (3 chances in a million)."""
    return str((int(code[0]) + 5) % 10) + code[1:]


def test_api_codes_equal_cpython_at_fixed_times(page):
    cases = [(s, t, o) for s in SECRETS for t in TIMES for o in OPTIONS]
    got = page.evaluate(
        """async (cases) => {
          const out = [];
          for (const [secret, at, options] of cases) out.push(await window.pycheck.totp(secret, at, options));
          return out;
        }""",
        [list(case) for case in cases],
    )
    assert got == [totp.code(s, t, **o) for s, t, o in cases]


def test_api_demo_equals_cpython_for_its_new_key(page):
    at = 1_700_000_069  # 29 s into its 30-second step
    demo = page.evaluate("async (at) => await window.pycheck.totpDemo(null, at)", at)
    assert set(demo) == {"secret", "code", "seconds_left", "at"}
    assert len(demo["secret"]) >= 32  # ≥ 160 bits of base32
    assert demo["code"] == totp.code(demo["secret"], at)
    assert (demo["seconds_left"], demo["at"]) == (1, at)


def test_widget_shows_a_code_and_its_seconds_left(page):
    code, _ = shown(page)
    assert re.fullmatch(r"[0-9]{6}", code)
    seconds = page.locator(f"{TOTP} [data-role=seconds]").inner_text()
    assert re.search(r"\b([1-9]|[12][0-9]|30)\b", seconds), seconds


def test_the_demo_shows_nothing_to_add_to_an_app(page):
    """No key, no otpauth link, no QR code: a reader is never invited to add the demo to a real app."""
    widget = page.locator(TOTP)
    assert widget.locator("a[href^='otpauth:'], img, canvas, svg, [data-role=secret], [data-role=uri]").count() == 0
    assert not re.search(r"[A-Z2-7]{16,}", widget.inner_text()), "a base32 key is shown"
    assert "otpauth" not in widget.inner_html()


def test_verify_accepts_the_right_code_and_refuses_others(page):
    result = page.locator(f"{TOTP} [data-role=verify-result]")
    field = page.locator(f"{TOTP} input[name=code]")
    code, _ = shown(page)

    field.fill(code)
    page.click(f"{TOTP} [data-action=verify]")
    page.wait_for_selector(f"{TOTP} [data-role=verify-result][data-valid=true]")
    assert widgets.text("totp_valid", DEFAULT_LANG) in result.inner_text()

    field.fill(another_code(code))
    field.press("Enter")
    page.wait_for_selector(f"{TOTP} [data-role=verify-result][data-valid=false]")
    assert widgets.text("totp_invalid", DEFAULT_LANG) in result.inner_text()

    for bad in ("12ab", "12345", "1234567"):
        page.evaluate("document.querySelector('[data-pycheck=totp] [data-role=verify-result]').dataset.valid = ''")
        field.fill(bad)
        page.click(f"{TOTP} [data-action=verify]")
        page.wait_for_selector(f"{TOTP} [data-role=verify-result][data-valid=bad-input]")
        assert result.inner_text() == widgets.text("totp_bad_input", DEFAULT_LANG)
    assert "6" in widgets.text("totp_bad_input", DEFAULT_LANG)  # pycheck.totp's default, filled in at build time


def test_a_new_key_gives_a_new_code_that_verifies(page):
    old, _ = shown(page)
    page.click(f"{TOTP} [data-action=new-secret]")
    # A new key gives another code, but for 1 chance in a million.
    page.wait_for_selector(f"{TOTP} [data-role=code]:not(:text-is('{old}'))")
    code, _ = shown(page)
    page.fill(f"{TOTP} input[name=code]", code)
    page.click(f"{TOTP} [data-action=verify]")
    page.wait_for_selector(f"{TOTP} [data-role=verify-result][data-valid=true]")


def test_demo_says_plainly_it_is_a_demo(page):
    warning = page.locator(f"{TOTP} [data-role=warning]").inner_text()
    assert warning == widgets.text("totp_warning", DEFAULT_LANG)
    assert "Buypass Code" in warning


def test_instant_navigation_mounts_the_checker_with_the_same_python(context):
    # A page of its own, since it leaves the demo.
    page = open_demo(context)
    try:
        before = pyodide_requests(context)
        page.evaluate("window.__samePage = true")
        page.click("a.md-nav__link[href$='checker/']")
        page.wait_for_selector(f"{CHECKER}[data-state=ready]", timeout=READY_TIMEOUT_MS)
        assert page.evaluate("window.__samePage") is True, "instant navigation did not keep the document"
        page.fill(f"{CHECKER} input[name=password]", "Sommer2024!")
        page.fill(f"{CHECKER} input[name=confirm]", "Sommer2024!")
        page.wait_for_selector(f"{CHECKER}[data-busy=false]")
        assert page.get_attribute(CHECKER, "data-failed") == " ".join(check_password("Sommer2024!", "Sommer2024!").failed)
        verdict = page.locator(f"{CHECKER} [data-role=verdict]").inner_text()
        assert verdict == messages.text("report.not_ok", DEFAULT_LANG)
        assert pyodide_requests(context) == before, "Python was loaded again"
        assert csp_violations(page) == []
    finally:
        page.close()
