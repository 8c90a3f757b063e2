"""Time to first result: navigation → Python's first answer, in headless Chromium (issue 5).

    .venv/bin/python bench/first_result.py [--runs 7] [--slow] [--only NAME ...]

Variants, each measured cold (a new browser context: empty HTTP and code caches) and warm (the same
context navigating again), alternating their order run by run; medians are printed with the ratio to
the faster baseline and saved to bench/results/first_result.json:

  baseline-main     the npm package's files as they come, Pyodide booted on the main thread, one call
  baseline-worker   the same in a module worker
  runtime-worker    the site's runtime (site/pyodide/): our lock file, pycheck loaded by name with the
                    integrity check, one check_password() call, in a module worker
  snapshot-worker   the same from a memory snapshot made in Node (bench/snapshot/make_snapshot.mjs),
                    restored with loadPyodide({_loadSnapshot}) (private API: an experiment)
  checker-page      the site's English checker page: a password typed at once, until the verdict
                    (data-ok) is on the widget

`--slow` emulates a slow phone on a slow network (4× CPU throttling, 1.6 Mbit/s, 150 ms RTT) through
the page's DevTools session; Chromium applies neither to dedicated workers, so it mostly slows the
main thread and the page's own fetches: read its figures with that in mind.
Figures only: nothing here is asserted.
"""
from __future__ import annotations

import argparse
import functools
import http.server
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
from conftest import CHROMIUM, CHROMIUM_ARGS  # noqa: E402 - the tests' browser setup
from static_server import StaticFiles  # noqa: E402 - on sys.path through conftest

SITE = ROOT / "site"
NPM_PYODIDE = ROOT / "node_modules" / "pyodide"
RESULTS = ROOT / "bench" / "results" / "first_result.json"
PASSWORD = "Korrekt-Hest-Batteri-9"
TIMEOUT_MS = 180_000
CONFIG = """{ indexURL: base, lockFileURL: base + "pyodide-lock.json", packageBaseUrl: base,
  stdLibURL: base + "python_stdlib.zip" }"""
CALL = f"import json, pycheck; json.dumps(pycheck.check_password({PASSWORD!r}).to_dict('en'))"

# Each bench page ends by setting data-done (ms since navigation) or data-error on <html>.
PAGE = """<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{name}</title>
<script type="module" src="{name}.mjs"></script></head><body><p>{name}</p></body></html>
"""
FINISH = """
const finish = (ok, detail) => {
  document.documentElement.dataset[ok ? "done" : "error"] = ok ? String(performance.now()) : String(detail);
};
"""
IN_WORKER = FINISH + """
const worker = new Worker(new URL("{name}-worker.mjs", import.meta.url), { type: "module" });
worker.onmessage = ({ data }) => finish(data.ok, data.detail);
"""
WORKER_END = """
run().then((detail) => postMessage({ ok: true, detail }), (e) => postMessage({ ok: false, detail: String(e) }));
"""
SCRIPTS = {
    "baseline-main": {
        "baseline-main.mjs": FINISH + """
import { loadPyodide } from "../__npm/pyodide.mjs";
loadPyodide().then((py) => finish(true, py.runPython("1 + 1")), (e) => finish(false, e));
""",
    },
    "baseline-worker": {
        "baseline-worker.mjs": IN_WORKER.replace("{name}", "baseline-worker"),
        "baseline-worker-worker.mjs": """
import { loadPyodide } from "../__npm/pyodide.mjs";
async function run() { return (await loadPyodide()).runPython("1 + 1"); }
""" + WORKER_END,
    },
    "runtime-worker": {
        "runtime-worker.mjs": IN_WORKER.replace("{name}", "runtime-worker"),
        "runtime-worker-worker.mjs": f"""
import {{ loadPyodide }} from "../pyodide/pyodide.mjs";
const base = new URL("../pyodide/", import.meta.url).href;
async function run() {{
  const py = await loadPyodide({CONFIG});
  await py.loadPackage(["pycheck"], {{ checkIntegrity: true }});
  return py.runPython({json.dumps(CALL)});
}}
""" + WORKER_END,
    },
    "snapshot-worker": {
        "snapshot-worker.mjs": IN_WORKER.replace("{name}", "snapshot-worker"),
        "snapshot-worker-worker.mjs": f"""
import {{ loadPyodide }} from "../pyodide/pyodide.mjs";
const base = new URL("../pyodide/", import.meta.url).href;
async function run() {{
  const snapshot = fetch("../__snapshot/snapshot.bin").then((r) => {{
    if (!r.ok) throw new Error(`snapshot: HTTP ${{r.status}}`);
    return r.arrayBuffer();
  }});
  const py = await loadPyodide({{ ...{CONFIG}, _loadSnapshot: snapshot }});
  return py.runPython({json.dumps(CALL)});
}}
""" + WORKER_END,
    },
}
# Injected into the checker page before its own scripts (DevTools, so the page's CSP does not apply).
VERDICT_OBSERVER = """
new MutationObserver((changes, observer) => {
  if (document.querySelector('[data-pycheck="password"][data-ok]')) {
    document.documentElement.dataset.done = String(performance.now());
    observer.disconnect();
  } else if (document.querySelector('[data-pycheck="password"][data-state="error"]')) {
    document.documentElement.dataset.error = "the widget shows its fallback (data-state=error)";
    observer.disconnect();
  }
}).observe(document, { subtree: true, attributes: true, attributeFilter: ["data-ok", "data-state"] });
"""


