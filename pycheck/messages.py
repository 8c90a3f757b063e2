"""Every user-facing text, in Norwegian Bokmål, Norwegian Nynorsk and English, read from one data file.

`messages.toml` keeps the languages side by side under one key; nested tables make the dotted key
(`[rule.length]` + `help.nb` is `rule.length.help` in `nb`). Placeholders use `str.format` names.
A text is always formatted with the values of one policy (`POLICY` unless another is given), as a
validator states its own parameters, so a report never speaks of limits other than those it checked:

- `min_length`, `max_chars`, `max_bytes`: the policy's numbers;
- `<code>_chars` for each character-class rule (`digit_chars`, `upper_chars`, `lower_chars`,
  `special_chars`): its characters as a reader sees them, `0–9` for a run, `! @ # …` otherwise;
- `service_names`: the names of the service, quoted and joined in the text's language.
"""
from __future__ import annotations

import tomllib
from functools import cache
from importlib import resources

from .policy import POLICY, Policy

# The one list of pycheck's languages (the hooks' widget texts must have the same): Bokmål, Nynorsk, English.
LANGS: tuple[str, ...] = ("nb", "nn", "en")
DEFAULT_LANG = "nb"


@cache
def catalogue() -> dict[str, dict[str, str]]:
    """Every key mapped to its texts by language (unformatted)."""
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


def _template(key: str, lang: str) -> str:
    check_lang(lang)
    try:
        return catalogue()[key][lang]
    except KeyError:
        raise KeyError(f"No message {key!r} in {lang!r}") from None


def shown_chars(chars: str) -> str:
    """A set of characters as a reader sees it: `0–9` for one run of consecutive letters or digits,
    otherwise every character in the policy's order with a space between them."""
    ordered = sorted(set(chars))
    is_run = all(ord(b) - ord(a) == 1 for a, b in zip(ordered, ordered[1:]))
    if len(ordered) >= 3 and is_run and all(ch.isalnum() for ch in ordered):
        return f"{ordered[0]}–{ordered[-1]}"
    return " ".join(dict.fromkeys(chars))


def or_list(items: tuple[str, ...], lang: str) -> str:
    """`«IMDi» eller «IMDinett»` / `“IMDi” or “IMDinett”`: each item quoted, the last one after `or`."""
    quoted = [_template("list.quote", lang).format(item=item) for item in items]
    if len(quoted) < 2:
        return "".join(quoted)
    return _template("list.or", lang).format(items=", ".join(quoted[:-1]), last=quoted[-1])


@cache
def policy_values(policy: Policy, lang: str) -> dict[str, object]:
    """The placeholders every text of `policy` can use, in `lang` (see the module's docstring)."""
    return {
        "min_length": policy.min_length,
        "max_chars": policy.max_chars,
        "max_bytes": policy.max_bytes,
        **{f"{code}_chars": shown_chars(chars) for code, chars in policy.character_classes.items()},
        "service_names": or_list(policy.service_names, lang),
    }


def text(key: str, lang: str = DEFAULT_LANG, *, policy: Policy = POLICY, **params: object) -> str:
    """The text for `key` in `lang`, with `params` and the values of `policy` filled in."""
    template = _template(key, lang)
    return template.format_map({**policy_values(policy, lang), **params})
