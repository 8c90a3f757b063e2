"""The TOTP demo in the browser computes exactly what CPython's pycheck.totp computes; instant
navigation mounts the checker again without loading Python a second time."""
from __future__ import annotations

import re
from urllib.parse import parse_qs, urlsplit

import pytest
import widgets
from browserkit import CHECKER, READY_TIMEOUT_MS, TOTP, csp_violations, pyodide_requests, recording_context, watch_csp

from pycheck import check_password, messages, totp

pytestmark = pytest.mark.browser

SECRETS = ["JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP", "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"]
TIMES = [0, 59, 1111111109, 1234567890, 2000000000, 1760000000.5]
OPTIONS = [{}, {"digits": 8}, {"period": 60}, {"algorithm": "sha256"}, {"digits": 8, "algorithm": "sha512"}]


@pytest.fixture(scope="module")
def context(browser, site_url):
    ctx = recording_context(browser, base_url=site_url)
    watch_csp(ctx)
    # Material navigates instantly only to URLs of the sitemap, which carries the configured
    # site_url (host and port); served on a test port, the sitemap is made to name this origin.
    origin = site_url.rstrip("/")

    def sitemap_on_this_origin(route):
        response = route.fetch()
        body = re.sub(r"<loc>https?://[^/<]+", f"<loc>{origin}", response.text())
        route.fulfill(response=response, body=body)

    ctx.route("**/sitemap.xml", sitemap_on_this_origin)
    yield ctx
    ctx.close()


def open_demo(context):
    page = context.new_page()
    page.goto("totp-demo/")
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


def shown(page) -> tuple[str, str, int]:
    """(secret, code, at) as the widget shows them now."""
    secret = page.locator(f"{TOTP} [data-role=secret]").inner_text()
    code = page.locator(f"{TOTP} [data-role=code]").inner_text()
    at = int(page.get_attribute(TOTP, "data-at"))
    return secret, code, at


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


def test_widget_code_equals_cpython_for_its_secret_and_time(page):
    secret, code, at = shown(page)
    assert len(secret) >= 32  # ≥ 160 bits of base32
    assert code == totp.code(secret, at)
    seconds = page.locator(f"{TOTP} [data-role=seconds]").inner_text()
    assert any(ch.isdigit() for ch in seconds)


def test_link_and_qr_code_carry_the_demo_secret(page):
    secret, _, _ = shown(page)
    href = page.get_attribute(f"{TOTP} [data-role=uri]", "href")
    assert href.startswith("otpauth://totp/")
    assert parse_qs(urlsplit(href).query)["secret"] == [secret]
    src = page.get_attribute(f"{TOTP} [data-role=qr]", "src")
    assert src.startswith("data:image/svg+xml")
    assert page.locator(f"{TOTP} [data-role=qr]").is_visible()
    assert page.evaluate("document.querySelector('[data-pycheck=totp] [data-role=qr]').naturalWidth") > 0
    assert page.get_attribute(f"{TOTP} [data-role=qr]", "alt")


def test_verify_accepts_the_right_code_and_refuses_others(page):
    secret, _, _ = shown(page)
    result = page.locator(f"{TOTP} [data-role=verify-result]")
    field = page.locator(f"{TOTP} input[name=code]")

    now = int(page.evaluate("Date.now() / 1000"))
    field.fill(totp.code(secret, now))
    page.click(f"{TOTP} [data-action=verify]")
    page.wait_for_selector(f"{TOTP} [data-role=verify-result][data-valid=true]")
    assert widgets.text("totp_valid", "nb") in result.inner_text()

    wrong = next(c for c in (f"{n:06d}" for n in range(1000000)) if not totp.verify(c, secret, now))
    field.fill(wrong)
    field.press("Enter")
    page.wait_for_selector(f"{TOTP} [data-role=verify-result][data-valid=false]")
    assert widgets.text("totp_invalid", "nb") in result.inner_text()

    field.fill("12ab")
    page.click(f"{TOTP} [data-action=verify]")
    page.wait_for_selector(f"{TOTP} [data-role=verify-result][data-valid=bad-input]")
    assert result.inner_text() == widgets.text("totp_bad_input", "nb")


def test_new_secret_replaces_the_old_one(page):
    old, _, _ = shown(page)
    page.click(f"{TOTP} [data-action=new-secret]")
    page.wait_for_selector(f"{TOTP} [data-role=secret]:not(:text-is('{old}'))")
    secret, code, at = shown(page)
    assert secret != old and code == totp.code(secret, at)


def test_demo_says_plainly_it_is_a_demo(page):
    warning = page.locator(f"{TOTP} [data-role=warning]").inner_text()
    assert warning == widgets.text("totp_warning", "nb")
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
        assert page.locator(f"{CHECKER} [data-role=verdict]").inner_text() == messages.text("report.not_ok", "nb")
        assert pyodide_requests(context) == before, "Python was loaded again"
        assert csp_violations(page) == []
    finally:
        page.close()