def prepare(root: Path, runtime: Path, snapshot: Path | None) -> None:
    """The site (if built) and the bench pages on one origin."""
    if (SITE / "index.html").is_file():
        shutil.copytree(SITE, root, dirs_exist_ok=True)
    shutil.copytree(runtime, root / "pyodide", dirs_exist_ok=True)
    shutil.copytree(NPM_PYODIDE, root / "__npm")
    if snapshot is not None:
        (root / "__snapshot").mkdir()
        shutil.copy2(snapshot, root / "__snapshot" / "snapshot.bin")
    bench = root / "__bench"
    bench.mkdir()
    for name, files in SCRIPTS.items():
        (bench / f"{name}.html").write_text(PAGE.format(name=name), encoding="utf-8")
        for file_name, text in files.items():
            (bench / file_name).write_text(text, encoding="utf-8")


def make_snapshot(runtime: Path, out: Path) -> Path | None:
    proc = subprocess.run(["node", str(ROOT / "bench" / "snapshot" / "make_snapshot.mjs"), str(runtime), str(out)],
                          capture_output=True, text=True)
    if proc.returncode != 0:
        print(f"snapshot not made, its variant is skipped:\n{proc.stderr[-2000:]}", file=sys.stderr)
        return None
    return out


def slow_down(page) -> None:
    session = page.context.new_cdp_session(page)
    session.send("Network.enable")
    session.send("Network.emulateNetworkConditions", {
        "offline": False, "latency": 150, "downloadThroughput": 1_600_000 / 8, "uploadThroughput": 750_000 / 8,
    })
    session.send("Emulation.setCPUThrottlingRate", {"rate": 4})


def navigate(page, url: str, typed: bool, slow: bool) -> float:
    """Navigates and returns ms from navigation start to the first result."""
    if slow:
        slow_down(page)
    page.goto(url, wait_until="commit")
    if typed:
        field = page.locator('[data-pycheck="password"] input[name=password]').first
        field.fill(PASSWORD)  # as soon as the field exists: the widget starts loading on focus
    page.wait_for_selector("html[data-done], html[data-error]", timeout=TIMEOUT_MS)
    error = page.get_attribute("html", "data-error")
    if error:
        raise RuntimeError(f"{url}: {error}")
    return float(page.get_attribute("html", "data-done"))


