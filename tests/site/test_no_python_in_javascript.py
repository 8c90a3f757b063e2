"""All Python the browser runs lives in the pycheck package: the site's scripts and the snapshot maker
call pycheck.web's functions by name and never hand Pyodide Python source."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SCRIPTS = sorted([*(ROOT / "overrides" / "assets").rglob("*.js"), *(ROOT / "overrides" / "assets").rglob("*.mjs"),
                  *(ROOT / "tools").glob("*.mjs"), ROOT / "tests" / "pyodide" / "run_suite.mjs"])
RUNS_SOURCE = re.compile(r"\brunPython(Async)?\s*\(")


def test_the_scripts_are_found():
    names = {path.name for path in SCRIPTS}
    assert {"worker.js", "widgets.js", "api.js", "runtime.mjs", "make_snapshot.mjs", "run_suite.mjs"} <= names


@pytest.mark.parametrize("script", SCRIPTS, ids=lambda path: str(path.relative_to(ROOT)))
def test_no_script_runs_python_source(script):
    assert not RUNS_SOURCE.search(script.read_text("utf-8"))
