"""Helpers for pycheck's tests; they run in CPython and, unchanged, in Pyodide under Node."""
from __future__ import annotations

import time
from collections.abc import Callable, Iterator

import pytest


@pytest.fixture
def frozen_clock(monkeypatch: pytest.MonkeyPatch) -> Iterator[Callable[[float], None]]:
    """Stops `time.time()` at a moment the test sets (call the fixture's value with Unix seconds)."""
    now = [0.0]
    monkeypatch.setattr(time, "time", lambda: now[0])

    def set_time(seconds: float) -> None:
        now[0] = seconds

    yield set_time
