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
a dedicated worker fetches.
"""
from __future__ import annotations

import gzip
import json
import os
import statistics
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from static_server import StaticFiles, serving

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
    _bucket_lock = threading.Lock()
    _next_free = 0.0

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
        if not self.slow:
            self.wfile.write(body)
            return
        chunk = 16 * 1024
        for start in range(0, len(body), chunk):
            part = body[start:start + chunk]
            with HostLike._bucket_lock:  # one shared link: all responses split the bandwidth
                begin = max(time.monotonic(), HostLike._next_free)
                HostLike._next_free = begin + len(part) / self.slow["bytes_per_s"]
                ready = HostLike._next_free
            time.sleep(max(0.0, ready - time.monotonic()))
            self.wfile.write(part)


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
