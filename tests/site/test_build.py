"""Every language builds with `mkdocs build --strict` and link/anchor validation as warnings (= errors)."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from guide_languages import CONFIGS, LANGS, prefix
from mkdocs.config import load_config

ROOT = Path(__file__).resolve().parents[2]
# Lunr's search language per page language, written by hand: Norwegian has one stemmer for both norms.
SEARCH_LANG = {"nb": ["no"], "nn": ["no"], "en": ["en"]}


@pytest.mark.parametrize("lang", CONFIGS)
def test_config_is_strict_with_link_and_anchor_validation(lang: str) -> None:
    config = load_config(str(ROOT / CONFIGS[lang]))
    assert config.strict
    assert config.theme["language"] == lang
    assert config.theme["font"] is False, "no fonts from another origin"
    assert "navigation.instant" in config.theme["features"]
    assert "navigation.tracking" in config.theme["features"]
    assert config.extra["generator"] is False
    search = config.plugins["material/search"].config
    assert search.lang == SEARCH_LANG[lang]
    links = config.validation.links
    for name in ("not_found", "anchors", "absolute_links", "unrecognized_links"):
        assert getattr(links, name) >= 30, f"validation.links.{name} must be at least a warning"  # logging.WARNING


def test_every_language_builds_strictly(tmp_path: Path) -> None:
    site = tmp_path / "site"
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    for lang in LANGS:
        out = site / prefix(lang)
        result = subprocess.run(
            [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", CONFIGS[lang], "-d", str(out)],
            cwd=ROOT, env=env, capture_output=True, text=True,
        )
        assert result.returncode == 0, result.stdout + result.stderr
        assert "WARNING" not in result.stderr, result.stderr
    assert all((site / prefix(lang) / "index.html").is_file() for lang in LANGS)
    steps = json.loads((site / "steps.json").read_text(encoding="utf-8"))
    assert len(steps) >= 13


def test_a_misspelt_marker_fails_the_build_naming_page_and_marker(tmp_path: Path) -> None:
    """The marker hook is wired into the real build: a typo stops it instead of printing `[[…]]`."""
    shutil.copytree(ROOT / "docs", tmp_path / "docs")
    shutil.copy(ROOT / "mkdocs.yml", tmp_path)
    (tmp_path / "overrides").symlink_to(ROOT / "overrides")
    page = tmp_path / "docs" / "nb" / "checker.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nMinst [[pycheck:min_lenght]] tegn.\n", encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", "mkdocs.yml", "-d", str(tmp_path / "site")],
        cwd=tmp_path, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"}, capture_output=True, text=True,
    )
    assert result.returncode != 0
    assert "checker.md: unknown marker [[pycheck:min_lenght]]" in result.stdout + result.stderr
