"""What the pages' Web Worker runs: one function per operation, plain values in, JSON-ready values out.

The worker (`overrides/assets/javascripts/pycheck/worker.js`) imports this module and calls these
functions by the operation's name (`OPERATIONS`); it holds no Python of its own. The memory snapshot
made at build time (`tools/make_snapshot.mjs`) runs `warm_up()` before it is taken, and the worker calls
`after_restore()` on an interpreter restored from it.
"""
from __future__ import annotations

import importlib
import pkgutil
import random
from typing import Any

from . import messages
from .suggest import suggest_password
from .validator import check_password

#: The worker's operations, each a function of this module.
OPERATIONS = ("check", "suggest", "code", "verify", "demo", "practice_start", "practice_event")


def _totp():
    """`pycheck.totp`, imported on first use as pycheck does itself: the checker alone never loads pyotp."""
    from . import totp

    return totp


def check(password: str, confirm: str | None = None, lang: str = messages.DEFAULT_LANG,
          masked: bool = False) -> dict[str, Any]:
    """The report on `password` (and `confirm`, when given) as `PasswordReport.to_dict(lang, masked=…)`:
    while the page masks the password, no warning quotes its characters."""
    return check_password(password, confirm).to_dict(lang, masked=masked)


def suggest() -> str:
    """A memorable password that meets the policy and raises no warning."""
    return suggest_password()


def code(secret: str, at: float, digits: int | None = None, period: int | None = None,
         algorithm: str = "sha1") -> str:
    """The demo TOTP code of `secret` (base32) at Unix time `at`; `None` settings take the defaults."""
    totp = _totp()
    return totp.code(secret, at, digits=digits or totp.DEFAULT_DIGITS, period=period or totp.DEFAULT_PERIOD,
                     algorithm=algorithm)


def verify(code: str, secret: str, at: float) -> bool:
    """Is `code` right for `secret` at `at` (one period of clock drift either way)?"""
    return bool(_totp().verify(code, secret, at))


def demo(secret: str | None, at: float) -> dict[str, Any]:
    """The demo's state: a fresh secret key when none is given, its code and the seconds it has left.

    The settings are pycheck.totp's defaults, which the page's widget carries from the build. The key
    stays in the page's memory only: the demo shows no key, link or QR code that could be added to an app.
    """
    totp = _totp()
    secret = secret or totp.new_demo_secret()
    return {
        "secret": secret,
        "code": totp.code(secret, at),
        "seconds_left": totp.seconds_left(at),
        "at": at,
    }


def _practice():
    """`pycheck.practice`, imported on first use (it needs pyotp, which the checker alone never loads)."""
    from . import practice

    return practice


def practice_start(scenario: str, at: float, lang: str = messages.DEFAULT_LANG) -> dict[str, Any]:
    """A new practice (app and login) at `scenario`, one of `pycheck.practice.SCENARIOS`, at Unix time `at`.

    Answers `{"state", "view"}`: the page keeps `state` as it is and sends it back with the next event,
    and draws `view`. An unknown scenario starts at "start" with the error `restarted`.
    """
    return _practice().answer_start(scenario, at, lang)


def practice_event(state: dict[str, Any], event: str, fields: dict[str, Any] | None, at: float,
                   lang: str = messages.DEFAULT_LANG) -> dict[str, Any]:
    """The practice after `event` with the reader's `fields` at Unix time `at`, as `{"state", "view"}`.

    A state, event or time that cannot be used never raises: the answer is a fresh start whose view says
    the practice started over (`view["app"]["error"]["code"] == "restarted"`).
    """
    return _practice().answer_event(state, event, fields, at, lang)


#: Passwords that reach every rule, every warning and every message while warming up.
_WARM_UP_PASSWORDS = ("Korrekt-Hest-Batteri-9", "passord", "Sommer2024!", "Ærlig Øl På Åsen 42!", "P@ssw0rd" * 10,
                      "qwertyuiop123456A!", "Korrekt\u200bHest 9", "🙂Smilefjes-Passord-12!", "  a  b  ", "")


def _fill_file_caches() -> None:
    """Imports every pycheck module and calls each cached loader that takes no argument.

    An interpreter restored from a memory snapshot has no files, so whatever pycheck reads from its
    package (word lists, message texts) must already be in memory when the snapshot is taken.
    """
    package = importlib.import_module(__package__)
    for info in pkgutil.walk_packages(package.__path__, f"{__package__}."):
        if info.name.endswith("__main__"):  # running the CLI is not importing it
            continue
        module = importlib.import_module(info.name)
        for value in list(vars(module).values()):
            if callable(value) and hasattr(value, "cache_info") and getattr(value, "__module__", "") == module.__name__:
                try:
                    value()
                except TypeError:  # it takes arguments: filled by the calls in warm_up()
                    pass


def warm_up() -> None:
    """Runs every operation once, so that a snapshot taken afterwards holds all it imports and caches."""
    _fill_file_caches()
    for password in _WARM_UP_PASSWORDS:
        for lang in messages.LANGS:
            check(password, password, lang)
            check(password, "x", lang, masked=True)
    suggest()
    state = demo(None, 0)
    verify(state["code"], state["secret"], 0)
    _warm_up_practice()


def _warm_up_practice() -> None:
    """Walks the practice once in every language, through the blocked app and the login, so that the
    snapshot holds the state machine and its texts. Its secret keys are dropped: every start after a
    restore makes a new one (`secrets`)."""
    practice = _practice()
    at = 1_700_000_000.0
    steps = [("next", {"phone": "+47 412 34 567"}), ("next", {"activation_code": "x"}), ("skip", {}), ("skip", {}),
             ("next", {"pin": "1234", "pin_confirm": "1234"}), ("make-code", {}), ("next", {"pin": "0000"}),
             ("next", {"pin": "0000"}), ("next", {"pin": "0000"}), ("call-support", {}),
             ("next", {"unblock_code": "1"}), ("tick", {}), ("reset", {}),
             ("login-next", {"username": practice.USERNAME, "password": "Fjell-Kaffe-Sykkel-47"}),
             ("login-next", {"otp": "12345678"})]
    for lang in messages.LANGS:
        for scenario in practice.SCENARIOS:
            answer = practice_start(scenario, at, lang)
            for event, fields in steps:
                answer = practice_event(answer["state"], event, fields, at, lang)
        practice_event({}, "next", {}, at, lang)


def after_restore() -> bool:
    """Called once on an interpreter restored from the snapshot: `random`'s state was frozen in it."""
    random.seed()
    return True
