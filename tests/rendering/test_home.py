"""The home page maps the whole guide: the plan of accueil.yml places every framework on one page, and the
home page shows each stage of the reading path with its question."""

from __future__ import annotations

from common.site_map import HOME, site_pages
from tests.site_text import article_text, normalise, select, text_of

# Reference pages, outside the reading path (the plan's « rubriques »).
OUTSIDE_THE_PATH = {"faq", "glossaire", "seuils", "sources", "contribuer"}


def test_every_framework_is_on_one_page_of_the_plan_and_every_question_page_is_a_step_of_the_path(guide):
    pages = site_pages(guide.frameworks[HOME])
    shown = [name for page in pages for name in page.frameworks]
    assert sorted(shown) == sorted(guide.frameworks)
    on_the_path = {name for stage in guide.frameworks[HOME]["parcours"] for entry in stage["pages"]
                   for name in (entry["cadre"], *entry.get("sections", []))}
    assert on_the_path == set(guide.frameworks) - OUTSIDE_THE_PATH - {HOME}


def test_the_home_page_shows_each_stage_with_its_question(built_site, guide):
    text = article_text(built_site, "")
    for stage in guide.frameworks["accueil"]["parcours"]:
        assert normalise(stage["titre"]) in text
        assert normalise(stage["question"]) in text


def test_the_home_page_starts_with_a_page_to_read_and_every_calculator(built_site, guide):
    """« Par où commencer » leads to every calculator and to at least one page to read, each link titled as its page."""
    starts = {link.attributes["href"]: text_of(link) for link in select(built_site, "", ".guide-start a[href]")}
    calculators = {name for name, data in guide.frameworks.items() if "calculateur" in data}
    assert {f"{name}/" for name in calculators} <= set(starts)
    assert set(starts) - {f"{name}/" for name in calculators}
    for href, title in starts.items():
        name = href.strip("/").split("/")[0]
        assert title == normalise(guide.frameworks[name]["page"]["titre_court"]), href


def test_the_home_page_shows_nothing_for_editors_in_its_article(built_site):
    assert select(built_site, "", '.guide-edit, a[rel="edit"]') == []
    assert select(built_site, "", '.guide-start a[href$="contribuer/"]') == []
