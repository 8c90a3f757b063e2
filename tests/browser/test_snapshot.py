"""The checker boots from the memory snapshot when it can, and from the normal boot when it cannot.

Which way it booted shows in the requests: the snapshot path fetches `snapshot.bin.gz` and never the
pycheck wheel (pycheck is already imported in the snapshot); the normal boot fetches the wheel.
Either way the verdicts equal CPython's and every request stays on the site's origin.
"""
from __future__ import annotations

import gzip
import hashlib
import json
from fnmatch import fnmatchcase
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import deploy
from browserkit import CHECKER, READY_TIMEOUT_MS, at, refuse_snapshot, runtime_file, serve_pinned_runtime_json
from guide_languages import LANGS
from passwordkit import CHECK_ALL

from pycheck import check_password, totp

pytestmark = pytest.mark.browser

PASSWORDS = [
    ("", None),
    ("Sommer2024!", None),
    ("Korrekt-Hest-Batteri-9", "Korrekt-Hest-Batteri-9"),
    ("Korrekt-Hest-Batteri-9", "Korrekt-Hest-Batteri-8"),
    ("Ærlig Øl På Åsen 42!", None),
    ("P@ssw0rd" * 10, None),
    ("Korrekt\u200bHest-Batteri-9", ""),
    ("🙂Smilefjes-Passord-12!", None),
    ("  Mellomrom  i  Passord  7!  ", None),
]
# Each password asked for in one language, every language in turn: the restored Python knows them all.
CASES = [(password, confirm, LANGS[i % len(LANGS)]) for i, (password, confirm) in enumerate(PASSWORDS)]


def cpython_reports() -> list[dict]:
    return [json.loads(json.dumps(check_password(p, c).to_dict(lang), ensure_ascii=False)) for p, c, lang in CASES]


def manifest(site_dir: Path) -> dict:
    return json.loads((deploy.runtime_folder(site_dir) / "snapshot.json").read_text("utf-8"))


def boot_and_check(context, site_url: str, path: str = "checker/") -> list[dict]:
    """Opens the checker, types a password, waits for the verdict and returns the API's reports."""
    page = context.new_page()
    page.goto(path)
    page.fill(f"{CHECKER} input[name=password]", "Korrekt-Hest-Batteri-9")
    page.wait_for_selector(f"{CHECKER}[data-ok]", timeout=READY_TIMEOUT_MS)
    assert page.get_attribute(CHECKER, "data-state") == "ready"
    assert page.get_attribute(CHECKER, "data-failed") == " ".join(check_password("Korrekt-Hest-Batteri-9", "").failed)
    reports = page.evaluate(CHECK_ALL, [list(case) for case in CASES])
    code = page.evaluate("() => window.pycheck.totp('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', 59, {digits: 8})")
    assert code == totp.code("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ", 59, digits=8)
    origin = urlsplit(site_url)[:2]
    assert [u for u in context.requests if urlsplit(u)[:2] != origin] == []
    return reports


def serve_as_snapshot(context, site_dir: Path, packed: bytes) -> None:
    """Serves `packed` as the snapshot, with a manifest that records its sha256 and size: it passes the
    worker's integrity check, so what happens next is up to the bytes themselves."""
    forged = {**manifest(site_dir), "sha256": hashlib.sha256(packed).hexdigest(), "bytes": len(packed)}
    serve_pinned_runtime_json(context, site_dir, "snapshot.json", forged)
    context.route("**/pyodide/*/snapshot.bin.gz", lambda route: route.fulfill(status=200, body=packed))


def fetched(context, name: str) -> bool:
    """Whether the runtime's file `name` (a glob: "pycheck-*.whl") was asked for."""
    return any(fnmatchcase(runtime_file(url), name) for url in context.requests)


def booted_from_snapshot(context) -> bool:
    return fetched(context, "snapshot.bin.gz") and not fetched(context, "pycheck-*.whl")


