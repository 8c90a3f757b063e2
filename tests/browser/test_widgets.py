"""The password checker in the browser is pycheck itself: same verdicts as CPython, in both languages.

One page per language boots Python once (module scope) and the tests share it: each test starts from
an empty checker with the password hidden, and none may cause a Content-Security-Policy violation.
"""
from __future__ import annotations

import pytest
import widgets
from browserkit import CHECKER, READY_TIMEOUT_MS, csp_violations, watch_csp
from passwordkit import CHECK_ALL, cases, cpython

from pycheck import check_password, messages

pytestmark = pytest.mark.browser


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
def booted_nb_page(context):
    page = open_ready(context, "checker/")
    yield page
    page.close()


@pytest.fixture(scope="module")
def booted_en_page(context):
    page = open_ready(context, "en/checker/")
    yield page
    page.close()


def type_into(page, password: str, confirm: str) -> None:
    page.fill(f"{CHECKER} input[name=password]", password)
    page.fill(f"{CHECKER} input[name=confirm]", confirm)
    page.wait_for_selector(f"{CHECKER}[data-busy=false]")


def shared(page):
    """Yields the booted `page` with its checker as a fresh page has it (empty, password hidden), so
    no test depends on what another left; afterwards, the page reported no CSP violation. The page is
    brought to the front, as the tab a reader types in is (a background tab's frames are throttled)."""
    page.bring_to_front()
    if page.get_attribute(f"{CHECKER} input[name=password]", "type") != "password":
        page.click(f"{CHECKER} [data-action=toggle]")
    type_into(page, "", "")
    yield page
    assert csp_violations(page) == []


@pytest.fixture
def nb_page(booted_nb_page):
    yield from shared(booted_nb_page)


@pytest.fixture
def en_page(booted_en_page):
    yield from shared(booted_en_page)




@pytest.mark.parametrize("lang", ["nb", "en"])
def test_api_verdicts_equal_cpython_for_hundreds_of_passwords(nb_page, lang):
    batch = cases(300, seed=20250 if lang == "nb" else 4711)
    browser_reports = nb_page.evaluate(CHECK_ALL, [[p, c, lang] for p, c in batch])
    assert len(browser_reports) == len(batch)
    for (password, confirm), got in zip(batch, browser_reports):
        expected = cpython(password, confirm, lang)
        assert got["failed"] == expected["failed"], (password, confirm)
        assert got["warnings"] == expected["warnings"], (password, confirm)
        assert got == expected, (password, confirm)


def test_api_uses_the_page_language_by_default(nb_page, en_page):
    password = "Sommer2024!"
    assert nb_page.evaluate("(p) => window.pycheck.checkPassword(p)", password) == cpython(password, None, "nb")
    assert en_page.evaluate("(p) => window.pycheck.checkPassword(p)", password) == cpython(password, None, "en")


@pytest.mark.parametrize("lang", ["nb", "en"])
def test_widget_shows_cpythons_verdict_as_the_user_types(request, lang):
    page = request.getfixturevalue(f"{lang}_page")
    for password, confirm in cases(25, seed=99)[::2]:
        confirm = "" if confirm is None else confirm
        type_into(page, password, confirm)
        expected = cpython(password, confirm, lang)
        root = page.locator(CHECKER)
        assert root.get_attribute("data-failed") == " ".join(expected["failed"]), password
        assert root.get_attribute("data-ok") == ("true" if expected["ok"] else "false"), password
        assert root.get_attribute("data-warnings") == warning_codes(expected), password
        for rule in expected["rules"]:
            item = page.locator(f"{CHECKER} li[data-rule={rule['code']}]")
            assert item.get_attribute("data-result") == ("passed" if rule["passed"] else "failed")
            word = messages.text("report.passed" if rule["passed"] else "report.failed", lang)
            assert word in item.inner_text()
            if not rule["passed"]:
                assert rule["message"] in item.inner_text()
        warnings = page.locator(f"{CHECKER} [data-role=warnings] li").all_inner_texts()
        assert warnings == warning_texts(expected)
        verdict = page.locator(f"{CHECKER} [data-role=verdict]").inner_text()
        assert verdict == (expected["summary"] if password else widgets.text("verdict_empty", lang))


def test_results_of_stale_keystrokes_are_dropped(nb_page):
    type_into(nb_page, "", "")
    field = nb_page.locator(f"{CHECKER} input[name=password]")
    field.focus()
    final = "Korrekt-Hest-Batteri-9-Stift"
    nb_page.keyboard.type(final[:-6])
    nb_page.keyboard.press("Backspace")
    nb_page.keyboard.type(final[-7:])
    nb_page.wait_for_selector(f"{CHECKER}[data-busy=false]")
    assert field.input_value() == final
    expected = cpython(final, "", "nb")
    assert nb_page.get_attribute(CHECKER, "data-failed") == " ".join(expected["failed"]) == "match"


