"""MkDocs hook: the one parser and the one table of the guide's Markdown markers.

A marker is `[[namespace:name]]`: any text in double brackets with a colon. `MARKERS` lists each known
marker, where it may stand and what renders it:
- a *block* marker must be a paragraph (or list item) of its own, and becomes that element;
- an *inline* marker may stand anywhere in running text, and becomes its value there.
Any other marker, a block marker inside a sentence, or any marker in a heading (whose slug and
table-of-contents entry come from the Markdown, before this hook sees the page) or in an HTML
attribute, fails the build naming the page and the marker, as Material's shortcodes hook does for an
unknown shortcode. Inside `<code>` and `<pre>` a marker is text about the marker and stays.

Markers are read in the rendered HTML (`on_page_content`), where code is already told apart from text.

The renderers live with their subjects (policy_text.py, widgets.py, steps.py, accessibility.py) and are imported as
plain modules: while MkDocs loads a hook it puts this folder on `sys.path` (`_load_hook`), and it
registers the hook under its path, so `import widgets` here is a second module beside the loaded hook
`overrides/hooks/widgets.py`. Only their pure functions are used here; no state is shared.
"""
from __future__ import annotations

import itertools
import re
from html import escape
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from mkdocs.exceptions import PluginError

import accessibility
import handout
import i18n
import policy_text
import steps
import widgets


@dataclass
class PageContext:
    """What a renderer may need to know about the page its marker stands on."""

    src: str  # the Markdown file, for error messages
    lang: str
    url: str  # root-relative, e.g. "/en/support/"
    config: Any
    _widget_numbers: Iterator[int] = field(default_factory=lambda: itertools.count(1), init=False, repr=False)

    def widget_id(self) -> str:
        """A page-unique id prefix for the next widget: `pycheck-1`, `pycheck-2`, …"""
        return f"pycheck-{next(self._widget_numbers)}"


@dataclass(frozen=True)
class Marker:
    place: Literal["block", "inline"]
    render: Callable[[PageContext], str]


def _support_table(page: PageContext) -> str:
    root = Path(page.config.config_file_path).parent
    return steps.support_table(steps.collect(page.config, root), page.lang, page.url, steps.site_root(page.config),
                               page.config.extra["languages"])


def _practice_scenarios(page: PageContext) -> str:
    """The support page's list of the practice's starting points, in every language, with copy buttons."""
    langs = i18n.languages(page.config)
    rows = []
    for scenario, title in widgets.scenario_links(page.lang):
        cells = []
        for code, settings in langs.items():
            url = f"/{settings['prefix']}{widgets.PRACTICE_PAGE}?practice={scenario}"
            href = steps.relative(url, page.url)
            cells.append(
                f'<td><a href="{escape(href)}" hreflang="{code}">{escape(url)}</a> '
                f'{steps.copy_button(href, widgets.text("step_copy_short", page.lang), f"{title} ({code})", page.lang)}</td>'
            )
        rows.append(f'<tr><th scope="row">{escape(title)}</th>{"".join(cells)}</tr>')
    head = "".join(f'<th scope="col">{escape(widgets.text(f"step_link_{code}", page.lang))}</th>' for code in langs)
    return (
        f'<table class="support-table" data-role="practice-scenarios">'
        f'<caption>{escape(widgets.text("practice_scenarios_caption", page.lang))}</caption>'
        f'<thead><tr><th scope="col">{escape(widgets.text("practice_scenario_column", page.lang))}</th>{head}</tr></thead><tbody>{"".join(rows)}</tbody></table>'
    )


MARKERS: dict[str, Marker] = {
    "pycheck:rules": Marker("block", lambda page: policy_text.rules_html(page.lang)),
    "pycheck:min_length": Marker("inline", lambda page: policy_text.min_length_text()),
    "pycheck:specials": Marker("inline", lambda page: policy_text.specials_html()),
    "pycheck:password": Marker("block", lambda page: widgets.password_widget(page.lang, page.widget_id())),
    "pycheck:totp": Marker("block", lambda page: widgets.totp_widget(page.lang, page.widget_id())),
    "pycheck:app": Marker("block", lambda page: widgets.app_widget(page.lang, page.widget_id())),
    "pycheck:login": Marker("block", lambda page: widgets.login_widget(page.lang, page.widget_id())),
    "pycheck:scenarios": Marker("block", _practice_scenarios),
    "steps:table": Marker("block", _support_table),
    # The print handout's place on its page: handout.py fills it with every step once all pages are rendered.
    "steps:handout": Marker("block", lambda page: handout.print_tools(page.lang)),
    "a11y:tested": Marker("block", lambda page: accessibility.tested_html(page.lang)),
}

_MARKER = r"\[\[(?P<{}>[^\[\]\s:]+:[^\[\]]*)\]\]"
_ANY_MARKER = re.compile(_MARKER.format("name"))
_SCAN = re.compile(
    r"<(?P<code>pre|code)\b[^>]*>.*?</(?P=code)\s*>"  # code: text about a marker, left as it is
    r"|<(?P<wrap>p|li)>\s*" + _MARKER.format("alone") + r"\s*</(?P=wrap)>"  # an element of its own
    r"|<(?P<h>h[1-6])\b[^>]*>(?P<heading>.*?)</(?P=h)\s*>"
    r"|(?P<tag><[^>]*>)"
    r"|" + _MARKER.format("inline"),  # in running text
    re.DOTALL | re.IGNORECASE,
)


def _known(name: str, page: PageContext) -> Marker:
    if name not in MARKERS:
        raise PluginError(f"{page.src}: unknown marker [[{name}]] (known: {', '.join(MARKERS)})")
    return MARKERS[name]


def render_markers(html: str, page: PageContext) -> str:
    """`html` with every marker rendered; a build error for any unknown or misplaced marker."""

    def replace(match: re.Match[str]) -> str:
        if match["heading"] is not None:
            for inner in _SCAN.finditer(match["heading"]):
                if inner["inline"]:
                    _known(inner["inline"], page)
                    raise PluginError(f"{page.src}: [[{inner['inline']}]] cannot stand in a heading")
        elif match["tag"] and _ANY_MARKER.search(match["tag"]):
            raise PluginError(f"{page.src}: a marker cannot stand in an HTML attribute: {match['tag']}")
        elif match["alone"]:
            marker = _known(match["alone"], page)
            keep_element = marker.place == "inline" or match["wrap"] == "li"
            rendered = marker.render(page)
            return f"<{match['wrap']}>{rendered}</{match['wrap']}>" if keep_element else rendered
        elif match["inline"]:
            marker = _known(match["inline"], page)
            if marker.place == "block":
                raise PluginError(f"{page.src}: [[{match['inline']}]] must be a paragraph of its own")
            return marker.render(page)
        return match[0]

    return _SCAN.sub(replace, html)


def on_page_content(html: str, *, page: Any, config: Any, **kwargs: Any) -> str:
    lang = i18n.page_language(config)
    url = "/" + i18n.languages(config)[lang]["prefix"] + page.url
    return render_markers(html, PageContext(page.file.src_uri, lang, url, config))
