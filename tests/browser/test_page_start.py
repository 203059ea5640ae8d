"""How a page starts. Material's script is deferred (overrides/main.html), so the browser paints the page
before it runs: what the first paint shows must already be what stays, and Material must still mount."""

from __future__ import annotations

import pytest

from tests.support import watched_page

pytestmark = pytest.mark.browser

# Records, from the first byte, the root's class changes and the moment the parser adds <main>.
ORDER_OF_CHANGES = """
    window.__order = []
    new MutationObserver(records => {
      for (const record of records) {
        if (record.type === "attributes") window.__order.push(record.target.className)
        else if ([...record.addedNodes].some(node => node.nodeName === "MAIN")) window.__order.push("content")
      }
    }).observe(document, { childList: true, subtree: true, attributes: true, attributeFilter: ["class"] })"""


@pytest.mark.parametrize("viewport", [{"width": 390, "height": 844}, {"width": 1280, "height": 900}],
                         ids=["telephone", "portable"])
def test_the_page_has_its_javascript_look_before_its_content_is_parsed_and_material_still_mounts(
        browser, site_url, viewport):
    context = browser.new_context(viewport=viewport)
    page = watched_page(context, site_url)
    page.add_init_script(ORDER_OF_CHANGES)
    page.goto(site_url + "faq/")
    order = page.evaluate("window.__order")
    with_js = [index for index, entry in enumerate(order) if "js" in entry.split()]
    assert with_js and with_js[0] < order.index("content"), order  # no-js swapped for js while <head> is parsed
    # Material mounted on the same page: its search opens and finds.
    search_button = page.locator("label.md-header__button[for=__search]")
    if search_button.is_visible():
        search_button.click()
    page.locator("input.md-search__input").fill("cmo")
    page.locator(".md-search-result__item").first.wait_for()
    assert page.evaluate("[...document.documentElement.classList]")[0] == "js"  # Material left it as it found it
    assert page.console_errors == [] and page.outside_requests == []
    context.close()


def test_without_javascript_the_page_keeps_no_js_and_hides_the_search_it_cannot_run(browser, site_url):
    context = browser.new_context(java_script_enabled=False, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(site_url + "faq/")
    assert page.evaluate("document.documentElement.className") == "no-js"
    assert page.locator(".md-search").is_hidden()
    context.close()
