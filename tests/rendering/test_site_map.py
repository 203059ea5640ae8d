"""The site's plan (accueil.yml): one definition for the navigation, the page of each framework and every
address; pages that answer the same question are one page, and their former addresses still work."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from common.site_map import HOME, page_of, page_url, redirects, site_pages
from guide.site import navigation
from tests.helpers import line_of, load_errors, page_slugs, plan, replace_in
from tests.site_text import article_text, page_tree

ACCUEIL = Path("frameworks") / "accueil.yml"


@pytest.fixture(scope="module")
def site_plan(guide) -> dict:
    """The plan, as the loaded guide has it."""
    return guide.frameworks[HOME]


def nav_links(site: Path, page: str) -> list[str]:
    """The links of the primary navigation, in order (anchors on the page itself left out)."""
    return [link.attributes["href"] for link in page_tree(site, page).css("nav.md-nav--primary a.md-nav__link")
            if not link.attributes["href"].startswith("#")]


def ids(site: Path, page: str) -> list[str]:
    """Every id of the page, in order."""
    return [node.attributes["id"] for node in page_tree(site, page).css("[id]")]


def meta(site: Path, page: str, selector: str) -> str | None:
    node = page_tree(site, page).css_first(f"head {selector}")
    return node.attributes["content"] if node else None


def test_a_framework_shown_as_a_section_has_its_host_s_address_and_its_own_anchor(site_plan):
    assert page_url(site_plan, HOME) == ""
    assert page_url(site_plan, "sourcing") == "sourcing/"
    assert page_url(site_plan, "externalisation") == "sourcing/#externalisation"
    assert page_url(site_plan, "externalisation", "piliers") == "sourcing/#piliers"
    assert page_of(site_plan, "direction-temps-partage").host == "cmo-fractionne"


def test_each_former_address_of_a_merged_page_redirects_to_its_section(site_plan):
    assert redirects(site_plan) == {
        "matrice-decision/": "typologies/#matrice-decision",
        "internaliser-externaliser/": "sourcing/#internaliser-externaliser",
        "externalisation/": "sourcing/#externalisation",
        "direction-temps-partage/": "cmo-fractionne/#direction-temps-partage",
        "missions-cmo/": "role-cmo/#missions-cmo",
        "processus-marketing/": "marketing-management/#processus-marketing",
    }


def test_the_navigation_is_the_plan(guide, site_plan):
    nav = navigation(guide)
    assert nav[0] == {"Accueil": "index.md"}
    groups = [*site_plan["parcours"], *site_plan["rubriques"]]
    assert [next(iter(entry)) for entry in nav[1:]] == [group["titre"] for group in groups]
    for entry, group in zip(nav[1:], groups, strict=True):
        [pages] = entry.values()
        assert [next(iter(page.values())) for page in pages] == [f"{item['cadre']}.md" for item in group["pages"]]


def test_the_built_site_s_menu_lists_the_plan_s_pages_in_order(built_site, site_plan):
    links = nav_links(built_site, "")
    expected = [page.url or "." for page in site_pages(site_plan)]
    assert [link.removeprefix("./") or "." for link in links] == expected


@pytest.mark.parametrize("former", sorted(redirects(plan())))
def test_a_former_address_is_a_redirect_page_to_an_anchor_that_exists(built_site, site_plan, former):
    target = redirects(site_plan)[former]
    assert meta(built_site, former, 'meta[http-equiv="refresh"]') == f"0; url=../{target}"
    assert meta(built_site, former, 'meta[name="robots"]') == "noindex"
    host, _, anchor = target.partition("#")
    assert anchor in ids(built_site, host)


@pytest.mark.parametrize("slug", page_slugs())
def test_no_id_is_used_twice_on_a_page(built_site, slug):
    assert [item for item, count in Counter(ids(built_site, slug)).items() if count > 1] == []


@pytest.fixture(scope="module")
def computed_ids(guide) -> dict:
    from guide.anchors import guide_page_ids

    return guide_page_ids(guide)


@pytest.mark.parametrize("slug", page_slugs())
def test_the_check_knows_every_id_of_a_page_s_content_before_it_is_built(built_site, computed_ids, slug):
    """guide.anchors reads the ids in the rendered Markdown (the check's rules on anchors and links use them): they
    are the ids of the built page's article, each as many times, the headings' ids included."""
    page = computed_ids[f"{slug}/" if slug else ""]
    built = [node.attributes["id"] for node in page_tree(built_site, slug).css("article [id]")]
    assert sorted(built) == sorted([*page.written, *(heading.id for heading in page.headings)])


def test_a_merged_page_shows_each_section_under_its_title_and_says_where_they_are(built_site, guide):
    text = article_text(built_site, "sourcing")
    for name in ("internaliser-externaliser", "externalisation"):
        assert guide.frameworks[name]["page"]["titre"].replace("'", "’")[:30] in text.replace("\u202f", " ")
    assert "Plus bas sur cette page" in text


@pytest.mark.browser
def test_a_former_address_lands_on_its_section_in_the_browser_keeping_the_anchor(page, site_url):
    page.goto(f"{site_url}/externalisation/#petites-structures")
    page.wait_for_url("**/sourcing/#petites-structures")
    page.goto(f"{site_url}/direction-temps-partage/")
    page.wait_for_url("**/cmo-fractionne/#direction-temps-partage")


@pytest.mark.browser
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
