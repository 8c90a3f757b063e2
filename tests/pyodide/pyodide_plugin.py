"""pytest plugin loaded only inside Pyodide (tests/pyodide/run_suite.mjs passes `-p pyodide_plugin`).

Pyodide under Node runs Python several times slower than CPython, so Hypothesis' per-example
deadline (200 ms) would report slowness as failure there; everything else stays as in CPython.
"""
from __future__ import annotations

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
