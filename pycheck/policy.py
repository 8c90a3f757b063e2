"""The IMDinett password policy as one immutable value.

Every number and character class the validator, the CLI and the pages use comes from here, and so do
the values in every message (`pycheck.messages`): a report speaks of the policy that checked it. The
policy is read conservatively: a password that passes here must pass on the real server whatever
reasonable implementation it has (a `[A-Z]` regex, a length in UTF-16 units, trimming or normalising
input).
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
    #: Names that should not be part of the password (compared case-insensitively), as the service
    #: writes them: the `service_name` warning names them.
    service_names: tuple[str, ...] = ("IMDi", "IMDinett")

    def __post_init__(self) -> None:
        if not isinstance(self.min_length, int) or self.min_length < 1:
            raise ValueError("min_length must be a whole number of at least 1")
        for code, chars in self.character_classes.items():
            # Only printable ASCII counts: a server's `[A-Z]` never counts Æ, and a space may be trimmed.
            if not chars or not all(ch.isascii() and ch.isprintable() and ch != " " for ch in chars):
                raise ValueError(f"the characters of rule {code!r} must be printable ASCII, no space")
        unknown = [code for code in self.rules if code != "length" and code not in self.character_classes]
        if unknown:
            raise ValueError(f"unknown rule codes {unknown}: use length or {', '.join(self.character_classes)}")

    @property
    def character_classes(self) -> dict[str, str]:
        """The character-class rules: each passes when the password holds one of its characters."""
        return {"digit": self.digits, "upper": self.uppercase, "lower": self.lowercase, "special": self.specials}

    @property
    def counted_chars(self) -> frozenset[str]:
        """Every character that counts for some rule."""
        return frozenset("".join(self.character_classes.values()))

    @property
    def codes(self) -> tuple[str, ...]:
        """Every rule code, including `match` (the confirmation equals the password)."""
        return (*self.rules, "match")


POLICY = Policy()
