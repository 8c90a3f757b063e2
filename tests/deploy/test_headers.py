"""Every kind of file through nginx, from the outside: its headers, its type, its encodings; and the
pages' `<meta>` policy, `_headers` and nginx agree, since all three come from csp.py's data."""
from __future__ import annotations

import brotli
import gzip
import re
import urllib.error
import urllib.request
from fnmatch import fnmatchcase

import csp
import deploy
import pytest
from guide_languages import LANGS, prefix

KINDS = {  # a file of every kind the site serves, and what must come back
    "": "text/html", **{prefix(lang) + "checker/": "text/html" for lang in LANGS}, "404.html": "text/html",
    "assets/javascripts/pycheck/worker.js": "application/javascript",
    "assets/javascripts/pycheck/runtime.mjs": "text/javascript",
    "assets/javascripts/pycheck/integrity.mjs": "text/javascript",
    "assets/javascripts/workers/search-stemming.js": "application/javascript",
    "assets/stylesheets/guide.css": "text/css",
    "assets/images/favicon.png": "image/png",
    "search/search_index.json": "application/json",
    "sitemap.xml": "text/xml",
    "steps.json": "application/json",
    "pyodide/pyodide.asm.wasm": "application/wasm",
    "pyodide/pyodide.mjs": "text/javascript",
    "pyodide/snapshot.json": "application/json",
    "pyodide/pyodide-lock.json": "application/json",
    "pyodide/snapshot.bin.gz": None,
    "pyodide/python_stdlib.zip": "application/zip",
}


def get(url: str, encoding: str = "identity"):
    request = urllib.request.Request(url, headers={"Accept-Encoding": encoding})
    with urllib.request.urlopen(request) as response:
        return response.headers, response.read()


def hashed_paths(site_dir) -> list[str]:
    return [p for p in deploy.url_paths(site_dir) if deploy.HASHED.search(p)]


def headers_rules(site_dir) -> list[tuple[str, list[tuple[str, str]]]]:
    """site/_headers as (path pattern, [(name, value)]) in order."""
    rules: list = []
    for line in (site_dir / "_headers").read_text(encoding="utf-8").splitlines():
        if line.startswith("/"):
            rules.append((line, []))
        elif line.startswith("  "):
            name, value = line.strip().split(": ", 1)
            rules[-1][1].append((name, value))
    return rules


def from_headers_file(site_dir, path: str) -> dict[str, list[str]]:
    """What a _headers host sends for `path`: every matching rule's headers, in order."""
    found: dict[str, list[str]] = {}
    for pattern, headers in headers_rules(site_dir):
        if fnmatchcase(path, pattern):
            for name, value in headers:
                found.setdefault(name, []).append(value)
    return found


def at_runtime(site_dir, path: str) -> str:
    """`path`, with a leading "pyodide/" as the site's versioned runtime folder ("pyodide/<id>/")."""
    if not path.startswith("pyodide/"):
        return path
    return f"{deploy.runtime_folder(site_dir).relative_to(site_dir).as_posix()}/{path.removeprefix('pyodide/')}"


@pytest.fixture(scope="module")
def kinds(site_dir) -> dict[str, str | None]:
    """KINDS with the runtime's real paths."""
    return {at_runtime(site_dir, path): mime for path, mime in KINDS.items()}


@pytest.fixture(scope="module")
def paths(site_dir, kinds) -> list[str]:
    return [*kinds, *(p.lstrip("/") for p in hashed_paths(site_dir) if p.lstrip("/") not in kinds)]


def test_every_kind_of_file_has_its_headers(nginx_url, site_dir, paths, kinds):
    page_policy = csp.header_policy(deploy.page_script_hashes(site_dir))
    for path in paths:
        headers, _ = get(nginx_url + path)
        url_path = "/" + path
        for name, value in csp.COMMON_HEADERS.items():
            assert headers.get_all(name) == [value], (path, name)
        policies = headers.get_all("Content-Security-Policy")
        is_worker = bool(deploy.WORKER.search(url_path))
        assert policies == ([page_policy, csp.worker_policy()] if is_worker else [page_policy]), path
        cache = deploy.IMMUTABLE if deploy.HASHED.search(url_path) else "no-cache"
        assert headers.get_all("Cache-Control") == [cache], path
        if kinds.get(path):
            assert headers.get_content_type() == kinds[path], path


