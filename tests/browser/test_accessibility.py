"""WCAG 2.1 AA, checked by axe-core in the browser: every built page of every language, and the widgets
in each of their states (idle, loading, failing, accepted, mismatch, fallback, TOTP demo running),
every screen of the practice phone and login; and a keyboard-only walk through the checker whose
verdict is announced by a polite live region.

axe-core comes from the pinned npm package (node_modules/axe-core), never from a CDN. The pages'
Content-Security-Policy forbids inline scripts, so Playwright's add_script_tag(content=…) would be
blocked; the source is run with page.evaluate instead, which DevTools executes outside the policy, so
the pages are checked under their real CSP (no bypass_csp).
"""
from __future__ import annotations

import re
from pathlib import Path

import accessibility
import pytest
import widgets
from browserkit import CHECKER, READY_TIMEOUT_MS, TOTP, at, is_short_address
from guide_languages import DEFAULT_LANG, LANGS, prefix
from playwright.sync_api import expect
from practicekit import (APP, LOGIN, PHONE, PIN, START, act, expect_error, expect_screen, make_code, open_practice,
                           sms_code)

from pycheck import check_password, messages, practice

pytestmark = pytest.mark.browser

REPO = Path(__file__).resolve().parents[2]
AXE_FILE = REPO / "node_modules" / "axe-core" / "axe.min.js"
# What is checked, written once for these tests and for the accessibility statement that lists them:
# WCAG 2.0 and 2.1, levels A and AA, plus axe's best practices (landmarks, heading order…).
SCOPE = accessibility.scope()
AXE_TAGS = SCOPE["axe_tags"]
ACCEPTED = "Korrekt-Hest-Batteri-9!"
FAILING = "Passord123!Passord"  # fails rules and draws a warning, so the warnings list is shown too
PRACTICE = f"{APP}, {LOGIN}"  # the practice phone and login, checked together


@pytest.fixture(scope="session")
def axe_source() -> str:
    if not AXE_FILE.is_file():
        pytest.fail(f"{AXE_FILE} is missing: run `make node_modules` (make test does it for you)")
    return AXE_FILE.read_text("utf-8")


def built_pages(site_dir: Path) -> list[str]:
    """Every HTML page the build wrote, every language, as URLs relative to the site root."""
    pages = []
    for path in sorted(site_dir.rglob("*.html")):
        relative = path.relative_to(site_dir)
        if relative.parts[0] == "pyodide":
            continue
        if is_short_address(relative.as_posix()):
            continue  # a step's short address: a redirect, which leaves before axe could run
        pages.append(relative.parent.as_posix() + "/" if path.name == "index.html" else relative.as_posix())
    return [page.removeprefix("./") for page in pages]


def axe_violations(page, axe_source: str, include: str | None = None) -> list[dict]:
    """axe's violations on the page (or within the elements matching `include`), reduced to what a
    failure message needs."""
    if not page.evaluate("typeof window.axe === 'object'"):
        page.evaluate(axe_source + "\n;undefined")
    return page.evaluate(
        """async ([include, tags]) => {
          // colours are read once hover and focus transitions have ended, not halfway through
          await Promise.all(document.getAnimations().map((animation) => animation.finished.catch(() => {})));
          const result = await axe.run(include ? {include: [[include]]} : document,
                                       {runOnly: {type: "tag", values: tags}, resultTypes: ["violations"]});
          return result.violations.map((v) => ({id: v.id, impact: v.impact, help: v.help,
            nodes: v.nodes.map((n) => n.target.join(" ") + "  " + n.failureSummary.replace(/\\s+/g, " "))}));
        }""",
        [include, AXE_TAGS],
    )


def report(found: dict[str, list[dict]]) -> str:
    """Each violation's id, help and target nodes, by page or state."""
    lines = []
    for where, violations in found.items():
        for violation in violations:
            lines.append(f"{where}: {violation['id']} ({violation['impact']}): {violation['help']}")
            lines.extend(f"    {node}" for node in violation["nodes"])
    return "\n".join(lines)


def assert_no_violations(page, axe_source: str, where: str, include: str | None = None) -> None:
    violations = axe_violations(page, axe_source, include)
    assert violations == [], "axe found violations:\n" + report({where: violations})


def test_the_statement_lists_exactly_these_tests(browser):
    """The statement ([[a11y:tested]]) says what this module checks: every test here is listed, every
    listed test is here, and the browser and axe-core are the ones the statement names."""
    here = {name for name, value in globals().items() if name.startswith("test_") and callable(value)}
    assert here == set(SCOPE["checks"]) | set(SCOPE["setup"])
    assert [name.lower() for name in SCOPE["browsers"]] == [browser.browser_type.name]
    assert f'"version": "{accessibility.axe_version()}"' in AXE_FILE.with_name("package.json").read_text("utf-8")


