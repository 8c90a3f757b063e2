"""The accessibility statement lists what the accessibility tests check ([[a11y:tested]]), no more."""
from __future__ import annotations

import re

import accessibility
import pytest
from guide_languages import LANGS, prefix

# How the statement names the tool and the browser, written here by hand in each language.
HOW = {
    "nb": "axe-core {version} i nettleseren Chromium",
    "nn": "axe-core {version} i nettlesaren Chromium",
    "en": "axe-core {version} in the browser Chromium",
}


@pytest.mark.parametrize("lang", LANGS)
def test_the_statement_lists_every_check_once_in_its_language(site_dir, lang):
    page = (site_dir / prefix(lang) / "tilgjengelighet" / "index.html").read_text("utf-8")
    listed = re.search(r'<ul class="a11y-tested">(.*?)</ul>', page, re.DOTALL)
    assert listed, "the statement has no list of tested checks"
    items = re.findall(r"<li>(.*?)</li>", listed.group(1), re.DOTALL)
    checks = accessibility.scope()["checks"]
    assert len(items) == len(checks) == 7
    assert "[[" not in page
    assert HOW[lang].format(version=accessibility.axe_version()) in page


def test_a_missing_language_is_a_build_error(monkeypatch):
    broken = {**accessibility.scope(), "checks": {"test_x": {"nb": "bare bokmål"}}}
    monkeypatch.setattr(accessibility, "scope", lambda: broken)
    with pytest.raises(ValueError, match="no 'en' text for test_x"):
        accessibility.tested_html("en")
