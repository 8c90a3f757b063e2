"""Each step's "copy link" button copies the step's full address; print shows the address instead; the
support page lists every step's address in every language."""
from __future__ import annotations

import pytest
from browserkit import at
from guide_languages import DEFAULT_LANG, LANGS
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.browser

# What the button's status line says once the link is copied, written out here for each language.
COPIED = {"nb": "Lenken er kopiert.", "nn": "Lenka er kopiert.", "en": "Link copied."}
STEP = "opprette-passord-1"  # a step from the handout, in the support table's second row


@pytest.mark.parametrize("lang", LANGS)
def test_copy_link_button_copies_the_steps_address(page: Page, site_url: str, lang: str) -> None:
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=site_url.rstrip("/"))
    path = at(lang, "passord/")
    page.goto(path)
    button = page.locator('button[data-copy-href="#opprette-passord-3"]')
    expect(button).to_be_visible()
    button.focus()
    page.keyboard.press("Enter")
    expect(button.locator("xpath=following-sibling::*[1]")).to_have_text(COPIED[lang])
    assert page.evaluate("navigator.clipboard.readText()") == f"{site_url}{path}#opprette-passord-3"


def test_print_writes_the_step_addresses_out(page: Page, site_url: str) -> None:
    page.goto(at(DEFAULT_LANG, "app/"))
    page.emulate_media(media="print")
    address = page.locator(".step-link__print").first
    expect(address).to_be_visible()
    expect(address).to_contain_text(f"{site_url}{at(DEFAULT_LANG, 'app/')}#installere-app-1")
    expect(page.locator("button.copy-link").first).to_be_hidden()
    expect(page.locator(".md-header")).to_be_hidden()


@pytest.mark.parametrize("page_lang", LANGS)
def test_support_page_lists_every_step_in_every_language(page: Page, site_url: str, page_lang: str) -> None:
    page.goto(at(page_lang, "support/"))
    rows = page.locator(".support-table[data-role=steps] tbody tr")
    expect(rows).to_have_count(20)  # the handout's 13 steps and the guide's 7 added ones
    # the guide opens with "Før du starter"; the handout's first step follows it
    row = rows.filter(has=page.locator(f'a[hreflang="{DEFAULT_LANG}"][href$="#{STEP}"]'))
    expect(row).to_have_count(1)
    for lang in LANGS:
        first = rows.first.locator(f'a[hreflang="{lang}"]')
        assert first.evaluate("a => a.href") == f"{site_url}{at(lang)}#for-du-starter"
        link = row.locator(f'a[hreflang="{lang}"]')
        expect(link).to_have_count(1)
        expect(link).to_have_attribute("lang", lang)
        assert link.evaluate("a => a.href") == f"{site_url}{at(lang, 'passord/')}#{STEP}"
        expect(row.locator(f'td:has(a[hreflang="{lang}"]) .support-url')).to_have_text(
            f"{site_url}{at(lang, 'passord/')}#{STEP}")
