"""What the practice's browser tests share (tests/browser/test_practice.py, and the accessibility
tests that walk the same screens): the page's roots, the practice's fixed inputs and clock, and the
steps that open the practice, act on it and check a screen or an error."""
from __future__ import annotations

import re

from browserkit import READY_TIMEOUT_MS, at
from playwright.sync_api import expect

from pycheck import check_password, messages, practice

APP = "[data-pycheck=app]"
LOGIN = "[data-pycheck=login]"
PRACTICE_PAGE = "ove/"  # in every language, under its prefix
START = 1_800_000_000  # the page's clock when the context opens (Unix time, seconds)
PHONE = "+47 412 34 567"
PIN = "2580"
PASSWORD = "Korrekt-Hest-Batteri-9!"
assert check_password(PASSWORD).ok  # the login takes any accepted password when none was made above

# Everything a page could have stored, in every kind of storage the browser offers.
STORAGE = """async () => {
  const all = (store) => Object.keys(store).map((key) => key + "=" + store.getItem(key));
  return {local: all(localStorage), session: all(sessionStorage), cookie: document.cookie,
          databases: (await indexedDB.databases()).map((database) => database.name),
          caches: await caches.keys()};
}"""
NOTHING_STORED = {"local": [], "session": [], "cookie": "", "databases": [], "caches": []}


# --- opening the page and walking it ----------------------------------------------------------------

def open_practice(page, lang: str, scenario: str | None = None) -> None:
    """Opens the practice page (at `scenario`'s link, if given) and waits until both widgets show a screen."""
    page.goto(at(lang, PRACTICE_PAGE) + (f"?practice={scenario}" if scenario else ""))
    page.locator(APP).scroll_into_view_if_needed()  # Python loads when the phone is seen
    page.wait_for_selector(f"{APP}[data-state=ready][data-screen]", timeout=READY_TIMEOUT_MS)
    page.wait_for_selector(f"{LOGIN}[data-state=ready][data-screen]", timeout=READY_TIMEOUT_MS)
    page.wait_for_selector(f"{APP}[data-busy=false]")


def act(page, root: str, action: str = "next", **fields: str) -> None:
    """Types `fields` into `root`'s inputs and presses its button `action`."""
    for name, value in fields.items():
        page.fill(f"{root} input[name={name}]", value)
    page.click(f"{root} [data-action={action}]")


def expect_screen(page, root: str, screen: str) -> None:
    """`root` shows `screen`, no event is pending, and focus is on that screen's heading."""
    expect(page.locator(root)).to_have_attribute("data-screen", screen)
    expect(page.locator(root)).to_have_attribute("data-busy", "false")
    heading = page.locator(f"{root} .pycheck__screen-title:not([hidden])")
    expect(heading).to_have_count(1)
    expect(heading).to_have_attribute("data-screens", screen)
    expect(heading).to_be_focused()


def error_text(code: str, lang: str, **params: object) -> str:
    return messages.text(f"practice.error.{code}", lang, **{**params, **practice.ERRORS[code][1]})


def expect_error(page, root: str, lang: str, code: str, typed: dict[str, str], **params: object) -> None:
    """The error `code` is shown in `lang`, tied to its field (aria-invalid, aria-describedby), which has
    focus; every field keeps what was typed (`typed`)."""
    error = page.locator(f"{root} [data-role=error]")
    expect(error).to_have_text(error_text(code, lang, **params))
    expect(error).to_be_visible()
    field = page.locator(f"{root} input[name={practice.ERRORS[code][0]}]")
    expect(field).to_have_attribute("aria-invalid", "true")
    assert error.get_attribute("id") in field.get_attribute("aria-describedby").split()
    expect(field).to_be_focused()
    assert page.locator(f"{root} input[aria-invalid]").count() == 1
    for name, value in typed.items():
        expect(page.locator(f"{root} input[name={name}]")).to_have_value(value)


def expect_no_error(page, root: str) -> None:
    expect(page.locator(f"{root} [data-role=error]")).to_be_hidden()
    assert page.locator(f"{root} input[aria-invalid]").count() == 0


def shown(page, selector: str) -> str:
    return page.locator(selector).inner_text().strip()


def sms_code(page) -> str:
    """The activation code in the practice SMS."""
    return re.search(r"\b([0-9]{6})\b", shown(page, f"{APP} [data-role=sms]")).group(1)


def activate(page, pin: str = PIN) -> None:
    """From `activate`: the phone number, the SMS code, Touch ID skipped, the PIN twice."""
    act(page, APP, phone=PHONE)
    expect_screen(page, APP, "activation-code")
    act(page, APP, activation_code=sms_code(page))
    expect_screen(page, APP, "touch-id")
    act(page, APP, "skip")
    expect_screen(page, APP, "new-pin")
    act(page, APP, pin=pin, pin_confirm=pin)
    expect_screen(page, APP, "home")


def make_code(page, pin: str = PIN) -> str:
    """From `home` or `code`: «Lag engangskode» and the PIN; returns the code the app shows."""
    act(page, APP, "make-code")
    expect_screen(page, APP, "enter-pin")
    act(page, APP, pin=pin)
    expect_screen(page, APP, "code")
    return shown(page, f"{APP} [data-role=code]")


def sign_in(page) -> None:
    """The practice login's first screen: the username it shows, and an accepted password."""
    username = shown(page, f"{LOGIN} [data-role=username]")
    act(page, LOGIN, username=username, password=PASSWORD)
    expect_screen(page, LOGIN, "otp")


def now(page) -> float:
    """The page's clock, in seconds."""
    return page.evaluate("Date.now()") / 1000


def seconds_left(lang: str, seconds: int) -> str:
    return messages.text("totp.seconds_left", lang, seconds=seconds)
