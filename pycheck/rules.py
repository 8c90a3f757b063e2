"""One small class per policy rule, each with a stable code.

A rule answers `None` when the password passes, or the parameters of its error message when it
fails. Its texts live in messages.toml under `rule.<code>.help` and `rule.<code>.error`.
"""
from __future__ import annotations

from typing import ClassVar

from .facts import Facts
from .policy import POLICY, Policy

Params = dict[str, object]


class Rule:
    """A requirement every accepted password meets."""

    code: ClassVar[str]

    def __init__(self, policy: Policy = POLICY) -> None:
        self.policy = policy

    def failure(self, facts: Facts) -> Params | None:
        raise NotImplementedError


class LengthRule(Rule):
    code = "length"

    def failure(self, facts: Facts) -> Params | None:
        if facts.length >= self.policy.min_length:
            return None
        return {"length": facts.length}


class _CharacterClassRule(Rule):
    """Passes when the password holds at least one character of a fixed ASCII set."""

    def allowed(self) -> str:
        raise NotImplementedError

    def failure(self, facts: Facts) -> Params | None:
        return None if facts.chars.intersection(self.allowed()) else {}


class DigitRule(_CharacterClassRule):
    code = "digit"

    def allowed(self) -> str:
        return self.policy.digits


class UpperRule(_CharacterClassRule):
    code = "upper"

    def allowed(self) -> str:
        return self.policy.uppercase


class LowerRule(_CharacterClassRule):
    code = "lower"

    def allowed(self) -> str:
        return self.policy.lowercase


class SpecialRule(_CharacterClassRule):
    code = "special"

    def allowed(self) -> str:
        return self.policy.specials


RULES: tuple[type[Rule], ...] = (LengthRule, DigitRule, UpperRule, LowerRule, SpecialRule)


def match_failure(password: str, confirm: str | None) -> Params | None:
    """The `match` rule: the confirmation is exactly the password (no trimming, no normalising)."""
    if confirm is None or confirm == password:
        return None
    return {}


def rules(policy: Policy = POLICY) -> tuple[Rule, ...]:
    """The rules of `policy`, in its order."""
    by_code = {cls.code: cls for cls in RULES}
    return tuple(by_code[code](policy) for code in policy.rules)
