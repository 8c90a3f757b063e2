"""The wheel the browser downloads: built from the tree, small, complete, and nothing more."""
from __future__ import annotations

import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

if sys.platform == "emscripten":
    pytest.skip("building a wheel needs a subprocess and the build tools, which Pyodide lacks",
                allow_module_level=True)

ROOT = Path(__file__).resolve().parents[2]
MAX_BYTES = 300 * 1024


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir", str(out), str(ROOT)],
        check=True, capture_output=True, timeout=300,
    )
    (built,) = out.glob("pycheck-*-py3-none-any.whl")
    return built


def test_wheel_is_small_enough_for_a_browser(wheel: Path) -> None:
    assert wheel.stat().st_size <= MAX_BYTES, f"{wheel.name}: {wheel.stat().st_size} bytes"


def test_wheel_holds_the_package_its_texts_and_the_generated_lists(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    source = {f"pycheck/{p.relative_to(ROOT / 'pycheck').as_posix()}" for p in (ROOT / "pycheck").rglob("*.py")}
    assert source <= names
    assert {
        "pycheck/messages.toml",
        "pycheck/py.typed",
        "pycheck/data/generated/common-passwords.txt",
        "pycheck/data/generated/nb-words.txt",
        "pycheck/data/generated/passphrase-words.txt",
        "pycheck/data/generated/SOURCES.txt",
    } <= names
    stray = {n for n in names if not n.startswith(("pycheck/", "pycheck-"))}
    assert not stray, stray
    assert not any(n.endswith((".pyc", ".stamp")) for n in names)


def test_wheel_lists_are_the_generated_ones(wheel: Path) -> None:
    with zipfile.ZipFile(wheel) as archive:
        for name in ("common-passwords.txt", "nb-words.txt", "passphrase-words.txt"):
            packed = archive.read(f"pycheck/data/generated/{name}")
            assert packed == (ROOT / "pycheck" / "data" / "generated" / name).read_bytes()


def metadata(wheel: Path) -> str:
    with zipfile.ZipFile(wheel) as archive:
        return next(archive.read(n).decode() for n in archive.namelist() if n.endswith("/METADATA"))


def test_wheel_depends_only_on_pyotp(wheel: Path) -> None:
    requires = [line for line in metadata(wheel).splitlines() if line.startswith("Requires-Dist:")]
    assert len(requires) == 1 and "pyotp" in requires[0]


def test_wheel_metadata_is_a_few_lines_with_the_packages_own_version(wheel: Path) -> None:
    # The browser downloads the metadata with the wheel: no long description (the project's README).
    text = metadata(wheel)
    assert len(text.encode()) < 1024 and "Description-Content-Type" not in text
    init = (ROOT / "pycheck" / "__init__.py").read_text("utf-8")
    version = re.search(r'^__version__ = "([^"]+)"', init, re.MULTILINE).group(1)
    assert f"\nVersion: {version}\n" in text and wheel.name == f"pycheck-{version}-py3-none-any.whl"
