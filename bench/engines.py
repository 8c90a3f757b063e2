"""The checker's first verdict in each engine, beside the bare Pyodide baselines in the same engine (issue 14).

    .venv/bin/python bench/engines.py [--runs 5] [--engines chromium firefox webkit]

with PYTHONPATH=tests:tools:overrides/hooks, as `make bench` sets it. The engines and their drivers are
the cross-engine tests' (tests/enginekit.py): Debian's Chromium (Playwright), Firefox ESR (puppeteer-core
over WebDriver BiDi) and WebKitGTK (Selenium, WebKitWebDriver, MiniBrowser under xvfb-run).

Variants, each measured cold (a new page with empty caches: a new browser context, or in WebKit a new
MiniBrowser) and warm (the same page navigating again), alternating their order run by run:

  baseline-main     the npm package's files as they come, Pyodide booted on the main thread, one call
  baseline-worker   the same in a module worker
  checker-page      the site's English checker page as shipped: a password is typed into it from
                    inside the page the moment the widget has mounted, until the verdict (data-ok)

The bench pages are bench/first_result.py's. Every engine measures the same way: a script the server
adds to each page (enginekit.recording_server) notes the time since navigation (performance.now()),
so no driver's own latency is counted. The checker's boot column says how it started: "snapshot" (the
memory snapshot restored) or "normal" (the pycheck wheel fetched: the snapshot was not used).
Pages are served with a cache lifetime (max-age=600) as a typical host does; figures only, never asserted.
"""
from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
from pathlib import Path

from browserkit import runtime_file
from common import QUICK, SITE, save, timing_cells
from enginekit import ENGINES, engine, recording_server
from first_result import PASSWORD, SCRIPTS, prepare

TIMEOUT_MS = 180_000
OBSERVER = "/__bench/engines-observer.js"
# Types the password the moment the checker has mounted (data-state leaves "idle"), then notes the
# time of its first verdict on <html data-done>. On the bench pages there is no checker: they set
# data-done themselves.
CHECKER_OBSERVER = """
const PASSWORD = %s;
new MutationObserver((changes, observer) => {
  const checker = document.querySelector('[data-pycheck="password"]');
  if (!checker) return;
  if (checker.dataset.state && checker.dataset.state !== "idle" && !document.documentElement.dataset.typed) {
    document.documentElement.dataset.typed = String(performance.now());
    const field = checker.querySelector("input[name=password]");
    field.value = PASSWORD;
    field.dispatchEvent(new Event("input", { bubbles: true }));
  }
  if (checker.hasAttribute("data-ok")) {
    document.documentElement.dataset.done = String(performance.now());
    observer.disconnect();
  }
}).observe(document, { subtree: true, attributes: true, attributeFilter: ["data-ok", "data-state"] });
""" % json.dumps(PASSWORD)
DONE = "html[data-done], html[data-error]"
RESULT = "() => [document.documentElement.dataset.done || null, document.documentElement.dataset.error || null]"


def first_result(page, path: str) -> float:
    """Navigates `page` to `path` and returns ms from navigation to the first result."""
    page.open(path)
    page.wait_for(DONE, TIMEOUT_MS)
    done, error = page.evaluate(RESULT)
    if error:
        raise RuntimeError(f"{path}: {error}")
    return float(done)


def measure(started, server, path: str) -> tuple[float, float, str]:
    """Cold and warm ms on a new page of `started`, and how the checker booted ("" for a bench page)."""
    seen = len(server.requests)
    page = started.new_page(server.url)
    try:
        cold = first_result(page, path)
        boot = ""
        if "checker" in path:
            boot = "normal" if any(runtime_file(p).startswith("pycheck-") for p in server.since(seen)) else "snapshot"
        warm = first_result(page, path)
        return cold, warm, boot
    finally:
        page.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=2 if QUICK else 5)
    parser.add_argument("--engines", nargs="*", default=list(ENGINES), choices=ENGINES)
    args = parser.parse_args()
    if not (SITE / "en" / "checker" / "index.html").is_file():
        sys.exit("site/ is not built: run `make site`")
    variants = {name: f"__bench/{name}.html" for name in ("baseline-main", "baseline-worker") if name in SCRIPTS}
    variants["checker-page"] = "en/checker/"
    times = {e: {name: {"cold": [], "warm": []} for name in variants} for e in args.engines}
    boots: dict[str, list[str]] = {e: [] for e in args.engines}
    versions: dict[str, str] = {}
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "www"
        prepare(root)
        with recording_server(root, page_scripts={OBSERVER: CHECKER_OBSERVER}, cache_control="max-age=600") as server:
            for name in args.engines:
                with engine(name) as started:
                    for run in range(args.runs):
                        order = list(variants) if run % 2 == 0 else list(reversed(variants))
                        for variant in order:
                            try:
                                cold, warm, boot = measure(started, server, variants[variant])
                            except Exception as error:  # a failing variant is reported, the others go on
                                print(f"{name} {variant}: {str(error).splitlines()[0]}", file=sys.stderr)
                                continue
                            times[name][variant]["cold"].append(cold)
                            times[name][variant]["warm"].append(warm)
                            if boot:
                                boots[name].append(boot)
                            print(f"{name:8} run {run + 1}/{args.runs} {variant:16} cold {cold:7.0f} ms  "
                                  f"warm {warm:7.0f} ms {boot}", flush=True)
                    versions[name] = started.version
    report(times, boots, versions, args.runs)


def report(times: dict, boots: dict, versions: dict, runs: int) -> None:
    medians = {e: {v: {k: statistics.median(x) if x else None for k, x in kinds.items()} for v, kinds in by.items()}
               for e, by in times.items()}
    print(f"\nnavigation → first result per engine, median of {runs} alternating runs (this machine)")
    print(f"{'engine':28}{'variant':18}{'cold ms':>10}{'× best':>8}{'warm ms':>10}{'× best':>8}  boot")
    for name, by in medians.items():
        best = {kind: min((by[b][kind] for b in ("baseline-main", "baseline-worker") if by.get(b, {}).get(kind)),
                          default=None) for kind in ("cold", "warm")}
        for variant, m in by.items():
            used = ", ".join(f"{b}×{boots[name].count(b)}" for b in sorted(set(boots[name]))) \
                if variant == "checker-page" else ""
            print(f"{versions.get(name, name):28}{variant:18}{timing_cells(m, best)}  {used}")
    save("engines", {"runs": runs, "versions": versions, "times_ms": times, "median_ms": medians,
                     "checker_boot": boots})


if __name__ == "__main__":
    main()
