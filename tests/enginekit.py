"""What the cross-engine tests (tests/engines/) and `make bench` share: three browser engines behind one
small driver interface, a static server that sees every request, and the waits written once in the page.

Engines, all from Debian's packages (never a browser download):
  chromium  /usr/bin/chromium, driven by Playwright (browserkit.chromium)
  firefox   /usr/bin/firefox-esr, driven over WebDriver BiDi by puppeteer-core from npm, through
            tests/puppeteer-bridge.mjs (one JSON line per call on its stdin and stdout)
  webkit    WebKitGTK's MiniBrowser, driven by Selenium through /usr/bin/WebKitWebDriver, which runs
            under `xvfb-run -a` (MiniBrowser needs a display)

A driver only opens a URL, evaluates a script (a JS function of one JSON argument, awaited), types
into an element, presses Enter on one, and clicks one, the way a reader's keyboard and mouse would.
Everything else (waits, reading the page) is JS run through `evaluate`, the same in every engine.
Requests and Content-Security-Policy violations are seen the same way in every engine too: the server
records each request it answers, and it adds `watch.js` (browserkit.CSP_LISTENER, a file on the
site's origin, so the pages' policy allows it) to each page right after the policy, so the page
collects its violations from its first script on.
"""
from __future__ import annotations

import json
import os
import queue
import re
import signal
import subprocess
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from glob import glob
from pathlib import Path

from browserkit import CSP_LISTENER, READY_TIMEOUT_MS, chromium
from static_server import StaticFiles, serving

ROOT = Path(__file__).resolve().parent.parent
ENGINES = ("chromium", "firefox", "webkit")
FIREFOX = os.environ.get("PYCHECK_FIREFOX", "/usr/bin/firefox-esr")
WEBKIT_DRIVER = os.environ.get("PYCHECK_WEBKIT_DRIVER", "/usr/bin/WebKitWebDriver")
MINIBROWSER = os.environ.get("PYCHECK_MINIBROWSER") or next(
    iter(sorted(glob("/usr/lib/*/webkit2gtk-4.*/MiniBrowser"))), "/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser")
BRIDGE = Path(__file__).with_name("puppeteer-bridge.mjs")
CALL_TIMEOUT_S = READY_TIMEOUT_MS / 1000 + 60  # no single call waits longer than the boot's bound and a minute

WATCH_PATH = "/__engines/watch.js"
_SITEMAP_ORIGIN = re.compile(r'(<loc>|href=")https?://[^/<"]+')
_POLICY_META = re.compile(r'<meta http-equiv="Content-Security-Policy" content="[^"]*">')


def languages() -> dict[str, str]:
    """Every language of the guide with the prefix of its pages under the site root (mkdocs.yml's
    `extra.languages`, which the builds and their hooks read too), in the order listed there."""
    from mkdocs.utils import yaml_load

    with (ROOT / "mkdocs.yml").open(encoding="utf-8") as config:
        return {lang: where["prefix"] for lang, where in yaml_load(config)["extra"]["languages"].items()}


# --- the server ----------------------------------------------------------------------------------

class RecordingFiles(StaticFiles):
    """The built site as a static host serves it with `Cache-Control: no-cache` (as the published
    pages and Python's files are: every use is a request, answered 304 when unchanged), recording each
    request's path in `requests`, answering 404 for the paths in `blocked`, giving each page the CSP
    watch script, and the sitemaps with this server's address in place of the configured site_url.
    The class attributes are set per server (see `recording_server`)."""

    requests: list[str]
    blocked: set[str]
    page_scripts: tuple[str, ...]
    extra_files: dict[str, str]
    cache_control = "no-cache"

    def end_headers(self) -> None:
        self.send_header("Cache-Control", self.cache_control)
        super().end_headers()

    def do_GET(self) -> None:  # noqa: N802 - stdlib name
        path = self.path.split("?", 1)[0].split("#", 1)[0]
        self.requests.append(path)
        if path in self.blocked:
            return self.send_error(404)
        if path in self.extra_files:
            return self._send(self.extra_files[path].encode(), "text/javascript")
        file = Path(self.translate_path(path))
        if file.is_dir() and path.endswith("/"):
            file = file / "index.html"
        if file.name == "sitemap.xml" and file.is_file():
            # As a host at the site's configured address serves it: Material reads the sitemaps for
            # instant navigation and for its language switch, and compares their addresses with the page's.
            origin = f"http://{self.headers['Host']}"
            xml = _SITEMAP_ORIGIN.sub(lambda found: found.group(1) + origin, file.read_text("utf-8"))
            return self._send(xml.encode(), "application/xml")
        if file.suffix == ".html" and file.is_file():
            html = file.read_text("utf-8")
            tag = "".join(f'<script src="{path}"></script>' for path in self.page_scripts)
            found = _POLICY_META.search(html)
            html = html[:found.end()] + tag + html[found.end():] if found else html.replace("<head>", "<head>" + tag, 1)
            return self._send(html.encode(), "text/html; charset=utf-8")
        return super().do_GET()

    def _send(self, body: bytes, content_type: str) -> None:
        self.send_response(200)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def handle(self) -> None:
        try:
            super().handle()
        except (BrokenPipeError, ConnectionResetError):  # a page closed while a file was on its way
            pass


