"""Fixtures of the cross-engine tests: one browser per engine for the session (Chromium is the session's
own, tests/conftest.py), each engine with a recording server of its own (enginekit.recording_server),
so that what one engine requested never mixes with another's. pytest runs every test of one engine,
then the next: only one engine runs at a time."""
from __future__ import annotations

import pytest
from enginekit import ENGINES, engine, recording_server


@pytest.fixture(scope="session", params=ENGINES)
def browser_engine(request):
    """Chromium, Firefox ESR or WebKitGTK, started once for all the tests that run in it."""
    chromium = request.getfixturevalue("browser") if request.param == "chromium" else None
    try:
        with engine(request.param, chromium) as started:
            yield started
    except FileNotFoundError as missing:
        pytest.fail(str(missing))


@pytest.fixture(scope="session")
def server(browser_engine, site_dir):
    """The built site, served for this engine alone."""
    with recording_server(site_dir) as running:
        yield running
