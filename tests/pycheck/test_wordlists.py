"""The generated word lists: present where the package looks for them, small, and cut as intended."""
from __future__ import annotations

import subprocess
import sys
from importlib import resources
from pathlib import Path

import pytest

from pycheck import wordlists


@pytest.mark.parametrize("name", [wordlists.COMMON_PASSWORDS, wordlists.NB_WORDS, wordlists.PASSPHRASE_WORDS])
def test_list_is_installed_with_the_package(name: str) -> None:
    # In an editable install this is the source tree, where the lists are committed.
    path = resources.files("pycheck").joinpath("data", "generated", name)
    assert path.is_file(), f"{name} missing: restore pycheck/data/generated/ from git"
    words = path.read_text("utf-8").splitlines()
    assert 1000 <= len(words) <= 20_000
    assert len(set(words)) == len(words)
    assert all(len(w) >= 4 and w == w.lower() and w == w.strip() for w in words)


def test_lists_hold_what_the_warnings_need() -> None:
    assert {"password", "qwerty", "passord", "sommer"} <= wordlists.common_passwords()
    assert {"sommer", "vinter", "hjemme", "kommune"} <= wordlists.norwegian_words()
    assert wordlists.is_word("fotball") and not wordlists.is_word("xkq9zv")


def test_sources_are_credited() -> None:
    sources = resources.files("pycheck").joinpath("data", "generated", "SOURCES.txt").read_text("utf-8")
    assert "zxcvbn" in sources and "wordfreq" in sources and "CC BY-SA" in sources


def test_importing_pycheck_reads_no_word_list_and_loads_no_pyotp() -> None:
    if sys.platform == "emscripten":
        pytest.skip("Pyodide cannot start a fresh interpreter")
    code = (
        "import sys, pycheck, pycheck.wordlists as w;"
        "print(w.common_passwords.cache_info().currsize, w.norwegian_words.cache_info().currsize,"
        " w.passphrase_words.cache_info().currsize, 'pyotp' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.split() == ["0", "0", "0", "False"]


def test_remaking_the_lists_from_the_pinned_sources_gives_the_committed_bytes(tmp_path: Path) -> None:
    """`make data` with the pins of requirements/dev.txt reproduces the committed files exactly (their
    SOURCES.txt names the zxcvbn and wordfreq versions, so other versions differ there too)."""
    root = Path(__file__).resolve().parents[2]
    committed = root / "pycheck" / "data" / "generated"
    if sys.platform == "emscripten" or not (root / "tools" / "make_wordlists.py").is_file():
        pytest.skip("needs the repository's tools and a fresh interpreter")
    subprocess.run([sys.executable, str(root / "tools" / "make_wordlists.py"), str(tmp_path)],
                   check=True, capture_output=True, timeout=300)
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(wordlists.FILES)
    assert sorted(p.name for p in committed.iterdir()) == sorted(wordlists.FILES)
    for name in wordlists.FILES:
        assert (tmp_path / name).read_bytes() == (committed / name).read_bytes(), name
