"""MkDocs hook: the guide's steps, their links, `steps.json`, and the support page's link table.

A step is a heading with an explicit ASCII id, the class `step` and a short code, written in the
Markdown source as
    ## Opprette passord 1 {#opprette-passord-1 .step data-code="P2" data-source="Opprette passord 1"}
where `data-source` is the handout slide's title (added steps have none) and `data-code` is the code
support staff can say on the phone: written once, never computed from the step's place, so a new step
renumbers nothing (`CODE` says which characters it may use). Every language is read from its Markdown
sources (`extra.languages`), in nav order, by every build, so that:
- the build fails if a step is missing in one language, or its id, order, page, source or code differ,
  or a code is missing, malformed or used twice;
- each build checks that every step of its language is an element of its rendered page;
- every step heading shows its code, and gets a "copy link to this step" control and, for print, its
  address written out;
- `support_table()` renders the marker `[[steps:table]]` (see markers.py): every step with its code,
  every language's link and a QR code;
- `steps.json` is written at the site root (the same file from every build), and each build writes
  `s/<code>/` under its root: a page that sends the reader on to the step (see `redirect_page`).
The controls' texts are in widget_texts.toml (`step_*`).
"""
from __future__ import annotations

import html
import json
import os
import posixpath
import re
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File
from mkdocs.structure.pages import Page

import csp
import i18n
import widgets

_HEADING = re.compile(r"^#{1,6}[ \t]+(?P<title>.+?)[ \t]*\{(?P<attrs>[^}\n]*)\}[ \t]*$", re.MULTILINE)
_FENCE = re.compile(r"^(```|~~~).*?^\1", re.MULTILINE | re.DOTALL)
_ID = re.compile(r"(?:^|\s)#([^\s}]+)")
_STEP_CLASS = re.compile(r"(?:^|\s)\.step(?:\s|$)")
_SOURCE = re.compile(r'data-source="([^"]*)"')
_CODE_ATTR = re.compile(r'data-code="([^"]*)"')
# A step's code: a letter, then one or two letters or digits, from characters that cannot be mistaken
# for one another when read aloud or from paper: no 0/O, no 1/I/L. Written upper-case in the sources;
# the short address takes it in either case.
CODE_LETTERS = "ABCDEFGHJKMNPQRSTUVWXYZ"
CODE_DIGITS = "23456789"
CODE = re.compile(f"[{CODE_LETTERS}][{CODE_LETTERS}{CODE_DIGITS}]{{1,2}}")
# Where a language's short addresses live under its root: s/<code>/ (see redirect_page).
SHORT_FOLDER = "s"
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
    code: str | None = None  # e.g. "P2" (check() fails the build without one)


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


def read_steps(markdown: str) -> list[tuple[str, str, str | None, str | None]]:
    """`(id, title, source, code)` for every step heading of a Markdown text, outside code fences."""
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
        code = _CODE_ATTR.search(attrs)
        steps.append((ids[0], match.group("title"), html.unescape(source.group(1)) if source else None,
                      code.group(1) if code else None))
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
            for step_id, title, source, code in read_steps(path.read_text(encoding="utf-8")):
                steps.append(Step(step_id, title, source, src, f"{url}#{step_id}", code))
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
        problems += [f"{lang}: step {s.id!r} has no code (data-code=\"…\" in its heading)" for s in steps[lang] if not s.code]
        problems += [f"{lang}: step {s.id!r} has the code {s.code!r}, which is not a letter and one or two letters or "
                     f"digits from {CODE_LETTERS}{CODE_DIGITS}" for s in steps[lang] if s.code and not CODE.fullmatch(s.code)]
        codes = [s.code for s in steps[lang] if s.code]
        problems += [f"{lang}: the code {c!r} is used by more than one step" for c in sorted(set(codes)) if codes.count(c) > 1]
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
            if mine[i].code != theirs[i].code:
                problems.append(f"step {i!r} has code {mine[i].code!r} in {first!r} but {theirs[i].code!r} in {lang!r}")
    if not any(steps.values()):
        problems.append("no steps found (a step heading needs the class .step and an explicit {#id})")
    if problems:
        raise PluginError("The guide's steps differ between languages:\n  " + "\n  ".join(problems))


