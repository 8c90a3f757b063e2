"""Serves the built guide at http://127.0.0.1:8000/ and rebuilds it when a source changes.

`make serve` builds the site first, then runs this. A change under docs/, overrides/ or pycheck/, or
to a config file, runs `make site` again (every language and everything else `make site` does).
Open pages reload themselves after a rebuild: in serve mode only, each HTML response gets a
same-origin script (/__serve/reload.js) that polls /__serve/version, so the pages' Content-Security-
Policy (scripts from 'self' only) still holds. The built files themselves are never changed.
"""
from __future__ import annotations

import argparse
import functools
import http.server
import subprocess
import sys
import threading
import time
from pathlib import Path

from static_server import StaticFiles
from watchdog.events import FileSystemEvent, FileSystemEventHandler
from watchdog.observers import Observer

ROOT = Path(__file__).resolve().parent.parent
SITE = ROOT / "site"
WATCHED_DIRS = ("docs", "overrides", "pycheck")
WATCHED_FILES = ("mkdocs.yml", "mkdocs.nn.yml", "mkdocs.en.yml")
IGNORED_PARTS = {"__pycache__", ".pytest_cache", "generated"}
QUIET_SECONDS = 0.5

RELOAD_SCRIPT = b"""(function () {
  "use strict";
  var known = null;
  function poll() {
    fetch("/__serve/version", { cache: "no-store" })
      .then(function (r) { return r.text(); })
      .then(function (v) {
        if (known !== null && v !== known) window.location.reload();
        known = v;
      })
      .catch(function () {})
      .then(function () { window.setTimeout(poll, 1000); });
  }
  poll();
})();
"""
RELOAD_TAG = b'<script src="/__serve/reload.js"></script>'


class State:
    """The build version (changes after each successful rebuild) and the rebuild scheduling."""

    def __init__(self) -> None:
        self.version = str(time.time())
        self.lock = threading.Lock()
        self.changed = threading.Event()


class Handler(StaticFiles):
    """The site as it is built, plus the reload script and the build version."""

    def __init__(self, *args, state: State, **kwargs) -> None:
        self.state = state
        super().__init__(*args, **kwargs)

    def do_GET(self) -> None:  # noqa: N802 - stdlib naming
        path = self.path.split("?", 1)[0]
        if path == "/__serve/version":
            return self._send(self.state.version.encode(), "text/plain; charset=utf-8")
        if path == "/__serve/reload.js":
            return self._send(RELOAD_SCRIPT, "text/javascript; charset=utf-8")
        file = Path(self.translate_path(path))
        if file.is_dir():
            file = file / "index.html"
        if file.suffix == ".html" and file.is_file() and path.endswith(("/", ".html")):
            body = file.read_bytes()
            body = body.replace(b"</body>", RELOAD_TAG + b"</body>", 1)
            return self._send(body, "text/html; charset=utf-8")
        return super().do_GET()

    def _send(self, body: bytes, content_type: str) -> None:
        self.send_response(200)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        self.wfile.write(body)


class Changes(FileSystemEventHandler):
    def __init__(self, state: State) -> None:
        self.state = state

    def on_any_event(self, event: FileSystemEvent) -> None:
        if event.event_type in {"opened", "closed_no_write"}:
            return
        if any(is_source(Path(str(p))) for p in (event.src_path, getattr(event, "dest_path", "")) if p):
            self.state.changed.set()


def is_source(path: Path) -> bool:
    """Whether a change to `path` should rebuild the site."""
    try:
        rel = path.resolve().relative_to(ROOT)
    except ValueError:
        return False
    if not rel.parts or set(rel.parts) & IGNORED_PARTS or rel.name.endswith((".pyc", "~", ".swp")):
        return False
    return rel.parts[0] in WATCHED_DIRS and len(rel.parts) > 1 or str(rel) in WATCHED_FILES


def rebuild_forever(state: State) -> None:
    """Waits for changes, lets them settle, then runs `make site`; a failed build keeps the old site."""
    while True:
        state.changed.wait()
        while state.changed.is_set():
            state.changed.clear()
            time.sleep(QUIET_SECONDS)
        print("Change seen: rebuilding with `make site` …", flush=True)
        result = subprocess.run(["make", "--no-print-directory", "site"], cwd=ROOT)
        if result.returncode == 0:
            state.version = str(time.time())
            print("Rebuilt; open pages reload.", flush=True)
        else:
            print("The build failed (see above); fix the source and save again.", flush=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8000)
    parser.add_argument("--no-watch", action="store_true", help="serve only, do not rebuild on change")
    args = parser.parse_args(argv)
    if not (SITE / "index.html").is_file():
        print("site/ is not built: run `make site` (make serve does it).", file=sys.stderr)
        return 2

    state = State()
    if not args.no_watch:
        observer = Observer()
        changes = Changes(state)
        for name in WATCHED_DIRS:
            if (ROOT / name).is_dir():
                observer.schedule(changes, str(ROOT / name), recursive=True)
        observer.schedule(changes, str(ROOT), recursive=False)  # the config files
        observer.start()
        threading.Thread(target=rebuild_forever, args=(state,), daemon=True).start()

    handler = functools.partial(Handler, directory=str(SITE), state=state)
    try:
        server = http.server.ThreadingHTTPServer((args.host, args.port), handler)
    except OSError as error:
        print(f"Cannot serve on {args.host}:{args.port}: {error}", file=sys.stderr)
        return 1
    print(f"Serving the guide at http://{args.host}:{args.port}/ (Ctrl+C stops)", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
