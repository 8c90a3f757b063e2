"""Every built page carries the Content-Security-Policy, and no page violates it in the browser."""
from __future__ import annotations

import re
from pathlib import Path

import csp
import pytest

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
def test_no_page_violates_the_policy(site_walk):
    # Every page, widgets in their fallback included (conftest.site_walk); through nginx each page has
    # the header policy as well as its <meta> one.
    assert len(site_walk.pages) > 2
    assert site_walk.violations == {}
