"""What the browser tests and the benchmark share: Debian's headless Chromium, browser contexts that
record their requests, the widgets' selectors and time limits, and the listeners put into the pages.

Browser tests never download a browser: they drive /usr/bin/chromium (Debian's `chromium` package),
or the one PYCHECK_CHROMIUM names. pytest finds this module on sys.path (tests/ holds the root
conftest); the bench scripts get tests/ through PYTHONPATH (`make bench`).
"""
from __future__ import annotations

import hashlib
import json
import os
import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit
from typing import TYPE_CHECKING

import deploy
import widgets
from guide_languages import DEFAULT_LANG, LANGS, prefix

if TYPE_CHECKING:
    from playwright.sync_api import Browser, BrowserContext, Page

CHROMIUM = os.environ.get("PYCHECK_CHROMIUM", "/usr/bin/chromium")
# Keep Chromium from calling out (this machine has no network, and our users' privacy forbids it).
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-default-apps",
    "--disable-extensions",
]

READY_TIMEOUT_MS = 120_000  # a generous bound for Python's boot on a busy 2-core machine, not a speed claim
FALLBACK_WITHIN_MS = 10_000  # the promise to the reader: the fallback shows within 10 s of loading

# The widgets' roots (the markup contract).
CHECKER = "[data-pycheck=password]"
TOTP = "[data-pycheck=totp]"

