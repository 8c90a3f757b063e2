"""PasswordReport and its JSON-ready form."""
from __future__ import annotations

import dataclasses
import json

import pytest

from pycheck import POLICY, PasswordReport, check_password, messages

GOOD = "Fjell-Kaffe-Sykkel-47"


@pytest.mark.parametrize("lang", messages.LANGS)
def test_to_dict_shape(lang: str) -> None:
    report = check_password("Æbc ?defghij2", "other", username="x")
    data = report.to_dict(lang)
    assert data["ok"] is False
    assert data["failed"] == ["length", "upper", "special", "match"]
    assert data["warnings"] == list(report.warnings) and "non_ascii" in data["warnings"]
    assert data["length"] == 13 and data["lang"] == lang
    assert [r["code"] for r in data["rules"]] == [*POLICY.rules, "match"]
    for rule in data["rules"]:
        assert rule["passed"] is (rule["code"] not in report.failed)
        key = "help" if rule["passed"] else "error"
        assert rule["message"] == report.rule_message(rule["code"], lang)
        assert rule["message"] == messages.text(f"rule.{rule['code']}.{key}", lang, length=13)
        assert rule["help"] == messages.text(f"rule.{rule['code']}.help", lang)
    assert [w["code"] for w in data["warning_messages"]] == data["warnings"]
    assert data["summary"] == messages.text("report.not_ok", lang)
    assert data["length_message"] == messages.text("report.length", lang, length=13)
    json.dumps(data, ensure_ascii=False).encode("utf-8")


def test_length_error_gives_the_count() -> None:
    assert check_password("Aa1!").to_dict("nb")["rules"][0]["message"] == "Passordet har 4 tegn. Det må ha minst 16."


def test_length_note_only_when_the_count_differs() -> None:
    assert check_password(GOOD).to_dict("nb")["length_note"] == ""
    note = check_password(" " + GOOD).to_dict("en")["length_note"]
    assert note == messages.text("report.length_note", "en")
    assert check_password("Aa1!" + "e\u0301" * 12).length_note("nb")


def test_the_report_never_holds_the_password() -> None:
    secret = "Unique-Marker-Zq94!"
    report = check_password(secret, secret, username="someone")
    for lang in messages.LANGS:
        assert secret not in json.dumps(report.to_dict(lang), ensure_ascii=False)
    assert secret not in repr(report)


def test_report_is_immutable() -> None:
    report = check_password(GOOD)
    with pytest.raises(dataclasses.FrozenInstanceError):
        report.failed = ()  # type: ignore[misc]
    with pytest.raises(TypeError):
        report.params["length"] = {}  # type: ignore[index]
    assert isinstance(report, PasswordReport) and report.ok and report.failed == () and report.warnings == ()


def test_policy_is_an_immutable_value() -> None:
    with pytest.raises(dataclasses.FrozenInstanceError):
        POLICY.min_length = 8  # type: ignore[misc]
    assert (POLICY.min_length, POLICY.max_chars, POLICY.max_bytes) == (16, 64, 72)
    assert POLICY.rules == ("length", "digit", "upper", "lower", "special")


def test_a_stricter_policy_is_just_another_value() -> None:
    strict = dataclasses.replace(POLICY, min_length=24)
    assert check_password(GOOD, policy=strict).failed == ("length",)
    assert check_password(GOOD).ok


MASKED_CASES = [
    ("Blåbær-Syltetøy-2024!", "non_ascii", "åæø"),
    ("Fjell+Kaffe=Sykkel€47!", "unlisted_symbols", "+=€"),
    ("Fjell-Kaffe\u200bSykkel-47!", "invisible", "\u200b"),
]


@pytest.mark.parametrize("lang", messages.LANGS)
@pytest.mark.parametrize(("password", "code", "chars"), MASKED_CASES)
def test_a_masked_report_names_the_kind_of_character_not_the_characters(password, code, chars, lang):
    report = check_password(password)
    assert code in report.warnings
    shown = {w["code"]: w["message"] for w in report.to_dict(lang)["warning_messages"]}
    masked = {w["code"]: w["message"] for w in report.to_dict(lang, masked=True)["warning_messages"]}
    assert masked.keys() == shown.keys()
    # Shown, the warning quotes the characters (an invisible one by its code point); masked, it says the
    # same for every password (its examples of the kind are fixed), so it tells nothing of this one.
    quoted = " ".join(f"U+{ord(ch):04X}" if ch == "\u200b" else ch for ch in sorted(chars))
    assert quoted in shown[code]
    assert quoted not in masked[code]
    assert masked[code] == messages.text(f"warning_masked.{code}", lang)
    assert "{" not in masked[code] and masked[code] != shown[code]
    # Every other warning reads the same either way.
    assert {c: m for c, m in masked.items() if c != code} == {c: m for c, m in shown.items() if c != code}


def test_the_worker_operation_is_masked_while_the_page_masks_the_password():
    from pycheck import web

    password = "Blåbær-Syltetøy-2024!"
    masked = web.check(password, None, "nb", True)
    shown = web.check(password, None, "nb")
    message = {w["code"]: w["message"] for w in masked["warning_messages"]}["non_ascii"]
    assert message == messages.text("warning_masked.non_ascii", "nb")
    assert "å æ ø" not in message
    assert shown == check_password(password).to_dict("nb")