def steps_json(steps: dict[str, list[Step]]) -> list[dict[str, Any]]:
    """The content of steps.json: one entry per step, with its code, and its title and URL in every language."""
    first = next(iter(steps))
    by_lang = {lang: {s.id: s for s in items} for lang, items in steps.items()}
    return [
        {
            "id": s.id,
            "code": s.code,
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


def site_root(config: Any) -> str:
    """The address the site is published at, ending in "/": `SITE_URL` (mkdocs.yml's `site_url`, with its
    local default) without the language prefix that i18n.py adds to each build's own `site_url`."""
    url = str(config.site_url or "")
    url = url if url.endswith("/") else url + "/"
    for where in config.extra["languages"].values():
        if where["prefix"] and url.endswith("/" + where["prefix"]):
            return url.removesuffix(where["prefix"])
    return url


def published_url(root: str, url: str) -> str:
    """Root-relative `url` (e.g. a step's `/nn/passord/#x`) at the site's published address `root`."""
    return root + url.lstrip("/")


def short_url(step: Step, lang: str, config_languages: dict[str, dict[str, str]]) -> str:
    """The step's short address, root-relative: `/s/p2/`, `/nn/s/p2/` (lower case: easiest to type)."""
    return f"/{config_languages[lang]['prefix']}{SHORT_FOLDER}/{step.code.lower()}/"


def qr_svg(url: str, lang: str) -> str:
    """`url` as a QR code: inline SVG drawn now by segno (no script, no request), named for screen readers."""
    import segno  # only the builds that draw codes need it

    svg = segno.make_qr(url, error="m").svg_inline(scale=1, border=4, omitsize=True, dark="#000", light="#fff",
                                                   svgclass="qr-code", lineclass=None)
    label = f"{widgets.text('step_qr', lang)} {url}"
    return svg.replace("<svg ", f'<svg role="img" aria-label="{html.escape(label)}" ', 1)


def code_badge(step: Step, lang: str) -> str:
    """The step's code as it stands beside its heading (and in the heading's text, so search finds it)."""
    return (f'<span class="step-code"><span class="visually-hidden" data-search-exclude>'
            f'{html.escape(widgets.text("step_code", lang))} </span>{html.escape(step.code or "")}</span>')


def redirect_page(step: Step, lang: str, from_url: str) -> str:
    """The page at the short address `from_url` (`/s/p2/`): it sends the reader to the step with a
    `<meta http-equiv="refresh">`, and shows a link for when it does not. No script: the CSP allows none."""
    href = html.escape(relative(step.url, from_url))
    page = (
        f'<!doctype html>\n<html lang="{lang}">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width,initial-scale=1">\n'
        '<meta name="robots" content="noindex">\n'
        f'<meta http-equiv="refresh" content="0; url={href}">\n'
        f"<title>{html.escape(step.code or '')}: {html.escape(step.title)}</title>\n</head>\n"
        f'<body>\n<main>\n<p>{html.escape(widgets.text("step_redirect", lang))} <a href="{href}">{html.escape(step.title)}</a></p>\n'
        "</main>\n</body>\n</html>\n"
    )
    return csp.add_csp(page)


def write_redirects(site_dir: Path, steps: list[Step], lang: str, config_languages: dict[str, dict[str, str]]) -> list[Path]:
    """Writes every step's short address under this language's `site_dir`, in lower and in upper case
    (a static host cannot fold the case of a path); returns the files written."""
    written = []
    for step in steps:
        url = short_url(step, lang, config_languages)
        for code in dict.fromkeys((step.code.lower(), step.code)):
            path = site_dir / SHORT_FOLDER / code / "index.html"
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(redirect_page(step, lang, url), encoding="utf-8")
            written.append(path)
    return written


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


def support_table(steps: dict[str, list[Step]], lang: str, page: str, root: str,
                  config_languages: dict[str, dict[str, str]]) -> str:
    """The support page's table: every step with its code and short address, its link in every language
    with copy buttons, and a QR code of its link in the page's language (`root`: the published address)."""
    by_lang = {code: {s.id: s for s in items} for code, items in steps.items()}
    head = "".join(f'<th scope="col">{html.escape(widgets.text(f"step_link_{code}", lang))}</th>' for code in steps)
    rows = []
    for s in steps[lang]:
        short = short_url(s, lang, config_languages)
        cells = [
            f'<td><strong class="step-code">{html.escape(s.code or "")}</strong><br>'
            f'<a class="support-url" href="{html.escape(relative(short, page))}">{html.escape(short)}</a></td>'
        ]
        for code in steps:
            other = by_lang[code][s.id]
            href = relative(other.url, page)
            hidden = f"{other.title} ({code})"
            cells.append(
                f'<td><a href="{html.escape(href)}" hreflang="{code}" lang="{code}">{html.escape(other.title)}</a><br>'
                f'<span class="support-url" data-absolute-href="{html.escape(href)}">{html.escape(other.url)}</span> '
                f'{copy_button(href, widgets.text("step_copy_short", lang), hidden, lang)}</td>'
            )
        cells.append(f'<td class="support-qr">{qr_svg(published_url(root, s.url), lang)}</td>')
        rows.append(f'<tr><th scope="row">{html.escape(s.title)}</th>{"".join(cells)}</tr>')
    return (
        f'<table class="support-table" data-role="steps"><caption>{html.escape(widgets.text("step_table_caption", lang))}</caption>'
        f'<thead><tr><th scope="col">{html.escape(widgets.text("step_column", lang))}</th>'
        f'<th scope="col">{html.escape(widgets.text("step_code_column", lang))}</th>{head}'
        f'<th scope="col">{html.escape(widgets.text("step_qr_column", lang))}</th></tr></thead>'
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
        heading = match.group("heading")
        end = heading.rindex("</h")
        heading = heading[:end] + " " + code_badge(step, lang) + heading[end:]
        return heading + step_link(step, lang) + step_source(step, lang)

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
    lang = i18n.page_language(config)
    prefix = i18n.languages(config)[lang]["prefix"]
    root = Path(config.site_dir)
    for _ in Path(prefix).parts:
        root = root.parent
    (root / "steps.json").write_text(
        json.dumps(steps_json(_STEPS), ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
    )
    write_redirects(Path(config.site_dir), _STEPS[lang], lang, i18n.languages(config))
    if not os.environ.get("SITE_URL"):
        print(f"{lang}: SITE_URL is not set, so the QR codes of the handout and the support page point at "
              f"{site_root(config)} (set SITE_URL to the published address when building for publishing).",
              file=sys.stderr)
