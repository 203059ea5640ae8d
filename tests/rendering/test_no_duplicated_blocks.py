"""No block said twice, over every page of the built site: one card per destination, each with one description
(the cards of « Avec vos chiffres » and « Pour aller plus loin », built by ``guide.views.related_links``); the
pages that rely on a source named once each, as pages (never a section of one); an FAQ answer printed on its
own page and the FAQ's, its other themes' pages leading to it."""

from __future__ import annotations

from posixpath import normpath
from urllib.parse import urlsplit

import pytest

from common.site_map import HOME, page_of, site_pages
from guide.model import FAQ_FRAMEWORK
from tests.helpers import page_slugs
from tests.site_text import heading_text, normalise, select, text_of

PAGES = page_slugs()


def destination(page: str, href: str) -> str:
    """The page a link leads to, from the site's root, without its anchor: ``../role-cmo/#missions-cmo`` seen
    from ``cmo-fractionne`` is ``role-cmo``."""
    path = urlsplit(href).path
    base = f"/{page}/" if page else "/"
    return normpath(base + path if path else base).strip("/")


def cards(site, page: str):
    """Every card of the article's card grids (Material's ``grid cards``), as list items."""
    return select(site, page, ".grid.cards > ul > li")


@pytest.mark.parametrize("page", PAGES)
def test_no_two_cards_of_a_page_lead_to_the_same_page(built_site, page):
    destinations = [destination(page, link.attributes["href"])
                    for card in cards(built_site, page) for link in card.css("a[href]")[:1]]
    assert len(destinations) == len(set(destinations)), (page, destinations)


def reasons_of(guide, page: str) -> set[str]:
    """Every reason (``voir_aussi[].pourquoi``) given by the frameworks a page shows."""
    [site_page] = [entry for entry in site_pages(guide.frameworks[HOME]) if entry.url.rstrip("/") == page]
    return {normalise(link["pourquoi"]) for name in site_page.frameworks
            for link in guide.frameworks[name]["page"].get("voir_aussi", []) or []}


@pytest.mark.parametrize("page", PAGES)
def test_each_related_card_gives_one_reason(built_site, guide, page):
    related = select(built_site, page, ".guide-apply > ul > li, .guide-see-also > ul > li")
    reasons = reasons_of(guide, page)
    for card in related:
        title, *descriptions = card.css("p")
        assert title.css_first("a[href]") is not None, text_of(card)
        assert [normalise(text_of(description)) in reasons for description in descriptions] == [True], text_of(card)


def test_the_sources_page_names_each_page_once_and_never_a_section(built_site, guide):
    lists = select(built_site, "sources", "p.guide-source-pages")
    assert len(lists) >= 2  # several sources have pages relying on them
    pages = set(PAGES)
    for paragraph in lists:
        hrefs = [link.attributes["href"] for link in paragraph.css("a[href]")]
        assert hrefs, text_of(paragraph)
        assert all(not urlsplit(href).fragment for href in hrefs), hrefs
        targets = [destination("sources", href) for href in hrefs]
        assert len(targets) == len(set(targets)), targets
        assert set(targets) <= pages, targets


def test_an_faq_answer_is_printed_on_one_page_besides_the_faq_and_its_other_themes_lead_to_it(built_site, guide):
    home = guide.frameworks[HOME]
    others = [page for page in PAGES if page != FAQ_FRAMEWORK]
    answered = {page: {heading_text(node) for node in select(built_site, page, "h3")} for page in others}
    leading = {page: {link.attributes["href"] for link in select(built_site, page, "#questions-frequentes ~ * a[href]")}
               for page in others}
    for question in guide.frameworks[FAQ_FRAMEWORK]["questions"]:
        title = normalise(question["question"])
        printed = [page for page in others if title in {normalise(text) for text in answered[page]}]
        assert printed == [page_of(home, question["themes"][0]).url.rstrip("/")], (question["id"], printed)
        for theme in question["themes"][1:]:
            page = page_of(home, theme).url.rstrip("/")
            if page not in printed:
                assert f"../{FAQ_FRAMEWORK}/#{question['id']}" in leading[page], (question["id"], page)
