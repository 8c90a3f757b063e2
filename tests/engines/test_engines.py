"""The same checks in Chromium, Firefox ESR and WebKitGTK (issue 14, "Three engines"): one list of
checks, written once as JS run in the page and Python assertions against CPython, and three drivers
(tests/enginekit.py). Each engine shares one checker page (one Python boot) between the tests that
only ask its API; the practice, the fallback and the language switch open pages of their own.

The languages are mkdocs.yml's `extra.languages` (enginekit.languages()), so a new language of the
guide is tested here as soon as it is built. Requests are those the site's server answered for this
engine; Content-Security-Policy violations are collected in every page from its first script on and
must be none when each page is closed.
"""
from __future__ import annotations

import json
import re
import zlib

import pytest
import widgets
from browserkit import CHECKER, FALLBACK_WITHIN_MS, runtime_file, runtime_url_path
from enginekit import languages, opened
from passwordkit import CHECK_ALL, cases, cpython
from practicekit import APP, LOGIN, PASSWORD, PHONE, PIN, act, error_text

from pycheck import check_password, totp

pytestmark = pytest.mark.browser

LANGS = languages()  # {lang: prefix of its pages}
FIRST = next(iter(LANGS))
SNAPSHOT = "snapshot.bin.gz"
WASM = "pyodide.asm.wasm"
TYPED = "Hemmelig-Tulipan-Vindu-47!"
STEP = "installere-app-3"  # a step in the middle of its page (the language switch's test)


def next_language(lang: str) -> str:
    order = list(LANGS)
    return order[(order.index(lang) + 1) % len(order)]


# --- the shared checker page ----------------------------------------------------------------------

# The worker gives up the snapshot for the normal boot when its download looks slow after 0.8 s (README,
# "Figures"); on a loaded test machine a busy CPU can look like a slow network. The page therefore
# fetches the snapshot once before it opens the checker, as a reader's earlier visit would: read from
# the HTTP cache (revalidated, 304), the download always passes, and what is tested is the restore.
WARM_SNAPSHOT = "async (url) => (await fetch(url)).arrayBuffer().then((body) => body.byteLength)"


@pytest.fixture(scope="module")
def booted_checker(browser_engine, server, site_dir):
    """The checker page in the first language, Python ready; `boot` lists what its boot requested."""
    with opened(browser_engine, server, LANGS[FIRST]) as page:
        snapshot = runtime_url_path(site_dir, SNAPSHOT)
        assert page.evaluate(WARM_SNAPSHOT, snapshot) == (site_dir / snapshot.lstrip("/")).stat().st_size
        seen = len(server.requests)
        page.open(LANGS[FIRST] + "checker/")
        page.wait_for(f"{CHECKER}[data-state=ready]")
        page.boot = server.since(seen)
        yield page


@pytest.fixture
def checker(booted_checker):
    """The shared checker page; whatever a test does on it must not violate the page's policy."""
    yield booted_checker
    assert booted_checker.csp_violations() == []


def test_the_snapshot_is_restored(browser_engine, checker):
    # The snapshot path fetches snapshot.bin.gz and never the pycheck wheel, which is already imported
    # in the snapshot; the normal boot fetches the wheel (tests/browser/test_snapshot.py).
    booted = [runtime_file(path) for path in checker.boot]
    assert SNAPSHOT in booted, checker.boot
    assert not [name for name in booted if name.startswith("pycheck-")], checker.boot
    print(f"{browser_engine.version}: booted from the memory snapshot")


@pytest.mark.parametrize("lang", LANGS)
def test_verdicts_equal_cpython(checker, lang):
    batch = cases(80, seed=zlib.crc32(lang.encode()))  # the fixed passwords and 80 generated ones
    reports = checker.evaluate(CHECK_ALL, [[password, confirm, lang] for password, confirm in batch])
    assert len(reports) == len(batch) > 100
    for (password, confirm), report in zip(batch, reports):
        assert report == cpython(password, confirm, lang), (password, confirm)


TOTP_CASES = [(secret, at, options)
              for secret in ("JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP", "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ")
              for at in (59, 1111111109, 1234567890, 2000000000, 1760000000.5)
              for options in ({}, {"digits": 8}, {"period": 60}, {"digits": 8, "algorithm": "sha512"})]
TOTP_ALL = """async (cases) => {
  const out = [];
  for (const [secret, at, options] of cases) out.push(await window.pycheck.totp(secret, at, options));
  return out;
}"""


def test_totp_equals_cpython_at_fixed_times(checker):
    got = checker.evaluate(TOTP_ALL, [list(case) for case in TOTP_CASES])
    assert got == [totp.code(secret, at, **options) for secret, at, options in TOTP_CASES]
    at = 1_700_000_069  # 29 s into its 30-second step
    demo = checker.evaluate("(at) => window.pycheck.totpDemo(null, at)", at)
    assert demo["code"] == totp.code(demo["secret"], at)
    assert (demo["seconds_left"], demo["at"]) == (1, at)


def expect_verdict(page, password: str, confirm: str) -> None:
    """Waits until the checker shows CPython's verdict on what is typed, with no check pending."""
    failed = " ".join(check_password(password, confirm).failed)
    page.wait_for(f'{CHECKER}[data-busy=false][data-ok={"false" if failed else "true"}][data-failed="{failed}"]')


def test_typing_shows_the_verdict_and_makes_no_request(checker, server):
    seen = len(server.requests)
    checker.fill(f"{CHECKER} input[name=password]", TYPED[:11])
    expect_verdict(checker, TYPED[:11], "")
    checker.type(f"{CHECKER} input[name=password]", TYPED[11:])
    expect_verdict(checker, TYPED, "")
    checker.fill(f"{CHECKER} input[name=confirm]", TYPED)
    expect_verdict(checker, TYPED, TYPED)
    checker.click(f"{CHECKER} [data-action=toggle]")
    assert checker.attribute(f"{CHECKER} input[name=password]", "type") == "text"
    checker.click(f"{CHECKER} [data-action=toggle]")
    assert checker.attribute(f"{CHECKER} input[name=password]", "type") == "password"
    assert server.since(seen) == []


