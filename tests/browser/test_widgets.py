"""The password checker in the browser is pycheck itself: same verdicts as CPython, in every language
of the guide.

One page per language boots Python once (module scope) and the tests share it: each test starts from
an empty checker with the password hidden, and none may cause a Content-Security-Policy violation.
What the reader reads is tested in every language; what works the same in all of them, in one.
"""
from __future__ import annotations

import zlib

import pytest
import widgets
from browserkit import CHECKER, READY_TIMEOUT_MS, at, csp_violations, watch_csp
from guide_languages import DEFAULT_LANG, LANGS
from passwordkit import CHECK_ALL, cases, cpython

from pycheck import check_password, messages

pytestmark = pytest.mark.browser


def masked(page) -> bool:
    """Does the checker hide the password now (its warnings then name kinds of characters, not them)?"""
    return page.get_attribute(f"{CHECKER} input[name=password]", "type") == "password"


def warning_codes(report) -> str:
    return " ".join(report["warnings"])


def warning_texts(report) -> list[str]:
    return [w["message"] for w in report["warning_messages"]]


@pytest.fixture(scope="module")
def context(browser, site_url):
    ctx = browser.new_context(base_url=site_url)
    watch_csp(ctx)
    yield ctx
    ctx.close()


def open_ready(context, path: str):
    page = context.new_page()
    page.goto(path)
    page.wait_for_selector(f"{CHECKER}[data-state=ready]", timeout=READY_TIMEOUT_MS)
    return page


@pytest.fixture(scope="module")
def booted(context):
    """One checker page per language, booted on first use and shared by the module's tests."""
    opened = {}
    yield opened
    for page in opened.values():
        page.close()


def type_into(page, password: str, confirm: str) -> None:
    page.fill(f"{CHECKER} input[name=password]", password)
    page.fill(f"{CHECKER} input[name=confirm]", confirm)
    page.wait_for_selector(f"{CHECKER}[data-busy=false]")


def shared(context, booted, lang: str):
    """Yields `lang`'s booted checker page as a fresh page has it (empty, password hidden), so no test
    depends on what another left; afterwards, the page reported no CSP violation. The page is brought
    to the front, as the tab a reader types in is (a background tab's frames are throttled)."""
    if lang not in booted:
        booted[lang] = open_ready(context, at(lang, "checker/"))
    page = booted[lang]
    page.bring_to_front()
    if page.get_attribute(f"{CHECKER} input[name=password]", "type") != "password":
        page.click(f"{CHECKER} [data-action=toggle]")
    type_into(page, "", "")
    yield page
    assert csp_violations(page) == []


@pytest.fixture(params=LANGS)
def lang(request) -> str:
    return request.param


@pytest.fixture
def checker(context, booted, lang):
    """The checker page in `lang` (every language, unless a test names its own)."""
    yield from shared(context, booted, lang)


@pytest.fixture
def default_page(context, booted):
    """The checker in the default language, for what works the same in every language."""
    yield from shared(context, booted, DEFAULT_LANG)




def test_api_verdicts_equal_cpython_for_hundreds_of_passwords(checker, lang):
    batch = cases(300, seed=zlib.crc32(lang.encode()))  # other passwords for each language
    browser_reports = checker.evaluate(CHECK_ALL, [[p, c, lang] for p, c in batch])
    assert len(browser_reports) == len(batch)
    for (password, confirm), got in zip(batch, browser_reports):
        expected = cpython(password, confirm, lang)
        assert got["failed"] == expected["failed"], (password, confirm)
        assert got["warnings"] == expected["warnings"], (password, confirm)
        assert got == expected, (password, confirm)


def test_api_uses_the_page_language_by_default(checker, lang):
    password = "Sommer2024!"
    got = checker.evaluate("(p) => window.pycheck.checkPassword(p)", password)
    assert got == cpython(password, None, lang)
    # and no other language's report: each language's texts are its own
    assert all(got != cpython(password, None, other) for other in LANGS if other != lang)


def test_widget_shows_cpythons_verdict_as_the_user_types(checker, lang):
    for password, confirm in cases(25, seed=99)[::2]:
        confirm = "" if confirm is None else confirm
        type_into(checker, password, confirm)
        expected = cpython(password, confirm, lang, masked(checker))
        root = checker.locator(CHECKER)
        assert root.get_attribute("data-failed") == " ".join(expected["failed"]), password
        assert root.get_attribute("data-ok") == ("true" if expected["ok"] else "false"), password
        assert root.get_attribute("data-warnings") == warning_codes(expected), password
        for rule in expected["rules"]:
            item = checker.locator(f"{CHECKER} li[data-rule={rule['code']}]")
            assert item.get_attribute("data-result") == ("passed" if rule["passed"] else "failed")
            word = messages.text("report.passed" if rule["passed"] else "report.failed", lang)
            assert word in item.inner_text()
            if not rule["passed"]:
                assert rule["message"] in item.inner_text()
        warnings = checker.locator(f"{CHECKER} [data-role=warnings] li").all_inner_texts()
        assert warnings == warning_texts(expected)
        verdict = checker.locator(f"{CHECKER} [data-role=verdict]").inner_text()
        assert verdict == (expected["summary"] if password else widgets.text("verdict_empty", lang))


