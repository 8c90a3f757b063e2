"""The policy's rules, each with a stable code: the length, and one character class per table entry.

A rule answers `None` when the password passes, or the parameters of its error message when it
fails. Its texts live in messages.toml under `rule.<code>.help` and `rule.<code>.error`.
"""
from __future__ import annotations

from dataclasses import dataclass

from .facts import Facts
from .policy import POLICY, Policy

Params = dict[str, object]


@dataclass(frozen=True, slots=True)
class LengthRule:
    """At least `min_length` characters, counted as pycheck.counting.counted_length counts."""

    min_length: int
    code: str = "length"

    def failure(self, facts: Facts) -> Params | None:
        return None if facts.length >= self.min_length else {"length": facts.length}


@dataclass(frozen=True, slots=True)
class CharacterClassRule:
    """At least one character of `chars` (one entry of `Policy.character_classes`)."""

    code: str
    chars: str

    def failure(self, facts: Facts) -> Params | None:
        return None if facts.chars.intersection(self.chars) else {}


Rule = LengthRule | CharacterClassRule


def match_failure(password: str, confirm: str | None) -> Params | None:
    """The `match` rule: the confirmation is exactly the password (no trimming, no normalising)."""
    if confirm is None or confirm == password:
        return None
    return {}


def rules(policy: Policy = POLICY) -> tuple[Rule, ...]:
    """The rules of `policy`, in its order."""
    classes = policy.character_classes
    return tuple(
        LengthRule(policy.min_length) if code == "length" else CharacterClassRule(code, classes[code])
        for code in policy.rules
    )
