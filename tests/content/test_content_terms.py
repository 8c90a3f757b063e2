"""The term list (tests/content/terms.toml) holds: each idea's chosen word is used in the built pages
of each language, and the words it replaces appear neither there nor in the texts of
pycheck/messages.toml and overrides/hooks/widget_texts.toml."""
from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest
from contentpages import PAGES, TEXT_FILES, file_texts, page_text

TERMS = tomllib.loads((Path(__file__).with_name("terms.toml")).read_text(encoding="utf-8"))["term"]
LANGS = ["nb", "en"]
ROWS = [(term, lang) for term in TERMS for lang in LANGS]
IDS = [f"{lang}:{term[lang]['use']}" for term, lang in ROWS]


def _strip_allowed(text: str, term: dict, lang: str) -> str:
    for name in term[lang].get("allow", []):
        text = text.replace(name, " ")
    return text


def _avoided(text: str, term: dict, lang: str) -> list[str]:
    text = _strip_allowed(text, term, lang)
    return [m.group(0) for pattern in term[lang]["avoid"] for m in re.finditer(pattern, text)]


@pytest.fixture(scope="module")
def site_texts(site_dir: Path) -> dict[str, dict[str, str]]:
    return {lang: {page: page_text(site_dir, lang, page) for page in PAGES} for lang in LANGS}


def test_the_term_list_is_well_formed() -> None:
    for term in TERMS:
        for lang in LANGS:
            assert term[lang]["use"], term
            for pattern in term[lang]["avoid"]:
                re.compile(pattern)
                assert not re.search(pattern, term[lang]["use"]), f"{pattern!r} forbids the chosen word itself"


@pytest.mark.parametrize(("term", "lang"), ROWS, ids=IDS)
def test_the_chosen_word_is_used(site_texts, term: dict, lang: str) -> None:
    assert any(term[lang]["use"] in text for text in site_texts[lang].values()), term["idea"]


@pytest.mark.parametrize(("term", "lang"), ROWS, ids=IDS)
def test_the_replaced_words_are_not_on_the_pages(site_texts, term: dict, lang: str) -> None:
    found = {page or "index": hits for page, text in site_texts[lang].items() if (hits := _avoided(text, term, lang))}
    assert not found, f"{term['idea']}: use {term[lang]['use']!r}, found {found}"


def _file_problems(path: Path) -> list[str]:
    return [
        f"{path.name} [{key}] {lang}: {hits} (use {term[lang]['use']!r})"
        for term in TERMS
        for lang in LANGS
        for key, text in file_texts(path, lang)
        if (hits := _avoided(text, term, lang))
    ]


@pytest.mark.parametrize("path", TEXT_FILES, ids=lambda path: path.name)
def test_the_replaced_words_are_not_in_the_text_files(path: Path) -> None:
    problems = _file_problems(path)
    assert not problems, "\n".join(problems)
