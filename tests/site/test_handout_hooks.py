"""The hooks behind the print handout and the step codes, pymdown-extensions style: Markdown (or the
HTML a page renders) beside the HTML it must become. The printed result is tested in
tests/browser/test_print.py, the built site in tests/site/test_handout_site.py.
"""
from __future__ import annotations

import re
from pathlib import Path
from types import SimpleNamespace

import handout
import markdown
import markers
import pytest
import steps
from mkdocs.exceptions import PluginError

EXTENSIONS = ["attr_list", "md_in_html", "tables"]


def rendered(source: str, lang: str = "nb") -> str:
    """`source` as the page /passord/ renders it: Markdown, markers, then the step links and codes."""
    html = markdown.markdown(source, extensions=EXTENSIONS)
    html = markers.render_markers(html, markers.PageContext("passord.md", lang, "/passord/", None))
    return steps.add_step_links(html, [STEP], lang, "passord.md")


STEP = steps.Step("lag", "Lag passordet", None, "passord.md", "/passord/#lag", "P3")

# A step with a link to another page and one to itself, a redrawn screen, and a sub-section made for
# the password checker; then the next section of the page.
STEP_SOURCE = """\
## Lag passordet {#lag .step data-code="P3"}

Skriv passordet. Se [hjelp](../hjelp/#ingen-epost) og [dette steget](#lag).

<figure class="mockup" markdown>
<div class="mockup__screen" lang="nb">Bytt passord</div>
<figcaption>Slik kan det se ut.</figcaption>
</figure>

### Prøv først {#prov}

Her kan du prøve et passord.

[[pycheck:password]]

## Dette gjør du {#dette}

Ikke et steg.
"""
# On paper: the heading with its code, the text, the screen; no step link, no checker, not the next section.
STEP_FOR_PRINT = (
    '<h2 class="step" data-code="P3" id="lag">Lag passordet <span class="step-code">'
    '<span class="visually-hidden" data-search-exclude>Stegkode </span>P3</span></h2>\n'
    '<p>Skriv passordet. Se <a href="../hjelp/#ingen-epost">hjelp</a> og <a href="#lag">dette steget</a>.</p>\n'
    '<figure class="mockup">\n<div class="mockup__screen" lang="nb">Bytt passord</div>\n'
    "<figcaption>Slik kan det se ut.</figcaption>\n</figure>\n"
)


def test_a_step_for_print_keeps_its_text_and_screens_and_drops_links_widgets_and_what_follows() -> None:
    page = rendered(STEP_SOURCE)
    assert 'class="step-link"' in page and "data-pycheck" in page  # what is dropped was there
    assert handout.for_print(handout.step_section(page, "lag")) == STEP_FOR_PRINT


def test_a_widget_outside_a_sub_section_is_dropped_with_all_it_holds() -> None:
    page = rendered('## Lag passordet {#lag .step data-code="P3"}\n\nFør.\n\n[[pycheck:totp]]\n\nEtter.\n')
    printed = handout.for_print(handout.step_section(page, "lag"))
    assert printed.endswith("<p>Før.</p>\n\n<p>Etter.</p>")
    assert "pycheck" not in printed and "<fieldset" not in printed


def test_a_step_not_on_its_page_fails_the_build() -> None:
    with pytest.raises(PluginError, match="'borte'"):
        handout.step_section(rendered(STEP_SOURCE), "borte")


@pytest.mark.parametrize(
    ("href", "from_url", "expected"),
    [
        ("#ingen-epost", "/hjelp/", "../hjelp/#ingen-epost"),  # a link within its page leads back there
        ("../app/#installere-app-1", "/passord/", "../app/#installere-app-1"),
        ("../ove/?practice=activation", "/app/", "../ove/?practice=activation"),
        ("../", "/nn/passord/", "../"),
        ("../hjelp/", "/nn/passord/", "../hjelp/"),
        ("tel:+4740001960", "/hjelp/", "tel:+4740001960"),
        ("https://uustatus.no/", "/hjelp/", "https://uustatus.no/"),
    ],
)
def test_links_are_rewritten_for_the_handouts_address(href: str, from_url: str, expected: str) -> None:
    to_url = "/nn/utskrift/" if from_url.startswith("/nn/") else "/utskrift/"
    assert handout.rebase_links(f'<p><a href="{href}">x</a></p>', from_url, to_url) == f'<p><a href="{expected}">x</a></p>'


# A QR code's drawing is left out of the expected HTML (test_print.py reads the printed codes back).
_QR_DRAWING = re.compile(r'(<svg role="img" aria-label="[^"]*")[^>]*>.*?</svg>', re.DOTALL)
LANGUAGES = {"nb": {"prefix": ""}, "nn": {"prefix": "nn/"}, "en": {"prefix": "en/"}}


