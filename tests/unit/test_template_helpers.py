"""One registry of what templates can call (formats and addresses), and the views that compute what a page shows."""

from __future__ import annotations

from itertools import product

import pytest
from jinja2 import nodes

from guide.rendering import TEMPLATES_DIR, make_environment
from guide.template_helpers import FILTERS, FUNCTIONS
from guide.views import cascade_tiers, decision_grid


@pytest.fixture(scope="module")
def env(guide):
    return make_environment(guide=guide)


def test_every_helper_is_declared_once_with_a_docstring(guide):
    make_environment(guide=guide)  # the views have registered themselves
    helpers = {**FILTERS, **FUNCTIONS}
    assert len(helpers) == len(FILTERS) + len(FUNCTIONS)  # no name used twice
    assert [name for name, function in helpers.items() if not (function.__doc__ or "").strip()] == []


def test_the_environment_has_every_helper_and_the_functions_need_no_guide(guide, env):
    assert set(FILTERS) <= set(env.filters)
    assert set(FUNCTIONS) <= set(env.globals)
    assert env.globals["link"]("phases", "amorcage") == "phases.md#amorcage"
    assert make_environment().filters["headcount"]({"effectif_min": 10, "effectif_max": 50}) == "10 à 50 employés"


# What a template may not call or read: each looks something up in the guide or joins two files' data (another
# framework's data, a source or a figure by id, a page's title, the references followed, what refers to an item).
# A page's view (guide.views.describe_pages) hands the template all of it, computed in Python.
LOOKUPS = {"guide", "frameworks", "files", "sources", "calculator_names", "follow", "referring", "page_title", "seuil",
           "pages_relying_on", "decision_grid", "diagnostic_rules", "cascade_tiers"}


def _lookups_in(template: str) -> list[str]:
    """Each name of ``LOOKUPS`` the template reads or calls, and each lookup by a key it writes itself
    (``x["phases"]``), as ``line: name``; parsed by Jinja2, so that a name inside a text or comment is not one."""
    tree = make_environment().parse(template)
    found = [f"{node.lineno}: {node.name}" for node in tree.find_all(nodes.Name) if node.name in LOOKUPS]
    found += [f"{node.lineno}: [{node.arg.value!r}]" for node in tree.find_all(nodes.Getitem)
              if isinstance(node.arg, nodes.Const) and isinstance(node.arg.value, str)]
    return found


@pytest.mark.parametrize("path", sorted(TEMPLATES_DIR.glob("*.j2")), ids=lambda path: path.name)
def test_templates_do_no_lookups_or_joins(path):
    text = path.read_text(encoding="utf-8")
    assert _lookups_in(text) == []  # the page's view does, in Python
    assert "\"equalto\"" not in text and "namespace(" not in text  # lookups and running totals
    assert max(len(line) for line in text.splitlines()) < 500


def test_the_lookup_check_sees_a_lookup_in_code_not_in_text():
    assert _lookups_in('{{ follow(name, "modeles") }} {{ frameworks["phases"].phases }}') == [
        "1: follow", "1: frameworks", "1: ['phases']"]
    assert _lookups_in("{% set x = sources[item.source] %}{{ page_title(x) }}") == ["1: sources", "1: page_title"]
    assert _lookups_in("Les sources de follow et seuil. <# frameworks #>{{ data.sources }}") == []


def test_templates_can_call_nothing_that_reads_the_guide_but_addresses(guide):
    assert set(FUNCTIONS) == {"link", "edit_address", "edit_block"}  # where a page or its form is, nothing else
    assert not LOOKUPS & set(make_environment(guide=guide).globals)


def test_the_decision_grid_has_the_cell_of_each_pair_in_the_matrixs_order(guide, env):
    grid = decision_grid(guide, "matrice-decision")
    data = guide.frameworks["matrice-decision"]
    assert [row["ambition"]["id"] for row in grid["rows"]] == [item["id"] for item in data["ambitions"]]
    assert [item["id"] for item in grid["resources"]] == [item["id"] for item in data["ressources"]]
    for (row, ambition), (index, resources) in product(zip(grid["rows"], data["ambitions"], strict=True), enumerate(data["ressources"])):
        cell = row["cells"][index]
        raw = next(item for item in data["cellules"]
                   if item["ambition"] == ambition["id"] and item["ressources"] == resources["id"])
        assert cell["typologie"] == guide.item("typologies", None, raw["typologie"])


def test_the_cascade_puts_each_content_one_tier_below_its_deepest_source(guide, env):
    tiers = cascade_tiers(guide, "recyclage-contenu")
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
