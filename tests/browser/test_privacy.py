"""The password never leaves the page: no request but to the origin, none at all while typing,
nothing stored, nothing in the URL or the console."""
from __future__ import annotations

import pytest
import widgets
from browserkit import CHECKER, READY_TIMEOUT_MS, at, lang_of, recording_context
from guide_languages import DEFAULT_LANG, LANGS

pytestmark = pytest.mark.browser

PASSWORD = "Hemmelig-Tulipan-Vindu-47!"


@pytest.fixture(scope="module")
def context(browser, served_url):
    """The privacy tests' context, through the test server and then through nginx."""
    ctx = recording_context(browser, base_url=served_url)
    ctx.console = []
    ctx.on("console", lambda message: ctx.console.append(message.text))
    yield ctx
    ctx.close()


@pytest.fixture(scope="module")
def checker(context):
    page = context.new_page()
    page.on("console", lambda message: context.console.append(message.text))
    page.goto(at(DEFAULT_LANG, "checker/"))  # what is sent or kept is the same in every language
    page.wait_for_selector(f"{CHECKER}[data-state=ready]", timeout=READY_TIMEOUT_MS)
    yield page
    page.close()


def test_every_page_requests_only_its_own_origin(site_walk, served_url):
    # One walk over every page (conftest.site_walk), with Python's own files refused to keep it
    # quick (every request is still seen); the tests below load them for real and check those too.
    assert {lang_of(p) for p in site_walk.pages} == set(LANGS) and "index.html" in site_walk.pages
    assert [url for url in site_walk.requests if not url.startswith(served_url)] == []
    assert len(site_walk.requests) > len(site_walk.pages)
    assert any("/pyodide/" in url for url in site_walk.requests), "no page with a widget started Python"


def test_python_loads_from_the_origin_alone(context, checker, served_url):
    loaded = [url for url in context.requests if "/pyodide/" in url]
    # pycheck comes from its wheel, or already imported in the memory snapshot (test_snapshot.py).
    assert any(url.endswith(".wasm") for url in loaded)
    assert any(url.endswith((".whl", "/snapshot.bin.gz")) for url in loaded)
    assert [url for url in context.requests if not url.startswith(served_url)] == []


def test_typing_makes_no_request_at_all(context, checker):
    checker.wait_for_load_state("networkidle")
    seen = len(context.requests)
    checker.focus(f"{CHECKER} input[name=password]")
    checker.keyboard.type(PASSWORD)
    checker.focus(f"{CHECKER} input[name=confirm]")
    checker.keyboard.type(PASSWORD)
    checker.click(f"{CHECKER} [data-action=toggle]")
    checker.click(f"{CHECKER} [data-action=suggest]")
    # The typed password already met every rule, so [data-ok=true] matched before the suggestion came
    # back: on a busy machine the suggestion then landed between the two fills below, replaced both
    # fields, the confirmation filled next no longer matched, and the wait after the fills ran out.
    # What this step waits for is the suggestion itself: its status line.
    checker.wait_for_function("(text) => document.querySelector('[data-pycheck=password] [data-role=status]')"
                              ".textContent === text", arg=widgets.text("suggested", DEFAULT_LANG), timeout=READY_TIMEOUT_MS)
    checker.wait_for_selector(f"{CHECKER}[data-busy=false][data-ok=true]")
    checker.fill(f"{CHECKER} input[name=password]", PASSWORD)
    checker.fill(f"{CHECKER} input[name=confirm]", PASSWORD)
    checker.wait_for_selector(f"{CHECKER}[data-busy=false][data-ok=true]")
    checker.click(f"{CHECKER} [data-action=save]")
    assert context.requests[seen:] == []


def test_nothing_holds_the_password(context, checker):
    checker.fill(f"{CHECKER} input[name=password]", PASSWORD)
    checker.fill(f"{CHECKER} input[name=confirm]", PASSWORD)
    checker.wait_for_selector(f"{CHECKER}[data-busy=false]")
    checker.click(f"{CHECKER} [data-action=save]")
    stored = checker.evaluate("""async () => {
      const dump = (store) => Object.keys(store).map((k) => k + "=" + store.getItem(k)).join("\\n");
      const databases = indexedDB.databases ? await indexedDB.databases() : [];
      return {local: dump(localStorage), session: dump(sessionStorage), cookie: document.cookie,
              databases: databases.map((d) => d.name), url: location.href};
    }""")
    pieces = {PASSWORD[i:i + 5] for i in range(len(PASSWORD) - 4)}
    for place in ("local", "session", "cookie", "url"):
        assert not any(piece in stored[place] for piece in pieces), place
    assert stored["cookie"] == ""
    assert stored["databases"] == []
    assert context.cookies() == []
    assert not any(piece in line for line in context.console for piece in pieces)


def test_inputs_keep_the_password_to_themselves(checker):
    for name in ("password", "confirm"):
        field = checker.locator(f"{CHECKER} input[name={name}]")
        assert field.get_attribute("autocomplete") == "new-password"
        assert field.get_attribute("spellcheck") == "false"
        assert field.get_attribute("autocapitalize") == "off"
    # no <form>: nothing could ever submit the fields to a server or into the URL
    assert checker.evaluate("document.querySelector('[data-pycheck=password]').closest('form')") is None
    assert checker.evaluate("document.querySelectorAll('[data-pycheck] form').length") == 0