def test_the_page_list_comes_from_the_build(site_dir):
    # The pages below are discovered, not listed by hand: make sure the discovery finds the guide.
    pages = built_pages(site_dir)
    for lang in LANGS:
        for expected in ("", "passord/", "ove/", "checker/", "totp-demo/", "tilgjengelighet/", "404.html"):
            assert at(lang, expected) in pages
    sitemap_pages = {
        re.sub(r"^https?://[^/]+/", "", loc)
        for sitemap in (site_dir / prefix(lang) / "sitemap.xml" for lang in LANGS)
        for loc in re.findall(r"<loc>([^<]+)</loc>", sitemap.read_text("utf-8"))
    }
    assert sitemap_pages and sitemap_pages <= set(pages)


def test_every_page_in_every_language_has_no_violation(browser, site_dir, site_url, axe_source):
    # Python's files are refused to keep the walk quick: a widget in view then shows its fallback,
    # which is checked like the rest; the widgets' other states are checked below.
    context = browser.new_context(base_url=site_url)
    context.route("**/pyodide/**", lambda route: route.abort())
    page = context.new_page()
    found = {}
    try:
        for path in built_pages(site_dir):
            page.goto(path)
            page.wait_for_load_state("networkidle")
            page.wait_for_selector("main")
            violations = axe_violations(page, axe_source)
            if violations:
                found[path] = violations
    finally:
        context.close()
    assert found == {}, "axe found violations:\n" + report(found)


@pytest.mark.parametrize("lang", LANGS)
def test_the_handout_and_the_support_page_have_no_violation_on_screen_or_paper(browser, site_url, axe_source, lang):
    """The print handout and the support page with their QR codes, on screen and as printed (print media)."""
    context = browser.new_context(base_url=site_url)
    page = context.new_page()
    found = {}
    try:
        for path in ("utskrift/", "support/"):
            for media in ("screen", "print"):
                page.emulate_media(media=media)
                page.goto(prefix(lang) + path)
                page.wait_for_load_state("networkidle")
                assert page.locator("svg.qr-code[role=img]").count() >= 20
                violations = axe_violations(page, axe_source)
                if violations:
                    found[f"{prefix(lang)}{path} ({media})"] = violations
    finally:
        context.close()
    assert found == {}, "axe found violations:\n" + report(found)


# --- the widgets, state by state ------------------------------------------------------------------

def checker_path(lang: str) -> str:
    return at(lang, "checker/")


def totp_path(lang: str) -> str:
    return at(lang, "totp-demo/")


@pytest.mark.parametrize("lang", LANGS)
def test_widgets_idle_loading_and_fallback(browser, site_url, axe_source, lang):
    """No Python ever runs here: its runtime is held back (loading), then refused (fallback)."""
    context = browser.new_context(base_url=site_url, viewport={"width": 400, "height": 700})
    held = []
    hold = {"on": True}

    def hold_or_refuse(route):
        if hold["on"]:
            held.append(route)
        else:
            route.abort()

    context.route("**/pyodide.asm.wasm", hold_or_refuse)
    try:
        # idle: the checker on the guide page sits below the fold and has loaded nothing
        page = context.new_page()
        page.goto(at(lang, "passord/"))
        page.wait_for_load_state("networkidle")
        assert page.get_attribute(CHECKER, "data-state") == "idle"
        assert_no_violations(page, axe_source, f"{lang} checker idle", CHECKER)

        # loading: the runtime's wasm request is held unanswered
        for path, root in ((checker_path(lang), CHECKER), (totp_path(lang), TOTP)):
            hold["on"] = True
            page.goto(path)
            page.locator(root).scroll_into_view_if_needed()  # loads when seen; on a phone it may start below
            page.wait_for_selector(f"{root}[data-state=loading]")
            assert_no_violations(page, axe_source, f"{lang} {root} loading", root)
            # the scan saw the loading state only if the widget was still loading when it ended
            assert page.get_attribute(root, "data-state") == "loading"

            # fallback: the wasm request fails, and so does any later one
            hold["on"] = False
            while held:
                held.pop().abort()
            page.wait_for_selector(f"{root}[data-state=error]")
            assert page.locator(f"{root} [data-action=retry]").is_visible()
            assert_no_violations(page, axe_source, f"{lang} {root} fallback", root)
    finally:
        for route in held:
            route.abort()
        context.close()


@pytest.fixture(scope="module")
def ready_context(browser, site_url):
    context = browser.new_context(base_url=site_url)
    yield context
    context.close()


def open_ready(context, path: str, root: str):
    page = context.new_page()
    page.goto(path)
    page.wait_for_selector(f"{root}[data-state=ready]", timeout=READY_TIMEOUT_MS)
    return page


