"""Every fact of IMDi's handout is on the pages, in every language (one table per language).

Each row: the page (path after the language prefix), what the handout says, and a pattern its text
must match (case-insensitive, whitespace collapsed). The special characters are the handout's list
without the ambiguous space, as the policy reads it.
"""
from __future__ import annotations

import re
from pathlib import Path

import pytest
from sitehtml import article_text

SPECIALS = re.escape("! @ # $ % ^ & * _ : ; < > , . / -")

FACTS_NB: list[tuple[str, str, str]] = [
    ("passord/", "e-post med lenke for å opprette passord", r"automatisk e-post med en lenke for å opprette passord"),
    ("passord/", "e-posten viser brukernavnet", r"E-posten viser også brukernavnet ditt"),
    ("passord/", "lenken går ut etter 24 timer", r"24 timer"),
    ("passord/", "«Glemt passord?» gir ny e-post", r"«Glemt passord\?».{0,40}ny automatisk e-post"),
    ("passord/", "bildet «Bytt passord»", r"«Bytt passord»"),
    ("passord/", "feltet «Nytt passord»", r"«Nytt passord»"),
    ("passord/", "feltet «Verifiser nytt passord»", r"«Verifiser nytt passord»"),
    ("passord/", "knappen «Lagre endringer»", r"«Lagre endringer»"),
    ("passord/", "minst 16 tegn", r"Minst 16 tegn"),
    ("passord/", "minst ett tall", r"Minst ett tall"),
    ("passord/", "stor bokstav", r"stor bokstav"),
    ("passord/", "liten bokstav", r"liten bokstav"),
    ("passord/", "spesialtegnene", SPECIALS),
    ("passord/", "feilmelding: prøv et nytt passord", r"feilmelding\. Prøv med et nytt passord"),
    ("passord/", "support 400 01 960, tastevalg 1", r"400 01 960, tastevalg 1"),
    ("passord/", "«Passordet er oppdatert!»", r"«Passordet er oppdatert!»"),
    ("passord/", "velg «Logg inn»", r"Velg «Logg inn»"),
    ("passord/", "brukernavn og passord på påloggingssiden", r"påloggingssiden.{0,40}brukernavnet og passordet"),
    ("passord/", "engangskode (OTP)", r"engangskode \(OTP\)"),
    ("app/", "mobilen som er registrert på brukeren", r"mobiltelefonen som er registrert på brukeren din"),
    ("app/", "App Store (iPhone)", r"App Store \(iPhone\)"),
    ("app/", "Google Play / «GoogleButikk»", r"Google Play.{0,30}«GoogleButikk»"),
    ("app/", "søk på Buypass Code", r"Søk etter Buypass Code"),
    ("app/", "velg «Hent»", r"Velg «Hent»"),
    ("app/", "velg «Aktiver Buypass Code»", r"Velg «Aktiver Buypass Code»"),
    ("app/", "push-varslinger er valgfritt", r"ikke å velge «Tillat push-varslinger».{0,40}valgfritt"),
    ("app/", "mobilnummer og «Start aktiveringen»", r"mobilnummeret ditt og velg «Start aktiveringen»"),
    ("app/", "aktiveringskode på SMS", r"aktiveringskode på SMS"),
    ("app/", "Touch ID er valgfritt", r"ikke å velge Touch ID\. Det er valgfritt"),
    ("app/", "PIN-kode på 4 sifre, hver gang", r"PIN-kode på 4 sifre\. Den skriver du inn hver gang"),
    ("app/", "appen er klar til å lage engangskoder", r"aktivert og klar til å lage engangskoder"),
    ("engangskode/", "velg «Lag engangskode»", r"Velg «Lag engangskode»"),
    ("engangskode/", "unik kode på 6 sifre", r"unik kode på 6 sifre"),
    ("engangskode/", "OTP-bildet på pc-skjermen", r"siden for engangskode \(OTP\) på pc-skjermen"),
    ("engangskode/", "feil PIN tre ganger blokkerer appen", r"feil PIN-kode tre ganger, blir appen blokkert"),
    ("engangskode/", "support gir avblokkeringskode", r"400 01 960, tastevalg 1, for å få en avblokkeringskode"),
    ("hjelp/", "bare sist aktiverte mobil gir gyldige koder", r"Bare mobilen som sist ble aktivert, gir gyldige koder"),
]

