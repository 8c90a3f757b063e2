"""The practice phone and the practice login (issue 10) as the hooks write them: the markup contract
that widgets.js, the browser tests and support rely on, in every language, and the scenario links
from the guide's steps and the support page."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
import widgets
from guide_languages import LANGS, prefix

from pycheck.practice import APP_SCREENS, LOGIN_SCREENS, SCENARIOS

APP_INPUTS = ("phone", "activation_code", "pin", "pin_confirm", "unblock_code")
APP_ACTIONS = ("next", "skip", "make-code", "call-support", "offline", "reset", "retry", "time-left")


def screens_named(html: str) -> set[str]:
    return {name for found in re.findall(r'data-screens="([^"]+)"', html) for name in found.split()}


@pytest.mark.parametrize("lang", LANGS)
def test_the_phone_has_every_part_of_the_contract(lang):
    html = widgets.app_widget(lang, "w")
    assert html.startswith(f'<div class="pycheck pycheck--app" data-pycheck="app" data-state="idle" data-lang="{lang}"')
    for name in APP_INPUTS:
        assert len(re.findall(rf'<input id="w-{name}" name="{name}"', html)) == 1, name
        assert f'<label for="w-{name}">' in html
    for action in APP_ACTIONS:
        assert html.count(f'data-action="{action}"') == 1, action
    for role in ("sms", "code", "seconds-left", "unblock-code", "error", "status", "note", "announce"):
        assert html.count(f'data-role="{role}"') == 1, role
    # every screen pycheck.practice knows has its heading, and the markup names no other screen
    assert screens_named(html) == set(APP_SCREENS)
    for screen in APP_SCREENS:
        assert re.search(rf'<h3 class="pycheck__screen-title" tabindex="-1" data-screens="{screen}" hidden>', html), screen
    assert 'role="status" aria-live="polite"' in html
    assert widgets.text("practice_banner", lang) in html


@pytest.mark.parametrize("lang", LANGS)
def test_the_login_has_every_part_of_the_contract(lang):
    html = widgets.login_widget(lang, "w")
    assert 'data-pycheck="login" data-state="idle"' in html
    for name in ("username", "password", "otp"):
        assert len(re.findall(rf'<input id="w-{name}" name="{name}"', html)) == 1, name
    for role in ("username", "email", "error", "note"):
        assert html.count(f'data-role="{role}"') == 1, role
    assert html.count('data-action="next"') == 1
    assert screens_named(html) == set(LOGIN_SCREENS)


@pytest.mark.parametrize("lang", LANGS)
def test_the_screens_show_the_apps_norwegian_labels_with_their_meaning(lang):
    html = widgets.app_widget(lang, "w")
    for key in ("practice_start_activation", "practice_make_code", "practice_activate_title"):
        assert widgets.screen_label(key, lang) in html
    # written by hand: the label in Bokmål, marked as Bokmål, and its meaning where the words differ
    expected = {"nb": "Lag engangskode", "nn": '<span lang="nb">Lag engangskode</span><',
                "en": '<span lang="nb">Lag engangskode</span> (Make one-time code)'}
    assert expected[lang] in html


def test_every_scenario_has_a_title_in_every_language():
    for lang in LANGS:
        assert [scenario for scenario, _ in widgets.scenario_links(lang)] == list(SCENARIOS)


@pytest.mark.parametrize("lang", LANGS)
def test_the_built_practice_page_has_the_checker_the_phone_and_the_login(site_dir: Path, lang):
    html = (site_dir / prefix(lang) / "ove" / "index.html").read_text("utf-8")
    assert re.findall(r'data-pycheck="(\w+)"', html) == ["password", "app", "login"]


# From each language's support page to the practice page of every language, written by hand.
PRACTICE_FROM_SUPPORT = {"nb": ("../ove/", "../nn/ove/", "../en/ove/"),
                         "nn": ("../../ove/", "../ove/", "../../en/ove/"),
                         "en": ("../../ove/", "../../nn/ove/", "../ove/")}


@pytest.mark.parametrize("lang", LANGS)
def test_the_steps_link_to_their_scenario_and_support_lists_them_all(site_dir: Path, lang):
    app = (site_dir / prefix(lang) / "app" / "index.html").read_text("utf-8")
    code = (site_dir / prefix(lang) / "engangskode" / "index.html").read_text("utf-8")
    support = (site_dir / prefix(lang) / "support" / "index.html").read_text("utf-8")
    assert 'href="../ove/?practice=activation"' in app
    assert 'href="../ove/?practice=make-code"' in code and 'href="../ove/?practice=blocked"' in code
    for scenario in SCENARIOS:
        for target in PRACTICE_FROM_SUPPORT[lang]:
            assert f'data-copy-href="{target}?practice={scenario}"' in support, (scenario, target)
