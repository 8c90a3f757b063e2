"""Fixtures of the browser tests (the site server and Chromium are in tests/conftest.py)."""
from __future__ import annotations

from dataclasses import dataclass, field

import pytest
from browserkit import csp_violations, recording_context, walk_list, watch_csp


@pytest.fixture
def context(browser, site_url):
    """A fresh browser context on the served site that records the URL of every request in
    `.requests`. Modules that share one context (and one Pyodide boot) define a module-scoped one."""
    ctx = recording_context(browser, base_url=site_url)
    yield ctx
    ctx.close()


@dataclass
class SiteWalk:
    """What one walk over the whole site saw: the pages visited, each page's policy violations, and
    the URL of every request, in order."""

    pages: list[str]
    violations: dict[str, list[str]] = field(default_factory=dict)
    requests: list[str] = field(default_factory=list)


@pytest.fixture(scope="session")
def site_walk(browser, site_dir, served_url) -> SiteWalk:
    """One walk over every built page (browserkit.walk_list), once through each server, for the CSP
    and privacy tests. Python's files are refused to keep it quick: a widget, scrolled into view,
    then shows its fallback, which is walked too; the widget tests check the pages with Python running."""
    pages = walk_list(sorted(p.relative_to(site_dir).as_posix() for p in site_dir.rglob("*.html")
                             if "pyodide" not in p.relative_to(site_dir).parts))
    walk = SiteWalk(pages)
    ctx = recording_context(browser, base_url=served_url)
    watch_csp(ctx)
    ctx.route("**/pyodide/**", lambda route: route.abort())
    page = ctx.new_page()
    try:
        for relative in pages:
            page.goto(relative)
            page.wait_for_load_state("networkidle")
            if page.query_selector("[data-pycheck]"):
                page.locator("[data-pycheck]").first.scroll_into_view_if_needed()
                page.wait_for_selector("[data-pycheck][data-state=error]")
            if found := csp_violations(page):
                walk.violations[relative] = found
    finally:
        ctx.close()
    walk.requests = ctx.requests
    return walk
