"""The site's plan (accueil.yml): one definition for the navigation, the page of each framework and every
address; pages that answer the same question are one page, and their former addresses still work."""

from __future__ import annotations

from collections import Counter
from html.parser import HTMLParser
from pathlib import Path

import pytest

from common.site_map import HOME, page_of, page_url, redirects, site_pages
from guide.catalog import REPO_ROOT, load_guide
from guide.site import navigation
from tests.helpers import line_of, load_errors, page_slugs, replace_in
from tests.site_text import article_text

GUIDE = load_guide(REPO_ROOT)
PLAN = GUIDE.frameworks[HOME]
ACCUEIL = Path("frameworks") / "accueil.yml"


class _Links(HTMLParser):
    """Links of the primary navigation (in order), every id of the page, and the redirect's meta refresh."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.in_primary = 0
        self.nav_links: list[str] = []
        self.ids: list[str] = []
        self.refresh = None
        self.robots = None

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        classes = (attributes.get("class") or "").split()
        if attributes.get("id"):
            self.ids.append(attributes["id"])
        if tag == "nav" and "md-nav--primary" in classes:
            self.in_primary = 1
        elif tag == "nav" and self.in_primary:
            self.in_primary += 1
        if tag == "a" and self.in_primary and "md-nav__link" in classes and not attributes["href"].startswith("#"):
            self.nav_links.append(attributes["href"])
        if tag == "meta" and attributes.get("http-equiv") == "refresh":
            self.refresh = attributes["content"]
        if tag == "meta" and attributes.get("name") == "robots":
            self.robots = attributes["content"]

    def handle_endtag(self, tag):
        if tag == "nav" and self.in_primary:
            self.in_primary -= 1


def parse(html: str) -> _Links:
    parser = _Links()
    parser.feed(html)
    return parser


def test_a_framework_shown_as_a_section_has_its_host_s_address_and_its_own_anchor():
    assert page_url(PLAN, HOME) == ""
    assert page_url(PLAN, "sourcing") == "sourcing/"
    assert page_url(PLAN, "externalisation") == "sourcing/#externalisation"
    assert page_url(PLAN, "externalisation", "piliers") == "sourcing/#piliers"
    assert page_of(PLAN, "direction-temps-partage").host == "cmo-fractionne"


def test_each_former_address_of_a_merged_page_redirects_to_its_section():
    assert redirects(PLAN) == {
        "matrice-decision/": "typologies/#matrice-decision",
        "internaliser-externaliser/": "sourcing/#internaliser-externaliser",
        "externalisation/": "sourcing/#externalisation",
        "direction-temps-partage/": "cmo-fractionne/#direction-temps-partage",
        "missions-cmo/": "role-cmo/#missions-cmo",
        "processus-marketing/": "marketing-management/#processus-marketing",
    }


def test_the_navigation_is_the_plan():
    nav = navigation(GUIDE)
    assert nav[0] == {"Accueil": "index.md"}
    groups = [*PLAN["parcours"], *PLAN["rubriques"]]
    assert [next(iter(entry)) for entry in nav[1:]] == [group["titre"] for group in groups]
    for entry, group in zip(nav[1:], groups, strict=True):
        [pages] = entry.values()
        assert [next(iter(page.values())) for page in pages] == [f"{item['cadre']}.md" for item in group["pages"]]


def test_the_built_site_s_menu_lists_the_plan_s_pages_in_order(built_site):
    links = parse((built_site / "index.html").read_text(encoding="utf-8")).nav_links
    expected = [page.url or "." for page in site_pages(PLAN)]
    assert [link.removeprefix("./") or "." for link in links] == expected


@pytest.mark.parametrize("former", sorted(redirects(PLAN)))
def test_a_former_address_is_a_redirect_page_to_an_anchor_that_exists(built_site, former):
    target = redirects(PLAN)[former]
    page = parse((built_site / former / "index.html").read_text(encoding="utf-8"))
    assert page.refresh == f"0; url=../{target}"
    assert page.robots == "noindex"
    host, _, anchor = target.partition("#")
    assert anchor in parse((built_site / host / "index.html").read_text(encoding="utf-8")).ids


@pytest.mark.parametrize("slug", page_slugs())
def test_no_id_is_used_twice_on_a_page(built_site, slug):
    ids = parse((built_site / slug / "index.html").read_text(encoding="utf-8")).ids
    assert [item for item, count in Counter(ids).items() if count > 1] == []


def test_a_merged_page_shows_each_section_under_its_title_and_says_where_they_are(built_site):
    text = article_text(built_site, "sourcing")
    for name in ("internaliser-externaliser", "externalisation"):
        assert GUIDE.frameworks[name]["page"]["titre"].replace("'", "’")[:30] in text.replace("\u202f", " ")
    assert "Plus bas sur cette page" in text


def test_a_former_address_lands_on_its_section_in_the_browser_keeping_the_anchor(page, site_url):
    page.goto(f"{site_url}/externalisation/#petites-structures")
    page.wait_for_url("**/sourcing/#petites-structures")
    page.goto(f"{site_url}/direction-temps-partage/")
    page.wait_for_url("**/cmo-fractionne/#direction-temps-partage")


def test_a_former_address_lands_on_its_page_without_javascript(browser, site_url):
    context = browser.new_context(java_script_enabled=False, locale="fr-FR")
    try:
        visit = context.new_page()
        visit.goto(f"{site_url}/missions-cmo/")
        visit.wait_for_url("**/role-cmo/#missions-cmo")
    finally:
        context.close()


def test_a_framework_left_out_of_the_plan_is_reported_at_the_plan(project):
    replace_in(project / ACCUEIL, "      - cadre: poles\n", "")
    [error] = load_errors(project)
    assert error.file == ACCUEIL.as_posix()
    assert "« poles » n'a pas de place dans le plan" in error.message
    assert "- cadre: poles" in error.message


def test_a_framework_placed_twice_is_reported_at_its_second_place(project):
    replace_in(project / ACCUEIL, "      - cadre: kpis\n", "      - cadre: kpis\n        sections: [poles]\n")
    [error] = load_errors(project)
    assert (error.file, error.line) == (ACCUEIL.as_posix(), line_of(project / ACCUEIL, "sections: [poles]"))
    assert "« poles » a déjà sa place dans le plan" in error.message


def test_a_calculator_cannot_be_a_section(project):
    replace_in(project / ACCUEIL, "      - cadre: internalisation\n", "")
    replace_in(project / ACCUEIL, "        sections: [direction-temps-partage]",
               "        sections: [direction-temps-partage, internalisation]")
    [error] = load_errors(project)
    assert "« internalisation » est un calculateur : donnez-lui sa propre page" in error.message


def test_a_link_to_a_section_of_the_same_page_is_refused(project):
    path = project / "frameworks" / "externalisation.yml"
    replace_in(path, "  voir_aussi:\n", "  voir_aussi:\n    - cadre: internaliser-externaliser\n      pourquoi: Voir.\n")
    [error] = load_errors(project)
    assert (error.file, error.line) == ("frameworks/externalisation.yml", line_of(path, "- cadre: internaliser-externaliser"))
    assert "est affiché sur la même page que ce cadre" in error.message
