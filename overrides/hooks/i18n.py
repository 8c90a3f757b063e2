"""MkDocs hook: what one build of a site in several languages needs to know about its language.

The guide is built once per language from one base config (Bokmål into `site/`, Nynorsk into
`site/nn/`, English into `site/en/`), and `extra.languages` in mkdocs.yml names each language and says
where its sources and pages are; `languages()` and `page_language()` read and check them for the other
hooks too. This hook
- gives each build the right `site_url` (the base address plus its prefix), so that its sitemap.xml,
  which Material's instant navigation reads, lists that language's pages;
- writes Material's language switch (`extra.alternate`) from the same list: each language by its name,
  linked to its root relative to this build's root;
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


def switch_links(config: MkDocsConfig) -> list[dict[str, str]]:
    """Material's `extra.alternate` for this build: every language by name, its root as a link relative
    to this build's root (`./`, `../`, `../nn/` ...)."""
    found = languages(config)
    up = "../" * len([part for part in found[page_language(config)]["prefix"].split("/") if part])
    links = []
    for lang, where in found.items():
        if not where.get("name"):
            raise PluginError(f"mkdocs.yml: extra.languages.{lang} needs a name for the language switch")
        links.append({"name": where["name"], "link": (up + where["prefix"]) or "./", "lang": lang})
    return links


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    prefix = languages(config)[page_language(config)]["prefix"]
    if config.site_url and prefix and not config.site_url.endswith("/" + prefix):
        config.site_url = config.site_url.rstrip("/") + "/" + prefix
    config.extra["alternate"] = switch_links(config)
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
