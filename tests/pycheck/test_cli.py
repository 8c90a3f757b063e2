"""The CLI called in-process (runs in Pyodide too): reading stdin, output, exit codes, every language."""
from __future__ import annotations

import io
import json
import re

import pytest

from pycheck import check_password, cli, messages
from pycheck.cli import main

GOOD = "Fjell-Kaffe-Sykkel-47"
RFC_SHA1 = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"  # base32 of "12345678901234567890"


def run(argv: list[str], stdin: bytes = b"") -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    status = main(argv, io.TextIOWrapper(io.BytesIO(stdin), encoding="utf-8"), out, err)
    return status, out.getvalue(), err.getvalue()


@pytest.mark.parametrize("lang", messages.LANGS)
def test_accepted_password_exits_0(lang: str) -> None:
    status, out, err = run(["check", "--lang", lang], f"{GOOD}\n{GOOD}\n".encode())
    assert (status, err) == (0, "")
    assert out.startswith(messages.text("report.ok", lang))
    assert messages.text("rule.match.help", lang) in out


@pytest.mark.parametrize("lang", messages.LANGS)
def test_failing_password_exits_1_and_says_why(lang: str) -> None:
    status, out, _ = run(["check", "--lang", lang], "Æbc?\n".encode())
    assert status == 1
    assert messages.text("rule.length.error", lang, length=4) in out
    assert messages.text("rule.upper.error", lang) in out
    assert check_password("Æbc?").warning_message("non_ascii", lang) in out


def test_default_language_is_norwegian() -> None:
    assert run(["check"], b"x\n")[1].startswith(messages.text("report.not_ok", "nb"))


def test_json_output_equals_to_dict() -> None:
    status, out, _ = run(["check", "--json", "--lang", "en", "--username", "kari"], b"Kari-Kaffe-Fjell-42\nother\n")
    assert status == 1
    expected = check_password("Kari-Kaffe-Fjell-42", "other", username="kari").to_dict("en")
    assert json.loads(out) == expected
    assert expected["failed"] == ["match"] and "username" in expected["warnings"]


@pytest.mark.parametrize(
    ("stdin", "confirm_checked", "status"),
    [
        (f"{GOOD}".encode(), False, 0),  # no newline at all
        (f"{GOOD}\n".encode(), False, 0),  # only a first line
        (f"{GOOD}\r\n{GOOD}\r\n".encode(), True, 0),  # Windows line ends
        (f"{GOOD}\n\n".encode(), True, 1),  # an empty second line is an empty confirmation
        (f"{GOOD}\n{GOOD}\nignored third line\n".encode(), True, 0),
        (f" {GOOD} \n {GOOD} \n".encode(), True, 0),  # spaces are part of the password
    ],
)
def test_stdin_lines(stdin: bytes, confirm_checked: bool, status: int) -> None:
    code, out, _ = run(["check", "--json"], stdin)
    assert code == status
    assert ("match" in [r["code"] for r in json.loads(out)["rules"]]) is confirm_checked


def test_invalid_utf8_is_checked_not_crashed() -> None:
    status, out, err = run(["check", "--json"], b"Fjell-Kaffe-\xff\xfeSykkel-47\n")
    assert status == 0 and err == ""
    assert "invisible" in json.loads(out)["warnings"]


@pytest.mark.parametrize("lang", messages.LANGS)
def test_empty_input_is_a_usage_error(lang: str) -> None:
    status, out, err = run(["check", "--lang", lang], b"")
    assert (status, out) == (2, "")
    assert messages.text("cli.no_input", lang) in err


def test_totp_prints_the_rfc_code() -> None:
    assert run(["totp", "--secret", RFC_SHA1, "--at", "59", "--digits", "8"]) == (0, "94287082\n", "")
    assert run(["totp", "--secret", RFC_SHA1, "--at", "59.9", "--digits", "8"])[1] == "94287082\n"


