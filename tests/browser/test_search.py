"""Search works in each language: Norwegian inflections are found, and results are in the page's language."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.browser

RESULT = ".md-search-result__item a"


def _search(page: Page, url: str, query: str):
    """Types `query` and returns the result links. A query typed before the search index is ready is
    ignored by Material (the placeholder stays), so it is typed again until the search answers."""
    page.goto(url)
    box = page.locator(".md-search__input")
    box.click()
    meta = page.locator(".md-search-result__meta")
    placeholder = meta.inner_text()
    for _ in range(20):
        box.fill("")
        box.press_sequentially(query)
        try:
            expect(meta).not_to_have_text(placeholder, timeout=2_000)
            break
        except AssertionError:
            continue
    results = page.locator(RESULT)
    expect(results.first).to_be_visible()
    return results


def test_norwegian_search_finds_an_inflected_word(page: Page, site_url: str, site_dir: Path) -> None:
    # "mobilene" (the phones) is nowhere in the text; "mobilen" (the phone) is: only stemming finds it.
    index = json.loads((site_dir / "search" / "search_index.json").read_text(encoding="utf-8"))
    text = " ".join(d["title"] + " " + d["text"] for d in index["docs"]).lower()
    assert not re.search(r"\bmobilene\b", text) and re.search(r"\bmobilen\b", text)
    assert index["config"]["lang"] == ["no"]

    results = _search(page, site_url, "mobilene")
    hrefs = [results.nth(i).get_attribute("href") or "" for i in range(results.count())]
    assert hrefs and not any("/en/" in h for h in hrefs), hrefs


def test_english_search_stays_in_english(page: Page, site_url: str) -> None:
    results = _search(page, site_url + "en/", "notifications")
    hrefs = [results.nth(i).get_attribute("href") or "" for i in range(results.count())]
    assert hrefs and all("/en/" in h for h in hrefs), hrefs
