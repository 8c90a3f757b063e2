"""The built site behind Debian's nginx, with the configuration tools/deploy.py generates.

nginx runs without root: a temporary prefix, a free port on 127.0.0.1, `daemon off`, its error log in
the temporary folder. The set-up (tools/ensure-system-packages) installs nginx and its brotli module.
"""
from __future__ import annotations

import socket
import subprocess
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import deploy
import pytest

NGINX = Path("/usr/sbin/nginx")
BROTLI_MODULE = Path("/usr/lib/nginx/modules/ngx_http_brotli_static_module.so")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def main_conf(prefix: Path, server_conf: Path) -> str:
    return f"""load_module {BROTLI_MODULE};
daemon off;
master_process on;
worker_processes 1;
pid {prefix}/nginx.pid;
error_log {prefix}/error.log warn;
events {{ worker_connections 64; }}
http {{
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    access_log off;
    client_body_temp_path {prefix}/body;
    proxy_temp_path {prefix}/proxy;
    fastcgi_temp_path {prefix}/fastcgi;
    uwsgi_temp_path {prefix}/uwsgi;
    scgi_temp_path {prefix}/scgi;
    include {server_conf};
}}
"""


@pytest.fixture(scope="session")
def nginx_url(site_dir: Path, tmp_path_factory) -> Iterator[str]:
    """Serves site/ with the generated configuration and yields its base URL, ending in '/'."""
    if not NGINX.is_file() or not BROTLI_MODULE.is_file():
        pytest.fail("nginx or its brotli module is missing: run tools/ensure-system-packages (make test does)")
    prefix = tmp_path_factory.mktemp("nginx")
    port = free_port()
    server_conf = prefix / "site.conf"
    paths = deploy.url_paths(site_dir)
    server_conf.write_text(deploy.nginx_conf(site_dir, paths, str(site_dir), f"127.0.0.1:{port}"), encoding="utf-8")
    (prefix / "nginx.conf").write_text(main_conf(prefix, server_conf), encoding="utf-8")
    process = subprocess.Popen([str(NGINX), "-p", str(prefix), "-c", str(prefix / "nginx.conf")],
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    url = f"http://127.0.0.1:{port}/"
    try:
        deadline = time.monotonic() + 15
        while True:
            if process.poll() is not None:
                log = (prefix / "error.log").read_text() if (prefix / "error.log").exists() else ""
                pytest.fail(f"nginx stopped: {process.stderr.read().decode()} {log}")
            try:
                urllib.request.urlopen(url, timeout=2).close()
                break
            except OSError:
                if time.monotonic() > deadline:
                    pytest.fail("nginx did not answer within 15 s")
                time.sleep(0.1)
        yield url
    finally:
        process.terminate()
        process.wait(timeout=10)
