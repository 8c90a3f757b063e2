"""MkDocs hook: the guide's steps, their links, `steps.json`, and the support page's link table.

A step is a heading with an explicit ASCII id and the class `step`, written in the Markdown source as
    ## Opprette passord 1 {#opprette-passord-1 .step data-source="Opprette passord 1"}
where `data-source` is the handout slide's title (added steps have none). Both languages are read from
their Markdown sources (`extra.languages`), in nav order, by both builds, so that:
- the build fails if a step is missing in one language, or its id, order, page or source differ;
- each build checks that every step of its language is an element of its rendered page;
- every step heading gets a "copy link to this step" control and, for print, its address written out;
- `support_table()` renders the marker `[[steps:table]]` (see markers.py): every step, both languages' links;
- `steps.json` is written at the site root (the same file from either build).
The controls' texts are in widget_texts.toml (`step_*`).
"""
from __future__ import annotations

import html
import json
import posixpath
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File
from mkdocs.structure.pages import Page

import i18n
import widgets

_HEADING = re.compile(r"^#{1,6}[ \t]+(?P<title>.+?)[ \t]*\{(?P<attrs>[^}\n]*)\}[ \t]*$", re.MULTILINE)
_FENCE = re.compile(r"^(```|~~~).*?^\1", re.MULTILINE | re.DOTALL)
_ID = re.compile(r"(?:^|\s)#([^\s}]+)")
_STEP_CLASS = re.compile(r"(?:^|\s)\.step(?:\s|$)")
_SOURCE = re.compile(r'data-source="([^"]*)"')
_VALID_ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_RENDERED = re.compile(
    r"(?P<heading><h(?P<level>[1-6])\b(?P<attrs>[^>]*)>(?P<inner>.*?)</h(?P=level)>)", re.DOTALL
)


@dataclass(frozen=True)
class Step:
    """One step in one language."""

    id: str
    title: str
    source: str | None
    page: str  # the Markdown file, relative to the language's docs_dir
    url: str  # root-relative, ending in #id


def nav_files(config: MkDocsConfig) -> list[str]:
    """The Markdown files of the nav, in order (titles come from the pages, so both languages share it)."""
    found: list[str] = []

    def walk(items: Any) -> None:
        for item in items if isinstance(items, list) else [items]:
            if isinstance(item, str):
                found.append(item)
            elif isinstance(item, dict):
                for value in item.values():
                    walk(value)

    walk(config.nav or [])
    return [f for f in found if f.endswith(".md") and "://" not in f]


def page_url(src: str, config: MkDocsConfig) -> str:
    """The URL of `src` relative to its language's root, as MkDocs writes it (e.g. `passord/`)."""
    return File(src, "", "", config.use_directory_urls).url.removeprefix("./")


def read_steps(markdown: str) -> list[tuple[str, str, str | None]]:
    """`(id, title, source)` for every step heading of a Markdown text, outside code fences."""
    markdown = _FENCE.sub("", markdown)
    steps = []
    for match in _HEADING.finditer(markdown):
        attrs = match.group("attrs")
        if not _STEP_CLASS.search(attrs):
            continue
        ids = _ID.findall(attrs)
        if len(ids) != 1:
            raise PluginError(f"Step heading {match.group(0)!r} needs exactly one explicit {{#id}}")
        source = _SOURCE.search(attrs)
        steps.append((ids[0], match.group("title"), html.unescape(source.group(1)) if source else None))
    return steps


def collect(config: MkDocsConfig, root: Path) -> dict[str, list[Step]]:
    """Every language's steps, in nav order, read from the Markdown sources."""
    result: dict[str, list[Step]] = {}
    for lang, where in config.extra["languages"].items():
        docs = root / where["docs_dir"]
        steps: list[Step] = []
        for src in nav_files(config):
            path = docs / src
            if not path.is_file():
                raise PluginError(f"{path}: the page is missing in {lang!r} (every page exists in both languages)")
            url = "/" + where["prefix"] + page_url(src, config)
            for step_id, title, source in read_steps(path.read_text(encoding="utf-8")):
                steps.append(Step(step_id, title, source, src, f"{url}#{step_id}"))
        result[lang] = steps
    return result


