"""The built site's step codes, short addresses, print handout and support table, read from the files
(the printed handout and the addresses in a browser: tests/browser/test_print.py)."""
from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path
from urllib.parse import urljoin

import pytest
from guide_languages import LANGS, prefix
from sitehtml import parse
from stepkit import CODE, HANDOUT, published_root, short_path, steps_json

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def entries(site_dir: Path) -> list[dict]:
    return steps_json(site_dir)


def test_every_code_is_unique_and_from_the_alphabet(entries: list[dict]) -> None:
    codes = [entry["code"] for entry in entries]
    assert all(isinstance(code, str) and CODE.fullmatch(code) for code in codes), codes
    assert len(set(codes)) == len(codes) == len(entries)


def test_the_alphabet_leaves_out_what_sounds_or_looks_alike() -> None:
    for code in ("P2", "A3", "K4", "S29", "XYZ"):
        assert CODE.fullmatch(code)
    for code in ("P0", "PO", "P1", "PI", "PL", "O2", "I2", "L2", "p2", "2P", "P", "P2345"):
        assert not CODE.fullmatch(code), code


@pytest.mark.parametrize("lang", LANGS)
def test_every_step_heading_shows_its_code_in_every_language(entries: list[dict], site_dir: Path, lang: str) -> None:
    for entry in entries:
        path, _, fragment = entry[lang]["url"].partition("#")
        html = (site_dir / path.lstrip("/") / "index.html").read_text("utf-8")
        heading = re.search(rf'<h2 [^>]*\bid="{fragment}"[^>]*>(.*?)</h2>', html, re.DOTALL)
        assert heading and f'data-code="{entry["code"]}"' in heading.group(0), entry[lang]["url"]
        assert re.search(rf'<span class="step-code">.*?{entry["code"]}</span>$', heading.group(1)), heading.group(0)


@pytest.mark.parametrize("lang", LANGS)
def test_the_search_index_finds_each_code_in_its_steps_title(entries: list[dict], site_dir: Path, lang: str) -> None:
    docs = json.loads((site_dir / prefix(lang) / "search" / "search_index.json").read_text("utf-8"))["docs"]
    titles = {doc["location"]: doc["title"] for doc in docs}
    for entry in entries:
        location = entry[lang]["url"].removeprefix("/" + prefix(lang))
        assert titles[location].split()[-1] == entry["code"], (location, titles[location])
    assert not [doc for doc in docs if doc["location"].startswith(HANDOUT)], "the handout repeats every step: not in search"


@pytest.mark.parametrize("lang", LANGS)
def test_each_short_address_sends_the_reader_to_its_step_in_either_case(entries: list[dict], site_dir: Path, lang: str) -> None:
    for entry in entries:
        pages = [site_dir / short_path(lang, code) / "index.html" for code in (entry["code"].lower(), entry["code"])]
        lower, upper = (page.read_text("utf-8") for page in pages)
        assert lower == upper
        page_url = "http://site/" + short_path(lang, entry["code"].lower())
        refresh = re.search(r'<meta http-equiv="refresh" content="0; url=([^"]+)">', lower)
        assert refresh and urljoin(page_url, refresh.group(1)) == "http://site" + entry[lang]["url"]
        elements = parse(pages[0]).elements
        assert ("html", {"lang": lang}) in elements
        assert ("meta", {"name": "robots", "content": "noindex"}) in elements
        links = [attrs["href"] for tag, attrs in elements if tag == "a"]
        assert links == [refresh.group(1)], "a visible link to the step, for when the refresh does not happen"
        assert entry[lang]["title"] in lower
        assert "<script" not in lower
        assert re.match(r'<!doctype html>\s*<html lang="\w+">\s*<head><meta http-equiv="Content-Security-Policy" ', lower)


@pytest.mark.parametrize("lang", LANGS)
def test_the_handout_has_every_step_in_order_with_its_code_and_qr_code(entries: list[dict], site_dir: Path, lang: str) -> None:
    html = (site_dir / prefix(lang) / HANDOUT / "index.html").read_text("utf-8")
    root = published_root(site_dir)
    sections = re.findall(r'<section class="handout__step" aria-labelledby="([^"]+)">(.*?)</section>', html, re.DOTALL)
    assert [step_id for step_id, _ in sections] == [entry["id"] for entry in entries]
    for (step_id, section), entry in zip(sections, entries):
        assert f'data-code="{entry["code"]}"' in section
        assert re.findall(r'<svg role="img" aria-label="[^"]*? (\S+)"', section) == [root + entry[lang]["url"].lstrip("/")]
        assert f'<p class="handout__address">{root}{short_path(lang, entry["code"].lower())}</p>' in section
        assert entry[lang]["title"] in section
    # nothing that only works on a screen: no widget, no step link or copy button
    for left_out in ("data-pycheck", 'class="step-link"', "data-copy-href", "step-source"):
        assert left_out not in html.split('class="handout"', 1)[1], left_out
    assert re.search(r'<button type="button" class="md-button md-button--primary" data-print hidden>', html)


@pytest.mark.parametrize("lang", LANGS)
def test_the_support_table_lists_every_step_with_its_code_short_address_and_qr_code(entries: list[dict], site_dir: Path, lang: str) -> None:
    html = (site_dir / prefix(lang) / "support" / "index.html").read_text("utf-8")
    table = re.search(r'<table class="support-table" data-role="steps">.*?</table>', html, re.DOTALL).group(0)
    rows = re.findall(r"<tr><th scope=\"row\">(.*?)</th>(.*?)</tr>", table, re.DOTALL)
    assert [title for title, _ in rows] == [entry[lang]["title"] for entry in entries]
    root = published_root(site_dir)
    for (_, cells), entry in zip(rows, entries):
        assert f'<strong class="step-code">{entry["code"]}</strong>' in cells
        assert f'>/{short_path(lang, entry["code"].lower())}</a>' in cells
        assert [u for other in LANGS for u in [entry[other]["url"]] if f">{u}</span>" in cells] == [entry[o]["url"] for o in LANGS]
        assert cells.count("data-copy-href") == len(LANGS)
        assert re.findall(r'<svg role="img" aria-label="[^"]*? (\S+)"', cells) == [root + entry[lang]["url"].lstrip("/")]


def test_a_build_without_site_url_says_where_the_qr_codes_point(tmp_path: Path) -> None:
    env = {key: value for key, value in os.environ.items() if key != "SITE_URL"} | {"NO_MKDOCS_2_WARNING": "1"}
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "-f", "mkdocs.yml",
                             "-d", str(tmp_path / "site")], cwd=ROOT, env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert "SITE_URL is not set, so the QR codes of the handout and the support page point at http://127.0.0.1:8000/" in result.stderr
