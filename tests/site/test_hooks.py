"""The site's build hooks, pymdown-extensions style: Markdown source and the HTML it must become.

The hooks are loaded from overrides/hooks/ the way MkDocs loads them (by path), and run on Markdown
rendered with the extensions the guide uses.
"""
from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import SimpleNamespace

import markdown
import pytest
from mkdocs.exceptions import PluginError

HOOKS = Path(__file__).resolve().parents[2] / "overrides" / "hooks"
EXTENSIONS = ["attr_list", "md_in_html", "tables"]


def _load(name: str):
    spec = importlib.util.spec_from_file_location(f"site_hook_{name}", HOOKS / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


policy_text = _load("policy_text")
steps = _load("steps")
i18n = _load("i18n")


def render(source: str) -> str:
    return markdown.markdown(source, extensions=EXTENSIONS)


# --- policy_text: markers become the policy's values -------------------------------------------------
POLICY_CASES = [
    (
        "Minst [[pycheck:min_length]] tegn.",
        "nb",
        "<p>Minst 16 tegn.</p>",
    ),
    (
        "Tegnene: [[pycheck:specials]].",
        "en",
        '<p>Tegnene: <code class="policy-specials">! @ # $ % ^ &amp; * _ : ; &lt; &gt; , . / -</code>.</p>',
    ),
    (
        "Not a marker: [[pycheck:password]]",
        "nb",
        "<p>Not a marker: [[pycheck:password]]</p>",
    ),
    (
        "`[[pycheck:rules]]` inline stays as it is.",
        "nb",
        "<p><code>[[pycheck:rules]]</code> inline stays as it is.</p>",
    ),
]


@pytest.mark.parametrize(("source", "lang", "expected"), POLICY_CASES)
def test_policy_markers(source: str, lang: str, expected: str) -> None:
    assert render(policy_text.replace_markers(source, lang)) == expected


@pytest.mark.parametrize("lang", ["nb", "en"])
def test_rules_marker_lists_every_rule_in_the_pages_language(lang: str) -> None:
    from pycheck import messages
    from pycheck.policy import POLICY

    html = render(policy_text.replace_markers("Krav:\n\n[[pycheck:rules]]\n\nSlutt.", lang))
    items = "".join(
        f'<li data-rule="{code}">{messages.text(f"rule.{code}.help", lang).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")}</li>'
        for code in (*POLICY.rules, "match")
    )
    assert html == f'<p>Krav:</p>\n<ul class="policy-rules">{items}</ul>\n\n<p>Slutt.</p>'


# --- steps: headings become steps with a copy-link control ------------------------------------------
STEP_SOURCE = '## Opprette passord 1 {#opprette-passord-1 .step data-source="Opprette passord 1"}\n\nTekst.'
STEP_HTML = (
    '<h2 class="step" data-source="Opprette passord 1" id="opprette-passord-1">Opprette passord 1</h2>'
    '<p class="step-link"><a class="step-link__anchor" href="#opprette-passord-1">Lenke til dette steget'
    '<span class="visually-hidden">: Opprette passord 1</span></a> '
    '<button type="button" class="copy-link md-button" data-copy-href="#opprette-passord-1"'
    ' data-copied="Lenken er kopiert." data-copy-failed="Kunne ikke kopiere. Merk lenken og kopier den selv." hidden>'
    'Kopier lenke til dette steget<span class="visually-hidden">: Opprette passord 1</span></button>'
    '<span class="copy-link__status" role="status"></span>'
    '<span class="step-link__print">Adresse: <span data-absolute-href="#opprette-passord-1">/passord/#opprette-passord-1</span></span></p>\n'
    "<p>Tekst.</p>"
)


def test_step_heading_gets_its_link_block() -> None:
    step = steps.Step("opprette-passord-1", "Opprette passord 1", "Opprette passord 1", "passord.md",
                      "/passord/#opprette-passord-1")
    assert steps.add_step_links(render(STEP_SOURCE), [step], "nb", "passord.md") == STEP_HTML


def test_a_step_missing_from_the_rendered_page_fails_the_build() -> None:
    step = steps.Step("opprette-passord-9", "X", None, "passord.md", "/passord/#opprette-passord-9")
    with pytest.raises(PluginError, match="opprette-passord-9"):
        steps.add_step_links(render(STEP_SOURCE), [step], "nb", "passord.md")


READ_CASES = [
    ('## Tittel {#et-steg .step data-source="Lysbilde 1"}', [("et-steg", "Tittel", "Lysbilde 1")]),
    ("## Lagt til {#lagt-til .step}", [("lagt-til", "Lagt til", None)]),
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
        nav=["index.md", "a.md"],
        use_directory_urls=True,
        extra={"languages": {"nb": {"docs_dir": "docs/nb", "prefix": ""}, "en": {"docs_dir": "docs/en", "prefix": "en/"}}},
    )


def test_steps_json_from_two_languages(tmp_path: Path) -> None:
    config = _site(tmp_path, {
        "nb": {"index.md": "# Hei", "a.md": '## Steg A {#steg-a .step data-source="Steg A"}'},
        "en": {"index.md": "# Hi", "a.md": '## Step A {#steg-a .step data-source="Steg A"}'},
    })
    found = steps.collect(config, tmp_path)
    steps.check(found)
    assert steps.steps_json(found) == [{
        "id": "steg-a",
        "source": "Steg A",
        "nb": {"title": "Steg A", "url": "/a/#steg-a"},
        "en": {"title": "Step A", "url": "/en/a/#steg-a"},
    }]


@pytest.mark.parametrize(
    ("english", "message"),
    [
        ("## Step A {#steg-b .step}", "missing in 'en'"),
        ("", "missing in 'en'"),
        ('## Step A {#steg-a .step data-source="Other"}', "has source"),
        ('## Step A {#Steg-Å .step data-source="Steg A"}', "lowercase ASCII"),
    ],
)
def test_the_build_fails_when_the_languages_differ(tmp_path: Path, english: str, message: str) -> None:
    config = _site(tmp_path, {
        "nb": {"index.md": "# Hei", "a.md": '## Steg A {#steg-a .step data-source="Steg A"}'},
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


def test_canonical_links_are_removed() -> None:
    html = '<head><meta charset="utf-8">\n  <link rel="canonical" href="http://127.0.0.1:8000/x/">\n<title>x</title>'
    assert i18n.remove_canonical(html) == '<head><meta charset="utf-8">\n<title>x</title>'


search_stemming = _load("search_stemming")


def test_search_uses_the_stemming_worker_wrapper() -> None:
    html = '<script id="__config" type="application/json">{"base": "..", "search": "../assets/javascripts/workers/search.a7633da7.min.js", "tags": null}</script>'
    assert search_stemming.use_wrapper(html) == (
        '<script id="__config" type="application/json">{"base": "..", "search": '
        '"../assets/javascripts/workers/search-stemming.js?material=search.a7633da7.min.js", "tags": null}</script>'
    )


def test_every_built_page_uses_the_stemming_worker(site_dir: Path) -> None:
    for page in [site_dir / "index.html", site_dir / "en" / "passord" / "index.html"]:
        assert "search-stemming.js?material=search." in page.read_text(encoding="utf-8")
