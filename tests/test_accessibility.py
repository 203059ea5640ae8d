"""Accessibility of what readers see, checked by axe-core (shipped in axe-playwright-python, offline)."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe

pytestmark = pytest.mark.browser
PAGES = ["", "fondations/", "signaux/", "phases/", "modeles/", "typologies/", "matrice-decision/", "sourcing/",
         "role-cmo/", "roi/", "faq/", "sources/", "contribuer/", "hypercroissance/", "recyclage-contenu/",
         "expansion-internationale/"]


def violations(page) -> list[str]:
    result = Axe().run(page)
    return [f"{item['id']}: {[node['target'] for node in item['nodes']]}" for item in result.response["violations"]]


@pytest.mark.parametrize("path", PAGES)
def test_page_has_no_axe_violation(page, site_url, path):
    page.goto(site_url + path)
    assert violations(page) == []


def test_calculator_showing_an_error_has_no_axe_violation(page, site_url):
    page.goto(site_url + "roi/")
    page.locator("#calc-roi-marketing_spend").fill("beaucoup")
    page.locator("#calc-roi-marketing_spend-erreur").wait_for(state="visible", timeout=90_000)
    assert violations(page) == []


def test_dark_theme_has_no_axe_violation(page, site_url):
    page.goto(site_url + "phases/")
    page.locator("label.md-header__button[for^='__palette']").first.click()
    assert page.locator("body").get_attribute("data-md-color-scheme") == "slate"
    assert violations(page) == []
