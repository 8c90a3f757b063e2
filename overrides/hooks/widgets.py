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
# The languages every text must have: pycheck's own list, so that messages and widget texts cannot differ.
LANGS = messages.LANGS
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
    # (name, key) gives a text under another name: the practice has its own loading and fallback words.
    "app": (("loading", "practice_loading"), ("unavailable", "practice_unavailable"), "practice_expired",
            "message:totp.seconds_left"),
    "login": (("loading", "practice_loading"), ("unavailable", "practice_unavailable")),
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
    named = (entry if isinstance(entry, tuple) else (entry.removeprefix("message:"), entry) for entry in _SCRIPT_TEXTS[kind])
    return {name: text(key, lang) for name, key in named}


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
    e.g. `<span lang="nb">Nytt passord</span> (New password)`; in Nynorsk only where the words differ."""
    shown, meaning = _t(key, "nb"), _t(key, lang)
    if lang == "nb":
        return shown
    return f'<span lang="nb">{shown}</span>' + ("" if meaning == shown else f" ({meaning})")


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


# --- the practice phone and the practice login (pycheck.practice drives both) ---------------------
# The markup holds every screen; the page script shows the elements whose `data-screens` names the
# current screen, and those whose `data-when` names a field of the view that is set.

PRACTICE_PAGE = "ove/"  # the practice page (docs/*/ove.md), where the scenario links lead


def _shown_on(screens: str) -> str:
    return f' data-screens="{screens}" hidden'


def _screen_heading(screen: str, key: str, lang: str, real_label: bool = False) -> str:
    title = screen_label(key, lang) if real_label else _t(key, lang)
    return f'<h3 class="pycheck__screen-title" tabindex="-1"{_shown_on(screen)}>{title}</h3>'


def _screen_text(screens: str, key: str, lang: str) -> str:
    return f'<p{_shown_on(screens)}>{_t(key, lang)}</p>'


def _practice_field(uid: str, name: str, label: str, screens: str, attributes: str) -> str:
    return (f'<div class="pycheck__field"{_shown_on(screens)}><label for="{uid}-{name}">{label}</label>'
            f'<input id="{uid}-{name}" name="{name}" {attributes} spellcheck="false" autocapitalize="off" '
            'autocorrect="off"></div>')


def _button(action: str, label: str, screens: str | None = None, primary: bool = False) -> str:
    shown = _shown_on(screens) if screens else ""
    kind = "md-button md-button--primary" if primary else "md-button"
    return f'<button type="button" class="{kind}" data-action="{action}"{shown}>{label}</button>'


def _practice_end(kind: str, uid: str, lang: str) -> str:
    """The error line, the runtime's status and retry, and the note without JavaScript."""
    return (f'<p class="pycheck__error" id="{uid}-error" data-role="error" tabindex="-1" hidden></p></div>'
            + _status_block(lang)
            + f'<noscript><p class="pycheck__noscript">{_t("practice_noscript", lang)}</p></noscript></div>')


_DIGITS = 'type="text" inputmode="numeric" autocomplete="one-time-code"'
_PIN = 'type="password" inputmode="numeric" autocomplete="off"'


