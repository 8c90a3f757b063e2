"""A policy other than the handout's: the verdict and every text follow the policy that checked.

The expected texts are written out by hand, so a message that still reads the default policy fails.
"""
from __future__ import annotations

from dataclasses import replace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pycheck import POLICY, check_password, messages, suggest_password

LONG = replace(POLICY, min_length=24)
SYMBOLS = replace(POLICY, specials="+?")
FEW_DIGITS = replace(POLICY, digits="0123")
ACME = replace(POLICY, service_names=("Acme",))
THREE_NAMES = replace(POLICY, service_names=("Acme", "Ajax", "Zeta"))


def rule_texts(report, lang: str) -> dict[str, str]:
    return {rule["code"]: rule["message"] for rule in report.to_dict(lang)["rules"]}


def warning_texts(report, lang: str) -> dict[str, str]:
    return {item["code"]: item["message"] for item in report.to_dict(lang)["warning_messages"]}


def test_a_longer_minimum_is_the_one_the_texts_state() -> None:
    report = check_password("Fjell-Kaffe-Sykkel-47", policy=LONG)  # 21 characters: enough for 16, not 24
    assert report.failed == ("length",)
    assert rule_texts(report, "nb")["length"] == "Passordet har 21 tegn. Det må ha minst 24."
    assert rule_texts(report, "en")["length"] == "Counted length: 21. The password needs at least 24 characters."
    assert [rule["help"] for rule in report.to_dict("en")["rules"]][0] == "At least 24 characters"
    assert check_password("Fjell-Kaffe-Sykkel-Lampe-47", policy=LONG).ok


def test_other_specials_are_the_ones_the_texts_list() -> None:
    refused = check_password("Fjell-Kaffe-Sykkel-47", policy=SYMBOLS)
    assert refused.failed == ("special",)
    assert rule_texts(refused, "en")["special"] == (
        "The password has none of these special characters: + ?. Spaces and other symbols do not count.")
    assert rule_texts(refused, "nb")["special"] == (
        "Passordet mangler et av disse spesialtegnene: + ?. Mellomrom og andre tegn teller ikke.")
    # `-` counts for nothing under this policy, so it is named as a symbol that does not count.
    assert warning_texts(refused, "en")["unlisted_symbols"] == (
        "These characters do not count as special characters: -. Use only these: + ?")
    accepted = check_password("Fjell?Kaffe?Sykkel?47", policy=SYMBOLS)
    assert accepted.ok and "unlisted_symbols" not in accepted.warnings
    assert accepted.to_dict("nb")["rules"][4]["message"] == "Minst ett av disse spesialtegnene: + ?"


def test_other_digits_are_the_ones_the_texts_name() -> None:
    report = check_password("Fjell-Kaffe-Sykkel-47", policy=FEW_DIGITS)
    assert report.failed == ("digit",)
    assert rule_texts(report, "en")["digit"] == "The password has no digit (0–3)."
    assert rule_texts(report, "nb")["digit"] == "Passordet mangler et tall (0–3)."
    assert warning_texts(report, "en")["non_ascii"] == (
        "These characters count for no requirement: 4 7. "
        "Use only A–Z, a–z, 0–3 and the special characters in the list.")
    assert check_password("Fjell-Kaffe-Sykkel-13", policy=FEW_DIGITS).ok


@pytest.mark.parametrize(
    ("policy", "password", "nb", "en"),
    [
        (POLICY, "Mitt-IMDi-Passord-47", "Passordet inneholder «IMDi» eller «IMDinett».",
         "The password contains “IMDi” or “IMDinett”."),
        (ACME, "Mitt-acme-Passord-47", "Passordet inneholder «Acme».", "The password contains “Acme”."),
        (THREE_NAMES, "Mitt-ZETA-Passord-47", "Passordet inneholder «Acme», «Ajax» eller «Zeta».",
         "The password contains “Acme”, “Ajax” or “Zeta”."),
    ],
)
def test_the_service_names_come_from_the_policy(policy, password: str, nb: str, en: str) -> None:
    report = check_password(password, policy=policy)
    assert warning_texts(report, "nb")["service_name"].startswith(nb)
    assert warning_texts(report, "en")["service_name"].startswith(en)


def test_a_name_of_another_service_is_no_warning() -> None:
    assert "service_name" not in check_password("Mitt-IMDi-Passord-47", policy=ACME).warnings


def test_a_policy_without_some_rules_checks_and_reports_only_its_own() -> None:
    only_two = replace(POLICY, rules=("length", "lower"))
    report = check_password("kaffe og fjell i sola", "kaffe og fjell i sola", policy=only_two)
    assert report.checked == ("length", "lower", "match") and report.ok
    assert [rule["help"] for rule in report.to_dict("en")["rules"]] == [
        "At least 16 characters", "At least one small letter (a–z)", "The same password in both fields"]


def test_messages_without_a_policy_use_the_handouts_and_with_one_use_it() -> None:
    assert messages.text("rule.length.help", "nb") == "Minst 16 tegn"
    assert messages.text("rule.length.help", "nb", policy=LONG) == "Minst 24 tegn"
    assert messages.text("warning.long_chars", "en", policy=replace(POLICY, max_chars=40)) == (
        "The password is longer than 40 characters. Some systems do not accept passwords that long.")


@settings(max_examples=60, deadline=None)
@given(min_length=st.integers(1, 60), password=st.text(max_size=70))
def test_the_length_text_never_contradicts_the_verdict(min_length: int, password: str) -> None:
    report = check_password(password, policy=replace(POLICY, min_length=min_length))
    message = rule_texts(report, "en")["length"]
    if report.length >= min_length:
        assert "length" not in report.failed and message == f"At least {min_length} characters"
    else:
        assert "length" in report.failed
        assert message == f"Counted length: {report.length}. The password needs at least {min_length} characters."


@pytest.mark.parametrize("policy", [LONG, SYMBOLS, FEW_DIGITS, replace(POLICY, min_length=40)])
def test_suggestions_meet_the_policy_they_are_made_for(policy) -> None:
    for _ in range(20):
        password = suggest_password(policy=policy)
        report = check_password(password, password, policy=policy)
        assert report.ok and report.warnings == (), (password, report.warnings)
        assert len(password) >= policy.min_length


def test_suggestions_use_a_separator_the_policy_counts() -> None:
    password = suggest_password(policy=SYMBOLS)
    assert password[-3] in "+?"


@pytest.mark.parametrize(
    "changes",
    [{"uppercase": "ABCÆØÅ"}, {"specials": "! "}, {"digits": ""}, {"min_length": 0},
     {"rules": ("length", "emoji")}],
)
def test_a_policy_that_no_server_would_read_the_same_way_is_refused(changes: dict) -> None:
    with pytest.raises(ValueError):
        replace(POLICY, **changes)
