"""check_password: every rule and every warning, all collected, never raising for any text."""
from __future__ import annotations

from .facts import Facts
from .policy import POLICY, Policy
from .report import PasswordReport
from .rules import match_failure, rules
from .warnings import warning_checks


def check_password(
    password: str,
    confirm: str | None = None,
    *,
    username: str | None = None,
    policy: Policy = POLICY,
) -> PasswordReport:
    """Checks `password` (never changed) against the policy, and against `confirm` when given."""
    if not isinstance(password, str):
        raise TypeError(f"password must be a str, not {type(password).__name__}")
    if confirm is not None and not isinstance(confirm, str):
        raise TypeError(f"confirm must be a str or None, not {type(confirm).__name__}")
    if username is not None and not isinstance(username, str):
        raise TypeError(f"username must be a str or None, not {type(username).__name__}")
    facts = Facts(password)
    params: dict[str, dict[str, object]] = {}
    failed: list[str] = []
    for rule in rules(policy):
        failure = rule.failure(facts)
        if failure is not None:
            failed.append(rule.code)
            params[rule.code] = failure
    checked = policy.rules
    if confirm is not None:
        checked = (*checked, "match")
        if match_failure(password, confirm) is not None:
            failed.append("match")
    warnings: list[str] = []
    for check in warning_checks(policy):
        found = check.applies(facts, username)
        if found is not None:
            warnings.append(check.code)
            params[check.code] = found
    return PasswordReport(
        checked=checked,
        failed=tuple(failed),
        warnings=tuple(warnings),
        length=facts.length,
        visible_length=len(password),
        params=params,
        policy=policy,
    )
