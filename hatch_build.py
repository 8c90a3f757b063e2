"""Refuses to build pycheck without the word lists it reads at run time.

The lists are committed (pycheck/data/generated/, remade by `make data`), so a clone has them; this
hook makes sure no wheel or sdist is ever built from a tree that lost one.
"""
from __future__ import annotations

import runpy
from pathlib import Path

from hatchling.builders.hooks.plugin.interface import BuildHookInterface


class WordListsHook(BuildHookInterface):
    def initialize(self, version: str, build_data: dict) -> None:
        root = Path(self.root)
        names = runpy.run_path(str(root / "pycheck" / "wordlists.py"))["FILES"]
        folder = root / "pycheck" / "data" / "generated"
        missing = [name for name in names if not (folder / name).is_file()]
        if missing:
            raise RuntimeError(
                f"pycheck's word lists are missing from {folder}: {', '.join(missing)}. "
                "Restore them from git or remake them with `make data`."
            )
