"""The practice phone and the practice login in the browser (issue 10), in every language of the guide,
with the page's clock under the test's control (the practice takes its time only from the page's
Date.now()).

One page per language boots Python once (module scope) and the tests share it; each test starts it
over with «Start again» (or opens a scenario link), so no test depends on another's order. What the
reader reads or hears is tested in every language; what is the same in all of them (start again, the
scenario links, reduced motion) in one. While a test
practises, the page makes no request to any origin, stores nothing and breaks no Content-Security-Policy
rule: the fixture checks all three after every test.
"""
from __future__ import annotations

import math
import re

import pytest
import widgets
from browserkit import csp_violations, recording_context, watch_csp
from guide_languages import DEFAULT_LANG, LANGS
from playwright.sync_api import expect
from practicekit import (APP, LOGIN, START, PHONE, PIN, PASSWORD, STORAGE, NOTHING_STORED, open_practice, act,
                         expect_screen, error_text, expect_error, expect_no_error, shown, sms_code, activate,
                         make_code, sign_in, now, seconds_left)

from pycheck import messages, practice

pytestmark = pytest.mark.browser

# How each language tells the reader which key to press when calling support (the handout's
# «tastevalg 1»), written out here, not read from the texts under test.
SUPPORT_CHOICE = {"nb": "tastevalg 1", "nn": "tasteval 1", "en": "press 1"}
ONE_LANG = pytest.mark.parametrize("lang", [DEFAULT_LANG])  # for what is the same in every language

# --- fixtures ---------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def context(browser, site_url):
    ctx = recording_context(browser, base_url=site_url)
    watch_csp(ctx)
    ctx.clock.install(time=START)
    yield ctx
    ctx.close()


@pytest.fixture(scope="module")
def pages(context):
    """One booted page per language, opened on first use."""
    opened = {}
    yield opened
    for page in opened.values():
        page.close()


def private(context, page, seen: int) -> None:
    """Since `seen` requests: none at all, nothing stored, no CSP violation."""
    assert context.requests[seen:] == []
    assert page.evaluate(STORAGE) == NOTHING_STORED
    assert context.cookies() == []
    assert csp_violations(page) == []


@pytest.fixture(params=LANGS)
def lang(request) -> str:
    return request.param


@pytest.fixture
def page(context, pages, lang):
    """This language's page, started over with «Start again», past the push question (skipped) to the
    phone number, and its clock stopped at 1 s past a 30 s boundary; afterwards nothing may have been
    requested, stored or refused by the CSP."""
    if lang not in pages:
        pages[lang] = context.new_page()
        open_practice(pages[lang], lang)
    pg = pages[lang]
    pg.bring_to_front()
    pg.wait_for_load_state("networkidle")
    seen = len(context.requests)
    act(pg, APP, "reset")
    expect_screen(pg, APP, "push")
    act(pg, APP, "skip")
    expect_screen(pg, APP, "activate")
    expect(pg.locator(LOGIN)).to_have_attribute("data-screen", "credentials")
    context.clock.pause_at((math.floor(now(pg) / 30) + 2) * 30 + 1)
    yield pg
    private(context, pg, seen)
    context.clock.resume()


# --- the tests --------------------------------------------------------------------------------------

def test_activation_refuses_each_bad_input_and_keeps_it(page, lang):
    note = page.locator(f"{APP} [data-role=note]")
    expect(note).to_have_text(messages.text("practice.note.activate", lang))
    for typed, code in (("", "phone_missing"), ("+46 70 123 45 67", "phone_chars"), ("412 34 56", "phone_length"),
                        ("812 34 567", "phone_start"), ("0047 412 34 5678", "phone_length")):
        act(page, APP, phone=typed)
        expect_error(page, APP, lang, code, {"phone": typed})
        # the hint stays tied to the field beside the error
        assert f"{page.get_attribute(f'{APP} input[name=phone]', 'id')}-hint" in \
            page.get_attribute(f"{APP} input[name=phone]", "aria-describedby")
    act(page, APP, phone=PHONE)
    expect_screen(page, APP, "activation-code")
    expect_no_error(page, APP)
    expect(page.locator(f"{APP} [data-role=sms]")).to_be_visible()
    code = sms_code(page)
    assert shown(page, f"{APP} [data-role=sms]") == messages.text("practice.sms", lang, code=code)
    wrong = str((int(code[0]) + 1) % 10) + code[1:]
    for typed, error in (("12ab56", "activation_format"), ("12345", "activation_format"),
                         (wrong, "activation_wrong")):
        act(page, APP, activation_code=typed)
        expect_error(page, APP, lang, error, {"activation_code": typed})
    act(page, APP, activation_code=code)
    expect_screen(page, APP, "touch-id")
    act(page, APP, "skip")
    expect_screen(page, APP, "new-pin")
    for pin, confirm, error in (("12a4", "12a4", "pin_format"), ("123", "123", "pin_format"),
                                ("1234", "", "pin_confirm_missing"), ("1234", "4321", "pin_mismatch")):
        act(page, APP, pin=pin, pin_confirm=confirm)
        expect_error(page, APP, lang, error, {"pin": pin, "pin_confirm": confirm})
    act(page, APP, pin=PIN, pin_confirm=PIN)
    expect_screen(page, APP, "home")
    expect(note).to_have_text(messages.text("practice.note.home", lang))
    expect_no_error(page, APP)


