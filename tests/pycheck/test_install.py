"""A clean clone of the repository installs with pip, and the installed package gives the right verdicts.

What a new user does (`git clone … && pip install ./clone`), kept offline so that it cannot flake: pip
builds the committed tree with the venv's pinned hatchling (no build isolation, no index), and installs
the wheel into a new, empty virtual environment. Only pyotp, which checking a password never imports,
is left out (`--no-deps`); test_wheel.py checks that the wheel asks for it.
"""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

if sys.platform == "emscripten":
    pytest.skip("cloning and installing need subprocesses, which Pyodide lacks", allow_module_level=True)

ROOT = Path(__file__).resolve().parents[2]
# Run in the new environment, from a folder outside the repository: only the installed package can answer.
PROBE = """
import importlib.metadata, json, pycheck
print(json.dumps({
    "file": pycheck.__file__,
    "version": pycheck.__version__,
    "installed_version": importlib.metadata.version("pycheck"),
    "short": pycheck.check_password("abc").failed,
    "good": pycheck.check_password("Havnen-Glede-Funket-Deltatt-92", "Havnen-Glede-Funket-Deltatt-92").to_dict("en"),
    "common": pycheck.check_password("Passord123456789!").warnings,
    "suggested": pycheck.check_password(pycheck.suggest_password()).ok,
}))
"""


def run(*args: str | Path, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    # No machine-wide pip config (extra indexes), no version check against PyPI, no PYTHONPATH.
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PIP_", "PYTHON"))}
    env |= {"PIP_CONFIG_FILE": os.devnull, "PIP_DISABLE_PIP_VERSION_CHECK": "1"}
    return subprocess.run([str(a) for a in args], cwd=cwd, env=env, capture_output=True, text=True, timeout=180)


def build(clone: Path, out: Path) -> subprocess.CompletedProcess[str]:
    """`pip wheel` of the clone, as `pip install ./clone` builds it, offline."""
    return run(sys.executable, "-m", "pip", "wheel", "--no-build-isolation", "--no-deps", "--no-index",
               "--wheel-dir", out, clone)


@pytest.fixture(scope="module")
def clone(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The committed HEAD, as `git clone` gives it: nothing ignored, generated or uncommitted."""
    if not (ROOT / ".git").exists():
        pytest.skip("not a git checkout (an unpacked sdist, say): there is nothing to clone")
    dest = tmp_path_factory.mktemp("clone") / "pycheck"
    # safe.directory: CI may check the repository out as another user than the one running the tests.
    cloned = run("git", "-c", "safe.directory=*", "clone", "--quiet", "--depth", "1", f"file://{ROOT}", dest)
    assert cloned.returncode == 0, cloned.stderr
    return dest


def test_a_clean_clone_installs_and_the_installed_package_checks(clone: Path, tmp_path: Path) -> None:
    built = build(clone, tmp_path / "wheels")
    assert built.returncode == 0, built.stdout + built.stderr
    (wheel,) = (tmp_path / "wheels").glob("pycheck-*.whl")
    venv = tmp_path / "venv"
    created = run(sys.executable, "-m", "venv", "--without-pip", venv)
    assert created.returncode == 0, created.stderr
    python = venv / "bin" / "python"
    installed = run(sys.executable, "-m", "pip", "--python", python, "install", "--no-deps", "--no-index", wheel)
    assert installed.returncode == 0, installed.stdout + installed.stderr

    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    probe = run(python, "-c", PROBE, cwd=elsewhere)
    assert probe.returncode == 0, probe.stderr
    found = json.loads(probe.stdout)
    assert Path(found["file"]).resolve().is_relative_to(venv.resolve()), found["file"]
    assert found["version"] == found["installed_version"]
    assert found["short"] == ["length", "digit", "upper", "special"]
    assert found["good"]["ok"] is True and found["good"]["warnings"] == []
    assert found["good"]["rules"][0]["message"] == "At least 16 characters"
    assert found["common"] == ["common"]  # the committed word lists are installed and read
    assert found["suggested"] is True


def test_the_build_refuses_a_tree_without_its_word_lists(clone: Path, tmp_path: Path) -> None:
    damaged = tmp_path / "damaged"
    shutil.copytree(clone, damaged)
    (damaged / "pycheck" / "data" / "generated" / "nb-words.txt").unlink()
    refused = build(damaged, tmp_path / "wheels")
    output = refused.stdout + refused.stderr
    assert refused.returncode != 0
    assert "word lists are missing" in output and "nb-words.txt" in output, output
    assert not list((tmp_path / "wheels").glob("*.whl"))