def test_the_handout_has_every_step_in_order_with_its_qr_code_and_short_address() -> None:
    first = steps.Step("finn", "Finn e-posten", None, "passord.md", "/nn/passord/#finn", "P2")
    second = steps.Step("ny", "Ny mobil", None, "hjelp.md", "/nn/hjelp/#ny", "A9")
    contents = {
        "passord.md": '<h1 id="t">Lag passord</h1><h2 class="step" data-code="P2" id="finn">Finn e-posten</h2>'
                      '<p class="step-link">lenke</p><p>Opne <a href="#ny">e-posten</a>.</p><h2 id="x">Anna</h2>',
        "hjelp.md": '<h2 class="step" data-code="A9" id="ny">Ny mobil</h2><p>Ring support.</p>',
    }
    html = handout.handout_html([first, second], contents, "nn", "/nn/utskrift/", "https://example.no/r/", LANGUAGES)
    assert _QR_DRAWING.sub(r"\1 …</svg>", html) == (
        '<div class="handout" data-role="handout">'
        '<section class="handout__step" aria-labelledby="finn"><div class="handout__head"><h2 class="step" data-code="P2" id="finn">Finn e-posten</h2>'
        '<p class="handout__address">https://example.no/r/nn/s/p2/</p>'
        '<div class="handout__qr"><svg role="img" aria-label="QR-kode til https://example.no/r/nn/passord/#finn" …</svg></div></div>'
        '<p>Opne <a href="../passord/#ny">e-posten</a>.</p></section>'
        '<section class="handout__step" aria-labelledby="ny"><div class="handout__head"><h2 class="step" data-code="A9" id="ny">Ny mobil</h2>'
        '<p class="handout__address">https://example.no/r/nn/s/a9/</p>'
        '<div class="handout__qr"><svg role="img" aria-label="QR-kode til https://example.no/r/nn/hjelp/#ny" …</svg></div></div>'
        "<p>Ring support.</p></section></div>"
    )


def test_the_marker_leaves_the_print_button_and_the_placeholder() -> None:
    html = markers.render_markers("<p>[[steps:handout]]</p>", markers.PageContext("utskrift.md", "en", "/en/utskrift/", None))
    assert html == (
        '<p class="handout__tools"><button type="button" class="md-button md-button--primary" data-print hidden>'
        "Print</button></p>" + handout.PLACEHOLDER
    )


def test_a_qr_code_is_an_image_named_with_its_address_and_drawn_without_style_attributes() -> None:
    svg = steps.qr_svg("https://example.no/passord/#finn", "en")
    assert svg.startswith('<svg role="img" aria-label="QR code for https://example.no/passord/#finn" viewBox="0 0 ')
    assert svg.endswith("</svg>") and "style=" not in svg and "<script" not in svg


# --- step codes: the short address -----------------------------------------------------------------

@pytest.mark.parametrize(
    ("site_url", "expected"),
    [
        ("http://127.0.0.1:8000/", "http://127.0.0.1:8000/"),
        ("https://example.no/veiledning/nn/", "https://example.no/veiledning/"),  # i18n.py added nn/
        ("https://example.no/veiledning/en/", "https://example.no/veiledning/"),
        ("https://example.no/veiledning", "https://example.no/veiledning/"),
    ],
)
def test_the_site_root_is_site_url_without_the_language_prefix(site_url: str, expected: str) -> None:
    assert steps.site_root(SimpleNamespace(site_url=site_url, extra={"languages": LANGUAGES})) == expected


REDIRECT_NN = (
    '<!doctype html>\n<html lang="nn">\n<head><meta http-equiv="Content-Security-Policy" content="default-src \'self\'; '
    "script-src 'self' 'wasm-unsafe-eval'; worker-src 'self'; connect-src 'self'; img-src 'self' data: blob:; "
    "object-src 'none'; base-uri 'self'; form-action 'self'\">\n"
    '<meta charset="utf-8">\n<meta name="viewport" content="width=device-width,initial-scale=1">\n'
    '<meta name="robots" content="noindex">\n'
    '<meta http-equiv="refresh" content="0; url=../../passord/#finn">\n'
    "<title>P2: Finn e-posten</title>\n</head>\n"
    '<body>\n<main>\n<p>Gå til steget: <a href="../../passord/#finn">Finn e-posten</a></p>\n</main>\n</body>\n</html>\n'
)


def test_a_short_address_is_a_page_that_sends_the_reader_on_without_a_script() -> None:
    step = steps.Step("finn", "Finn e-posten", None, "passord.md", "/nn/passord/#finn", "P2")
    assert steps.redirect_page(step, "nn", "/nn/s/p2/") == REDIRECT_NN


def test_the_short_address_is_written_in_lower_and_upper_case(tmp_path: Path) -> None:
    step = steps.Step("finn", "Finn e-posten", None, "passord.md", "/nn/passord/#finn", "P2")
    written = steps.write_redirects(tmp_path, [step], "nn", LANGUAGES)
    assert [p.relative_to(tmp_path).as_posix() for p in written] == ["s/p2/index.html", "s/P2/index.html"]
    assert {p.read_text("utf-8") for p in written} == {REDIRECT_NN}
