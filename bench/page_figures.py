"""The site's figures in headless Chromium: keystroke → verdict, the longest main-thread task while
Python boots, bytes transferred, the built site's size and `make site` wall time (issue 5).

    .venv/bin/python bench/page_figures.py [--keystrokes 200] [--boots 3] [--no-make-site]

with PYTHONPATH=tests:tools:overrides/hooks, as `make bench` sets it (bench/common.py).

Prints a table and saves bench/results/page_figures.json. Pages are served as a static host would
(gzip, a cache lifetime: bench/common.py). Figures only: nothing here is asserted.

- keystroke → verdict: from the `input` event's timestamp to the moment the widget has written the
  verdict (`data-busy="false"` after the check), over single key presses (letters, digits, symbols and
  Backspace) on the ready checker page; p50, p95 and the worst.
- longest task: PerformanceObserver `longtask` entries (tasks over 50 ms) on the main thread from
  navigation to the first verdict, cold; also with the main thread throttled 4× like a slow phone.
- bytes: the transfer size (headers and encoded body) of every request, the worker's included.
"""
from __future__ import annotations

import argparse
import subprocess
import time
from pathlib import Path

import deploy
from browserkit import CHECKER, at, chromium, refuse_snapshot
from common import QUICK, ROOT, SITE, host, percentile, save, table, throttle_cpu
from guide_languages import DEFAULT_LANG, LANGS

TIMEOUT_MS = 180_000
# Installed before the page's scripts through DevTools (so the page's CSP does not apply).
RECORDER = """
window.__bench = { inputs: 0, lastInput: null, latencies: [], longTasks: [], verdictAt: null };
document.addEventListener("input", (event) => {
  window.__bench.inputs += 1;
  window.__bench.lastInput = event.timeStamp;
}, true);
new MutationObserver((changes) => {
  for (const change of changes) {
    const root = change.target;
    if (change.attributeName === "data-ok" && window.__bench.verdictAt === null && root.dataset.ok) {
      window.__bench.verdictAt = performance.now();
    }
    if (change.attributeName === "data-busy" && root.dataset.busy === "false" && window.__bench.lastInput !== null) {
      window.__bench.latencies.push(performance.now() - window.__bench.lastInput);
      window.__bench.lastInput = null;
    }
  }
}).observe(document, { subtree: true, attributes: true, attributeFilter: ["data-ok", "data-busy"] });
try {
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) window.__bench.longTasks.push([entry.startTime, entry.duration]);
  }).observe({ type: "longtask", buffered: true });
} catch {}
"""
# Typed one key at a time: a password built up, partly erased and built again.
KEYS = list("Korrekt-Hest-Batteri-9!") + ["Backspace"] * 10 + list("æøå Ære 42#") + ["Backspace"] * 6


def keystroke_sequence(count: int) -> list[str]:
    keys: list[str] = []
    while len(keys) < count:
        keys.extend(KEYS)
    return keys[:count]


def transferred(context) -> list[int]:
    """Starts counting the transfer size of every finished request of `context`."""
    sizes: list[int] = []

    def finished(request) -> None:
        try:
            s = request.sizes()
            sizes.append(s["responseHeadersSize"] + max(s["responseBodySize"], 0))
        except Exception:  # a request without a response (aborted) transferred nothing we can count
            pass

    context.on("requestfinished", finished)
    return sizes


def open_checker(browser, base: str, throttled: bool = False, no_snapshot: bool = False):
    context = browser.new_context()
    sizes = transferred(context)
    context.add_init_script(RECORDER)
    if no_snapshot:
        refuse_snapshot(context)
    page = context.new_page()
    if throttled:
        throttle_cpu(page)
    page.goto(base + "checker/", wait_until="commit")
    page.locator(f"{CHECKER} input[name=password]").fill("Korrekt-Hest-Batteri-9")
    page.wait_for_selector(f"{CHECKER}[data-ok]", timeout=TIMEOUT_MS)
    page.wait_for_load_state("networkidle")
    return context, page, sizes


def keystrokes(browser, base: str, count: int) -> list[float]:
    context, page, _ = open_checker(browser, base)
    try:
        field = page.locator(f"{CHECKER} input[name=password]")
        field.fill("")
        page.wait_for_selector(f"{CHECKER}[data-busy=false]")
        page.evaluate("() => { window.__bench.latencies = []; window.__bench.lastInput = null; }")
        field.focus()
        for key in keystroke_sequence(count):
            if len(key) == 1:
                page.keyboard.type(key)  # one keystroke; any character, Norwegian letters included
            else:
                page.keyboard.press(key)
            page.wait_for_selector(f"{CHECKER}[data-busy=false]", timeout=TIMEOUT_MS)
        return page.evaluate("() => window.__bench.latencies")
    finally:
        context.close()


