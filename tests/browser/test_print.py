"""The print handout on paper and the steps' short addresses in Chromium.

The guide is built once more for this module, as for publishing at `PUBLISHED` (a sub-path of another
host, never the local default of site/), so that every QR code can be checked against SITE_URL +
the step's URL: a code that kept pointing at the local address would fail here. Each language's
handout is printed to PDF once per session (Playwright's `page.pdf`, with the page's own CSS page size)
and reused: `pdfinfo` counts the pages and reads their size, `pdftotext -raw` gives the text in the
order it is drawn, `pdftoppm` renders the pages and `zbarimg` reads every QR code back (Debian's
poppler-utils and zbar-tools, installed by tools/ensure-system-packages). The short addresses are
opened on the site as built by `make site`.
"""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
from browserkit import search
from guide_languages import CONFIGS, LANGS, prefix
from playwright.sync_api import expect
from static_server import serving
from stepkit import HANDOUT, short_path, steps_json

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
PUBLISHED = "https://veiledning.example.no/imdinett/"
MAX_PAGES = 6
A4_POINTS = (595, 842)  # 210 × 297 mm
TOOLS = ("pdfinfo", "pdftotext", "pdftoppm", "zbarimg")


def run(*command: str) -> str:
    return subprocess.run(command, check=True, capture_output=True, text=True).stdout


@pytest.fixture(scope="session")
def published_site(tmp_path_factory) -> Path:
    """Every language built again with SITE_URL=PUBLISHED (no runtime: the handout needs none)."""
    site = tmp_path_factory.mktemp("published") / "site"
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SITE_URL": PUBLISHED}
    for lang in LANGS:
        result = subprocess.run(
            [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "-f", CONFIGS[lang], "-d", str(site / prefix(lang))],
            cwd=ROOT, env=env, capture_output=True, text=True)
        assert result.returncode == 0, result.stdout + result.stderr
        assert "SITE_URL is not set" not in result.stderr
    return site


@pytest.fixture(scope="session")
def handouts(browser, published_site: Path, tmp_path_factory) -> dict[str, Path]:
    """Each language's handout printed to PDF, once for the whole session."""
    missing = [tool for tool in TOOLS if shutil.which(tool) is None]
    if missing:
        pytest.fail(f"{', '.join(missing)} missing: install poppler-utils and zbar-tools (tools/ensure-system-packages)")
    out = tmp_path_factory.mktemp("handouts")
    pdfs = {}
    with serving(published_site) as url:
        context = browser.new_context(base_url=url)
        try:
            page = context.new_page()
            for lang in LANGS:
                page.goto(prefix(lang) + HANDOUT)
                page.wait_for_load_state("networkidle")
                pdfs[lang] = out / f"{lang}.pdf"
                # No paper size is given here: the page's own `@page { size: A4 }` must set it.
                page.pdf(path=str(pdfs[lang]), prefer_css_page_size=True, print_background=True)
        finally:
            context.close()
    return pdfs


@pytest.fixture(scope="module")
def entries(site_dir: Path) -> list[dict]:
    return steps_json(site_dir)


def page_count(pdf: Path) -> int:
    return int(re.search(r"^Pages:\s+(\d+)", run("pdfinfo", str(pdf)), re.MULTILINE).group(1))


@pytest.mark.parametrize("lang", LANGS)
def test_the_handout_prints_on_at_most_six_a4_pages(handouts: dict[str, Path], lang: str) -> None:
    info = run("pdfinfo", str(handouts[lang]))
    width, height = (float(n) for n in re.search(r"^Page size:\s+([\d.]+) x ([\d.]+) pts", info, re.MULTILINE).groups())
    assert (round(width), round(height)) == A4_POINTS, info
    assert 1 <= page_count(handouts[lang]) <= MAX_PAGES


def printed_text(pdf: Path, page: int | None = None) -> str:
    """The text in the order it is drawn (the page's order, column after column), without whitespace:
    a title or an address may wrap anywhere."""
    pages = ["-f", str(page), "-l", str(page)] if page else []
    return squeezed(run("pdftotext", "-raw", *pages, str(pdf), "-"))


def squeezed(text: str) -> str:
    return re.sub(r"\s+", "", text)


