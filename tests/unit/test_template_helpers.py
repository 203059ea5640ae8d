"""One registry of what templates can call, and the views that compute what a page shows."""

from __future__ import annotations

import re
from itertools import product

import pytest

from guide.rendering import TEMPLATES_DIR, make_environment
from guide.template_helpers import FILTERS, FUNCTIONS, VALUES


@pytest.fixture(scope="module")
def env(guide):
    return make_environment(guide=guide)


def test_every_helper_is_declared_once_with_a_docstring(guide):
    make_environment(guide=guide)  # the views have registered themselves
    helpers = {**FILTERS, **FUNCTIONS, **VALUES}
    assert len(helpers) == len(FILTERS) + len(FUNCTIONS) + len(VALUES)  # no name used twice
    assert [name for name, function in helpers.items() if not (function.__doc__ or "").strip()] == []


def test_the_environment_has_every_helper_and_the_functions_need_no_guide(guide, env):
    assert set(FILTERS) <= set(env.filters)
    assert set(FUNCTIONS) | set(VALUES) <= set(env.globals)
    assert env.globals["page_title"]("phases") == guide.frameworks["phases"]["page"]["titre_court"]
    assert make_environment().filters["headcount"]({"effectif_min": 10, "effectif_max": 50}) == "10 à 50 employés"


def test_templates_do_not_reach_into_the_guide_or_compute_joins():
    for path in sorted(TEMPLATES_DIR.glob("*.j2")):
        text = path.read_text(encoding="utf-8")
        assert not re.search(r"(\{\{|\{%)[^}%]*\bguide\.", text), path.name  # the views do, in Python
        assert "\"equalto\"" not in text and "namespace(" not in text, path.name  # lookups and running totals
        assert max(len(line) for line in text.splitlines()) < 500, path.name


def test_the_decision_grid_has_the_cell_of_each_pair_in_the_matrixs_order(guide, env):
    grid = env.globals["decision_grid"]("matrice-decision")
    data = guide.frameworks["matrice-decision"]
    assert [row["ambition"]["id"] for row in grid["rows"]] == [item["id"] for item in data["ambitions"]]
    assert [item["id"] for item in grid["resources"]] == [item["id"] for item in data["ressources"]]
    for (row, ambition), (index, resources) in product(zip(grid["rows"], data["ambitions"], strict=True), enumerate(data["ressources"])):
        cell = row["cells"][index]
        raw = next(item for item in data["cellules"]
                   if item["ambition"] == ambition["id"] and item["ressources"] == resources["id"])
        assert cell["typologie"] == guide.item("typologies", None, raw["typologie"])


def test_the_cascade_puts_each_content_one_tier_below_its_deepest_source(guide, env):
    tiers = env.globals["cascade_tiers"]("recyclage-contenu")
    tier_of = {item["id"]: number for number, tier in enumerate(tiers) for item in tier}
    assert tiers[0] and all(not item.get("issu_de") for item in tiers[0])
    for item in guide.items("recyclage-contenu", "cascade"):
        parents = item.get("issu_de", [])
        assert tier_of[item["id"]] == (max(tier_of[parent] for parent in parents) + 1 if parents else 0)


def test_a_sources_credit_says_what_it_is_and_its_dates_in_french(env):
    credit = env.filters["credit"]
    article = {"type": "article", "auteur": "Antoine Blot", "date_publication": "2025-07-01",
               "date_mise_a_jour": "2025-07-01"}
    assert credit(article) == {"kind": "article", "by": "Antoine Blot", "published": "1er juillet 2025", "updated": None}
    guide = {"type": "guide", "organisation": "Advalians"}
    assert credit(guide) == {"kind": "guide", "by": "Advalians", "published": None, "updated": None}
    updated = dict(article, date_mise_a_jour="2025-08-02")
    assert credit(updated)["updated"] == "2 août 2025"
