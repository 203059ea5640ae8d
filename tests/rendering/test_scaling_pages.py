"""The « Passer à l'échelle » pages: the recycling flow, the expansion timeline, the lessons of hypergrowth."""

from __future__ import annotations

from tests.helpers import load_errors, replace_in
from tests.site_text import article_text, page_html, select


def test_recycling_flow_puts_each_content_one_tier_below_its_sources(built_site):
    tiers = select(built_site, "recyclage-contenu", "div.guide-flow li.guide-flow__tier")
    ids = [[item.attributes["id"] for item in tier.css("li.guide-flow__item")] for tier in tiers]
    assert ids == [["webinar"], ["script", "capsules-video"], ["ebook", "articles"], ["posts-linkedin", "nurturing"]]
    [nurturing] = select(built_site, "recyclage-contenu", "div.guide-flow li.guide-flow__item#nurturing")
    assert [link.attributes["href"] for link in nurturing.css("a")] == ["#ebook", "#articles"]
    text = article_text(built_site, "recyclage-contenu")
    for figure in ("Script 8 à 10 pages", "Ebook 15 pages", "Articles de blog 5 à 6 articles"):
        assert figure in text


def test_expansion_timeline_lists_the_steps_in_order(built_site, guide):
    steps = select(built_site, "expansion-internationale", "li.guide-timeline__step")
    assert [step.attributes["id"] for step in steps] == [
        step["id"] for step in guide.frameworks["expansion-internationale"]["etapes"]]
    assert "Au bout de 3 mois : go / no go." in article_text(built_site, "expansion-internationale")


def test_lessons_are_labelled_as_mistakes_or_successes(built_site, guide):
    lessons = [lesson for chantier in guide.frameworks["hypercroissance"]["chantiers"] for lesson in chantier["lecons"]]
    boxes = select(built_site, "hypercroissance", "div.guide-lesson")
    labels = [box.attributes["class"].removeprefix("guide-lesson guide-lesson--") for box in boxes]
    assert labels == [lesson["type"] for lesson in lessons]
    assert article_text(built_site, "hypercroissance").count("Erreur à éviter") == labels.count("erreur")
    ids = {node.attributes["id"] for node in select(built_site, "hypercroissance", "[id]")}
    for lesson in lessons:
        assert lesson["id"] in ids


def test_scaling_pages_draw_their_diagrams_without_mermaid(built_site):
    for page in ("hypercroissance", "recyclage-contenu", "expansion-internationale"):
        assert "mermaid" not in page_html(built_site, page).lower()
        assert not select(built_site, page, ".mermaid")


def test_a_content_must_come_from_a_content_listed_above_it(project):
    path = project / "frameworks" / "recyclage-contenu.yml"
    replace_in(path, "      - webinar\n  - id: capsules-video", "      - ebook\n  - id: capsules-video")
    [error] = load_errors(project)
    assert error.file == "frameworks/recyclage-contenu.yml"
    assert error.field == "cascade[1].issu_de[0]"
    assert "« ebook », qui doit être placé plus haut dans la liste" in error.message
