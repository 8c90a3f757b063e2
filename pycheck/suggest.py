"""Memorable passwords that always satisfy the policy: capitalised words, one separator, two digits."""
from __future__ import annotations

import secrets

from .policy import POLICY, Policy
from .validator import check_password
from .wordlists import passphrase_words

#: Separators that are easy to type on Norwegian and English keyboards, used when the policy counts them.
SEPARATORS = "-._/"
WORDS = 4
#: Draws before giving up on a policy no passphrase can meet (one in a few hundred draws is redrawn).
MAX_DRAWS = 10_000


def _candidate(words: tuple[str, ...], count: int, policy: Policy) -> str:
    """`count` capitalised words or more, until the password is long enough for `policy`."""
    separator = secrets.choice([ch for ch in SEPARATORS if ch in policy.specials] or policy.specials)
    digits = secrets.choice(policy.digits) + secrets.choice(policy.digits)
    chosen = [secrets.choice(words).capitalize() for _ in range(count)]
    while len(separator.join([*chosen, digits])) < policy.min_length:
        chosen.append(secrets.choice(words).capitalize())
    return separator.join([*chosen, digits])


def suggest_password(words: int = WORDS, *, policy: Policy = POLICY) -> str:
    """A passphrase such as `Fjell-Kaffe-Sykkel-Lampe-47` (about 55 bits with 4 words), for `policy`.

    Drawn with `secrets`, with at least `words` words, a separator and two digits from the policy's
    characters, and more words when the policy asks for more length. A candidate that fails a rule
    or raises any warning is drawn again (rare: a word list entry that happens to form a pattern),
    so every suggestion checks clean.
    """
    if not isinstance(words, int) or not 3 <= words <= 8:
        raise ValueError("words must be a whole number from 3 to 8")
    pool = passphrase_words()
    for _ in range(MAX_DRAWS):
        candidate = _candidate(pool, words, policy)
        report = check_password(candidate, policy=policy)
        if report.ok and not report.warnings:
            return candidate
    raise ValueError("no passphrase of capitalised words, a separator and digits meets this policy")