def test_results_are_text_never_markup(nb_page):
    password = '<img src=x onerror="window.__pwned=1"><b>x</b>?=+  Abcdefgh1! '
    type_into(nb_page, password, "")
    assert nb_page.evaluate("document.querySelectorAll('[data-pycheck] img, [data-pycheck] b').length") == 0
    assert nb_page.evaluate("window.__pwned === undefined")
    expected = cpython(password, "", "nb")
    assert expected["warnings"], "the password was chosen to cause warnings"
    shown = nb_page.locator(f"{CHECKER} [data-role=warnings] li").all_inner_texts()
    assert shown == warning_texts(expected)


def test_a_string_python_cannot_take_is_answered_not_crashed(nb_page):
    # A lone UTF-16 surrogate can come from a broken paste; it has no place in a Python str.
    nb_page.evaluate("""() => {
      const field = document.querySelector('[data-pycheck=password] input[name=password]');
      field.value = 'Abcdefghijklm1!\\ud800';
      field.dispatchEvent(new Event('input', {bubbles: true}));
    }""")
    nb_page.wait_for_selector(f"{CHECKER}[data-busy=false]")
    assert nb_page.get_attribute(CHECKER, "data-state") == "ready"
    assert nb_page.locator(f"{CHECKER} [data-role=verdict]").inner_text().strip()
    type_into(nb_page, "Abcdefghijklm1!x", "Abcdefghijklm1!x")
    assert nb_page.get_attribute(CHECKER, "data-ok") == "true"


def test_show_hide_and_suggest(nb_page):
    toggle = nb_page.locator(f"{CHECKER} [data-action=toggle]")
    fields = nb_page.locator(f"{CHECKER} input[name=password], {CHECKER} input[name=confirm]")
    assert toggle.inner_text() == widgets.text("show", "nb")
    toggle.click()
    assert [fields.nth(i).get_attribute("type") for i in range(2)] == ["text", "text"]
    assert toggle.inner_text() == widgets.text("hide", "nb")
    toggle.click()
    assert [fields.nth(i).get_attribute("type") for i in range(2)] == ["password", "password"]
    assert toggle.inner_text() == widgets.text("show", "nb")

    nb_page.click(f"{CHECKER} [data-action=suggest]")
    nb_page.wait_for_selector(f"{CHECKER}[data-busy=false][data-ok=true]")
    suggestion = fields.nth(0).input_value()
    assert suggestion and suggestion == fields.nth(1).input_value()
    assert check_password(suggestion, suggestion).ok


def test_save_and_back_never_send_anything(nb_page):
    type_into(nb_page, "Abcdefghijklm1!x", "Abcdefghijklm1!x")
    url = nb_page.url
    nb_page.click(f"{CHECKER} [data-action=save]")
    assert nb_page.locator(f"{CHECKER} [data-role=status]").inner_text() == widgets.text("save_ok", "nb")
    assert nb_page.url == url
    nb_page.click(f"{CHECKER} [data-action=back]")
    nb_page.wait_for_selector(f"{CHECKER}[data-busy=false]")
    assert nb_page.locator(f"{CHECKER} input[name=password]").input_value() == ""
    assert nb_page.evaluate("document.activeElement.name") == "password"


def test_keyboard_only_walk(nb_page):
    type_into(nb_page, "", "")
    nb_page.focus(f"{CHECKER} input[name=password]")
    nb_page.keyboard.type("Abcdefghijklm1!x")
    nb_page.keyboard.press("Tab")
    assert nb_page.evaluate("document.activeElement.name") == "confirm"
    nb_page.keyboard.type("Abcdefghijklm1!x")
    nb_page.keyboard.press("Tab")
    assert nb_page.evaluate("document.activeElement.dataset.action") == "toggle"
    nb_page.keyboard.press("Enter")
    assert nb_page.get_attribute(f"{CHECKER} input[name=password]", "type") == "text"
    nb_page.keyboard.press("Space")
    assert nb_page.get_attribute(f"{CHECKER} input[name=password]", "type") == "password"
    nb_page.keyboard.press("Shift+Tab")
    assert nb_page.evaluate("document.activeElement.name") == "confirm"
    nb_page.wait_for_selector(f"{CHECKER}[data-busy=false][data-ok=true]")
    verdict = nb_page.locator(f"{CHECKER} [data-role=verdict]")
    assert verdict.get_attribute("aria-live") == "polite"
    assert verdict.inner_text() == messages.text("report.ok", "nb")


def test_no_csp_violation_while_the_widget_is_used(nb_page, en_page):
    # From the boot on (the listener runs before the page's scripts), through every control.
    for page in (nb_page, en_page):
        page.bring_to_front()
        page.evaluate("window.pycheck.checkPassword('Sommer2024!')")
        type_into(page, "Abcdefghijklm1!x", "Abcdefghijklm1!")
        page.click(f"{CHECKER} [data-action=toggle]")
        page.click(f"{CHECKER} [data-action=toggle]")
        page.click(f"{CHECKER} [data-action=suggest]")
        page.wait_for_selector(f"{CHECKER}[data-busy=false][data-ok=true]")
        page.click(f"{CHECKER} [data-action=save]")
        page.click(f"{CHECKER} [data-action=back]")
        page.wait_for_selector(f"{CHECKER}[data-busy=false]")
        assert csp_violations(page) == []
