"""Reading the built site's HTML with the standard library: elements, attributes, visible text."""
from __future__ import annotations

import re
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path

from guide_languages import DEFAULT_LANG, LANGS, prefix

# Folders under site/ that MkDocs did not render (runtimes and assets copied in as they are).
NOT_PAGES = ("pyodide/",) + tuple(prefix(lang) + folder for lang in LANGS for folder in ("assets/", "search/"))
# The steps' short addresses (/s/p2/, /nn/s/p2/ …): pages steps.py writes that only send the reader on
# to a step (a meta refresh and a link), without the theme, the widgets or the runtime.
SHORT_ADDRESSES = tuple(prefix(lang) + "s/" for lang in LANGS)


class _Collector(HTMLParser):
    """Collects (tag, attributes) of every start tag, and the text of <main>'s article."""

    SKIP_TEXT = {"script", "style", "noscript", "template"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []
        self._article_depth = 0
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements.append((tag, dict(attrs)))
        if tag == "article":
            self._article_depth += 1
        if tag in self.SKIP_TEXT:
            self._skip += 1

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements.append((tag, dict(attrs)))

    def handle_endtag(self, tag: str) -> None:
        if tag == "article" and self._article_depth:
            self._article_depth -= 1
        if tag in self.SKIP_TEXT and self._skip:
            self._skip -= 1

    def handle_data(self, data: str) -> None:
        if self._article_depth and not self._skip:
            self.text.append(data)


def parse(path: Path) -> _Collector:
    collector = _Collector()
    collector.feed(path.read_text(encoding="utf-8"))
    collector.close()
    return collector


def pages(site: Path, lang: str | None = None) -> Iterator[Path]:
    """Every HTML page MkDocs rendered (of one language, if given)."""
    for path in sorted(site.rglob("*.html")):
        rel = path.relative_to(site).as_posix()
        if rel.startswith(NOT_PAGES):
            continue
        page_lang = next((code for code in LANGS if prefix(code) and rel.startswith(prefix(code))), DEFAULT_LANG)
        if lang is None or lang == page_lang:
            yield path


def article_text(path: Path) -> str:
    """The page's article text, whitespace collapsed."""
    return re.sub(r"\s+", " ", "".join(parse(path).text)).strip()


def ids(path: Path) -> set[str]:
    return {attrs["id"] for _, attrs in parse(path).elements if attrs.get("id")}
