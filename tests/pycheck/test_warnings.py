"""Every warning: when it applies, when it does not, and that it never blocks."""
from __future__ import annotations

import pytest

from pycheck import POLICY, WARNING_CODES, check_password

CLEAN = "Xk9#mPq2$vL7nR4w"  # random: meets every rule, no warning

WARNING_CASES = [
    # (code, passwords that raise it, passwords that do not)
    ("non_ascii", [CLEAN + "Æ", CLEAN + "ø", CLEAN + "é", CLEAN + "²", CLEAN + "e\u0301", CLEAN + "Ａ"],
     [CLEAN, CLEAN + " ?"]),
    ("unlisted_symbols", [CLEAN + "?", CLEAN + "+", CLEAN + "€", CLEAN + "😀", CLEAN + "–", CLEAN + "＠"],
     [CLEAN, CLEAN + " " + POLICY.specials, CLEAN + "Æ"]),
    ("invisible", [CLEAN + "\u200f", CLEAN + "\u202e", CLEAN + "\x00", CLEAN + "\t", CLEAN + "\u00a0",
                   CLEAN + "\u200b", CLEAN + "\ud800", CLEAN + "\ufeff"],
     [CLEAN, CLEAN + " x"]),
    ("spaces_edge", [" " + CLEAN, CLEAN + " ", "\t" + CLEAN, CLEAN + "\u3000"], [CLEAN, "Xk9#mPq2 $vL7nR4w"]),
    ("spaces_double", ["Xk9#mPq2  $vL7nR4w", "Xk9#mPq2 \t$vL7nR4w"], [CLEAN, "  " + CLEAN + "  ", "Xk9# mPq2 $vL7"]),
    ("long_chars", [CLEAN * 4 + "x", "😀" * 33], [CLEAN * 4, "😀" * 32]),
    ("long_bytes", ["æ" * 37, CLEAN * 4 + "æ" * 5], ["æ" * 36, CLEAN * 4]),
    ("common", ["Passord123456789!", "Sommer2024!Sommer", "P4ssord!P4ssord1", "password", "Sommerfugl2024!!",
                "Qwerty123456789!", "PASSORDPASSORD1!", "Iloveyou.1234567", "Mittnyepassord1!", "Hemmelig-p4ssord1",
                "Vinter2023!Vinter", "Trondheim.2024-10", "Sommerferie2024!!", "Sommer2024!æøå ?",
                "Julaften.2023-Oslo", "Desember1999!Abc"],
     [CLEAN, "Havnen-Glede-Funket-Deltatt-92", "Tr0ub4dor&3xkcd!", "Sommer-Kaffe-Fjell-42",
      "Juli-Kaffe-Fjell-Brygge-7"]),
    ("pattern", ["Aaaaaaaaaaaaaaa1!", "Qwerty123456789!", "Abcdefghijklmno1!", "Hei-Hei-Hei-Hei-1",
                 "zyxwvu98765Abc!!", "Asdfghjkl1234567!", "1111111111111111", "Ab1!" * 8, "a" * 1_000],
     [CLEAN, "Havnen-Glede-Funket-Deltatt-92", "Tr0ub4dor&3xkcd!", CLEAN * 20]),
    ("service_name", ["MinImdiKonto2024!", "imdinett-ER-best1", "xxIMDIxx", "IMDİ"[:3] + "i"],
     [CLEAN, "Imd-i Konto 2024!", "IMD1nett-Konto!!"]),
]


def cases(raise_it: bool):
    for code, positive, negative in WARNING_CASES:
        for password in positive if raise_it else negative:
            yield pytest.param(code, password, id=f"{code}-{ascii(password)[:40]}")


@pytest.mark.parametrize(("code", "password"), list(cases(True)))
def test_warning_applies(code: str, password: str) -> None:
    assert code in check_password(password).warnings


@pytest.mark.parametrize(("code", "password"), list(cases(False)))
def test_warning_does_not_apply(code: str, password: str) -> None:
    assert code not in check_password(password).warnings


def test_every_warning_code_has_cases() -> None:
    tested = {code for code, *_ in WARNING_CASES} | {"username"}
    assert tested == set(WARNING_CODES)


@pytest.mark.parametrize(
    ("username", "password", "applies"),
    [
        ("ola.nordmann", "Ola.Nordmann2024!", True),
        ("OLA.NORDMANN", "xx-ola.nordmann-1A", True),
        ("kari@imdi.no", "Kari-Kaffe-Fjell-42", True),  # the part before @ is enough
        ("kari@imdi.no", "Havnen-Glede-Funket-42", False),
        ("ab", "Xk9#mPq2$vL7nR4wab", False),  # too short to mean anything
        ("", CLEAN, False),
        (None, "Ola.Nordmann2024!", False),
        ("  ola  nordmann ", "Ola nordmann 2024!", True),
    ],
)
def test_username(username: str | None, password: str, applies: bool) -> None:
    assert ("username" in check_password(password, username=username).warnings) is applies


def test_warnings_never_block() -> None:
    report = check_password(" Passord  Passord 2024! Æ? \u200f" + "é" * 40, username="passord")
    assert report.ok
    assert set(report.warnings) >= {"non_ascii", "unlisted_symbols", "invisible", "spaces_edge", "spaces_double",
                                    "long_bytes", "common", "username"}


def test_warnings_come_in_declared_order() -> None:
    report = check_password("\u200f?Æ  imdi" + "æ" * 70)
    assert list(report.warnings) == [code for code in WARNING_CODES if code in report.warnings]


def test_warning_messages_name_the_characters() -> None:
    report = check_password(CLEAN + "Æ?\u200f")
    texts = {item["code"]: item["message"] for item in report.to_dict("en")["warning_messages"]}
    assert "Æ" in texts["non_ascii"]
    assert "?" in texts["unlisted_symbols"]
    assert "U+200F" in texts["invisible"]


@pytest.mark.parametrize(
    ("char", "shown"),
    [("Æ", "Æ"), ("?", "?"), (" ", "U+0020"), ("\u200f", "U+200F"), ("\ud800", "U+D800"), ("\x00", "U+0000"),
     ("\u0301", "\u25cc\u0301"), ("😀", "😀")],
)
def test_characters_are_shown_readably(char: str, shown: str) -> None:
    from pycheck.counting import show_chars

    assert show_chars({char}) == shown


def test_a_long_list_of_characters_is_cut() -> None:
    from pycheck.counting import show_chars

    assert show_chars(set("ÆØÅæøåéèêëïîüß"), limit=3).split() == ["Å", "Æ", "Ø", "…"]
