"""Smallest proof that the installed pycheck wheel and its dependencies import and work in Pyodide.

Run inside Pyodide by test_in_pyodide.py (never collected by CPython's pytest: the name does not
start with test_).
"""
from __future__ import annotations

import sys

import pyotp

import pycheck


def test_runs_inside_pyodide() -> None:
    assert sys.platform == "emscripten"


def test_pycheck_comes_from_the_installed_wheel() -> None:
    assert "site-packages" in pycheck.__file__


def test_pyotp_matches_rfc6238_vector() -> None:
    # RFC 6238 appendix B, SHA-1, T = 59 s: 94287082 (8 digits).
    secret = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"  # base32 of "12345678901234567890"
    assert pyotp.TOTP(secret, digits=8).at(59) == "94287082"


def test_the_worker_module_answers() -> None:
    from pycheck import web

    assert web.check("abc", None, "en")["failed"] == ["length", "digit", "upper", "special"]
