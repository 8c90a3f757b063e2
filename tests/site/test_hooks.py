"""The site's build hooks, pymdown-extensions style: Markdown source and the HTML it must become.

The Markdown is rendered with the extensions the guide uses, then given to the hook's function, as
MkDocs does. The hooks are imported by name: pytest's `pythonpath` holds overrides/hooks.
"""
from __future__ import annotations

import re
from pathlib import Path
from types import SimpleNamespace

import i18n
import markdown
import markers
import pytest
import search_stemming
import steps
from mkdocs.exceptions import PluginError
from guide_languages import LANGS, prefix
from sitehtml import pages

EXTENSIONS = ["attr_list", "md_in_html", "tables"]


def render(source: str) -> str:
    return markdown.markdown(source, extensions=EXTENSIONS)


def render_page(source: str, lang: str = "nb", config: object = None) -> str:
    """`source` as the page `side.md` (at /side/, or /support/ for a config) with its markers rendered."""
    url = "/side/" if config is None else "/support/"
    return markers.render_markers(render(source), markers.PageContext("side.md", lang, url, config))


# --- markers: the policy's values and texts --------------------------------------------------------
RULES_NB = (
    '<ul class="policy-rules">'
    '<li data-rule="length">Minst 16 tegn</li>'
    '<li data-rule="digit">Minst ett tall (0–9)</li>'
    '<li data-rule="upper">Minst én stor bokstav (A–Z)</li>'
    '<li data-rule="lower">Minst én liten bokstav (a–z)</li>'
    '<li data-rule="special">Minst ett av disse spesialtegnene: ! @ # $ % ^ &amp; * _ : ; &lt; &gt; , . / -</li>'
    '<li data-rule="match">Det samme passordet i begge feltene</li>'
    "</ul>"
)
RULES_EN = (
    '<ul class="policy-rules">'
    '<li data-rule="length">At least 16 characters</li>'
    '<li data-rule="digit">At least one digit (0–9)</li>'
    '<li data-rule="upper">At least one capital letter (A–Z)</li>'
    '<li data-rule="lower">At least one small letter (a–z)</li>'
    '<li data-rule="special">At least one of these special characters: ! @ # $ % ^ &amp; * _ : ; &lt; &gt; , . / -</li>'
    '<li data-rule="match">The same password in both fields</li>'
    "</ul>"
)
SPECIALS = '<code class="policy-specials">! @ # $ % ^ &amp; * _ : ; &lt; &gt; , . / -</code>'

MARKER_CASES = [
    ("Minst [[pycheck:min_length]] tegn.", "nb", "<p>Minst 16 tegn.</p>"),
    ("Tegnene: [[pycheck:specials]].", "en", f"<p>Tegnene: {SPECIALS}.</p>"),
    ("[[pycheck:min_length]]", "nb", "<p>16</p>"),
    ("- Minst [[pycheck:min_length]] tegn", "nb", "<ul>\n<li>Minst 16 tegn</li>\n</ul>"),
    ("| Krav |\n|---|\n| [[pycheck:min_length]] |", "nb",
     "<table>\n<thead>\n<tr>\n<th>Krav</th>\n</tr>\n</thead>\n<tbody>\n<tr>\n<td>16</td>\n</tr>\n</tbody>\n</table>"),
    ("Krav:\n\n[[pycheck:rules]]\n\nSlutt.", "nb", f"<p>Krav:</p>\n{RULES_NB}\n<p>Slutt.</p>"),
    ("[[pycheck:rules]]", "en", RULES_EN),
    ("- [[pycheck:rules]]", "en", f"<ul>\n<li>{RULES_EN}</li>\n</ul>"),
    # Inside code a marker is text about the marker, even a misspelt or misplaced one.
    ("`[[pycheck:rules]]` inline stays as it is.", "nb", "<p><code>[[pycheck:rules]]</code> inline stays as it is.</p>"),
    ("Skriv `[[pycheck:min_lenght]]`.", "nb", "<p>Skriv <code>[[pycheck:min_lenght]]</code>.</p>"),
    ("    [[steps:tabel]]", "nb", "<pre><code>[[steps:tabel]]\n</code></pre>"),
    ("## Om `[[pycheck:rules]]`", "nb", "<h2>Om <code>[[pycheck:rules]]</code></h2>"),
    # Double brackets without a colon are not a marker.
    ("[[bare tekst]]", "nb", "<p>[[bare tekst]]</p>"),
]


