"""How long a password is, counted the way the strictest reasonable server could count it.

The password itself is never changed: trimming and normalising happen on a copy, for counting only.
"""
from __future__ import annotations

import unicodedata


def collapse_spaces(password: str) -> str:
    """The password without leading/trailing whitespace and with inner runs of whitespace as one space."""
    return " ".join(password.split())


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
    return min(len(collapsed), *(len(unicodedata.normalize(form, collapsed)) for form in ("NFC", "NFKC")))


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
