"""MkDocs hook: the password policy on the pages comes from `pycheck`, the validator's own data.

Markers, each replaced in the page's language (`theme.language`):
- `[[pycheck:rules]]` alone on a line: the list of rules (`rule.<code>.help` for every rule, then
  `rule.match.help`), as an HTML list;
- `[[pycheck:min_length]]` inline: the minimum length, e.g. `16`;
- `[[pycheck:specials]]` inline: the special characters that count, spaced out in a `<code>`.
Other `[[pycheck:…]]` markers (the widgets) are left for the widgets hook.
"""
from __future__ import annotations

import html
import re
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from pycheck import POLICY, messages

_RULES_LINE = re.compile(r"^\[\[pycheck:rules\]\][ \t]*$", re.MULTILINE)
_INLINE = re.compile(r"\[\[pycheck:(min_length|specials)\]\]")


def rules_html(lang: str) -> str:
    """The policy's rules as an HTML list in `lang`."""
    items = "".join(
        f"<li data-rule=\"{code}\">{html.escape(messages.text(f'rule.{code}.help', lang))}</li>"
        for code in POLICY.codes
    )
    return f'<ul class="policy-rules">{items}</ul>'


def specials_html() -> str:
    """The special characters that count, one space between each, as inline code."""
    return f"<code class=\"policy-specials\">{html.escape(' '.join(POLICY.specials))}</code>"


def replace_markers(markdown: str, lang: str) -> str:
    """`markdown` with the policy markers replaced by the policy's values and texts in `lang`."""
    markdown = _RULES_LINE.sub(lambda _: rules_html(lang), markdown)
    values = {"min_length": str(POLICY.min_length), "specials": specials_html()}
    return _INLINE.sub(lambda m: values[m.group(1)], markdown)


def on_page_markdown(markdown: str, *, config: MkDocsConfig, **kwargs: Any) -> str:
    return replace_markers(markdown, config.theme["language"])
