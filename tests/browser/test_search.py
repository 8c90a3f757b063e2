"""Search works in each language: Norwegian inflections are found, and results are in the page's language."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from browserkit import search as _search
from playwright.sync_api import Page

pytestmark = pytest.mark.browser

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
