"""The widgets `[[pycheck:password]]` and `[[pycheck:totp]]` (rendered through markers.py), the texts
the guide's hooks write into pages, and the runtime's address on every page (a hook: `on_post_page`).

Each widget is written in the page's language and works without JavaScript as far as it can: the
password rules are plain text from pycheck's own messages, and a `<noscript>` note says that the live
check needs JavaScript. The page script (`assets/javascripts/pycheck/widgets.js`) finds the roots by
`data-pycheck` and brings them to life; the texts it needs travel in the root's `data-texts`, and the
TOTP root carries pycheck's defaults in `data-digits` and `data-period`.

Every text a hook writes that is not one of pycheck's messages is in `widget_texts.toml`, both
languages side by side; `{digits}` and `{period}` in a text are pycheck's TOTP defaults.

Every page also gets `<meta name="pycheck-runtime">`: the self-hosted Pyodide directory relative to
that page, so the site works from any sub-path of any static host. The directory relative to the
build's site root comes from `runtime_dir()`.
"""
from __future__ import annotations

import json
import posixpath
import re
import tomllib
from functools import cache
from html import escape
from pathlib import Path
from typing import Any

from mkdocs.utils import get_relative_url

import i18n
from pycheck import messages, totp
from pycheck.policy import POLICY

TEXTS_FILE = Path(__file__).with_name("widget_texts.toml")
LANGS = ("nb", "en")
DEFAULT_RUNTIME = "pyodide/"
# pycheck's TOTP defaults, named once: `{digits}` and `{period}` in a text, and `data-digits` and
# `data-period` on the TOTP widget's root for the page script.
TOTP_DEFAULTS = {"digits": totp.DEFAULT_DIGITS, "period": totp.DEFAULT_PERIOD}
_HEAD_END = re.compile(r"</head\s*>", re.IGNORECASE)

# Texts the page script needs after load: widget texts by key, pycheck messages by "message:" key
# (sent unformatted: the script fills in "{seconds}").
_SCRIPT_TEXTS = {
    "password": ("show", "hide", "password_shown", "password_hidden", "suggested", "cleared", "save_ok", "save_failed", "verdict_empty",
                 "check_failed",
                 "loading", "unavailable", "message:report.passed", "message:report.failed"),
    "totp": ("totp_valid", "totp_invalid", "totp_bad_input", "loading", "unavailable",
             "message:totp.seconds_left"),
}


@cache
def widget_texts() -> dict[str, dict[str, str]]:
    """Every text by key, then by language, placeholders filled; fails loudly if a language is missing."""
    texts: dict[str, dict[str, str]] = {}
    for key, by_lang in tomllib.loads(TEXTS_FILE.read_text("utf-8")).items():
        missing = [lang for lang in LANGS if not isinstance(by_lang.get(lang), str) or not by_lang[lang]]
        if missing:
            raise ValueError(f"{TEXTS_FILE.name}: [{key}] has no text for {', '.join(missing)}")
        try:
            texts[key] = {lang: by_lang[lang].format_map(TOTP_DEFAULTS) for lang in LANGS}
        except (KeyError, ValueError) as error:
            known = ", ".join(f"{{{name}}}" for name in TOTP_DEFAULTS)
            raise ValueError(f"{TEXTS_FILE.name}: [{key}] may only use the placeholders {known} ({error})") from None
    return texts


def text(key: str, lang: str) -> str:
    """A widget text (`key`) or, for `message:<key>`, pycheck's unformatted message, in `lang`."""
    if key.startswith("message:"):
        return messages.catalogue()[key.removeprefix("message:")][lang]
    return widget_texts()[key][lang]


def _t(key: str, lang: str) -> str:
    return escape(text(key, lang))


def script_texts(kind: str, lang: str) -> dict[str, str]:
    """The texts the page script of widget `kind` needs, keyed without the `message:` prefix."""
    return {key.removeprefix("message:"): text(key, lang) for key in _SCRIPT_TEXTS[kind]}


def _root(kind: str, lang: str, extra_attributes: str = "") -> str:
    texts = escape(json.dumps(script_texts(kind, lang), ensure_ascii=False), quote=True)
    return (f'<div class="pycheck pycheck--{kind}" data-pycheck="{kind}" data-state="idle" '
            f'data-lang="{lang}" data-texts="{texts}"{extra_attributes}>')


def _status_block(lang: str) -> str:
    """Loading / unavailable messages (a polite live region) and the retry button."""
    return (
        '<p class="pycheck__status" data-role="status" role="status" aria-live="polite"></p>'
        f'<button type="button" class="md-button" data-action="retry" hidden>{_t("retry", lang)}</button>'
    )


def screen_label(key: str, lang: str) -> str:
    """A label of the real «Bytt passord» screen, which is in Norwegian in every language of the guide:
    the Norwegian words as the reader will see them, and in another language their meaning beside them,
    e.g. `<span lang="nb">Nytt passord</span> (New password)`."""
    shown = _t(key, "nb")
    return shown if lang == "nb" else f'<span lang="nb">{shown}</span> ({_t(key, lang)})'