@pytest.mark.parametrize("lang", LANGS)
def test_checker_states_have_no_violation(ready_context, axe_source, lang):
    page = open_ready(ready_context, checker_path(lang), CHECKER)
    try:
        assert_no_violations(page, axe_source, f"{lang} checker ready", CHECKER)
        states = {
            "failing": (FAILING, "", "false"),
            "mismatch": (ACCEPTED, ACCEPTED[:-1], "false"),
            "accepted": (ACCEPTED, ACCEPTED, "true"),
        }
        for name, (password, confirm, ok) in states.items():
            page.fill(f"{CHECKER} input[name=password]", password)
            page.fill(f"{CHECKER} input[name=confirm]", confirm)
            page.wait_for_selector(f"{CHECKER}[data-busy=false][data-ok={ok}]")
            if name == "failing":
                assert page.locator(f"{CHECKER} [data-role=warnings] li").count() > 0
            if name == "mismatch":
                assert page.get_attribute(CHECKER, "data-failed") == "match"
            assert_no_violations(page, axe_source, f"{lang} checker {name}", CHECKER)
        # the password shown as text, and the status line after "save"
        page.click(f"{CHECKER} [data-action=toggle]")
        page.click(f"{CHECKER} [data-action=save]")
        assert page.locator(f"{CHECKER} [data-role=status]").inner_text()
        assert_no_violations(page, axe_source, f"{lang} checker shown and saved", CHECKER)
    finally:
        page.close()


@pytest.mark.parametrize("lang", LANGS)
def test_totp_demo_running_has_no_violation(ready_context, axe_source, lang):
    page = open_ready(ready_context, totp_path(lang), TOTP)
    try:
        code = page.locator(f"{TOTP} [data-role=code]")
        page.wait_for_selector(f"{TOTP} [data-role=code]:not(:empty)", timeout=READY_TIMEOUT_MS)
        assert re.fullmatch(r"[0-9]{6}", code.inner_text())
        assert page.locator(f"{TOTP} [data-role=seconds]").inner_text()
        assert_no_violations(page, axe_source, f"{lang} TOTP demo running", TOTP)
        # a verified code and a refused input
        page.fill(f"{TOTP} input[name=code]", code.inner_text())
        page.click(f"{TOTP} [data-action=verify]")
        page.wait_for_selector(f"{TOTP} [data-role=verify-result][data-valid]")
        page.fill(f"{TOTP} input[name=code]", "12ab")
        page.click(f"{TOTP} [data-action=verify]")
        page.wait_for_selector(f"{TOTP} [data-role=verify-result][data-valid=bad-input]")
        assert_no_violations(page, axe_source, f"{lang} TOTP demo verified", TOTP)
    finally:
        page.close()


# --- keyboard only, with the verdict announced ----------------------------------------------------

# Records every text a live region is given, as a screen reader would hear it announced.
LIVE_LOG = """() => {
  window.__announced = [];
  for (const region of document.querySelectorAll("[data-pycheck=password] [aria-live]")) {
    new MutationObserver(() => window.__announced.push([region.dataset.role, region.getAttribute("aria-live"),
      region.textContent])).observe(region, {childList: true, characterData: true, subtree: true});
  }
}"""


def active(page) -> dict:
    return page.evaluate("""() => {
      const el = document.activeElement;
      return {name: el.name || null, action: el.dataset.action || null,
              inWidget: !!el.closest("[data-pycheck=password]")};
    }""")


def tab_to(page, want: dict, key: str = "Tab", limit: int = 80) -> None:
    """Presses `key` until the focused element matches `want` (proves it is reachable by keyboard)."""
    for _ in range(limit):
        page.keyboard.press(key)
        now = active(page)
        if all(now[k] == v for k, v in want.items()):
            return
    pytest.fail(f"{want} was not reached with {key} in {limit} presses")


