"""Each step's "copy link" button copies the step's full address; print shows the address instead."""
from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.browser


@pytest.mark.parametrize(("path", "status"), [("passord/", "Lenken er kopiert."), ("en/passord/", "Link copied.")])
def test_copy_link_button_copies_the_steps_address(page: Page, site_url: str, path: str, status: str) -> None:
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=site_url.rstrip("/"))
    page.goto(site_url + path)
    button = page.locator('button[data-copy-href="#opprette-passord-3"]')
    expect(button).to_be_visible()
    button.focus()
    page.keyboard.press("Enter")
    expect(button.locator("xpath=following-sibling::*[1]")).to_have_text(status)
    assert page.evaluate("navigator.clipboard.readText()") == f"{site_url}{path}#opprette-passord-3"


def test_print_writes_the_step_addresses_out(page: Page, site_url: str) -> None:
    page.goto(site_url + "app/")
    page.emulate_media(media="print")
    address = page.locator(".step-link__print").first
    expect(address).to_be_visible()
    expect(address).to_contain_text(f"{site_url}app/#installere-app-1")
    expect(page.locator("button.copy-link").first).to_be_hidden()
    expect(page.locator(".md-header")).to_be_hidden()


def test_support_page_lists_every_step_in_both_languages(page: Page, site_url: str) -> None:
    page.goto(site_url + "support/")
    rows = page.locator(".support-table[data-role=steps] tbody tr")
    expect(rows).to_have_count(20)  # the handout's 13 steps and the guide's 7 added ones
    # the guide now opens with "Før du starter"; the handout's first step follows it
    assert rows.first.locator('a[hreflang="nb"]').evaluate("a => a.href") == f"{site_url}#for-du-starter"
    row = rows.filter(has=page.locator('a[hreflang="nb"][href$="#opprette-passord-1"]'))
    expect(row).to_have_count(1)
    assert row.locator('a[hreflang="nb"]').evaluate("a => a.href") == f"{site_url}passord/#opprette-passord-1"
    assert row.locator('a[hreflang="en"]').evaluate("a => a.href") == f"{site_url}en/passord/#opprette-passord-1"
    expect(row.locator(".support-url").nth(1)).to_have_text(f"{site_url}en/passord/#opprette-passord-1")
