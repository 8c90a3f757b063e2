"""What the browser benchmarks share: a static server that behaves like a real host, optionally on a
slow network, and the results folder (bench/results/, git-ignored). The browser and its helpers are
the tests' (tests/browserkit.py).

The bench scripts import tests/, tools/ and overrides/hooks/ by name: `make bench` runs them with
PYTHONPATH=tests:tools:overrides/hooks, and so must anyone running one by hand.

The server gzips text, JavaScript, JSON and WebAssembly on the fly (as static hosts do; files that are
already compressed, like the wheels, the stdlib zip and snapshot.bin.gz, go as they are) and sends
`Cache-Control: max-age=600`, so a warm visit reads the HTTP cache as it would on a typical host.
With `slow=True` every response waits one round trip and all responses share one bandwidth, like
Lighthouse's "slow 4G" (150 ms, 1.6 Mbit/s): unlike DevTools' network emulation, this also slows what
a dedicated worker fetches. `slow_relay` puts the same slow link in front of nginx.
"""
from __future__ import annotations

import gzip
import http.client
import http.server
import json
import os
import statistics
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit

from static_server import StaticFiles, running, serving

ROOT = Path(__file__).resolve().parent.parent
SITE = ROOT / "site"
RESULTS = ROOT / "bench" / "results"

QUICK = os.environ.get("BENCH_QUICK", "") not in ("", "0")
SLOW_4G = {"rtt_s": 0.150, "bytes_per_s": 1_600_000 / 8}
COMPRESSIBLE = (".html", ".js", ".mjs", ".css", ".json", ".svg", ".xml", ".txt", ".wasm")


class HostLike(StaticFiles):
    """StaticFiles with on-the-fly gzip, a cache lifetime, and an optional slow network."""

    slow: dict[str, float] | None = None
    _gzipped: dict[Path, bytes] = {}

    def handle(self) -> None:
        try:
            super().handle()
        except (BrokenPipeError, ConnectionResetError):  # the browser stopped a download (a new run began)
            pass

    def end_headers(self) -> None:
        self.send_header("Cache-Control", "max-age=600")
        super().end_headers()

    def do_GET(self) -> None:  # noqa: N802 - stdlib name
        if self.slow:
            time.sleep(self.slow["rtt_s"])
        path = Path(self.translate_path(self.path)).resolve()
        if path.is_dir():
            path = path / "index.html"
        if path.suffix not in COMPRESSIBLE or "gzip" not in self.headers.get("Accept-Encoding", "") or not path.is_file():
            return self._send_plain()
        body = self._gzipped.get(path)
        if body is None:
            body = self._gzipped[path] = gzip.compress(path.read_bytes(), compresslevel=6)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self._write(body)

    def _send_plain(self) -> None:
        source = self.send_head()
        if source:
            try:
                self._write(source.read())
            finally:
                source.close()

    def _write(self, body: bytes) -> None:
        shaped_write(self.wfile, body, self.slow)


class _Link:
    """The one slow link every slowed response shares (all responses split its bandwidth)."""

    lock = threading.Lock()
    next_free = 0.0


def shaped_write(wfile, body: bytes, slow: dict[str, float] | None) -> None:
    """Writes `body` at once, or at the slow link's bandwidth, shared with every other slowed response."""
    if not slow:
        wfile.write(body)
        return
    chunk = 16 * 1024
    for start in range(0, len(body), chunk):
        part = body[start:start + chunk]
        with _Link.lock:
            begin = max(time.monotonic(), _Link.next_free)
            _Link.next_free = begin + len(part) / slow["bytes_per_s"]
            ready = _Link.next_free
        time.sleep(max(0.0, ready - time.monotonic()))
        wfile.write(part)


class SlowRelay(http.server.BaseHTTPRequestHandler):
    """Passes every GET on to `upstream` (the nginx of tests/nginxkit.py) and its answer back after one
    round trip, through the shared slow link: nginx's own headers, encodings and 304s, on a phone's
    network. Only the headers that choose an answer are passed on."""

    upstream = ""  # host:port
    slow: dict[str, float] = SLOW_4G
    protocol_version = "HTTP/1.1"
    PASSED_ON = ("Accept", "Accept-Encoding", "If-None-Match", "If-Modified-Since")
    NOT_RELAYED = {"connection", "keep-alive", "transfer-encoding", "content-length"}

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - stdlib signature
        pass

    def do_GET(self) -> None:  # noqa: N802 - stdlib name
        time.sleep(self.slow["rtt_s"])
        upstream = http.client.HTTPConnection(self.upstream, timeout=60)
        try:
            upstream.request("GET", self.path, headers={k: v for k in self.PASSED_ON if (v := self.headers.get(k))})
            answer = upstream.getresponse()
            body = answer.read()
        finally:
            upstream.close()
        self.send_response(answer.status)
        for name, value in answer.getheaders():
            if name.lower() not in self.NOT_RELAYED:
                self.send_header(name, value)
        if answer.status != 304:
            self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        try:
            shaped_write(self.wfile, body, self.slow)
        except (BrokenPipeError, ConnectionResetError):  # the browser stopped a download
            pass


@contextmanager
def slow_relay(upstream_url: str) -> Iterator[str]:
    """A SlowRelay in front of `upstream_url`; yields its base URL."""
    with running(type("Relay", (SlowRelay,), {"upstream": urlsplit(upstream_url).netloc})) as url:
        yield url


@contextmanager
def host(directory: Path, slow: bool = False) -> Iterator[str]:
    """Serves `directory` like a real host (see the module's docstring); yields the base URL."""
    handler = type("Host", (HostLike,), {"slow": SLOW_4G if slow else None})
    for path in directory.resolve().rglob("*"):  # compressed before the first run, not during it
        if path.suffix in COMPRESSIBLE and path.is_file() and path not in HostLike._gzipped:
            HostLike._gzipped[path] = gzip.compress(path.read_bytes(), compresslevel=6)
    with serving(directory, handler) as url:
        yield url


def throttle_cpu(page, rate: float = 4) -> None:
    """4× CPU throttling of the page's main thread (DevTools cannot reach dedicated workers)."""
    page.context.new_cdp_session(page).send("Emulation.setCPUThrottlingRate", {"rate": rate})


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return statistics.quantiles(ordered, n=100, method="inclusive")[int(q) - 1] if len(ordered) > 1 else ordered[0]


def save(name: str, data: dict) -> Path:
    RESULTS.mkdir(parents=True, exist_ok=True)
    path = RESULTS / f"{name}.json"
    path.write_text(json.dumps(data, indent=2, ensure_ascii=False), encoding="utf-8")
    print(f"saved to {path.relative_to(ROOT)}")
    return path


def table(headers: list[str], rows: list[list[object]]) -> None:
    cells = [[str(c) for c in row] for row in [headers, *rows]]
    widths = [max(len(row[i]) for row in cells) for i in range(len(headers))]
    for n, row in enumerate(cells):
        print("  ".join(c.ljust(w) if i == 0 else c.rjust(w) for i, (c, w) in enumerate(zip(row, widths))))
        if n == 0:
            print("  ".join("-" * w for w in widths))


def timing_cells(medians: dict, best: dict) -> str:
    """The cold and warm milliseconds of one variant, each with its ratio to the best baseline (— if none)."""
    cells = []
    for kind in ("cold", "warm"):
        value = medians[kind]
        cells.append(f"{value:10.0f}" if value else f"{'—':>10}")
        cells.append(f"{value / best[kind]:8.2f}" if value and best[kind] else f"{'—':>8}")
    return "".join(cells)