def test_the_build_ships_a_snapshot_with_its_sha256(site_dir):
    data = manifest(site_dir)
    packed = (deploy.runtime_folder(site_dir) / data["file"]).read_bytes()
    assert hashlib.sha256(packed).hexdigest() == data["sha256"]
    assert len(packed) == data["bytes"]
    raw = gzip.decompress(packed)
    assert hashlib.sha256(raw).hexdigest() == data["raw_sha256"] and len(raw) == data["raw_bytes"]
    wasm = (deploy.runtime_folder(site_dir) / "pyodide.asm.wasm").read_bytes()
    assert hashlib.sha256(wasm).hexdigest() == data["wasm_sha256"]


def test_from_the_snapshot_the_verdicts_equal_cpythons(context, site_url):
    reports = boot_and_check(context, site_url, at("en", "checker/"))
    assert booted_from_snapshot(context), context.requests
    assert reports == cpython_reports()


def test_the_snapshot_needs_no_standard_library_download(context, site_url):
    # A restored interpreter has imported all it runs: the 2.5 MB python_stdlib.zip is never fetched,
    # so even a host that lost it serves a working checker.
    context.route("**/pyodide/*/python_stdlib.zip", lambda route: route.fulfill(status=404, body="not found"))
    reports = boot_and_check(context, site_url)
    assert booted_from_snapshot(context), context.requests
    assert not fetched(context, "python_stdlib.zip") and fetched(context, "snapshot-stdlib.zip")
    assert reports == cpython_reports()


def test_a_missing_snapshot_falls_back_to_the_normal_boot(context, site_url):
    context.route("**/pyodide/*/snapshot.bin.gz", lambda route: route.fulfill(status=404, body="not found"))
    reports = boot_and_check(context, site_url)
    assert fetched(context, "pycheck-*.whl")
    assert reports == cpython_reports()


def test_a_missing_manifest_falls_back_without_fetching_the_snapshot(context, site_url):
    refuse_snapshot(context)
    reports = boot_and_check(context, site_url)
    assert fetched(context, "pycheck-*.whl") and not fetched(context, "snapshot.bin.gz")
    assert reports == cpython_reports()


def test_a_corrupted_snapshot_is_refused_by_its_sha256(context, site_url, site_dir):
    packed = bytearray((deploy.runtime_folder(site_dir) / manifest(site_dir)["file"]).read_bytes())
    packed[len(packed) // 2] ^= 0xFF
    context.route("**/pyodide/*/snapshot.bin.gz", lambda route: route.fulfill(status=200, body=bytes(packed)))
    reports = boot_and_check(context, site_url)
    assert fetched(context, "pycheck-*.whl")
    assert reports == cpython_reports()


def test_a_working_snapshot_with_another_sha256_is_refused(context, site_url, site_dir):
    """The same snapshot packed again: it would restore fine, but it is not the one the build recorded."""
    data = manifest(site_dir)
    repacked = gzip.compress(gzip.decompress((deploy.runtime_folder(site_dir) / data["file"]).read_bytes()), compresslevel=1)
    assert hashlib.sha256(repacked).hexdigest() != data["sha256"]
    context.route("**/pyodide/*/snapshot.bin.gz", lambda route: route.fulfill(status=200, body=repacked))
    reports = boot_and_check(context, site_url)
    assert fetched(context, "snapshot.bin.gz") and fetched(context, "pycheck-*.whl")
    assert reports == cpython_reports()


def test_a_snapshot_of_another_build_fails_to_restore_and_falls_back(context, site_url, site_dir):
    """A snapshot whose sha256 matches its manifest but that another pyodide.asm.wasm build made."""
    data = manifest(site_dir)
    raw = bytearray(gzip.decompress((deploy.runtime_folder(site_dir) / data["file"]).read_bytes()))
    raw[16:48] = bytes(b ^ 0x55 for b in raw[16:48])  # the header's build id (Pyodide checks it on restore)
    serve_as_snapshot(context, site_dir, gzip.compress(bytes(raw), compresslevel=1))
    reports = boot_and_check(context, site_url)
    assert fetched(context, "snapshot.bin.gz") and fetched(context, "pycheck-*.whl")
    assert reports == cpython_reports()


def test_garbage_that_is_not_gzip_falls_back(context, site_url, site_dir):
    serve_as_snapshot(context, site_dir, b"not a snapshot" * 1000)
    reports = boot_and_check(context, site_url)
    assert fetched(context, "pycheck-*.whl")
    assert reports == cpython_reports()
