"""Warnings: things worth knowing that never block a password. One small class per warning code.

A hint answers `None` when it does not apply, or the parameters of its message (`warning.<code>`).
"""
from __future__ import annotations

import re
import unicodedata
from typing import ClassVar

from .counting import show_chars, utf8_bytes, utf16_units
from .facts import Facts
from .patterns import looks_common, looks_like_pattern
from .policy import POLICY, Policy

Params = dict[str, object]
_DOUBLE_SPACE = re.compile(r"\s\s")


def _kind(ch: str, policy: Policy) -> str:
    """`counted`, `invisible`, `non_ascii` (a letter, digit or mark outside ASCII) or `symbol`."""
    if ch == " " or ch in policy.specials or (ch.isascii() and ch.isalnum()):
        return "counted"
    category = unicodedata.category(ch)
    if category[0] in "CZ" or ch.isspace():
        return "invisible"
    if category[0] in "LNM":
        return "non_ascii"
    return "symbol"


class Hint:
    code: ClassVar[str]

    def __init__(self, policy: Policy = POLICY) -> None:
        self.policy = policy

    def applies(self, facts: Facts, username: str | None) -> Params | None:
        raise NotImplementedError


class _CharacterKindHint(Hint):
    kind: ClassVar[str]

    def applies(self, facts: Facts, username: str | None) -> Params | None:
        found = {ch for ch in facts.chars if _kind(ch, self.policy) == self.kind}
        return {"chars": show_chars(found)} if found else None


class NonAsciiHint(_CharacterKindHint):
    """Æ, ø, é, ², ５ …: allowed, but a `[A-Z]` / `[0-9]` server does not count them."""

    code = "non_ascii"
    kind = "non_ascii"


class UnlistedSymbolsHint(_CharacterKindHint):
    """?, +, =, €, emoji …: allowed, but not one of the listed special characters."""

    code = "unlisted_symbols"
    kind = "symbol"


class InvisibleHint(_CharacterKindHint):
    """Control characters, direction marks, zero-width and unusual spaces: hard to type again."""

    code = "invisible"
    kind = "invisible"


class SpacesEdgeHint(Hint):
    code = "spaces_edge"

    def applies(self, facts: Facts, username: str | None) -> Params | None:
        pw = facts.password
        return {} if pw and (pw[0].isspace() or pw[-1].isspace()) else None


class SpacesDoubleHint(Hint):
    code = "spaces_double"

    def applies(self, facts: Facts, username: str | None) -> Params | None:
        return {} if _DOUBLE_SPACE.search(facts.password.strip()) else None


class LongCharsHint(Hint):
    code = "long_chars"

    def applies(self, facts: Facts, username: str | None) -> Params | None:
        chars = max(len(facts.password), utf16_units(facts.password))
        return {"chars_count": chars} if chars > self.policy.max_chars else None


class LongBytesHint(Hint):
    code = "long_bytes"

    def applies(self, facts: Facts, username: str | None) -> Params | None:
        size = utf8_bytes(facts.password)
        return {"bytes": size} if size > self.policy.max_bytes else None


class CommonHint(Hint):
    code = "common"

    def applies(self, facts: Facts, username: str | None) -> Params | None:
        return {} if looks_common(facts.password) else None


class PatternHint(Hint):
    code = "pattern"

    def applies(self, facts: Facts, username: str | None) -> Params | None:
        return {} if looks_like_pattern(facts.password) else None


class UsernameHint(Hint):
    """The username (or the part of an e-mail address before @) inside the password."""

    code = "username"
    MIN_PART = 3

    def applies(self, facts: Facts, username: str | None) -> Params | None:
        if not username:
            return None
        name = " ".join(username.split()).casefold()
        parts = {name, name.split("@", 1)[0]}
        haystack = facts.password.casefold()
        return {} if any(len(p) >= self.MIN_PART and p in haystack for p in parts) else None


class ServiceNameHint(Hint):
    code = "service_name"

    def applies(self, facts: Facts, username: str | None) -> Params | None:
        haystack = facts.password.casefold()
        return {} if any(name in haystack for name in self.policy.service_names) else None


HINTS: tuple[type[Hint], ...] = (
    NonAsciiHint,
    UnlistedSymbolsHint,
    InvisibleHint,
    SpacesEdgeHint,
    SpacesDoubleHint,
    LongCharsHint,
    LongBytesHint,
    CommonHint,
    PatternHint,
    UsernameHint,
    ServiceNameHint,
)
WARNING_CODES: tuple[str, ...] = tuple(hint.code for hint in HINTS)


def hints(policy: Policy = POLICY) -> tuple[Hint, ...]:
    return tuple(cls(policy) for cls in HINTS)
