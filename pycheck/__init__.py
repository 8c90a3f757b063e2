"""The IMDinett password policy, its validator, a demo TOTP generator and a CLI.

    >>> from pycheck import check_password
    >>> report = check_password("Fjell-Kaffe-Sykkel-47", "Fjell-Kaffe-Sykkel-47")
    >>> report.ok, report.failed
    (True, ())

Pure Python (stdlib and pyotp): the same code runs in CPython and, through Pyodide, in the browser.
"""
from . import messages, totp
from .hints import WARNING_CODES
from .policy import POLICY, Policy
from .report import PasswordReport
from .suggest import suggest_password
from .validator import check_password

__version__ = "1.0.0"
RULE_CODES: tuple[str, ...] = POLICY.codes

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
