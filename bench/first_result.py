"""Time to first result: navigation → Python's first answer, in headless Chromium (issue 5).

    .venv/bin/python bench/first_result.py [--runs 7] [--slow] [--only NAME ...]

with PYTHONPATH=tests:tools:overrides/hooks, as `make bench` sets it (bench/common.py).

Variants, each measured cold (a new browser context: empty HTTP and code caches) and warm (the same
context navigating again), alternating their order run by run; medians are printed with the ratio to
the faster baseline and saved to bench/results/first_result[-slow].json. Each step of the boot is a
variant, so the table says what each gave:

  baseline-main     the npm package's files as they come, Pyodide booted on the main thread, one call
  baseline-worker   the same in a module worker
  runtime-worker    the site's runtime (site/pyodide/<id>/): our lock file, pycheck loaded by name with the
                    integrity check, one check_password() call, in a module worker
  snapshot-worker   the same restored from the site's memory snapshot (snapshot.bin.gz, unpacked with
                    DecompressionStream, then loadPyodide({_loadSnapshot}))
  checker-page      the site's English checker page as shipped (snapshot, sha256 check, fallback): a
                    password typed at once, until the verdict (data-ok) is on the widget
  checker-normal    the same page served without the snapshot, so the worker boots normally
  practice-page     the English practice page as shipped, opened at ?practice=activation (the phone
                    number screen, the reader's first task there): the moment the
                    practice phone shows its first screen (Python ready; the fields show no sooner), a
                    mobile number is typed and «Start aktiveringen» pressed, until the phone shows the
                    activation code screen (the practice's first response to the reader's first
                    action; issue 10 asks for it to be no slower than checker-page)

Every variant is measured through Debian's nginx with the configuration tools/deploy.py generates
(precompressed brotli and gzip, its cache headers: tests/nginxkit.py), as a reader of a published site
is served, and, side by side in the same runs, through the earlier host-like test server (on-the-fly
gzip, `max-age=600`: bench/common.py), so the figures can be read against earlier ones. `--slow`
emulates a slow phone on a slow network: the server gives every response a 150 ms round trip and
1.6 Mbit/s shared (this reaches the worker's downloads too), and DevTools throttles the page's main
thread 4× (Chromium cannot throttle a dedicated worker's CPU that way, so Python's boot runs at full
speed: read the slow figures as network-bound). nginx is slowed by a relay in front of it
(bench/common.py, `slow_relay`) that passes on its headers, encodings and 304s. Figures only: nothing
here is asserted.
"""
from __future__ import annotations

import argparse
import json
import shutil
import statistics
import sys
import tempfile
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path

import deploy
from browserkit import chromium, recording_context, refuse_snapshot, runtime_file
from common import QUICK, ROOT, SITE, host, save, slow_relay, throttle_cpu, timing_cells
from nginxkit import nginx

NPM_PYODIDE = ROOT / "node_modules" / "pyodide"
PASSWORD = "Korrekt-Hest-Batteri-9"
PHONE = "412 34 567"
TIMEOUT_MS = 180_000
# The runtime variants start Pyodide with the pages' own settings and call the worker's own function.
RUNTIME_IMPORTS = """
import { loadPyodide } from "../pyodide/pyodide.mjs";
import { BOOT_PACKAGES, WEB_MODULE, loadPackages, pyodideOptions } from "../assets/javascripts/pycheck/runtime.mjs";
const base = new URL("../pyodide/", import.meta.url).href;
const check = (py) => JSON.stringify(py.pyimport(WEB_MODULE).check(%s, undefined, "en").toJs({ dict_converter: Object.fromEntries }));
""" % json.dumps(PASSWORD)

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
        "runtime-worker-worker.mjs": RUNTIME_IMPORTS + """
async function run() {
  const py = await loadPyodide(pyodideOptions(base));
  await loadPackages(py, BOOT_PACKAGES);
  return check(py);
}
""" + WORKER_END,
    },
    "snapshot-worker": {
        "snapshot-worker.mjs": IN_WORKER.replace("{name}", "snapshot-worker"),
        "snapshot-worker-worker.mjs": RUNTIME_IMPORTS + """
async function unpack() {
  const response = await fetch(base + "snapshot.bin.gz");
  if (!response.ok) throw new Error(`snapshot: HTTP ${response.status}`);
  return new Uint8Array(await new Response(response.body.pipeThrough(new DecompressionStream("gzip"))).arrayBuffer());
}
async function run() {
  const py = await loadPyodide(pyodideOptions(base, { _loadSnapshot: unpack() }));
  return check(py);
}
""" + WORKER_END,
    },
}
# Injected into the checker page before its own scripts (DevTools, so the page's CSP does not apply).
CHECKER_OBSERVER = """
new MutationObserver((changes, observer) => {
  if (document.querySelector('[data-pycheck="password"][data-ok]')) {
    document.documentElement.dataset.done = String(performance.now());
    observer.disconnect();
  } else if (document.querySelector('[data-pycheck="password"][data-state="error"]')) {
    // The widget shows its fallback after 8 s, and a boot that finishes later still wins: keep waiting
    // (a boot that really failed ends in the timeout).
    document.documentElement.dataset.fallbackShown ??= String(performance.now());
  }
}).observe(document, { subtree: true, attributes: true, attributeFilter: ["data-ok", "data-state"] });
"""
# On the practice page the reader acts the moment the phone shows its first screen: typed and pressed
# from here, not by Playwright, whose polling put 350-600 ms between the screen appearing and the click
# (on the checker page the same delay hides behind the boot). Done when the phone answers the number.
PRACTICE_OBSERVER = """
const PHONE = %s;
new MutationObserver((changes, observer) => {
  const app = document.querySelector('[data-pycheck="app"]');
  if (!app) return;
  if (app.dataset.screen === "activate" && app.dataset.busy === "false" && !document.documentElement.dataset.acted) {
    document.documentElement.dataset.acted = String(performance.now());
    app.querySelector("input[name=phone]").value = PHONE;
    app.querySelector("[data-action=next]").click();
  } else if (app.dataset.screen === "activation-code") {
    document.documentElement.dataset.done = String(performance.now());
    observer.disconnect();
  }
}).observe(document, { subtree: true, attributes: true, attributeFilter: ["data-screen", "data-busy"] });
""" % json.dumps(PHONE)
OBSERVERS = {"checker": CHECKER_OBSERVER, "practice": PRACTICE_OBSERVER}
SERVERS = ("nginx", "host-like")


