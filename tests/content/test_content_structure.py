"""What issues 9 and 11 ask of the pages beyond single words: the support number as a link with its
keypad choice, the Norwegian labels as on screen (with their English meaning on English pages), the
warnings that stand out, the front page's order and tasks, the nav's end, and the parts of the
accessibility statement, in every language of the guide."""
from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from contentpages import LANGS, PAGES, ROOT, page_file, page_text

NUMBER = "400 01 960"
TEL = "tel:+4740001960"
KEYPAD = {"nb": "tastevalg 1", "nn": "tasteval 1", "en": "press 1"}


class _Article(HTMLParser):
    """Links (href, text) and admonitions (classes, text) inside the page's <article>."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[tuple[str, str]] = []
        self.admonitions: list[tuple[set[str], str]] = []
        self._article = False
        self._link: list[str] | None = None
        self._href = ""
        self._adm_depth = 0
        self._div_depth = 0
        self._adm: list[str] = []
        self._adm_classes: set[str] = set()

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "article":
            self._article = True
        if not self._article:
            return
        if tag == "a":
            self._link, self._href = [], a.get("href") or ""
        if tag == "div":
            self._div_depth += 1
            classes = set((a.get("class") or "").split())
            if "admonition" in classes and not self._adm_depth:
                self._adm_depth, self._adm, self._adm_classes = self._div_depth, [], classes

    def handle_endtag(self, tag):
        if tag == "article":
            self._article = False
        if tag == "a" and self._link is not None:
            self.links.append((self._href, " ".join("".join(self._link).split())))
            self._link = None
        if tag == "div" and self._article:
            if self._adm_depth == self._div_depth:
                self.admonitions.append((self._adm_classes, " ".join("".join(self._adm).split())))
                self._adm_depth = 0
            self._div_depth -= 1

    def handle_data(self, data):
        if self._link is not None:
            self._link.append(data)
        if self._adm_depth:
            self._adm.append(data)


def _article(site: Path, lang: str, page: str) -> _Article:
    parser = _Article()
    parser.feed(page_file(site, lang, page).read_text(encoding="utf-8"))
    return parser


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("page", PAGES)
def test_the_support_number_is_a_phone_link_with_its_keypad_choice(site_dir: Path, lang: str, page: str) -> None:
    text = page_text(site_dir, lang, page)
    shown = text.count(NUMBER)
    links = [t for href, t in _article(site_dir, lang, page).links if href == TEL]
    assert all(t == NUMBER for t in links), links
    assert shown == len(links), f"{lang}/{page}: {shown} times {NUMBER!r}, {len(links)} of them as {TEL} links"
    for match in re.finditer(re.escape(NUMBER), text):
        assert KEYPAD[lang] in text[match.end():match.end() + 20], f"{lang}/{page}: {NUMBER} without {KEYPAD[lang]!r}"


def test_every_page_on_the_readers_path_gives_the_number(site_dir: Path) -> None:
    for lang in LANGS:
        for page in ["", "passord/", "engangskode/", "hjelp/"]:
            assert NUMBER in page_text(site_dir, lang, page), f"{lang}/{page}"


# The labels as the reader sees them on screen, and their English meaning beside them.
LABELS = [
    ("Bytt passord", "Change password"),
    ("Nytt passord", "New password"),
    ("Verifiser nytt passord", "Confirm new password"),
    ("Lagre endringer", "Save changes"),
    ("Glemt passord?", "Forgot password?"),
    ("Passordet er oppdatert!", "The password has been updated!"),
    ("Logg inn", "Log in"),
    ("Hent", "Get"),
    ("Aktiver Buypass Code", "Activate Buypass Code"),
    ("Tillat push-varslinger", "Allow push notifications"),
    ("Start aktiveringen", "Start the activation"),
    ("Lag engangskode", "Make one-time code"),
]


@pytest.mark.parametrize(("label", "meaning"), LABELS, ids=[label for label, _ in LABELS])
def test_english_pages_show_the_norwegian_label_with_its_meaning(site_dir: Path, label: str, meaning: str) -> None:
    text = "\n".join(page_text(site_dir, "en", page) for page in PAGES)
    assert f"«{label}» ({meaning})" in text


@pytest.mark.parametrize(("label", "meaning"), LABELS, ids=[label for label, _ in LABELS])
def test_nynorsk_pages_quote_the_label_as_it_stands_on_screen(site_dir: Path, label: str, meaning: str) -> None:
    """The real screens are in Bokmål: a Nynorsk page quotes their words unchanged («Lag engangskode»,
    never «Lag eingongskode») and explains them around the quote."""
    text = "\n".join(page_text(site_dir, "nn", page) for page in PAGES)
    assert f"«{label}»" in text


@pytest.mark.parametrize(
    ("page", "lang", "pattern"),
    [
        ("passord/", "nb", r"24 timer"),
        ("passord/", "en", r"24 hours"),
        ("passord/", "nn", r"24 timar"),
        ("app/", "nb", r"tre ganger"),
        ("app/", "en", r"three times"),
        ("app/", "nn", r"tre gonger"),
        ("engangskode/", "nb", r"tre ganger"),
        ("engangskode/", "en", r"three times"),
        ("engangskode/", "nn", r"tre gonger"),
        ("hjelp/", "nb", r"tre ganger"),
        ("hjelp/", "en", r"three times"),
        ("hjelp/", "nn", r"tre gonger"),
    ],
)
def test_the_costly_mistakes_stand_out_as_warnings(site_dir: Path, page: str, lang: str, pattern: str) -> None:
    warnings = [text for classes, text in _article(site_dir, lang, page).admonitions if "warning" in classes]
    assert any(re.search(pattern, text) for text in warnings), f"{lang}/{page}: no warning about {pattern!r}"


@pytest.mark.parametrize(
    ("lang", "order"),
    [
        ("nb", ["E-posten", "Brukernavnet", "smarttelefon", "En pc"]),
        ("nn", ["E-posten", "Brukarnamnet", "smarttelefon", "Ein pc"]),
        ("en", ["The e-mail", "Your username", "smartphone", "A computer"]),
    ],
)
def test_before_you_start_lists_what_is_needed_in_the_order_of_the_steps(site_dir: Path, lang: str, order: list[str]) -> None:
    text = page_text(site_dir, lang, "")
    places = [text.find(word) for word in order]
    assert -1 not in places and places == sorted(places), dict(zip(order, places))


@pytest.mark.parametrize("lang", LANGS)
def test_the_front_page_presents_neither_the_demo_nor_the_support_page(site_dir: Path, lang: str) -> None:
    hrefs = [href for href, _ in _article(site_dir, lang, "").links]
    assert not [h for h in hrefs if re.search(r"(?:^|/)(?:totp-demo|support)/", h)], hrefs


def test_the_demo_and_the_support_page_end_the_nav() -> None:
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    nav = re.findall(r"^  - ([\w-]+\.md)\s*$", config.split("\nnav:", 1)[1], re.MULTILINE)
    assert nav[:6] == ["index.md", "passord.md", "app.md", "engangskode.md", "ove.md", "hjelp.md"], nav
    assert nav[-2:] == ["totp-demo.md", "support.md"], nav


@pytest.mark.parametrize(
    ("lang", "parts"),
    [
        ("nb", [r"Diskrimineringsnemnda", r"varsle Uu-tilsynet", r"WCAG 2\.1 på nivå AA", r"47 suksesskriterier",
                r"uustatus\.no", r"bare IMDi", r"Kjente begrensninger", r"oppdatert \d{1,2}\. \w+ 20\d\d"]),
        ("nn", [r"Diskrimineringsnemnda", r"varsle Uu-tilsynet", r"WCAG 2\.1 på nivå AA", r"47 suksesskriterium",
                r"uustatus\.no", r"berre IMDi", r"Kjende avgrensingar", r"oppdatert \d{1,2}\. \w+ 20\d\d"]),
        ("en", [r"Diskrimineringsnemnda", r"notify Uu-tilsynet", r"WCAG 2\.1 level AA", r"47 success criteria",
                r"uustatus\.no", r"Only IMDi", r"Known limitations", r"updated on \d{1,2} \w+ 20\d\d"]),
    ],
)
def test_the_accessibility_statement_has_the_parts_uu_tilsynet_lists(site_dir: Path, lang: str, parts: list[str]) -> None:
    text = page_text(site_dir, lang, "tilgjengelighet/")
    missing = [p for p in parts if not re.search(p, text)]
    assert not missing, missing
