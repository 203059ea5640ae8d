"""The light/dark toggle and the glossary's tooltips. To keep pages light, the guide runs both itself
(docs/assets/javascripts/guide.mjs, overrides/partials/palette.html) instead of mounting Material's components
as each page starts: what a reader sees and does must stay what Material gives."""

from __future__ import annotations

import pytest

from tests.support import watched_page

pytestmark = pytest.mark.browser

TERM_TOOLTIP = "[role=tooltip]#__guide_term"


def scheme(page) -> str:
    return page.evaluate("document.body.getAttribute('data-md-color-scheme')")


def shown_toggle(page):
    return page.locator("label.md-header__button[for^='__palette']:visible")


def toggle_leads_to(page) -> str:
    """The scheme that the shown toggle switches to (its label is for the other palette's option)."""
    option = shown_toggle(page).get_attribute("for")
    return page.locator(f"#{option}").get_attribute("data-md-color-scheme")


def test_the_reader_s_theme_is_kept_by_instant_navigation_back_and_a_new_load(page, site_url):
    page.goto(site_url + "phases/")
    assert scheme(page) == "default"
    assert toggle_leads_to(page) == "slate"
    shown_toggle(page).click()
    assert scheme(page) == "slate"
    assert toggle_leads_to(page) == "default"
    page.evaluate("window.__sameDocument = true")
    page.locator('.guide-phase a[href$="modeles/#full-stack"]').first.click()
    page.wait_for_function("() => document.querySelector('h1').textContent.startsWith('Centraliser ou décentraliser')")
    assert page.evaluate("window.__sameDocument") is True  # an instant navigation, not a new load
    assert scheme(page) == "slate"
    page.go_back()
    page.wait_for_function("() => location.pathname.endsWith('/phases/')")
    assert scheme(page) == "slate"
    page.reload()
    assert scheme(page) == "slate"
    assert toggle_leads_to(page) == "default"
    shown_toggle(page).click()
    assert scheme(page) == "default"
    assert page.console_errors == []


def test_the_stored_theme_is_applied_before_the_content_is_parsed(browser, site_url):
    """A stored choice of the dark theme is on <body> before the page's content exists (no light flash): the
    order of DOM changes, as the parser makes them, is recorded from the first byte."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = watched_page(context, site_url)
    page.goto(site_url)
    shown_toggle(page).click()
    page.add_init_script("""
        window.__order = []
        new MutationObserver(records => {
          for (const record of records) {
            if (record.type === "attributes") window.__order.push(record.target.getAttribute("data-md-color-scheme"))
            else if ([...record.addedNodes].some(node => node.nodeName === "MAIN")) window.__order.push("content")
          }
        }).observe(document, { childList: true, subtree: true, attributes: true,
                               attributeFilter: ["data-md-color-scheme"] })""")
    page.goto(site_url + "faq/")
    order = page.evaluate("window.__order")
    assert "content" in order and "slate" in order
    assert order.index("slate") < order.index("content")
    context.close()


def test_without_a_choice_the_page_follows_the_system_theme_even_when_it_changes(browser, site_url):
    context = browser.new_context(viewport={"width": 390, "height": 844}, color_scheme="dark")
    page = watched_page(context, site_url)
    page.goto(site_url + "glossaire/")
    assert scheme(page) == "slate"
    assert toggle_leads_to(page) == "default"
    page.emulate_media(color_scheme="light")
    page.wait_for_function("() => document.body.getAttribute('data-md-color-scheme') === 'default'")
    assert toggle_leads_to(page) == "slate"
    assert page.console_errors == []
    context.close()


def test_the_keyboard_switches_the_theme(page, site_url):
    page.goto(site_url + "roi/")
    page.locator("#__palette_0").focus()
    page.keyboard.press("Enter")
    assert scheme(page) == "slate"
    page.keyboard.press("Enter")
    assert scheme(page) == "default"


def test_the_browser_bar_takes_the_header_s_colour(page, site_url):
    page.goto(site_url)
    page.wait_for_function("() => document.querySelector('meta[name=theme-color]')")
    header = page.evaluate("getComputedStyle(document.querySelector('.md-header')).backgroundColor")
    red, green, blue = (int(value) for value in header[header.index("(") + 1:header.index(")")].split(",")[:3])
    assert page.evaluate("document.querySelector('meta[name=theme-color]').content") == \
        f"#{red:02x}{green:02x}{blue:02x}"


def test_a_glossary_term_shows_its_definition_under_it_while_pointed_at(page, site_url):
    page.goto(site_url + "phases/")
    term = page.locator("article abbr[title]").first.element_handle()  # the same element once its title is lifted
    definition = term.get_attribute("title")
    term.hover()
    bubble = page.locator(TERM_TOOLTIP)
    bubble.wait_for(state="visible")
    assert bubble.inner_text() == definition
    assert term.get_attribute("title") is None  # the browser's own tooltip does not show it a second time
    assert term.get_attribute("aria-describedby") == "__guide_term"
    term_box, bubble_box = term.bounding_box(), bubble.bounding_box()
    assert term_box["y"] + term_box["height"] <= bubble_box["y"] < term_box["y"] + term_box["height"] + 40
    assert bubble_box["x"] < term_box["x"] + term_box["width"] and term_box["x"] < bubble_box["x"] + bubble_box["width"]
    page.mouse.move(5, 450)
    bubble.wait_for(state="detached")
    assert term.get_attribute("title") == definition
    assert term.get_attribute("aria-describedby") is None
    assert page.console_errors == []


def test_on_a_phone_a_tapped_term_shows_its_definition_within_the_screen(browser, site_url):
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    page = watched_page(context, site_url)
    page.goto(site_url + "faq/")
    term = page.locator("article abbr[title]").first.element_handle()
    definition = term.get_attribute("title")
    term.scroll_into_view_if_needed()
    term.tap()
    bubble = page.locator(TERM_TOOLTIP)
    bubble.wait_for(state="visible")
    assert bubble.inner_text() == definition
    box = bubble.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 390
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    context.close()


def test_a_shown_definition_goes_with_its_page_under_instant_navigation(page, site_url):
    page.goto(site_url + "phases/")
    page.locator("article abbr[title]").first.hover()
    page.locator(TERM_TOOLTIP).wait_for(state="visible")
    page.evaluate("window.__sameDocument = true")
    page.locator('.guide-phase a[href$="modeles/#full-stack"]').first.click()
    page.wait_for_function("() => document.querySelector('h1').textContent.startsWith('Centraliser ou décentraliser')")
    assert page.evaluate("window.__sameDocument") is True
    assert page.locator(TERM_TOOLTIP).count() == 0
