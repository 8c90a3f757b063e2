"""Shared fixtures: the built site served on 127.0.0.1 (by the test server, and by Debian's nginx with
the generated configuration), and Debian's headless Chromium via Playwright (launched by
browserkit.chromium(), which never downloads a browser)."""
from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from browserkit import chromium
from guide_languages import LANGS, prefix
from nginxkit import NginxError, nginx
from static_server import serving

if TYPE_CHECKING:
    from playwright.sync_api import Browser

ROOT = Path(__file__).resolve().parent.parent
SITE = ROOT / "site"


@pytest.fixture(scope="session")
def site_dir() -> Path:
    """The site built by `make site` (make test builds it first), with every language's front page."""
    missing = [prefix(lang) + "index.html" for lang in LANGS if not (SITE / prefix(lang) / "index.html").is_file()]
    if missing:
        pytest.fail(f"site/ is not built ({', '.join(missing)} missing): run `make site` (make test does it for you)")
    return SITE


@pytest.fixture(scope="session")
def site_url(site_dir: Path) -> Iterator[str]:
    """Serves site/ on a free port of 127.0.0.1 and yields its base URL, ending in '/'."""
    with serving(site_dir) as url:
        yield url


@pytest.fixture(scope="session")
def nginx_url(site_dir: Path, tmp_path_factory) -> Iterator[str]:
    """Serves site/ with nginx and the configuration tools/deploy.py generates (tests/nginxkit.py);
    yields its base URL, ending in '/'."""
    try:
        with nginx(site_dir, tmp_path_factory.mktemp("nginx")) as url:
            yield url
    except NginxError as error:
        pytest.fail(str(error))


@pytest.fixture(scope="session", params=["site_url", "nginx_url"], ids=["test server", "nginx"])
def served_url(request) -> str:
    """The site's base URL from the test server, then from nginx: a test that takes this runs on both."""
    return request.getfixturevalue(request.param)


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
