"""Fixtures for the runtime tests: the Pyodide runtime the site ships, and a page that boots it."""
from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import deploy
import pytest
from csp import policy_for
from static_server import StaticFiles, serving

HERE = Path(__file__).resolve().parent
# The pages' Pyodide settings (loadPyodide's options, loadPackages), which the test page imports too.
RUNTIME_SETTINGS = HERE.parents[1] / "overrides" / "assets" / "javascripts" / "pycheck" / "runtime.mjs"
# The same policy the site's pages carry (scripts only from the origin, WebAssembly compilation
# allowed), sent as a header: the test page has no inline script.
CSP = policy_for("")


@pytest.fixture(scope="session")
def runtime_dir(request: pytest.FixtureRequest) -> Path:
    """site/pyodide/<id>/, as `make site` ships it (PYCHECK_RUNTIME_DIR may name another built runtime)."""
    chosen = os.environ.get("PYCHECK_RUNTIME_DIR")
    if chosen:
        runtime = Path(chosen).resolve()
    else:
        try:
            runtime = deploy.runtime_folder(request.getfixturevalue("site_dir"))
        except FileNotFoundError as error:
            pytest.fail(str(error))
    if not (runtime / "pyodide-lock.json").is_file():
        pytest.fail(f"{runtime} holds no Pyodide runtime: `make site` copies it from build/pyodide/")
    return runtime


class _CSPHandler(StaticFiles):
    def end_headers(self) -> None:
        self.send_header("Content-Security-Policy", CSP)
        self.send_header("Cache-Control", "no-store")
        super().end_headers()


@pytest.fixture(scope="session")
def runtime_page_url(runtime_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Serves the shipped runtime at /pyodide/, the pages' settings at /assets/…/runtime.mjs and a bare
    test page at /en/runtime-check.html under the site's CSP, on 127.0.0.1; yields the page's URL. The
    page sits one level deep like the English pages, so it reaches the runtime as ../pyodide/."""
    root = tmp_path_factory.mktemp("runtime-site")
    shutil.copytree(runtime_dir, root / "pyodide")
    shutil.copytree(HERE / "page", root / "en")
    settings = root / RUNTIME_SETTINGS.relative_to(HERE.parents[1] / "overrides")
    settings.parent.mkdir(parents=True)
    shutil.copy2(RUNTIME_SETTINGS, settings)
    with serving(root, _CSPHandler) as url:
        yield url + "en/runtime-check.html"