@pytest.mark.parametrize(("source", "lang", "expected"), MARKER_CASES)
def test_markers(source: str, lang: str, expected: str) -> None:
    assert render_page(source, lang) == expected


# The message starts with the page and names the marker, as the build prints it.
MARKER_ERRORS = [
    ("Minst [[pycheck:min_lenght]] tegn.", "side.md: unknown marker [[pycheck:min_lenght]]"),
    ("[[pycheck:min_lenght]]", "side.md: unknown marker [[pycheck:min_lenght]]"),
    ("[[steps:tabel]]", "side.md: unknown marker [[steps:tabel]]"),
    ("[[pycheks:rules]]", "side.md: unknown marker [[pycheks:rules]]"),
    ("[[pycheck: rules]]", "side.md: unknown marker [[pycheck: rules]]"),
    ("Reglene: [[pycheck:rules]].", "side.md: [[pycheck:rules]] must be a paragraph of its own"),
    ("Here: [[pycheck:password]] inline", "side.md: [[pycheck:password]] must be a paragraph of its own"),
    ("Tekst [[pycheck:min_length]]\n[[steps:table]]", "side.md: [[steps:table]] must be a paragraph of its own"),
    ("## Minst [[pycheck:min_length]] tegn", "side.md: [[pycheck:min_length]] cannot stand in a heading"),
    ("## [[pycheck:totp]]", "side.md: [[pycheck:totp]] cannot stand in a heading"),
    ("## [[pycheck:totpp]]", "side.md: unknown marker [[pycheck:totpp]]"),
    ('[lenke](x "[[pycheck:min_length]]")', "side.md: a marker cannot stand in an HTML attribute"),
]


@pytest.mark.parametrize(("source", "message"), MARKER_ERRORS)
def test_unknown_or_misplaced_markers_fail_the_build(source: str, message: str) -> None:
    with pytest.raises(PluginError, match=re.escape(message)):
        render_page(source)


def test_every_marker_renders_in_every_language() -> None:
    for name, marker in markers.MARKERS.items():
        if name in ("steps:table", "pycheck:scenarios"):
            continue  # need a site: test_support_table_marker, test_practice_markup
        for lang in LANGS:
            source = f"[[{name}]]" if marker.place == "block" else f"Verdi: [[{name}]]."
            assert "[[" not in render_page(source, lang), name


def test_no_marker_is_left_on_any_built_page(site_dir: Path) -> None:
    left = []
    for path in pages(site_dir):
        text = re.sub(r"<(pre|code)\b.*?</\1>", "", path.read_text(encoding="utf-8"), flags=re.DOTALL)
        left += [f"{path.relative_to(site_dir)}: {m}" for m in re.findall(r"\[\[[^\]]*:[^\]]*\]\]", text)]
    assert not left, "\n".join(left)


# --- markers: the widgets ----------------------------------------------------------------------------
def test_widget_markers_become_widgets_with_page_unique_ids() -> None:
    page = render_page("# T\n\n[[pycheck:password]]\n\nx\n\n[[pycheck:totp]]\n\n- [[pycheck:password]]\n")
    assert re.findall(r'data-pycheck="(\w+)"', page) == ["password", "totp", "password"]
    assert re.findall(r'<fieldset class="pycheck__form"><legend>([^<]+)</legend>', page) == [
        "Bytt passord", "Prøv engangskoder (demo)", "Bytt passord"]
    assert re.findall(r'<input type="\w+" id="([^"]+)"', page) == [
        "pycheck-1-password", "pycheck-1-confirm", "pycheck-2-code", "pycheck-3-password", "pycheck-3-confirm"]
    assert '<li><div class="pycheck pycheck--password"' in page
    assert "[[" not in page


