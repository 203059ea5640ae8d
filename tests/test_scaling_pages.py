"""The « Passer à l'échelle » pages (seed 004): the recycling flow, the expansion timeline, the lessons."""

from __future__ import annotations

import re

from guide.catalog import REPO_ROOT, load_guide
from tests.helpers import load_errors, replace_in
from tests.site_text import article_text, page_html

GUIDE = load_guide(REPO_ROOT)


def test_recycling_flow_puts_each_content_one_tier_below_its_sources(built_site):
    html = page_html(built_site, "recyclage-contenu")
    flow = re.search(r'<div class="guide-flow">(.*?)</div>', html, re.S).group(1)
    tiers = re.findall(r'<li class="guide-flow__tier">(.*?)</ul>\s*</li>', flow, re.S)
    ids = [re.findall(r'<li class="guide-flow__item" id="([a-z0-9-]+)"', tier) for tier in tiers]
    assert ids == [["webinar"], ["script", "capsules-video"], ["ebook", "articles"], ["posts-linkedin", "nurturing"]]
    nurturing = flow.split('id="nurturing"')[1]
    assert re.findall(r'href="#([a-z0-9-]+)"', nurturing) == ["ebook", "articles"]
    text = article_text(built_site, "recyclage-contenu")
    for figure in ("Script 8 à 10 pages", "Ebook 15 pages", "Articles de blog 5 à 6 articles"):
        assert figure in text


def test_expansion_timeline_lists_the_steps_in_order(built_site):
    html = page_html(built_site, "expansion-internationale")
    steps = re.findall(r'<li class="guide-timeline__step" id="([a-z0-9-]+)"', html)
    assert steps == [step["id"] for step in GUIDE.frameworks["expansion-internationale"]["etapes"]]
    assert "Au bout de 3 mois : go / no go." in article_text(built_site, "expansion-internationale")


def test_lessons_are_labelled_as_mistakes_or_successes(built_site):
    html = page_html(built_site, "hypercroissance")
    lessons = [lesson for chantier in GUIDE.frameworks["hypercroissance"]["chantiers"] for lesson in chantier["lecons"]]
    labels = re.findall(r'<div class="guide-lesson guide-lesson--(erreur|reussite)">', html)
    assert labels == [lesson["type"] for lesson in lessons]
    assert html.count("Erreur à éviter") == labels.count("erreur")
    for lesson in lessons:
        assert f'id="{lesson["id"]}"' in html


def test_scaling_pages_draw_their_diagrams_without_mermaid(built_site):
    for page in ("hypercroissance", "recyclage-contenu", "expansion-internationale"):
        assert "mermaid" not in page_html(built_site, page).lower()


def test_a_content_must_come_from_a_content_listed_above_it(project):
    path = project / "frameworks" / "recyclage-contenu.yml"
    replace_in(path, "      - webinar\n  - id: capsules-video", "      - ebook\n  - id: capsules-video")
    [error] = load_errors(project)
    assert error.file == "frameworks/recyclage-contenu.yml"
    assert error.field == "cascade[1].issu_de[0]"
    assert "« ebook », qui doit être placé plus haut dans la liste" in error.message
