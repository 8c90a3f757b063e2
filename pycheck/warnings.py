"""Warnings: things worth knowing that never block a password. One small check per warning code.

A check answers `None` when its warning does not apply, or the parameters of its message
(`warning.<code>`).
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


def _kind(ch: str, counted: frozenset[str]) -> str:
    """`counted` (a space, or a character some rule counts), `invisible`, `non_ascii` (any other letter,
    digit or mark: with the handout's policy, those outside ASCII) or `symbol`."""
    if ch == " " or ch in counted:
        return "counted"
    category = unicodedata.category(ch)
    if category[0] in "CZ" or ch.isspace():
        return "invisible"
    if category[0] in "LNM":
        return "non_ascii"
    return "symbol"


class WarningCheck:
    """Decides whether one warning applies to a password."""

    code: ClassVar[str]

    def __init__(self, policy: Policy = POLICY) -> None:
        self.policy = policy

    def applies(self, facts: Facts, username: str | None) -> Params | None:
        raise NotImplementedError


class _CharacterKindCheck(WarningCheck):
    kind: ClassVar[str]

    def applies(self, facts: Facts, username: str | None) -> Params | None:
        counted = self.policy.counted_chars
        found = {ch for ch in facts.chars if _kind(ch, counted) == self.kind}
        return {"chars": show_chars(found)} if found else None


class NonAsciiCheck(_CharacterKindCheck):
    """Æ, ø, é, ², ５ …: allowed, but a `[A-Z]` / `[0-9]` server does not count them."""

    code = "non_ascii"
    kind = "non_ascii"


class UnlistedSymbolsCheck(_CharacterKindCheck):
    """?, +, =, €, emoji …: allowed, but not one of the listed special characters."""

    code = "unlisted_symbols"
    kind = "symbol"


class InvisibleCheck(_CharacterKindCheck):
    """Control characters, direction marks, zero-width and unusual spaces: hard to type again."""

    code = "invisible"
    kind = "invisible"


class SpacesEdgeCheck(WarningCheck):
    code = "spaces_edge"

    def applies(self, facts: Facts, username: str | None) -> Params | None:
        pw = facts.password
        return {} if pw and (pw[0].isspace() or pw[-1].isspace()) else None


class SpacesDoubleCheck(WarningCheck):
    code = "spaces_double"

    def applies(self, facts: Facts, username: str | None) -> Params | None:
        return {} if _DOUBLE_SPACE.search(facts.password.strip()) else None


class LongCharsCheck(WarningCheck):
    code = "long_chars"

    def applies(self, facts: Facts, username: str | None) -> Params | None:
        chars = max(len(facts.password), utf16_units(facts.password))
        return {"chars_count": chars} if chars > self.policy.max_chars else None


class LongBytesCheck(WarningCheck):
    code = "long_bytes"

    def applies(self, facts: Facts, username: str | None) -> Params | None:
        size = utf8_bytes(facts.password)
        return {"bytes": size} if size > self.policy.max_bytes else None


class CommonCheck(WarningCheck):
    code = "common"

    def applies(self, facts: Facts, username: str | None) -> Params | None:
        return {} if looks_common(facts.password) else None


class PatternCheck(WarningCheck):
    code = "pattern"

    def applies(self, facts: Facts, username: str | None) -> Params | None:
        return {} if looks_like_pattern(facts.password) else None


class UsernameCheck(WarningCheck):
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


class ServiceNameCheck(WarningCheck):
    code = "service_name"

    def applies(self, facts: Facts, username: str | None) -> Params | None:
        haystack = facts.password.casefold()
        return {} if any(name.casefold() in haystack for name in self.policy.service_names) else None


WARNING_CHECKS: tuple[type[WarningCheck], ...] = (
    NonAsciiCheck,
    UnlistedSymbolsCheck,
    InvisibleCheck,
    SpacesEdgeCheck,
    SpacesDoubleCheck,
    LongCharsCheck,
    LongBytesCheck,
    CommonCheck,
    PatternCheck,
    UsernameCheck,
    ServiceNameCheck,
)
WARNING_CODES: tuple[str, ...] = tuple(check.code for check in WARNING_CHECKS)


def warning_checks(policy: Policy = POLICY) -> tuple[WarningCheck, ...]:
    """Every warning check, bound to `policy`, in the order of WARNING_CODES."""
    return tuple(cls(policy) for cls in WARNING_CHECKS)