# --- steps: headings become steps with a copy-link control ------------------------------------------
STEP_SOURCE = '## Opprette passord 1 {#opprette-passord-1 .step data-code="P2" data-source="Opprette passord 1"}\n\nTekst.'
STEP_HTML = (
    '<h2 class="step" data-code="P2" data-source="Opprette passord 1" id="opprette-passord-1">Opprette passord 1 '
    '<span class="step-code"><span class="visually-hidden" data-search-exclude>Stegkode </span>P2</span></h2>'
    '<p class="step-link"><a class="step-link__anchor" href="#opprette-passord-1">Lenke til dette steget'
    '<span class="visually-hidden">: Opprette passord 1</span></a> '
    '<button type="button" class="copy-link md-button" data-copy-href="#opprette-passord-1"'
    ' data-copied="Lenken er kopiert." data-copy-failed="Kunne ikke kopiere. Merk lenken og kopier den selv." hidden>'
    'Kopier lenke til dette steget<span class="visually-hidden">: Opprette passord 1</span></button>'
    '<span class="copy-link__status" role="status"></span>'
    '<span class="step-link__print">Adresse: <span data-absolute-href="#opprette-passord-1">/passord/#opprette-passord-1</span></span></p>'
    '<p class="step-source">I brukerveiledningen: <span lang="nb">Opprette passord 1</span></p>\n'
    "<p>Tekst.</p>"
)


def test_step_heading_gets_its_link_block() -> None:
    step = steps.Step("opprette-passord-1", "Opprette passord 1", "Opprette passord 1", "passord.md",
                      "/passord/#opprette-passord-1", "P2")
    assert steps.add_step_links(render(STEP_SOURCE), [step], "nb", "passord.md") == STEP_HTML


def test_an_added_step_names_no_handout_slide() -> None:
    step = steps.Step("opprette-passord-1", "Opprette passord 1", None, "passord.md", "/passord/#opprette-passord-1", "P2")
    rendered = steps.add_step_links(render(STEP_SOURCE), [step], "en", "passord.md")
    assert "step-source" not in rendered and "In the handout" not in rendered
    with_source = steps.Step("opprette-passord-1", "Find the e-mail", "Opprette passord 1", "passord.md",
                             "/en/passord/#opprette-passord-1", "P2")
    assert ('<p class="step-source">In the handout: <span lang="nb">Opprette passord 1</span></p>'
            in steps.add_step_links(render(STEP_SOURCE), [with_source], "en", "passord.md"))


def test_a_step_missing_from_the_rendered_page_fails_the_build() -> None:
    step = steps.Step("opprette-passord-9", "X", None, "passord.md", "/passord/#opprette-passord-9")
    with pytest.raises(PluginError, match="opprette-passord-9"):
        steps.add_step_links(render(STEP_SOURCE), [step], "nb", "passord.md")


READ_CASES = [
    ('## Tittel {#et-steg .step data-code="T2" data-source="Lysbilde 1"}', [("et-steg", "Tittel", "Lysbilde 1", "T2")]),
    ('## Lagt til {#lagt-til .step data-code="L2"}', [("lagt-til", "Lagt til", None, "L2")]),
    ("## Uten kode {#uten-kode .step}", [("uten-kode", "Uten kode", None, None)]),
    ("## Ikke et steg {#ikke-steg}", []),
    ("```\n## I kode {#kode .step}\n```", []),
]


@pytest.mark.parametrize(("source", "expected"), READ_CASES)
def test_read_steps(source: str, expected: list) -> None:
    assert steps.read_steps(source) == expected


def _site(tmp_path: Path, pages: dict[str, dict[str, str]]) -> SimpleNamespace:
    for lang, files in pages.items():
        for name, text in files.items():
            (tmp_path / "docs" / lang).mkdir(parents=True, exist_ok=True)
            (tmp_path / "docs" / lang / name).write_text(text, encoding="utf-8")
    return SimpleNamespace(
        config_file_path=str(tmp_path / "mkdocs.yml"),
        nav=["index.md", "a.md"],
        use_directory_urls=True,
        site_url="https://example.no/veiledning/",
        extra={"languages": {"nb": {"docs_dir": "docs/nb", "prefix": ""}, "en": {"docs_dir": "docs/en", "prefix": "en/"}}},
    )


def test_steps_json_from_two_languages(tmp_path: Path) -> None:
    config = _site(tmp_path, {
        "nb": {"index.md": "# Hei", "a.md": '## Steg A {#steg-a .step data-code="A2" data-source="Steg A"}'},
        "en": {"index.md": "# Hi", "a.md": '## Step A {#steg-a .step data-code="A2" data-source="Steg A"}'},
    })
    found = steps.collect(config, tmp_path)
    steps.check(found)
    assert steps.steps_json(found) == [{
        "id": "steg-a",
        "code": "A2",
        "source": "Steg A",
        "nb": {"title": "Steg A", "url": "/a/#steg-a"},
        "en": {"title": "Step A", "url": "/en/a/#steg-a"},
    }]


