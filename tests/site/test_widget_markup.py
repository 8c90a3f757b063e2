"""The widget and CSP hooks as pure functions: markup contract, texts in both languages, the policy."""
from __future__ import annotations

import base64
import hashlib
import html
import json
import re
import tomllib

import csp
import pytest
from guide_languages import LANGS
import widgets

from pycheck import messages, totp
from pycheck.policy import POLICY



def sha256_source(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"


# --- texts ----------------------------------------------------------------------------------------

def test_every_widget_text_exists_in_every_language_of_the_site():
    raw = tomllib.loads(widgets.TEXTS_FILE.read_text("utf-8"))
    assert raw, "no widget texts"
    for key, by_lang in raw.items():
        assert set(by_lang) == set(LANGS), key
        assert all(by_lang[lang].strip() for lang in LANGS), key
        assert by_lang["nb"] != by_lang["en"], f"[{key}] is not translated"


def test_the_widgets_speak_every_language_of_the_site():
    assert widgets.LANGS == LANGS == messages.LANGS


@pytest.fixture
def fresh_texts():
    """`widgets.widget_texts()` reads its file again in the test, and again after it."""
    widgets.widget_texts.cache_clear()
    yield
    widgets.widget_texts.cache_clear()


@pytest.mark.parametrize(
    ("toml", "message"),
    [
        ('[retry]\nnb = "Prøv igjen"\nnn = "Prøv igjen"\n', r"\[retry\] has no text for en"),
        ('[retry]\nnb = "Prøv {antall} ganger"\nnn = "Prøv igjen"\nen = "Retry"\n',
         r"\[retry\] may only use the placeholders \{digits\}, \{period\}"),
    ],
)
def test_widget_texts_loader_refuses_a_broken_text(toml, message, tmp_path, monkeypatch, fresh_texts):
    broken = tmp_path / "texts.toml"
    broken.write_text(toml, "utf-8")
    monkeypatch.setattr(widgets, "TEXTS_FILE", broken)
    with pytest.raises(ValueError, match=message):
        widgets.widget_texts()


def test_placeholders_are_pycheck_totp_defaults(monkeypatch, fresh_texts):
    assert widgets.text("totp_bad_input", "nb") == "Skriv inn nøyaktig 6 sifre."
    assert widgets.text("totp_bad_input", "en") == "Type exactly 6 digits."
    monkeypatch.setitem(widgets.TOTP_DEFAULTS, "digits", 8)
    widgets.widget_texts.cache_clear()
    assert widgets.text("totp_bad_input", "en") == "Type exactly 8 digits."


@pytest.mark.parametrize("kind", ["password", "totp"])
@pytest.mark.parametrize("lang", LANGS)
def test_script_texts_resolve_in_both_languages(kind, lang):
    texts = widgets.script_texts(kind, lang)
    assert texts and all(isinstance(v, str) and v for v in texts.values())


# --- markup contract ------------------------------------------------------------------------------

def attrs_of(markup: str, selector_tag: str, name: str) -> dict[str, str]:
    """The attributes of the first `<selector_tag … name="name">`."""
    match = re.search(rf'<{selector_tag}\b[^>]*\bname="{name}"[^>]*>', markup)
    assert match, f"no <{selector_tag} name={name}>"
    return dict(re.findall(r'([\w-]+)="([^"]*)"', match.group(0)))


@pytest.mark.parametrize("lang", LANGS)
def test_password_widget_contract(lang):
    markup = widgets.password_widget(lang, "pycheck-1")
    assert 'data-pycheck="password"' in markup and 'data-state="idle"' in markup
    assert f'data-lang="{lang}"' in markup
    for name in ("password", "confirm"):
        attrs = attrs_of(markup, "input", name)
        assert attrs["type"] == "password"
        assert attrs["autocomplete"] == "new-password"
        assert attrs["spellcheck"] == "false"
        assert attrs["autocapitalize"] == "off"
        # a visible label for every input
        assert f'<label for="{attrs["id"]}">' in markup
    # the rules as text, from pycheck's messages, without JavaScript
    for code in POLICY.codes:
        assert html.escape(messages.text(f"rule.{code}.help", lang)) in markup
    # the verdict is announced politely; the no-JS note is there
    assert re.search(r'data-role="verdict" role="status" aria-live="polite"', markup)
    assert "<noscript>" in markup and html.escape(widgets.text("password_noscript", lang)) in markup
    # nothing that would submit the password anywhere: no form, only plain buttons
    assert "<form" not in markup
    assert all(b == 'type="button"' for b in re.findall(r'<button ([^ >]+)', markup))
    # the texts for the script are valid JSON in the attribute
    texts = json.loads(html.unescape(re.search(r'data-texts="([^"]*)"', markup).group(1)))
    assert texts["report.passed"] == messages.catalogue()["report.passed"][lang]


@pytest.mark.parametrize("lang", LANGS)
def test_totp_widget_contract(lang):
    markup = widgets.totp_widget(lang, "pycheck-2")
    assert 'data-pycheck="totp"' in markup and 'data-state="idle"' in markup
    assert 'data-role="code"' in markup
    assert html.escape(widgets.text("totp_warning", lang)) in markup
    assert "Buypass Code" in widgets.text("totp_warning", lang)
    # nothing a reader could add to an authenticator app: no key, no otpauth link, no QR code
    assert not re.search(r"<img|<a |otpauth|data-role=\"(secret|uri|qr)\"", markup)
    attrs = attrs_of(markup, "input", "code")
    assert f'<label for="{attrs["id"]}">' in markup
    # pycheck's TOTP defaults for the page script, on the root
    root = re.match(r'<div class="pycheck pycheck--totp" [^>]*>', markup).group(0)
    assert root.endswith(' data-digits="6" data-period="30">')


def test_totp_root_carries_pycheck_totp_defaults():
    assert widgets.TOTP_DEFAULTS == {"digits": totp.DEFAULT_DIGITS, "period": totp.DEFAULT_PERIOD}


@pytest.mark.parametrize(
    ("page_url", "runtime", "expected"),
    [
        ("", "pyodide/", "pyodide/"),
        ("checker/", "pyodide/", "../pyodide/"),
        ("a/b/", "pyodide/", "../../pyodide/"),
        ("", "../pyodide/", "../pyodide/"),
        ("checker/", "../pyodide/", "../../pyodide/"),
    ],
)
def test_runtime_meta_is_relative_to_the_page(page_url, runtime, expected):
    assert widgets.runtime_meta(page_url, runtime) == f'<meta name="pycheck-runtime" content="{expected}">'


@pytest.mark.parametrize(
    ("extra", "lang", "expected"),
    [
        ({"languages": {"nb": {"prefix": ""}, "en": {"prefix": "en/"}}}, "nb", "pyodide/"),
        ({"languages": {"nb": {"prefix": ""}, "en": {"prefix": "en/"}}}, "en", "../pyodide/"),
        ({"languages": {"nb": {"prefix": ""}, "de": {"prefix": "a/de/"}}}, "de", "../../pyodide/"),
        ({"pycheck_runtime": "static/py/"}, "en", "static/py/"),
    ],
)
def test_runtime_dir_follows_the_language_prefix(extra, lang, expected):
    assert widgets.runtime_dir({"extra": extra, "theme": {"language": lang}}) == expected


# --- Content-Security-Policy ----------------------------------------------------------------------

PAGE = """<!doctype html>
<html lang="nb"><head>
<meta charset="utf-8">
<script>var a = 1;</script>
<script id="__config" type="application/json">{"base": "."}</script>
<script src="x.js"></script>
<script type="module">import "./y.js";</script>
</head><body><script>
  console.log("ø");
</script></body></html>"""


def test_csp_is_the_first_element_of_head_and_hashes_exactly_the_inline_scripts():
    out = csp.add_csp(PAGE)
    head = re.search(r"<head>(.*)", out, re.DOTALL).group(1)
    assert head.startswith('<meta http-equiv="Content-Security-Policy" content="')
    policy = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', out).group(1)
    directives = {d.split()[0]: d.split()[1:] for d in policy.split("; ")}
    expected_hashes = [sha256_source("var a = 1;"), sha256_source('import "./y.js";'),
                       sha256_source('\n  console.log("ø");\n')]
    assert directives["script-src"] == ["'self'", "'wasm-unsafe-eval'", *expected_hashes]
    assert "'unsafe-inline'" not in policy and "'unsafe-eval'" not in policy
    assert directives["default-src"] == ["'self'"]
    assert directives["object-src"] == ["'none'"]
    assert directives["worker-src"] == ["'self'"] and directives["connect-src"] == ["'self'"]
    assert directives["img-src"] == ["'self'", "data:", "blob:"]
    assert directives["base-uri"] == ["'self'"] and directives["form-action"] == ["'self'"]
    # everything else is unchanged
    assert out.replace(re.search(r'<meta http-equiv="Content-Security-Policy"[^>]*>', out).group(0), "") == PAGE


def test_csp_leaves_pages_without_head_alone_and_refuses_a_second_policy():
    assert csp.add_csp("<p>fragment</p>") == "<p>fragment</p>"
    with pytest.raises(ValueError):
        csp.add_csp(csp.add_csp(PAGE))


def test_csp_hash_changes_with_a_single_character():
    assert csp.inline_script_hashes("<script>a=1</script>") != csp.inline_script_hashes("<script>a=1 </script>")


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("nb", ['<legend>Bytt passord</legend>', '<label for="pycheck-1-password">Nytt passord</label>',
                '<label for="pycheck-1-confirm">Verifiser nytt passord</label>',
                'data-action="back">Tilbake</button>', 'data-action="save">Lagre endringer</button>']),
        ("en", ['<legend><span lang="nb">Bytt passord</span> (Change password)</legend>',
                '<label for="pycheck-1-password"><span lang="nb">Nytt passord</span> (New password)</label>',
                '<label for="pycheck-1-confirm"><span lang="nb">Verifiser nytt passord</span> (Confirm new password)'
                '</label>',
                'data-action="back"><span lang="nb">Tilbake</span> (Back)</button>',
                'data-action="save"><span lang="nb">Lagre endringer</span> (Save changes)</button>']),
    ],
)
def test_the_practice_form_shows_the_screens_norwegian_labels_in_every_language(lang, expected):
    markup = widgets.password_widget(lang, "pycheck-1")
    for piece in expected:
        assert piece in markup
