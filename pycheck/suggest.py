"""Memorable passwords that always satisfy the policy: capitalised words, one separator, two digits."""
from __future__ import annotations

import secrets

from .policy import POLICY, Policy
from .validator import check_password
from .wordlists import passphrase_words

#: Separators from the listed specials that are easy to type on Norwegian and English keyboards.
SEPARATORS = "-._/"
WORDS = 4


def _candidate(words: tuple[str, ...], count: int) -> str:
    chosen = [secrets.choice(words).capitalize() for _ in range(count)]
    separator = secrets.choice(SEPARATORS)
    digits = f"{secrets.randbelow(100):02d}"
    return separator.join([*chosen, digits])


def suggest_password(words: int = WORDS, *, policy: Policy = POLICY) -> str:
    """A passphrase such as `Fjell-Kaffe-Sykkel-Lampe-47` (about 55 bits with 4 words).

    Drawn with `secrets`; a candidate that fails a rule or raises any warning is drawn again (rare:
    a word list entry that happens to form a pattern), so every suggestion checks clean.
    """
    if not isinstance(words, int) or not 3 <= words <= 8:
        raise ValueError("words must be a whole number from 3 to 8")
    pool = passphrase_words()
    while True:
        candidate = _candidate(pool, words)
        report = check_password(candidate, policy=policy)
        if report.ok and not report.warnings:
            return candidate
