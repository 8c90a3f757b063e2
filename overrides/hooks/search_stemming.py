"""MkDocs hook: Material's search uses our worker wrapper, which makes the stemmer work while typing.

Material's page config (`<script id="__config">`) names its search worker. This hook points that to
`assets/javascripts/workers/search-stemming.js?material=<Material's worker>`; the wrapper (see its
header) adds stemmed terms to each query, so Norwegian inflections are found. The search plugin's
`pipeline` must keep the `stemmer` for the index to hold stems.
"""
from __future__ import annotations

import re
from typing import Any

WRAPPER = "search-stemming.js"
_WORKER = re.compile(r'("search":\s*")([^"]*/)?(search\.[0-9a-f]+\.min\.js)(")')


def use_wrapper(html: str) -> str:
    """`html` with Material's search worker replaced by the wrapper that loads it."""
    return _WORKER.sub(lambda m: f"{m[1]}{m[2] or ''}{WRAPPER}?material={m[3]}{m[4]}", html, count=1)


def on_post_page(output: str, **kwargs: Any) -> str:
    return use_wrapper(output)
