"""`python -m pycheck`: check a password from standard input, show a demo TOTP code, suggest a password.

The password is read from standard input only (never from arguments, which other users of the
machine can see in the process list): at a terminal with `getpass` (nothing is echoed), otherwise the
first line and, if there is one, the second line (the confirmation), each at most MAX_LINE_BYTES; the
rest of the input is never read. No error message repeats an argument, which may be a password typed
in the wrong place. Exit status: 0 accepted, 1 a rule fails, 2 usage error.
"""
from __future__ import annotations

import argparse
import getpass
import json
import re
import sys
from functools import partial
from typing import NoReturn, TextIO

from . import messages, totp
from .suggest import suggest_password
from .validator import check_password

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2
#: The longest line of standard input read (a 1 MiB paste fits); `yes | …` gets its verdict, and input
#: with no newline at all gets a usage error instead of being read to its end.
MAX_LINE_BYTES = 4 * 1024 * 1024


class _UsageError(Exception):
    def __init__(self, message: str, **params: object) -> None:
        super().__init__(message)
        self.message = message
        self.params = params


class _Parser(argparse.ArgumentParser):
    """argparse, but its usage errors are told in the language the command line asked for."""

    def __init__(self, *args, error_lang: str = messages.DEFAULT_LANG, argv: tuple[str, ...] = (),
                 **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.error_lang = error_lang
        self.argv = argv

    def _check_value(self, action: argparse.Action, value: object) -> None:
        # argparse's own message quotes the value ("invalid choice: 'Hemmelig-Tulipan-47!'").
        if action.choices is not None and value not in action.choices:
            choices = ", ".join(map(str, action.choices))
            raise argparse.ArgumentError(action, messages.text("cli.invalid_choice", self.error_lang, choices=choices))

    def _own_words(self) -> set[str]:
        """The option strings and choices of this parser: words an error may name."""
        words: set[str] = set()
        for action in self._actions:
            words.update(action.option_strings)
            words.update(map(str, action.choices or ()))
        return words

    def error(self, message: str) -> NoReturn:
        lang = self.error_lang
        self.print_usage(sys.stderr)
        own = self._own_words()
        echoed = any(_names(message, arg) for arg in self.argv if arg and arg not in own)
        if echoed or message.startswith("unrecognized arguments:"):  # never repeated: it may be the password
            detail = messages.text("cli.password_argument", lang)
        else:
            detail = messages.text("cli.usage", lang, detail=message)
        self.exit(EXIT_USAGE, messages.text("cli.error", lang, message=detail) + "\n")


def _names(message: str, arg: str) -> bool:
    """Does `message` quote `arg` as a whole (not only inside a longer word: «en» is in «argument»)?"""
    return re.search(rf"(?<![\w-]){re.escape(arg)}(?![\w-])", message) is not None


def _lang_of(argv: list[str]) -> str:
    """The language `--lang` asks for, if it names one we have; otherwise the default."""
    for index, arg in enumerate(argv):
        value = arg.partition("=")[2] if arg.startswith("--lang=") else None
        if arg == "--lang" and index + 1 < len(argv):
            value = argv[index + 1]
        if value in messages.LANGS:
            return value
    return messages.DEFAULT_LANG


def _parser(error_lang: str, argv: tuple[str, ...] = ()) -> argparse.ArgumentParser:
    new_parser = partial(_Parser, error_lang=error_lang, argv=argv)
    lang = new_parser(add_help=False)
    lang.add_argument("--lang", choices=messages.LANGS, default=messages.DEFAULT_LANG,
                      help="language of the messages (default: %(default)s)")
    parser = new_parser(prog="pycheck", description="The IMDinett password policy and a demo TOTP.")
    sub = parser.add_subparsers(dest="command", required=True, parser_class=new_parser)
    check = sub.add_parser("check", parents=[lang], help="check the password on standard input",
                           description="Reads the password from the first line of standard input and, "
                           "if present, its confirmation from the second line.")
    check.add_argument("--json", action="store_true", help="print the report as JSON")
    check.add_argument("--username", help="warn when the password contains this username")
    code = sub.add_parser("totp", parents=[lang], help="print a demo TOTP code (RFC 6238)")
    code.add_argument("--secret", required=True, help="the shared secret, base32")
    code.add_argument("--at", help="Unix time in seconds (default: now)")
    code.add_argument("--digits", default="6", help="6 to 8 (default: %(default)s)")
    code.add_argument("--period", default="30", help="seconds per code (default: %(default)s)")
    code.add_argument("--algorithm", default="sha1", help="sha1, sha256 or sha512 (default: %(default)s)")
    sub.add_parser("suggest", parents=[lang], help="print a memorable password that meets the policy")
    return parser


def _read_line(stdin: TextIO) -> str | None:
    """One line of `stdin` without its line end, None at the end of the input; a line longer than
    MAX_LINE_BYTES is a usage error (read no further than that)."""
    buffer = getattr(stdin, "buffer", None)
    if buffer is not None:
        raw = buffer.readline(MAX_LINE_BYTES + 2)
        line = raw.decode("utf-8", "surrogateescape") if raw else ""
        size = len(raw.removesuffix(b"\n").removesuffix(b"\r"))
    else:
        line = stdin.readline(MAX_LINE_BYTES + 2)
        size = len(line.removesuffix("\n").removesuffix("\r").encode("utf-8", "surrogatepass"))
    if not line:
        return None
    if size > MAX_LINE_BYTES:
        raise _UsageError("cli.too_long", limit=MAX_LINE_BYTES)
    return line.removesuffix("\n").removesuffix("\r")


def _read_password(stdin: TextIO, lang: str) -> tuple[str, str | None]:
    """The password and its confirmation: asked with getpass at a terminal (not echoed), otherwise
    the first line and the second line if there is one. Nothing after the second line is read."""
    if stdin.isatty():
        password = getpass.getpass(messages.text("cli.prompt_password", lang) + " ")
        return password, getpass.getpass(messages.text("cli.prompt_confirm", lang) + " ")
    password = _read_line(stdin)
    if password is None:
        raise _UsageError("cli.no_input")
    return password, _read_line(stdin)


def _print_report(report, lang: str, out: TextIO) -> None:
    t = lambda key, **p: messages.text(key, lang, policy=report.policy, **p)  # noqa: E731
    out.write(t("report.ok" if report.ok else "report.not_ok") + "\n")
    out.write(t("report.length", length=report.length) + "\n")
    if note := report.length_note(lang):
        out.write(note + "\n")
    out.write("\n" + t("report.requirements") + ":\n")
    for code in report.checked:
        status = t("report.failed" if code in report.failed else "report.passed")
        out.write(f"  [{status}] {report.rule_message(code, lang)}\n")
    if report.warnings:
        out.write("\n" + t("report.warnings") + ":\n")
        for code in report.warnings:
            out.write(f"  - {report.warning_message(code, lang)}\n")


def _int(value: str, key: str, low: int, high: int) -> int:
    try:
        return int(value)
    except ValueError:
        raise totp.TotpError(key, low=low, high=high) from None


def _run_totp(args: argparse.Namespace, out: TextIO) -> int:
    import time

    if args.at is None:
        at: float = time.time()
    else:
        try:
            at = float(args.at) if any(c in args.at for c in ".eE") else int(args.at)
        except ValueError:
            raise totp.TotpError("totp.error.time") from None
    digits = _int(args.digits, "totp.error.digits", *totp.DIGITS)
    period = _int(args.period, "totp.error.period", *totp.PERIOD)
    out.write(totp.code(args.secret, at, digits=digits, period=period, algorithm=args.algorithm) + "\n")
    return EXIT_OK


def main(argv: list[str] | None = None, stdin: TextIO | None = None, stdout: TextIO | None = None,
         stderr: TextIO | None = None) -> int:
    stdin, stdout, stderr = stdin or sys.stdin, stdout or sys.stdout, stderr or sys.stderr
    for stream in (stdout, stderr):
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="backslashreplace")
    argv = sys.argv[1:] if argv is None else argv
    args = _parser(_lang_of(argv), tuple(argv)).parse_args(argv)  # exits 2 with a usage message on bad arguments
    lang = args.lang
    try:
        if args.command == "totp":
            return _run_totp(args, stdout)
        if args.command == "suggest":
            stdout.write(suggest_password() + "\n")
            return EXIT_OK
        password, confirm = _read_password(stdin, lang)
        report = check_password(password, confirm, username=args.username)
        if args.json:
            stdout.write(json.dumps(report.to_dict(lang), ensure_ascii=False, indent=2) + "\n")
        else:
            _print_report(report, lang, stdout)
        return EXIT_OK if report.ok else EXIT_FAILED
    except totp.TotpError as error:
        stderr.write(messages.text("cli.error", lang, message=error.message(lang)) + "\n")
        return EXIT_USAGE
    except _UsageError as error:
        stderr.write(messages.text("cli.error", lang, message=messages.text(error.message, lang, **error.params)) + "\n")
        return EXIT_USAGE