def password_widget(lang: str, uid: str) -> str:
    """The redrawn "Bytt passord" form: the live checker, and the rules as text without it."""
    rules = "".join(
        f'<li data-rule="{code}" data-result="unknown">'
        '<span class="pycheck__mark" aria-hidden="true"></span>'
        f'<span class="pycheck__rule-text">{escape(messages.text(f"rule.{code}.help", lang))}</span>'
        '<span class="pycheck__result" data-role="result"></span>'
        '<span class="pycheck__reason" data-role="reason"></span></li>'
        for code in POLICY.codes
    )
    field = (
        '<div class="pycheck__field"><label for="{id}">{label}</label>'
        '<input type="password" id="{id}" name="{name}" autocomplete="new-password" '
        'spellcheck="false" autocapitalize="off" autocorrect="off" '
        'aria-describedby="{uid}-privacy"></div>'
    )
    return (
        _root("password", lang)
        + f'<fieldset class="pycheck__form"><legend>{screen_label("password_title", lang)}</legend>'
        + field.format(id=f"{uid}-password", name="password", uid=uid, label=screen_label("password_label", lang))
        + field.format(id=f"{uid}-confirm", name="confirm", uid=uid, label=screen_label("confirm_label", lang))
        + '<div class="pycheck__tools" data-role="tools" hidden>'
        f'<button type="button" class="md-button" data-action="toggle">'
        f'{_t("show", lang)}</button>'
        f'<button type="button" class="md-button" data-action="suggest">{_t("suggest", lang)}</button>'
        '</div>'
        '<p class="pycheck__verdict" data-role="verdict" role="status" aria-live="polite"></p>'
        '<p class="pycheck__length" data-role="length"></p>'
        f'<p class="pycheck__heading" id="{uid}-rules">{_t("message:report.requirements", lang)}</p>'
        f'<ul class="pycheck__rules" data-role="rules" aria-labelledby="{uid}-rules">{rules}</ul>'
        '<div class="pycheck__warnings" data-role="warnings-box" hidden>'
        f'<p class="pycheck__heading" id="{uid}-warnings">{_t("message:report.warnings", lang)}</p>'
        f'<ul data-role="warnings" aria-labelledby="{uid}-warnings"></ul></div>'
        + _status_block(lang)
        + '<div class="pycheck__buttons" data-role="buttons" hidden>'
        f'<button type="button" class="md-button" data-action="back">{screen_label("back", lang)}</button>'
        f'<button type="button" class="md-button md-button--primary" data-action="save">'
        f'{screen_label("save", lang)}</button></div>'
        f'<p class="pycheck__privacy" id="{uid}-privacy">{_t("privacy", lang)}</p>'
        f'<noscript><p class="pycheck__noscript">{_t("password_noscript", lang)}</p></noscript>'
        '</fieldset></div>'
    )


def totp_widget(lang: str, uid: str) -> str:
    """The one-time-code demo: a warning, the code and seconds left, and a verifier (no key, link or QR code)."""
    return (
        _root("totp", lang, "".join(f' data-{name}="{value}"' for name, value in TOTP_DEFAULTS.items()))
        + f'<fieldset class="pycheck__form"><legend>{_t("totp_title", lang)}</legend>'
        f'<p class="pycheck__warning" data-role="warning">{_t("totp_warning", lang)}</p>'
        '<div class="pycheck__live" data-role="live" hidden>'
        f'<p class="pycheck__code-line"><span id="{uid}-code-label">{_t("message:totp.code", lang)}</span> '
        f'<output class="pycheck__code" data-role="code" aria-labelledby="{uid}-code-label"></output> '
        '<span class="pycheck__seconds" data-role="seconds"></span></p>'
        f'<div class="pycheck__field"><label for="{uid}-code">{_t("totp_verify_label", lang)}</label>'
        f'<input type="text" id="{uid}-code" name="code" inputmode="numeric" autocomplete="off" '
        'spellcheck="false" autocapitalize="off" autocorrect="off" maxlength="12"></div>'
        '<div class="pycheck__tools"><button type="button" class="md-button" data-action="verify">'
        f'{_t("totp_verify", lang)}</button></div>'
        '<p class="pycheck__verdict" data-role="verify-result" role="status" aria-live="polite"></p>'
        '<div class="pycheck__tools"><button type="button" class="md-button" data-action="new-secret">'
        f'{_t("totp_new_secret", lang)}</button></div>'
        '</div>'
        + _status_block(lang)
        + f'<noscript><p class="pycheck__noscript">{_t("totp_noscript", lang)}</p></noscript>'
        '</fieldset></div>'
    )


def runtime_meta(page_url: str, runtime: str) -> str:
    """`<meta name="pycheck-runtime">` with the runtime directory relative to the page at `page_url`.

    `runtime` is relative to the build's site root and may climb above it (`../pyodide/`), which
    `get_relative_url` alone would drop.
    """
    root = get_relative_url(".", page_url or ".")  # "." or "../.." …
    relative = posixpath.normpath(posixpath.join(root, runtime)) + "/"
    return f'<meta name="pycheck-runtime" content="{escape(relative)}">'


def runtime_dir(config: Any) -> str:
    """The runtime directory relative to this build's site root.

    `extra.pycheck_runtime` if set; otherwise derived from the language's `prefix` under
    `extra.languages` (the English build lives in `en/`, so its runtime is `../pyodide/`).
    """
    extra = config.get("extra") or {}
    if "pycheck_runtime" in extra:
        return str(extra["pycheck_runtime"])
    prefix = i18n.languages(config)[i18n.page_language(config)]["prefix"]
    depth = len([part for part in str(prefix).split("/") if part])
    return "../" * depth + DEFAULT_RUNTIME


def on_post_page(output: str, page: Any, config: Any) -> str:
    meta = runtime_meta(page.url, runtime_dir(config))
    return _HEAD_END.sub(lambda m: meta + m.group(0), output, count=1)
