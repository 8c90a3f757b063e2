"""Search works in each language: Bokmål and Nynorsk inflections are found, and results are in the page's
language."""
from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from browserkit import at, lang_of
from browserkit import search as _search
from guide_languages import LANGS, prefix
from playwright.sync_api import Page

pytestmark = pytest.mark.browser

# Nynorsk inflections the issue names, each with the other forms of its word (the glossary's): searching
# one form finds a section that has only other forms.
PASSORD = ("passord", "passordet", "passorda")
KODE = ("kode", "koden", "kodar", "kodane")
NYNORSK = [(form, tuple(other for other in word if other != form))
           for form, word in (("passordet", PASSORD), ("passorda", PASSORD), ("koden", KODE), ("kodane", KODE))]


def _index(site_dir: Path, lang: str) -> dict:
    return json.loads((site_dir / prefix(lang) / "search" / "search_index.json").read_text(encoding="utf-8"))


def _locations(results, site_url: str, lang: str) -> list[str]:
    """The results' addresses relative to `lang`'s root, as the search index names them (without the
    highlight query Material adds); each must be a page of `lang`."""
    hrefs = [results.nth(i).get_attribute("href") or "" for i in range(results.count())]
    assert hrefs and all(href.startswith(site_url) for href in hrefs), hrefs
    root = urlsplit(site_url).path
    relative = [urlsplit(href).path.removeprefix(root) + (f"#{urlsplit(href).fragment}" if "#" in href else "")
                for href in hrefs]
    assert [path for path in relative if lang_of(path) != lang] == [], hrefs
    return [path.removeprefix(prefix(lang)) for path in relative]


def test_norwegian_search_finds_an_inflected_word(page: Page, site_url: str, site_dir: Path) -> None:
    # "mobilene" (the phones) is nowhere in the text; "mobilen" (the phone) is: only stemming finds it.
    index = _index(site_dir, "nb")
    text = " ".join(d["title"] + " " + d["text"] for d in index["docs"]).lower()
    assert not re.search(r"\bmobilene\b", text) and re.search(r"\bmobilen\b", text)
    assert index["config"]["lang"] == ["no"]

    _locations(_search(page, site_url + at("nb"), "mobilene"), site_url, "nb")


def test_english_search_stays_in_english(page: Page, site_url: str) -> None:
    _locations(_search(page, site_url + at("en"), "notifications"), site_url, "en")


@pytest.mark.parametrize(("query", "others"), NYNORSK)
def test_nynorsk_search_finds_other_inflections(page: Page, site_url: str, site_dir: Path, query: str,
                                                others: tuple[str, ...]) -> None:
    assert "nn" in LANGS
    index = _index(site_dir, "nn")
    assert index["config"]["lang"] == ["no"]

    def text(doc: dict) -> str:
        return (doc["title"] + " " + doc["text"]).lower()

    # Material searches each term as a prefix ("koden*"): a section none of whose words starts with the
    # query is found only through the stemmer. (A page's own entry heads its sections' results, found
    # or not: only sections count.)
    only_others = {doc["location"] for doc in index["docs"] if "#" in doc["location"]
                   and not re.search(rf"(?<!\w){query}", text(doc))
                   and any(re.search(rf"(?<!\w){other}(?!\w)", text(doc)) for other in others)}
    assert only_others, f"no section of the Nynorsk pages has {others} without «{query}»: choose other words"

    found = _locations(_search(page, site_url + at("nn"), query), site_url, "nn")
    assert only_others & set(found), (query, found)
