"""`python -m pycheck` end to end in a real process: stdin, exit codes, no tracebacks."""
from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from pycheck import messages

if sys.platform == "emscripten":
    pytest.skip("Pyodide cannot start subprocesses; test_cli.py covers the CLI in-process", allow_module_level=True)

GOOD = "Fjell-Kaffe-Sykkel-47"
RFC_SHA1 = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"


def pycheck(*args: str, stdin: bytes = b"", env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "pycheck", *args], input=stdin, capture_output=True, timeout=60,
        env={**os.environ, **(env or {})},
    )


@pytest.mark.parametrize("lang", messages.LANGS)
def test_check_accepts_and_refuses(lang: str) -> None:
    accepted = pycheck("check", "--lang", lang, stdin=f"{GOOD}\n{GOOD}\n".encode())
    assert accepted.returncode == 0, accepted.stderr
    assert accepted.stdout.decode().startswith(messages.text("report.ok", lang))
    refused = pycheck("check", "--lang", lang, stdin=f"{GOOD}\n{GOOD}x\n".encode())
    assert refused.returncode == 1
    assert messages.text("rule.match.error", lang) in refused.stdout.decode()


def test_json() -> None:
    result = pycheck("check", "--json", "--lang", "en", stdin=b"short\n")
    assert result.returncode == 1
    data = json.loads(result.stdout)
    assert data["failed"] == ["length", "digit", "upper", "special"] and data["lang"] == "en"


def test_norwegian_output_survives_a_c_locale() -> None:
    result = pycheck("check", stdin="Æbc\n".encode(), env={"LC_ALL": "C", "LANG": "C", "PYTHONIOENCODING": ""})
    assert result.returncode == 1 and b"Traceback" not in result.stderr
    assert "Æ" in result.stdout.decode("utf-8", "replace") or b"\\xc6" in result.stdout or b"\\u00c6" in result.stdout


@pytest.mark.parametrize(
    ("args", "stdin"),
    [
        (["totp", "--secret", "###"], b""),
        (["totp", "--secret", RFC_SHA1, "--digits", "12"], b""),
        (["totp", "--secret", RFC_SHA1, "--algorithm", "md5", "--lang", "en"], b""),
        (["totp", "--secret", RFC_SHA1, "--at", "soon"], b""),
        (["check"], b""),
        (["check", GOOD], b""),  # the password is never taken from the arguments
        ([], b""),
    ],
)
def test_usage_errors_exit_2_without_a_traceback(args: list[str], stdin: bytes) -> None:
    result = pycheck(*args, stdin=stdin)
    assert result.returncode == 2
    assert result.stdout == b""
    assert result.stderr.strip() and b"Traceback" not in result.stderr


def test_totp_rfc_value() -> None:
    result = pycheck("totp", "--secret", RFC_SHA1, "--at", "1234567890", "--digits", "8")
    assert (result.returncode, result.stdout) == (0, b"89005924\n")


def test_console_script_entry_point_is_the_same_cli() -> None:
    from importlib.metadata import entry_points

    (script,) = [ep for ep in entry_points(group="console_scripts") if ep.name == "pycheck"]
    assert script.value == "pycheck.cli:main"


def test_nynorsk_end_to_end() -> None:
    """`--lang nn` in a real process, with the texts written out by hand."""
    refused = pycheck("check", "--lang", "nn", stdin=f"{GOOD}\n{GOOD}x\n".encode())
    assert refused.returncode == 1
    assert refused.stdout.decode().splitlines()[:2] == ["Passordet oppfyller ikkje krava enno.", "Lengd: 21 teikn"]
    assert "  [manglar] Passorda er ikkje like. Skriv det same passordet i begge felta." in refused.stdout.decode()
    code = pycheck("totp", "--lang", "nn", "--secret", RFC_SHA1, "--at", "1234567890", "--digits", "8")
    assert (code.returncode, code.stdout) == (0, b"89005924\n")
    suggested = pycheck("suggest", "--lang", "nn")
    assert suggested.returncode == 0 and len(suggested.stdout.decode().strip()) >= 16
    usage = pycheck("totp", "--lang", "nn")
    assert usage.returncode == 2 and b"Traceback" not in usage.stderr
    assert usage.stderr.decode().splitlines()[-1].startswith("Feil: Kommandoen er ikkje rett skriven (")


def test_an_endless_input_is_not_read_to_its_end() -> None:
    # `yes` never stops writing "y" lines; the CLI reads the two it needs (and the verdict: too short).
    yes = subprocess.Popen(["yes"], stdout=subprocess.PIPE)
    try:
        result = subprocess.run([sys.executable, "-m", "pycheck", "check", "--json"], stdin=yes.stdout,
                                capture_output=True, timeout=60)
    finally:
        yes.kill()
        yes.wait()
    assert result.returncode == 1, result.stderr
    data = json.loads(result.stdout)
    assert data["length"] == 1 and "match" not in data["failed"]


def test_input_without_a_line_end_stops_at_the_limit() -> None:
    from pycheck.cli import MAX_LINE_BYTES

    result = pycheck("check", "--lang", "en", stdin=b"a" * (MAX_LINE_BYTES * 2))
    assert result.returncode == 2 and result.stdout == b""
    assert messages.text("cli.too_long", "en", limit=MAX_LINE_BYTES) in result.stderr.decode()


def test_at_a_terminal_the_password_is_read_without_echo() -> None:
    import pty
    import select
    import time

    password = "Hemmelig-Tulipan-47!"
    terminal, child_end = pty.openpty()
    # The CLI in a new session whose controlling terminal is the pseudo-terminal (getpass opens /dev/tty),
    # which is also its standard input and output.
    take_terminal = ("import fcntl, os, sys, termios; fcntl.ioctl(0, termios.TIOCSCTTY, 0); "
                     "os.execv(sys.executable, [sys.executable, '-m', 'pycheck', 'check', '--lang', 'en'])")
    child = subprocess.Popen([sys.executable, "-c", take_terminal], stdin=child_end, stdout=child_end,
                             stderr=child_end, start_new_session=True)
    os.close(child_end)
    seen = b""
    deadline = time.monotonic() + 60  # a guard against a CLI that never asks, not a speed claim

    def read_until(text: str) -> None:
        nonlocal seen
        while text.encode() not in seen:
            assert time.monotonic() < deadline, f"never asked {text!r}; got {seen!r}"
            if select.select([terminal], [], [], 1)[0]:
                try:
                    seen += os.read(terminal, 4096)
                except OSError:  # the child closed the terminal
                    break

    try:
        read_until(messages.text("cli.prompt_password", "en"))
        os.write(terminal, password.encode() + b"\n")
        read_until(messages.text("cli.prompt_confirm", "en"))
        os.write(terminal, password.encode() + b"\n")
        read_until(messages.text("report.ok", "en"))
        status = child.wait(timeout=60)
    finally:
        if child.poll() is None:  # the test failed on the way: the child must not outlive it
            child.kill()
            child.wait()
        os.close(terminal)
    assert status == 0
    assert password.encode() not in seen
