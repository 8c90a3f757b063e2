"""What a host needs beside the built site (run by `make site` after the runtime is copied in).

    python tools/deploy.py [--site site] [--nginx build/deploy/nginx.conf] [--root DIR] [--listen ADDR]

Writes, all from the site as built and from the csp hook's directive data (so the pages' `<meta>`
policy and the headers cannot drift apart):

- The runtime under a versioned folder: `make site` copies it into `site/pyodide/`, and this moves its
  files into `site/pyodide/<id>/`, where `<id>` is cut from the sha256 of their names and contents. A
  new build of any runtime file is a new folder, so every file in it can be cached for a year.
- `integrity.mjs` beside every `pycheck/worker.js`: that folder's name, and the sha256 of the runtime's
  `snapshot.json`, `pyodide-lock.json` and `pyodide.asm.wasm`. The worker refuses those files when they
  differ, and the two JSON files pin everything else (the snapshot and the wheels), so no single file
  on the host can point the worker elsewhere.
- `_headers` (Netlify, Cloudflare Pages) and an nginx configuration (`conf.d` file: maps and a
  server block) that send the same headers: every response the common headers and the pages' policy
  with what a `<meta>` cannot say (`frame-ancestors`); worker scripts their own policy on top;
  Material's hashed files and the versioned runtime `immutable`, everything else revalidated (`no-cache`).
- `.br` and `.gz` beside every text file and the wasm, for nginx's `brotli_static` and `gzip_static`.
  Files that are compressed already (the snapshot, zips, wheels) are served as they are, without
  `Content-Encoding`, or their sha256 would not match. Compressed copies are cached by content under
  `build/precompressed/`, so an unchanged wasm is compressed once.
"""
from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import re
import shutil
import sys
from pathlib import Path

import brotli

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "overrides" / "hooks"))
import csp  # noqa: E402  (the hook that owns the directive data)

RUNTIME = "pyodide"
# The runtime's versioned folder: 16 hex digits of the sha256 over its files (version_runtime).
RUNTIME_ID = re.compile(r"^[0-9a-f]{16}$")
PINNED = ("snapshot.json", "pyodide-lock.json", "pyodide.asm.wasm")
IMMUTABLE = "public, max-age=31536000, immutable"
REVALIDATE = "no-cache"
# Material's file names carry a hash of their content: a new content is a new name.
# So do the runtime's files, by their folder (version_runtime).
HASHED = re.compile(rf"\.[0-9a-f]{{8}}\.min\.(?:js|css)(?:\.map)?$|^/{RUNTIME}/[0-9a-f]{{16}}/")
# Worker scripts: ours (Pyodide) and Material's search worker with its stemming wrapper.
WORKER = re.compile(r"(?:^|/)assets/javascripts/(?:pycheck/worker\.js|workers/[^/]+\.js)$")
COMPRESSIBLE = {".html", ".css", ".js", ".mjs", ".json", ".xml", ".svg", ".txt", ".map", ".wasm"}
CACHE = ROOT / "build" / "precompressed"


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def url_paths(site: Path) -> list[str]:
    """Every file of the site as a URL path, without the precompressed copies."""
    return sorted("/" + p.relative_to(site).as_posix() for p in site.rglob("*")
                  if p.is_file() and p.suffix not in {".br"} and not (p.suffix == ".gz" and p.with_suffix("").is_file()
                                                                      and p.with_suffix("").suffix in COMPRESSIBLE))


def runtime_folder(site: Path) -> Path:
    """The runtime's versioned folder, `site/pyodide/<id>/` (see version_runtime)."""
    top = site / RUNTIME
    folders = [p for p in top.iterdir() if p.is_dir() and RUNTIME_ID.match(p.name)] if top.is_dir() else []
    if len(folders) != 1 or any(p.is_file() for p in top.iterdir()):
        raise FileNotFoundError(f"{top} does not hold one versioned runtime folder: run `make site`")
    return folders[0]


