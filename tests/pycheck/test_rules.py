"""Tricky cases for every rule: what a conservative reading of the policy accepts and refuses."""
from __future__ import annotations

import pytest

from pycheck import POLICY, check_password

BASE = "Aa1!"  # satisfies digit, upper, lower and special, and nothing else


def fails(password: str, code: str, confirm: str | None = None) -> bool:
    return code in check_password(password, confirm).failed


LENGTH_CASES = [
    # (password, counted length, passes)
    (BASE + "x" * 11, 15, False),
    (BASE + "x" * 12, 16, True),
    ("", 0, False),
    # Spaces at the ends do not count; inner runs count as one.
    ("  " + BASE + "x" * 11 + "  ", 15, False),
    (BASE + "x" * 5 + "  " + "x" * 5, 15, False),
    (BASE + "x" * 5 + " " + "x" * 6, 16, True),
    (BASE + "x\t\n" + "x" * 10, 16, True),
    # Decomposed accents: e + U+0301 is one character after NFC.
    (BASE + "e\u0301" * 12, 16, True),
    (BASE + "e\u0301" * 11, 15, False),
    (BASE + "é" * 11, 15, False),
    # Half-width katakana with a separate voicing mark: one character after NFKC.
    (BASE + "x" * 10 + "ｶﾞ", 15, False),
    # Astral characters are one code point each even though JavaScript counts two units.
    (BASE + "😀" * 12, 16, True),
    # Hebrew shin with shin dot is one code point as typed, two after NFC: a server may not normalise.
    (BASE + "\ufb2a" * 12, 16, True),
    (BASE + "\ufb2a" * 11, 15, False),
]


@pytest.mark.parametrize(("password", "length", "passes"), LENGTH_CASES)
def test_length(password: str, length: int, passes: bool) -> None:
    report = check_password(password)
    assert report.length == length
    assert ("length" not in report.failed) is passes


def test_the_password_itself_is_not_trimmed_for_the_other_rules() -> None:
    # The only digit inside, the spaces outside: trimming is for counting only.
    report = check_password("  Aa!" + "x" * 12 + "1  ")
    assert report.failed == ()


DIGIT_CASES = [
    ("0", True),
    ("9", True),
    ("５", False),  # full-width five
    ("²", False),  # superscript two
    ("٣", False),  # Arabic-Indic three
    ("Ⅻ", False),  # Roman numeral twelve
    ("", False),
]


@pytest.mark.parametrize(("char", "passes"), DIGIT_CASES)
def test_digit_is_ascii_only(char: str, passes: bool) -> None:
    assert fails("Aa!xxxxxxxxxxxxxxxx" + char, "digit") is not passes


UPPER_CASES = [
    ("A", True),
    ("Z", True),
    ("Æ", False),  # Æ as the only capital
    ("Ø", False),
    ("Å", False),
    ("É", False),
    ("Ａ", False),  # full-width A
    ("İ", False),
    ("", False),
]


@pytest.mark.parametrize(("char", "passes"), UPPER_CASES)
def test_upper_is_ascii_only(char: str, passes: bool) -> None:
    assert fails("a1!xxxxxxxxxxxxxxxx" + char, "upper") is not passes


LOWER_CASES = [
    ("a", True),
    ("z", True),
    ("æ", False),
    ("ø", False),
    ("å", False),
    ("ß", False),
    ("ａ", False),  # full-width a
    ("", False),
]


@pytest.mark.parametrize(("char", "passes"), LOWER_CASES)
def test_lower_is_ascii_only(char: str, passes: bool) -> None:
    assert fails("A1!XXXXXXXXXXXXXXXX" + char, "lower") is not passes


SPECIAL_CASES = [
    *((char, True) for char in POLICY.specials),
    ("?", False),  # `?` as the only symbol
    (" ", False),  # a space as the only symbol
    ("+", False),
    ("=", False),
    ("(", False),
    ("~", False),
    ('"', False),
    ("\\", False),
    ("–", False),  # en dash, not the hyphen-minus
    ("＠", False),  # full-width @
    ("\u00a0", False),  # no-break space
    ("€", False),
    ("😀", False),
    ("", False),
]


@pytest.mark.parametrize(("char", "passes"), SPECIAL_CASES)
def test_special_is_one_of_the_listed_symbols(char: str, passes: bool) -> None:
    assert fails("Aa1xxxxxxxx" + char + "xxxxxxx", "special") is not passes


def test_the_listed_specials_are_the_seventeen_of_the_handout() -> None:
    assert POLICY.specials == "!@#$%^&*_:;<>,./-"
    assert len(set(POLICY.specials)) == 17 and " " not in POLICY.specials


GOOD = "Fjell-Kaffe-Sykkel-47"
MATCH_CASES = [
    (GOOD, True),
    (GOOD + " ", False),  # a trailing space is a different password
    (" " + GOOD, False),
    (GOOD.lower(), False),
    ("", False),
    (GOOD[:-1], False),
]


@pytest.mark.parametrize(("confirm", "passes"), MATCH_CASES)
def test_match_is_exact(confirm: str, passes: bool) -> None:
    report = check_password(GOOD, confirm)
    assert report.checked[-1] == "match"
    assert ("match" not in report.failed) is passes
    assert report.ok is passes


def test_match_does_not_normalise() -> None:
    composed, decomposed = "Aa1!xxxxxxxxxxxé", "Aa1!xxxxxxxxxxxe\u0301"
    assert check_password(composed, decomposed).failed == ("match",)


def test_without_confirmation_match_is_not_checked() -> None:
    report = check_password(GOOD)
    assert report.checked == POLICY.rules and report.ok


def test_every_failure_is_collected_in_policy_order() -> None:
    assert check_password("", "x").failed == ("length", "digit", "upper", "lower", "special", "match")
    assert check_password("?????").failed == ("length", "digit", "upper", "lower", "special")
    assert check_password("ÆØÅ æøå ５ ? ＡＢＣ").failed == ("length", "digit", "upper", "lower", "special")


def test_check_password_takes_only_text() -> None:
    with pytest.raises(TypeError):
        check_password(b"Fjell-Kaffe-Sykkel-47")  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        check_password(GOOD, 12)  # type: ignore[arg-type]
