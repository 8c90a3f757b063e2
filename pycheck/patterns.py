"""Is a password very common, or mostly a pattern? Both only warn, never block.

Deliberately small (zxcvbn is the model, not the dependency): a password is *common* when all its
letters spell one common password or one dictionary word (`Sommer2024!`, `P4ssord!P4ssord1`) or it
contains a give-away such as `passord` anywhere (`Mittnyepassord1!`) or a season with a year
(`Sommerferie2024!!`), and
*pattern-like* when almost every character belongs to a repeat, a sequence (abc, 987), a keyboard
row (qwerty, asdf) or a year.
"""
from __future__ import annotations

import re
import unicodedata

from .wordlists import common_passwords, is_word

#: Longer than this, a password is not looked up in word lists (a long paste is not "common").
MAX_ANALYSED = 128
#: Fewer characters than this outside any pattern make the password pattern-like.
MIN_FREE_CHARS = 6
#: Words that make any password easy to guess, wherever they stand in it.
GIVEAWAYS = ("passord", "password", "passwort", "letmein", "qwerty")
#: A season, holiday or month with a year (`Sommer2024`, `Juli-2023`) is a classic guess.
SEASONS = ("sommer", "vinter", "høst", "vår", "jul", "påske", "summer", "winter", "autumn", "spring",
           "januar", "februar", "mars", "april", "juni", "juli", "august", "september", "oktober",
           "november", "desember", "january", "february", "march", "june", "july", "october", "december")
KEYBOARD_ROWS = ("1234567890", "qwertyuiopå", "asdfghjkløæ", "zxcvbnm", "qwertzuiop", "azertyuiop")
LEET = {"0": "o", "1": "i", "3": "e", "4": "a", "5": "s", "7": "t", "@": "a", "$": "s"}
# A digit or symbol between two letters is read as the letter it stands for (p4ssord → passord).
_LEET_INSIDE_WORD = re.compile(r"(?<=[^\W\d_])[013457@$](?=[^\W\d_])")
_LETTER_RUNS = re.compile(r"[^\W\d_]{3,}")
_YEAR = re.compile(r"(?:19|20)\d\d")
_REPEATED_CHUNK = re.compile(r"(.{2,}?)\1+", re.DOTALL)
_SAME_CHAR = re.compile(r"(.)\1{2,}", re.DOTALL)
# Digits, symbols and spaces around a word (`!!Sommer2024`): any of them, counted by the policy or not,
# since how a guesser decorates a word does not depend on which symbols a rule counts.
_UNDECORATED = re.compile(r"^[\W\d_]+|[\W\d_]+$")


def _simplify(password: str) -> str:
    return unicodedata.normalize("NFKC", " ".join(password.split())).lower()


def _covered(text: str) -> list[bool]:
    """Marks every position that belongs to a repeat, a sequence, a keyboard run or a year."""
    n = len(text)
    covered = [False] * n

    def mark(start: int, end: int) -> None:
        for i in range(start, end):
            covered[i] = True

    for regex in (_SAME_CHAR, _REPEATED_CHUNK, _YEAR):
        for m in regex.finditer(text):
            mark(m.start(), m.end())
    # Sequences: three or more alphanumerics, each one code point up (or down) from the last.
    i = 0
    while i < n - 2:
        step = ord(text[i + 1]) - ord(text[i])
        j = i + 1
        if step in (1, -1) and text[i].isalnum():
            while j < n and text[j].isalnum() and ord(text[j]) - ord(text[j - 1]) == step:
                j += 1
            if j - i >= 3:
                mark(i, j)
        i = max(j - 1, i + 1)
    # Keyboard runs: four or more neighbouring keys of one row, either way.
    rows = [*KEYBOARD_ROWS, *(row[::-1] for row in KEYBOARD_ROWS)]
    i = 0
    while i < n - 3:
        end = 0
        for j in range(i + 4, n + 1):
            if any(text[i:j] in row for row in rows):
                end = j
            else:
                break
        if end:
            mark(i, end)
            i = end
        else:
            i += 1
    return covered


def looks_like_pattern(password: str) -> bool:
    """Do fewer than MIN_FREE_CHARS characters fall outside repeats, sequences, rows and years?"""
    if len(password) > MAX_ANALYSED:
        return len(set(password)) < MIN_FREE_CHARS
    text = _simplify(password)
    return _covered(text).count(False) < MIN_FREE_CHARS


def _base_word(word: str) -> str:
    """`passordpassord` → `passord`: a word said several times is still that word."""
    m = re.fullmatch(r"(.+?)\1+", word)
    return m.group(1) if m else word


def _only_word(text: str) -> str | None:
    """The one distinct letter run (≥ 3 letters, not itself a pattern) of `text`, if there is one."""
    runs = {m.group() for m in _LETTER_RUNS.finditer(text)}
    words = {_base_word(run) for run in runs}
    words = {word for word in words if len(word) >= 3 and not all(_covered(word))}
    return words.pop() if len(words) == 1 else None


def looks_common(password: str) -> bool:
    """Is the password a very common one, or one word decorated with digits and symbols?"""
    if len(password) > MAX_ANALYSED:
        return False
    text = _simplify(password)
    if text in common_passwords() or _UNDECORATED.sub("", text) in common_passwords():
        return True
    for variant in (text, _LEET_INSIDE_WORD.sub(lambda m: LEET[m.group()], text)):
        if any(giveaway in variant for giveaway in GIVEAWAYS):
            return True
        if _YEAR.search(variant) and any(season in variant for season in SEASONS):
            return True
        word = _only_word(variant)
        if word is not None and is_word(word):
            return True
    return False
