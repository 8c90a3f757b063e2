"""MkDocs hook: a Content-Security-Policy `<meta>` as the first element of every page's `<head>`.

Scripts may come from the site itself only; WebAssembly may be compiled (Pyodide needs it). The few
inline scripts Material writes into each page are allowed by their SHA-256 hash, computed here from
their exact text after every other hook has changed the page, so no `'unsafe-inline'` is needed.
"""
from __future__ import annotations

import base64
import hashlib
import re
from typing import Any

from mkdocs.plugins import event_priority

# The page policy, directive by directive. `script-src` gets the page's inline-script hashes appended.
# `frame-ancestors`, `report-uri` and `sandbox` are ignored in a <meta> policy, so they are not here.
CSP_DIRECTIVES: dict[str, list[str]] = {
    "default-src": ["'self'"],
    "script-src": ["'self'", "'wasm-unsafe-eval'"],
    "worker-src": ["'self'"],
    "connect-src": ["'self'"],
    "img-src": ["'self'", "data:", "blob:"],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'"],
}

_HEAD = re.compile(r"<head(?:\s[^>]*)?>", re.IGNORECASE)
# Browsers end a script element's text at the first "</script"; so does this pattern.
_SCRIPT = re.compile(r"<script\b([^>]*)>(.*?)</script\s*>", re.IGNORECASE | re.DOTALL)
_ATTR = re.compile(r"""([^\s=/>]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?""")
_EXISTING = re.compile(r"<meta\s[^>]*http-equiv\s*=\s*[\"']?content-security-policy", re.IGNORECASE)
# Types a browser runs as JavaScript (an absent or empty type means JavaScript too).
_JS_TYPES = {"", "module", "text/javascript", "application/javascript", "text/ecmascript",
             "application/ecmascript", "text/jscript", "text/livescript"}


def _attributes(text: str) -> dict[str, str]:
    found: dict[str, str] = {}
    for match in _ATTR.finditer(text):
        name, *values = match.groups()
        found.setdefault(name.lower(), next((v for v in values if v is not None), ""))
    return found


def inline_script_hashes(html: str) -> list[str]:
    """`'sha256-…'` sources for every inline script of `html` that a browser would run, in order."""
    hashes: list[str] = []
    for match in _SCRIPT.finditer(html):
        attrs = _attributes(match.group(1))
        if "src" in attrs or attrs.get("type", "").strip().lower() not in _JS_TYPES:
            continue
        digest = hashlib.sha256(match.group(2).encode("utf-8")).digest()
        source = f"'sha256-{base64.b64encode(digest).decode('ascii')}'"
        if source not in hashes:
            hashes.append(source)
    return hashes


def policy_for(html: str) -> str:
    """The policy text for one page: `CSP_DIRECTIVES` plus the hashes of the page's inline scripts."""
    directives = {name: list(sources) for name, sources in CSP_DIRECTIVES.items()}
    directives["script-src"] += inline_script_hashes(html)
    return "; ".join(f"{name} {' '.join(sources)}" for name, sources in directives.items())


def add_csp(html: str) -> str:
    """Returns `html` with the policy `<meta>` inserted as the first element of `<head>`.

    Pages without a `<head>` are returned unchanged; a page that already has a policy is an error,
    since two policies would both apply and the result would be hard to reason about.
    """
    head = _HEAD.search(html)
    if head is None:
        return html
    if _EXISTING.search(html):
        raise ValueError("page already has a Content-Security-Policy <meta>")
    meta = f'<meta http-equiv="Content-Security-Policy" content="{policy_for(html)}">'
    return html[: head.end()] + meta + html[head.end():]


@event_priority(-100)  # last, after every other hook and plugin has changed the page
def on_post_page(output: str, page: Any, config: Any) -> str:
    return add_csp(output)


@event_priority(-100)
def on_post_template(output_content: str, template_name: str, config: Any) -> str:
    """Theme-level pages such as 404.html get the policy too (sitemap.xml does not)."""
    return add_csp(output_content) if template_name.endswith(".html") else output_content
