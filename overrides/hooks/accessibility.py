"""What the accessibility tests check, for the statement's `[[a11y:tested]]` marker (see markers.py).

`accessibility_tests.toml` beside this file lists the checks; tests/browser/test_accessibility.py
reads the same file (its axe tags, its browsers) and fails if its test functions and the list differ,
so the statement says what is tested and nothing more.
"""
from __future__ import annotations

import html
import json
import tomllib
from functools import cache
from pathlib import Path
from typing import Any

SCOPE_FILE = Path(__file__).with_name("accessibility_tests.toml")
PACKAGE_JSON = Path(__file__).resolve().parents[2] / "package.json"


@cache
def scope() -> dict[str, Any]:
    """The parsed list: `axe_tags`, `browsers`, `setup` and `checks` (test name → text per language)."""
    return tomllib.loads(SCOPE_FILE.read_text("utf-8"))


def axe_version() -> str:
    """The axe-core version the tests run: the exact pin of package.json."""
    return json.loads(PACKAGE_JSON.read_text("utf-8"))["devDependencies"]["axe-core"]


def _fill(template: str) -> str:
    return template.format(axe_version=axe_version(), browsers=", ".join(scope()["browsers"]))


def tested_html(lang: str) -> str:
    """The checks as a list in `lang`, then how and when the tests run and what they cannot find."""
    checks = scope()["checks"]
    texts = scope()["texts"]
    missing = [name for name, by_lang in checks.items() if lang not in by_lang]
    if missing or lang not in texts["how"] or lang not in texts["limits"]:
        raise ValueError(f"{SCOPE_FILE.name}: no {lang!r} text for {', '.join(missing) or 'texts'}")
    items = "".join(f"<li>{html.escape(_fill(by_lang[lang]))}</li>" for by_lang in checks.values())
    return (
        f'<ul class="a11y-tested">{items}</ul>'
        f"<p>{html.escape(_fill(texts['how'][lang]))}</p>"
        f"<p>{html.escape(_fill(texts['limits'][lang]))}</p>"
    )
