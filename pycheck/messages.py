"""Every user-facing text, in Norwegian Bokmål and English, read from one data file.

`messages.toml` keeps both languages side by side under one key; nested tables make the dotted key
(`[rule.length]` + `help.nb` is `rule.length.help` in `nb`). Placeholders use `str.format` names; the
policy values (`min_length`, `specials`, `max_chars`, `max_bytes`) are always available.
"""
from __future__ import annotations

import tomllib
from functools import cache
from importlib import resources

from .policy import POLICY

LANGS: tuple[str, ...] = ("nb", "en")
DEFAULT_LANG = "nb"


@cache
def catalogue() -> dict[str, dict[str, str]]:
    """Every key mapped to its texts by language."""
    raw = tomllib.loads(resources.files(__package__).joinpath("messages.toml").read_text("utf-8"))
    flat: dict[str, dict[str, str]] = {}

    def walk(prefix: str, table: dict) -> None:
        for name, value in table.items():
            key = f"{prefix}.{name}" if prefix else name
            if isinstance(value, dict) and value and all(isinstance(v, str) for v in value.values()):
                flat[key] = value
            elif isinstance(value, dict):
                walk(key, value)
            else:
                raise ValueError(f"messages.toml: {key} must hold one text per language")

    walk("", raw)
    return flat


def keys() -> tuple[str, ...]:
    """Every message key, sorted."""
    return tuple(sorted(catalogue()))


def check_lang(lang: str) -> str:
    """Returns `lang` if it is supported, otherwise raises a ValueError that says which are."""
    if lang not in LANGS:
        raise ValueError(f"Unknown language {lang!r}: use one of {', '.join(LANGS)}")
    return lang


def text(key: str, lang: str = DEFAULT_LANG, **params: object) -> str:
    """The text for `key` in `lang`, with `params` (and the policy values) filled in."""
    check_lang(lang)
    try:
        template = catalogue()[key][lang]
    except KeyError:
        raise KeyError(f"No message {key!r} in {lang!r}") from None
    values = {
        "min_length": POLICY.min_length,
        "specials": POLICY.specials,
        "specials_spaced": " ".join(POLICY.specials),
        "max_chars": POLICY.max_chars,
        "max_bytes": POLICY.max_bytes,
        **params,
    }
    return template.format_map(values)
