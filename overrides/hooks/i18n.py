"""MkDocs hook: what one build of a two-language site needs to know about its language.

The guide is built twice from one base config (Norwegian into `site/`, English into `site/en/`), and
`extra.languages` in mkdocs.yml says where each language's sources and pages are; `languages()` and
`page_language()` read and check them for the other hooks too. This hook
- gives the English build the right `site_url` (the base address plus its prefix), so that its
  sitemap.xml, which Material's instant navigation reads, lists the English pages;
- removes `<link rel="canonical">`: it would name the build-time address, which is another origin
  wherever the site is actually served, and a single-copy site does not need it.
"""
from __future__ import annotations

import re
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files

_CANONICAL = re.compile(r"\s*<link\b[^>]*\brel=\"?canonical\"?[^>]*>", re.IGNORECASE)


def languages(config: MkDocsConfig) -> dict[str, dict[str, str]]:
    """`extra.languages`: each language code with its `docs_dir` and its `prefix` under the site root."""
    found = (config["extra"] or {}).get("languages")
    if not isinstance(found, dict) or not found:
        raise PluginError("mkdocs.yml: extra.languages must list every language of the guide")
    return found


def page_language(config: MkDocsConfig) -> str:
    """The language of this build (`theme.language`), which must be one of `extra.languages`."""
    lang = config["theme"]["language"]
    if lang not in languages(config):
        raise PluginError(f"theme.language {lang!r} is not one of extra.languages")
    return lang


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    prefix = languages(config)[page_language(config)]["prefix"]
    if config.site_url and prefix and not config.site_url.endswith("/" + prefix):
        config.site_url = config.site_url.rstrip("/") + "/" + prefix
    return config


def remove_canonical(html: str) -> str:
    """`html` without its canonical link(s)."""
    return _CANONICAL.sub("", html)


def on_post_page(output: str, **kwargs: Any) -> str:
    return remove_canonical(output)


def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    """Drops `overrides/hooks/` from the theme files MkDocs copies: build code and its data are not pages."""
    for file in [f for f in files if f.src_uri.startswith("hooks/")]:
        files.remove(file)
    return files
