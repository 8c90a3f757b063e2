"""MkDocs hook: a Content-Security-Policy `<meta>` as the first element of every page's `<head>`.

Scripts may come from the site itself only; WebAssembly may be compiled (Pyodide needs it). The few
inline scripts Material writes into each page are allowed by their SHA-256 hash, computed here from
their exact text after every other hook has changed the page, so no `'unsafe-inline'` is needed.

The same data feeds the HTTP headers a host sends (`tools/deploy.py` writes them for nginx and for
`_headers` hosts): a header can say what a `<meta>` policy cannot (`frame-ancestors`), and a worker
script gets its policy only from its own response headers, never from the page's `<meta>`.
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

# What the HTML pages' header policy changes: the header adds what a <meta> cannot set and narrows
# what the pages never use (no <base>, no plugin, no form submission). Both policies apply together.
HEADER_DIRECTIVES: dict[str, list[str]] = {
    "frame-ancestors": ["'none'"],
    "base-uri": ["'none'"],
    "object-src": ["'none'"],
    "form-action": ["'none'"],
}

# The policy of every worker script's response (ours runs Pyodide; Material's runs the search).
WORKER_DIRECTIVES: dict[str, list[str]] = {
    "default-src": ["'none'"],
    "script-src": ["'self'", "'wasm-unsafe-eval'"],
    "connect-src": ["'self'"],
}

# Sent with every response. Permissions-Policy turns off every feature the guide never uses.
COMMON_HEADERS: dict[str, str] = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Permissions-Policy": ", ".join(f"{feature}=()" for feature in (
        "accelerometer", "autoplay", "camera", "display-capture", "encrypted-media", "fullscreen",
        "geolocation", "gyroscope", "magnetometer", "microphone", "midi", "payment",
        "picture-in-picture", "publickey-credentials-get", "screen-wake-lock", "sync-xhr", "usb",
        "xr-spatial-tracking", "interest-cohort", "browsing-topics")),
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


def render(directives: dict[str, list[str]]) -> str:
    """Policy text from directives, in their order."""
    return "; ".join(f"{name} {' '.join(sources)}" for name, sources in directives.items())


def policy_for(html: str) -> str:
    """The policy text for one page: `CSP_DIRECTIVES` plus the hashes of the page's inline scripts."""
    directives = {name: list(sources) for name, sources in CSP_DIRECTIVES.items()}
    directives["script-src"] += inline_script_hashes(html)
    return render(directives)


def header_policy(script_hashes: list[str]) -> str:
    """The HTML pages' header policy: `CSP_DIRECTIVES` changed by `HEADER_DIRECTIVES`, with
    `script_hashes` (the inline scripts of every page the header covers) added to `script-src`."""
    directives = {name: list(sources) for name, sources in CSP_DIRECTIVES.items()}
    directives.update({name: list(sources) for name, sources in HEADER_DIRECTIVES.items()})
    directives["script-src"] += [h for h in script_hashes if h not in directives["script-src"]]
    return render(directives)


def worker_policy() -> str:
    return render(WORKER_DIRECTIVES)


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
