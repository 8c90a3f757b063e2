"""A practice Buypass Code app and a practice IMDinett login, as one small state machine.

The page keeps the state (the JSON-ready dict of `Practice.to_dict`) and sends it back with every event;
the worker keeps nothing. This module never reads the clock: `at` is the page's Unix time in seconds.
What comes back from the page may have been changed, so `Practice.from_dict` checks every field and
`event()` answers anything it cannot trust with a fresh start and the error `restarted`, never an
exception. A field the reader typed is checked for its length before anything else is done with it.

The rules are Buypass Code's as its documentation describes them (a 4-digit PIN, a 6-digit code valid
for 120 seconds, 8-digit offline codes that change every 30 seconds, three wrong PINs block the app,
support gives a 9-digit unblocking code, then a new PIN). Errors are stable codes; their texts are the
messages `practice.error.<code>` in messages.toml, formatted with the numbers below.
"""
from __future__ import annotations

import dataclasses
import math
import re
import secrets
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from . import messages, totp

SCENARIOS = ("start", "activation", "make-code", "blocked")
EVENTS = ("next", "skip", "make-code", "offline", "call-support", "tick", "reset", "login-next")
APP_SCREENS = ("push", "activate", "activation-code", "touch-id", "new-pin", "home", "enter-pin", "code",
               "blocked", "unblock")
LOGIN_SCREENS = ("credentials", "otp", "done")
BLOCKED_SCREENS = ("blocked", "unblock")

PHONE_DIGITS = 8
PIN_DIGITS = 4
ACTIVATION_DIGITS = 6  # the real length is not known; the practice SMS says it is a practice code
UNBLOCK_DIGITS = 9
ONLINE_DIGITS = 6
ONLINE_SECONDS = 120
OFFLINE_DIGITS = 8
OFFLINE_PERIOD = 30
MAX_WRONG_PINS = 3
#: How many earlier 30-second steps an offline code is recognised in, to say it changed (not that it is wrong).
OFFLINE_STEPS_REMEMBERED = ONLINE_SECONDS // OFFLINE_PERIOD
USERNAME = "ola.nordmann"
PRACTICE_PHONE = "41234567"  # the number a scenario that starts after the activation shows
#: A typed field longer than this is refused before any other work (a paste of a whole page, say).
MAX_FIELD_CHARS = 256
STATE_VERSION = 1

#: Every error code: the field it belongs to (None: the whole screen) and the numbers its text states.
#: `unreadable` and `too_long` belong to whichever field was sent (not a string / too long).
ERRORS: dict[str, tuple[str | None, dict[str, int | str]]] = {
    "restarted": (None, {}),
    "unreadable": (None, {}),
    "too_long": (None, {}),
    "phone_missing": ("phone", {}),
    "phone_chars": ("phone", {}),
    "phone_length": ("phone", {"digits": PHONE_DIGITS}),
    "phone_start": ("phone", {}),
    "activation_missing": ("activation_code", {"digits": ACTIVATION_DIGITS}),
    "activation_format": ("activation_code", {"digits": ACTIVATION_DIGITS}),
    "activation_wrong": ("activation_code", {}),
    "pin_missing": ("pin", {"digits": PIN_DIGITS}),
    "pin_format": ("pin", {"digits": PIN_DIGITS}),
    "pin_confirm_missing": ("pin_confirm", {}),
    "pin_mismatch": ("pin_confirm", {}),
    "pin_wrong": ("pin", {}),
    "pin_blocked": (None, {"tries": MAX_WRONG_PINS}),
    "unblock_missing": ("unblock_code", {"digits": UNBLOCK_DIGITS}),
    "unblock_format": ("unblock_code", {"digits": UNBLOCK_DIGITS}),
    "unblock_wrong": ("unblock_code", {}),
    "username_missing": ("username", {}),
    "username_wrong": ("username", {"username": USERNAME}),
    "password_missing": ("password", {}),
    "password_wrong": ("password", {}),
    "password_rules": ("password", {}),
    "otp_missing": ("otp", {}),
    "otp_format": ("otp", {"digits": ONLINE_DIGITS, "offline_digits": OFFLINE_DIGITS}),
    "otp_no_code": ("otp", {}),
    "otp_expired": ("otp", {"seconds": ONLINE_SECONDS}),
    "otp_changed": ("otp", {"seconds": OFFLINE_PERIOD}),
    "otp_wrong": ("otp", {}),
}
FIELDS = ("phone", "activation_code", "pin", "pin_confirm", "unblock_code", "username", "password", "otp")


