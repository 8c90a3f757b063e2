"""The shipped runtime boots in headless Chromium from the site's origin alone, under the site's CSP,
loads pycheck by name with the integrity check, and answers exactly as CPython does."""
from __future__ import annotations

import json
from urllib.parse import urlsplit

import pytest
from browserkit import READY_TIMEOUT_MS, recording_context

pytestmark = pytest.mark.browser

CASES = [
    ["", None, "nb"],
    ["kort", None, "en"],
    ["alllowercaseletters", None, "nb"],
    ["ALLUPPERCASELETTERS", None, "en"],
    ["Sommer2024!Sommer2024!", None, "nb"],
    ["Korrekt-Hest-Batteri-9", "Korrekt-Hest-Batteri-9", "nb"],
    ["Korrekt-Hest-Batteri-9", "Korrekt-Hest-Batteri-8", "en"],
    ["Ærlig Øl På Åsen 42!", None, "nb"],
    ["Imdinett-Passord-2025!", None, "en"],
    ["Tr0ub4dor&3-lengre-enn-16", "", "en"],
    ["P@ssw0rd" * 12, None, "nb"],
    ["🙂Smilefjes-Passord-12!", None, "en"],
    ["  Mellomrom  i  Passord  7!  ", None, "nb"],
]
# The same code runs in CPython (here) and in Pyodide (in the page's worker).
PROGRAM = """
import json
import pycheck

def run(cases):
    return json.dumps(
        [pycheck.check_password(p, c).to_dict(lang) for p, c, lang in cases],
        sort_keys=True, ensure_ascii=False,
    )
"""


def cpython_results() -> str:
    namespace: dict = {}
    exec(PROGRAM, namespace)  # noqa: S102 - our own fixed program
    return namespace["run"](CASES)


@pytest.fixture
def runtime_page(browser, runtime_page_url: str):
    """A fresh context on the test page; every request (page and worker) is recorded."""
    context = recording_context(browser)
    page = context.new_page()
    page.goto(runtime_page_url)
    page.wait_for_selector("#state[data-state=ready], #state[data-state=error]", timeout=READY_TIMEOUT_MS)
    assert page.get_attribute("#state", "data-state") == "ready", page.text_content("#state")
    try:
        yield page, context.requests
    finally:
        context.close()


def test_check_password_in_the_browser_equals_cpython(runtime_page) -> None:
    page, requests = runtime_page
    code = PROGRAM + f"\nrun(json.loads({json.dumps(json.dumps(CASES))}))"
    assert page.evaluate("(code) => window.runtimeCheck.run(code)", code) == cpython_results()
    assert page.evaluate("() => window.runtimeCheck.run('import pycheck; pycheck.__file__')").startswith(
        "/lib/python3.14/site-packages/pycheck/"
    )


def test_every_request_stays_on_the_origin(runtime_page, runtime_page_url: str) -> None:
    page, requests = runtime_page
    # A name the lock file does not know must fail here, not be fetched from a CDN.
    for name in ("micropip", "numpy"):
        outcome = page.evaluate(
            "(name) => window.runtimeCheck.load([name]).then(() => 'loaded', (e) => String(e))", name
        )
        assert f"No known package with name '{name}'" in outcome
    origin = urlsplit(runtime_page_url)[:2]
    assert requests, "no request was recorded"
    assert [url for url in requests if urlsplit(url)[:2] != origin] == []
    paths = {urlsplit(url).path for url in requests}
    for name in ("pyodide.asm.wasm", "python_stdlib.zip", "pyodide-lock.json"):
        assert f"/pyodide/{name}" in paths
    assert any(p.startswith("/pyodide/pycheck-") and p.endswith(".whl") for p in paths)
    assert any(p.startswith("/pyodide/pyotp-") and p.endswith(".whl") for p in paths)


@pytest.mark.parametrize("corrupt", [False, True], ids=["served-intact", "one-byte-flipped"])
def test_the_integrity_check_refuses_a_corrupted_pycheck_wheel(browser, runtime_page_url: str, corrupt: bool) -> None:
    """The same interception passes the intact wheel, and refuses it with one byte flipped."""
    context = browser.new_context()
    served: list[str] = []

    def serve(route) -> None:
        response = route.fetch()
        body = bytearray(response.body())
        if corrupt:
            body[len(body) // 2] ^= 0xFF
        served.append(route.request.url)
        route.fulfill(response=response, body=bytes(body))

    try:
        context.route("**/pyodide/pycheck-*.whl", serve)
        page = context.new_page()
        page.goto(runtime_page_url)
        page.wait_for_selector("#state[data-state=ready], #state[data-state=error]", timeout=READY_TIMEOUT_MS)
        assert len(served) == 1, "the wheel request was not intercepted"
        state = page.get_attribute("#state", "data-state")
        if corrupt:
            assert state == "error"
            assert "could not load pycheck" in page.text_content("#state")  # runtime.mjs, loadPackages
        else:
            assert state == "ready", page.text_content("#state")
    finally:
        context.close()
