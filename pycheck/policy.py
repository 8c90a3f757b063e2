"""The IMDinett password policy as one immutable value.

Every number and character class the validator, the CLI and the pages use comes from here. The policy
is read conservatively: a password that passes here must pass on the real server whatever reasonable
implementation it has (a `[A-Z]` regex, a length in UTF-16 units, trimming or normalising input).
"""
from __future__ import annotations

import string
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Policy:
    """What the handout asks for, and the thresholds of the warnings that never block."""

    min_length: int = 16
    #: The listed special characters. The handout also lists a space: spaces are allowed but do not
    #: count as the special character, because a server that trims or splits on spaces would lose it.
    specials: str = "!@#$%^&*_:;<>,./-"
    digits: str = string.digits
    uppercase: str = string.ascii_uppercase
    lowercase: str = string.ascii_lowercase
    #: Rule codes in the order they are checked and reported (`match` follows when confirming).
    rules: tuple[str, ...] = ("length", "digit", "upper", "lower", "special")
    #: Warn above this many characters (code points or UTF-16 units, whichever is larger).
    max_chars: int = 64
    #: Warn above this many UTF-8 bytes (bcrypt, common on servers, ignores everything after 72).
    max_bytes: int = 72
    #: Names that should not be part of the password (compared case-insensitively).
    service_names: tuple[str, ...] = ("imdinett", "imdi")

    @property
    def codes(self) -> tuple[str, ...]:
        """Every rule code, including `match` (the confirmation equals the password)."""
        return (*self.rules, "match")


POLICY = Policy()