@dataclass(frozen=True, slots=True)
class Error:
    """A refusal: the field it concerns (None: the screen) and its code in `ERRORS`."""

    field: str | None
    code: str

    def to_dict(self, lang: str, **params: object) -> dict[str, Any]:
        return {"field": self.field, "code": self.code,
                "message": messages.text(f"practice.error.{self.code}", lang, **{**params, **ERRORS[self.code][1]})}


class Refused(Exception):
    """Raised by an event's handler for input it refuses; `event()` keeps the state and shows the error."""

    def __init__(self, code: str, field: str | None = None) -> None:
        super().__init__(code)
        self.error = Error(field if field is not None else ERRORS[code][0], code)


@dataclass(frozen=True, slots=True)
class Practice:
    """Everything the practice remembers between two events (the page holds it as `to_dict()`)."""

    scenario: str
    screen: str  # the app's screen, one of APP_SCREENS
    login: str  # the login's screen, one of LOGIN_SCREENS
    secret: str  # base32, fresh for every start: the practice app's codes come from it
    phone: str | None = None  # 8 digits, once the activation started
    activation_code: str | None = None  # the code in the practice SMS
    pin: str | None = None  # the PIN the reader chose (or the scenario chose and told)
    practice_pin: str | None = None  # the PIN a scenario chose, shown to the reader until it changes
    wrong_pins: int = 0  # wrong PINs since the last correct PIN or unblocking
    unblock_code: str | None = None  # given by practice support on `call-support`
    offline: bool = False
    code_made_at: float | None = None  # when the current online code was made
    login_offline: bool = False  # the practice login was done with an 8-digit offline code
    app_error: Error | None = None
    login_error: Error | None = None

    @property
    def blocked(self) -> bool:
        return self.wrong_pins >= MAX_WRONG_PINS

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {"version": STATE_VERSION}
        for field in dataclasses.fields(self):
            value = getattr(self, field.name)
            data[field.name] = dataclasses.asdict(value) if isinstance(value, Error) else value
        return data

    @classmethod
    def from_dict(cls, data: object) -> Practice | None:
        """The state the page sent back, or None if any part of it is not one this module makes."""
        if not isinstance(data, Mapping) or set(data) != _STATE_KEYS or type(data["version"]) is not int \
                or data["version"] != STATE_VERSION:
            return None
        values = {}
        for name, check in _STATE_CHECKS.items():
            value = data[name]
            if not check(value):
                return None
            if name.endswith("_error") and value is not None:
                value = Error(value["field"], value["code"])
            elif name == "code_made_at" and value is not None:
                value = float(value)
            values[name] = value
        state = cls(**values)
        return state if _consistent(state) else None


# --- checking a state that came back from the page -------------------------------------------------

def _is_text(pattern: str) -> Callable[[object], bool]:
    compiled = re.compile(pattern, re.ASCII)
    return lambda value: isinstance(value, str) and len(value) <= 64 and compiled.fullmatch(value) is not None


def _optional(check: Callable[[object], bool]) -> Callable[[object], bool]:
    return lambda value: value is None or check(value)


def _one_of(choices: tuple[str, ...]) -> Callable[[object], bool]:
    return lambda value: isinstance(value, str) and value in choices


