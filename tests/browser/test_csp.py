"""Every built page carries the Content-Security-Policy, and no page violates it in the browser."""
from __future__ import annotations

import re
from pathlib import Path

import csp
import pytest
from browserkit import csp_violations, walk_list, watch_csp

CSP_META = re.compile(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)">')


def built_pages(site_dir: Path) -> list[Path]:
    pages = sorted(p for p in site_dir.rglob("*.html") if "pyodide" not in p.relative_to(site_dir).parts)
    assert len(pages) > 2
    return pages


def test_every_page_has_the_policy_first_in_head_with_its_own_script_hashes(site_dir):
    for page in built_pages(site_dir):
        text = page.read_text("utf-8")
        head = re.search(r"<head[^>]*>", text)
        assert head, page
        assert text[head.end():].startswith('<meta http-equiv="Content-Security-Policy"'), page
        policies = CSP_META.findall(text)
        assert len(policies) == 1, page
        policy = policies[0]
        assert "'unsafe-inline'" not in policy and "'unsafe-eval'" not in policy, page
        directives = {d.split()[0]: d.split()[1:] for d in policy.split("; ")}
        without_policy = text.replace(CSP_META.search(text).group(0), "", 1)
        assert directives["script-src"] == ["'self'", "'wasm-unsafe-eval'", *csp.inline_script_hashes(without_policy)]


def test_no_inline_event_handlers_or_javascript_urls(site_dir):
    # Hashes cannot allow these, so they would be blocked: there must be none.
    for page in built_pages(site_dir):
        text = page.read_text("utf-8")
        assert not re.search(r"<[a-z][^>]*\son[a-z]+\s*=", text, re.IGNORECASE), page
        assert "javascript:" not in text.lower().replace("text/javascript", ""), page


@pytest.mark.browser
def test_no_page_violates_the_policy(browser, site_dir, site_url):
    # Python's files are refused to keep the walk quick: the widgets then show their fallback,
    # which must not violate the policy either. The widget tests check it with Python running.
    ctx = browser.new_context(base_url=site_url)
    watch_csp(ctx)
    ctx.route("**/pyodide/**", lambda route: route.abort())
    page = ctx.new_page()
    violations = {}
    try:
        for relative in walk_list([path.relative_to(site_dir).as_posix() for path in built_pages(site_dir)]):
            page.goto(relative)
            page.wait_for_load_state("networkidle")
            if page.query_selector("[data-pycheck]"):
                page.locator("[data-pycheck]").first.scroll_into_view_if_needed()
                page.wait_for_selector("[data-pycheck][data-state=error]")
            found = csp_violations(page)
            if found:
                violations[relative] = found
    finally:
        ctx.close()
    assert violations == {}