def version_runtime(site: Path) -> Path:
    """Moves the runtime's files from `site/pyodide/` into `site/pyodide/<id>/` and returns that folder.

    `<id>` is the first 16 hex digits of the sha256 over the files' names and sha256. A site whose
    runtime is versioned already is left as it is."""
    top = site / RUNTIME
    files = sorted(p for p in top.iterdir() if p.is_file())
    if not files:
        return runtime_folder(site)
    digest = hashlib.sha256()
    for path in files:
        digest.update(f"{path.name}\0{sha256(path.read_bytes())}\n".encode())
    for stale in top.iterdir():
        if stale.is_dir():
            shutil.rmtree(stale)
    folder = top / digest.hexdigest()[:16]
    folder.mkdir()
    for path in files:
        path.rename(folder / path.name)
    return folder


def runtime_pins(site: Path) -> dict[str, str]:
    """The sha256 of each runtime file the worker checks (PINNED)."""
    runtime = runtime_folder(site)
    return {name: sha256((runtime / name).read_bytes()) for name in PINNED}


def integrity_module(folder: str, pins: dict[str, str]) -> str:
    """The text of `integrity.mjs`: the runtime's folder name and the pinned sha256."""
    return ("// Written by tools/deploy.py: the runtime's versioned folder (relative to the pages' runtime\n"
            "// address), and the sha256 of the runtime files the worker checks before it uses them.\n"
            f"export const RUNTIME_FOLDER = {json.dumps(folder + '/')};\n"
            f"export const RUNTIME_SHA256 = {json.dumps(pins, indent=2)};\n")


def write_pins(site: Path) -> list[Path]:
    """`integrity.mjs` beside every copy of the worker: the runtime's folder and its files' sha256."""
    text = integrity_module(runtime_folder(site).name, runtime_pins(site))
    written = []
    for worker in site.rglob("assets/javascripts/pycheck/worker.js"):
        target = worker.with_name("integrity.mjs")
        target.write_text(text, encoding="utf-8")
        written.append(target)
    return written


def page_script_hashes(site: Path) -> list[str]:
    """The `'sha256-…'` sources of every inline script of every page: the header policy allows them all."""
    found: list[str] = []
    for page in sorted(site.rglob("*.html")):
        for source in csp.inline_script_hashes(page.read_text(encoding="utf-8")):
            if source not in found:
                found.append(source)
    return found


def headers_for(path: str, common: dict[str, str]) -> dict[str, list[str]]:
    """Every header a response for the URL `path` carries (a header may come twice: two policies)."""
    headers = {name: [value] for name, value in common.items()}
    if WORKER.search(path):
        headers["Content-Security-Policy"].append(csp.worker_policy())
    headers["Cache-Control"] = [IMMUTABLE if HASHED.search(path) else REVALIDATE]
    return headers


def common_headers(site: Path) -> dict[str, str]:
    return {**csp.COMMON_HEADERS, "Content-Security-Policy": csp.header_policy(page_script_hashes(site))}


def headers_file(site: Path, paths: list[str]) -> str:
    """`_headers`: one rule for everything, one per worker script, one per hashed file.

    Cache-Control is given only where it differs from these hosts' own default, which already
    revalidates every file (`public, max-age=0, must-revalidate`); two rules that set the same header
    would be joined with a comma."""
    lines = ["# Written by tools/deploy.py from overrides/hooks/csp.py: do not edit.", "/*"]
    lines += [f"  {name}: {value}" for name, value in common_headers(site).items()]
    for path in paths:
        if WORKER.search(path):
            lines += [path, f"  Content-Security-Policy: {csp.worker_policy()}"]
        if HASHED.search(path):
            lines += [path, f"  Cache-Control: {IMMUTABLE}"]
    return "\n".join(lines) + "\n"


