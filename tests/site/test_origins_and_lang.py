"""Nothing in the built site points to another origin, and each page says its language."""
from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urljoin

import pytest
from guide_languages import LANGS, prefix
from sitehtml import pages, parse

# A value that names another origin: a scheme with an authority (http://…), or protocol-relative //….
OTHER_ORIGIN = re.compile(r"^\s*(?:[a-z][a-z0-9+.\-]*:)?//", re.IGNORECASE)
# Namespace names are identifiers that are never fetched.
NOT_POINTERS = {"xmlns", "xmlns:xlink", "xmlns:svg"}


def _pointing_elsewhere(value: str) -> bool:
    if OTHER_ORIGIN.match(value):
        return True
    # srcset / content lists: any URL inside
    return any(OTHER_ORIGIN.match(part.strip().split(" ")[0]) for part in value.split(",") if "//" in part)


def test_the_checker_recognises_other_origins() -> None:
    assert _pointing_elsewhere("https://fonts.googleapis.com/css")
    assert _pointing_elsewhere("//cdn.example/x.js")
    assert _pointing_elsewhere("a.png 1x, https://cdn.example/b.png 2x")
    assert not _pointing_elsewhere("../en/passord/#opprette-passord-1")
    assert not _pointing_elsewhere("/passord/#opprette-passord-1")


def test_no_html_attribute_points_to_another_origin(site_dir: Path) -> None:
    found = []
    for path in site_dir.rglob("*.html"):
        for tag, attrs in parse(path).elements:
            for name, value in attrs.items():
                if value and name not in NOT_POINTERS and _pointing_elsewhere(value):
                    found.append(f"{path.relative_to(site_dir)}: <{tag} {name}={value!r}>")
    assert not found, "\n".join(found[:30])


def test_no_stylesheet_loads_from_another_origin(site_dir: Path) -> None:
    found = []
    for path in site_dir.rglob("*.css"):
        for url in re.findall(r"(?:url\(|@import\s+)['\"]?([^'\")\s]+)", path.read_text(encoding="utf-8")):
            if OTHER_ORIGIN.match(url):
                found.append(f"{path.relative_to(site_dir)}: {url}")
    assert not found, "\n".join(found)


@pytest.mark.parametrize("lang", LANGS)
def test_html_lang_is_the_pages_language(site_dir: Path, lang: str) -> None:
    checked = 0
    for path in pages(site_dir, lang):
        html = next(attrs for tag, attrs in parse(path).elements if tag == "html")
        assert html.get("lang") == lang, path
        checked += 1
    assert checked >= 9


def test_no_inline_event_handlers_or_style_attributes_in_the_guides_content(site_dir: Path) -> None:
    found = []
    for path in pages(site_dir):
        for tag, attrs in parse(path).elements:
            found += [f"{path.relative_to(site_dir)}: <{tag} {n}>" for n in attrs if n.startswith("on") or n == "style"]
    assert not found, "\n".join(found[:30])


# The switch, written by hand: every language by name, in this order, each linked to its root.
SWITCH = [("nb", "Bokmål", "/"), ("nn", "Nynorsk", "/nn/"), ("en", "English", "/en/")]


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("page", ["", "app/"])
def test_the_language_switch_names_every_language_and_no_flag(site_dir: Path, lang: str, page: str) -> None:
    here = "http://site/" + prefix(lang) + page
    html = (site_dir / prefix(lang) / page / "index.html").read_text(encoding="utf-8")
    links = re.findall(r'<a href="([^"]*)" hreflang="([^"]*)" class="md-select__link">\s*(.*?)\s*</a>', html, re.DOTALL)
    assert [(code, name, urljoin(here, href).removeprefix("http://site")) for href, code, name in links] == SWITCH
    switch = html[html.index('class="md-select"'):html.index("</ul>", html.index('class="md-select"'))]
    assert not re.search(r"<img|<svg|[\U0001F1E6-\U0001F1FF]", switch.split("md-select__inner", 1)[1]), "no flags"


# The "not found" page's heading in each language, written by hand.
NOT_FOUND = {"nb": "Siden finnes ikke", "nn": "Sida finst ikkje", "en": "Page not found"}


@pytest.mark.parametrize("lang", LANGS)
def test_the_not_found_page_speaks_its_language_and_links_to_its_front_page(site_dir: Path, lang: str) -> None:
    """Hosts serve 404.html at any address, so its links are absolute paths from the site's address."""
    html = (site_dir / prefix(lang) / "404.html").read_text(encoding="utf-8")
    assert f"<h1>{NOT_FOUND[lang]}</h1>" in html
    home = re.search(r'<article[^>]*>.*?<p><a href="([^"]*)">', html, re.DOTALL)
    assert home and home.group(1) == "/" + prefix(lang)
