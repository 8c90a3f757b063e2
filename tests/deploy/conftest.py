"""The built site behind Debian's nginx, with the configuration tools/deploy.py generates
(tests/nginxkit.py starts it)."""
from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from nginxkit import NginxError, nginx


@pytest.fixture(scope="session")
def nginx_url(site_dir: Path, tmp_path_factory) -> Iterator[str]:
    """Serves site/ with the generated configuration and yields its base URL, ending in '/'."""
    try:
        with nginx(site_dir, tmp_path_factory.mktemp("nginx")) as url:
            yield url
    except NginxError as error:
        pytest.fail(str(error))