class Server:
    """A running recording server: `url` (ending in '/'), `requests` (paths, in order), `blocked`."""

    def __init__(self, url: str, handler: type[RecordingFiles]) -> None:
        self.url, self.requests, self.blocked = url, handler.requests, handler.blocked

    def since(self, seen: int) -> list[str]:
        return self.requests[seen:]


@contextmanager
def recording_server(directory: Path, page_scripts: dict[str, str] | None = None,
                     cache_control: str = "no-cache", files: dict[str, str] | None = None) -> Iterator[Server]:
    """Serves `directory` with a RecordingFiles handler of its own (its own request log).
    `page_scripts` ({absolute path: JS}) are given to every page after watch.js, `files` are only
    served (both as JavaScript); `cache_control` is the header every response gets (the bench gives a
    cache lifetime, as a typical host does)."""
    scripts = {WATCH_PATH: CSP_LISTENER, **(page_scripts or {})}
    handler = type("Recording", (RecordingFiles,), {
        "requests": [], "blocked": set(), "page_scripts": tuple(scripts), "extra_files": {**scripts, **(files or {})},
        "cache_control": cache_control})
    with serving(directory, handler) as url:
        yield Server(url, handler)


# --- the pages' side: written once, run in every engine ---------------------------------------------

# Every evaluation goes through this wrapper, so an exception in the page comes back as a value in
# every engine, with its message, and is raised in Python as EngineError.
_WRAPPED = ("async (arg) => { try { return {value: await (%s)(arg)}; } "
            "catch (e) { return {error: String(e && e.stack || e)}; } }")
WAIT_FOR = """async ([selector, timeout]) => {
  const end = performance.now() + timeout;
  while (!document.querySelector(selector)) {
    if (performance.now() > end) throw new Error(`nothing matches ${selector} within ${timeout} ms`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  return true;
}"""
CLEAR = """(selector) => {
  const field = document.querySelector(selector);
  field.value = "";
  field.dispatchEvent(new Event("input", {bubbles: true}));
  return true;
}"""
TEXT = "(selector) => document.querySelector(selector).innerText.trim()"
ATTRIBUTE = "([selector, name]) => document.querySelector(selector).getAttribute(name)"
VIOLATIONS = "() => window.__cspViolations || null"


class EngineError(RuntimeError):
    """A script threw in the page, or the driver failed."""


class Page:
    """One page of one engine. Drivers implement the five primitives; the rest is shared."""

    engine: str

    def __init__(self, base_url: str) -> None:
        self.base_url = base_url

    # The driver's primitives.
    def goto(self, url: str) -> None: raise NotImplementedError
    def _evaluate(self, source: str, arg: object) -> dict: raise NotImplementedError
    def type(self, selector: str, text: str) -> None: raise NotImplementedError
    def press_enter(self, selector: str) -> None: raise NotImplementedError
    def click(self, selector: str) -> None: raise NotImplementedError
    def close(self) -> None: raise NotImplementedError

    # Shared on top of them.
    def open(self, path: str) -> None:
        self.goto(self.base_url + path)

    def evaluate(self, source: str, arg: object = None) -> object:
        answer = self._evaluate(_WRAPPED % source, arg)
        if "error" in answer:
            raise EngineError(f"{self.engine}: {answer['error']}")
        return answer.get("value")

    def wait_for(self, selector: str, timeout_ms: int = READY_TIMEOUT_MS) -> None:
        self.evaluate(WAIT_FOR, [selector, timeout_ms])

    def fill(self, selector: str, text: str) -> None:
        """Empties the field, then types `text` into it key by key."""
        self.evaluate(CLEAR, selector)
        if text:
            self.type(selector, text)

    def text(self, selector: str) -> str:
        return self.evaluate(TEXT, selector)

    def attribute(self, selector: str, name: str) -> str | None:
        return self.evaluate(ATTRIBUTE, [selector, name])

    def csp_violations(self) -> list[str]:
        found = self.evaluate(VIOLATIONS)
        assert found is not None, "the page has no CSP watch (was it served by recording_server?)"
        return found

    def location(self) -> str:
        """The page's address; during a navigation, whichever document answers."""
        for _ in range(50):
            try:
                return self.evaluate("() => location.href")
            except EngineError:
                time.sleep(0.1)
        return self.evaluate("() => location.href")

    def wait_for_url(self, url: str, timeout_s: float = 30) -> None:
        """Waits until a navigation has brought the page to `url` and that document has loaded."""
        end = time.monotonic() + timeout_s
        while time.monotonic() < end:
            try:
                if self.evaluate("() => document.readyState === 'complete' && location.href") == url:
                    return
            except EngineError:  # the old document went away in the middle of the call
                pass
            time.sleep(0.05)
        raise AssertionError(f"{self.engine}: the page is at {self.location()}, not {url}")