def test_a_code_is_refused_after_120_seconds_and_a_new_one_logs_in(page, lang):
    activate(page)
    sign_in(page)
    code = make_code(page)
    assert re.fullmatch(r"[0-9]{6}", code)
    expect(page.locator(f"{APP} [data-role=seconds-left]")).to_have_text(seconds_left(lang, 120))
    # the countdown is announced at 60 s left, politely
    page.clock.fast_forward(60_000)
    expect(page.locator(f"{APP} [data-role=seconds-left]")).to_have_text(seconds_left(lang, 60))
    page.clock.run_for(100)
    announce = page.locator(f"{APP} [data-role=announce]")
    expect(announce).to_have_text(seconds_left(lang, 60))
    assert announce.get_attribute("aria-live") == "polite"
    # 120 s after it was made, the code has expired: the app says so, and the login refuses it
    page.clock.fast_forward(60_000)
    expect(page.locator(f"{APP} [data-when=expired]")).to_be_visible()
    expect(page.locator(f"{APP} [data-when=expired]")).to_have_text(widgets.text("practice_expired", lang))
    expect(page.locator(f"{APP}[data-busy=false]")).to_have_count(1)
    act(page, LOGIN, otp=code)
    expect_error(page, LOGIN, lang, "otp_expired", {"otp": code})
    # a new code, typed with one second to spare, logs in
    fresh = make_code(page)
    expect(page.locator(f"{APP} [data-when=expired]")).to_be_hidden()
    page.clock.fast_forward(119_000)
    act(page, LOGIN, otp=fresh)
    expect_screen(page, LOGIN, "done")
    expect(page.locator(f"{LOGIN} [data-role=note]")).to_have_text(messages.text("practice.login.done", lang))
    assert shown(page, f"{LOGIN} .pycheck__screen-title:not([hidden])") == widgets.text("practice_done_title", lang)


def test_the_login_refuses_bad_input_with_its_reason(page, lang):
    act(page, LOGIN, username="", password="")
    expect_error(page, LOGIN, lang, "username_missing", {"username": ""})
    act(page, LOGIN, username="kari.nordmann", password=PASSWORD)
    expect_error(page, LOGIN, lang, "username_wrong", {"username": "kari.nordmann", "password": PASSWORD})
    act(page, LOGIN, username=practice.USERNAME, password="passord")
    expect_error(page, LOGIN, lang, "password_rules", {"username": practice.USERNAME, "password": "passord"})
    sign_in(page)
    act(page, LOGIN, otp="12ab56")
    expect_error(page, LOGIN, lang, "otp_format", {"otp": "12ab56"})
    act(page, LOGIN, otp="123456")
    expect_error(page, LOGIN, lang, "otp_no_code", {"otp": "123456"})