@pytest.mark.parametrize("lang", LANGS)
def test_every_step_is_printed_in_order_with_its_code_and_short_address(handouts, entries, lang: str) -> None:
    text = printed_text(handouts[lang])
    position = 0
    for entry in entries:
        for part in (entry[lang]["title"], entry["code"], PUBLISHED + short_path(lang, entry["code"].lower())):
            found = text.find(squeezed(part), position)
            assert found >= 0, f"{part!r} ({entry['id']}) is missing or out of order in the printed {lang} handout"
            position = found + len(squeezed(part))
    for screen_only in ("Kopier lenke", "Copy link", "Lenke til dette steget", "Link to this step", "Skriv ut", "Print"):
        assert squeezed(screen_only) not in text


@pytest.mark.parametrize("lang", LANGS)
def test_every_qr_code_reads_back_as_its_steps_published_address(handouts, entries, lang: str, tmp_path: Path) -> None:
    pdf = handouts[lang]
    decoded: list[str] = []
    for number in range(1, page_count(pdf) + 1):
        image = tmp_path / f"page-{number}"
        run("pdftoppm", "-r", "200", "-png", "-singlefile", "-f", str(number), "-l", str(number), str(pdf), str(image))
        result = subprocess.run(["zbarimg", "--quiet", "--raw", "-Sdisable", "-Sqrcode.enable", f"{image}.png"],
                                capture_output=True, text=True)
        assert result.returncode in (0, 4), result.stderr  # 4: no code on this page
        on_page = result.stdout.split()
        decoded += on_page
        # each code is printed on the page of its step, beside its short address
        text = printed_text(pdf, number)
        by_url = {PUBLISHED + e[lang]["url"].lstrip("/"): e for e in entries}
        for url in on_page:
            assert url in by_url, url
            assert PUBLISHED + short_path(lang, by_url[url]["code"].lower()) in text, (number, url)
    expected = [PUBLISHED + entry[lang]["url"].lstrip("/") for entry in entries]
    assert Counter(decoded) == Counter(expected)


@pytest.mark.parametrize("lang", LANGS)
def test_the_print_button_prints_and_is_not_printed(browser, site_url: str, lang: str) -> None:
    context = browser.new_context(base_url=site_url)
    context.add_init_script("window.print = () => { window.__printed = (window.__printed || 0) + 1; };")
    try:
        page = context.new_page()
        page.goto(prefix(lang) + HANDOUT)
        button = page.locator("button[data-print]")
        expect(button).to_be_visible()
        button.click()
        assert page.evaluate("window.__printed") == 1
        page.emulate_media(media="print")
        expect(button).to_be_hidden()
    finally:
        context.close()


def landing_cases(entries: list[dict]) -> list[tuple[str, dict, str]]:
    """In every language, the first, a middle and the last step, each in lower and in upper case."""
    picked = [entries[0], entries[len(entries) // 2], entries[-1]]
    return [(lang, entry, code) for lang in LANGS for entry in picked for code in (entry["code"].lower(), entry["code"])]


def test_a_short_address_lands_on_its_step_in_either_case(browser, site_url: str, site_dir: Path) -> None:
    entries = steps_json(site_dir)
    context = browser.new_context(base_url=site_url)
    try:
        page = context.new_page()
        for lang, entry, code in landing_cases(entries):
            page.goto(short_path(lang, code))
            page.wait_for_url(site_url + entry[lang]["url"].lstrip("/"))
            heading = page.locator(f"h2#{entry['id']}")
            expect(heading).to_be_in_viewport()
            expect(heading).to_contain_text(entry[lang]["title"])
            expect(heading.locator(".step-code")).to_contain_text(entry["code"])
            assert page.evaluate("document.documentElement.lang") == lang
    finally:
        context.close()


@pytest.mark.parametrize("lang", LANGS)
def test_searching_for_a_code_finds_its_step(page, site_url: str, entries: list[dict], lang: str) -> None:
    """A caller told «P7» types it, in whatever case, into the site's search: the first section found is
    the step (Material lists the page first, then its sections)."""
    for entry in (entries[1], entries[-2]):
        results = search(page, site_url + prefix(lang), entry["code"].lower())
        # the results of the first typed letter may show before those of the whole code (?h=<query>)
        expect(page.locator(f'.md-search-result__item a[href$="?h={entry["code"].lower()}#{entry["id"]}"]')).to_be_visible()
        hrefs = results.evaluate_all("links => links.map((link) => link.href)")
        sections = [i for i, href in enumerate(hrefs) if "#" in href]
        assert sections and hrefs[sections[0]].endswith("#" + entry["id"]), hrefs
        assert hrefs[sections[0]].split("?")[0] == site_url + entry[lang]["url"].lstrip("/").split("#")[0]
        expect(results.nth(sections[0])).to_contain_text(entry[lang]["title"])
