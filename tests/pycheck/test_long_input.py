"""Long pastes get their verdict: the counted length never takes quadratic time, and stays exactly what
normalising the whole text gives."""
from __future__ import annotations

import json
import subprocess
import sys
import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pycheck import check_password
from pycheck.counting import collapse_spaces, counted_length, normalized_length

# Characters around which canonical ordering and composition do their work: marks of several combining
# classes, starters that decompose to marks (U+0F73, é, ǖ), Hangul jamo that compose, half-width kana,
# compatibility forms, a separator that a naive implementation might use, and plain letters.
MARKS = [chr(cp) for cp in (0x300, 0x301, 0x308, 0x316, 0x31B, 0x323, 0x327, 0x334, 0x345, 0x5B4, 0x5C1, 0x591,
                            0x93C, 0x94D, 0xF71, 0xF72, 0xF73, 0xF74, 0xF75, 0xF80, 0xF81, 0x3099, 0x309A, 0x1E94A)]
OTHERS = ["a", "e", "o", "u", "é", "ǖ", "ω", "\u1100", "\u1161", "\u11a8", "가", "ｶ", "ﾞ", "ﬃ", "\u0344", "\x00",
          " ", "\u00a0", "A", "1", "!", "\u0b47", "\u0b3e"]
texts = st.lists(st.sampled_from(MARKS + OTHERS), max_size=300).map("".join)

# The verdict on a hostile paste, worked out by hand: "a" then k acute accents (class 230) and k grave
# accents below (class 220). Canonical ordering moves every grave below before every acute (CPython's
# insertion sort: k² swaps), then "a" + acute composes to "á": 2k code points after NFC or NFKC.
HOSTILE_K = 262_144  # 2k marks of 2 UTF-8 bytes: 1 MiB
HOSTILE = "a" + "\u0301" * HOSTILE_K + "\u0316" * HOSTILE_K


def unbounded(password: str) -> int:
    """The counted length as its definition says: the smallest count as typed, after NFC and after NFKC."""
    collapsed = collapse_spaces(password)
    return min(len(collapsed), *(len(unicodedata.normalize(form, collapsed)) for form in ("NFC", "NFKC")))


@settings(max_examples=400, deadline=None)
@given(text=texts, form=st.sampled_from(["NFC", "NFKC"]), min_run=st.integers(1, 4))
def test_the_fast_length_is_the_normalised_length(text: str, form: str, min_run: int) -> None:
    # direct_limit=0 sends even a short text through the reordering path, with runs as short as min_run.
    assert normalized_length(text, form, direct_limit=0, min_run=min_run) == len(unicodedata.normalize(form, text))


@settings(max_examples=300, deadline=None)
@given(text=texts)
def test_counted_length_is_its_definition(text: str) -> None:
    assert counted_length(text) == unbounded(text)


@pytest.mark.parametrize("text", [
    "a" + "\u0301\u0316" * 300,            # past the direct limit, interleaved classes
    "é\u0316" * 400,                       # marks that come out of a precomposed letter
    "\u0f73\u0f71" * 400,                  # a starter that decomposes to marks
    "ｶﾞ" * 300 + "\u3099" * 300,            # compatibility forms that compose under NFKC only
    ("Fjell-Kaffe-Sykkel-47 " * 40),       # a long ordinary paste
])
def test_long_texts_keep_the_exact_length(text: str) -> None:
    assert counted_length(text) == unbounded(text)


@pytest.mark.skipif(sys.platform == "emscripten", reason="Pyodide cannot start the subprocess that holds the deadline")
def test_a_one_megabyte_paste_of_combining_marks_gets_its_verdict() -> None:
    # A process with a deadline, so that a hang fails the test instead of stopping the suite. The deadline
    # is generous (a guard, not a speed claim: `make bench` prints the time); before the linear ordering
    # this paste took minutes.
    code = ("import json, sys; from pycheck import check_password; "
            "r = check_password(sys.stdin.read()); print(json.dumps([r.length, list(r.failed)]))")
    done = subprocess.run([sys.executable, "-c", code], input=HOSTILE.encode(), capture_output=True, timeout=120)
    assert done.returncode == 0, done.stderr.decode(errors="replace")
    assert json.loads(done.stdout) == [2 * HOSTILE_K, ["digit", "upper", "special"]]


def test_the_hostile_paste_in_process() -> None:
    # The same paste in this interpreter (also inside Pyodide, where the worker runs it).
    report = check_password(HOSTILE)
    assert report.length == 2 * HOSTILE_K
    assert report.failed == ("digit", "upper", "special")