def test_offline_codes_have_8_digits_and_change_at_the_30_second_boundary(page, lang):
    activate(page)
    sign_in(page)
    make_code(page)
    act(page, APP, "offline")
    expect(page.locator(f"{APP} [data-action=offline]")).to_have_attribute("aria-pressed", "true")
    expect(page.locator(f"{APP} [data-role=note]")).to_have_text(
        messages.text("practice.note.code_offline", lang, digits=8, seconds=30))
    code = page.locator(f"{APP} [data-role=code]")
    expect(code).to_have_text(re.compile(r"^[0-9]{8}$"))
    first = code.inner_text()
    # the clock stands 1 s past a 30 s boundary: this code lasts 29 s more
    expect(page.locator(f"{APP} [data-role=seconds-left]")).to_have_text(seconds_left(lang, 29))
    page.clock.fast_forward(28_000)
    expect(page.locator(f"{APP} [data-role=seconds-left]")).to_have_text(seconds_left(lang, 1))
    expect(code).to_have_text(first)
    page.clock.fast_forward(1_000)
    expect(code).not_to_have_text(first)
    expect(code).to_have_text(re.compile(r"^[0-9]{8}$"))
    expect(page.locator(f"{APP}[data-busy=false]")).to_have_count(1)
    second = code.inner_text()
    # the code of the step before is refused as changed; the one shown now logs in
    act(page, LOGIN, otp=first)
    expect_error(page, LOGIN, lang, "otp_changed", {"otp": first})
    act(page, LOGIN, otp=second)
    expect_screen(page, LOGIN, "done")
    expect(page.locator(f"{LOGIN} [data-role=note]")).to_have_text(
        messages.text("practice.login.done_offline", lang, digits=8))


def test_three_wrong_pins_block_and_support_unblocks(page, lang):
    activate(page)
    act(page, APP, "make-code")
    expect_screen(page, APP, "enter-pin")
    act(page, APP, pin="0000")
    expect_error(page, APP, lang, "pin_wrong", {"pin": "0000"}, tries=2)
    act(page, APP, pin="12ab")  # not a PIN at all: refused, not counted
    expect_error(page, APP, lang, "pin_format", {"pin": "12ab"})
    act(page, APP, pin="1111")
    expect_error(page, APP, lang, "pin_wrong", {"pin": "1111"}, tries=1)
    act(page, APP, pin="2222")
    expect_screen(page, APP, "blocked")
    expect(page.locator(f"{APP} [data-role=error]")).to_have_text(error_text("pin_blocked", lang))
    # an error of the whole screen is read with its heading, which has focus
    heading = page.locator(f"{APP} .pycheck__screen-title:not([hidden])")
    expect(heading).to_have_attribute("aria-describedby", page.get_attribute(f"{APP} [data-role=error]", "id"))
    note = page.locator(f"{APP} [data-role=note]")
    expect(note).to_have_text(messages.text("practice.note.blocked", lang, tries=3))
    assert "400 01 960" in note.inner_text()
    assert SUPPORT_CHOICE[lang] in note.inner_text()
    act(page, APP, "call-support")
    expect_screen(page, APP, "unblock")
    expect(note).to_contain_text("400 01 960")
    unblock = shown(page, f"{APP} [data-role=unblock-code]")
    assert re.fullmatch(r"[0-9]{9}", unblock)
    wrong = str((int(unblock[0]) + 1) % 10) + unblock[1:]
    for typed, error in (("12345678", "unblock_format"), ("12345678a", "unblock_format"), (wrong, "unblock_wrong")):
        act(page, APP, unblock_code=typed)
        expect_error(page, APP, lang, error, {"unblock_code": typed})
    act(page, APP, unblock_code=unblock)
    expect_screen(page, APP, "new-pin")
    act(page, APP, pin="1357", pin_confirm="1357")
    expect_screen(page, APP, "home")
    sign_in(page)
    act(page, LOGIN, otp=make_code(page, "1357"))
    expect_screen(page, LOGIN, "done")


@ONE_LANG
def test_start_again_clears_everything(page, lang):
    activate(page)
    sign_in(page)
    act(page, APP, "make-code")
    page.fill(f"{APP} input[name=pin]", "99")
    page.fill(f"{LOGIN} input[name=otp]", "123")
    act(page, APP, "reset")
    expect_screen(page, APP, "push")  # as in the handout, the app first offers push notifications
    expect(page.locator(LOGIN)).to_have_attribute("data-screen", "credentials")
    for root in (APP, LOGIN):
        expect_no_error(page, root)
        assert page.evaluate(f"[...document.querySelectorAll('{root} input')].map((i) => i.value).join('')") == ""