def _is_time(value: object) -> bool:
    """A Unix time pycheck.totp can use: a number from 0 to totp.MAX_TIME, not a bool (NaN and the
    infinities fail the comparison; a huge int is compared, never turned into a float)."""
    return not isinstance(value, bool) and isinstance(value, (int, float)) and 0 <= value <= totp.MAX_TIME


def _is_error(value: object) -> bool:
    return (isinstance(value, Mapping) and set(value) == {"field", "code"}
            and isinstance(value["code"], str) and value["code"] in ERRORS
            and (value["field"] is None or (isinstance(value["field"], str) and value["field"] in FIELDS)))


_STATE_CHECKS: dict[str, Callable[[object], bool]] = {
    "scenario": _one_of(SCENARIOS),
    "screen": _one_of(APP_SCREENS),
    "login": _one_of(LOGIN_SCREENS),
    "secret": _is_text(f"[A-Z2-7]{{{totp.DEMO_SECRET_CHARS}}}"),
    "phone": _optional(_is_text(f"[0-9]{{{PHONE_DIGITS}}}")),
    "activation_code": _optional(_is_text(f"[0-9]{{{ACTIVATION_DIGITS}}}")),
    "pin": _optional(_is_text(f"[0-9]{{{PIN_DIGITS}}}")),
    "practice_pin": _optional(_is_text(f"[0-9]{{{PIN_DIGITS}}}")),
    "wrong_pins": lambda v: not isinstance(v, bool) and isinstance(v, int) and 0 <= v <= MAX_WRONG_PINS,
    "unblock_code": _optional(_is_text(f"[0-9]{{{UNBLOCK_DIGITS}}}")),
    "offline": lambda v: isinstance(v, bool),
    "code_made_at": _optional(_is_time),
    "login_offline": lambda v: isinstance(v, bool),
    "app_error": _optional(_is_error),
    "login_error": _optional(_is_error),
}
_STATE_KEYS = {"version", *_STATE_CHECKS}

#: What each app screen needs: True, the field is set; False, it is empty. Checked on every state
#: that comes back, so that no handler meets a screen without what it works on.
_SCREEN_NEEDS: dict[str, dict[str, bool]] = {
    "push": {"phone": False, "activation_code": False, "pin": False},
    "activate": {"phone": False, "activation_code": False, "pin": False},
    "activation-code": {"phone": True, "activation_code": True, "pin": False},
    "touch-id": {"phone": True, "activation_code": True, "pin": False},
    "new-pin": {"phone": True, "activation_code": True, "pin": False},
    "home": {"phone": True, "activation_code": True, "pin": True},
    "enter-pin": {"phone": True, "activation_code": True, "pin": True},
    "code": {"phone": True, "activation_code": True, "pin": True, "code_made_at": True},
    "blocked": {"phone": True, "activation_code": True, "pin": True},
    "unblock": {"phone": True, "activation_code": True, "pin": True, "unblock_code": True},
}


def _consistent(state: Practice) -> bool:
    needs = _SCREEN_NEEDS[state.screen]
    return (all((getattr(state, name) is not None) == is_set for name, is_set in needs.items())
            and state.blocked == (state.screen in BLOCKED_SCREENS)
            and (state.practice_pin is None or state.practice_pin == state.pin))


# --- starting -------------------------------------------------------------------------------------

def _digits(count: int) -> str:
    """`count` random digits from `secrets` (a fresh value also after a memory-snapshot restore)."""
    return f"{secrets.randbelow(10 ** count):0{count}d}"