def test_the_pages_policy_forbids_framing_and_what_a_meta_cannot_say(nginx_url):
    headers, _ = get(nginx_url + "checker/")
    directives = dict(d.split(" ", 1) for d in headers["Content-Security-Policy"].split("; "))
    assert directives["frame-ancestors"] == "'none'"
    assert directives["base-uri"] == directives["object-src"] == directives["form-action"] == "'none'"
    assert "'unsafe-inline'" not in headers["Content-Security-Policy"]


def test_the_worker_responses_carry_their_own_policy(nginx_url):
    for path in (prefix(lang) + "assets/javascripts/pycheck/worker.js" for lang in LANGS):
        headers, _ = get(nginx_url + path)
        assert "default-src 'none'; script-src 'self' 'wasm-unsafe-eval'; connect-src 'self'" in \
            headers.get_all("Content-Security-Policy"), path


@pytest.mark.parametrize("lang", LANGS)
def test_an_unknown_address_gets_the_not_found_page_of_its_language(nginx_url, site_dir, lang):
    with pytest.raises(urllib.error.HTTPError) as answer:
        get(nginx_url + prefix(lang) + "no-such-page/")
    assert answer.value.code == 404
    body = answer.value.read()
    assert body == (site_dir / prefix(lang) / "404.html").read_bytes()
    assert re.search(rf'<html lang="{lang}"', body.decode("utf-8"))
    page_policy = csp.header_policy(deploy.page_script_hashes(site_dir))
    assert answer.value.headers.get_all("Content-Security-Policy") == [page_policy]


@pytest.mark.parametrize("path", ["checker/", "assets/javascripts/pycheck/worker.js", "pyodide/pyodide.asm.wasm",
                                  "pyodide/pyodide-lock.json", "search/search_index.json"])
def test_brotli_and_gzip_are_negotiated(nginx_url, site_dir, path):
    path = at_runtime(site_dir, path)
    file = site_dir / (path + "index.html" if path.endswith("/") else path)
    plain = file.read_bytes()
    headers, body = get(nginx_url + path, "br")
    assert headers["Content-Encoding"] == "br" and brotli.decompress(body) == plain
    assert "Accept-Encoding" in headers["Vary"]
    headers, body = get(nginx_url + path, "gzip")
    assert headers["Content-Encoding"] == "gzip" and gzip.decompress(body) == plain
    headers, body = get(nginx_url + path, "identity")
    assert headers["Content-Encoding"] is None and body == plain


def test_the_snapshot_goes_out_as_it_is_without_content_encoding(nginx_url, site_dir):
    """It is gzip already: with Content-Encoding the browser would unpack it and its sha256 would not match."""
    headers, body = get(nginx_url + at_runtime(site_dir, "pyodide/snapshot.bin.gz"), "br, gzip")
    assert headers["Content-Encoding"] is None
    assert body == (deploy.runtime_folder(site_dir) / "snapshot.bin.gz").read_bytes()


def test_headers_file_and_nginx_send_the_same(nginx_url, site_dir, paths):
    """_headers hosts revalidate by default, so the file names only the immutable files' Cache-Control."""
    for path in paths:
        headers, _ = get(nginx_url + path)
        expected = from_headers_file(site_dir, "/" + path)
        expected.setdefault("Cache-Control", ["no-cache"])
        for name, values in expected.items():
            assert headers.get_all(name) == values, (path, name)


def test_the_meta_policy_of_every_page_agrees_with_the_header(site_dir):
    header = dict(d.split(" ", 1) for d in csp.header_policy(deploy.page_script_hashes(site_dir)).split("; "))
    meta_policy = re.compile(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)">')
    pages = sorted(site_dir.rglob("*.html"))
    assert len(pages) > 10
    for page in pages:
        meta = dict(d.split(" ", 1) for d in meta_policy.search(page.read_text("utf-8")).group(1).split("; "))
        for name, sources in meta.items():
            if name == "script-src":
                assert set(sources.split()) <= set(header[name].split()), page
            else:
                assert header[name] == " ".join(csp.HEADER_DIRECTIVES.get(name, sources.split())), (page, name)
        assert set(header) - set(meta) == {"frame-ancestors"}


def test_the_generated_nginx_file_is_the_one_tested(site_dir):
    """build/deploy/nginx.conf differs from the tested one only in its root and port."""
    built = (deploy.ROOT / "build" / "deploy" / "nginx.conf").read_text("utf-8")
    assert built == deploy.nginx_conf(site_dir, deploy.url_paths(site_dir), str(site_dir), "127.0.0.1:8080")
