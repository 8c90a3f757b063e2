"""The built guide's pages as text, for the content tests, and the texts of the two files of words
that others keep (pycheck/messages.toml, overrides/hooks/widget_texts.toml)."""
from __future__ import annotations

import tomllib
from pathlib import Path

from readability import page_blocks  # tools/ is on pytest's pythonpath (pyproject.toml)

ROOT = Path(__file__).resolve().parents[2]
LANG_PREFIX = {"nb": "", "en": "en/"}
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
