"""Shared fixtures: the built site served on 127.0.0.1, and Debian's headless Chromium via Playwright.

Browser tests never download a browser: they drive /usr/bin/chromium (Debian's `chromium` package).
"""
from __future__ import annotations

import functools
import http.server
import os
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

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


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    extensions_map = {
        **http.server.SimpleHTTPRequestHandler.extensions_map,
        ".wasm": "application/wasm",
        ".mjs": "text/javascript",
        ".js": "text/javascript",
        ".json": "application/json",
        ".whl": "application/zip",
        ".zip": "application/zip",
    }

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - stdlib signature
        pass


@pytest.fixture(scope="session")
def site_dir() -> Path:
    """The site built by `make site` (make test builds it first)."""
    if not (SITE / "index.html").is_file() or not (SITE / "en" / "index.html").is_file():
        pytest.fail("site/ is not built: run `make site` (make test does it for you)")
    return SITE


@pytest.fixture(scope="session")
def site_url(site_dir: Path) -> Iterator[str]:
    """Serves site/ on a free port of 127.0.0.1 and yields its base URL, ending in '/'."""
    handler = functools.partial(_QuietHandler, directory=str(site_dir))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="session")
def browser():
    """One headless Chromium for the session (Playwright, executable_path, no browser download)."""
    if not Path(CHROMIUM).is_file():
        pytest.fail(f"{CHROMIUM} is missing: install Debian's chromium package (make test does it as root)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        try:
            yield chromium
        finally:
            chromium.close()


@pytest.fixture
def page(browser, site_url: str):
    """A fresh browser context and page; anything the page logs as an error fails no test by itself."""
    context = browser.new_context(base_url=site_url)
    pg = context.new_page()
    try:
        yield pg
    finally:
        context.close()