SUPPORT_TABLE_NB = (
    '<table class="support-table" data-role="steps"><caption>Alle stegene med lenker på bokmål, nynorsk og engelsk</caption>'
    '<thead><tr><th scope="col">Steg</th><th scope="col">Stegkode</th><th scope="col">Lenke på bokmål</th>'
    '<th scope="col">Lenke på engelsk</th><th scope="col">QR-kode</th></tr></thead>'
    '<tbody><tr><th scope="row">Steg A</th>'
    '<td><strong class="step-code">A2</strong><br><a class="support-url" href="../s/a2/">/s/a2/</a></td>'
    '<td><a href="../a/#steg-a" hreflang="nb" lang="nb">Steg A</a><br>'
    '<span class="support-url" data-absolute-href="../a/#steg-a">/a/#steg-a</span> '
    '<button type="button" class="copy-link md-button" data-copy-href="../a/#steg-a" data-copied="Lenken er kopiert."'
    ' data-copy-failed="Kunne ikke kopiere. Merk lenken og kopier den selv." hidden>'
    'Kopier lenken<span class="visually-hidden">: Steg A (nb)</span></button><span class="copy-link__status" role="status"></span></td>'
    '<td><a href="../en/a/#steg-a" hreflang="en" lang="en">Step A</a><br>'
    '<span class="support-url" data-absolute-href="../en/a/#steg-a">/en/a/#steg-a</span> '
    '<button type="button" class="copy-link md-button" data-copy-href="../en/a/#steg-a" data-copied="Lenken er kopiert."'
    ' data-copy-failed="Kunne ikke kopiere. Merk lenken og kopier den selv." hidden>'
    'Kopier lenken<span class="visually-hidden">: Step A (en)</span></button><span class="copy-link__status" role="status"></span></td>'
    '<td class="support-qr"><svg role="img" aria-label="QR-kode til https://example.no/veiledning/a/#steg-a" …</svg></td>'
    "</tr></tbody></table>"
)
# A QR code's drawing, left out of the expected HTML above (test_print.py reads the printed codes back).
_QR_DRAWING = re.compile(r'(<svg role="img" aria-label="[^"]*")[^>]*>.*?</svg>', re.DOTALL)


def test_support_table_marker(tmp_path: Path) -> None:
    config = _site(tmp_path, {
        "nb": {"index.md": "# Hei", "a.md": '## Steg A {#steg-a .step data-code="A2" data-source="Steg A"}'},
        "en": {"index.md": "# Hi", "a.md": '## Step A {#steg-a .step data-code="A2" data-source="Steg A"}'},
    })
    rendered = render_page("Alle stegene:\n\n[[steps:table]]", "nb", config)
    assert _QR_DRAWING.sub(r"\1 …</svg>", rendered) == f"<p>Alle stegene:</p>\n{SUPPORT_TABLE_NB}"


@pytest.mark.parametrize(
    ("english", "message"),
    [
        ("## Step A {#steg-b .step}", "missing in 'en'"),
        ("", "missing in 'en'"),
        ('## Step A {#steg-a .step data-code="A2" data-source="Other"}', "has source"),
        ('## Step A {#Steg-Å .step data-code="A2" data-source="Steg A"}', "lowercase ASCII"),
        # The step code: the same in every language, present, from the alphabet, used once.
        ('## Step A {#steg-a .step data-code="A3" data-source="Steg A"}', "has code 'A2' in 'nb' but 'A3' in 'en'"),
        ('## Step A {#steg-a .step data-source="Steg A"}', "en: step 'steg-a' has no code"),
        ('## Step A {#steg-a .step data-code="A0" data-source="Steg A"}', "the code 'A0', which is not"),
        ('## Step A {#steg-a .step data-code="O2" data-source="Steg A"}', "the code 'O2', which is not"),
        ('## Step A {#steg-a .step data-code="L2" data-source="Steg A"}', "the code 'L2', which is not"),
        ('## Step A {#steg-a .step data-code="a2" data-source="Steg A"}', "the code 'a2', which is not"),
        ('## Step A {#steg-a .step data-code="2A" data-source="Steg A"}', "the code '2A', which is not"),
        ('## Step A {#steg-a .step data-code="A2345" data-source="Steg A"}', "the code 'A2345', which is not"),
        ('## Step A {#steg-a .step data-code="A2" data-source="Steg A"}\n\n## B {#steg-b .step data-code="A2"}',
         "en: the code 'A2' is used by more than one step"),
    ],
)
def test_the_build_fails_when_the_languages_differ(tmp_path: Path, english: str, message: str) -> None:
    config = _site(tmp_path, {
        "nb": {"index.md": "# Hei", "a.md": '## Steg A {#steg-a .step data-code="A2" data-source="Steg A"}'},
        "en": {"index.md": "# Hi", "a.md": english},
    })
    with pytest.raises(PluginError, match=message):
        steps.check(steps.collect(config, tmp_path))