# Collects every Content-Security-Policy violation of the page; read with csp_violations().
CSP_LISTENER = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (e) =>
  window.__cspViolations.push(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`));
"""

# Stands between the page and its pycheck worker (an init script; read and steered through
# window.__workerGate): it logs every request the page posts ({op, swallowed}), swallows the requests
# `swallow(message)` picks (the worker never sees them, so the call times out as with a stuck worker),
# and, while `hold` is true, keeps the worker's answers back until `release()` hands them on in order.
WORKER_GATE = """
(() => {
  const gate = (window.__workerGate = { posted: [], answers: [], held: [], hold: false, swallow: () => false });
  gate.release = () => {
    gate.hold = false;
    for (const deliver of gate.held.splice(0)) deliver();
  };
  const post = Worker.prototype.postMessage;
  Worker.prototype.postMessage = function (message, ...rest) {
    const swallowed = Boolean(message && message.op !== "boot" && gate.swallow(message));
    gate.posted.push({ op: message && message.op, swallowed });
    if (!swallowed) post.call(this, message, ...rest);
  };
  const onmessage = Object.getOwnPropertyDescriptor(Worker.prototype, "onmessage");
  Object.defineProperty(Worker.prototype, "onmessage", {
    configurable: true,
    get() { return onmessage.get.call(this); },
    set(handler) {
      onmessage.set.call(this, (event) => {
        gate.answers.push(event.data);
        const deliver = () => handler.call(this, event);
        if (gate.hold) gate.held.push(deliver);
        else deliver();
      });
    },
  });
})();
"""


def navigate_instantly(context: BrowserContext, site_url: str) -> None:
    """Lets Material's instant navigation work on the test server: it navigates instantly only to URLs
    of the sitemap, which carries the configured site_url (host and port), so the sitemap is made to
    name this origin."""
    from playwright.sync_api import Error as PlaywrightError

    origin = site_url.rstrip("/")

    def sitemap_on_this_origin(route):
        try:
            response = route.fetch()
            body = re.sub(r"<loc>https?://[^/<]+", f"<loc>{origin}", response.text())
            route.fulfill(response=response, body=body)
        except PlaywrightError as error:
            # the test ended (its page or context closed) while a sitemap was on its way: nothing to answer
            if "disposed" not in str(error) and "closed" not in str(error):
                raise

    context.route("**/sitemap.xml", sitemap_on_this_origin)


def gate_workers(context: BrowserContext) -> None:
    """Puts WORKER_GATE into every page of the context, from the start."""
    context.add_init_script(WORKER_GATE)


def is_short_address(relative: str) -> bool:
    """Is `relative` (a path under the site root) a step's short address (s/p2/, nn/s/P2/ …)?"""
    return any(relative.startswith(prefix(lang) + "s/") for lang in LANGS)


def walk_list(relatives: list[str]) -> list[str]:
    """The pages a walk over the whole site visits: every one, but of the steps' short addresses only
    the first in each language. They are one template (steps.py writes them all), each only sends the
    reader on to a step's page that the walk visits anyway, and there are some 150 of them."""
    kept, seen = [], set()
    for relative in relatives:
        if is_short_address(relative):
            lang = lang_of(relative)
            if lang in seen:
                continue
            seen.add(lang)
        kept.append(relative)
    return kept


def at(lang: str, path: str = "") -> str:
    """The page `path` ("checker/", "" for the front page) in `lang`, relative to the site root, as
    page.goto takes it in a context whose base_url is the site's."""
    return prefix(lang) + path


def lang_of(relative: str) -> str:
    """The language of a path relative to the site root ("nn/app/", "404.html"): the language whose
    prefix it starts with, the default language (no prefix) otherwise."""
    return next((lang for lang in LANGS if prefix(lang) and relative.startswith(prefix(lang))), DEFAULT_LANG)


@contextmanager
def chromium() -> Iterator[Browser]:
    """Debian's headless Chromium driven by Playwright (executable_path: never a browser download)."""
    if not Path(CHROMIUM).is_file():
        raise FileNotFoundError(f"{CHROMIUM} is missing: install Debian's chromium package (make test does it as root)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        launched = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        try:
            yield launched
        finally:
            launched.close()


def recording_context(browser: Browser, **options) -> BrowserContext:
    """A new browser context (`options` as for Browser.new_context) whose `.requests` lists the URL of
    every request its pages and their workers make, in order. The caller closes it."""
    context = browser.new_context(**options)
    context.requests = []
    context.on("request", lambda request: context.requests.append(request.url))
    return context


RUNTIME_URL_PATH = re.compile(r"/pyodide/[0-9a-f]{16}/([^/]+)$")


def runtime_file(url: str) -> str:
    """The file name `url` asks for in the versioned runtime folder (/pyodide/<id>/name), or ""."""
    found = RUNTIME_URL_PATH.search(urlsplit(url).path)
    return found.group(1) if found else ""


def runtime_url_path(site_dir: Path, name: str) -> str:
    """The URL path of the runtime's file `name` in the site's versioned folder (/pyodide/<id>/name)."""
    return "/" + (deploy.runtime_folder(site_dir) / name).relative_to(site_dir).as_posix()


def pyodide_requests(context: BrowserContext) -> list[str]:
    """The recorded requests for Python's runtime (anything under /pyodide/)."""
    return [url for url in context.requests if "/pyodide/" in url]


def refuse_snapshot(context: BrowserContext) -> None:
    """Answers the memory snapshot's manifest with 404, so the widget boots the normal way: it then
    fetches the standard library and the pycheck wheel, which the snapshot does without."""
    context.route("**/pyodide/*/snapshot.json", lambda route: route.fulfill(status=404, body="not found"))


def watch_csp(context: BrowserContext) -> None:
    """Makes every page of the context collect its Content-Security-Policy violations from the start."""
    context.add_init_script(CSP_LISTENER)


def csp_violations(page: Page) -> list[str]:
    """The violations the page has reported so far (its context must be watched by watch_csp)."""
    return page.evaluate("window.__cspViolations")


def assert_fallback(page: Page, root: str, lang: str) -> None:
    """The widget at `root` shows its fallback within FALLBACK_WITHIN_MS, in `lang`, with a retry button."""
    page.wait_for_selector(f"{root}[data-state=error]", timeout=FALLBACK_WITHIN_MS)
    assert page.locator(f"{root} [data-role=status]").inner_text() == widgets.text("unavailable", lang)
    assert page.locator(f"{root} [data-action=retry]").is_visible()
    assert page.locator(f"{root} [data-action=retry]").inner_text() == widgets.text("retry", lang)


def serve_pinned_runtime_json(context: BrowserContext, site_dir: Path, name: str, data: dict) -> None:
    """Serves `data` as the runtime's JSON file `name` (snapshot.json, pyodide-lock.json) and pins its
    sha256 in the worker's integrity.mjs as a build would: what is then refused is refused for what the
    file says, not for its hash."""
    body = json.dumps(data).encode()
    pins = {**deploy.runtime_pins(site_dir), name: hashlib.sha256(body).hexdigest()}
    module = deploy.integrity_module(deploy.runtime_folder(site_dir).name, pins)
    context.route(f"**/pyodide/*/{name}", lambda route: route.fulfill(status=200, body=body,
                                                                    content_type="application/json"))
    context.route("**/pycheck/integrity.mjs", lambda route: route.fulfill(
        status=200, body=module, content_type="text/javascript"))


SEARCH_RESULT = ".md-search-result__item a"


def search(page: Page, url: str, query: str):
    """Opens `url`, types `query` into Material's search and returns the result links. A query typed
    before the search index is ready is ignored by Material (the placeholder stays), so it is typed
    again until the search answers."""
    from playwright.sync_api import expect

    page.goto(url)
    box = page.locator(".md-search__input")
    box.click()
    meta = page.locator(".md-search-result__meta")
    placeholder = meta.inner_text()
    for _ in range(20):
        box.fill("")
        box.press_sequentially(query)
        try:
            expect(meta).not_to_have_text(placeholder, timeout=2_000)
            break
        except AssertionError:
            continue
    results = page.locator(SEARCH_RESULT)
    expect(results.first).to_be_visible()
    return results