def test_totp_without_at_uses_the_clock(frozen_clock) -> None:
    frozen_clock(1111111109)
    assert run(["totp", "--secret", RFC_SHA1, "--digits", "8"])[1] == "07081804\n"
    frozen_clock(1111111111)
    assert run(["totp", "--secret", RFC_SHA1, "--digits", "8"])[1] == "14050471\n"


BAD_TOTP = [
    (["--secret", "not-base32!"], "totp.error.base32"),
    (["--secret", "JBSWY3DPEHPK3PXP"], "totp.error.short"),
    (["--secret", RFC_SHA1, "--digits", "9"], "totp.error.digits"),
    (["--secret", RFC_SHA1, "--digits", "six"], "totp.error.digits"),
    (["--secret", RFC_SHA1, "--period", "0"], "totp.error.period"),
    (["--secret", RFC_SHA1, "--period", "1.5"], "totp.error.period"),
    (["--secret", RFC_SHA1, "--algorithm", "md5"], "totp.error.algorithm"),
    (["--secret", RFC_SHA1, "--at", "-1"], "totp.error.time"),
    (["--secret", RFC_SHA1, "--at", "yesterday"], "totp.error.time"),
    (["--secret", RFC_SHA1, "--at", "nan"], "totp.error.time"),
    (["--secret", RFC_SHA1, "--at", "1e300"], "totp.error.time"),
]


@pytest.mark.parametrize("lang", messages.LANGS)
@pytest.mark.parametrize(("args", "key"), BAD_TOTP)
def test_bad_totp_arguments_exit_2_with_a_message(args: list[str], key: str, lang: str) -> None:
    status, out, err = run(["totp", "--lang", lang, *args])
    assert (status, out) == (2, "")
    assert err.startswith(messages.text("cli.error", lang, message="").strip())
    assert messages.catalogue()[key][lang].split("{")[0].strip() in err


def test_suggest_prints_an_accepted_password() -> None:
    status, out, _ = run(["suggest"])
    assert status == 0 and check_password(out.rstrip("\n")).ok


@pytest.mark.parametrize("argv", [[], ["check", GOOD], ["check", "--lang", "de"], ["totp"], ["nope"]])
def test_usage_errors_exit_2(argv: list[str], capsys) -> None:
    with pytest.raises(SystemExit) as caught:
        run(argv)
    assert caught.value.code == 2
    assert "usage:" in capsys.readouterr().err


def _opening(key: str, lang: str) -> str:
    """The words of a message before its first placeholder (the whole text if it has none)."""
    return messages.catalogue()[key][lang].split("{")[0]


@pytest.mark.parametrize("lang", messages.LANGS)
@pytest.mark.parametrize(("argv", "key"), [(["totp"], "cli.usage"), (["check", "--json", "extra"], "cli.password_argument"),
                                           (["nope"], "cli.usage")])
def test_usage_errors_are_told_in_the_asked_language(argv: list[str], key: str, lang: str, capsys) -> None:
    with pytest.raises(SystemExit):
        run([*argv, "--lang", lang] if argv[0] != "nope" else ["--lang", lang, *argv])
    said = capsys.readouterr().err.splitlines()[-1]
    assert said.startswith(messages.text("cli.error", lang, message="").strip())
    assert _opening(key, lang) in said
    for other in messages.LANGS:
        if other != lang:
            assert _opening(key, other) not in said, other


def test_a_password_given_as_an_argument_is_refused_with_the_reason(capsys) -> None:
    with pytest.raises(SystemExit) as caught:
        run(["check", "--lang", "en", GOOD])
    err = capsys.readouterr().err
    assert caught.value.code == 2
    assert "standard input only" in err and GOOD not in err


# Nynorsk, with the expected texts written out by hand (not taken from pycheck.messages).
NN_ACCEPTED = """\
Passordet oppfyller krava.
Lengd: 21 teikn

Krav til passordet:
  [oppfylt] Minst 16 teikn
  [oppfylt] Minst eitt siffer (0–9)
  [oppfylt] Minst éin stor bokstav (A–Z)
  [oppfylt] Minst éin liten bokstav (a–z)
  [oppfylt] Minst eitt av desse spesialteikna: ! @ # $ % ^ & * _ : ; < > , . / -
  [oppfylt] Det same passordet i begge felta
"""