def check(steps: dict[str, list[Step]]) -> None:
    """Raises a PluginError naming every difference between the languages' steps."""
    problems: list[str] = []
    langs = list(steps)
    first = langs[0]
    for lang in langs:
        ids = [s.id for s in steps[lang]]
        problems += [f"{lang}: step id {i!r} is not lowercase ASCII words joined by '-'" for i in ids if not _VALID_ID.fullmatch(i)]
        problems += [f"{lang}: step id {i!r} is used more than once" for i in sorted(set(ids)) if ids.count(i) > 1]
    for lang in langs[1:]:
        mine = {s.id: s for s in steps[first]}
        theirs = {s.id: s for s in steps[lang]}
        problems += [f"step {i!r} is in {first!r} but missing in {lang!r}" for i in mine if i not in theirs]
        problems += [f"step {i!r} is in {lang!r} but missing in {first!r}" for i in theirs if i not in mine]
        if not problems and [s.id for s in steps[first]] != [s.id for s in steps[lang]]:
            problems.append(f"the steps are in a different order in {first!r} and {lang!r}")
        for i in mine.keys() & theirs.keys():
            if mine[i].page != theirs[i].page:
                problems.append(f"step {i!r} is on {mine[i].page} in {first!r} but on {theirs[i].page} in {lang!r}")
            if mine[i].source != theirs[i].source:
                problems.append(f"step {i!r} has source {mine[i].source!r} in {first!r} but {theirs[i].source!r} in {lang!r}")
    if not any(steps.values()):
        problems.append("no steps found (a step heading needs the class .step and an explicit {#id})")
    if problems:
        raise PluginError("The guide's steps differ between languages:\n  " + "\n  ".join(problems))


def steps_json(steps: dict[str, list[Step]]) -> list[dict[str, Any]]:
    """The content of steps.json: one entry per step, with its title and URL in every language."""
    first = next(iter(steps))
    by_lang = {lang: {s.id: s for s in items} for lang, items in steps.items()}
    return [
        {
            "id": s.id,
            "source": s.source,
            **{lang: {"title": by_lang[lang][s.id].title, "url": by_lang[lang][s.id].url} for lang in steps},
        }
        for s in steps[first]
    ]


def relative(url: str, from_page: str) -> str:
    """Root-relative `url` as a link relative to the page at root-relative `from_page` (e.g. `/support/`)."""
    path, _, fragment = url.partition("#")
    base = from_page if from_page.endswith("/") else posixpath.dirname(from_page) + "/"
    rel = posixpath.relpath(path, base)
    if path.endswith("/"):
        rel = rel.rstrip("/") + "/"
    return rel + ("#" + fragment if fragment else "")


def copy_button(href: str, text: str, hidden_text: str, lang: str) -> str:
    """A copy button (shown by guide.js) that copies the absolute form of `href`."""
    extra = f'<span class="visually-hidden">: {html.escape(hidden_text)}</span>' if hidden_text else ""
    return (
        f'<button type="button" class="copy-link md-button" data-copy-href="{html.escape(href)}"'
        f' data-copied="{html.escape(widgets.text("step_copied", lang))}"'
        f' data-copy-failed="{html.escape(widgets.text("step_copy_failed", lang))}" hidden>'
        f"{html.escape(text)}{extra}</button>"
        '<span class="copy-link__status" role="status"></span>'
    )


def step_source(step: Step, lang: str) -> str:
    """The line that names the handout slide a step comes from, for support staff ("" for added steps)."""
    if not step.source:
        return ""
    return (f'<p class="step-source">{html.escape(widgets.text("step_source", lang))} '
            f'<span lang="nb">{html.escape(step.source)}</span></p>')