def test_keyboard_only_walk_is_announced_politely(ready_context):
    page = open_ready(ready_context, checker_path(DEFAULT_LANG), CHECKER)
    try:
        verdict = page.locator(f"{CHECKER} [data-role=verdict]")
        assert verdict.get_attribute("aria-live") == "polite" and verdict.get_attribute("role") == "status"
        page.evaluate(LIVE_LOG)
        # from the top of the page, with the keyboard alone
        page.evaluate("document.activeElement.blur(); window.scrollTo(0, 0)")
        tab_to(page, {"name": "password", "inWidget": True})
        page.keyboard.type("Sommer2024!")
        page.wait_for_selector(f"{CHECKER}[data-busy=false][data-ok=false]")
        failing = check_password("Sommer2024!", "").to_dict(DEFAULT_LANG)["summary"]
        tab_to(page, {"name": "confirm"})
        page.keyboard.type("Sommer2024!")
        tab_to(page, {"action": "toggle"})
        page.keyboard.press("Enter")
        assert page.get_attribute(f"{CHECKER} input[name=password]", "type") == "text"
        page.keyboard.press("Space")
        assert page.get_attribute(f"{CHECKER} input[name=password]", "type") == "password"
        tab_to(page, {"action": "suggest"})
        page.keyboard.press("Enter")
        page.wait_for_selector(f"{CHECKER}[data-busy=false][data-ok=true]")
        suggestion = page.input_value(f"{CHECKER} input[name=password]")
        assert check_password(suggestion, suggestion).ok
        tab_to(page, {"name": "confirm"}, key="Shift+Tab")
        page.keyboard.press("End")
        page.keyboard.type("x")
        page.wait_for_selector(f"{CHECKER}[data-busy=false][data-ok=false]")
        mismatch = check_password(suggestion, suggestion + "x").to_dict(DEFAULT_LANG)["summary"]
        page.keyboard.press("Backspace")
        page.wait_for_selector(f"{CHECKER}[data-busy=false][data-ok=true]")

        announced = [text for role, live, text in page.evaluate("window.__announced")
                     if role == "verdict" and live == "polite"]
        ok = messages.text("report.ok", DEFAULT_LANG)
        # each verdict reached the polite region, in order, and the region ends on the last one
        spoken = [text for i, text in enumerate(announced) if i == 0 or announced[i - 1] != text]
        for expected in (failing, ok, mismatch, ok):
            assert expected in spoken, (expected, spoken)
            spoken = spoken[spoken.index(expected) + 1:]
        assert verdict.inner_text() == ok
        # the suggestion is announced too (a polite status line), in the page's language
        statuses = [text for role, live, text in page.evaluate("window.__announced")
                    if role == "status" and live == "polite"]
        assert widgets.text("suggested", DEFAULT_LANG) in statuses
    finally:
        page.close()


# --- the practice phone and login, screen by screen -------------------------------------------------

@pytest.mark.parametrize("lang", LANGS)
def test_practice_screens_have_no_violation(browser, site_url, axe_source, lang):
    """Every screen of the practice phone and of the practice login, also with an error shown, the
    code made offline and the code expired (the page's clock is moved past its 120 s)."""
    context = browser.new_context(base_url=site_url)
    context.clock.install(time=START)
    page = context.new_page()
    try:
        open_practice(page, lang)

        def check(where: str) -> None:
            assert_no_violations(page, axe_source, f"{lang} practice {where}", PRACTICE)

        def step(root: str, screen: str, action: str = "next", **fields: str) -> None:
            act(page, root, action, **fields)
            expect_screen(page, root, screen)
            check(screen)

        check("push and credentials")
        step(APP, "activate", "skip")
        act(page, APP, phone="812 34 567")
        expect_error(page, APP, lang, "phone_start", {"phone": "812 34 567"})
        act(page, LOGIN, username="", password="")
        expect_error(page, LOGIN, lang, "username_missing", {"username": ""})
        check("errors on activate and credentials")
        step(APP, "activation-code", phone=PHONE)
        step(APP, "touch-id", activation_code=sms_code(page))
        step(APP, "new-pin", "skip")
        act(page, APP, pin=PIN, pin_confirm="0000")
        expect_error(page, APP, lang, "pin_mismatch", {"pin": PIN, "pin_confirm": "0000"})
        check("new-pin error")
        step(APP, "home", pin=PIN, pin_confirm=PIN)
        step(LOGIN, "otp", "next", username=practice.USERNAME, password=ACCEPTED)
        act(page, LOGIN, otp="12ab")
        expect_error(page, LOGIN, lang, "otp_format", {"otp": "12ab"})
        check("otp error")
        step(APP, "enter-pin", "make-code")
        step(APP, "code", pin=PIN)
        act(page, APP, "offline")
        expect(page.locator(f"{APP} [data-role=code]")).to_have_text(re.compile(r"^[0-9]{8}$"))
        check("code offline")
        act(page, APP, "offline")
        expect(page.locator(f"{APP} [data-role=code]")).to_have_text(re.compile(r"^[0-9]{6}$"))
        page.clock.fast_forward(120_000)
        expect(page.locator(f"{APP} [data-when=expired]")).to_be_visible()
        check("code expired")
        step(LOGIN, "done", "next", otp=make_code(page, PIN))
        step(APP, "enter-pin", "make-code")
        act(page, APP, pin="0000")
        expect_error(page, APP, lang, "pin_wrong", {"pin": "0000"}, tries=2)
        check("enter-pin error")
        act(page, APP, pin="0000")
        step(APP, "blocked", pin="0000")
        step(APP, "unblock", "call-support")
        act(page, APP, unblock_code="1")
        expect_error(page, APP, lang, "unblock_format", {"unblock_code": "1"})
        check("unblock error")
    finally:
        context.close()