def nginx_conf(site: Path, paths: list[str], root: str, listen: str) -> str:
    """An nginx `conf.d` file (http context): two maps and the server block that serves `root`.

    Every add_header is at server level (a location with its own add_header would drop them all)."""
    common = common_headers(site)
    worker = "\n".join(f'    "{p}" "{csp.worker_policy()}";' for p in paths if WORKER.search(p))
    immutable = "\n".join(f'    "{p}" "{IMMUTABLE}";' for p in paths if HASHED.search(p))
    adds = "\n".join(f'    add_header {name} "{value}" always;' for name, value in common.items())
    # Each language's own "not found" page for addresses under its folder (/nn/…, /en/…), the
    # Bokmål one for the rest: every 404.html the build wrote below the root, as nginx locations.
    not_found = "".join(
        f"    location /{folder}/ {{\n        error_page 404 /{folder}/404.html;\n    }}\n"
        for folder in sorted(path.parent.relative_to(site).as_posix() for path in site.glob("*/404.html"))
    )
    return f"""# Written by tools/deploy.py from overrides/hooks/csp.py: do not edit.
# Needs the brotli_static module (Debian: libnginx-mod-http-brotli-static) and mime.types with wasm.
map_hash_bucket_size 128;
map $uri $pycheck_worker_csp {{
    default "";
{worker}
}}
map $uri $pycheck_cache_control {{
    default "{REVALIDATE}";
{immutable}
}}
server {{
    listen {listen};
    root {root};
    index index.html;
    charset utf-8;
    charset_types text/css application/javascript text/javascript application/json text/plain text/xml;
    # Precompressed copies written at build time; nothing is compressed on the fly, so files that
    # are gzip already (snapshot.bin.gz) go out as they are, without Content-Encoding.
    gzip off;
    gzip_static on;
    brotli_static on;
    gzip_vary on;
    server_tokens off;
{adds}
    add_header Content-Security-Policy $pycheck_worker_csp always;
    add_header Cache-Control $pycheck_cache_control always;
    error_page 404 /404.html;
{not_found}    location ~ \\.mjs$ {{
        types {{ }}
        default_type text/javascript;
    }}
    location = /_headers {{
        return 404;
    }}
}}
"""


def precompress(site: Path) -> int:
    """Writes `.br` and `.gz` beside every compressible file; returns how many files got them."""
    CACHE.mkdir(parents=True, exist_ok=True)
    count = 0
    for path in sorted(site.rglob("*")):
        if not path.is_file() or path.suffix not in COMPRESSIBLE:
            continue
        data = path.read_bytes()
        key = sha256(data)
        for suffix, pack in ((".br", lambda d: brotli.compress(d, quality=11)),
                             (".gz", lambda d: gzip.compress(d, compresslevel=9, mtime=0))):
            cached = CACHE / (key + suffix)
            if not cached.is_file():
                tmp = cached.with_suffix(".tmp")
                tmp.write_bytes(pack(data))
                tmp.replace(cached)
            path.with_name(path.name + suffix).write_bytes(cached.read_bytes())
        count += 1
    return count


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, default=ROOT / "site")
    parser.add_argument("--nginx", type=Path, default=ROOT / "build" / "deploy" / "nginx.conf")
    parser.add_argument("--root", help="the folder nginx serves (default: --site, absolute)")
    parser.add_argument("--listen", default="127.0.0.1:8080", help="nginx's listen parameters")
    args = parser.parse_args()
    site = args.site.resolve()
    if not (site / RUNTIME / "pyodide-lock.json").is_file():
        try:
            runtime_folder(site)
        except FileNotFoundError:
            sys.exit(f"{site / RUNTIME} holds no runtime: copy build/pyodide there first (make site does)")
    version_runtime(site)
    write_pins(site)
    paths = url_paths(site)
    (site / "_headers").write_text(headers_file(site, paths), encoding="utf-8")
    args.nginx.parent.mkdir(parents=True, exist_ok=True)
    args.nginx.write_text(nginx_conf(site, paths, args.root or str(site), args.listen), encoding="utf-8")
    print(f"deploy: _headers, {args.nginx.name}, pins, {precompress(site)} files precompressed")


if __name__ == "__main__":
    main()
