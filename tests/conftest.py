"""Shared fixtures: the built site served on 127.0.0.1, and Debian's headless Chromium via Playwright.

Browser tests never download a browser: they drive /usr/bin/chromium (Debian's `chromium` package).
"""
from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tools"))
from static_server import serving  # noqa: E402 - tools/ is not a package

if TYPE_CHECKING:
    from playwright.sync_api import Browser

ROOT = Path(__file__).resolve().parent.parent
SITE = ROOT / "site"
CHROMIUM = os.environ.get("PYCHECK_CHROMIUM", "/usr/bin/chromium")
# Keep Chromium from calling out (this machine has no network, and our users' privacy forbids it).
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-default-apps",
    "--disable-extensions",
]


@pytest.fixture(scope="session")
def site_dir() -> Path:
    """The site built by `make site` (make test builds it first)."""
    if not (SITE / "index.html").is_file() or not (SITE / "en" / "index.html").is_file():
        pytest.fail("site/ is not built: run `make site` (make test does it for you)")
    return SITE


@pytest.fixture(scope="session")
def site_url(site_dir: Path) -> Iterator[str]:
    """Serves site/ on a free port of 127.0.0.1 and yields its base URL, ending in '/'."""
    with serving(site_dir) as url:
        yield url


@contextmanager
def chromium() -> Iterator[Browser]:
    """Debian's headless Chromium driven by Playwright (executable_path: never a browser download)."""
    if not Path(CHROMIUM).is_file():
        raise FileNotFoundError(f"{CHROMIUM} is missing: install Debian's chromium package (make test does it as root)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        launched = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        try:
            yield launched
        finally:
            launched.close()


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    """One headless Chromium for the whole session."""
    try:
        with chromium() as launched:
            yield launched
    except FileNotFoundError as missing:
        pytest.fail(str(missing))


@pytest.fixture
def page(browser, site_url: str):
    """A fresh browser context and page; anything the page logs as an error fails no test by itself."""
    context = browser.new_context(base_url=site_url)
    pg = context.new_page()
    try:
        yield pg
    finally:
        context.close()
