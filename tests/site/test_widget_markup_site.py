"""The built site: every widget marker became its widget in the page's language, and every page
knows where the self-hosted runtime is, relative to itself."""
from __future__ import annotations

import re
from pathlib import Path

import deploy
import pytest
from guide_languages import LANGS, prefix
from sitehtml import SHORT_ADDRESSES

ROOT = Path(__file__).resolve().parents[2]
MARKER = re.compile(r"^\s*\[\[pycheck:(password|totp|app|login)\]\]\s*$", re.MULTILINE)
RUNTIME_META = re.compile(r'<meta name="pycheck-runtime" content="([^"]+)">')


def built_page(site_dir: Path, lang: str, source: Path) -> Path:
    base = site_dir / prefix(lang)
    return base / "index.html" if source.stem == "index" else base / source.stem / "index.html"


def marked_sources() -> list[tuple[str, Path, list[str]]]:
    found = []
    for lang in LANGS:
        for source in sorted((ROOT / "docs" / lang).glob("*.md")):
            kinds = MARKER.findall(source.read_text("utf-8"))
            if kinds:
                found.append((lang, source, kinds))
    return found


def test_the_guide_has_both_widgets_in_every_language():
    kinds = {(lang, kind) for lang, _, found in marked_sources() for kind in found}
    assert kinds >= {(lang, kind) for lang in LANGS for kind in ("password", "totp", "app", "login")}


@pytest.mark.parametrize(("lang", "source", "kinds"), marked_sources(), ids=lambda v: getattr(v, "name", None))
def test_every_marker_became_its_widget_in_the_page_language(site_dir, lang, source, kinds):
    html = built_page(site_dir, lang, source).read_text("utf-8")
    assert f'<html lang="{lang}"' in html
    assert "[[pycheck:" not in re.sub(r"<code>.*?</code>", "", html, flags=re.DOTALL)
    assert re.findall(r'data-pycheck="(\w+)"', html) == kinds
    assert set(re.findall(r'data-pycheck="\w+" data-state="idle" data-lang="(\w+)"', html)) == {lang}


def test_every_page_finds_the_runtime_and_loads_the_widget_script(site_dir):
    pages = [p for p in site_dir.rglob("index.html") if "pyodide" not in p.relative_to(site_dir).parts
             and not p.relative_to(site_dir).as_posix().startswith(SHORT_ADDRESSES)]
    assert len(pages) > 2
    for page in pages:
        html = page.read_text("utf-8")
        runtime = RUNTIME_META.findall(html)
        assert len(runtime) == 1, page
        directory = (page.parent / runtime[0]).resolve()
        assert directory == (site_dir / "pyodide").resolve(), page
        # The worker finds the files in the versioned folder integrity.mjs names (tools/deploy.py).
        folder = directory / deploy.runtime_folder(site_dir).name
        assert (folder / "pyodide.mjs").is_file() and (folder / "pyodide-lock.json").is_file(), page
        script = re.search(r'<script src="([^"]*assets/javascripts/pycheck/widgets\.js)" type="module">', html)
        assert script, page
        assert (page.parent / script.group(1)).resolve().is_file(), page