def start(scenario: str = "start") -> Practice:
    """A new practice at `scenario`'s point, with a fresh secret key. `scenario` must be in SCENARIOS."""
    # As in the handout: the app first offers push notifications, then asks for the phone number.
    fresh = Practice(scenario=scenario, screen="push", login="credentials", secret=totp.new_demo_secret())
    if scenario == "start":
        return fresh
    if scenario == "activation":
        return dataclasses.replace(fresh, screen="activate", login="otp")
    activated = dataclasses.replace(fresh, login="otp", phone=PRACTICE_PHONE,
                                    activation_code=_digits(ACTIVATION_DIGITS), pin=_digits(PIN_DIGITS))
    if scenario == "make-code":
        return dataclasses.replace(activated, screen="home", practice_pin=activated.pin)
    if scenario == "blocked":
        return dataclasses.replace(activated, screen="blocked", wrong_pins=MAX_WRONG_PINS)
    raise ValueError(f"Unknown scenario {scenario!r}: use one of {', '.join(SCENARIOS)}")


def restarted() -> Practice:
    """A fresh start that says the practice started over (the page sent something it cannot use)."""
    return dataclasses.replace(start(), app_error=Error(None, "restarted"))


# --- reading the reader's fields ------------------------------------------------------------------

def _field(fields: Mapping[str, object], name: str, missing: str) -> str:
    """The field as typed, or Refused: not a string, too long (checked first), or empty."""
    value = fields.get(name, "")
    if value is None:
        value = ""
    if not isinstance(value, str):
        raise Refused("unreadable", name)
    if len(value) > MAX_FIELD_CHARS:
        raise Refused("too_long", name)
    if not value.strip():
        raise Refused(missing, name)
    return value


def _number(fields: Mapping[str, object], name: str, missing: str, bad: str, lengths: tuple[int, ...]) -> str:
    """A code or PIN: only the digits 0-9 (spaces anywhere are left out), of one of `lengths`."""
    typed = "".join(_field(fields, name, missing).split())
    if not (typed.isascii() and typed.isdigit()) or len(typed) not in lengths:
        raise Refused(bad, name)
    return typed


def parse_phone(value: str) -> str:
    """A Norwegian mobile number as its 8 digits, or Refused: spaces anywhere, +47 or 0047 before it."""
    number = "".join(value.split())
    for prefix in ("+47", "0047"):
        if number.startswith(prefix):
            number = number[len(prefix):]
            break
    if number and not (number.isascii() and number.isdigit()):
        raise Refused("phone_chars")
    if len(number) != PHONE_DIGITS:
        raise Refused("phone_length")
    if number[0] not in "49":
        raise Refused("phone_start")
    return number


def online_code(state: Practice) -> str | None:
    """The 6-digit code made at `code_made_at` (None before any)."""
    if state.code_made_at is None:
        return None
    return totp.code(state.secret, state.code_made_at, digits=ONLINE_DIGITS, period=OFFLINE_PERIOD)


def offline_code(state: Practice, at: float) -> str:
    """The 8-digit offline code of the 30-second step that holds `at`."""
    return totp.code(state.secret, at, digits=OFFLINE_DIGITS, period=OFFLINE_PERIOD)


def online_expired(state: Practice, at: float) -> bool:
    """An online code is valid from when it was made for ONLINE_SECONDS (the moment after is too late)."""
    return state.code_made_at is None or not 0 <= at - state.code_made_at < ONLINE_SECONDS


# --- the app's events -----------------------------------------------------------------------------

Handler = Callable[[Practice, Mapping[str, object], float], Practice]


def _go(screen: str) -> Handler:
    return lambda state, fields, at: dataclasses.replace(state, screen=screen)


def _submit_phone(state: Practice, fields: Mapping[str, object], at: float) -> Practice:
    phone = parse_phone(_field(fields, "phone", "phone_missing"))
    return dataclasses.replace(state, screen="activation-code", phone=phone,
                               activation_code=_digits(ACTIVATION_DIGITS))


def _submit_activation_code(state: Practice, fields: Mapping[str, object], at: float) -> Practice:
    typed = _number(fields, "activation_code", "activation_missing", "activation_format", (ACTIVATION_DIGITS,))
    if not secrets.compare_digest(typed, state.activation_code or ""):
        raise Refused("activation_wrong")
    return dataclasses.replace(state, screen="touch-id")


