"""The password policy's values and texts for the policy markers (see markers.py), from `pycheck`.

- `[[pycheck:rules]]`: the list of rules (`rule.<code>.help` for every code of the policy, `match`
  last), as an HTML list in the page's language;
- `[[pycheck:min_length]]`: the minimum length, e.g. `16`;
- `[[pycheck:specials]]`: the special characters that count, spaced out in a `<code>`.
"""
from __future__ import annotations

import html

from pycheck import POLICY, messages


def rules_html(lang: str) -> str:
    """The policy's rules as an HTML list in `lang`."""
    items = "".join(
        f"<li data-rule=\"{code}\">{html.escape(messages.text(f'rule.{code}.help', lang))}</li>"
        for code in POLICY.codes
    )
    return f'<ul class="policy-rules">{items}</ul>'


def min_length_text() -> str:
    """The minimum length, as digits."""
    return str(POLICY.min_length)


def specials_html() -> str:
    """The special characters that count, one space between each, as inline code."""
    return f"<code class=\"policy-specials\">{html.escape(' '.join(POLICY.specials))}</code>"