def longest_task(browser, base: str, throttled: bool) -> float:
    """The longest main-thread task (ms, 0 when none reached 50 ms) from navigation to the first verdict."""
    context, page, _ = open_checker(browser, base, throttled=throttled)
    try:
        data = page.evaluate("() => window.__bench")
        return max((duration for start, duration in data["longTasks"] if start <= data["verdictAt"]), default=0.0)
    finally:
        context.close()


def page_bytes(browser, url: str) -> int:
    """Bytes a page transfers before any interaction (until the network is idle, then 1 s more)."""
    context = browser.new_context()
    sizes = transferred(context)
    try:
        page = context.new_page()
        page.goto(url, wait_until="networkidle")
        page.wait_for_timeout(1000)
        return sum(sizes)
    finally:
        context.close()


def checker_bytes(browser, base: str, no_snapshot: bool) -> int:
    context, page, sizes = open_checker(browser, base, no_snapshot=no_snapshot)
    try:
        page.wait_for_timeout(1000)
        return sum(sizes)
    finally:
        context.close()


def folder_bytes(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def make_site_seconds() -> float:
    started = time.perf_counter()
    subprocess.run(["make", "--no-print-directory", "site"], cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--keystrokes", type=int, default=50 if QUICK else 200)
    parser.add_argument("--boots", type=int, default=1 if QUICK else 3, help="cold boots per long-task figure")
    parser.add_argument("--no-make-site", action="store_true", help="skip timing `make site`")
    args = parser.parse_args()
    results: dict = {}
    if not args.no_make_site:
        results["make_site_s"] = make_site_seconds()
    snapshot = deploy.runtime_folder(SITE) / "snapshot.bin.gz"
    results["site_bytes"] = {
        "total": folder_bytes(SITE),
        "pyodide": folder_bytes(SITE / "pyodide"),
        "snapshot": snapshot.stat().st_size if snapshot.is_file() else 0,
    }
    with host(SITE) as base, chromium() as browser:
        latencies = keystrokes(browser, base, args.keystrokes)
        results["keystroke_ms"] = {"count": len(latencies), "p50": percentile(latencies, 50),
                                   "p95": percentile(latencies, 95), "max": max(latencies), "all": latencies}
        results["longest_task_ms"] = {
            "normal": [longest_task(browser, base, throttled=False) for _ in range(args.boots)],
            "cpu_4x": [longest_task(browser, base, throttled=True) for _ in range(args.boots)],
        }
        # every language's front and app pages, and the default language's password page
        paths = [at(lang, page) for lang in LANGS for page in ("", "app/")] + [at(DEFAULT_LANG, "passord/")]
        results["page_bytes"] = {path or "/": page_bytes(browser, base + path) for path in paths}
        results["checker_bytes"] = {"snapshot": checker_bytes(browser, base, no_snapshot=False),
                                    "normal": checker_bytes(browser, base, no_snapshot=True)}
    report(results)


def report(results: dict) -> None:
    mb = lambda n: f"{n / 1e6:.2f} MB"  # noqa: E731
    k = results["keystroke_ms"]
    rows = [
        [f"keystroke → verdict p50 / p95 / max ({k['count']} keys)", f"{k['p50']:.1f} / {k['p95']:.1f} / {k['max']:.1f} ms"],
    ]
    for kind, values in results["longest_task_ms"].items():
        rows.append([f"longest main-thread task while booting ({kind}, worst of {len(values)})",
                     f"{max(values):.0f} ms" if max(values) else "none ≥ 50 ms"])
    for path, n in results["page_bytes"].items():
        rows.append([f"bytes, page {path} before any interaction", mb(n)])
    for kind, n in results["checker_bytes"].items():
        rows.append([f"bytes, checker page in total ({kind} boot)", mb(n)])
    s = results["site_bytes"]
    rows.append(["built site (site/)", f"{mb(s['total'])} (pyodide/ {mb(s['pyodide'])}, snapshot {mb(s['snapshot'])})"])
    if "make_site_s" in results:
        rows.append(["make site wall time", f"{results['make_site_s']:.1f} s"])
    print()
    table(["figure", "value"], rows)
    save("page_figures", results)


if __name__ == "__main__":
    main()
