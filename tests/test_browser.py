"""What a reader sees and does, in Debian's Chromium driven by Playwright."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

from tests.helpers import page_slugs

pytestmark = pytest.mark.browser


def test_home_page_renders_with_the_three_ways_in(page, site_url):
    page.goto(site_url)
    assert page.title() == "Structurer la fonction marketing d’une PME ou d’une startup - Structurer son marketing"
    doors = page.locator(".guide-doors li")
    assert doors.count() == 3
    assert "Lire le guide" in doors.nth(0).inner_text()
    assert "Utiliser un calculateur" in doors.nth(1).inner_text()
    assert "Modifier le guide" in doors.nth(2).inner_text()
    assert page.console_errors == []
    assert page.outside_requests == []


def test_framework_page_renders_the_phases_progression(page, site_url):
    page.goto(site_url + "phases/")
    steps = page.locator(".guide-progression li")
    assert steps.count() == 3
    assert "0 à 10 employés" in steps.nth(0).inner_text()
    page.locator(".guide-progression a").nth(1).click()
    assert page.url.endswith("#structuration")
    assert page.locator("#structuration").is_visible()
    assert page.console_errors == []
    assert page.outside_requests == []


def test_instant_navigation_between_frameworks_keeps_the_page_working(page, site_url):
    page.goto(site_url + "phases/")
    page.evaluate("window.__sameDocument = true")
    page.locator('.guide-phase a[href$="modeles/#full-stack"]').first.click()
    page.wait_for_function("document.querySelector('h1').textContent.startsWith('Centraliser ou décentraliser')")
    assert page.url.endswith("/modeles/#full-stack")
    page.wait_for_timeout(300)  # two animation frames for the target to be brought into view
    top = page.evaluate("document.getElementById('full-stack').getBoundingClientRect().top")
    assert 0 <= top < 900 * 0.6  # the linked row is on screen, not the previous page's offset
    assert page.evaluate("window.__sameDocument") is True  # Material swapped the page: no full reload
    assert page.console_errors == []
    assert page.outside_requests == []


@pytest.mark.parametrize(
    ("query", "expected_page"),
    [
        ("recrutements", "sourcing/"),  # the page says « recruter », « recrutement »
        ("incohérentes", "signaux/"),  # the page says « incohérents »
        ("incoherents", "signaux/"),  # typed without the accent
        ("orchestrer", "phases/"),  # the page says « orchestration »
        ("QQOQCCP", "marketing-management/"),  # the five steps' section
        ("recycler", "recyclage-contenu/"),  # the page says « recyclage »
        ("internaliser", "bascule-internalisation/"),
        ("fractionné", "cmo-fractionne/"),
    ],
)
def test_search_finds_a_french_word_in_another_form(page, site_url, query, expected_page):
    page.goto(site_url)
    page.locator("label.md-search__icon, .md-search__input").first.click()
    # The index is built in a worker: wait until the search says it is ready for typing.
    page.locator(".md-search-result__meta", has_text="Taper pour démarrer la recherche").wait_for(timeout=20_000)
    page.locator("input.md-search__input").press_sequentially(query, delay=30)
    results = page.locator(".md-search-result__item a")
    results.first.wait_for(timeout=15_000)
    hrefs = [results.nth(index).get_attribute("href") for index in range(results.count())]
    assert any(urlsplit(href).path.endswith("/" + expected_page) for href in hrefs), hrefs
    assert page.console_errors == []
    assert page.outside_requests == []


def test_dark_mode_toggle(page, site_url):
    page.goto(site_url)
    before = page.locator("body").get_attribute("data-md-color-scheme")
    page.locator("label.md-header__button[for^='__palette']").first.click()
    after = page.locator("body").get_attribute("data-md-color-scheme")
    assert before != after


def test_phone_layout_shows_the_menu_button_and_readable_tables(browser, site_url):
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    tab = context.new_page()
    tab.goto(site_url + "modeles/")
    assert tab.locator("label.md-header__button[for='__drawer']").is_visible()
    width = tab.evaluate("document.documentElement.scrollWidth")
    assert width <= 390  # wide tables scroll inside their own box, not the page
    context.close()


@pytest.mark.parametrize("path", [*page_slugs(with_slash=True), "page-inexistante/"])
def test_every_page_loads_without_console_error_or_outside_request(page, site_url, path):
    page.goto(site_url + path)
    page.wait_for_load_state("networkidle")
    assert page.locator("h1").count() == 1
    if path != "page-inexistante/":  # the 404 page logs the failed load of the missing page itself
        assert page.console_errors == []
    assert page.outside_requests == []
