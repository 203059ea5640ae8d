"""Accessibility of what readers see, checked by axe-core (shipped in axe-playwright-python, offline).

Every page is checked once it has settled, with its console errors and outside requests, by
tests/browser/test_browser.py (one visit per page); here, the states a reader brings a page into.
"""

from __future__ import annotations

import pytest

from tests.support import axe_violations

pytestmark = pytest.mark.browser


def test_the_check_finds_a_violation(page, site_url):
    """An image without its text alternative: axe reports it (the check can fail)."""
    page.goto(site_url + "phases/")
    page.evaluate("""() => {
        const image = document.createElement('img')
        image.src = 'data:image/gif;base64,R0lGODlhAQABAAAAACw='
        document.querySelector('article').append(image)
    }""")
    assert [violation.split(":")[0] for violation in axe_violations(page)] == ["image-alt"]


def test_calculator_showing_an_error_has_no_axe_violation(page, site_url):
    page.goto(site_url + "roi/")
    page.locator("#calc-roi-marketing_spend").fill("beaucoup")
    page.locator("#calc-roi-marketing_spend-erreur").wait_for(state="visible", timeout=90_000)
    assert axe_violations(page) == []


def test_dark_theme_has_no_axe_violation(page, site_url):
    page.goto(site_url + "phases/")
    page.locator("label.md-header__button[for^='__palette']").first.click()
    assert page.locator("body").get_attribute("data-md-color-scheme") == "slate"
    assert axe_violations(page) == []
