"""Editors' text is shown as text: HTML, <script> and Markdown in YAML are never interpreted (in the browser)."""

from __future__ import annotations

import pytest

from tests.site_text import normalise
from tests.support import PAYLOADS, watched_page

# With tests/rendering/test_rendering.py's tests of the same site, on one worker of pytest-xdist: one build.
pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("injected-site")]


@pytest.mark.parametrize("path", ["faq/", "phases/"])
def test_html_script_and_markdown_in_yaml_are_shown_literally_and_never_run(browser, injected_site, path):
    _, url = injected_site
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="fr-FR")
    tab = watched_page(context, url)
    tab.goto(url + path)  # waits for « load »: every script of the page has run
    # Material's own script has run on the page (it mounts the search), so an injected handler would have too.
    tab.locator(".md-search-result__meta", has_text="Taper pour démarrer la recherche").wait_for(state="attached")
    assert tab.evaluate("window.__pwned") is None  # no script ran, no handler fired

    article = tab.locator("article")
    text = normalise(article.inner_text())
    for payload in PAYLOADS:
        assert normalise(payload) in text, payload  # visible, as the editor typed it
    assert article.locator("script:not([type='application/ld+json'])").count() == 0
    assert article.locator("img[src='x']").count() == 0
    assert article.locator("a[href^='javascript']").count() == 0
    assert tab.locator("strong", has_text="gras").count() == 0  # ** stays two asterisks
    for href in tab.evaluate("[...document.querySelectorAll('a[href]')].map(a => a.getAttribute('href'))"):
        assert not href.lower().startswith("javascript"), href
    # Clicking the text that looks like a link does nothing either.
    tab.get_by_text("[lien](javascript", exact=False).first.click()
    assert tab.evaluate("window.__pwned") is None
    assert tab.console_errors == []
    assert tab.outside_requests == []
    context.close()
