"""LIX per page and language for the reader's path of the built guide: a figure, not a test.

    .venv/bin/python tools/readability.py [--site site] [--all]

Prints one row per page (front page, password, app, code, help; `--all` adds every other page) and
language of the guide (every language in mkdocs.yml's `extra.languages`): words, sentences, long words
and LIX, marked where it is above the plain-language limit of 30, then the highest LIX on the reader's
path in each language. Run `make site` first; it reads `site/`.

LIX = words / sentences + 100 × long words / words. Exactly how this script counts:

- **Text:** the visible text of the page's `<article>` in the built HTML. Left out: `script`, `style`,
  `template`, `noscript`; any element with the `hidden` attribute or the class `visually-hidden`;
  the step-link line the steps hook adds under every step heading (`.step-link`); the line that names
  the handout slide, written for support staff (`.step-source`); the redrawn screens
  (`.mockup__screen`, `.mockup__bar`: labels copied from the real screens; their captions are counted);
  and the widgets (`[data-pycheck]`, a form of labels and live messages). Everything else counts, including headings, list items, table
  cells, figure captions and admonitions.
- **Blocks:** headings, paragraphs, list items, table cells, captions, definition terms and other
  block elements each start a new block; text is never joined across blocks.
- **Words:** runs of letters, joined by an inner hyphen or apostrophe ("e-post", "PIN-koden" are one
  word each). Numbers, symbols and digits are not words ("400 01 960", "A–Z" gives "A" and "Z").
- **Long words:** more than 6 letters (hyphens and apostrophes not counted).
- **Sentence ends:** a run of `.`, `!` or `?` (with any closing quotes or brackets after it) that
  directly follows a non-space character and is followed by white space or the end of the block, unless
  the next word starts with a lower-case letter (so «Glemt passord?» inside a sentence, "hvert 30.
  sekund" and a lone "." or "!" in a list of symbols are not ends). Then, if words follow the last such
  end in a block, the end of the block counts as one sentence end: a heading, a list item without a full
  stop, or a lead-in that ends in a colon before a list. A colon inside a block is never an end.
"""
from __future__ import annotations

import argparse
import re
import sys
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT / "tests") not in sys.path:  # the guide's languages, read from mkdocs.yml by one module
    sys.path.append(str(ROOT / "tests"))
from guide_languages import LANGS, prefix  # noqa: E402
# The reader's path, as (label, path under the language's root).
READER_PATH = [("front page", ""), ("password", "passord/"), ("app", "app/"), ("code", "engangskode/"), ("help", "hjelp/")]
OTHER_PAGES = [("checker", "checker/"), ("accessibility", "tilgjengelighet/"), ("one-time codes", "totp-demo/"), ("support", "support/")]
LIX_LIMIT = 30  # plain language on the reader's path (issue 11)

SKIP_TAGS = {"script", "style", "template", "noscript"}
SKIP_CLASSES = {"visually-hidden", "step-link", "step-source", "mockup__screen", "mockup__bar"}
BLOCK_TAGS = {
    "p", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "td", "th", "tr", "table", "caption",
    "figcaption", "figure", "dt", "dd", "dl", "div", "blockquote", "summary", "details", "section",
    "label", "legend", "button", "pre", "br", "fieldset", "form", "output",
}
VOID_TAGS = {"br", "img", "input", "hr", "meta", "link", "source", "wbr", "area", "col", "embed", "track"}

WORD = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*")
END = re.compile(r"(?<=\S)[.!?][.!?»”\")\]]*(?=\s|$)")
LOWER_NEXT = re.compile(r"\s+[a-zæøå]")


