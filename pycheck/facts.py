"""What every rule and warning needs to know about one password, computed once."""
from __future__ import annotations

from dataclasses import dataclass, field

from .counting import counted_length


@dataclass(frozen=True, slots=True)
class Facts:
    """The password (unchanged), its counted length and its distinct characters."""

    password: str
    length: int = field(init=False)
    chars: frozenset[str] = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "length", counted_length(self.password))
        object.__setattr__(self, "chars", frozenset(self.password))