# --- pages of their own ---------------------------------------------------------------------------

@pytest.mark.parametrize("lang", LANGS)
def test_blocked_wasm_shows_the_fallback_and_retry_recovers(browser_engine, server, site_dir, lang):
    seen = len(server.requests)
    wasm = runtime_url_path(site_dir, WASM)
    server.blocked.add(wasm)
    try:
        with opened(browser_engine, server, LANGS[lang] + "checker/") as page:
            page.wait_for(f"{CHECKER}[data-state=error]", FALLBACK_WITHIN_MS)
            assert wasm in server.since(seen)  # refused, not merely slow
            assert page.text(f"{CHECKER} [data-role=status]") == widgets.text("unavailable", lang)
            assert page.text(f"{CHECKER} [data-action=retry]") == widgets.text("retry", lang)
            server.blocked.discard(wasm)
            page.click(f"{CHECKER} [data-action=retry]")
            page.wait_for(f"{CHECKER}[data-state=ready]")
            page.fill(f"{CHECKER} input[name=password]", TYPED)
            expect_verdict(page, TYPED, "")
            assert page.evaluate("() => document.querySelector('[data-action=retry]').hidden") is True
    finally:
        server.blocked.discard(wasm)


@pytest.mark.parametrize("lang", LANGS)
def test_language_switch_keeps_the_step(browser_engine, server, site_dir, lang):
    other = next_language(lang)
    step = next(s for s in json.loads((site_dir / "steps.json").read_text("utf-8")) if s["id"] == STEP)
    with opened(browser_engine, server, step[lang]["url"].lstrip("/")) as page:
        # navigation.tracking may move the address to the step in view: the switch keeps whatever step
        # the address names when it is used.
        fragment = page.location().partition("#")[2]
        assert fragment.startswith("installere-app-"), page.location()
        page.press_enter(f'.md-header .md-select__link[hreflang="{other}"]')
        page.wait_for_url(server.url + step[other]["url"].split("#")[0].lstrip("/") + "#" + fragment)
        assert page.attribute("html", "lang") == other
        page.wait_for(f"#{fragment}")


# --- the practice walk-through ----------------------------------------------------------------------


def expect_screen(page, root: str, screen: str) -> None:
    page.wait_for(f"{root}[data-screen={screen}][data-busy=false]", 30_000)


def expect_error(page, root: str, lang: str, code: str, **params: object) -> None:
    page.wait_for(f"{root}[data-busy=false] [data-role=error]:not([hidden])", 30_000)
    assert page.text(f"{root} [data-role=error]") == error_text(code, lang, **params)


@pytest.mark.parametrize("lang", LANGS)
def test_practice_walk_through(browser_engine, server, lang):
    """Activation, a PIN, a code the login accepts, three wrong PINs, support's unblock code, a new PIN."""
    with opened(browser_engine, server, LANGS[lang] + "ove/") as page:
        page.evaluate(f"() => document.querySelector('{APP}').scrollIntoView()")  # Python loads when it is seen
        page.wait_for(f"{APP}[data-state=ready][data-screen=push][data-busy=false]")
        page.wait_for(f"{LOGIN}[data-state=ready][data-screen=credentials]")
        seen = len(server.requests)
        act(page, APP, "skip")
        expect_screen(page, APP, "activate")
        act(page, APP, phone=PHONE)
        expect_screen(page, APP, "activation-code")
        sms = re.search(r"\b([0-9]{6})\b", page.text(f"{APP} [data-role=sms]")).group(1)
        act(page, APP, activation_code=sms)
        expect_screen(page, APP, "touch-id")
        act(page, APP, "skip")
        expect_screen(page, APP, "new-pin")
        act(page, APP, pin=PIN, pin_confirm=PIN)
        expect_screen(page, APP, "home")

        act(page, LOGIN, username=page.text(f"{LOGIN} [data-role=username]"), password=PASSWORD)
        expect_screen(page, LOGIN, "otp")
        act(page, APP, "make-code")
        expect_screen(page, APP, "enter-pin")
        act(page, APP, pin=PIN)
        expect_screen(page, APP, "code")
        code = page.text(f"{APP} [data-role=code]")
        assert re.fullmatch(r"[0-9]{6}", code), code
        act(page, LOGIN, otp=code)
        expect_screen(page, LOGIN, "done")

        act(page, APP, "make-code")
        expect_screen(page, APP, "enter-pin")
        for wrong, tries in (("0000", 2), ("1111", 1)):
            act(page, APP, pin=wrong)
            expect_error(page, APP, lang, "pin_wrong", tries=tries)
        act(page, APP, pin="2222")
        expect_screen(page, APP, "blocked")
        assert page.text(f"{APP} [data-role=error]") == error_text("pin_blocked", lang)
        act(page, APP, "call-support")
        expect_screen(page, APP, "unblock")
        unblock = page.text(f"{APP} [data-role=unblock-code]")
        assert re.fullmatch(r"[0-9]{9}", unblock), unblock
        act(page, APP, unblock_code=unblock)
        expect_screen(page, APP, "new-pin")
        act(page, APP, pin="1357", pin_confirm="1357")
        expect_screen(page, APP, "home")
        act(page, APP, "make-code")
        expect_screen(page, APP, "enter-pin")
        act(page, APP, pin="1357")
        expect_screen(page, APP, "code")
        assert server.since(seen) == []  # the whole practice stays in the page
