"""pytest plugin loaded only inside Pyodide, and the entry point tests/pyodide/run_suite.mjs calls.

Pyodide under Node runs Python several times slower than CPython, so Hypothesis' per-example
deadline (200 ms) would report slowness as failure there; everything else stays as in CPython.
"""
from __future__ import annotations

import os
import sys

import pytest
from hypothesis import settings

settings.register_profile("pyodide", deadline=None)
settings.load_profile("pyodide")


def pytest_report_header() -> str:
    return f"inside Pyodide: sys.platform={sys.platform}, Python {sys.version.split()[0]}"


@pytest.fixture(autouse=True)
def _in_pyodide() -> None:
    assert sys.platform == "emscripten", "this plugin is meant to run inside Pyodide only"


def main(suite: str, args: list[str]) -> int:
    """Runs pytest on `args` (test paths, then options) from the folder `suite`, with this plugin."""
    sys.dont_write_bytecode = True
    os.chdir(suite)
    return int(pytest.main(["-p", "no:cacheprovider", "-p", "pyodide_plugin", *args]))