# --- Chromium (Playwright) ---------------------------------------------------------------------------

class ChromiumPage(Page):
    engine = "chromium"

    def __init__(self, browser, base_url: str) -> None:
        super().__init__(base_url)
        self._context = browser.new_context()
        self._page = self._context.new_page()

    def goto(self, url: str) -> None:
        self._page.goto(url)

    def _evaluate(self, source: str, arg: object) -> dict:
        return self._page.evaluate(source, arg)

    def type(self, selector: str, text: str) -> None:
        self._page.locator(selector).press_sequentially(text)

    def press_enter(self, selector: str) -> None:
        self._page.locator(selector).press("Enter")

    def click(self, selector: str) -> None:
        self._page.click(selector)

    def close(self) -> None:
        self._context.close()


class Chromium:
    name = "chromium"

    def __init__(self, browser) -> None:
        self._browser = browser
        self.version = f"chromium/{browser.version}"

    def new_page(self, base_url: str) -> Page:
        return ChromiumPage(self._browser, base_url)


# --- Firefox ESR (puppeteer-core over WebDriver BiDi, through a Node process) ---------------------------

class Firefox:
    name = "firefox"

    def __init__(self) -> None:
        if not Path(FIREFOX).is_file():
            raise FileNotFoundError(f"{FIREFOX} is missing: install Debian's firefox-esr (make test does it as root)")
        self._process = subprocess.Popen(["node", str(BRIDGE)], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                         text=True, encoding="utf-8", env={**os.environ, "PYCHECK_FIREFOX": FIREFOX})
        self._answers: queue.Queue[str] = queue.Queue()
        threading.Thread(target=self._read, daemon=True).start()
        self._lock = threading.Lock()
        self._next = 0
        ready = self._receive(CALL_TIMEOUT_S)
        self.version = ready["version"]

    def _read(self) -> None:
        for line in self._process.stdout:
            self._answers.put(line)
        self._answers.put("")  # the bridge ended

    def _receive(self, timeout: float) -> dict:
        try:
            line = self._answers.get(timeout=timeout)
        except queue.Empty:
            raise EngineError(f"firefox: no answer within {timeout:.0f} s") from None
        if not line:
            raise EngineError(f"firefox: the bridge ended (exit status {self._process.poll()})")
        return json.loads(line)

    def call(self, op: str, **args: object) -> object:
        with self._lock:
            self._next += 1
            self._process.stdin.write(json.dumps({"id": self._next, "op": op, **args}) + "\n")
            self._process.stdin.flush()
            answer = self._receive(CALL_TIMEOUT_S)
        assert answer["id"] == self._next, answer
        if "error" in answer:
            raise EngineError(f"firefox: {answer['error']}")
        return answer["value"]

    def new_page(self, base_url: str) -> Page:
        return FirefoxPage(self, base_url)

    def close(self) -> None:
        self._process.stdin.close()
        try:
            self._process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self._process.kill()
            self._process.wait()


class FirefoxPage(Page):
    engine = "firefox"

    def __init__(self, firefox: Firefox, base_url: str) -> None:
        super().__init__(base_url)
        self._firefox = firefox
        self._id = firefox.call("newPage")

    def goto(self, url: str) -> None:
        self._firefox.call("goto", page=self._id, url=url)

    def _evaluate(self, source: str, arg: object) -> dict:
        return self._firefox.call("evaluate", page=self._id, source=source, arg=arg)

    def type(self, selector: str, text: str) -> None:
        self._firefox.call("type", page=self._id, selector=selector, text=text)

    def press_enter(self, selector: str) -> None:
        self._firefox.call("pressEnter", page=self._id, selector=selector)

    def click(self, selector: str) -> None:
        self._firefox.call("click", page=self._id, selector=selector)

    def close(self) -> None:
        self._firefox.call("closePage", page=self._id)


