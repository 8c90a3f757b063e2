"""The language switch names every language of the guide and lands on the same page and step in the
chosen one, from and to every language (headless Chromium)."""
from __future__ import annotations

import itertools
import re
from urllib.parse import urlsplit

import pytest
from browserkit import at
from guide_languages import DEFAULT_LANG, LANGS, NAMES
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.browser

SWITCH = ".md-header .md-select__link"
# Pages and steps to start from: a step near a page's top, one in its middle, one near its end (where
# navigation.tracking may move the address to the step above), and a front page without a step.
STARTS = [("passord/", "opprette-passord-2"), ("app/", "installere-app-3"), ("hjelp/", "pin-blokkert"), ("", "")]
# Every ordered pair of languages, each from another start.
PAIRS = [(source, target, *start)
         for (source, target), start in zip(itertools.permutations(LANGS, 2), itertools.cycle(STARTS))]
# A flag is an emoji made of two regional indicator letters (U+1F1E6–U+1F1FF).
FLAG = re.compile("[\U0001F1E6-\U0001F1FF]")


def _switch(page: Page, lang: str) -> None:
    # Once the other languages' sitemaps are in (Material reads them for its own switch handling, and
    # on this test server they name another address), the click must still keep the page and step.
    page.wait_for_load_state("networkidle")
    page.hover(".md-header .md-select")
    page.click(f'{SWITCH}[hreflang="{lang}"]')


@pytest.mark.parametrize("lang", LANGS)
def test_the_switch_names_every_language_and_no_flag(page: Page, lang: str) -> None:
    page.goto(at(lang))
    links = page.locator(SWITCH)
    assert [links.nth(i).get_attribute("hreflang") for i in range(links.count())] == list(LANGS)
    assert [text.strip() for text in links.all_text_contents()] == [NAMES[code] for code in LANGS]
    switch = page.locator(".md-header .md-select")
    assert switch.locator("img, svg image").count() == 0
    assert not FLAG.search(switch.text_content() or "")


@pytest.mark.parametrize(("source", "target", "path", "step"), PAIRS)
def test_switch_keeps_page_and_step(page: Page, site_url: str, source: str, target: str, path: str, step: str) -> None:
    page.goto(at(source, path) + (f"#{step}" if step else ""))
    # navigation.tracking may move the address to the step actually in view (near a page's end, the
    # one above): the switch must keep whatever step the address names when it is used.
    kept = urlsplit(page.url).fragment
    assert bool(kept) == bool(step)
    _switch(page, target)
    page.wait_for_url(site_url + at(target, path) + (f"#{kept}" if kept else ""))
    expect(page.locator("html")).to_have_attribute("lang", target)
    if kept:
        expect(page.locator(f"#{kept}")).to_be_visible()


def test_switch_follows_the_step_being_read(page: Page, site_url: str) -> None:
    """navigation.tracking writes the step being read into the address; the switch keeps it."""
    source, target = LANGS[1], LANGS[-1]
    page.goto(at(source, "app/"))
    page.mouse.move(600, 400)
    for _ in range(30):
        page.mouse.wheel(0, 300)
        page.wait_for_timeout(300)
        if urlsplit(page.url).fragment.startswith("installere-app-"):
            break
    step = urlsplit(page.url).fragment
    assert step.startswith("installere-app-"), page.url
    _switch(page, target)
    page.wait_for_url(f"{site_url}{at(target, 'app/')}#{step}")


def test_switch_works_with_the_keyboard(page: Page, site_url: str) -> None:
    source, target = LANGS[-1], DEFAULT_LANG
    page.goto(at(source, "engangskode/#bruke-appen"))
    link = page.locator(f'{SWITCH}[hreflang="{target}"]')
    link.focus()
    page.keyboard.press("Enter")
    page.wait_for_url(site_url + at(target, "engangskode/#bruke-appen"))
    expect(page.locator("html")).to_have_attribute("lang", target)


def test_switch_after_instant_navigation(page: Page, site_url: str) -> None:
    """After moving to another page without a full load, the switch still uses the current page."""
    source, target = DEFAULT_LANG, LANGS[1]
    page.goto(at(source))
    page.click('article a[href*="hjelp/"]')
    page.wait_for_url("**/hjelp/**")
    _switch(page, target)
    page.wait_for_url(site_url + at(target, "hjelp/"))


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
