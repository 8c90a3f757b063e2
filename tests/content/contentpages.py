"""The built guide's pages as text, for the content tests, the languages they cover, and the texts of
the two files of words that others keep (pycheck/messages.toml, overrides/hooks/widget_texts.toml)."""
from __future__ import annotations

import tomllib
from pathlib import Path

import readability  # tools/ is on pytest's pythonpath (pyproject.toml)
from guide_languages import LANGS, prefix
from readability import page_blocks

ROOT = Path(__file__).resolve().parents[2]
# Every language of the guide (nb, nn, en) and where its pages are under the site root ("", "nn/",
# "en/"), from the tests' one list (tests/guide_languages.py, read from mkdocs.yml): the content tests
# take their languages from here.
LANG_PREFIX = {lang: prefix(lang) for lang in LANGS}
# Every page of the guide, by its path under the language's root.
PAGES = ["", "passord/", "app/", "engangskode/", "ove/", "hjelp/", "checker/", "tilgjengelighet/", "totp-demo/", "support/"]
MESSAGES = ROOT / "pycheck" / "messages.toml"
WIDGET_TEXTS = ROOT / "overrides" / "hooks" / "widget_texts.toml"
# Every file of texts for readers that is not a page: checked for claims and terms like the pages.
TEXT_FILES = (MESSAGES, WIDGET_TEXTS)


def page_file(site: Path, lang: str, page: str) -> Path:
    return site / LANG_PREFIX[lang] / page / "index.html"


def page_text(site: Path, lang: str, page: str) -> str:
    """Every visible text of the page's article (headings, steps, notes, figures, the hooks' step
    links), blocks joined by a newline. The widgets are left out: their words come from the two
    files below, which are checked on their own."""
    return "\n".join(page_blocks(page_file(site, lang, page), skip_classes=set(), skip_widgets=True))


# Addresses, not words: the step links' addresses under every step heading and in the support table
# (their ids are ASCII Bokmål, such as #kode-ikke-godtatt, in every language).
ADDRESS_CLASSES = {"step-link", "support-url"}


class _OwnLanguageBlocks(readability._Blocks):
    """The counting parser of tools/readability.py, which also leaves out every element marked as
    another language than `lang` (a `lang` attribute): the redrawn screens and the Bokmål step links on a
    Nynorsk or English page are the other language's words, shown on purpose. Addresses are left out
    too (ADDRESS_CLASSES)."""

    def __init__(self, lang: str) -> None:
        super().__init__(skip_classes=ADDRESS_CLASSES, skip_widgets=True)
        self.lang = lang

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        depth = len(self._stack)
        super().handle_starttag(tag, attrs)
        marked = dict(attrs).get("lang")
        if marked and marked != self.lang and len(self._stack) > depth:
            self._stack[-1] = (tag, True)


def own_language_text(site: Path, lang: str, page: str) -> str:
    """`page_text` without the elements marked as another language and without the addresses (see
    `_OwnLanguageBlocks`): what the term list checks, since a Bokmål label on a Nynorsk page is not a
    Nynorsk word, nor is a step id in an address."""
    parser = _OwnLanguageBlocks(lang)
    parser.feed(page_file(site, lang, page).read_text(encoding="utf-8"))
    parser.close()
    return "\n".join(parser.blocks)


def file_texts(path: Path, lang: str) -> list[tuple[str, str]]:
    """`(key, text)` for every text of one language in messages.toml or widget_texts.toml."""
    found: list[tuple[str, str]] = []

    def walk(prefix: str, value: object) -> None:
        if isinstance(value, dict):
            for key, inner in value.items():
                if key == lang and isinstance(inner, str):
                    found.append((prefix, inner))
                else:
                    walk(f"{prefix}.{key}" if prefix else key, inner)

    walk("", tomllib.loads(path.read_text(encoding="utf-8")))
    return found
