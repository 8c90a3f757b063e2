"""Promises the guide must not make (issue 9): none may come back, in the built pages or in the texts
the widgets and pycheck show. Each row: language, a regular expression (case-insensitive, searched in
each page's visible text, blocks joined by newlines) and why it is forbidden."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
from contentpages import LANGS, PAGES, TEXT_FILES, file_texts, page_text

FORBIDDEN: list[tuple[str, str, str]] = [
    # No promise about IMDinett's server.
    ("nb", r"også (?:blir )?godtatt (?:av|i) IMDinett", "a password the checker accepts is not known to be accepted by IMDinett"),
    ("nb", r"ville (?:blitt|bli) godtatt", "the practice form cannot know what IMDinett accepts"),
    ("en", r"also (?:be )?accepted (?:by|in) IMDinett", "a password the checker accepts is not known to be accepted by IMDinett"),
    ("en", r"would be accepted", "the practice form cannot know what IMDinett accepts"),
    ("nn", r"(?:òg|også) (?:blir )?godt(?:eke|atte?|ekne) (?:av|i) IMDinett", "a password the checker accepts is not known to be accepted by IMDinett"),
    ("nn", r"ville (?:blitt|bli|vorte|verte) godt(?:eke|atte?|ekne)", "the practice form cannot know what IMDinett accepts"),
    # No "may be used" for characters the handout does not list.
    ("nb", r"(?:kan brukes|er lov|er tillatt),? men", "æ/ø/å, space, ? and + are not known to be accepted"),
    ("nb", r"(?:æ|ø|å|mellomrom|\?|\+)[^.\n]{0,60}(?:kan brukes|er lov|er tillatt)", "æ/ø/å, space, ? and + are not known to be accepted"),
    ("en", r"(?:may be used|are allowed|is allowed),? but", "æ/ø/å, space, ? and + are not known to be accepted"),
    ("en", r"(?:æ|ø|å|spaces?|\?|\+)[^.\n]{0,60}(?:may be used|are allowed|is allowed)", "æ/ø/å, space, ? and + are not known to be accepted"),
    ("nn", r"(?:kan brukast|kan nyttast|er lov|er tillate|er tillatne),? men", "æ/ø/å, space, ? and + are not known to be accepted"),
    ("nn", r"(?:æ|ø|å|mellomrom|\?|\+)[^.\n]{0,60}(?:kan brukast|kan nyttast|er lov|er tillate|er tillatne)", "æ/ø/å, space, ? and + are not known to be accepted"),
    # Once on each phone, not once.
    ("nb", r"installerer og aktiverer (?:den|appen) én gang(?! på hver)", "the app is installed and activated once on each phone"),
    ("en", r"install and activate it once(?! on each)", "the app is installed and activated once on each phone"),
    ("nn", r"installerer og aktiverer (?:han|den|appen) (?:é|e)in gong(?! på kvar)", "the app is installed and activated once on each phone"),
    # The support line.
    ("en", r"key choice", "«tastevalg 1» is 'press 1'"),
    ("nb", r"\b40001960\b", "the number is written 400 01 960"),
    ("en", r"\b40001960\b", "the number is written 400 01 960"),
    ("nn", r"\b40001960\b", "the number is written 400 01 960"),
    # The one-time code: 6 digits for about 2 minutes with network; 8 digits every 30 s without.
    ("nb", r"6 sifre[^.\n]{0,80}30 sek|30 sek[^.\n]{0,80}6 sifre", "the 6-digit code is valid about 2 minutes, not 30 seconds"),
    ("en", r"6-digit[^.\n]{0,80}30 sec|30 sec[^.\n]{0,80}6-digit|6 digits[^.\n]{0,80}30 sec", "the 6-digit code is valid about 2 minutes, not 30 seconds"),
    ("nn", r"6 siffer[^.\n]{0,80}30 sek|30 sek[^.\n]{0,80}6 siffer", "the 6-digit code is valid about 2 minutes, not 30 seconds"),
    ("nb", r"Buypass Code[^.\n]{0,80}(?:hvert|hver|i) 30", "Buypass Code's network code is not a 30-second code"),
    ("en", r"Buypass Code[^.\n]{0,80}(?:every|for) 30", "Buypass Code's network code is not a 30-second code"),
    ("nn", r"Buypass Code[^.\n]{0,80}(?:kvart|kvar|i) 30", "Buypass Code's network code is not a 30-second code"),
    # The one-time code page invites nobody to add anything to a real app.
    ("nb", r"autentiseringsapp|otpauth|skann(?:e|er)? (?:QR|koden)", "nothing may invite the reader to add a demo key to an app"),
    ("en", r"authenticator app|otpauth|scan (?:the )?(?:QR|code)", "nothing may invite the reader to add a demo key to an app"),
    ("nn", r"autentiseringsapp|otpauth|skann(?:e|ar|a)? (?:QR|koden)", "nothing may invite the reader to add a demo key to an app"),
    # Complaints go to Diskrimineringsnemnda; Uu-tilsynet supervises and can be notified.
    ("nb", r"klage (?:til|hos) (?:Tilsynet for universell|Uu-tilsynet)", "complaints go to Diskrimineringsnemnda"),
    ("en", r"complain to (?:the )?(?:Norwegian )?(?:Authority for Universal Design|Uu-tilsynet|Tilsynet)", "complaints go to Diskrimineringsnemnda"),
    ("nn", r"klag(?:e|a|ar) (?:til|hos) (?:Tilsynet for universell|Uu-tilsynet)", "complaints go to Diskrimineringsnemnda"),
    # The clock advice is in neither the handout nor the facts file.
    ("nb", r"klokken på mobilen", "not in the handout nor in the facts file"),
    ("en", r"clock on your phone", "not in the handout nor in the facts file"),
    ("nn", r"klokka på mobilen|klokka på telefonen", "not in the handout nor in the facts file"),
    # The facts say what to do with a forgotten PIN (an unblocking code, then a new PIN); neither source
    # says whether anyone can find it.
    ("nb", r"ingen kan finne PIN", "not in the handout nor in the facts file"),
    ("en", r"(?:nobody|no one) can find your PIN", "not in the handout nor in the facts file"),
    ("nn", r"ingen kan finne PIN", "not in the handout nor in the facts file"),
    # Neither source says an account is needed to download the app.
    ("nb", r"konto hos (?:Apple|Google)", "not in the handout nor in the facts file"),
    ("en", r"(?:Apple|Google) account", "not in the handout nor in the facts file"),
    ("nn", r"konto hos (?:Apple|Google)", "not in the handout nor in the facts file"),
]

ROWS = [(lang, page, pattern, why) for lang, pattern, why in FORBIDDEN for page in PAGES]


def test_every_language_has_its_forbidden_claims() -> None:
    """Nynorsk mirrors every Bokmål claim (the same promise in the other written standard), and every
    language of the guide has rows."""
    count = {lang: sum(1 for row in FORBIDDEN if row[0] == lang) for lang in LANGS}
    assert {row[0] for row in FORBIDDEN} == set(LANGS) and count["nn"] == count["nb"], count


@pytest.mark.parametrize(
    ("lang", "claim"),
    [
        ("nn", "Passordet blir òg godteke av IMDinett."),
        ("nn", "Æ, ø og å kan brukast, men dei tel ikkje."),
        ("nn", "Du installerer og aktiverer appen éin gong."),
        ("nn", "Buypass Code lagar ein ny kode kvart 30. sekund."),
        ("nn", "Koden har 6 siffer og gjeld i 30 sekund."),
        ("nn", "Du kan klage til Uu-tilsynet."),
    ],
)
def test_the_nynorsk_rows_catch_the_claims_they_are_written_for(lang: str, claim: str) -> None:
    assert any(re.search(pattern, claim, re.IGNORECASE) for row_lang, pattern, _ in FORBIDDEN if row_lang == lang), claim


@pytest.mark.parametrize(
    ("lang", "page", "pattern", "why"), ROWS, ids=[f"{r[0]}/{r[1] or 'index'}:{r[2][:30]}" for r in ROWS]
)
def test_no_forbidden_claim_on_a_built_page(site_dir: Path, lang: str, page: str, pattern: str, why: str) -> None:
    text = page_text(site_dir, lang, page)
    found = re.search(pattern, text, re.IGNORECASE)
    assert not found, f"{lang}/{page}: {found.group(0)!r} ({why})"


def _claims_in(path: Path) -> list[str]:
    problems = []
    for lang, pattern, why in FORBIDDEN:
        for key, text in file_texts(path, lang):
            if found := re.search(pattern, text, re.IGNORECASE):
                problems.append(f"{path.name} [{key}] {lang}: {found.group(0)!r} ({why})")
    return problems


@pytest.mark.parametrize("path", TEXT_FILES, ids=lambda path: path.name)
def test_no_forbidden_claim_in_the_text_files(path: Path) -> None:
    problems = _claims_in(path)
    assert not problems, "\n".join(problems)
