"""The runtime the site ships: its layout, and a lock file that names only our wheels, by hash, on our origin."""
from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent
RUNTIME_FILES = ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip", "pyodide-lock.json")
URL = re.compile(r"[a-z][a-z0-9+.-]*://|//", re.IGNORECASE)


def lock(runtime_dir: Path) -> dict:
    return json.loads((runtime_dir / "pyodide-lock.json").read_text(encoding="utf-8"))


def test_layout_holds_the_runtime_and_one_wheel_per_package(runtime_dir: Path) -> None:
    for name in RUNTIME_FILES:
        assert (runtime_dir / name).is_file(), name
    wheels = sorted(p.name.split("-")[0] for p in runtime_dir.glob("*.whl"))
    assert wheels == ["pycheck", "pyotp"]


def test_runtime_files_are_the_pinned_npm_package(runtime_dir: Path) -> None:
    npm = ROOT / "node_modules" / "pyodide"
    for name in ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip"):
        assert (runtime_dir / name).read_bytes() == (npm / name).read_bytes(), name
    pinned = json.loads((ROOT / "package.json").read_text(encoding="utf-8"))["dependencies"]["pyodide"]
    assert json.loads((npm / "package.json").read_text(encoding="utf-8"))["version"] == pinned


def test_lock_lists_our_wheels_with_their_sha256(runtime_dir: Path) -> None:
    packages = lock(runtime_dir)["packages"]
    assert set(packages) == {"pycheck", "pyotp"}
    for name, entry in packages.items():
        wheel = runtime_dir / entry["file_name"]
        assert wheel.is_file(), entry["file_name"]
        assert entry["sha256"] == hashlib.sha256(wheel.read_bytes()).hexdigest(), name
        assert entry["name"] == name and wheel.name.startswith(f"{name}-{entry['version']}-")
    assert packages["pycheck"]["depends"] == ["pyotp"]
    assert "pycheck" in packages["pycheck"]["imports"]


def test_lock_names_no_url_and_no_other_host(runtime_dir: Path) -> None:
    text = (runtime_dir / "pyodide-lock.json").read_text(encoding="utf-8")
    assert not URL.search(text), URL.search(text)
    for entry in lock(runtime_dir)["packages"].values():
        assert "/" not in entry["file_name"] and "\\" not in entry["file_name"]


def test_lock_fits_the_runtime_build(runtime_dir: Path) -> None:
    npm_lock = json.loads((ROOT / "node_modules" / "pyodide" / "pyodide-lock.json").read_text(encoding="utf-8"))
    assert lock(runtime_dir)["info"] == npm_lock["info"]
