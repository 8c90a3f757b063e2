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
OPERATIONS = ("check", "suggest", "code", "verify", "demo")


def _totp():
    """`pycheck.totp`, imported on first use as pycheck does itself: the checker alone never loads pyotp."""
    from . import totp

    return totp


def check(password: str, confirm: str | None = None, lang: str = messages.DEFAULT_LANG) -> dict[str, Any]:
    """The report on `password` (and `confirm`, when given) as `PasswordReport.to_dict(lang)`."""
    return check_password(password, confirm).to_dict(lang)


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
            check(password, "x", lang)
    suggest()
    state = demo(None, 0)
    verify(state["code"], state["secret"], 0)


def after_restore() -> bool:
    """Called once on an interpreter restored from the snapshot: `random`'s state was frozen in it."""
    random.seed()
    return True
