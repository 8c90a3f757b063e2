"""A demo TOTP generator (RFC 6238) on pyotp, with strict, readable validation of every argument.

Only for showing how one-time codes work: IMDinett's real codes come from the Buypass Code app.
Every bad argument raises `TotpError` (a ValueError) whose `key` and `params` name a message in
messages.toml, so the CLI and the pages can say what is wrong in the reader's language.
"""
from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import math
import re
from datetime import datetime

import pyotp

from . import messages

ALGORITHMS = ("sha1", "sha256", "sha512")
DIGITS = (6, 8)  # lowest and highest
#: The demo's settings, and the defaults of every function here (the pages and widgets read them too).
DEFAULT_DIGITS = 6
DEFAULT_PERIOD = 30
PERIOD = (1, 3600)
MAX_WINDOW = 10
MAX_TIME = 253402300799  # 9999-12-31T23:59:59Z
MIN_SECRET_BITS = 128  # RFC 4226 section 4, requirement R6
DEMO_SECRET_CHARS = 32  # 160 bits, the length RFC 4226 recommends
DEFAULT_ISSUER = "IMDinett demo"
_BASE32 = re.compile(r"[A-Z2-7]+=*")


class TotpError(ValueError):
    """A bad TOTP argument; `str()` is the English message, `message(lang)` any language."""

    def __init__(self, key: str, **params: object) -> None:
        self.key = key
        self.params = params
        super().__init__(messages.text(key, "en", **params))

    def message(self, lang: str = messages.DEFAULT_LANG) -> str:
        return messages.text(self.key, lang, **self.params)


def _secret(secret_b32: object) -> str:
    """The secret without spaces and dashes, uppercased and padded; raises TotpError if unusable."""
    if not isinstance(secret_b32, str):
        raise TotpError("totp.error.base32")
    cleaned = re.sub(r"[\s-]", "", secret_b32).upper().rstrip("=")
    if not cleaned or not _BASE32.fullmatch(cleaned):
        raise TotpError("totp.error.base32")
    padded = cleaned + "=" * (-len(cleaned) % 8)
    try:
        raw = base64.b32decode(padded)
    except (binascii.Error, ValueError):
        raise TotpError("totp.error.base32") from None
    if len(raw) * 8 < MIN_SECRET_BITS:
        raise TotpError(
            "totp.error.short",
            bits=len(raw) * 8,
            min_bits=MIN_SECRET_BITS,
            min_chars=math.ceil(MIN_SECRET_BITS / 5),
        )
    return padded


def _whole(value: object, low: int, high: int, key: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise TotpError(key, low=low, high=high)
    return value


def _algorithm(algorithm: object) -> str:
    name = algorithm.lower().replace("-", "") if isinstance(algorithm, str) else ""
    if name not in ALGORITHMS:
        raise TotpError("totp.error.algorithm", algorithm=str(algorithm)[:40], allowed=", ".join(ALGORITHMS))
    return name


def _time(at: object) -> int:
    """Whole Unix seconds from an int, a finite float or a timezone-aware datetime."""
    if isinstance(at, datetime):
        if at.tzinfo is None:
            raise TotpError("totp.error.time")
        at = at.timestamp()
    if isinstance(at, bool) or not isinstance(at, (int, float)) or not 0 <= at <= MAX_TIME:
        raise TotpError("totp.error.time")
    return int(at)


def _totp(secret_b32: str, digits: int, period: int, algorithm: str) -> pyotp.TOTP:
    return pyotp.TOTP(
        _secret(secret_b32),
        digits=_whole(digits, *DIGITS, "totp.error.digits"),
        interval=_whole(period, *PERIOD, "totp.error.period"),
        digest=getattr(hashlib, _algorithm(algorithm)),
    )


def code(secret_b32: str, at: int | float | datetime, *, digits: int = DEFAULT_DIGITS, period: int = DEFAULT_PERIOD,
         algorithm: str = "sha1") -> str:
    """The code for the moment `at` (Unix seconds or an aware datetime)."""
    totp = _totp(secret_b32, digits, period, algorithm)
    # The counter straight from Unix seconds: pyotp's at() goes through local time for numbers.
    return totp.generate_otp(_time(at) // totp.interval)


def verify(code: str, secret_b32: str, at: int | float | datetime, *, window: int = 1, digits: int = DEFAULT_DIGITS,
           period: int = DEFAULT_PERIOD, algorithm: str = "sha1") -> bool:
    """Is `code` right at `at`, or up to `window` periods before or after (clock drift)?

    A malformed code (wrong length, not digits) is simply wrong; bad settings raise TotpError.
    """
    totp = _totp(secret_b32, digits, period, algorithm)
    window = _whole(window, 0, MAX_WINDOW, "totp.error.window")
    now = _time(at)
    if not isinstance(code, str):
        return False
    given = code.replace(" ", "")
    if len(given) != totp.digits or not (given.isascii() and given.isdigit()):
        return False
    counter = now // totp.interval
    matches = [
        hmac.compare_digest(totp.generate_otp(c), given)
        for c in range(counter - window, counter + window + 1)
        if c >= 0
    ]
    return any(matches)


def new_demo_secret() -> str:
    """A fresh random base32 secret of 160 bits (pyotp uses `secrets`)."""
    return pyotp.random_base32(DEMO_SECRET_CHARS)


def provisioning_uri(secret_b32: str, account: str, issuer: str = DEFAULT_ISSUER, *, digits: int = DEFAULT_DIGITS,
                     period: int = DEFAULT_PERIOD, algorithm: str = "sha1") -> str:
    """The otpauth:// URI an authenticator app reads from a QR code."""
    if not isinstance(account, str) or not account.strip():
        raise TotpError("totp.error.account")
    return _totp(secret_b32, digits, period, algorithm).provisioning_uri(name=account.strip(), issuer_name=issuer)


def seconds_left(at: int | float | datetime, period: int = DEFAULT_PERIOD) -> int:
    """Seconds until the code shown at `at` changes (1 … period)."""
    period = _whole(period, *PERIOD, "totp.error.period")
    return period - _time(at) % period
