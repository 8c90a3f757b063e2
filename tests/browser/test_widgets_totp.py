"""The TOTP demo in the browser computes exactly what CPython's pycheck.totp computes; instant
navigation mounts the checker again without loading Python a second time."""
from __future__ import annotations

import re
import tomllib
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

from pycheck import messages
from pycheck import totp

pytestmark = pytest.mark.browser

READY_TIMEOUT_MS = 120_000  # a generous bound for a busy 2-core machine, not a speed claim
ROOT = "[data-pycheck=totp]"
WIDGET_TEXTS = tomllib.loads(
    (Path(__file__).resolve().parents[2] / "overrides/hooks/widget_texts.toml").read_text("utf-8"))
CSP_LISTENER = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (e) =>
  window.__cspViolations.push(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`));
"""
SECRETS = ["JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP", "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"]
TIMES = [0, 59, 1111111109, 1234567890, 2000000000, 1760000000.5]
OPTIONS = [{}, {"digits": 8}, {"period": 60}, {"algorithm": "sha256"}, {"digits": 8, "algorithm": "sha512"}]


@pytest.fixture(scope="module")
def context(browser, site_url):
    ctx = browser.new_context(base_url=site_url)
    ctx.add_init_script(CSP_LISTENER)
    # Material navigates instantly only to URLs of the sitemap, which carries the configured
    # site_url (host and port); served on a test port, the sitemap is made to name this origin.
    origin = site_url.rstrip("/")

    def sitemap_on_this_origin(route):
        response = route.fetch()
        body = re.sub(r"<loc>https?://[^/<]+", f"<loc>{origin}", response.text())
        route.fulfill(response=response, body=body)

    ctx.route("**/sitemap.xml", sitemap_on_this_origin)
    requests: list[str] = []
    ctx.on("request", lambda request: requests.append(request.url))
    ctx.requests = requests
    yield ctx
    ctx.close()


@pytest.fixture(scope="module")
def page(context):
    pg = context.new_page()
    pg.goto("totp-demo/")
    pg.wait_for_selector(f"{ROOT}[data-state=ready] [data-role=code]:not(:empty)", timeout=READY_TIMEOUT_MS)
    yield pg
    pg.close()


def shown(page) -> tuple[str, str, int]:
    """(secret, code, at) as the widget shows them now."""
    secret = page.locator(f"{ROOT} [data-role=secret]").inner_text()
    code = page.locator(f"{ROOT} [data-role=code]").inner_text()
    at = int(page.get_attribute(ROOT, "data-at"))
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
    seconds = page.locator(f"{ROOT} [data-role=seconds]").inner_text()
    assert any(ch.isdigit() for ch in seconds)


def test_link_and_qr_code_carry_the_demo_secret(page):
    secret, _, _ = shown(page)
    href = page.get_attribute(f"{ROOT} [data-role=uri]", "href")
    assert href.startswith("otpauth://totp/")
    assert parse_qs(urlsplit(href).query)["secret"] == [secret]
    src = page.get_attribute(f"{ROOT} [data-role=qr]", "src")
    assert src.startswith("data:image/svg+xml")
    assert page.locator(f"{ROOT} [data-role=qr]").is_visible()
    assert page.evaluate("document.querySelector('[data-pycheck=totp] [data-role=qr]').naturalWidth") > 0
    assert page.get_attribute(f"{ROOT} [data-role=qr]", "alt")


def test_verify_accepts_the_right_code_and_refuses_others(page):
    secret, _, _ = shown(page)
    result = page.locator(f"{ROOT} [data-role=verify-result]")
    field = page.locator(f"{ROOT} input[name=code]")

    now = int(page.evaluate("Date.now() / 1000"))
    field.fill(totp.code(secret, now))
    page.click(f"{ROOT} [data-action=verify]")
    page.wait_for_selector(f"{ROOT} [data-role=verify-result][data-valid=true]")
    assert WIDGET_TEXTS["totp_valid"]["nb"] in result.inner_text()

    wrong = next(c for c in (f"{n:06d}" for n in range(1000000)) if not totp.verify(c, secret, now))
    field.fill(wrong)
    field.press("Enter")
    page.wait_for_selector(f"{ROOT} [data-role=verify-result][data-valid=false]")
    assert WIDGET_TEXTS["totp_invalid"]["nb"] in result.inner_text()

    field.fill("12ab")
    page.click(f"{ROOT} [data-action=verify]")
    page.wait_for_selector(f"{ROOT} [data-role=verify-result][data-valid=bad-input]")
    assert result.inner_text() == WIDGET_TEXTS["totp_bad_input"]["nb"]


def test_new_secret_replaces_the_old_one(page):
    old, _, _ = shown(page)
    page.click(f"{ROOT} [data-action=new-secret]")
    page.wait_for_selector(f"{ROOT} [data-role=secret]:not(:text-is('{old}'))")
    secret, code, at = shown(page)
    assert secret != old and code == totp.code(secret, at)


def test_demo_says_plainly_it_is_a_demo(page):
    warning = page.locator(f"{ROOT} [data-role=warning]").inner_text()
    assert warning == WIDGET_TEXTS["totp_warning"]["nb"]
    assert "Buypass Code" in warning


def test_instant_navigation_mounts_the_checker_with_the_same_python(page, context):
    before = [url for url in context.requests if "/pyodide/" in url]
    page.evaluate("window.__samePage = true")
    page.click("a.md-nav__link[href$='checker/']")
    checker = "[data-pycheck=password]"
    page.wait_for_selector(f"{checker}[data-state=ready]", timeout=READY_TIMEOUT_MS)
    assert page.evaluate("window.__samePage") is True, "instant navigation did not keep the document"
    page.fill(f"{checker} input[name=password]", "Sommer2024!")
    page.fill(f"{checker} input[name=confirm]", "Sommer2024!")
    page.wait_for_selector(f"{checker}[data-busy=false]")
    from pycheck import check_password

    assert page.get_attribute(checker, "data-failed") == " ".join(check_password("Sommer2024!", "Sommer2024!").failed)
    assert page.locator(f"{checker} [data-role=verdict]").inner_text() == messages.text("report.not_ok", "nb")
    assert [url for url in context.requests if "/pyodide/" in url] == before, "Python was loaded again"
    assert page.evaluate("window.__cspViolations") == []