def _submit_new_pin(state: Practice, fields: Mapping[str, object], at: float) -> Practice:
    pin = _number(fields, "pin", "pin_missing", "pin_format", (PIN_DIGITS,))
    confirm = "".join(_field(fields, "pin_confirm", "pin_confirm_missing").split())
    if confirm != pin:
        raise Refused("pin_mismatch")
    return dataclasses.replace(state, screen="home", pin=pin, practice_pin=None, wrong_pins=0)


def _submit_pin(state: Practice, fields: Mapping[str, object], at: float) -> Practice:
    """A well-formed PIN is right or wrong; a malformed one (letters, 3 digits …) is not counted."""
    pin = _number(fields, "pin", "pin_missing", "pin_format", (PIN_DIGITS,))
    if secrets.compare_digest(pin, state.pin or ""):
        return dataclasses.replace(state, screen="code", wrong_pins=0, code_made_at=float(at))
    wrong = state.wrong_pins + 1
    if wrong >= MAX_WRONG_PINS:
        return dataclasses.replace(state, screen="blocked", wrong_pins=MAX_WRONG_PINS, unblock_code=None,
                                   app_error=Error(None, "pin_blocked"))
    return dataclasses.replace(state, wrong_pins=wrong, app_error=Error("pin", "pin_wrong"))


def _toggle_offline(state: Practice, fields: Mapping[str, object], at: float) -> Practice:
    """On the code screen, going back online makes a new online code, as the app would."""
    made_at = float(at) if state.screen == "code" and state.offline else state.code_made_at
    return dataclasses.replace(state, offline=not state.offline, code_made_at=made_at)


def _call_support(state: Practice, fields: Mapping[str, object], at: float) -> Practice:
    return dataclasses.replace(state, screen="unblock", unblock_code=_digits(UNBLOCK_DIGITS))


def _submit_unblock_code(state: Practice, fields: Mapping[str, object], at: float) -> Practice:
    typed = _number(fields, "unblock_code", "unblock_missing", "unblock_format", (UNBLOCK_DIGITS,))
    if not secrets.compare_digest(typed, state.unblock_code or ""):
        raise Refused("unblock_wrong")
    return dataclasses.replace(state, screen="new-pin", pin=None, practice_pin=None, wrong_pins=0,
                               unblock_code=None, code_made_at=None)


#: (app screen, event) -> handler. An event that its screen does not offer changes nothing.
APP_EVENTS: dict[tuple[str, str], Handler] = {
    ("push", "next"): _go("activate"),
    ("push", "skip"): _go("activate"),
    ("activate", "next"): _submit_phone,
    ("activation-code", "next"): _submit_activation_code,
    ("touch-id", "next"): _go("new-pin"),
    ("touch-id", "skip"): _go("new-pin"),
    ("new-pin", "next"): _submit_new_pin,
    ("home", "make-code"): _go("enter-pin"),
    ("home", "offline"): _toggle_offline,
    ("enter-pin", "next"): _submit_pin,
    ("code", "next"): _go("home"),
    ("code", "make-code"): _go("enter-pin"),
    ("code", "offline"): _toggle_offline,
    ("blocked", "call-support"): _call_support,
    ("unblock", "next"): _submit_unblock_code,
}


# --- the login's events ---------------------------------------------------------------------------

def _submit_credentials(state: Practice, fields: Mapping[str, object], at: float) -> Practice:
    """The username shown, then the password made in the page's practice form (`expected_password`,
    when the page passes one) or else any password pycheck accepts."""
    from .validator import check_password

    username = _field(fields, "username", "username_missing")
    if username.strip().casefold() != USERNAME:
        raise Refused("username_wrong")
    password = _field(fields, "password", "password_missing")
    expected = fields.get("expected_password")
    if isinstance(expected, str) and expected and len(expected) <= MAX_FIELD_CHARS:
        if not secrets.compare_digest(password.encode("utf-8", "surrogatepass"),
                                      expected.encode("utf-8", "surrogatepass")):
            raise Refused("password_wrong")
    elif not check_password(password).ok:
        raise Refused("password_rules")
    return dataclasses.replace(state, login="otp")


