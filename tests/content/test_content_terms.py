"""The term list (tests/content/terms.toml) holds: each idea's chosen word is used in the built pages
of each language it is about, and the words it replaces appear neither there nor in the texts of
pycheck/messages.toml and overrides/hooks/widget_texts.toml. On the pages, elements marked as another
language (a Bokmål screen redrawn on a Nynorsk page) are left out: they are not that language's words."""
from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest
from contentpages import LANGS, PAGES, TEXT_FILES, file_texts, own_language_text

TERMS = tomllib.loads((Path(__file__).with_name("terms.toml")).read_text(encoding="utf-8"))["term"]


def term_langs(term: dict) -> tuple[str, ...]:
    """The languages a term is about: every language of the guide unless it names some in `only`."""
    return tuple(term.get("only", LANGS))


ROWS = [(term, lang) for term in TERMS for lang in term_langs(term)]
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
    return {lang: {page: own_language_text(site_dir, lang, page) for page in PAGES} for lang in LANGS}


def test_the_term_list_is_well_formed() -> None:
    for term in TERMS:
        assert set(term_langs(term)) <= set(LANGS) and term_langs(term), term
        assert {key for key in term if key in LANGS} == set(term_langs(term)), f"{term['idea']}: a language missing"
        for lang in term_langs(term):
            assert term[lang]["use"], term
            assert set(term[lang]) <= {"use", "avoid", "allow"}, term
            for pattern in term[lang]["avoid"]:
                re.compile(pattern)
                assert not re.search(pattern, term[lang]["use"]), f"{pattern!r} forbids the chosen word itself"


def test_the_avoided_words_are_found_where_they_stand() -> None:
    """The patterns catch what they are written for, and the allowed labels are left alone (a few
    hand-written sentences, so that a pattern that can never match is seen)."""
    by_use = {term["nn"]["use"]: term for term in TERMS if "nn" in term}
    cases = [
        ("eingongskode", "Skriv engangskoden.", ["engangs"]),
        ("eingongskode", "Skriv eingangskoden.", ["eingangs"]),
        ("eingongskode", "Vel «Lag engangskode».", []),
        ("ikkje", "Det verkar ikke.", ["ikke"]),
        ("teikn", "Minst 16 tegn og eitt spesialtegn.", ["tegn", "tegn"]),
        ("lenke", "Lenkja verkar ikkje. Opne lenken.", ["Lenkj", "lenken"]),
        ("push-varslingar", "Slå på push-varslinger, ikkje push-varslar.", ["push-varslinger", "push-varslar"]),
        ("push-varslingar", "Vel «Tillat push-varslinger».", []),
        ("brukarnamn", "Skriv brukernavnet. Sjå «Brukerveiledning for ny IMDinett-bruker».", ["bruker"]),
        ("kva", "Hva gjer du? Hvordan?", ["Hva", "Hvordan"]),
        ("tasteval 1", "Ring 400 01 960, tastevalg 1.", ["tastevalg"]),
        ("valfritt", "Det er valgfritt. Appen seier «valgfritt».", ["valgfri"]),
    ]
    for use, text, expected in cases:
        assert _avoided(text, by_use[use], "nn") == expected, (use, text)


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
        for term, lang in ROWS
        for key, text in file_texts(path, lang)
        if (hits := _avoided(text, term, lang))
    ]


@pytest.mark.parametrize("path", TEXT_FILES, ids=lambda path: path.name)
def test_the_replaced_words_are_not_in_the_text_files(path: Path) -> None:
    problems = _file_problems(path)
    assert not problems, "\n".join(problems)
