"""The steps' short addresses behind nginx with the generated configuration: either case, with or
without the closing slash, lands on the step (a static host cannot fold a path's case, so both are files)."""
from __future__ import annotations

import pytest
from guide_languages import LANGS
from playwright.sync_api import expect
from stepkit import short_path, steps_json

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("lang", LANGS)
def test_a_short_address_lands_on_its_step_through_nginx(browser, nginx_url, site_dir, lang):
    entry = steps_json(site_dir)[-1]
    context = browser.new_context()
    try:
        page = context.new_page()
        for code in (entry["code"].lower(), entry["code"]):
            for address in (short_path(lang, code), short_path(lang, code).rstrip("/")):
                response = page.goto(nginx_url + address)
                page.wait_for_url(nginx_url + entry[lang]["url"].lstrip("/"))
                expect(page.locator(f"h2#{entry['id']}")).to_be_in_viewport()
                assert response is not None and response.ok
    finally:
        context.close()
