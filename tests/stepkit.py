"""What the tests of the step codes, the short addresses and the print handout share: the built site's
steps.json, the address the site was built for, and the codes' alphabet, each read or written here
independently of the hooks that make them (overrides/hooks/steps.py, handout.py).
"""
from __future__ import annotations

import json
import re
from pathlib import Path

from guide_languages import prefix

# A code a person can read aloud and from paper: a capital letter, then one or two capitals or digits,
# never 0, O, 1, I or L (the rule, written here again rather than imported from steps.py).
CODE = re.compile(r"[A-HJKMNP-Z][A-HJKMNP-Z2-9]{1,2}")
HANDOUT = "utskrift/"


def steps_json(site_dir: Path) -> list[dict]:
    return json.loads((site_dir / "steps.json").read_text(encoding="utf-8"))


def published_root(site_dir: Path) -> str:
    """The address the site was built for (SITE_URL, or mkdocs.yml's local default), ending in "/",
    as MkDocs itself wrote it: the shortest address in the Bokmål sitemap.xml is its home page."""
    locs = re.findall(r"<loc>([^<]+)</loc>", (site_dir / "sitemap.xml").read_text(encoding="utf-8"))
    root = min(locs, key=len)
    assert all(loc.startswith(root) for loc in locs), root
    return root


def short_path(lang: str, code: str) -> str:
    """A step's short address under the site root, as the issue names it: `s/p2/`, `nn/s/p2/` …"""
    return f"{prefix(lang)}s/{code}/"