@ONE_LANG
@pytest.mark.parametrize(("scenario", "app_screen", "login_screen"), [
    ("start", "push", "credentials"), ("activation", "activate", "otp"),
    ("make-code", "home", "otp"), ("blocked", "blocked", "otp"),
])
def test_each_scenario_link_opens_at_its_screen(context, pages, lang, scenario, app_screen, login_screen):
    if lang not in pages:
        pages[lang] = context.new_page()
    pg = pages[lang]
    pg.bring_to_front()
    open_practice(pg, lang, scenario)
    seen = len(context.requests)
    expect(pg.locator(APP)).to_have_attribute("data-screen", app_screen)
    expect(pg.locator(LOGIN)).to_have_attribute("data-screen", login_screen)
    expect_no_error(pg, APP)
    if scenario == "make-code":
        # the scenario tells its PIN, which makes a code the login accepts
        pin = shown(pg, f"{APP} [data-role=practice-pin]")
        assert re.fullmatch(r"[0-9]{4}", pin)
        act(pg, LOGIN, otp=make_code(pg, pin))
        expect_screen(pg, LOGIN, "done")
    private(context, pg, seen)


# --- narrow screens, zoom, reduced motion, time left on demand ------------------------------------

# Every shown input and button of both widgets, scrolled to, lies within the viewport's width and is the
# element found at its own centre (nothing covers it); the page itself never scrolls sideways. Text is
# clipped where an element hides its overflow and its content is larger than its box.
LAYOUT = """(roots) => {
  const doc = document.documentElement;
  const problems = [];
  const reached = [];
  if (doc.scrollWidth > doc.clientWidth) problems.push(`page: ${doc.scrollWidth} px wide in ${doc.clientWidth} px`);
  const inside = roots.map((root) => `${root}, ${root} *`).join(", ");
  for (const element of document.querySelectorAll(inside)) {
    if (!element.checkVisibility() || element.matches(".visually-hidden")) continue;  // for screen readers only
    const style = getComputedStyle(element);
    const clipsX = ["hidden", "clip"].includes(style.overflowX) && element.scrollWidth > element.clientWidth;
    const clipsY = ["hidden", "clip"].includes(style.overflowY) && element.scrollHeight > element.clientHeight;
    if (clipsX || clipsY) problems.push(`clipped: ${element.outerHTML.slice(0, 100)}`);
    if (!element.matches("input, button")) continue;
    const name = element.name || element.dataset.action;
    element.scrollIntoView({ block: "center", inline: "nearest" });
    const box = element.getBoundingClientRect();
    const hit = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
    if (box.left < 0 || box.right > doc.clientWidth) problems.push(`${name}: at ${box.left}–${box.right} px`);
    else if (!element.contains(hit)) problems.push(`${name}: covered by ${hit ? hit.outerHTML.slice(0, 100) : "none"}`);
    else reached.push(name);
  }
  return { problems, reached };
}"""
# Every input and button of both widgets (the retry button shows only when Python could not start).
CONTROLS = """(roots) => [...document.querySelectorAll(roots.map((root) => `${root} input, ${root} button`).join(", "))]
  .map((element) => element.name || element.dataset.action).filter((name) => name !== "retry")"""
# Anything of the widgets that moves: a CSS animation, or a transition that takes time.
MOTION = """(roots) => {
  const moving = [];
  for (const element of document.querySelectorAll(roots.map((root) => `${root}, ${root} *`).join(", "))) {
    for (const pseudo of [null, "::before", "::after"]) {
      const style = getComputedStyle(element, pseudo);
      const transition = style.transitionDuration.split(",").some((duration) => parseFloat(duration) > 0);
      if (style.animationName !== "none" || transition) moving.push(`${element.outerHTML.slice(0, 80)}${pseudo || ""}`);
    }
  }
  return moving;
}"""


def walk_every_screen(page, visit) -> None:
    """Calls `visit()` on every screen of the phone, the login's three screens among them."""
    act(page, APP, "reset")
    expect_screen(page, APP, "push")
    visit()  # push, credentials
    act(page, APP, "skip")
    expect_screen(page, APP, "activate")
    visit()
    act(page, APP, phone="812 34 567")
    expect(page.locator(f"{APP} [data-role=error]")).to_be_visible()
    visit()  # with an error
    act(page, APP, phone=PHONE)
    expect_screen(page, APP, "activation-code")
    visit()
    act(page, APP, activation_code=sms_code(page))
    expect_screen(page, APP, "touch-id")
    visit()
    act(page, APP, "skip")
    expect_screen(page, APP, "new-pin")
    visit()
    act(page, APP, pin=PIN, pin_confirm=PIN)
    expect_screen(page, APP, "home")
    visit()
    sign_in(page)
    act(page, APP, "make-code")
    expect_screen(page, APP, "enter-pin")
    visit()  # enter-pin, otp
    act(page, APP, pin=PIN)
    expect_screen(page, APP, "code")
    act(page, APP, "offline")  # the longest code: 8 digits
    expect(page.locator(f"{APP} [data-role=code]")).to_have_text(re.compile(r"^[0-9]{8}$"))
    visit()
    act(page, LOGIN, otp=shown(page, f"{APP} [data-role=code]"))
    expect_screen(page, LOGIN, "done")
    act(page, APP, "make-code")
    for wrong in ("0000", "1111", "2222"):
        act(page, APP, pin=wrong)
    expect_screen(page, APP, "blocked")
    visit()  # blocked, done
    act(page, APP, "call-support")
    expect_screen(page, APP, "unblock")
    visit()