FACTS_EN: list[tuple[str, str, str]] = [
    ("passord/", "e-mail with a link to create the password", r"automatic e-mail with a link for creating your password"),
    ("passord/", "the e-mail shows the username", r"The e-mail also shows your username"),
    ("passord/", "the link expires after 24 hours", r"24 hours"),
    ("passord/", "«Glemt passord?» sends a new e-mail", r"«Glemt passord\?».{0,60}new automatic e-mail"),
    ("passord/", "the screen «Bytt passord»", r"«Bytt passord»"),
    ("passord/", "the field «Nytt passord»", r"«Nytt passord»"),
    ("passord/", "the field «Verifiser nytt passord»", r"«Verifiser nytt passord»"),
    ("passord/", "the button «Lagre endringer»", r"«Lagre endringer»"),
    ("passord/", "at least 16 characters", r"At least 16 characters"),
    ("passord/", "at least one digit", r"At least one digit"),
    ("passord/", "capital letter", r"capital letter"),
    ("passord/", "small letter", r"small letter"),
    ("passord/", "the special characters", SPECIALS),
    ("passord/", "error message: try a new password", r"error message\. Try a new password"),
    ("passord/", "support 400 01 960, press 1", r"400 01 960, press 1"),
    ("passord/", "«Passordet er oppdatert!»", r"«Passordet er oppdatert!»"),
    ("passord/", "choose «Logg inn»", r"Choose «Logg inn»"),
    ("passord/", "username and password on the login page", r"login page\. Type your username and password"),
    ("passord/", "one-time code (OTP)", r"one-time code \(OTP\)"),
    ("app/", "the phone registered on the user", r"mobile phone that is registered on your user"),
    ("app/", "App Store (iPhone)", r"App Store \(iPhone\)"),
    ("app/", "Google Play / «GoogleButikk»", r"Google Play.{0,30}«GoogleButikk»"),
    ("app/", "search for Buypass Code", r"Search for Buypass Code"),
    ("app/", "choose «Hent» (Get)", r"Choose «Hent» \(Get\)"),
    ("app/", "choose «Aktiver Buypass Code»", r"Choose «Aktiver Buypass Code»"),
    ("app/", "push notifications are optional", r"do not need to choose «Tillat push-varslinger».{0,80}optional"),
    ("app/", "mobile number and «Start aktiveringen»", r"mobile number and choose «Start aktiveringen»"),
    ("app/", "activation code by SMS", r"activation code by SMS"),
    ("app/", "Touch ID is optional", r"do not need to choose Touch ID\. It is optional"),
    ("app/", "4-digit PIN, every time", r"4-digit PIN code\. You type it every time"),
    ("app/", "the app is ready to make one-time codes", r"activated and ready to make one-time codes"),
    ("engangskode/", "choose «Lag engangskode»", r"Choose «Lag engangskode»"),
    ("engangskode/", "a unique 6-digit code", r"unique 6-digit code"),
    ("engangskode/", "the OTP page on the computer", r"one-time code \(OTP\) page on your computer screen"),
    ("engangskode/", "three wrong PINs block the app", r"wrong PIN three times, the app is blocked"),
    ("engangskode/", "support gives an unblocking code", r"400 01 960, press 1, to get an unblocking code"),
    ("hjelp/", "only the most recently activated phone gives valid codes", r"Only the phone that was activated most recently gives valid codes"),
]