def measure(browser, url: str, typed: bool, slow: bool) -> tuple[float, float]:
    context = browser.new_context()
    try:
        if typed:
            context.add_init_script(VERDICT_OBSERVER)
        page = context.new_page()
        cold = navigate(page, url, typed, slow)
        warm = navigate(page, url, typed, slow)
        return cold, warm
    finally:
        context.close()


def checker_url(base: str) -> str | None:
    page = SITE / "en" / "checker" / "index.html"
    return base + "en/checker/" if page.is_file() and 'data-pycheck="password"' in page.read_text("utf-8") else None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--slow", action="store_true", help="emulate a slow phone on a slow network")
    parser.add_argument("--only", nargs="*", help="variant names to run")
    args = parser.parse_args()
    runtime = SITE / "pyodide" if (SITE / "pyodide" / "pyodide-lock.json").is_file() else ROOT / "build" / "pyodide"

    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "www"
        snapshot = make_snapshot(runtime, Path(tmp) / "snapshot.bin")
        prepare(root, runtime, snapshot)
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(StaticFiles, directory=str(root)))
        threading.Thread(target=server.serve_forever, daemon=True).start()
        base = f"http://127.0.0.1:{server.server_address[1]}/"
        variants = {name: (f"{base}__bench/{name}.html", False) for name in SCRIPTS}
        if snapshot is None:
            del variants["snapshot-worker"]
        if url := checker_url(base):
            variants["checker-page"] = (url, True)
        if args.only:
            variants = {name: v for name, v in variants.items() if name in args.only}
        times: dict[str, dict[str, list[float]]] = {name: {"cold": [], "warm": []} for name in variants}
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
            try:
                for run in range(args.runs):
                    order = list(variants) if run % 2 == 0 else list(reversed(variants))
                    for name in order:
                        url, typed = variants[name]
                        try:
                            cold, warm = measure(browser, url, typed, args.slow)
                        except Exception as error:  # a failing variant is reported, the others go on
                            print(f"{name}: {str(error).splitlines()[0]}", file=sys.stderr)
                            continue
                        times[name]["cold"].append(cold)
                        times[name]["warm"].append(warm)
                        print(f"run {run + 1}/{args.runs} {name:16} cold {cold:7.0f} ms  warm {warm:7.0f} ms", flush=True)
            finally:
                browser.close()
                server.shutdown()
        report(times, args, snapshot_bytes=snapshot.stat().st_size if snapshot else None)


def report(times: dict[str, dict[str, list[float]]], args: argparse.Namespace, snapshot_bytes: int | None) -> None:
    medians = {name: {kind: statistics.median(v) if v else None for kind, v in t.items()} for name, t in times.items()}
    baselines = [medians[n] for n in ("baseline-main", "baseline-worker") if n in medians]
    best = {kind: min((b[kind] for b in baselines if b[kind]), default=None) for kind in ("cold", "warm")}
    print(f"\nnavigation → first result, median of {args.runs} runs{' (slow emulation)' if args.slow else ''}")
    print(f"{'variant':18}{'cold ms':>10}{'× best':>8}{'warm ms':>10}{'× best':>8}")
    for name, m in medians.items():
        cells = []
        for kind in ("cold", "warm"):
            value = m[kind]
            cells.append(f"{value:10.0f}" if value else f"{'—':>10}")
            cells.append(f"{value / best[kind]:8.2f}" if value and best[kind] else f"{'—':>8}")
        print(f"{name:18}{''.join(cells)}")
    if snapshot_bytes:
        print(f"snapshot size: {snapshot_bytes / 1e6:.1f} MB (uncompressed)")
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps({"runs": args.runs, "slow": args.slow, "times_ms": times, "median_ms": medians,
                                   "snapshot_bytes": snapshot_bytes}, indent=2), encoding="utf-8")
    print(f"saved to {RESULTS.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