def test_the_build_fails_when_a_page_is_missing_in_one_language(tmp_path: Path) -> None:
    config = _site(tmp_path, {"nb": {"index.md": "# Hei", "a.md": "x"}, "en": {"index.md": "# Hi"}})
    with pytest.raises(PluginError, match="missing in 'en'"):
        steps.collect(config, tmp_path)


@pytest.mark.parametrize(
    ("url", "page", "expected"),
    [
        ("/passord/#x", "/support/", "../passord/#x"),
        ("/en/passord/#x", "/support/", "../en/passord/#x"),
        ("/passord/#x", "/en/support/", "../../passord/#x"),
        ("/#x", "/", "./#x"),
        ("/support/#x", "/support/", "./#x"),
    ],
)
def test_relative_links(url: str, page: str, expected: str) -> None:
    assert steps.relative(url, page) == expected


@pytest.mark.parametrize(
    ("language", "message"),
    [("de", "theme.language 'de' is not one of extra.languages"), (None, "extra.languages must list")],
)
def test_the_build_language_must_be_one_of_the_guides_languages(language: str | None, message: str) -> None:
    config = {"theme": {"language": language or "nb"}, "extra": {"languages": {"nb": {}, "en": {}}} if language else {}}
    with pytest.raises(PluginError, match=re.escape(message)):
        i18n.page_language(config)


@pytest.mark.parametrize(
    ("build", "expected"),
    [
        ("nb", [("Bokmål", "./", "nb"), ("Nynorsk", "nn/", "nn"), ("English", "en/", "en")]),
        ("nn", [("Bokmål", "../", "nb"), ("Nynorsk", "../nn/", "nn"), ("English", "../en/", "en")]),
        ("de", [("Bokmål", "../../", "nb"), ("Nynorsk", "../../nn/", "nn"), ("Deutsch", "../../a/de/", "de")]),
    ],
)
def test_the_language_switch_links_every_root_from_this_builds_root(build: str, expected: list) -> None:
    config = {"theme": {"language": build}, "extra": {"languages": {
        "nb": {"name": "Bokmål", "prefix": ""}, "nn": {"name": "Nynorsk", "prefix": "nn/"},
        **({"de": {"name": "Deutsch", "prefix": "a/de/"}} if build == "de" else {"en": {"name": "English", "prefix": "en/"}})}}}
    assert [(a["name"], a["link"], a["lang"]) for a in i18n.switch_links(config)] == expected


def test_a_language_without_a_name_is_a_build_error() -> None:
    config = {"theme": {"language": "nb"}, "extra": {"languages": {"nb": {"prefix": ""}}}}
    with pytest.raises(PluginError, match="extra.languages.nb needs a name"):
        i18n.switch_links(config)


def test_canonical_links_are_removed() -> None:
    html = '<head><meta charset="utf-8">\n  <link rel="canonical" href="http://127.0.0.1:8000/x/">\n<title>x</title>'
    assert i18n.remove_canonical(html) == '<head><meta charset="utf-8">\n<title>x</title>'


def test_search_uses_the_stemming_worker_wrapper() -> None:
    html = '<script id="__config" type="application/json">{"base": "..", "search": "../assets/javascripts/workers/search.a7633da7.min.js", "tags": null}</script>'
    assert search_stemming.use_wrapper(html) == (
        '<script id="__config" type="application/json">{"base": "..", "search": '
        '"../assets/javascripts/workers/search-stemming.js?material=search.a7633da7.min.js", "tags": null}</script>'
    )


def test_every_built_page_uses_the_stemming_worker(site_dir: Path) -> None:
    for page in [site_dir / prefix(lang) / "passord" / "index.html" for lang in LANGS] + [site_dir / "index.html"]:
        assert "search-stemming.js?material=search." in page.read_text(encoding="utf-8")
