"""The answer to one check: what passed, what failed, what is worth knowing, in either language."""
from __future__ import annotations

from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any, Mapping

from . import messages
from .policy import POLICY, Policy


@dataclass(frozen=True, slots=True)
class PasswordReport:
    """The result of `check_password`. It never holds the password itself."""

    #: Every rule code checked, in order (`match` last, only when a confirmation was given).
    checked: tuple[str, ...]
    #: The codes of the rules that failed, in the same order.
    failed: tuple[str, ...]
    #: The codes of the warnings that apply; they never block.
    warnings: tuple[str, ...]
    #: The counted length (see pycheck.counting.counted_length).
    length: int
    #: The length a person sees (code points); when it differs, the report says why.
    visible_length: int
    #: Message parameters per rule or warning code.
    params: Mapping[str, Mapping[str, object]] = field(default_factory=dict)
    #: The policy that checked: every message states its values (not another policy's).
    policy: Policy = POLICY

    def __post_init__(self) -> None:
        frozen = {code: MappingProxyType(dict(p)) for code, p in self.params.items()}
        object.__setattr__(self, "params", MappingProxyType(frozen))

    @property
    def ok(self) -> bool:
        """Every rule passes (and the confirmation matches, when given)."""
        return not self.failed

    def rule_message(self, code: str, lang: str = messages.DEFAULT_LANG) -> str:
        """The requirement when `code` passed, or why it failed."""
        if code in self.failed:
            return self._text(f"rule.{code}.error", lang, **{"length": self.length, **self.params.get(code, {})})
        return self._text(f"rule.{code}.help", lang)

    def warning_message(self, code: str, lang: str = messages.DEFAULT_LANG, *, masked: bool = False) -> str:
        """The warning's text; `masked` (the password is not shown) names the kind of character
        instead of the characters, which would show part of the password."""
        params = self.params.get(code, {})
        if masked and "chars" in params:
            return self._text(f"warning_masked.{code}", lang)
        return self._text(f"warning.{code}", lang, **params)

    def length_note(self, lang: str = messages.DEFAULT_LANG) -> str:
        """Why the counted length differs from what the person sees ("" when it does not)."""
        return "" if self.length == self.visible_length else self._text("report.length_note", lang)

    def _text(self, key: str, lang: str, **params: object) -> str:
        return messages.text(key, lang, policy=self.policy, **params)

    def to_dict(self, lang: str = messages.DEFAULT_LANG, *, masked: bool = False) -> dict[str, Any]:
        """A JSON-ready summary, with every message in `lang` (one of `messages.LANGS`); `masked` when
        the password is not shown to the reader (no warning then quotes its characters)."""
        messages.check_lang(lang)
        return {
            "ok": self.ok,
            "failed": list(self.failed),
            "warnings": list(self.warnings),
            "length": self.length,
            "lang": lang,
            "summary": self._text("report.ok" if self.ok else "report.not_ok", lang),
            "length_message": self._text("report.length", lang, length=self.length),
            "length_note": self.length_note(lang),
            "rules": [
                {
                    "code": code,
                    "passed": code not in self.failed,
                    "message": self.rule_message(code, lang),
                    "help": self._text(f"rule.{code}.help", lang),
                }
                for code in self.checked
            ],
            "warning_messages": [
                {"code": code, "message": self.warning_message(code, lang, masked=masked)} for code in self.warnings
            ],
        }
