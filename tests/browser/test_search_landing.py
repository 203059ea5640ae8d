"""A search result lands on the answer: the section (heading or FAQ entry) that answers, within the first screen.

Material links each result's title to the top of its page; guide.mjs points it at the best-scored section when a
section scored as high as the page (docs/assets/javascripts/guide.mjs, point 7), and brings the target under the
sticky header once the page is shown, on a phone too, where Material's search keeps the page fixed while it is
open and lets it go only after the next page has been asked for. The question is a heading read from the built
page (the last FAQ entry of the guide's longest page, several screens down), typed key by key.
"""

from __future__ import annotations

import json
from urllib.parse import urlsplit

import pytest
from selectolax.lexbor import LexborHTMLParser

from tests.browser.test_search_questions import FINAL, TWO_FRAMES, WATCH_SEARCH_WORKER, type_keys
from tests.site_text import select
from tests.support import watched_page

pytestmark = pytest.mark.browser

LONG_PAGE = "hypercroissance/"  # the guide's longest framework page: its FAQ entries are 7 to 9 phone screens down
DEVICES = {
    "telephone": {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True},
    "portable": {"viewport": {"width": 1280, "height": 900}},
}
READY = "Taper pour démarrer la recherche"
# Where the target is, once the page has settled: under the header, and not hidden by it.
TARGET_PLACE = """id => {
  const target = document.getElementById(id)
  const header = document.querySelector(".md-header").getBoundingClientRect()
  const box = target.getBoundingClientRect()
  const hit = document.elementFromPoint(Math.min(box.left + 10, innerWidth - 1), box.top + Math.min(box.height / 2, 10))
  return {top: box.top, header: header.bottom, height: innerHeight, visible: !!hit && target.contains(hit)}
}"""
AT_THE_TOP = """id => {
  const target = document.getElementById(id)
  if (!target) return false
  const top = target.getBoundingClientRect().top
  const header = document.querySelector(".md-header").getBoundingClientRect().bottom
  return top >= header - 1 && top <= header + 40
}"""


