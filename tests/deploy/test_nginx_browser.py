"""The guide in Chromium through nginx: the checker boots from the snapshot with no policy violation and
no request to another origin; other origins cannot frame a page; and every file the worker checks is
refused when changed, with the normal boot as the fallback where one exists."""
from __future__ import annotations

import json
import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit

import deploy
import pytest
from browserkit import (CHECKER, READY_TIMEOUT_MS, assert_fallback, at, csp_violations, pyodide_requests,
                        recording_context, runtime_file, serve_pinned_runtime_json, watch_csp)
from guide_languages import DEFAULT_LANG, LANGS
from static_server import serving

from pycheck import check_password

pytestmark = pytest.mark.browser
PASSWORD = "Korrekt-Hest-Batteri-9"
# Another origin the forged files point at: it must never be asked for anything.
ELSEWHERE = "http://127.0.0.2:9/"


@pytest.fixture
def context(browser, nginx_url):
    ctx = recording_context(browser, base_url=nginx_url)
    watch_csp(ctx)
    yield ctx
    ctx.close()


def others(context, nginx_url) -> list[str]:
    origin = urlsplit(nginx_url)[:2]
    return [u for u in context.requests if urlsplit(u)[:2] != origin and not u.startswith(("data:", "blob:"))]


def fetched(context, name: str) -> bool:
    return any(runtime_file(u) == name for u in context.requests)


def wheel_fetched(context) -> bool:
    return any(runtime_file(u).startswith("pycheck-") for u in context.requests)


def verdict(context, path: str = "checker/"):
    page = context.new_page()
    page.goto(path)
    page.fill(f"{CHECKER} input[name=password]", PASSWORD)
    page.wait_for_selector(f"{CHECKER}[data-ok]", timeout=READY_TIMEOUT_MS)
    assert page.get_attribute(CHECKER, "data-state") == "ready"
    return page


def fallback(context, lang: str = DEFAULT_LANG):
    page = context.new_page()
    page.goto(at(lang, "checker/"))
    page.fill(f"{CHECKER} input[name=password]", PASSWORD)
    assert_fallback(page, CHECKER, lang)
    return page


def runtime_json(site_dir, name: str) -> dict:
    return json.loads((deploy.runtime_folder(site_dir) / name).read_text("utf-8"))


def test_the_checker_boots_from_the_snapshot_through_nginx(context, nginx_url):
    for lang in LANGS:  # each language's worker, from its own folder, says its verdict in that language
        page = verdict(context, at(lang, "checker/"))
        page.wait_for_selector(f"{CHECKER}[data-busy=false]")
        shown = page.locator(f"{CHECKER} [data-role=verdict]").inner_text()
        assert shown == check_password(PASSWORD, "").to_dict(lang)["summary"], lang
        assert csp_violations(page) == []
    assert fetched(context, "snapshot.bin.gz") and not wheel_fetched(context)
    assert others(context, nginx_url) == []


def test_the_normal_boot_works_through_nginx(context, nginx_url):
    context.route("**/pyodide/*/snapshot.json", lambda route: route.fulfill(status=404, body="not found"))
    page = verdict(context)
    assert wheel_fetched(context) and csp_violations(page) == []
    assert others(context, nginx_url) == []


@contextmanager
def framing_page(target: str, folder: Path) -> Iterator[str]:
    """A page on another origin (another port of 127.0.0.1) that frames `target`."""
    (folder / "index.html").write_text(f'<!doctype html><title>frame</title><iframe src="{target}"></iframe>',
                                       encoding="utf-8")
    with serving(folder) as url:
        yield url


def test_another_origin_cannot_frame_a_page(browser, nginx_url, tmp_path):
    with framing_page(nginx_url + "checker/", tmp_path) as outside:
        context = browser.new_context()
        try:
            page = context.new_page()
            refused = []
            page.on("console", lambda message: refused.append(message.text) if "frame-ancestors" in message.text else None)
            page.goto(outside)
            page.wait_for_timeout(1000)
            frame = page.frames[1]
            assert frame.url != nginx_url + "checker/" or frame.evaluate("document.querySelector('[data-pycheck]')") is None
            assert refused, "Chromium did not report the refused frame"
        finally:
            context.close()