FACTS_NN: list[tuple[str, str, str]] = [
    ("passord/", "e-post med lenke for å lage passord", r"automatisk e-post med ei lenke for å (?:lage|opprette) passord"),
    ("passord/", "e-posten viser brukarnamnet", r"E-posten viser også brukarnamnet ditt"),
    ("passord/", "lenka går ut etter 24 timar", r"24 timar"),
    ("passord/", "«Glemt passord?» gir ny e-post", r"«Glemt passord\?».{0,60}ny automatisk e-post"),
    ("passord/", "sida «Bytt passord»", r"«Bytt passord»"),
    ("passord/", "feltet «Nytt passord»", r"«Nytt passord»"),
    ("passord/", "feltet «Verifiser nytt passord»", r"«Verifiser nytt passord»"),
    ("passord/", "knappen «Lagre endringer»", r"«Lagre endringer»"),
    ("passord/", "minst 16 teikn", r"Minst 16 teikn"),
    ("passord/", "minst eitt tal", r"Minst eitt (?:tal|siffer)"),
    ("passord/", "stor bokstav", r"stor bokstav"),
    ("passord/", "liten bokstav", r"liten bokstav"),
    ("passord/", "spesialteikna", SPECIALS),
    ("passord/", "feilmelding: prøv eit nytt passord", r"feilmelding\..{0,20}Prøv (?:med )?eit nytt passord"),
    ("passord/", "brukarstøtte 400 01 960, tasteval 1", r"400 01 960, tasteval 1"),
    ("passord/", "«Passordet er oppdatert!»", r"«Passordet er oppdatert!»"),
    ("passord/", "vel «Logg inn»", r"Vel «Logg inn»"),
    ("passord/", "brukarnamn og passord på påloggingssida", r"påloggingssida.{0,60}brukarnamnet og passordet"),
    ("passord/", "eingongskode (OTP)", r"eingongskode \(OTP\)"),
    ("app/", "mobilen som er registrert på brukaren", r"mobil(?:telefonen|en) som er registrert på brukaren din"),
    ("app/", "App Store (iPhone)", r"App Store \(iPhone\)"),
    ("app/", "Google Play / «GoogleButikk»", r"Google Play.{0,30}«GoogleButikk»"),
    ("app/", "søk på Buypass Code", r"Søk etter Buypass Code"),
    ("app/", "vel «Hent»", r"Vel «Hent»"),
    ("app/", "vel «Aktiver Buypass Code»", r"Vel «Aktiver Buypass Code»"),
    ("app/", "push-varslingar er valfritt", r"ikkje (?:å )?velje «Tillat push-varslinger».{0,60}valfritt"),
    ("app/", "mobilnummer og «Start aktiveringen»", r"mobilnummeret ditt og vel «Start aktiveringen»"),
    ("app/", "aktiveringskode på SMS", r"aktiveringskode på SMS"),
    ("app/", "Touch ID er valfritt", r"ikkje (?:å )?velje Touch ID\. Det er valfritt"),
    ("app/", "PIN-kode på 4 siffer, kvar gong", r"PIN-kode på 4 siffer\..{0,60}kvar gong"),
    ("app/", "appen er klar til å lage eingongskodar", r"aktivert og klar til å lage eingongskodar"),
    ("engangskode/", "vel «Lag engangskode»", r"Vel «Lag engangskode»"),
    ("engangskode/", "unik kode på 6 siffer", r"unik kode på 6 siffer"),
    ("engangskode/", "OTP-sida på pc-skjermen", r"sida for eingongskode \(OTP\) på pc-skjermen"),
    ("engangskode/", "feil PIN tre gonger blokkerer appen", r"feil PIN-kode tre gonger, blir appen blokkert"),
    ("engangskode/", "brukarstøtte gir avblokkeringskode", r"400 01 960, tasteval 1, for å få ein avblokkeringskode"),
    ("hjelp/", "berre sist aktiverte mobil gir gyldige kodar", r"Berre mobilen (?:du aktiverte sist|som sist (?:vart|blei) aktivert), gir gyldige kodar"),
]


def _text(site_dir: Path, prefix: str, page: str) -> str:
    return article_text(site_dir / prefix / page / "index.html")


@pytest.mark.parametrize(("page", "fact", "pattern"), FACTS_NB, ids=[f[1] for f in FACTS_NB])
def test_norwegian_pages_hold_the_handouts_facts(site_dir: Path, page: str, fact: str, pattern: str) -> None:
    assert re.search(pattern, _text(site_dir, "", page), re.IGNORECASE), f"{page}: {fact}"


@pytest.mark.parametrize(("page", "fact", "pattern"), FACTS_EN, ids=[f[1] for f in FACTS_EN])
def test_english_pages_hold_the_handouts_facts(site_dir: Path, page: str, fact: str, pattern: str) -> None:
    assert re.search(pattern, _text(site_dir, "en", page), re.IGNORECASE), f"en/{page}: {fact}"


@pytest.mark.parametrize(("page", "fact", "pattern"), FACTS_NN, ids=[f[1] for f in FACTS_NN])
def test_nynorsk_pages_hold_the_handouts_facts(site_dir: Path, page: str, fact: str, pattern: str) -> None:
    assert re.search(pattern, _text(site_dir, "nn", page), re.IGNORECASE), f"nn/{page}: {fact}"


def test_the_tables_cover_the_same_pages_and_number_of_facts() -> None:
    assert [f[0] for f in FACTS_NB] == [f[0] for f in FACTS_EN] == [f[0] for f in FACTS_NN]