def test_results_of_stale_keystrokes_are_dropped(default_page):
    type_into(default_page, "", "")
    field = default_page.locator(f"{CHECKER} input[name=password]")
    field.focus()
    final = "Korrekt-Hest-Batteri-9-Stift"
    default_page.keyboard.type(final[:-6])
    default_page.keyboard.press("Backspace")
    default_page.keyboard.type(final[-7:])
    default_page.wait_for_selector(f"{CHECKER}[data-busy=false]")
    assert field.input_value() == final
    expected = cpython(final, "", DEFAULT_LANG)
    assert default_page.get_attribute(CHECKER, "data-failed") == " ".join(expected["failed"]) == "match"


def test_results_are_text_never_markup(default_page):
    password = '<img src=x onerror="window.__pwned=1"><b>x</b>?=+  Abcdefgh1! '
    type_into(default_page, password, "")
    assert default_page.evaluate("document.querySelectorAll('[data-pycheck] img, [data-pycheck] b').length") == 0
    assert default_page.evaluate("window.__pwned === undefined")
    expected = cpython(password, "", DEFAULT_LANG, masked(default_page))
    assert expected["warnings"], "the password was chosen to cause warnings"
    shown = default_page.locator(f"{CHECKER} [data-role=warnings] li").all_inner_texts()
    assert shown == warning_texts(expected)


def test_a_string_python_cannot_take_is_answered_not_crashed(default_page):
    # A lone UTF-16 surrogate can come from a broken paste; it has no place in a Python str.
    default_page.evaluate("""() => {
      const field = document.querySelector('[data-pycheck=password] input[name=password]');
      field.value = 'Abcdefghijklm1!\\ud800';
      field.dispatchEvent(new Event('input', {bubbles: true}));
    }""")
    default_page.wait_for_selector(f"{CHECKER}[data-busy=false]")
    assert default_page.get_attribute(CHECKER, "data-state") == "ready"
    assert default_page.locator(f"{CHECKER} [data-role=verdict]").inner_text().strip()
    type_into(default_page, "Abcdefghijklm1!x", "Abcdefghijklm1!x")
    assert default_page.get_attribute(CHECKER, "data-ok") == "true"


def test_show_hide_and_suggest(checker, lang):
    toggle = checker.locator(f"{CHECKER} [data-action=toggle]")
    fields = checker.locator(f"{CHECKER} input[name=password], {CHECKER} input[name=confirm]")
    assert toggle.inner_text() == widgets.text("show", lang)
    toggle.click()
    assert [fields.nth(i).get_attribute("type") for i in range(2)] == ["text", "text"]
    assert toggle.inner_text() == widgets.text("hide", lang)
    toggle.click()
    assert [fields.nth(i).get_attribute("type") for i in range(2)] == ["password", "password"]
    assert toggle.inner_text() == widgets.text("show", lang)

    checker.click(f"{CHECKER} [data-action=suggest]")
    checker.wait_for_selector(f"{CHECKER}[data-busy=false][data-ok=true]")
    suggestion = fields.nth(0).input_value()
    assert suggestion and suggestion == fields.nth(1).input_value()
    assert check_password(suggestion, suggestion).ok


def test_save_and_back_never_send_anything(checker, lang):
    type_into(checker, "Abcdefghijklm1!x", "Abcdefghijklm1!x")
    url = checker.url
    checker.click(f"{CHECKER} [data-action=save]")
    assert checker.locator(f"{CHECKER} [data-role=status]").inner_text() == widgets.text("save_ok", lang)
    assert checker.url == url
    checker.click(f"{CHECKER} [data-action=back]")
    checker.wait_for_selector(f"{CHECKER}[data-busy=false]")
    assert checker.locator(f"{CHECKER} input[name=password]").input_value() == ""
    assert checker.evaluate("document.activeElement.name") == "password"


def test_keyboard_only_walk(default_page):
    type_into(default_page, "", "")
    default_page.focus(f"{CHECKER} input[name=password]")
    default_page.keyboard.type("Abcdefghijklm1!x")
    default_page.keyboard.press("Tab")
    assert default_page.evaluate("document.activeElement.name") == "confirm"
    default_page.keyboard.type("Abcdefghijklm1!x")
    default_page.keyboard.press("Tab")
    assert default_page.evaluate("document.activeElement.dataset.action") == "toggle"
    default_page.keyboard.press("Enter")
    assert default_page.get_attribute(f"{CHECKER} input[name=password]", "type") == "text"
    default_page.keyboard.press("Space")
    assert default_page.get_attribute(f"{CHECKER} input[name=password]", "type") == "password"
    default_page.keyboard.press("Shift+Tab")
    assert default_page.evaluate("document.activeElement.name") == "confirm"
    default_page.wait_for_selector(f"{CHECKER}[data-busy=false][data-ok=true]")
    verdict = default_page.locator(f"{CHECKER} [data-role=verdict]")
    assert verdict.get_attribute("aria-live") == "polite"
    assert verdict.inner_text() == messages.text("report.ok", DEFAULT_LANG)


def test_no_csp_violation_while_the_widget_is_used(checker):
    # From the boot on (the listener runs before the page's scripts), through every control.
    checker.evaluate("window.pycheck.checkPassword('Sommer2024!')")
    type_into(checker, "Abcdefghijklm1!x", "Abcdefghijklm1!")
    checker.click(f"{CHECKER} [data-action=toggle]")
    checker.click(f"{CHECKER} [data-action=toggle]")
    checker.click(f"{CHECKER} [data-action=suggest]")
    checker.wait_for_selector(f"{CHECKER}[data-busy=false][data-ok=true]")
    checker.click(f"{CHECKER} [data-action=save]")
    checker.click(f"{CHECKER} [data-action=back]")
    checker.wait_for_selector(f"{CHECKER}[data-busy=false]")
    assert csp_violations(checker) == []