NN_REFUSED = """\
Passordet oppfyller ikkje krava enno.
Lengd: 4 teikn

Krav til passordet:
  [manglar] Passordet har 4 teikn. Det må ha minst 16.
  [manglar] Passordet manglar eit siffer (0–9).
  [manglar] Passordet manglar ein stor bokstav (A–Z). Æ, Ø og Å tel ikkje.
  [oppfylt] Minst éin liten bokstav (a–z)
  [manglar] Passordet manglar eitt av desse spesialteikna: ! @ # $ % ^ & * _ : ; < > , . / -. Mellomrom og andre teikn tel ikkje.

Verdt å vite:
  - Desse teikna tel ikkje for noko krav: Æ. Bruk berre A–Z, a–z, 0–9 og spesialteikna i lista.
  - Desse teikna tel ikkje som spesialteikn: ?. Bruk berre desse: ! @ # $ % ^ & * _ : ; < > , . / -
  - Passordet er mest bygd av mønster: gjentakingar, rekker som abc og 123, eller tasterader som qwerty. Slike passord blir gjetta fort.
"""
NN_USAGE = ("Bruk «python -m pycheck check», «totp --secret …» eller «suggest», gjerne med «--lang nb» eller «--lang en». "
            "Sjå «python -m pycheck --help».")


def test_check_in_nynorsk_accepts() -> None:
    assert run(["check", "--lang", "nn"], f"{GOOD}\n{GOOD}\n".encode()) == (0, NN_ACCEPTED, "")


def test_check_in_nynorsk_says_why_it_refuses() -> None:
    assert run(["check", "--lang", "nn"], "Æbc?\n".encode()) == (1, NN_REFUSED, "")


def test_check_json_in_nynorsk() -> None:
    status, out, _ = run(["check", "--json", "--lang=nn"], b"kort\n")
    data = json.loads(out)
    assert status == 1 and data["lang"] == "nn"
    assert data["summary"] == "Passordet oppfyller ikkje krava enno."
    assert data["length_message"] == "Lengd: 4 teikn"
    assert data["rules"][1] == {"code": "digit", "passed": False, "message": "Passordet manglar eit siffer (0–9).",
                                "help": "Minst eitt siffer (0–9)"}


def test_empty_input_in_nynorsk() -> None:
    assert run(["check", "--lang", "nn"], b"") == (2, "", (
        "Feil: Fann ikkje noko passord. Skriv passordet på første linje i standard inndata, "
        "og gjerne ein gong til på andre linje.\n"))


def test_totp_in_nynorsk() -> None:
    assert run(["totp", "--lang", "nn", "--secret", RFC_SHA1, "--at", "59", "--digits", "8"]) == (0, "94287082\n", "")
    assert run(["totp", "--lang", "nn", "--secret", RFC_SHA1, "--digits", "9"]) == (
        2, "", "Feil: Talet på siffer må vere eit heilt tal frå 6 til 8.\n")
    assert run(["totp", "--lang", "nn", "--secret", "JBSWY3DPEHPK3PXP"])[2] == (
        "Feil: Nøkkelen er for kort: 80 bit. Nøkkelen må ha minst 128 bit (26 base32-teikn).\n")


def test_suggest_in_nynorsk() -> None:
    status, out, err = run(["suggest", "--lang", "nn"])
    assert (status, err) == (0, "") and check_password(out.rstrip("\n")).ok


def test_usage_error_in_nynorsk(capsys) -> None:
    with pytest.raises(SystemExit) as caught:
        run(["totp", "--lang", "nn"])
    assert caught.value.code == 2
    assert capsys.readouterr().err.splitlines()[-1] == (
        f"Feil: Kommandoen er ikkje rett skriven (the following arguments are required: --secret). {NN_USAGE}")


