"""Debian's nginx serving a folder with the configuration tools/deploy.py generates, without root: a
temporary prefix, a free port on 127.0.0.1, `daemon off`, its error log in the prefix. Used by the
deploy tests (tests/deploy/) and the benchmark, which measures through it as a reader would be served.
The set-up (tools/ensure-system-packages) installs nginx and its brotli module.
"""
from __future__ import annotations

import os
import pwd
import socket
import subprocess
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import deploy

NGINX = Path("/usr/sbin/nginx")
BROTLI_MODULE = Path("/usr/lib/nginx/modules/ngx_http_brotli_static_module.so")
START_TIMEOUT_S = 15


class NginxError(RuntimeError):
    """nginx is missing, stopped, or did not answer."""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def main_conf(prefix: Path, server_conf: Path) -> str:
    # Started as root, nginx would run its worker as `nobody`, who cannot read a private temporary
    # folder (the benchmark serves one): the worker runs as whoever started it.
    user = f"user {pwd.getpwuid(os.geteuid()).pw_name};" if os.geteuid() == 0 else ""
    return f"""load_module {BROTLI_MODULE};
{user}
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


@contextmanager
def nginx(site: Path, prefix: Path | None = None) -> Iterator[str]:
    """Serves `site` (with deploy.py's .br/.gz copies in it) as deploy.py configures nginx; yields the
    base URL, ending in '/'. Raises NginxError when nginx is missing or does not start."""
    if not NGINX.is_file() or not BROTLI_MODULE.is_file():
        raise NginxError("nginx or its brotli module is missing: run tools/ensure-system-packages (make test does)")
    with tempfile.TemporaryDirectory(prefix="nginx-") as tmp:
        prefix = prefix or Path(tmp)
        port = free_port()
        server_conf = prefix / "site.conf"
        site = site.resolve()
        server_conf.write_text(deploy.nginx_conf(site, deploy.url_paths(site), str(site), f"127.0.0.1:{port}"),
                               encoding="utf-8")
        (prefix / "nginx.conf").write_text(main_conf(prefix, server_conf), encoding="utf-8")
        process = subprocess.Popen([str(NGINX), "-p", str(prefix), "-c", str(prefix / "nginx.conf")],
                                   stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        url = f"http://127.0.0.1:{port}/"
        try:
            wait_until_answering(process, prefix, url)
            yield url
        finally:
            process.terminate()
            process.wait(timeout=10)


def wait_until_answering(process: subprocess.Popen, prefix: Path, url: str) -> None:
    deadline = time.monotonic() + START_TIMEOUT_S
    while True:
        if process.poll() is not None:
            log = (prefix / "error.log").read_text() if (prefix / "error.log").exists() else ""
            raise NginxError(f"nginx stopped: {process.stderr.read().decode()} {log}")
        try:
            urllib.request.urlopen(url, timeout=2).close()
            return
        except OSError:
            if time.monotonic() > deadline:
                raise NginxError(f"nginx did not answer within {START_TIMEOUT_S} s") from None
            time.sleep(0.1)