def headings(built_site, page: str) -> list[tuple[str, str]]:
    """(id, title) of the page's sections in the search index (the sections Material can point to: those with a
    text of their own, in order), their titles as the page shows them."""
    docs = json.loads((built_site / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]
    found = []
    for doc in docs:
        path, _, anchor = doc["location"].partition("#")
        if path == page and anchor and doc["text"].strip():
            found.append((anchor, " ".join(LexborHTMLParser(doc["title"]).text().split())))
    assert len(found) >= 3, found
    return found


def open_search(page) -> None:
    button = page.locator("label.md-header__button[for=__search]")
    if button.is_visible():
        button.click()
    else:
        page.locator("label.md-search__icon, .md-search__input").first.click()
    page.locator(".md-search-result__meta", has_text=READY).wait_for(timeout=20_000)


def ask(page, question: str) -> None:
    page.locator("input.md-search__input").focus()
    type_keys(page, question)
    page.wait_for_function(FINAL, arg=question, timeout=15_000)
    page.evaluate(TWO_FRAMES)


def first_result_link(page) -> str:
    return page.locator(".md-search-result__item").first.locator("a.md-search-result__link").first.get_attribute("href")


@pytest.fixture(params=list(DEVICES), ids=list(DEVICES))
def device(request, browser, site_url):
    context = browser.new_context(locale="fr-FR", **DEVICES[request.param])
    context.add_init_script(WATCH_SEARCH_WORKER)
    tab = watched_page(context, site_url)
    yield tab
    context.close()


def land(page, question: str, expected_page: str, expected_id: str, site_url: str) -> dict:
    """Ask ``question`` in the open search, check that the first result leads to ``expected_id`` of
    ``expected_page``, follow it and return where the target is once it has stopped moving."""
    ask(page, question)
    link = urlsplit(first_result_link(page))
    assert link.path == urlsplit(site_url + expected_page).path, (question, link)
    assert link.fragment == expected_id, (question, link)
    page.locator(".md-search-result__item").first.locator("a.md-search-result__link").first.click()
    page.wait_for_function(AT_THE_TOP, arg=expected_id, timeout=10_000)
    page.wait_for_timeout(400)  # and it stays there once the page has settled
    assert urlsplit(page.url).fragment == expected_id
    return page.evaluate(TARGET_PLACE, expected_id)


def test_the_first_result_leads_to_the_faq_entry_that_answers_and_shows_it_under_the_header(device, built_site,
                                                                                            site_url):
    entry_id, question = headings(built_site, LONG_PAGE)[-1]  # the last entry: the furthest down the page
    device.goto(site_url + "phases/")
    device.evaluate("window.__sameDocument = true")  # lost if the result were opened by a full load
    open_search(device)
    place = land(device, question, LONG_PAGE, entry_id, site_url)
    assert place["header"] - 1 <= place["top"] <= place["header"] + 40, place
    assert place["visible"], place  # not under the sticky header
    assert device.evaluate("scrollY") > 2 * place["height"]  # several screens down: it was not already on screen
    assert device.evaluate("window.__sameDocument") is True  # instant navigation, not a full load
    assert device.console_errors == []
    assert device.outside_requests == []


def test_a_result_on_the_page_being_read_scrolls_to_its_section(device, built_site, site_url):
    """No new page: only the #fragment changes (and, on a phone, the page is let go after it changed)."""
    entry_id, question = headings(built_site, LONG_PAGE)[-2]
    device.goto(site_url + LONG_PAGE)
    open_search(device)
    place = land(device, question, LONG_PAGE, entry_id, site_url)
    assert place["header"] - 1 <= place["top"] <= place["header"] + 40, place
    assert place["visible"], place
    assert device.console_errors == []
    assert device.outside_requests == []


def test_the_title_of_a_result_whose_page_answers_as_a_whole_leads_to_the_top_of_the_page(device, built_site,
                                                                                          site_url):
    """The page's own title typed: the page did best, its link stays the page's."""
    [(_, title)] = [(node.attributes.get("id", ""), " ".join(node.text(deep=True).replace("¶", " ").split()))
                    for node in select(built_site, LONG_PAGE, "h1")]
    device.goto(site_url + "phases/")
    open_search(device)
    ask(device, title)
    link = urlsplit(first_result_link(device))
    assert link.path == urlsplit(site_url + LONG_PAGE).path and link.fragment == "", link


BACK_TO_TOP_SHOWN = """() => {
  const button = document.querySelector(".md-top")
  return !!button && !button.hidden && button.checkVisibility({opacityProperty: true, visibilityProperty: true})
}"""
# What a calculator does above a section as it starts (its pre-rendered form gains and loses lines): the text above
# the target changes height, and the browser scrolls the page up to keep the target in place.
SHRINK_ABOVE = """() => document.querySelector("article h1 ~ p").remove()"""


def shrink_above_and_check(device, place_id: str) -> None:
    before = device.evaluate("scrollY")
    device.evaluate(SHRINK_ABOVE)
    device.wait_for_function("y => scrollY < y", arg=before, timeout=5_000)  # the page moved up, not the reader
    device.wait_for_timeout(400)
    assert device.evaluate(NEAR_THE_TOP, place_id)
    assert not device.evaluate(BACK_TO_TOP_SHOWN)


# Placed by the browser itself (a full load): at the top, its scroll margin within a few pixels of the header's.
NEAR_THE_TOP = AT_THE_TOP.replace("top >= header - 1", "top >= header - 8")
assert NEAR_THE_TOP != AT_THE_TOP


def test_a_page_opened_at_a_section_keeps_the_back_to_top_button_off_it_until_the_reader_moves(device, built_site,
                                                                                                 site_url):
    """Material shows « Retour en haut de la page » when the page scrolls up. The page scrolled up by itself to keep
    the section in place, as text above it changed height (seen: a calculator starting, 45 px above
    /internalisation/#formule), and the button covered the section's heading. Opened at a section (here by a full
    load; guide.mjs does the same after a search result or an in-site link), the section stays clear of it; the
    button shows again once the reader scrolls up."""
    sections = headings(built_site, LONG_PAGE)
    entry_id, _ = sections[-3]
    device.goto(f"{site_url}{LONG_PAGE}#{entry_id}")
    device.wait_for_load_state("networkidle")
    device.wait_for_function(NEAR_THE_TOP, arg=entry_id, timeout=10_000)
    shrink_above_and_check(device, entry_id)
    device.mouse.wheel(0, -600)
    device.wait_for_function(BACK_TO_TOP_SHOWN, timeout=5_000)
    assert device.console_errors == []
    assert device.outside_requests == []


# The lines the back-to-top button's label takes on the screen.
BACK_TO_TOP_LINES = """() => {
  const button = document.querySelector(".md-top")
  const walker = document.createTreeWalker(button, NodeFilter.SHOW_TEXT)
  const range = document.createRange(), tops = new Set()
  while (walker.nextNode()) {
    if (!walker.currentNode.data.trim()) continue
    range.selectNodeContents(walker.currentNode)
    for (const rect of range.getClientRects()) if (rect.width > 0) tops.add(Math.round(rect.top))
  }
  return tops.size
}"""


def test_the_back_to_top_button_takes_one_line(device, built_site, site_url):
    """Material's label in French, « Retour en haut de la page », wrapped on two lines on a phone (the button was
    placed at half the screen's width, its width limited to the other half), a tall pill over the text."""
    device.goto(f"{site_url}{LONG_PAGE}")
    device.wait_for_load_state("networkidle")
    device.mouse.wheel(0, 2_000)
    device.wait_for_function("() => scrollY > 1_000")
    device.mouse.wheel(0, -300)
    device.wait_for_function(BACK_TO_TOP_SHOWN, timeout=5_000)
    assert device.evaluate(BACK_TO_TOP_LINES) == 1
    assert device.console_errors == []
    assert device.outside_requests == []
