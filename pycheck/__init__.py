"""The IMDinett password policy, its validator, a demo TOTP generator and a CLI.

    >>> from pycheck import check_password
    >>> report = check_password("Fjell-Kaffe-Sykkel-47", "Fjell-Kaffe-Sykkel-47")
    >>> report.ok, report.failed
    (True, ())

Pure Python (stdlib and pyotp): the same code runs in CPython and, through Pyodide, in the browser.
"""
from importlib import import_module

from . import messages
from .policy import POLICY, Policy
from .report import PasswordReport
from .suggest import suggest_password
from .validator import check_password
from .warnings import WARNING_CODES

__version__ = "1.0.0"  # the one version of the package (pyproject.toml reads it)
RULE_CODES: tuple[str, ...] = POLICY.codes


def __getattr__(name: str):
    """`pycheck.totp` is imported on first use: the password checker alone need not load pyotp."""
    if name == "totp":
        return import_module(".totp", __name__)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = [
    "POLICY",
    "RULE_CODES",
    "WARNING_CODES",
    "PasswordReport",
    "Policy",
    "check_password",
    "messages",
    "suggest_password",
    "totp",
]