def app_widget(lang: str, uid: str) -> str:
    """The practice phone: every screen of the practice Buypass Code app, shown one at a time."""
    next_screens = "activate activation-code push touch-id new-pin enter-pin unblock"
    return (
        _root("app", lang)
        + f'<p class="pycheck__banner">{_t("practice_banner", lang)}</p>'
        + f'<div class="pycheck__phone" data-role="live" hidden><p class="pycheck__phone-title">{_t("practice_app_title", lang)}</p>'
        + _screen_heading("activate", "practice_activate_title", lang, real_label=True)
        + _screen_heading("activation-code", "practice_activation_code_title", lang)
        + _screen_heading("push", "practice_push_title", lang, real_label=True)
        + _screen_heading("touch-id", "practice_touch_id_title", lang)
        + _screen_heading("new-pin", "practice_new_pin_title", lang)
        + _screen_heading("home", "practice_home_title", lang)
        + _screen_heading("enter-pin", "practice_enter_pin_title", lang)
        + _screen_heading("code", "practice_code_title", lang)
        + _screen_heading("blocked", "practice_blocked_title", lang)
        + _screen_heading("unblock", "practice_unblock_title", lang)
        + '<p class="pycheck__note" data-role="note"></p>'
        + f'<p class="pycheck__practice-pin" data-when="practice_pin" hidden>{_t("practice_practice_pin", lang)} '
        '<strong data-role="practice-pin"></strong></p>'
        + f'<div class="pycheck__sms" data-when="sms" hidden><p class="pycheck__heading">{_t("practice_sms_title", lang)}</p>'
        '<p data-role="sms"></p></div>'
        + f'<p class="pycheck__unblock" data-when="unblock_code"{_shown_on("unblock")}>{_t("practice_unblock_given", lang)} '
        '<strong class="pycheck__code" data-role="unblock-code"></strong></p>'
        + f'<div{_shown_on("code")}><p class="pycheck__code-line"><span id="{uid}-code-label">'
        f'{_t("practice_code_label", lang)}</span> <output class="pycheck__code" data-role="code" '
        f'aria-labelledby="{uid}-code-label"></output></p>'
        '<p class="pycheck__seconds" data-role="seconds-left"></p>'
        f'<p class="pycheck__expired" data-when="expired" hidden>{_t("practice_expired", lang)}</p></div>'
        '<p class="visually-hidden" data-role="announce" role="status" aria-live="polite"></p>'
        + _practice_field(uid, "phone", _t("practice_phone_label", lang), "activate",
                          f'type="tel" autocomplete="off" aria-describedby="{uid}-phone-hint"')
        + f'<p class="pycheck__hint" id="{uid}-phone-hint"{_shown_on("activate")}>{_t("practice_phone_hint", lang)}</p>'
        + _practice_field(uid, "activation_code", _t("practice_activation_code_label", lang), "activation-code", _DIGITS)
        + _practice_field(uid, "pin", _t("practice_pin_label", lang), "new-pin enter-pin", _PIN)
        + _practice_field(uid, "pin_confirm", _t("practice_pin_confirm_label", lang), "new-pin", _PIN)
        + _practice_field(uid, "unblock_code", _t("practice_unblock_code_label", lang), "unblock",
                          'type="text" inputmode="numeric" autocomplete="off"')
        + '<div class="pycheck__tools">'
        + f'<button type="button" class="md-button md-button--primary" data-action="next"{_shown_on(next_screens)}>'
        f'<span{_shown_on("activate")}>{screen_label("practice_start_activation", lang)}</span>'
        f'<span{_shown_on("push touch-id")}>{_t("practice_allow", lang)}</span>'
        f'<span{_shown_on("activation-code new-pin enter-pin unblock")}>{_t("practice_next", lang)}</span></button>'
        + _button("skip", _t("practice_skip", lang), "push touch-id")
        + _button("make-code", screen_label("practice_make_code", lang), "home code", primary=True)
        + _button("time-left", _t("practice_time_left", lang), "code")
        + f'<button type="button" class="md-button" data-action="offline" aria-pressed="false"{_shown_on("home code")}>'
        f'{_t("practice_offline", lang)}</button>'
        + _button("call-support", _t("practice_call_support", lang), "blocked", primary=True)
        + _button("reset", _t("practice_reset", lang))
        + '</div>'
        + _practice_end("app", uid, lang)
    )


def login_widget(lang: str, uid: str) -> str:
    """The practice IMDinett login: username and password, then the one-time code, then logged in."""
    return (
        _root("login", lang)
        + f'<p class="pycheck__banner">{_t("practice_banner", lang)}</p>'
        + f'<div class="pycheck__login" data-role="live" hidden><p class="pycheck__phone-title">{_t("practice_login_title", lang)}</p>'
        + _screen_heading("credentials", "practice_credentials_title", lang)
        + _screen_heading("otp", "practice_otp_title", lang)
        + _screen_heading("done", "practice_done_title", lang)
        + f'<div class="pycheck__sms"{_shown_on("credentials")}><p class="pycheck__heading">{_t("practice_email_title", lang)}</p>'
        '<p data-role="email"></p>'
        f'<p>{_t("practice_username_label", lang)}: <strong data-role="username"></strong></p></div>'
        + _screen_text("credentials", "practice_credentials_text", lang)
        + _screen_text("otp", "practice_otp_text", lang)
        + '<p class="pycheck__note" data-role="note" data-when="note" hidden></p>'
        + _practice_field(uid, "username", _t("practice_username_label", lang), "credentials", 'type="text" autocomplete="off"')
        + _practice_field(uid, "password", _t("practice_password_label", lang), "credentials", 'type="password" autocomplete="off"')
        + _practice_field(uid, "otp", _t("practice_otp_label", lang), "otp", _DIGITS)
        + '<div class="pycheck__tools">'
        + _button("next", _t("practice_login", lang), "credentials otp", primary=True)
        + '</div>'
        + _practice_end("login", uid, lang)
    )


def scenario_links(lang: str) -> list[tuple[str, str]]:
    """(scenario id, its title) for every starting point of the practice, in pycheck's order."""
    from pycheck.practice import SCENARIOS

    return [(scenario, text(f"practice_scenario_{scenario}", lang)) for scenario in SCENARIOS]


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


# Texts of the theme's templates, by the name the templates use, from widget_texts.toml: the page shown
# when an address does not exist (overrides/404.html), and the labels Material leaves in English on
# Norwegian pages (overrides/partials/language.html: its "header" and "footer" landmarks).
PAGE_TEXTS = {"not_found_title": "not_found_title", "not_found_text": "not_found_text", "not_found_home": "not_found_home"}
THEME_LABELS = {"header": "theme_header", "footer": "theme_footer"}


def on_config(config: Any) -> Any:
    lang = i18n.page_language(config)
    config.extra["page_texts"] = {name: text(key, lang) for name, key in PAGE_TEXTS.items()}
    config.extra["theme_labels"] = {name: text(key, lang) for name, key in THEME_LABELS.items()}
    return config


def on_post_page(output: str, page: Any, config: Any) -> str:
    meta = runtime_meta(page.url, runtime_dir(config))
    return _HEAD_END.sub(lambda m: meta + m.group(0), output, count=1)
