"""Properties over arbitrary text: check_password never raises, is deterministic and stays JSON-ready."""
from __future__ import annotations

import json
import random

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from pycheck import POLICY, RULE_CODES, WARNING_CODES, check_password, messages

TRICKY = [
    "\x00", "\x1b", "\x7f", "\t", "\n", "\r", " ", "  ", "\u00a0", "\u3000",
    "\u200b", "\u200d", "\u200e", "\u200f", "\u202e", "\u2066", "\ufeff", "\ufffd",
    "\ud800", "\udfff", "\udc80",  # lone surrogates (JavaScript strings and surrogateescape make them)
    "😀", "👩‍👩‍👧", "🇳🇴", "e\u0301", "Æ", "ø", "Å", "ß", "İ", "ﬃ", "ｶﾞ", "５", "²", "٣", "Ａ", "ａ",
    "?", "€", "–", *POLICY.specials, "0", "A", "a", "Z", "z", "9",
    "passord", "Sommer", "2024", "qwerty", "imdi", "IMDinett", "abc", "123", "aaa",
]
characters = st.one_of(st.characters(), st.characters(categories=["Cs"]), st.sampled_from(TRICKY))
passwords = st.lists(characters, max_size=90).map("".join)
usernames = st.none() | passwords


def assert_json_ready(data: dict) -> None:
    # Strict: every text must encode as UTF-8, so no lone surrogate may leak into a message.
    json.dumps(data, ensure_ascii=False, allow_nan=False).encode("utf-8")


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(password=passwords, confirm=st.none() | passwords, username=usernames)
@example(password="", confirm="", username="")
@example(password="\ud800" * 20, confirm=None, username="\udfff")
def test_never_raises_and_is_deterministic(password: str, confirm: str | None, username: str | None) -> None:
    first = check_password(password, confirm, username=username)
    second = check_password(password, confirm, username=username)
    assert first == second
    assert first.ok is (first.failed == ())
    assert list(first.failed) == [code for code in RULE_CODES if code in first.failed]
    assert list(first.warnings) == [code for code in WARNING_CODES if code in first.warnings]
    assert 0 <= first.length <= len(password)
    for lang in messages.LANGS:
        data = first.to_dict(lang)
        assert data == second.to_dict(lang)
        assert_json_ready(data)


@settings(max_examples=200, deadline=None)
@given(password=passwords)
def test_a_confirmation_equal_to_the_password_changes_nothing_else(password: str) -> None:
    alone, confirmed = check_password(password), check_password(password, password)
    assert confirmed.failed == alone.failed and confirmed.warnings == alone.warnings
    assert confirmed.checked == (*alone.checked, "match")


@settings(max_examples=200, deadline=None)
@given(password=passwords)
def test_rules_agree_with_their_definition(password: str) -> None:
    failed = check_password(password).failed
    assert ("digit" in failed) is not any(c in "0123456789" for c in password)
    assert ("upper" in failed) is not any("A" <= c <= "Z" for c in password)
    assert ("lower" in failed) is not any("a" <= c <= "z" for c in password)
    assert ("special" in failed) is not any(c in "!@#$%^&*_:;<>,./-" for c in password)


# Pieces whose counts are known by hand: (text, code points as typed, after NFC, after NFKC). None
# starts with a combining mark, so no piece composes with the one before it.
PIECES = [
    ("a", 1, 1, 1), ("Z", 1, 1, 1), ("7", 1, 1, 1), ("!", 1, 1, 1), ("?", 1, 1, 1), ("æ", 1, 1, 1),
    ("e\u0301", 2, 1, 1),  # e + combining acute: é after NFC
    ("A\u030a", 2, 1, 1),  # A + combining ring: Å
    ("ﬃ", 1, 1, 3),  # one ligature code point, three letters after NFKC
    ("ｶﾞ", 2, 2, 1),  # half-width katakana and its voicing mark: one ガ after NFKC
    ("…", 1, 1, 3),  # the ellipsis is three full stops after NFKC
    ("\ufb2a", 1, 2, 2),  # Hebrew shin with shin dot: never composed, two code points after NFC
    ("²", 1, 1, 1), ("😀", 1, 1, 1), ("\u200b", 1, 1, 1),  # a zero-width space is not whitespace: it counts
]
SPACES = [" ", "  ", "\t", "\n", " \u3000 ", "\u00a0"]


@settings(max_examples=300, deadline=None)
@given(
    words=st.lists(st.lists(st.sampled_from(PIECES), min_size=1, max_size=8), max_size=6),
    gaps=st.lists(st.sampled_from(SPACES), min_size=7, max_size=7),
)
def test_counted_length_from_pieces_of_known_length(words: list, gaps: list[str]) -> None:
    """Words of known pieces between runs of whitespace: the ends do not count, an inner run counts as
    one, and the length is the smallest of the totals as typed, after NFC and after NFKC."""
    password = gaps[0] + "".join(
        "".join(piece[0] for piece in word) + gap for word, gap in zip(words, gaps[1:])
    )
    typed, nfc, nfkc = (sum(piece[column] for word in words for piece in word) for column in (1, 2, 3))
    expected = min(typed, nfc, nfkc) + max(len(words) - 1, 0)
    report = check_password(password)
    assert report.length == expected
    assert ("length" in report.failed) is (expected < 16)


@settings(max_examples=100, deadline=None)
@given(password=passwords, padding=st.sampled_from([" ", "  ", "\t", " \u3000 "]))
def test_spaces_around_never_add_to_the_length(password: str, padding: str) -> None:
    assert check_password(padding + password + padding).length == check_password(password).length


def test_a_one_megabyte_paste_is_answered() -> None:
    rng = random.Random(2024)
    alphabet = [chr(c) for c in range(0x20, 0x7F)] + ["æ", "ø", "å", "😀", "\u200f", "\ud800", " ", "\n"]
    paste = "".join(rng.choices(alphabet, k=1_000_000))
    report = check_password(paste, paste)
    assert report.ok
    assert {"long_chars", "long_bytes", "invisible"} <= set(report.warnings)
    assert_json_ready(report.to_dict("en"))
    single = check_password("a" * 1_000_000)
    assert single.failed == ("digit", "upper", "special") and "pattern" in single.warnings
