"""The runtime under a folder named by its content (tools/deploy.py): what lets a host cache every
runtime file for a year while a new build is still seen at once."""
from __future__ import annotations

import re
import shutil
import urllib.request
from pathlib import Path

import deploy
import pytest
from guide_languages import LANGS, prefix

BUILT_RUNTIME = Path(__file__).resolve().parents[2] / "build" / "pyodide"
YEAR = "public, max-age=31536000, immutable"


def fresh_site(tmp_path: Path, runtime: Path = BUILT_RUNTIME) -> Path:
    """A site folder with the runtime copied in flat, as `make site` copies it."""
    site = tmp_path / "site"
    shutil.copytree(runtime, site / "pyodide")
    return site


def cache_control(url: str) -> str:
    with urllib.request.urlopen(url) as response:
        return response.headers["Cache-Control"]


def test_the_runtime_moves_into_one_folder_named_by_its_content(tmp_path):
    site = fresh_site(tmp_path)
    names = sorted(p.name for p in BUILT_RUNTIME.iterdir() if p.is_file())
    folder = deploy.version_runtime(site)
    assert re.fullmatch(r"[0-9a-f]{16}", folder.name)
    assert folder.parent == site / "pyodide" and list((site / "pyodide").iterdir()) == [folder]
    assert sorted(p.name for p in folder.iterdir()) == names
    for name in names:
        assert (folder / name).read_bytes() == (BUILT_RUNTIME / name).read_bytes(), name
    assert deploy.runtime_folder(site) == folder
    assert deploy.version_runtime(site) == folder, "a versioned runtime is left as it is"


def test_the_same_files_give_the_same_folder_and_any_change_a_new_one(tmp_path):
    first = deploy.version_runtime(fresh_site(tmp_path / "a")).name
    assert deploy.version_runtime(fresh_site(tmp_path / "b")).name == first
    changed = tmp_path / "changed"
    shutil.copytree(BUILT_RUNTIME, changed)
    (changed / "pyodide.mjs").write_bytes((changed / "pyodide.mjs").read_bytes() + b"\n")
    assert deploy.version_runtime(fresh_site(tmp_path / "c", changed)).name != first
    renamed = tmp_path / "renamed"
    shutil.copytree(BUILT_RUNTIME, renamed)
    (renamed / "pyodide.mjs").rename(renamed / "pyodide2.mjs")
    assert deploy.version_runtime(fresh_site(tmp_path / "d", renamed)).name != first


def test_a_new_build_replaces_the_old_folder(tmp_path):
    site = fresh_site(tmp_path)
    old = deploy.version_runtime(site)
    shutil.copytree(BUILT_RUNTIME, site / "pyodide", dirs_exist_ok=True)
    (site / "pyodide" / "pyodide.mjs").write_bytes(b"// another build\n")
    new = deploy.version_runtime(site)
    assert new != old and not old.exists() and deploy.runtime_folder(site) == new


@pytest.mark.parametrize("layout", ["missing", "flat", "two folders", "odd name"])
def test_a_site_without_one_versioned_folder_is_refused(tmp_path, layout):
    site = tmp_path / "site"
    (site / "pyodide").mkdir(parents=True)
    if layout == "flat":
        (site / "pyodide" / "pyodide.mjs").write_text("")
    elif layout == "two folders":
        (site / "pyodide" / ("a" * 16)).mkdir()
        (site / "pyodide" / ("b" * 16)).mkdir()
    elif layout == "odd name":
        (site / "pyodide" / "latest").mkdir()
    with pytest.raises(FileNotFoundError, match="make site"):
        deploy.runtime_folder(site)


def test_every_worker_is_told_the_folder(site_dir):
    folder = deploy.runtime_folder(site_dir).name
    for lang in LANGS:
        text = (site_dir / prefix(lang) / "assets/javascripts/pycheck/integrity.mjs").read_text("utf-8")
        assert f'export const RUNTIME_FOLDER = "{folder}/";' in text, lang


def test_the_runtime_is_cached_for_a_year_and_what_names_it_is_revalidated(nginx_url, site_dir):
    folder = deploy.runtime_folder(site_dir)
    files = [p for p in folder.iterdir() if p.suffix not in (".br",) and not (p.suffix == ".gz" and p.stem in
                                                                                {q.name for q in folder.iterdir()})]
    assert {p.name for p in files} >= {"pyodide.asm.wasm", "pyodide.mjs", "snapshot.bin.gz", "snapshot.json"}
    for path in files:
        assert cache_control(nginx_url + path.relative_to(site_dir).as_posix()) == YEAR, path.name
    # The page, the worker and integrity.mjs say which folder to use: they must be asked for again.
    for path in ("checker/", "assets/javascripts/pycheck/worker.js", "assets/javascripts/pycheck/integrity.mjs"):
        assert cache_control(nginx_url + path) == "no-cache", path
