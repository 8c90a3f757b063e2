"""The language switch lands on the same page and step in the other language (headless Chromium)."""
from __future__ import annotations

from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.browser


def _switch(page: Page, lang: str) -> None:
    page.hover(".md-header .md-select")
    page.click(f'.md-header .md-select__link[hreflang="{lang}"]')


@pytest.mark.parametrize(
    ("start", "lang", "expected"),
    [
        ("passord/#opprette-passord-2", "en", "en/passord/"),
        ("en/app/#installere-app-3", "nb", "app/"),
        ("hjelp/#pin-blokkert", "en", "en/hjelp/"),
        ("", "en", "en/"),
    ],
)
def test_switch_keeps_page_and_step(page: Page, site_url: str, start: str, lang: str, expected: str) -> None:
    page.goto(site_url + start)
    # navigation.tracking may move the address to the step actually in view (near a page's end, the
    # one above): the switch must keep whatever step the address names when it is used.
    step = urlsplit(page.url).fragment
    assert bool(step) == ("#" in start)
    _switch(page, lang)
    page.wait_for_url(site_url + expected + (f"#{step}" if step else ""))
    expect(page.locator("html")).to_have_attribute("lang", lang)
    if step:
        expect(page.locator(f"#{step}")).to_be_visible()


def test_switch_follows_the_step_being_read(page: Page, site_url: str) -> None:
    """navigation.tracking writes the step being read into the address; the switch keeps it."""
    page.goto(site_url + "app/")
    page.mouse.move(600, 400)
    for _ in range(30):
        page.mouse.wheel(0, 300)
        page.wait_for_timeout(300)
        if urlsplit(page.url).fragment.startswith("installere-app-"):
            break
    step = urlsplit(page.url).fragment
    assert step.startswith("installere-app-"), page.url
    _switch(page, "en")
    page.wait_for_url(f"{site_url}en/app/#{step}")


def test_switch_works_with_the_keyboard(page: Page, site_url: str) -> None:
    page.goto(site_url + "en/engangskode/#bruke-appen")
    link = page.locator('.md-header .md-select__link[hreflang="nb"]')
    link.focus()
    page.keyboard.press("Enter")
    page.wait_for_url(site_url + "engangskode/#bruke-appen")
    expect(page.locator("html")).to_have_attribute("lang", "nb")


def test_switch_after_instant_navigation(page: Page, site_url: str) -> None:
    """After moving to another page without a full load, the switch still uses the current page."""
    page.goto(site_url)
    page.click('article a[href*="hjelp/"]')
    page.wait_for_url("**/hjelp/**")
    _switch(page, "en")
    page.wait_for_url(site_url + "en/hjelp/")


@pytest.mark.parametrize("path", ["//evil.example/login", "/%2F/evil.example/", "//evil.example/en/passord/"])
def test_switch_never_leaves_the_site(page: Page, site_url: str, path: str) -> None:
    # A host that serves 404.html for any path (as the test server and the nginx configuration do) lets
    # such an address show the site's page; the switch must not read `//evil.example` as a host.
    response = page.goto(site_url + path)
    assert response is not None and response.status == 404
    assert urlsplit(page.url).path.startswith("//") or "%2F" in page.url
    link = page.locator('.md-header .md-select__link[hreflang="en"]')
    link.focus()  # the switch points the link just before it can be used
    assert urlsplit(link.evaluate("(a) => a.href"))[:2] == urlsplit(site_url)[:2]
    assert link.evaluate("(a) => a.href") == site_url + "en/"
    page.keyboard.press("Enter")
    page.wait_for_url(site_url + "en/")
    expect(page.locator("html")).to_have_attribute("lang", "en")
