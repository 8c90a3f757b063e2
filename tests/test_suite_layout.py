"""The suite's own layout: shared test code lives in support modules (browserkit, practicekit), never
in a test module that another imports, and no two test modules share a name (pytest's rootless test
folders would collide)."""
from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

TESTS = Path(__file__).resolve().parent
MODULES = sorted(TESTS.rglob("test_*.py"))
IMPORTS_A_TEST_MODULE = re.compile(r"^\s*(?:from|import)\s+test_\w+", re.MULTILINE)


def test_the_test_modules_are_found():
    assert len(MODULES) > 30


def test_no_test_module_imports_another():
    offenders = [str(path.relative_to(TESTS)) for path in MODULES
                 if IMPORTS_A_TEST_MODULE.search(path.read_text("utf-8"))]
    assert offenders == []


def test_no_two_test_modules_share_a_name():
    names = Counter(path.name for path in MODULES)
    assert [name for name, count in names.items() if count > 1] == []