def step_link(step: Step, lang: str) -> str:
    """The block under a step heading: a plain link (no JavaScript), a copy button, and the address for print."""
    href = "#" + step.id
    return (
        f'<p class="step-link">'
        f'<a class="step-link__anchor" href="{href}">{html.escape(widgets.text("step_anchor", lang))}'
        f'<span class="visually-hidden">: {html.escape(step.title)}</span></a> '
        f'{copy_button(href, widgets.text("step_copy", lang), step.title, lang)}'
        f'<span class="step-link__print">{html.escape(widgets.text("step_address", lang))} '
        f'<span data-absolute-href="{href}">{html.escape(step.url)}</span></span>'
        f"</p>"
    )


def support_table(steps: dict[str, list[Step]], lang: str, page: str) -> str:
    """The support page's table: every step with its link in every language and copy buttons."""
    by_lang = {code: {s.id: s for s in items} for code, items in steps.items()}
    head = "".join(f'<th scope="col">{html.escape(widgets.text(f"step_link_{code}", lang))}</th>' for code in steps)
    rows = []
    for s in steps[lang]:
        cells = []
        for code in steps:
            other = by_lang[code][s.id]
            href = relative(other.url, page)
            hidden = f"{other.title} ({code})"
            cells.append(
                f'<td><a href="{html.escape(href)}" hreflang="{code}" lang="{code}">{html.escape(other.title)}</a><br>'
                f'<span class="support-url" data-absolute-href="{html.escape(href)}">{html.escape(other.url)}</span> '
                f'{copy_button(href, widgets.text("step_copy_short", lang), hidden, lang)}</td>'
            )
        rows.append(f'<tr><th scope="row">{html.escape(s.title)}</th>{"".join(cells)}</tr>')
    return (
        f'<table class="support-table" data-role="steps"><caption>{html.escape(widgets.text("step_table_caption", lang))}</caption>'
        f'<thead><tr><th scope="col">{html.escape(widgets.text("step_column", lang))}</th>{head}</tr></thead>'
        f'<tbody>{"".join(rows)}</tbody></table>'
    )


def add_step_links(content: str, steps: list[Step], lang: str, page: str) -> str:
    """`content` with a step-link block after each step heading; fails if a step of `page` is absent."""
    mine = {s.id: s for s in steps if s.page == page}
    seen: set[str] = set()

    def replace(match: re.Match[str]) -> str:
        found = re.search(r'\bid="([^"]+)"', match.group("attrs"))
        if not found or found.group(1) not in mine or not re.search(r'class="[^"]*\bstep\b', match.group("attrs")):
            return match.group(0)
        seen.add(found.group(1))
        step = mine[found.group(1)]
        return match.group("heading") + step_link(step, lang) + step_source(step, lang)

    content = _RENDERED.sub(replace, content)
    missing = sorted(mine.keys() - seen)
    if missing:
        raise PluginError(f"{lang}/{page}: no heading with the id(s) {', '.join(missing)} in the rendered page")
    return content


# --- MkDocs events ----------------------------------------------------------------------------------

_STEPS: dict[str, list[Step]] = {}


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    _STEPS.clear()
    _STEPS.update(collect(config, Path(config.config_file_path).parent))
    check(_STEPS)
    return config


def on_page_content(html_text: str, *, page: Page, config: MkDocsConfig, **kwargs: Any) -> str:
    lang = i18n.page_language(config)
    return add_step_links(html_text, _STEPS[lang], lang, page.file.src_uri)


def on_post_build(*, config: MkDocsConfig) -> None:
    prefix = i18n.languages(config)[i18n.page_language(config)]["prefix"]
    root = Path(config.site_dir)
    for _ in Path(prefix).parts:
        root = root.parent
    (root / "steps.json").write_text(
        json.dumps(steps_json(_STEPS), ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
    )
