"""The guide's languages as the tests see them, read from the one list: `extra.languages` in mkdocs.yml.

`LANGS` is every language code in the switch's order; `prefix(lang)` is where its pages are under the
site root ("" for Bokmål, "nn/", "en/"); `CONFIGS` names each language's MkDocs config. A language
added to mkdocs.yml is covered by every test that takes its languages from here.
"""
from __future__ import annotations

from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]


class _Loader(yaml.SafeLoader):
    """mkdocs.yml with its `!ENV` tags read as their default (the tests never need the environment's)."""


_Loader.add_constructor("!ENV", lambda loader, node: (loader.construct_sequence(node) or [None])[-1]
                        if isinstance(node, yaml.SequenceNode) else None)

_LANGUAGES: dict[str, dict[str, str]] = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), _Loader)["extra"]["languages"]

LANGS: tuple[str, ...] = tuple(_LANGUAGES)
DEFAULT_LANG = LANGS[0]
NAMES: dict[str, str] = {lang: where["name"] for lang, where in _LANGUAGES.items()}
# Each language's MkDocs config: the base file for the first, mkdocs.<lang>.yml for the others.
CONFIGS: dict[str, str] = {lang: "mkdocs.yml" if lang == DEFAULT_LANG else f"mkdocs.{lang}.yml" for lang in LANGS}


def prefix(lang: str) -> str:
    """Where `lang`'s pages are under the site root: "" or "<code>/"."""
    return _LANGUAGES[lang]["prefix"]


def page_url(lang: str, path: str = "") -> str:
    """The root-relative URL of a page (`path` like "passord/") in `lang`."""
    return "/" + prefix(lang) + path
