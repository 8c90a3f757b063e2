"""Passwords that hit every rule and warning, and what CPython's pycheck says of them: the expected
values of the browser tests that compare the browser's verdicts with CPython's (tests/browser and
tests/engines)."""
from __future__ import annotations

import json
import random
import string

from pycheck import check_password
from pycheck.policy import POLICY

# Characters chosen to hit every rule and warning: ASCII classes, listed and unlisted symbols,
# spaces, Norwegian letters, look-alikes (full-width digits, Turkish İ, ß), combining accents,
# invisible characters, emoji (two UTF-16 units, several UTF-8 bytes).
TRICKY = (
    string.ascii_letters + string.digits + POLICY.specials + " ?+=~\"'`|\\{}[]()"
    + "æøåÆØÅéüßİ" + "１２３ＡＢ" + "e\u0301" + "\u200b\u200d\u200e\u00a0\t" + "🙂👍🏽"
)
FIXED = [
    "", "a", "Sommer2024!", "Passord123!Passord", "Imdinett-Passord-2025!", "imdi-Korrekt-Hest-9",
    "abcdefghijklmno1A!", "Abcdefghijklm1!", "Abcdefghijklmn1!", "Abcdefghijkl1! ", " Abcdefghijklm1!",
    "Abc  defghijklm1!", "Ærlig Øl På Åsen 42!", "P@ssw0rd" * 10, "qwertyuiop123456A!", "１２３Abcdefghijkl!",
    "Cafe\u0301-Cafe\u0301-Cafe\u03011", "🙂Smilefjes-Passord-12!", "Korrekt\u200bHest-Batteri-9", "x" * 80 + "A1!",
    "<b>bold</b>&amp;Abcdefgh1!", "ÆØÅæøå-tegn-1234-Aa",
]


def generated(count: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    out = []
    for _ in range(count):
        length = rng.choice([rng.randint(0, 20), rng.randint(14, 18), rng.randint(15, 30), rng.randint(60, 80)])
        out.append("".join(rng.choice(TRICKY) for _ in range(length)))
    return out


def cases(count: int, seed: int) -> list[tuple[str, str | None]]:
    """Passwords with a confirmation that is absent, equal, or off by one character."""
    rng = random.Random(seed + 1)
    result = []
    for password in FIXED + generated(count, seed):
        kind = rng.random()
        if kind < 0.5:
            confirm = None
        elif kind < 0.75:
            confirm = password
        else:
            confirm = password[:-1] if password else "x"
        result.append((password, confirm))
    return result


def cpython(password: str, confirm: str | None, lang: str, masked: bool = False) -> dict:
    """CPython's report as the page gets it (JSON); `masked` as the checker asks while the password is hidden."""
    return json.loads(json.dumps(check_password(password, confirm).to_dict(lang, masked=masked), ensure_ascii=False))


# Checks each [password, confirm, lang] in turn through the page's API and returns the reports.
CHECK_ALL = """async (cases) => {
  const out = [];
  for (const [password, confirm, lang] of cases) out.push(await window.pycheck.checkPassword(password, confirm, lang));
  return out;
}"""
