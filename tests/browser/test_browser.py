"""What a reader sees and does, in Debian's Chromium driven by Playwright."""

from __future__ import annotations

import pytest

from common.site_map import HOME
from tests.helpers import framework_data, page_slugs
from tests.site_text import normalise
from tests.support import axe_violations, watched_page

pytestmark = pytest.mark.browser


FIRST_SCREENS = [pytest.param({"width": 390, "height": 844}, True, id="phone"),
                 pytest.param({"width": 1280, "height": 800}, False, id="laptop")]


@pytest.mark.parametrize(("viewport", "mobile"), FIRST_SCREENS)
def test_the_home_page_says_what_the_guide_offers_and_where_to_start_in_its_first_screen(
        browser, site_url, guide, viewport, mobile):
    """The title, the introduction and every link of « Par où commencer » (the page to read first and every
    calculator) are within the first screen, on a phone and on a laptop; nothing for editors is there."""
    context = browser.new_context(viewport=viewport, is_mobile=mobile, has_touch=mobile, locale="fr-FR")
    tab = watched_page(context, site_url)
    tab.goto(site_url)
    title = framework_data(HOME)["page"]["titre"]  # whatever the home page's title says today
    assert normalise(tab.title()) == normalise(f"{title} - Structurer son marketing")
    links = tab.locator(".guide-start a")
    targets = [links.nth(index).get_attribute("href") for index in range(links.count())]
    calculators = sorted(name for name, data in guide.frameworks.items() if "calculateur" in data)
    assert len(calculators) == 3
    assert all(any(target.endswith(f"/{name}/") for target in targets) for name in calculators), targets
    assert len(targets) > len(calculators)  # and a page to start reading
    bottom = tab.evaluate("""() => Math.max(...[...document.querySelectorAll(
        "article h1, article h1 + p, .guide-start li")].map(e => e.getBoundingClientRect().bottom))""")
    assert 0 < bottom <= viewport["height"]
    editors = tab.evaluate("""() => [...document.querySelectorAll('.md-content a[rel="edit"], .md-content a[href$="contribuer/"], .md-content .guide-edit')]
        .filter(e => { const box = e.getBoundingClientRect(); return box.height > 0 && box.top < innerHeight; })
        .map(e => e.textContent.trim())""")
    assert editors == []
    assert tab.locator("footer.md-footer a[rel=edit]").count() == 1
    assert tab.console_errors == []
    assert tab.outside_requests == []
    context.close()


def test_framework_page_renders_the_phases_progression(page, site_url):
    page.goto(site_url + "phases/")
    steps = page.locator(".guide-progression li")
    assert steps.count() == 3
    first = framework_data("phases")["phases"][0]
    assert f"{first['effectif_min']} à {first['effectif_max']} employés" in normalise(steps.nth(0).inner_text())
    page.locator(".guide-progression a").nth(1).click()
    assert page.url.endswith("#structuration")
    assert page.locator("#structuration").is_visible()
    assert page.console_errors == []
    assert page.outside_requests == []


def test_instant_navigation_between_frameworks_keeps_the_page_working(page, site_url):
    page.goto(site_url + "phases/")
    page.evaluate("window.__sameDocument = true")
    page.locator('.guide-phase a[href$="modeles/#full-stack"]').first.click()
    page.wait_for_function("() => document.querySelector('h1').textContent.startsWith('Centraliser ou décentraliser')")
    assert page.url.endswith("/modeles/#full-stack")
    page.wait_for_timeout(300)  # two animation frames for the target to be brought into view
    top = page.evaluate("document.getElementById('full-stack').getBoundingClientRect().top")
    assert 0 <= top < 900 * 0.6  # the linked row is on screen, not the previous page's offset
    assert page.evaluate("window.__sameDocument") is True  # Material swapped the page: no full reload
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


MISSING_PAGE = "page-inexistante/"  # served the site's 404.html, with status 404, as static hosts do
SEARCH_READY = "Taper pour démarrer la recherche"  # the search box, once its worker has loaded the index


@pytest.fixture(scope="module")
def visitor(browser, site_url):
    """One browser tab that visits every page in turn (each visit a full page load)."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="fr-FR")
    yield watched_page(context, site_url)
    context.close()


@pytest.mark.parametrize("path", [*page_slugs(with_slash=True), MISSING_PAGE])
def test_every_page_loads_without_console_error_outside_request_or_axe_violation(visitor, site_url, path):
    """Each page visited once, until it has settled: « load » (every script, style and image), on a calculator
    page the live calculator booted, and the search index loaded by its worker. Meanwhile axe-core checks the
    page (its scripts' work included); then no console error and no request that left the site."""
    visitor.console_errors.clear()
    visitor.outside_requests.clear()
    response = visitor.goto(site_url + path, wait_until="load")
    assert response.status == (404 if path == MISSING_PAGE else 200)
    if visitor.locator(".guide-calculator").count():
        visitor.locator('.guide-calculator__state[data-state="ready"]').wait_for(state="attached", timeout=90_000)
    violations = axe_violations(visitor)  # while the search worker loads its index
    visitor.locator(".md-search-result__meta", has_text=SEARCH_READY).wait_for(state="attached", timeout=20_000)
    assert violations == []
    assert visitor.locator("h1").count() == 1
    if path == MISSING_PAGE:  # the browser logs the missing page itself, and nothing else
        assert visitor.console_errors == [
            "Failed to load resource: the server responded with a status of 404 (Not Found)"]
    else:
        assert visitor.console_errors == []
    assert visitor.outside_requests == []


def test_pages_are_served_with_the_site_s_policy_and_carry_it_before_any_script(page, site_url):
    """The test server sends the headers of the built _headers file, as Netlify or Cloudflare would: every walk of
    these tests runs under the policy as a header and as the page's <meta>, and reports any violation."""
    response = page.goto(site_url + "internalisation/")
    header = response.headers["content-security-policy"]
    assert header.startswith("default-src 'none';") and "frame-ancestors 'none'" in header
    assert response.headers["referrer-policy"] == "same-origin"
    meta = page.locator('meta[http-equiv="Content-Security-Policy"]')
    assert meta.count() == 1 and "'wasm-unsafe-eval'" in meta.get_attribute("content")
    first_in_head = page.evaluate("[...document.head.children].slice(0, 2).map(e => e.outerHTML.slice(0, 40))")
    assert first_in_head[0] == '<meta charset="utf-8">' and first_in_head[1].startswith('<meta http-equiv="Content-Secu')
    page.fill("#calc-internalisation-day_rate", "1 200")
    page.wait_for_function("() => document.querySelector('.guide-calculator').dataset.computed", timeout=90_000)
    assert page.console_errors == []
