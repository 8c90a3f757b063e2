"""steps.json: its exact shape, the handout's slides in order, and every link landing on its step."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from guide_languages import DEFAULT_LANG, LANGS, prefix
from sitehtml import ids, parse

# The handout's slide titles, in order, exactly as written there.
HANDOUT_SLIDES = [
    "Opprette passord 1",
    "Opprette passord 2",
    "Opprette passord 3",
    "Installere Buypass Code app 1",
    "Installere Buypass Code app 2",
    "Installere Buypass Code app 3",
    "Installere Buypass Code app 4",
    "Bruke Buypass Code appen",
]
# Steps the handout lacks: expired link, refused password, blocked PIN, code not accepted, new phone.
ADDED_STEPS = ["lenke-utlopt", "passord-avvist", "pin-blokkert", "kode-ikke-godtatt", "ny-telefon"]


@pytest.fixture(scope="module")
def steps(site_dir: Path) -> list[dict]:
    return json.loads((site_dir / "steps.json").read_text(encoding="utf-8"))


def test_every_entry_has_exactly_the_specified_fields(steps: list[dict]) -> None:
    assert steps, "steps.json is empty"
    for entry in steps:
        assert set(entry) == {"id", "code", "source", *LANGS}, entry
        assert entry["source"] is None or isinstance(entry["source"], str)
        for lang in LANGS:
            assert set(entry[lang]) == {"title", "url"}, entry
            assert entry[lang]["title"].strip()
            assert entry[lang]["url"].startswith("/"), "urls are root-relative"
            assert entry[lang]["url"].endswith("#" + entry["id"])
        assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", entry["id"]), "ids are plain ASCII"


def test_ids_are_unique(steps: list[dict]) -> None:
    all_ids = [e["id"] for e in steps]
    assert len(all_ids) == len(set(all_ids))


def test_the_handouts_slides_are_steps_in_order(steps: list[dict]) -> None:
    assert [e["source"] for e in steps if e["source"] is not None] == HANDOUT_SLIDES


def test_the_added_help_steps_have_no_source(steps: list[dict]) -> None:
    added = {e["id"]: e["source"] for e in steps if e["id"] in ADDED_STEPS}
    assert added == dict.fromkeys(ADDED_STEPS)


def test_a_page_has_the_same_path_in_every_language(steps: list[dict]) -> None:
    for entry in steps:
        for lang in LANGS:
            assert entry[lang]["url"] == "/" + prefix(lang) + entry[DEFAULT_LANG]["url"].removeprefix("/")


@pytest.mark.parametrize("lang", LANGS)
def test_every_url_resolves_to_an_element_with_that_id(steps: list[dict], site_dir: Path, lang: str) -> None:
    for entry in steps:
        path, _, fragment = entry[lang]["url"].partition("#")
        page = site_dir / path.lstrip("/") / "index.html"
        assert page.is_file(), f"{entry[lang]['url']}: no page {page}"
        assert fragment in ids(page), f"{entry[lang]['url']}: no element with id {fragment!r}"
        heading = next(a for t, a in parse(page).elements if a.get("id") == fragment)
        assert "step" in (heading.get("class") or "").split()


@pytest.mark.parametrize("lang", LANGS)
def test_every_step_has_a_copy_link_control_and_its_address_for_print(steps, site_dir: Path, lang: str) -> None:
    for entry in steps:
        path, _, fragment = entry[lang]["url"].partition("#")
        elements = parse(site_dir / path.lstrip("/") / "index.html").elements
        buttons = [a for t, a in elements if t == "button" and a.get("data-copy-href") == "#" + fragment]
        assert len(buttons) == 1 and buttons[0].get("type") == "button"
        assert any(a.get("data-absolute-href") == "#" + fragment for _, a in elements)