# 200 % zoom: full-page zoom at 200 % in a 1280 px window leaves a viewport of 640 CSS px, and Material
# sizes all its text in rem, so a 640 px viewport with the page's own root font size doubled is the
# zoomed page with its text made twice as large again (WCAG 1.4.4 on top of 1.4.10): stricter than the
# browser's zoom, never easier. Chromium's page scale factor would not do: it magnifies like a pinch,
# without laying the page out again, so nothing could overflow.
LAYOUTS = {
    "320px": ({"width": 320, "height": 640}, 1),
    "200%": ({"width": 640, "height": 360}, 2),
}


@pytest.mark.parametrize("layout", LAYOUTS)
def test_every_screen_reflows_at_320_px_and_200_percent_zoom(page, lang, layout):
    viewport, text_scale = LAYOUTS[layout]
    wide = page.viewport_size
    page.set_viewport_size(viewport)
    page.evaluate("(scale) => { const html = document.documentElement;"
                  " html.style.fontSize = parseFloat(getComputedStyle(html).fontSize) * scale + 'px'; }", text_scale)
    reached = set()
    try:
        def visit():
            found = page.evaluate(LAYOUT, [APP, LOGIN])
            assert found["problems"] == [], page.get_attribute(APP, "data-screen")
            reached.update(found["reached"])

        walk_every_screen(page, visit)
    finally:
        page.evaluate("document.documentElement.style.removeProperty('font-size')")
        page.set_viewport_size(wide)
    assert reached == set(page.evaluate(CONTROLS, [APP, LOGIN]))


@ONE_LANG
def test_nothing_moves_when_the_reader_asks_for_reduced_motion(page, lang):
    activate(page)
    make_code(page)
    assert page.evaluate(MOTION, [APP, LOGIN]) != []  # buttons fade their colours by default
    page.emulate_media(reduced_motion="reduce")
    try:
        assert page.evaluate(MOTION, [APP, LOGIN]) == []
    finally:
        page.emulate_media(reduced_motion="no-preference")


def test_time_left_is_said_on_demand(page, lang):
    activate(page)
    make_code(page)
    announce = page.locator(f"{APP} [data-role=announce]")
    assert announce.get_attribute("aria-live") == "polite"
    button = page.locator(f"{APP} [data-action=time-left]")
    expect(button).to_have_text(widgets.text("practice_time_left", lang))
    page.clock.fast_forward(45_000)
    page.clock.run_for(100)
    expect(announce).to_have_text("")  # 75 s left: no threshold passed, nothing said by itself
    button.click()
    page.clock.run_for(100)
    expect(announce).to_have_text(seconds_left(lang, 75))
    # asked again, it is said again with the time of that moment
    page.clock.fast_forward(2_000)
    button.click()
    expect(announce).to_have_text("")
    page.clock.run_for(100)
    expect(announce).to_have_text(seconds_left(lang, 73))
    # the offline code's time runs to the next 30 s boundary (the clock started 1 s past one)
    act(page, APP, "offline")
    expect(page.locator(f"{APP} [data-role=code]")).to_have_text(re.compile(r"^[0-9]{8}$"))
    button.click()
    page.clock.run_for(100)
    expect(announce).to_have_text(seconds_left(lang, 30 - (1 + 47) % 30))
    act(page, APP, "offline")  # back online: at the latest 120 s on, that code has expired
    page.clock.fast_forward(120_000)
    expect(page.locator(f"{APP} [data-when=expired]")).to_be_visible()
    button.click()
    page.clock.run_for(100)
    expect(announce).to_have_text(widgets.text("practice_expired", lang))
