"""Fixtures of the browser tests (the site server and Chromium are in tests/conftest.py)."""
from __future__ import annotations

import pytest
from browserkit import recording_context


@pytest.fixture
def context(browser, site_url):
    """A fresh browser context on the served site that records the URL of every request in
    `.requests`. Modules that share one context (and one Pyodide boot) define a module-scoped one."""
    ctx = recording_context(browser, base_url=site_url)
    yield ctx
    ctx.close()