def prepare(root: Path) -> Path:
    """The built site and the bench pages on one origin; returns the runtime's folder in `root`."""
    if not (SITE / "index.html").is_file():
        sys.exit("site/ is not built: run `make site`")
    shutil.copytree(SITE, root, dirs_exist_ok=True)
    runtime = deploy.runtime_folder(root)
    shutil.copytree(NPM_PYODIDE, root / "__npm")
    bench = root / "__bench"
    bench.mkdir()
    for name, files in SCRIPTS.items():
        (bench / f"{name}.html").write_text(PAGE.format(name=name), encoding="utf-8")
        for file_name, text in files.items():
            text = text.replace("../pyodide/", f"../{runtime.relative_to(root).as_posix()}/")
            (bench / file_name).write_text(text, encoding="utf-8")
    return runtime


def navigate(page, url: str, page_kind: str, slow: bool) -> float:
    """Navigates, acts as a reader of `page_kind` ("checker", "practice" or "" for a bench page; the
    practice page's reader is PRACTICE_OBSERVER) and returns ms from navigation start to the first result."""
    if slow:
        throttle_cpu(page)
    page.goto(url, wait_until="commit")
    if page_kind == "checker":
        field = page.locator('[data-pycheck="password"] input[name=password]').first
        field.fill(PASSWORD)  # as soon as the field exists: the widget starts loading on focus
    page.wait_for_selector("html[data-done], html[data-error]", timeout=TIMEOUT_MS)
    error = page.get_attribute("html", "data-error")
    if error:
        raise RuntimeError(f"{url}: {error}")
    return float(page.get_attribute("html", "data-done"))


def measure(browser, url: str, page_kind: str, slow: bool, no_snapshot: bool) -> tuple[float, float, str]:
    """Cold and warm ms, and how the site's page booted ("snapshot", "normal" or "" for the bench pages)."""
    context = recording_context(browser)
    try:
        if page_kind:
            context.add_init_script(OBSERVERS[page_kind])
        if no_snapshot:
            refuse_snapshot(context)
        page = context.new_page()
        cold = navigate(page, url, page_kind, slow)
        boot = ""
        if page_kind:
            boot = "normal" if any(runtime_file(u).startswith("pycheck-") for u in context.requests) else "snapshot"
        warm = navigate(page, url, page_kind, slow)
        return cold, warm, boot
    finally:
        context.close()


def site_page_url(base: str, path: str, widget: str) -> str | None:
    """The URL of the built site's page at `path` (under en/), if it holds the widget `widget`."""
    page = SITE / "en" / path / "index.html"
    return f"{base}en/{path}/" if page.is_file() and f'data-pycheck="{widget}"' in page.read_text("utf-8") else None