# --- WebKitGTK (Selenium, WebKitWebDriver and MiniBrowser under xvfb-run) ------------------------------

def _end_group(process: subprocess.Popen) -> None:
    """Ends `process` and what it started (it leads a process group of its own)."""
    try:
        os.killpg(process.pid, signal.SIGTERM)
    except ProcessLookupError:
        pass
    process.wait(timeout=30)


class WebKit:
    """One X display for the session (`xvfb-run -a`, which MiniBrowser needs), and for each page a
    WebKitWebDriver with one Selenium session (selenium's webdriver.WebKitGTK): WebKitWebDriver drives
    one session at a time, and a new MiniBrowser starts with empty caches, as a new context does in
    the other engines."""

    name = "webkit"

    def __init__(self) -> None:
        for program in (WEBKIT_DRIVER, MINIBROWSER, "/usr/bin/xvfb-run"):
            if not Path(program).is_file():
                raise FileNotFoundError(f"{program} is missing: install Debian's webkit2gtk-driver and xvfb "
                                        "(make test does it as root)")
        # Its own process group, so that closing ends xvfb-run and its Xvfb together.
        self._display = subprocess.Popen(
            ["xvfb-run", "-a", "sh", "-c", 'echo "$DISPLAY $XAUTHORITY"; exec sleep infinity'],
            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, start_new_session=True)
        display, _, authority = self._display.stdout.readline().strip().partition(" ")
        if not display:
            _end_group(self._display)
            raise EngineError("webkit: xvfb-run gave no display")
        self.env = {**os.environ, "DISPLAY": display, "XAUTHORITY": authority}
        self.version = ""

    def new_page(self, base_url: str) -> Page:
        return WebKitPage(self, base_url)

    def close(self) -> None:
        _end_group(self._display)


class WebKitPage(Page):
    engine = "webkit"

    def __init__(self, webkit: WebKit, base_url: str) -> None:
        from selenium import webdriver
        from selenium.webdriver.webkitgtk.service import Service

        super().__init__(base_url)
        options = webdriver.WebKitGTKOptions()
        options.binary_location = MINIBROWSER
        options.add_argument("--automation")
        self._driver = webdriver.WebKitGTK(options=options, service=Service(WEBKIT_DRIVER, env=webkit.env))
        self._driver.set_script_timeout(CALL_TIMEOUT_S)
        self._driver.set_page_load_timeout(CALL_TIMEOUT_S)
        webkit.version = "webkitgtk/" + str(self._driver.capabilities.get("browserVersion", ""))

    def _element(self, selector: str):
        from selenium.webdriver.common.by import By

        return self._driver.find_element(By.CSS_SELECTOR, selector)

    def goto(self, url: str) -> None:
        self._driver.get(url)

    def _evaluate(self, source: str, arg: object) -> dict:
        return self._driver.execute_async_script(
            f"const done = arguments[arguments.length - 1]; ({source})(arguments[0]).then(done);", arg)

    def type(self, selector: str, text: str) -> None:
        self._element(selector).send_keys(text)

    def press_enter(self, selector: str) -> None:
        from selenium.webdriver.common.keys import Keys

        self._element(selector).send_keys(Keys.ENTER)

    def click(self, selector: str) -> None:
        # WebDriver scrolls an element only to the viewport's edge, where the page's sticky header or
        # "back to top" button can be over it; a reader would see it in the middle of the screen.
        element = self._element(selector)
        self._driver.execute_script("arguments[0].scrollIntoView({block: 'center'});", element)
        element.click()

    def close(self) -> None:
        self._driver.quit()  # ends MiniBrowser and this page's WebKitWebDriver


@contextmanager
def engine(name: str, chromium_browser=None) -> Iterator[Chromium | Firefox | WebKit]:
    """The engine `name`, running until the block ends. Chromium uses `chromium_browser` (a Playwright
    Browser) if given, so that a session shares one Chromium; otherwise it launches its own."""
    if name == "chromium":
        if chromium_browser is not None:
            yield Chromium(chromium_browser)
        else:
            with chromium() as launched:
                yield Chromium(launched)
        return
    launched = {"firefox": Firefox, "webkit": WebKit}[name]()
    try:
        yield launched
    finally:
        launched.close()


@contextmanager
def opened(browser_engine, server: Server, path: str) -> Iterator[Page]:
    """A new page of `browser_engine` (its own cache) at `path` on `server`; when the block ends without
    an error, the page must have reported no Content-Security-Policy violation. Closed either way."""
    page = browser_engine.new_page(server.url)
    try:
        page.open(path)
        yield page
        assert page.csp_violations() == [], f"{page.engine}: CSP violations"
    finally:
        page.close()
