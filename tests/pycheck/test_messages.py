"""Every text exists in every language (Bokmål, Nynorsk, English) with the same placeholders, every code
has its texts, and the lookup fails clearly."""
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
# Written out by hand: the languages pycheck speaks, in the order it offers them.
EXPECTED_LANGS = ("nb", "nn", "en")
# Texts that are the same words in Bokmål and Nynorsk (by hand); every other Nynorsk text must differ
# from its Bokmål one, so that no Bokmål text is left standing in for a Nynorsk one.
SAME_IN_NB_AND_NN = {
    "cli.error", "list.or", "list.quote", "report.passed", "report.requirements", "report.warnings",
    "suggest.label", "practice.error.phone_missing", "practice.error.password_missing",
}


def leaf_languages(table: dict) -> set[str]:
    """The names of the texts at the leaves of messages.toml, read without pycheck.messages."""
    found: set[str] = set()
    for name, value in table.items():
        found |= leaf_languages(value) if isinstance(value, dict) else {name}
    return found


def test_the_data_file_holds_exactly_the_offered_languages() -> None:
    offered = leaf_languages(tomllib.loads(MESSAGES_FILE.read_text("utf-8")))
    assert offered == set(EXPECTED_LANGS) and messages.LANGS == EXPECTED_LANGS
    assert messages.text("report.ok", "nb") == "Passordet oppfyller kravene."
    assert messages.text("report.ok", "nn") == "Passordet oppfyller krava."
    assert messages.text("report.ok", "en") == "The password meets the requirements."
    assert messages.text("report.ok") == "Passordet oppfyller kravene."  # Norwegian unless asked


@pytest.mark.parametrize("key", messages.keys())
def test_every_key_has_exactly_every_language(key: str) -> None:
    texts = messages.catalogue()[key]
    assert set(texts) == set(EXPECTED_LANGS)
    for lang in EXPECTED_LANGS:
        assert texts[lang].strip() == texts[lang] and texts[lang]
    assert texts["nb"] != texts["en"] or not re.search("[a-z]{4}", texts["nb"])
    assert texts["nn"] != texts["en"] or not re.search("[a-z]{4}", texts["nn"])
    assert (texts["nn"] == texts["nb"]) == (key in SAME_IN_NB_AND_NN), (texts["nb"], texts["nn"])


def _placeholders(template: str) -> set[str]:
    return {field for _, field, _, _ in string.Formatter().parse(template) if field}


@pytest.mark.parametrize("key", messages.keys())
def test_every_language_has_the_same_placeholders(key: str) -> None:
    texts = messages.catalogue()[key]
    assert _placeholders(texts["nn"]) == _placeholders(texts["nb"]) == _placeholders(texts["en"])


@pytest.mark.parametrize("key", messages.keys())
@pytest.mark.parametrize("lang", messages.LANGS)
def test_every_text_fills_in(key: str, lang: str) -> None:
    names = _placeholders(messages.catalogue()[key][lang])
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
    assert [messages.text(f"rule.{code}.help", "nn") for code in POLICY.codes] == [
        "Minst 16 teikn",
        "Minst eitt siffer (0–9)",
        "Minst éin stor bokstav (A–Z)",
        "Minst éin liten bokstav (a–z)",
        "Minst eitt av desse spesialteikna: ! @ # $ % ^ & * _ : ; < > , . / -",
        "Det same passordet i begge felta",
    ]


def test_nynorsk_reports_fill_in_the_policy_and_the_service_names() -> None:
    report = check_password("IMDinett-Fjell-42", "IMDinett-Fjell-42").to_dict("nn")
    assert report["lang"] == "nn" and report["summary"] == "Passordet oppfyller krava."
    assert report["length_message"] == "Lengd: 17 teikn"
    assert report["warning_messages"] == [{
        "code": "service_name",
        "message": "Passordet inneheld «IMDi» eller «IMDinett». Det er noko av det første som blir prøvd.",
    }]
    short = check_password("abc").to_dict("nn")
    assert short["rules"][0]["message"] == "Passordet har 3 teikn. Det må ha minst 16."


def test_unknown_language_is_a_clear_value_error() -> None:
    with pytest.raises(ValueError, match="'de'.*nb, nn, en"):
        messages.text("rule.length.help", "de")
    with pytest.raises(ValueError, match="nb, nn, en"):
        check_password("x").to_dict("NB")
    for lookalike in ("NN", "nno", "no", "nynorsk", ""):
        with pytest.raises(ValueError, match="Unknown language"):
            check_password("x").to_dict(lookalike)


def test_unknown_key_is_a_key_error() -> None:
    with pytest.raises(KeyError):
        messages.text("rule.nothing.help", "nb")


def test_totp_errors_have_texts() -> None:
    for key in (k for k in messages.keys() if k.startswith("totp.error.")):
        error = TotpError(key, **SAMPLE)
        assert all(error.message(lang) for lang in EXPECTED_LANGS) and str(error) == error.message("en")
