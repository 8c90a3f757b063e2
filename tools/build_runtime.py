"""Build the site's self-hosted Pyodide runtime into build/pyodide/ (run by `make runtime`).

What it puts there, all of it served from the site's own origin as `site/pyodide/`:

    pyodide.mjs  pyodide.asm.mjs  pyodide.asm.wasm  python_stdlib.zip   from the npm package `pyodide`
    pycheck-<version>-py3-none-any.whl                                   built from this repository
    pyotp-<version>-py3-none-any.whl                                     pinned by hash (requirements/pyodide.txt)
    pyodide-lock.json   the npm package's lock file cut down to exactly these wheels, each with its
                        sha256 and a file name relative to the lock file (no URL, no other host)
    snapshot.bin.gz  snapshot.json   a memory snapshot with pycheck and pyotp imported, and its
                        sha256 (tools/make_snapshot.mjs); the worker restores it when it can, else boots
                        normally as below
    snapshot-stdlib.zip   an empty zip, the standard library of a restored snapshot (which needs none)

How the pages' worker, the snapshot maker, the tests and the benchmark load it: with the settings of
overrides/assets/javascripts/pycheck/runtime.mjs (`pyodideOptions(base)`, then `loadPackages` by name).
`packageBaseUrl` is the runtime folder too: without it a package missing from the lock file would be
fetched from a CDN.

`loadPackage` resolves names through pyodide-lock.json only: no micropip, no index, and a wheel whose
sha256 differs from the lock file's is refused. It does not reject when a package fails (a refused
integrity check included): it calls `errorCallback` and leaves the package out, so check that the names
are in `pyodide.loadedPackages` afterwards. A name the lock file does not know rejects with
"No known package with name ..." and makes no request.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NPM_PYODIDE = ROOT / "node_modules" / "pyodide"
RUNTIME_FILES = ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip")
PINNED_WHEELS = ROOT / "requirements" / "pyodide.txt"
TEST_WHEELS = ROOT / "requirements" / "pyodide-test.txt"
# The packages the browser may load by name: pycheck and what the pins file holds.
PACKAGE = "pycheck"


def run(*cmd: str | Path, env: dict[str, str] | None = None) -> None:
    print("+", " ".join(str(c) for c in cmd), flush=True)
    subprocess.run([str(c) for c in cmd], check=True, cwd=ROOT, env=env)


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def copy_runtime(out: Path) -> None:
    for name in RUNTIME_FILES:
        source = NPM_PYODIDE / name
        if not source.is_file():
            sys.exit(f"{source} is missing: run `make node_modules` (npm ci)")
        shutil.copy2(source, out / name)


def build_pycheck_wheel(out: Path) -> Path:
    """Builds pycheck's wheel offline (no isolation: hatchling comes from the venv)."""
    for old in out.glob(f"{PACKAGE}-*.whl"):
        old.unlink()
    with tempfile.TemporaryDirectory() as tmp:
        run(sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir", tmp, ".")
        (wheel,) = Path(tmp).glob(f"{PACKAGE}-*.whl")
        return Path(shutil.copy2(wheel, out / wheel.name))


def pip_download(requirements: Path, dest: Path | str, *target: str) -> None:
    """Downloads exactly the pinned wheels (no dependencies resolved here), each checked against its hash."""
    env = {**os.environ, "PIP_CONFIG_FILE": os.devnull}
    run(sys.executable, "-m", "pip", "download", "-q", "--no-deps", "--only-binary", ":all:",
        *target, "--require-hashes", "-r", requirements, "-d", dest, env=env)


def pyodide_wheel_target() -> list[str]:
    """pip's options selecting wheels for this Pyodide build: pure ones, or built for its exact ABI."""
    info = json.loads((NPM_PYODIDE / "pyodide-lock.json").read_text(encoding="utf-8"))["info"]
    major, minor = info["python"].split(".")[:2]
    return ["--platform", f"pyemscripten_{info['abi_version']}_{info['arch']}",
            "--python-version", f"{major}.{minor}", "--implementation", "cp", "--abi", f"cp{major}{minor}"]


def download_test_wheels(dest: Path) -> None:
    """pytest, hypothesis and their dependencies for running pycheck's suite inside Pyodide (never shipped)."""
    if dest.exists():
        shutil.rmtree(dest)
    dest.mkdir(parents=True)
    pip_download(TEST_WHEELS, dest, *pyodide_wheel_target())


def download_pinned_wheels(out: Path) -> list[Path]:
    """Fetches the pinned pure-Python wheels the browser loads (requirements/pyodide.txt)."""
    with tempfile.TemporaryDirectory() as tmp:
        pip_download(PINNED_WHEELS, tmp)
        wheels = []
        for wheel in sorted(Path(tmp).glob("*.whl")):
            if not wheel.name.endswith("-none-any.whl"):
                sys.exit(f"{wheel.name} is not a pure-Python wheel: the browser cannot use it")
            wheels.append(Path(shutil.copy2(wheel, out / wheel.name)))
        return wheels


def write_lock_file(out: Path, wheels: list[Path]) -> Path:
    """The npm package's lock file with its package list replaced by exactly our wheels.

    The npm package ships none of the ~350 packages its lock file lists, so keeping them would only
    offer names that cannot load; `info` (Python version, ABI, platform) is kept as Pyodide checks it.
    """
    npm_lock = json.loads((NPM_PYODIDE / "pyodide-lock.json").read_text(encoding="utf-8"))
    npm_lock["packages"] = {}
    lock = out / "pyodide-lock.json"
    pyodide_cli = Path(sys.executable).with_name("pyodide")
    with tempfile.TemporaryDirectory() as tmp:
        empty = Path(tmp) / "pyodide-lock.json"
        empty.write_text(json.dumps(npm_lock), encoding="utf-8")
        run(pyodide_cli, "lockfile", "add-wheels", "--input", empty, "--output", lock,
            "--base-path", out, *wheels)
    return lock


def check_lock_file(lock: Path, wheels: list[Path]) -> None:
    """Refuses a lock file that names another host, an absolute path, or a hash that does not match."""
    packages = json.loads(lock.read_text(encoding="utf-8"))["packages"]
    expected = {wheel.name: sha256(wheel) for wheel in wheels}
    found = {entry["file_name"]: entry["sha256"] for entry in packages.values()}
    if found != expected:
        sys.exit(f"{lock}: lists {found}, expected {expected}")
    for name in found:
        if "/" in name or ":" in name:
            sys.exit(f"{lock}: file name {name!r} is not relative to the lock file")


def make_snapshot(out: Path) -> None:
    """The memory snapshot the worker restores instead of booting (see tools/make_snapshot.mjs), and
    the empty zip it is given as its standard library: everything it runs was imported before the
    snapshot was taken, so the 2.5 MB python_stdlib.zip need not be downloaded with it."""
    for stale in ("snapshot.bin.gz", "snapshot.json"):
        (out / stale).unlink(missing_ok=True)
    run("node", ROOT / "tools" / "make_snapshot.mjs", out)
    zipfile.ZipFile(out / "snapshot-stdlib.zip", "w").close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "build" / "pyodide")
    parser.add_argument("--test-wheels", type=Path, metavar="DIR",
                        help="instead: download the test tools' wheels for Pyodide into DIR")
    args = parser.parse_args()
    if args.test_wheels:
        download_test_wheels(args.test_wheels.resolve())
        return
    out: Path = args.out.resolve()
    out.mkdir(parents=True, exist_ok=True)
    for stale in out.glob("*.whl"):
        stale.unlink()
    copy_runtime(out)
    wheels = [build_pycheck_wheel(out), *download_pinned_wheels(out)]
    lock = write_lock_file(out, wheels)
    check_lock_file(lock, wheels)
    make_snapshot(out)
    print(f"runtime ready in {out}: {', '.join(sorted(p.name for p in out.iterdir()))}")


if __name__ == "__main__":
    main()