def _submit_otp(state: Practice, fields: Mapping[str, object], at: float) -> Practice:
    """The app's current code: the online code within its 120 s, or the offline code of this 30 s step."""
    typed = _number(fields, "otp", "otp_missing", "otp_format", (ONLINE_DIGITS, OFFLINE_DIGITS))
    if len(typed) == OFFLINE_DIGITS:
        if secrets.compare_digest(typed, offline_code(state, at)):
            return dataclasses.replace(state, login="done", login_offline=True)
        step_start = at - at % OFFLINE_PERIOD
        earlier = (step_start - OFFLINE_PERIOD * n for n in range(1, OFFLINE_STEPS_REMEMBERED + 1))
        if any(typed == offline_code(state, moment) for moment in earlier if moment >= 0):
            raise Refused("otp_changed")
        raise Refused("otp_wrong")
    made = online_code(state)
    if made is None:
        raise Refused("otp_no_code")
    if not secrets.compare_digest(typed, made):
        raise Refused("otp_wrong")
    if online_expired(state, at):
        raise Refused("otp_expired")
    return dataclasses.replace(state, login="done", login_offline=False)


LOGIN_EVENTS: dict[tuple[str, str], Handler] = {
    ("credentials", "login-next"): _submit_credentials,
    ("otp", "login-next"): _submit_otp,
}


def event(state: Practice, name: str, fields: Mapping[str, object], at: float) -> Practice:
    """The state after the event `name` at `at` (a valid time: see `_is_time`). A refused field keeps the
    screen and sets the error; an event the current screen does not offer changes nothing."""
    if name == "reset":
        return start()
    if name == "tick":
        return state
    if name == "login-next":
        handler = LOGIN_EVENTS.get((state.login, name))
        if handler is None:
            return state
        try:
            return dataclasses.replace(handler(state, fields, at), login_error=None)
        except Refused as refused:
            return dataclasses.replace(state, login_error=refused.error)
    handler = APP_EVENTS.get((state.screen, name))
    if handler is None:
        return state
    try:
        after = handler(dataclasses.replace(state, app_error=None), fields, at)
    except Refused as refused:
        return dataclasses.replace(state, app_error=refused.error)
    return after


# --- what the page draws --------------------------------------------------------------------------

#: The note each app screen shows (the message `practice.note.<name>`) and the numbers its text states;
#: the code screen's note depends on the mode. `tries` (PINs left) is added where a note has no `tries`.
APP_NOTES: dict[str, tuple[str, dict[str, int]]] = {
    "activate": ("activate", {}),
    "activation-code": ("activation_code", {}),
    "push": ("push", {}),
    "touch-id": ("touch_id", {}),
    "new-pin": ("new_pin", {"digits": PIN_DIGITS}),
    "home": ("home", {}),
    "enter-pin": ("enter_pin", {"digits": PIN_DIGITS}),
    "code": ("code_online", {"digits": ONLINE_DIGITS, "seconds": ONLINE_SECONDS}),
    "code offline": ("code_offline", {"digits": OFFLINE_DIGITS, "seconds": OFFLINE_PERIOD}),
    "blocked": ("blocked", {"tries": MAX_WRONG_PINS}),
    "unblock": ("unblock", {"digits": UNBLOCK_DIGITS}),
}


