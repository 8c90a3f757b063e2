"""The widgets' safety habits (as GOV.UK Frontend's components have them): a widget whose markup is
broken shows the fallback and never stops the other widgets of the page; show/hide is announced in the
polite status; a page restored from the back/forward cache hides the password again."""
from __future__ import annotations

import re

import pytest
import widgets
from browserkit import CHECKER, READY_TIMEOUT_MS, at, csp_violations, recording_context, watch_csp
from guide_languages import DEFAULT_LANG

from pycheck import check_password

pytestmark = pytest.mark.browser

WIDGET = re.compile(r'<div class="pycheck pycheck--password".*?</fieldset></div>', re.DOTALL)
# Ways to break a copy of the checker's markup, each of which its mount must survive.
BREAKAGES = {
    "a required field is missing": lambda html: html.replace('name="confirm"', 'name="something-else"'),
    "a required button is missing": lambda html: html.replace('data-action="toggle"', 'data-action="other"'),
    "its texts are not JSON": lambda html: re.sub(r'data-texts="[^"]*"', 'data-texts="{not json"', html, count=1),
}


def page_with_a_broken_copy_first(context, breakage):
    """The checker page served with a broken copy of the widget placed before the intact one."""

    def serve(route):
        response = route.fetch()
        body = response.text()
        intact = WIDGET.search(body).group(0)
        route.fulfill(response=response, body=body.replace(intact, BREAKAGES[breakage](intact) + intact, 1))

    context.route("**/checker/", serve)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(at(DEFAULT_LANG, "checker/"))
    return page, errors


@pytest.mark.parametrize("breakage", BREAKAGES)
def test_a_broken_widget_shows_the_fallback_and_the_next_one_works(browser, site_url, breakage):
    context = recording_context(browser, base_url=site_url)
    watch_csp(context)
    try:
        page, errors = page_with_a_broken_copy_first(context, breakage)
        broken, intact = page.locator(CHECKER).nth(0), page.locator(CHECKER).nth(1)
        assert page.locator(CHECKER).count() == 2
        # The intact widget comes to life and checks, although the one before it could not mount.
        intact.locator("input[name=password]").fill("Abcdefghijklm1!x")
        page.wait_for_function(
            "() => document.querySelectorAll('[data-pycheck=password]')[1].dataset.ok !== undefined",
            timeout=READY_TIMEOUT_MS,
        )
        assert intact.get_attribute("data-failed") == " ".join(check_password("Abcdefghijklm1!x", "").failed)
        # The broken one shows the fallback: its state, its message (when its texts can be read), its
        # rules as text; its tools stay hidden and nothing is thrown.
        assert broken.get_attribute("data-state") == "error"
        status = broken.locator("[data-role=status]").inner_text()
        expected = "" if breakage == "its texts are not JSON" else widgets.text("unavailable", DEFAULT_LANG)
        assert status == expected
        assert broken.locator("[data-role=tools]").is_hidden()
        assert broken.locator("li[data-rule=length]").inner_text().strip()
        assert errors == []
        assert csp_violations(page) == []
    finally:
        context.close()


@pytest.fixture
def checker_page(browser, site_url):
    context = recording_context(browser, base_url=site_url)
    page = context.new_page()
    page.goto(at(DEFAULT_LANG, "checker/"))
    page.wait_for_selector(f"{CHECKER}[data-state=ready]", timeout=READY_TIMEOUT_MS)
    yield page
    context.close()


def test_show_and_hide_are_announced_in_the_polite_status(checker_page):
    page = checker_page
    status = page.locator(f"{CHECKER} [data-role=status]")
    assert status.get_attribute("role") == "status" and status.get_attribute("aria-live") == "polite"
    page.fill(f"{CHECKER} input[name=password]", "Abcdefghijklm1!x")
    page.click(f"{CHECKER} [data-action=toggle]")
    assert page.get_attribute(f"{CHECKER} input[name=password]", "type") == "text"
    assert status.inner_text() == widgets.text("password_shown", DEFAULT_LANG)
    page.click(f"{CHECKER} [data-action=toggle]")
    assert page.get_attribute(f"{CHECKER} input[name=password]", "type") == "password"
    assert status.inner_text() == widgets.text("password_hidden", DEFAULT_LANG)


def test_a_page_restored_from_the_back_forward_cache_hides_the_password_again(checker_page):
    page = checker_page
    page.fill(f"{CHECKER} input[name=password]", "Abcdefghijklm1!x")
    page.click(f"{CHECKER} [data-action=toggle]")
    fields = page.locator(f"{CHECKER} input[name=password], {CHECKER} input[name=confirm]")
    assert [fields.nth(i).get_attribute("type") for i in range(2)] == ["text", "text"]
    # A normal pageshow (a first load) changes nothing; one with `persisted` is a restore from the cache.
    page.evaluate("window.dispatchEvent(new PageTransitionEvent('pageshow', {persisted: false}))")
    assert [fields.nth(i).get_attribute("type") for i in range(2)] == ["text", "text"]
    page.evaluate("window.dispatchEvent(new PageTransitionEvent('pageshow', {persisted: true}))")
    assert [fields.nth(i).get_attribute("type") for i in range(2)] == ["password", "password"]
    assert page.locator(f"{CHECKER} [data-action=toggle]").inner_text() == widgets.text("show", DEFAULT_LANG)


def test_an_element_named_pycheck_does_not_replace_the_api(browser, site_url):
    # A heading "## pycheck" gets id="pycheck", and the browser then names that element window.pycheck.
    context = recording_context(browser, base_url=site_url)
    watch_csp(context)

    def serve(route):
        response = route.fetch()
        body = response.text()
        intact = WIDGET.search(body).group(0)
        route.fulfill(response=response, body=body.replace(intact, '<h2 id="pycheck">pycheck</h2>' + intact, 1))

    context.route("**/checker/", serve)
    try:
        page = context.new_page()
        errors: list[str] = []
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.goto("checker/")
        assert page.evaluate("document.getElementById('pycheck').tagName") == "H2"
        page.fill(f"{CHECKER} input[name=password]", "Abcdefghijklm1!x")
        page.wait_for_selector(f"{CHECKER}[data-state=ready][data-busy=false][data-failed]", timeout=READY_TIMEOUT_MS)
        assert page.get_attribute(CHECKER, "data-failed") == " ".join(check_password("Abcdefghijklm1!x", "").failed)
        assert page.locator(f"{CHECKER} [data-role=tools]").is_visible()
        assert errors == []
        assert csp_violations(page) == []
    finally:
        context.close()