@contextmanager
def served(directory: Path, server: str, slow: bool) -> Iterator[str]:
    """`directory` served by `server` ("nginx" or "host-like"); yields the base URL."""
    if server == "nginx":
        deploy.precompress(directory)  # the .br/.gz copies nginx serves (cached by content: quick)
        with nginx(directory) as url:
            if slow:
                with slow_relay(url) as relayed:
                    yield relayed
            else:
                yield url
    else:
        with host(directory, slow=slow) as url:
            yield url


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3 if QUICK else 7)
    parser.add_argument("--slow", action="store_true", help="emulate a slow phone on a slow network")
    parser.add_argument("--only", nargs="*", help="variant names to run")
    parser.add_argument("--servers", nargs="*", choices=SERVERS, default=list(SERVERS))
    args = parser.parse_args()
    servers = args.servers

    with tempfile.TemporaryDirectory() as tmp, chromium() as browser, ExitStack() as stack:
        root = Path(tmp) / "www"
        runtime = prepare(root)
        # checker-normal: the same files without the snapshot, on a second origin (routing a request in
        # Playwright would turn the HTTP cache off and spoil the warm figure).
        bare = Path(tmp) / "bare"
        shutil.copytree(root, bare, ignore=shutil.ignore_patterns("snapshot.*"))
        # (server, variant): (url, which site page it is ("" for a bench page), snapshot.json blocked)
        variants: dict[tuple[str, str], tuple[str, str, bool]] = {}
        for server in servers:
            base = stack.enter_context(served(root, server, args.slow))
            bare_base = stack.enter_context(served(bare, server, args.slow))
            for name in SCRIPTS:
                if name != "snapshot-worker" or (runtime / "snapshot.bin.gz").is_file():
                    variants[server, name] = (f"{base}__bench/{name}.html", "", False)
            if url := site_page_url(base, "checker", "password"):
                variants[server, "checker-page"] = (url, "checker", False)
                variants[server, "checker-normal"] = (url.replace(base, bare_base), "checker", False)
            if url := site_page_url(base, "ove", "app"):
                variants[server, "practice-page"] = (url + "?practice=activation", "practice", False)
        if args.only:
            variants = {key: v for key, v in variants.items() if key[1] in args.only}
        times = {key: {"cold": [], "warm": []} for key in variants}
        boots: dict[tuple[str, str], list[str]] = {key: [] for key in variants}
        for run in range(args.runs):
            order = list(variants) if run % 2 == 0 else list(reversed(variants))
            for key in order:
                url, page_kind, no_snapshot = variants[key]
                try:
                    cold, warm, boot = measure(browser, url, page_kind, args.slow, no_snapshot)
                except Exception as error:  # a failing variant is reported, the others go on
                    print(f"{' '.join(key)}: {str(error).splitlines()[0]}", file=sys.stderr)
                    continue
                times[key]["cold"].append(cold)
                times[key]["warm"].append(warm)
                if boot:
                    boots[key].append(boot)
                print(f"run {run + 1}/{args.runs} {key[0]:9} {key[1]:16} cold {cold:7.0f} ms  warm {warm:7.0f} ms "
                      f"{boot}", flush=True)
    manifest = runtime / "snapshot.json"
    snapshot = json.loads(manifest.read_text("utf-8")) if manifest.is_file() else None
    report(servers, times, boots, args, snapshot)


def report(servers: list[str], times: dict, boots: dict, args: argparse.Namespace, snapshot: dict | None) -> None:
    title = "slow phone on slow 4G" if args.slow else "this machine"
    results = {}
    for server in servers:
        medians = {name: {kind: statistics.median(v) if v else None for kind, v in t.items()}
                   for (s, name), t in times.items() if s == server}
        baselines = [medians[n] for n in ("baseline-main", "baseline-worker") if n in medians]
        best = {kind: min((b[kind] for b in baselines if b[kind]), default=None) for kind in ("cold", "warm")}
        print(f"\nnavigation → first result through {server}, median of {args.runs} alternating runs ({title})")
        print(f"{'variant':18}{'cold ms':>10}{'× best':>8}{'warm ms':>10}{'× best':>8}  boot")
        for name, m in medians.items():
            used = boots[server, name]
            print(f"{name:18}{timing_cells(m, best)}  {', '.join(f'{b}×{used.count(b)}' for b in sorted(set(used)))}")
        practice, checker = medians.get("practice-page"), medians.get("checker-page")
        if practice and checker:
            side = "  ".join(f"{kind} {practice[kind]:.0f} / {checker[kind]:.0f} ms = "
                             f"{practice[kind] / checker[kind]:.2f}×"
                             for kind in ("cold", "warm") if practice[kind] and checker[kind])
            print(f"practice's first response / checker's first verdict: {side}")
        ratios = {name: {kind: (m[kind] / best[kind] if m[kind] and best[kind] else None) for kind in m}
                  for name, m in medians.items()}
        results[server] = {"times_ms": {name: t for (s, name), t in times.items() if s == server},
                           "median_ms": medians, "ratio_to_best_baseline": ratios,
                           "checker_boot": {name: b for (s, name), b in boots.items() if s == server}}
    if snapshot:
        print(f"snapshot: {snapshot['raw_bytes'] / 1e6:.1f} MB, shipped gzip -9: {snapshot['bytes'] / 1e6:.1f} MB")
    save("first_result-slow" if args.slow else "first_result",
         {"runs": args.runs, "slow": args.slow, "servers": results, "snapshot": snapshot})


if __name__ == "__main__":
    main()
