"""Every step id the guide had before the pages were rewritten by task (issue 9) still resolves, in
every language of the guide, to a step heading on the same page: links that support staff have already shared
must not break. Written out by hand, not read from steps.json, so that a removed step fails here."""
from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

import pytest
from contentpages import LANGS, page_file

# (page, id) of every step on 2026-12-03, before issue 9.
STEP_IDS_BEFORE_ISSUE_9 = [
    ("passord/", "opprette-passord-1"),
    ("passord/", "opprette-passord-2"),
    ("passord/", "opprette-passord-3"),
    ("app/", "installere-app-1"),
    ("app/", "installere-app-2"),
    ("app/", "installere-app-3"),
    ("app/", "installere-app-4"),
    ("engangskode/", "bruke-appen"),
    ("hjelp/", "lenke-utlopt"),
    ("hjelp/", "passord-avvist"),
    ("hjelp/", "pin-blokkert"),
    ("hjelp/", "kode-ikke-godtatt"),
    ("hjelp/", "ny-telefon"),
]

# Steps added by issue 9, in the same style; the steps hook keeps them in step across languages.
STEPS_ADDED_IN_ISSUE_9 = [
    ("", "for-du-starter"),
    ("engangskode/", "logge-inn-senere"),
    ("hjelp/", "ingen-epost"),
    ("hjelp/", "ingen-sms"),
    ("hjelp/", "glemt-pin"),
    ("hjelp/", "kode-8-sifre"),
    ("hjelp/", "glemt-passord"),
]
ALL_STEPS = STEP_IDS_BEFORE_ISSUE_9 + STEPS_ADDED_IN_ISSUE_9


class _Ids(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.classes_by_id: dict[str, set[str]] = {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if a.get("id"):
            self.classes_by_id[a["id"]] = set((a.get("class") or "").split())


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize(("page", "step_id"), ALL_STEPS, ids=[s[1] for s in ALL_STEPS])
def test_every_earlier_step_id_still_lands_on_a_step(site_dir: Path, lang: str, page: str, step_id: str) -> None:
    parser = _Ids()
    parser.feed(page_file(site_dir, lang, page).read_text(encoding="utf-8"))
    assert step_id in parser.classes_by_id, f"{lang}/{page}#{step_id} no longer resolves"
    assert "step" in parser.classes_by_id[step_id], f"{lang}/{page}#{step_id} is no longer a step heading"
