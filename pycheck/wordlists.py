"""The word lists pycheck ships (pycheck/data/generated/, cut by `make data`), loaded lazily on first use.

Nothing is read at import time: in the browser, importing pycheck must stay quick.
"""
from __future__ import annotations

from functools import cache
from importlib import resources

COMMON_PASSWORDS = "common-passwords.txt"
NB_WORDS = "nb-words.txt"
PASSPHRASE_WORDS = "passphrase-words.txt"
#: Where the lists come from, with their licences.
SOURCES = "SOURCES.txt"
#: Every generated file; the build refuses to run without one of them (hatch_build.py).
FILES = (COMMON_PASSWORDS, NB_WORDS, PASSPHRASE_WORDS, SOURCES)


def _read(name: str) -> list[str]:
    path = resources.files(__package__).joinpath("data", "generated", name)
    try:
        text = path.read_text("utf-8")
    except FileNotFoundError:
        raise RuntimeError(
            f"pycheck's word list {name} is missing: restore pycheck/data/generated/ from git, "
            "or remake it with `make data` (tools/make_wordlists.py)"
        ) from None
    return [line for line in text.splitlines() if line]


@cache
def common_passwords() -> frozenset[str]:
    """Very common passwords, lowercased (zxcvbn's frequency list)."""
    return frozenset(_read(COMMON_PASSWORDS))


@cache
def norwegian_words() -> frozenset[str]:
    """Frequent Norwegian Bokmål words, lowercased (wordfreq)."""
    return frozenset(_read(NB_WORDS))


@cache
def passphrase_words() -> tuple[str, ...]:
    """Plain a–z Norwegian words of 4–7 letters for suggested passwords."""
    return tuple(_read(PASSPHRASE_WORDS))


def is_word(word: str) -> bool:
    """Is `word` (lowercase) a common password or a frequent Norwegian word?"""
    return word in common_passwords() or word in norwegian_words()
