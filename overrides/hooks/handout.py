"""MkDocs hook: the print handout (`[[steps:handout]]` on the page `utskrift`, the same path in every language).

Every step of the guide, in order, as its own page shows it (text, warnings, the redrawn screens), with
its code and a QR code of its published address, and without what only works on a screen: the step
links and copy buttons, the widgets, and any sub-section that holds a widget ("Prøv først"). The marker
(see markers.py) leaves a placeholder and the «Skriv ut» button; the steps are filled in here in
`on_page_context`, when MkDocs has rendered every page's content (all pages are rendered before any
page is written), so the handout is made from the pages themselves and cannot drift from them.

The QR codes point at `SITE_URL` + the step's URL (steps.py: `site_root`, `qr_svg`); the address
written under each is the step's short address (`/s/p2/`), easier to type than the full one. The
print styles (guide.css, `@media print`) keep the whole handout within 6 A4 pages in each language
(tests/browser/test_print.py prints it and counts).
"""
from __future__ import annotations

import html
import re
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlsplit

from mkdocs.exceptions import PluginError

import i18n
import steps
import widgets

PLACEHOLDER = '<div class="handout" data-role="handout"></div>'

_HEADING = re.compile(r"<h(?P<level>[1-6])\b[^>]*>")
_STEP_LINK = re.compile(r'<p class="step-(?:link|source)">.*?</p>', re.DOTALL)
_WIDGET = re.compile(r"<(?P<tag>[a-z][a-z0-9]*)\b[^>]*\bdata-pycheck=", re.IGNORECASE)
_HREF = re.compile(r'(<a\b[^>]*?\bhref=")([^"]*)(")', re.IGNORECASE)
_ABSOLUTE = re.compile(r"^(?:[a-z][a-z0-9+.-]*:|/)", re.IGNORECASE)


def print_tools(lang: str) -> str:
    """What the marker becomes: the «Skriv ut» button (shown by guide.js; hidden without JavaScript, and
    never printed) and the placeholder for the steps."""
    return (f'<p class="handout__tools"><button type="button" class="md-button md-button--primary" data-print hidden>'
            f'{html.escape(widgets.text("handout_print", lang))}</button></p>' + PLACEHOLDER)


def step_section(content: str, step_id: str) -> str:
    """The step's part of a rendered page: its heading and all that follows up to the next h1 or h2."""
    start = re.search(rf'<h(?P<level>[1-6])\b[^>]*\bid="{re.escape(step_id)}"', content)
    if start is None:
        raise PluginError(f"handout: the step {step_id!r} is not on its rendered page")
    end = re.compile(r"<h[12]\b").search(content, start.end())
    return content[start.start(): end.start() if end else len(content)]


def _element_end(text: str, start: int, tag: str) -> int:
    """Where the element whose start tag begins at `start` ends (after its end tag), counting nesting."""
    pattern = re.compile(rf"<(/?){tag}\b[^>]*>", re.IGNORECASE)
    depth = 0
    for match in pattern.finditer(text, start):
        depth += -1 if match.group(1) else 1
        if depth == 0:
            return match.end()
    raise PluginError(f"handout: <{tag}> at {start} is never closed")


def _drop_widget_subsections(section: str) -> str:
    """`section` without each sub-section (h3–h6 and what follows up to a heading of its level or
    higher) that holds a widget."""
    headings = [(m.start(), int(m.group("level"))) for m in _HEADING.finditer(section)]
    for index in range(len(headings) - 1, 0, -1):  # the first heading is the step's own
        start, level = headings[index]
        end = next((s for s, lv in headings[index + 1:] if lv <= level), len(section))
        if _WIDGET.search(section, start, end):
            section = section[:start] + section[end:]
    return section


def for_print(section: str) -> str:
    """A step's rendered HTML as the handout shows it: no step link, no handout-slide line, no widget,
    no sub-section made for a widget."""
    section = _STEP_LINK.sub("", section)
    section = _drop_widget_subsections(section)
    while (widget := _WIDGET.search(section)) is not None:
        section = section[:widget.start()] + section[_element_end(section, widget.start(), widget.group("tag")):]
    return section


def rebase_links(section: str, from_url: str, to_url: str) -> str:
    """Links of a page at root-relative `from_url`, rewritten to work from the page at `to_url`."""

    def rebase(match: re.Match[str]) -> str:
        href = html.unescape(match.group(2))
        if _ABSOLUTE.match(href):
            return match.group(0)
        parts = urlsplit(urljoin("http://site" + from_url, href))
        target = steps.relative(parts.path, to_url)
        target += ("?" + parts.query if parts.query else "") + ("#" + parts.fragment if parts.fragment else "")
        return match.group(1) + html.escape(target) + match.group(3)

    return _HREF.sub(rebase, section)


def handout_step(step: steps.Step, section: str, lang: str, root: str, short: str) -> str:
    """One step of the handout: its heading, short address and QR code kept together, then its text."""
    end = re.search(r"</h[1-6]>", section)
    if end is None:
        raise PluginError(f"handout: the step {step.id!r} has no heading")
    return (
        f'<section class="handout__step" aria-labelledby="{step.id}"><div class="handout__head">{section[:end.end()]}'
        f'<p class="handout__address">{html.escape(steps.published_url(root, short))}</p>'
        f'<div class="handout__qr">{steps.qr_svg(steps.published_url(root, step.url), lang)}</div></div>'
        f"{section[end.end():]}</section>"
    )


def handout_html(found: list[steps.Step], contents: dict[str, str], lang: str, page_url: str, root: str,
                 languages: dict[str, dict[str, str]]) -> str:
    """Every step of `found`, in order, from the rendered `contents` of its page (by Markdown file)."""
    parts = []
    for step in found:
        if step.page not in contents:
            raise PluginError(f"handout: the page {step.page} of step {step.id!r} is not in the nav")
        from_url = step.url.partition("#")[0]
        section = rebase_links(for_print(step_section(contents[step.page], step.id)), from_url, page_url)
        parts.append(handout_step(step, section, lang, root, steps.short_url(step, lang, languages)))
    return '<div class="handout" data-role="handout">' + "".join(parts) + "</div>"


def on_page_context(context: Any, *, page: Any, config: Any, nav: Any) -> Any:
    if PLACEHOLDER not in (page.content or ""):
        return context
    lang = i18n.page_language(config)
    languages = i18n.languages(config)
    found = steps.collect(config, Path(config.config_file_path).parent)[lang]
    contents = {p.file.src_uri: p.content or "" for p in nav.pages}
    page_url = "/" + languages[lang]["prefix"] + page.url
    page.content = page.content.replace(
        PLACEHOLDER, handout_html(found, contents, lang, page_url, steps.site_root(config), languages), 1)
    return context
