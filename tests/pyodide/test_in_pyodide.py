"""pycheck's own test suite, run inside the real Pyodide (under Node) on the wheel the site ships.

`make test` builds what this needs first: build/pyodide/ (make runtime, the runtime the site ships) and
build/pyodide-test-wheels/ (make pyodide-test-wheels: pytest, hypothesis and their dependencies,
hash-pinned).
"""
from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent.parent
RUNNER = ROOT / "tests" / "pyodide" / "run_suite.mjs"
NEEDED = {
    ROOT / "build" / "pyodide" / "pyodide-lock.json": "make runtime",
    ROOT / "build" / "pyodide-test-wheels": "make pyodide-test-wheels",
}
SUMMARY = re.compile(r"^=+ (?P<body>.*\bin [\d.]+s.*) =+$", re.MULTILINE)

pytestmark = pytest.mark.pyodide


def run_in_pyodide(*test_paths: str) -> tuple[int, str, dict[str, int]]:
    """Runs the given test paths in Pyodide; returns the exit code, the output and pytest's counts."""
    node = shutil.which("node")
    if node is None:
        pytest.fail("node is not installed (make system installs Debian's nodejs)")
    for path, command in NEEDED.items():
        if not path.exists():
            pytest.fail(f"{path.relative_to(ROOT)} is missing: run `{command}` (make test does it)")
    proc = subprocess.run(
        [node, str(RUNNER), *test_paths],
        cwd=ROOT, capture_output=True, text=True, timeout=900,
    )
    output = proc.stdout + proc.stderr
    summaries = SUMMARY.findall(proc.stdout)
    counts = {kind: int(n) for n, kind in re.findall(r"(\d+) (\w+)", summaries[-1])} if summaries else {}
    return proc.returncode, output, counts


def test_smoke_pycheck_wheel_works_in_pyodide() -> None:
    code, output, counts = run_in_pyodide("tests/pyodide/smoke_in_pyodide.py")
    assert code == 0, output
    assert counts.get("passed") == 4, output
    assert "platform emscripten" in output, output


def test_pycheck_suite_passes_in_pyodide() -> None:
    suite = ROOT / "tests" / "pycheck"
    if not any(suite.glob("test_*.py")):
        pytest.fail("tests/pycheck/ holds no tests: pycheck's suite is what this runs in Pyodide")
    code, output, counts = run_in_pyodide("tests/pycheck")
    assert code == 0, output
    assert counts.get("passed", 0) > 0, output
    assert counts.get("failed", 0) == 0 and counts.get("error", 0) == 0 and counts.get("errors", 0) == 0, output