# --- integrity: one test per refusal ----------------------------------------------------------------
@pytest.mark.parametrize("folder", [ELSEWHERE, "../", "//127.0.0.2:9/", "0123456789abcdef/../../",
                                    "0123456789ABCDEF/", "0123456789abcdef"])
def test_a_runtime_folder_elsewhere_is_refused(context, nginx_url, site_dir, folder):
    """integrity.mjs names the runtime's folder: anything but 16 hex digits and a slash is refused
    before the worker asks for a single runtime file."""
    module = re.sub(r'RUNTIME_FOLDER = "[^"]*"', f"RUNTIME_FOLDER = {json.dumps(folder)}",
                    deploy.integrity_module("x", deploy.runtime_pins(site_dir)))
    context.route("**/pycheck/integrity.mjs", lambda route: route.fulfill(
        status=200, body=module, content_type="text/javascript"))
    fallback(context)
    assert pyodide_requests(context) == [] and others(context, nginx_url) == []


def test_a_changed_snapshot_manifest_is_refused_by_its_pin(context, nginx_url, site_dir):
    body = json.dumps({**runtime_json(site_dir, "snapshot.json"), "bytes": 1}).encode()
    context.route("**/pyodide/*/snapshot.json", lambda route: route.fulfill(status=200, body=body))
    page = verdict(context)
    assert wheel_fetched(context) and not fetched(context, "snapshot.bin.gz")
    assert csp_violations(page) == [] and others(context, nginx_url) == []


@pytest.mark.parametrize("file", [ELSEWHERE + "snapshot.bin.gz", "../snapshot.bin.gz", "x/../snapshot.bin.gz"])
def test_a_snapshot_elsewhere_is_refused(context, nginx_url, site_dir, file):
    serve_pinned_runtime_json(context, site_dir, "snapshot.json", {**runtime_json(site_dir, "snapshot.json"), "file": file})
    page = verdict(context)
    assert wheel_fetched(context) and not any("snapshot.bin.gz" in u for u in context.requests)
    assert csp_violations(page) == [] and others(context, nginx_url) == []


def test_a_snapshot_for_another_wasm_is_refused(context, nginx_url, site_dir):
    serve_pinned_runtime_json(context, site_dir, "snapshot.json", {**runtime_json(site_dir, "snapshot.json"), "wasm_sha256": "0" * 64})
    verdict(context)
    assert wheel_fetched(context) and not fetched(context, "snapshot.bin.gz")


def test_a_changed_lock_file_is_refused_by_its_pin(context, nginx_url, site_dir):
    lock = runtime_json(site_dir, "pyodide-lock.json")
    body = json.dumps(lock, indent=1).encode()  # the same content, other bytes
    context.route("**/pyodide/*/pyodide-lock.json", lambda route: route.fulfill(status=200, body=body))
    fallback(context)
    assert not wheel_fetched(context) and others(context, nginx_url) == []


@pytest.mark.parametrize("file_name", [ELSEWHERE + "pycheck.whl", "sub/pycheck.whl", "../pycheck.whl"])
def test_a_wheel_elsewhere_is_refused(context, nginx_url, site_dir, file_name):
    lock = runtime_json(site_dir, "pyodide-lock.json")
    lock["packages"]["pycheck"]["file_name"] = file_name
    serve_pinned_runtime_json(context, site_dir, "pyodide-lock.json", lock)
    fallback(context)
    assert not wheel_fetched(context) and others(context, nginx_url) == []


def test_a_changed_wasm_is_refused(context, nginx_url, site_dir):
    wasm = bytearray((deploy.runtime_folder(site_dir) / "pyodide.asm.wasm").read_bytes())
    wasm[-1] ^= 0xFF
    context.route("**/pyodide/*/pyodide.asm.wasm", lambda route: route.fulfill(
        status=200, body=bytes(wasm), content_type="application/wasm"))
    fallback(context)
    assert others(context, nginx_url) == []
