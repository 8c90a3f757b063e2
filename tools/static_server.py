"""The static file server behind `make serve` and the browser tests: the built site, as any static host
would serve it, with the MIME types Pyodide needs (a .wasm must be application/wasm to be streamed)."""
from __future__ import annotations

import functools
import http.server
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


class StaticFiles(http.server.SimpleHTTPRequestHandler):
    extensions_map = {
        **http.server.SimpleHTTPRequestHandler.extensions_map,
        ".wasm": "application/wasm",
        ".mjs": "text/javascript",
        ".js": "text/javascript",
        ".json": "application/json",
        ".whl": "application/zip",
        ".zip": "application/zip",
    }

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - stdlib signature
        pass

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        """A missing file gets the site's own 404.html (with status 404), as static hosts and the nginx
        configuration of tools/deploy.py serve it: whatever path was asked for, the page is the site's."""
        page = Path(self.directory) / "404.html"
        if code != 404 or self.command not in ("GET", "HEAD") or not page.is_file():
            return super().send_error(code, message, explain)
        body = page.read_bytes()
        self.send_response(404, message)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command == "GET":
            self.wfile.write(body)


class _Server(http.server.ThreadingHTTPServer):
    def handle_error(self, request, client_address) -> None:
        """A browser that drops a connection (a test aborting a request, a closed tab) is no error."""
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


def serving(directory: Path, handler: type[StaticFiles] = StaticFiles, port: int = 0):
    """Serves `directory` on 127.0.0.1 (a free port unless one is given) in a background thread; as a
    context manager, yields its base URL, ending in '/'."""
    return running(functools.partial(handler, directory=str(directory)), port)


@contextmanager
def running(handler, port: int = 0) -> Iterator[str]:
    """Runs the request handler `handler` on 127.0.0.1 in a background thread; yields its base URL."""
    server = _Server(("127.0.0.1", port), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
