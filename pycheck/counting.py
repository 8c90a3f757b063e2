"""How long a password is, counted the way the strictest reasonable server could count it.

The password itself is never changed: trimming and normalising happen on a copy, for counting only.
"""
from __future__ import annotations

import functools
import re
import unicodedata


def collapse_spaces(password: str) -> str:
    """The password without leading/trailing whitespace and with inner runs of whitespace as one space."""
    return " ".join(password.split())


#: Up to this many code points, a text is normalised as it is: canonical reordering, which CPython does by
#: insertion sort, costs at most the square of it (well under a millisecond).
DIRECT_LIMIT = 256
#: Runs of at least this many combining marks (or characters that may decompose to them) are put in
#: canonical order here, by a linear sort, before CPython sees them (see `_in_canonical_order`).
LONG_RUN = 16
_DECOMPOSED = {"NFC": "NFD", "NFKC": "NFKD"}


def _char_class(points: list[int]) -> str:
    """A regex character class body (without brackets) matching exactly the code points `points`."""
    ranges: list[tuple[int, int]] = []
    for cp in sorted(points):
        if ranges and ranges[-1][1] == cp - 1:
            ranges[-1] = (ranges[-1][0], cp)
        else:
            ranges.append((cp, cp))
    return "".join(re.escape(chr(a)) if a == b else f"{re.escape(chr(a))}-{re.escape(chr(b))}" for a, b in ranges)


@functools.cache
def _classes() -> tuple[str, str]:
    """Two regex class bodies: the combining marks (canonical combining class other than 0), and every
    character whose compatibility decomposition holds one (the marks, `é`, `ǖ`, `ﾞ` …). Any other
    character decomposes to starters only, so canonical reordering never crosses it."""
    marks = [cp for cp in range(0x110000) if unicodedata.combining(chr(cp))]
    bearing = [cp for cp in range(0x110000) if unicodedata.decomposition(chr(cp)) and any(
        unicodedata.combining(ch) for ch in unicodedata.normalize("NFKD", chr(cp)))]
    return _char_class(marks), _char_class(sorted({*marks, *bearing}))


@functools.cache
def _runs(min_run: int) -> tuple[re.Pattern[str], re.Pattern[str]]:
    """Runs of at least `min_run` combining marks, and of characters that may decompose to them."""
    marks, bearing = _classes()
    return re.compile(f"[{marks}]{{{min_run},}}"), re.compile(f"[{bearing}]{{{min_run},}}")


def _sorted_by_class(marks: str) -> str:
    """A run of combining marks, stably sorted by combining class (which is what canonical ordering
    does): the marks of each class in their order, class after class, a counting sort over the few
    classes present."""
    classes: dict[int, list[str]] = {}
    for ch in set(marks):
        classes.setdefault(unicodedata.combining(ch), []).append(ch)
    if len(classes) < 2:
        return marks
    return "".join(re.sub(f"[^{''.join(map(re.escape, chars))}]+", "", marks)
                   for _, chars in sorted(classes.items()))


def _in_canonical_order(text: str, form: str, min_run: int) -> str:
    """A text equivalent to `text` under `form` (NFD or NFKD: its normal form is the same), whose long
    runs of combining marks are already in canonical order.

    Decomposition maps each character on its own; what is quadratic in CPython is the canonical
    reordering of a long run of marks, which it does by insertion sort. Such a run lies inside a stretch
    of characters that may decompose to marks, so each long stretch is decomposed character by character
    (a separator that is a starter keeps CPython from reordering across characters) and its long runs of
    marks are sorted here, in linear time. Short runs are left to CPython, cheaply.
    """
    long_marks, long_stretches = _runs(min_run)

    def ordered(stretch: re.Match[str]) -> str:
        # "\0" decomposes to itself and is a starter: never inside a stretch, and never reordered across.
        one_by_one = unicodedata.normalize(form, "\0".join(stretch.group())).replace("\0", "")
        return long_marks.sub(lambda run: _sorted_by_class(run.group()), one_by_one)

    return long_stretches.sub(ordered, text)


def normalized_length(text: str, form: str, *, direct_limit: int = DIRECT_LIMIT, min_run: int = LONG_RUN) -> int:
    """len(unicodedata.normalize(form, text)) for NFC or NFKC, without CPython's quadratic time on long
    runs of combining marks (a 1 MB paste of them took minutes). The normal form of an equivalent text
    is the same, so the result is too."""
    if len(text) <= direct_limit:
        return len(unicodedata.normalize(form, text))
    return len(unicodedata.normalize(form, _in_canonical_order(text, _DECOMPOSED[form], min_run)))


def counted_length(password: str) -> int:
    """The smallest code-point count, after trimming and collapsing whitespace, of the text as typed,
    after NFC and after NFKC.

    A server may trim, collapse spaces, compose accents (NFC: `e` + `´` is one), fold compatibility
    forms (NFKC, which can also shorten: half-width `ｶﾞ` is one) or not normalise at all (NFC can
    lengthen: `שׁ` is two code points after NFC, and `ﬃ` three after NFKC). Taking the smallest count
    means a password that is long enough here is long enough there. Code points, not UTF-16 units:
    UTF-16 never counts fewer.
    """
    collapsed = collapse_spaces(password)
    if collapsed.isascii():  # ASCII is its own NFC and NFKC form
        return len(collapsed)
    return min(len(collapsed), *(normalized_length(collapsed, form) for form in ("NFC", "NFKC")))


def utf16_units(password: str) -> int:
    """The length a JavaScript or Java server sees (lone surrogates count as one unit)."""
    return len(password.encode("utf-16-le", "surrogatepass")) // 2


def utf8_bytes(password: str) -> int:
    """The UTF-8 size (a lone surrogate counts as the 3 bytes it would take, encoded leniently)."""
    return len(password.encode("utf-8", "surrogatepass"))


def show_char(ch: str) -> str:
    """A character as a person can read it in a message: itself if visible, else its code point."""
    category = unicodedata.category(ch)
    if category[0] in "CZ" or not ch.isprintable():
        return f"U+{ord(ch):04X}"
    if category[0] == "M":  # a combining mark alone is drawn on a dotted circle, as in Unicode charts
        return "\u25cc" + ch
    return ch


def show_chars(chars: set[str] | frozenset[str], limit: int = 12) -> str:
    """A short, stable, readable list of characters for a message."""
    shown = [show_char(ch) for ch in sorted(chars)[:limit]]
    if len(chars) > limit:
        shown.append("…")
    return " ".join(shown)
