"""The home page maps the whole guide: every framework page belongs to one stage of the path."""

from __future__ import annotations

from guide.catalog import REPO_ROOT, load_guide
from tests.site_text import article_text, normalise

GUIDE = load_guide(REPO_ROOT)
# Pages that are not a step of the reading path: the home itself, reference pages and calculators.
OUTSIDE_THE_PATH = {"accueil", "faq", "glossaire", "seuils", "sources", "contribuer"}


def test_every_framework_page_is_a_step_of_the_path():
    stages = GUIDE.frameworks["accueil"]["parcours"]
    listed = [name for stage in stages for name in stage["cadres"]]
    expected = {name for name, data in GUIDE.frameworks.items() if "calculateur" not in data} - OUTSIDE_THE_PATH
    assert sorted(listed) == sorted(expected)


def test_the_home_page_shows_each_stage_with_its_question(built_site):
    text = article_text(built_site, "")
    for stage in GUIDE.frameworks["accueil"]["parcours"]:
        assert normalise(stage["titre"]) in text
        assert normalise(stage["question"]) in text
