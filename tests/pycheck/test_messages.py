"""Every text exists in both languages, every code has its texts, and the lookup fails clearly."""
from __future__ import annotations

import re
import string
import tomllib
from pathlib import Path

import pytest

from pycheck import POLICY, RULE_CODES, WARNING_CODES, check_password, messages
from pycheck.totp import TotpError

PLACEHOLDERS = {"length", "chars", "chars_count", "bytes", "bits", "min_bits", "min_chars", "low", "high",
                "algorithm", "allowed", "message", "seconds", "detail", "item", "items", "last",
                "code", "username", "digits", "offline_digits", "tries", "choices", "limit"}
POLICY_PLACEHOLDERS = {"min_length", "max_chars", "max_bytes", "digit_chars", "upper_chars", "lower_chars",
                       "special_chars", "service_names"}
SAMPLE = {name: "7" for name in PLACEHOLDERS}
MESSAGES_FILE = Path(messages.__file__).with_name("messages.toml")


def leaf_languages(table: dict) -> set[str]:
    """The names of the texts at the leaves of messages.toml, read without pycheck.messages."""
    found: set[str] = set()
    for name, value in table.items():
        found |= leaf_languages(value) if isinstance(value, dict) else {name}
    return found


def test_the_data_file_holds_exactly_the_offered_languages() -> None:
    offered = leaf_languages(tomllib.loads(MESSAGES_FILE.read_text("utf-8")))
    assert offered == {"nb", "en"} == set(messages.LANGS)
    assert messages.text("report.ok", "nb") == "Passordet oppfyller kravene."
    assert messages.text("report.ok", "en") == "The password meets the requirements."
    assert messages.text("report.ok") == "Passordet oppfyller kravene."  # Norwegian unless asked


@pytest.mark.parametrize("key", messages.keys())
def test_every_key_has_exactly_both_languages(key: str) -> None:
    texts = messages.catalogue()[key]
    assert set(texts) == set(messages.LANGS)
    for lang in messages.LANGS:
        assert texts[lang].strip() == texts[lang] and texts[lang]
    assert texts["nb"] != texts["en"] or not re.search("[a-z]{4}", texts["nb"])


@pytest.mark.parametrize("key", messages.keys())
@pytest.mark.parametrize("lang", messages.LANGS)
def test_every_text_fills_in(key: str, lang: str) -> None:
    names = {field for _, field, _, _ in string.Formatter().parse(messages.catalogue()[key][lang]) if field}
    assert names <= PLACEHOLDERS | POLICY_PLACEHOLDERS
    assert "{" not in messages.text(key, lang, **SAMPLE)


@pytest.mark.parametrize("code", RULE_CODES)
def test_every_rule_code_has_help_and_error(code: str) -> None:
    keys = set(messages.keys())
    assert {f"rule.{code}.help", f"rule.{code}.error"} <= keys


@pytest.mark.parametrize("code", WARNING_CODES)
def test_every_warning_code_has_a_message(code: str) -> None:
    assert f"warning.{code}" in messages.keys()


def test_no_message_is_left_over_for_a_code_that_does_not_exist() -> None:
    for key in messages.keys():
        kind, _, rest = key.partition(".")
        if kind == "rule":
            assert rest.split(".")[0] in RULE_CODES, key
        if kind in ("warning", "warning_masked"):
            assert rest in WARNING_CODES, key


def test_rule_help_states_the_policy() -> None:
    assert [messages.text(f"rule.{code}.help", "nb") for code in POLICY.codes] == [
        "Minst 16 tegn",
        "Minst ett tall (0–9)",
        "Minst én stor bokstav (A–Z)",
        "Minst én liten bokstav (a–z)",
        "Minst ett av disse spesialtegnene: ! @ # $ % ^ & * _ : ; < > , . / -",
        "Det samme passordet i begge feltene",
    ]
    assert [messages.text(f"rule.{code}.help", "en") for code in POLICY.codes] == [
        "At least 16 characters",
        "At least one digit (0–9)",
        "At least one capital letter (A–Z)",
        "At least one small letter (a–z)",
        "At least one of these special characters: ! @ # $ % ^ & * _ : ; < > , . / -",
        "The same password in both fields",
    ]


def test_unknown_language_is_a_clear_value_error() -> None:
    with pytest.raises(ValueError, match="'de'.*nb, en"):
        messages.text("rule.length.help", "de")
    with pytest.raises(ValueError, match="nb, en"):
        check_password("x").to_dict("NB")


def test_unknown_key_is_a_key_error() -> None:
    with pytest.raises(KeyError):
        messages.text("rule.nothing.help", "nb")


def test_totp_errors_have_texts() -> None:
    for key in (k for k in messages.keys() if k.startswith("totp.error.")):
        error = TotpError(key, **SAMPLE)
        assert error.message("nb") and error.message("en") and str(error) == error.message("en")
