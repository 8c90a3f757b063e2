"""Lighthouse 12.2.3 (npm, pinned in package.json) on every page of the built site, mobile (issue 5).

    .venv/bin/python bench/lighthouse.py [--pages PATH ...]

with PYTHONPATH=tests:tools:overrides/hooks, as `make bench` sets it (bench/common.py).

Runs Debian's Chromium headless (CHROME_PATH) with the tests' flags that keep it from calling out,
against the site served on 127.0.0.1 as a static host would (bench/common.py); Lighthouse's own error
reporting is off, so nothing leaves the machine. Afterwards every request the pages made is checked to
be on 127.0.0.1 and any other origin is printed. Prints performance / accessibility / best practices /
SEO per page with the audits that cost points, and saves bench/results/lighthouse.json.
Targets (issue 5): performance ≥ 95, accessibility 100, best practices ≥ 95, SEO 100. Never asserted.
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import tempfile
from pathlib import Path
from urllib.parse import urlsplit

from browserkit import CHROMIUM, CHROMIUM_ARGS, at
from common import QUICK, ROOT, SITE, host, save, table
from guide_languages import LANGS, prefix

LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
QUICK_PAGES = ("", "passord/", *(at(lang, "checker/") for lang in LANGS))


def site_pages() -> list[str]:
    """Every page of every language, as paths relative to the site root ("" is the home page)."""
    skipped = ("pyodide/", *(prefix(lang) + folder for lang in LANGS for folder in ("assets/", "search/")))
    pages = []
    for index in sorted(SITE.rglob("index.html")):
        relative = index.parent.relative_to(SITE)
        if (relative.as_posix() + "/").startswith(skipped):
            continue
        pages.append("" if not relative.parts else relative.as_posix() + "/")
    return pages


def run(url: str, out: Path) -> dict:
    flags = " ".join(["--headless=new", *CHROMIUM_ARGS])
    subprocess.run([str(LIGHTHOUSE), url, "--quiet", "--no-enable-error-reporting", f"--chrome-flags={flags}",
                    f"--only-categories={','.join(CATEGORIES)}", "--output=json", f"--output-path={out}"],
                   check=True, env={**os.environ, "CHROME_PATH": CHROMIUM})
    return json.loads(out.read_text("utf-8"))


def summary(report: dict) -> dict:
    scores = {name: round(report["categories"][name]["score"] * 100) for name in CATEGORIES}
    lost = []
    for category in report["categories"].values():
        for ref in category["auditRefs"]:
            audit = report["audits"][ref["id"]]
            if ref["weight"] > 0 and audit["score"] is not None and audit["score"] < 1:
                lost.append(f"{category['id']}:{ref['id']} {audit.get('displayValue', '')}".strip())
    requests = report["audits"].get("network-requests", {}).get("details", {}).get("items", [])
    other = sorted({u for u in (r.get("url", "") for r in requests) if urlsplit(u).hostname not in ("127.0.0.1", None)
                    and not u.startswith("data:")})
    metrics = {k: report["audits"][k].get("displayValue", "") for k in
               ("first-contentful-paint", "largest-contentful-paint", "total-blocking-time", "cumulative-layout-shift")}
    return {"scores": scores, "lost": lost, "other_origins": other, "metrics": metrics}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", nargs="*", help="paths relative to the site root (default: every page)")
    args = parser.parse_args()
    if not LIGHTHOUSE.is_file():
        raise SystemExit(f"{LIGHTHOUSE} is missing: run `make node_modules`")
    pages = args.pages if args.pages is not None else (list(QUICK_PAGES) if QUICK else site_pages())
    results: dict[str, dict] = {}
    with host(SITE) as base, tempfile.TemporaryDirectory() as tmp:
        for path in pages:
            results["/" + path] = summary(run(base + path, Path(tmp) / "report.json"))
            print(f"/{path}: {results['/' + path]['scores']}", flush=True)
    rows = [[page, *(r["scores"][c] for c in CATEGORIES), r["metrics"]["total-blocking-time"],
             r["metrics"]["largest-contentful-paint"]] for page, r in results.items()]
    print("\nLighthouse 12.2.3, mobile (targets: ≥ 95, 100, ≥ 95, 100)")
    table(["page", "perf", "a11y", "best", "seo", "TBT", "LCP"], rows)
    for page, r in results.items():
        if r["lost"]:
            print(f"{page}: {'; '.join(r['lost'])}")
        if r["other_origins"]:
            print(f"{page}: REQUESTS TO ANOTHER ORIGIN: {', '.join(r['other_origins'])}")
    save("lighthouse", results)


if __name__ == "__main__":
    main()