class _Blocks(HTMLParser):
    """The visible text blocks of a page's <article>, with optional subtrees left out."""

    def __init__(self, skip_classes: set[str], skip_widgets: bool) -> None:
        super().__init__(convert_charrefs=True)
        self.skip_classes = skip_classes
        self.skip_widgets = skip_widgets
        self.blocks: list[str] = []
        self._current: list[str] = []
        self._stack: list[tuple[str, bool]] = []  # (tag, skipped)
        self._article = 0

    def _skipping(self) -> bool:
        return any(skipped for _, skipped in self._stack)

    def _flush(self) -> None:
        text = re.sub(r"\s+", " ", "".join(self._current)).strip()
        if text:
            self.blocks.append(text)
        self._current = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "article":
            self._article += 1
            return
        if not self._article:
            return
        if tag in BLOCK_TAGS:
            self._flush()
        if tag in VOID_TAGS:
            return
        classes = set((a.get("class") or "").split())
        skipped = (
            tag in SKIP_TAGS
            or "hidden" in a
            or bool(classes & self.skip_classes)
            or (self.skip_widgets and "data-pycheck" in a)
        )
        self._stack.append((tag, skipped))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self._article and tag in BLOCK_TAGS:
            self._flush()

    def handle_endtag(self, tag: str) -> None:
        if tag == "article":
            self._flush()
            self._article = max(0, self._article - 1)
            return
        if not self._article or tag in VOID_TAGS:
            return
        for i in range(len(self._stack) - 1, -1, -1):
            if self._stack[i][0] == tag:
                del self._stack[i:]
                break
        if tag in BLOCK_TAGS:
            self._flush()

    def handle_data(self, data: str) -> None:
        if self._article and not self._skipping():
            self._current.append(data)


def page_blocks(path: Path, skip_classes: set[str] | None = None, skip_widgets: bool = True) -> list[str]:
    """The text blocks of a built page, as counted (by default), whitespace collapsed."""
    parser = _Blocks(SKIP_CLASSES if skip_classes is None else skip_classes, skip_widgets)
    parser.feed(path.read_text(encoding="utf-8"))
    parser.close()
    return parser.blocks


def sentence_ends(block: str) -> int:
    """Sentence ends in one block, counted as the module docstring says."""
    ends = 0
    last = 0
    for match in END.finditer(block):
        if LOWER_NEXT.match(block, match.end()):
            continue
        ends += 1
        last = match.end()
    if WORD.search(block, last):
        ends += 1
    return ends


@dataclass(frozen=True)
class Figure:
    words: int
    sentences: int
    long_words: int

    @property
    def lix(self) -> float:
        if not self.words or not self.sentences:
            return 0.0
        return self.words / self.sentences + 100 * self.long_words / self.words


def measure(blocks: list[str]) -> Figure:
    words = [w for block in blocks for w in WORD.findall(block)]
    long_words = sum(1 for w in words if len(re.sub(r"[-'’]", "", w)) > 6)
    return Figure(len(words), sum(sentence_ends(b) for b in blocks), long_words)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, default=ROOT / "site")
    parser.add_argument("--all", action="store_true", help="every page, not only the reader's path")
    args = parser.parse_args(argv)
    pages = READER_PATH + (OTHER_PAGES if args.all else [])
    print(f"{'page':<16} {'lang':<4} {'words':>6} {'sent.':>6} {'long':>5} {'LIX':>6}")
    highest: dict[str, float] = {}
    for lang in LANGS:
        for label, page in pages:
            path = args.site / prefix(lang) / page / "index.html"
            if not path.is_file():
                print(f"{label:<16} {lang:<4} (missing: {path}; run make site)", file=sys.stderr)
                continue
            fig = measure(page_blocks(path))
            over = f"  > {LIX_LIMIT}" if fig.lix > LIX_LIMIT else ""
            print(f"{label:<16} {lang:<4} {fig.words:>6} {fig.sentences:>6} {fig.long_words:>5} {fig.lix:>6.1f}{over}")
            if (label, page) in READER_PATH:
                highest[lang] = max(highest.get(lang, 0.0), fig.lix)
    print(f"highest LIX on the reader's path (limit {LIX_LIMIT}): "
          + ", ".join(f"{lang} {lix:.1f}" for lang, lix in highest.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