def _code_view(state: Practice, at: float) -> dict[str, Any]:
    if state.screen != "code":
        return {"code": None, "expires_at": None, "seconds_left": None, "expired": False}
    if state.offline:
        step_end = float((int(at) // OFFLINE_PERIOD + 1) * OFFLINE_PERIOD)
        return {"code": offline_code(state, at), "expires_at": step_end,
                "seconds_left": totp.seconds_left(at, OFFLINE_PERIOD), "expired": False}
    assert state.code_made_at is not None  # _SCREEN_NEEDS
    expires_at = state.code_made_at + ONLINE_SECONDS
    return {"code": online_code(state), "expires_at": expires_at,
            "seconds_left": min(ONLINE_SECONDS, max(0, math.ceil(expires_at - at))),
            "expired": online_expired(state, at)}


def _app_note(state: Practice, lang: str) -> str:
    name, params = APP_NOTES["code offline" if state.screen == "code" and state.offline else state.screen]
    return messages.text(f"practice.note.{name}", lang, **{"tries": MAX_WRONG_PINS - state.wrong_pins, **params})


def _phone_shown(phone: str | None) -> str | None:
    """`412 34 567`, as Norwegians write a mobile number."""
    return None if phone is None else f"{phone[:3]} {phone[3:5]} {phone[5:]}"


def view(state: Practice, at: float, lang: str) -> dict[str, Any]:
    """What the page shows at `at`, in `lang`: JSON-ready, with every text already in that language."""
    messages.check_lang(lang)
    tries = MAX_WRONG_PINS - state.wrong_pins
    sms = None
    if state.activation_code is not None and state.screen == "activation-code":
        sms = messages.text("practice.sms", lang, code=state.activation_code)
    login_note = None
    if state.login == "done":
        login_note = messages.text("practice.login.done_offline" if state.login_offline else "practice.login.done",
                                   lang, digits=OFFLINE_DIGITS)
    return {
        "scenario": state.scenario,
        "app": {
            "screen": state.screen,
            "phone": _phone_shown(state.phone),
            "sms": sms,
            **_code_view(state, at),
            "digits": OFFLINE_DIGITS if state.offline else ONLINE_DIGITS,
            "offline": state.offline,
            "pins_left": tries,
            "unblock_code": state.unblock_code if state.screen == "unblock" else None,
            "practice_pin": state.practice_pin,
            "note": _app_note(state, lang),
            "error": state.app_error.to_dict(lang, tries=tries) if state.app_error else None,
        },
        "login": {
            "screen": state.login,
            "username": USERNAME,
            "email": messages.text("practice.email", lang, username=USERNAME),
            "note": login_note,
            "error": state.login_error.to_dict(lang) if state.login_error else None,
        },
    }


def answer(state: Practice, at: float, lang: str) -> dict[str, Any]:
    """`{"state": …, "view": …}`, what the page gets back from every operation."""
    return {"state": state.to_dict(), "view": view(state, at if _is_time(at) else 0.0, lang)}


def answer_start(scenario: object, at: object, lang: str) -> dict[str, Any]:
    """A new practice at `scenario`; an unknown scenario or an unusable time starts at `start` with the
    error `restarted`. Only an unknown `lang` raises (a ValueError, as everywhere in pycheck)."""
    messages.check_lang(lang)
    fresh = start(scenario) if scenario in SCENARIOS and _is_time(at) else restarted()  # type: ignore[arg-type]
    return answer(fresh, at, lang)  # type: ignore[arg-type]


def answer_event(state: object, name: object, fields: object, at: object, lang: str) -> dict[str, Any]:
    """The state and view after the event; a state, event or time it cannot use gives `restarted()`.
    `fields` that is not a mapping counts as no fields (each one is then missing)."""
    messages.check_lang(lang)
    current = Practice.from_dict(state)
    if current is None or name not in EVENTS or not _is_time(at):
        return answer(restarted(), at, lang)  # type: ignore[arg-type]
    given = fields if isinstance(fields, Mapping) else {}
    return answer(event(current, name, given, at), at, lang)  # type: ignore[arg-type]