def test_a_password_argument_is_refused_in_nynorsk(capsys) -> None:
    with pytest.raises(SystemExit) as caught:
        run(["check", "--lang", "nn", GOOD])
    err = capsys.readouterr().err
    assert caught.value.code == 2 and GOOD not in err
    assert err.splitlines()[-1] == ("Feil: pycheck les passordet berre frå standard inndata, aldri frå argumenta "
                                    "(andre brukarar av maskina kan sjå dei).")


@pytest.mark.parametrize("lang", ["nynorsk", "NN", "no", "nn-NO"])
def test_a_language_that_is_not_offered_is_a_usage_error_that_lists_the_languages(lang: str, capsys) -> None:
    with pytest.raises(SystemExit) as caught:
        run(["check", "--lang", lang])
    assert caught.value.code == 2
    said = capsys.readouterr().err.splitlines()[-1]
    assert said.startswith("Feil: Kommandoen er ikke riktig skrevet (") and re.search(r"\bnb\b.*\bnn\b.*\ben\b", said)


SECRET_ARGUMENT = "Hemmelig-Tulipan-47!"


@pytest.mark.parametrize("lang", messages.LANGS)
@pytest.mark.parametrize("argv", [
    [SECRET_ARGUMENT],                                  # the password where the command goes
    ["--lang", "{lang}", SECRET_ARGUMENT],
    ["check", "--lang", SECRET_ARGUMENT],               # where the language goes
    ["check", "--lang", "{lang}", "--json", SECRET_ARGUMENT],
    ["check", "--lang", "{lang}", f"--username={SECRET_ARGUMENT}", SECRET_ARGUMENT],
    ["totp", "--lang", "{lang}", f"--secre={SECRET_ARGUMENT}", SECRET_ARGUMENT],
])
def test_no_error_repeats_an_argument(argv: list[str], lang: str, capsys) -> None:
    with pytest.raises(SystemExit) as caught:
        run([arg.replace("{lang}", lang) for arg in argv])
    out, err = capsys.readouterr()
    assert caught.value.code == 2
    assert "Hemmelig" not in out + err and "Tulipan" not in out + err
    assert "usage:" in err


def test_an_unknown_command_is_told_by_the_choices_alone(capsys) -> None:
    with pytest.raises(SystemExit):
        run([SECRET_ARGUMENT])
    err = capsys.readouterr().err
    assert messages.text("cli.invalid_choice", "nb", choices="check, totp, suggest") in err


def test_only_the_first_two_lines_are_read() -> None:
    lines = "Fjell-Kaffe-Sykkel-47\nFjell-Kaffe-Sykkel-47\n"
    stdin = io.StringIO(lines + "more input that is never read\n" * 1000)
    assert cli.main(["check"], stdin=stdin, stdout=io.StringIO(), stderr=io.StringIO()) == 0
    assert stdin.tell() == len(lines)


@pytest.mark.parametrize("lang", messages.LANGS)
def test_a_line_over_the_limit_is_a_usage_error(lang: str) -> None:
    stdin = io.StringIO("a" * (cli.MAX_LINE_BYTES + 1))
    stdout, stderr = io.StringIO(), io.StringIO()
    assert cli.main(["check", "--lang", lang], stdin=stdin, stdout=stdout, stderr=stderr) == 2
    assert stdout.getvalue() == ""
    assert messages.text("cli.too_long", lang, limit=cli.MAX_LINE_BYTES) in stderr.getvalue()
    assert stdin.tell() <= cli.MAX_LINE_BYTES + 2


def test_a_line_at_the_limit_is_checked() -> None:
    stdin = io.StringIO("a" * cli.MAX_LINE_BYTES + "\n")
    assert cli.main(["check", "--json"], stdin=stdin, stdout=(out := io.StringIO()), stderr=io.StringIO()) == 1
    assert json.loads(out.getvalue())["length"] == cli.MAX_LINE_BYTES
