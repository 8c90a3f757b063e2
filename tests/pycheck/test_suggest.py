"""suggest_password(): every suggestion passes every rule and raises no warning."""
from __future__ import annotations

import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pycheck import POLICY, check_password, suggest_password
from pycheck import suggest as suggest_module
from pycheck.wordlists import passphrase_words

SHAPE = re.compile(r"[A-Z][a-z]{3,6}(?P<sep>[-._/])(?:[A-Z][a-z]{3,6}(?P=sep)){2,7}[0-9]{2}")


def test_real_suggestions_check_clean() -> None:
    seen = set()
    for _ in range(300):
        password = suggest_password()
        report = check_password(password, password)
        assert report.ok and report.warnings == (), (password, report)
        assert SHAPE.fullmatch(password), password
        assert report.length >= POLICY.min_length
        seen.add(password)
    assert len(seen) == 300  # the secrets RNG, not a fixed list


class ScriptedRandom:
    """Stands in for `secrets`, taking every choice from hypothesis so it can hunt for bad draws."""

    def __init__(self, data: st.DataObject) -> None:
        self.data = data

    def choice(self, seq):
        return seq[self.data.draw(st.integers(0, len(seq) - 1))]

    def randbelow(self, n: int) -> int:
        return self.data.draw(st.integers(0, n - 1))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.large_base_example])
@given(data=st.data(), words=st.integers(3, 8))
def test_every_possible_draw_gives_a_clean_password(data: st.DataObject, words: int) -> None:
    original = suggest_module.secrets
    suggest_module.secrets = ScriptedRandom(data)
    try:
        password = suggest_password(words)
    finally:
        suggest_module.secrets = original
    report = check_password(password)
    assert report.ok and report.warnings == ()
    assert password.count(password[-3]) == words  # one separator between all parts


def test_the_word_list_is_plain_lowercase_ascii() -> None:
    words = passphrase_words()
    assert len(words) >= 2000
    assert all(re.fullmatch("[a-z]{4,7}", w) for w in words)
    assert len(set(words)) == len(words)


@pytest.mark.parametrize("words", [2, 9, "4", True])
def test_bad_word_counts_are_refused(words) -> None:
    with pytest.raises(ValueError):
        suggest_password(words)
