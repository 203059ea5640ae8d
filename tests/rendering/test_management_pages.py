"""The management pages: the cycle and the five-step flow are real lists in order, the 4P/4C table has its
levers, the figures come from seuils.yml, the black-box warning follows the insourcing matrix."""

from __future__ import annotations

from guide.catalog import REPO_ROOT
from tests.helpers import page_slug, texts_in
from tests.site_text import article_text, in_section, normalise, select, text_of, texts


def test_the_four_pillars_form_an_ordered_cycle_with_the_measured_ones_marked(built_site, guide):
    pillars = guide.frameworks["marketing-management"]["cycle"]["piliers"]
    steps = select(built_site, "marketing-management", "li.guide-cycle__step")
    assert [step.attributes["id"] for step in steps] == [pillar["id"] for pillar in pillars]
    marked = ["guide-cycle__step--mesure" in step.attributes["class"].split() for step in steps]
    assert marked == [pillar["analyse_et_mesure"] for pillar in pillars]
    assert select(built_site, "marketing-management", 'a[href="./#diagnostic"]')  # the five steps are on the same page
    assert "Après le contrôle, le cycle reprend à l'analyse." in article_text(built_site, "marketing-management")


def test_the_five_steps_form_a_numbered_flow_with_their_tools(built_site, guide):
    page = page_slug("processus-marketing")
    steps = guide.frameworks["processus-marketing"]["etapes"]
    items = select(built_site, page, "ol.guide-flow__steps > li.guide-flow__step")
    assert len(items) == len(steps) == 5
    for number, (item, step) in enumerate(zip(items, steps, strict=True), start=1):
        assert text_of(item.css_first("span.guide-flow__number")) == str(number)
        assert [link.attributes["href"] for link in item.css("p a")] == [f"#{step['id']}"]
        assert texts(item.css("ul.guide-tags > li")) == [normalise(tool) for tool in step["outils"]]


def test_the_4p_table_lists_the_four_levers(built_site):
    [table] = [table for table in select(built_site, "marketing-management", "table")
               if texts(table.css("thead th"))[:1] == ["Levier"]]
    assert texts(table.css("tbody tr > td:first-child")) == ["Produit", "Prix", "Distribution", "Communication"]


def test_figures_are_quoted_from_the_thresholds(built_site, guide):
    assert "de 80 000 € à 120 000 € bruts par an" in article_text(built_site, page_slug("direction-temps-partage"))
    assert "50 % de son temps" in article_text(built_site, "marketing-management")
    assert "mesurer les résultats sous 15 jours" in article_text(built_site, page_slug("processus-marketing"))
    for name in ("marketing-management", "poles", "internaliser-externaliser", "direction-temps-partage", "processus-marketing"):
        text = "\n".join(str(value) for value in texts_in(guide.frameworks[name]))
        assert "{seuil:" not in text  # every placeholder was resolved
        for raw in ("80k", "80 000", "120 000", "50 %", "50%", "15 jours"):
            assert raw not in _raw_yaml(name), (name, raw)


def test_the_black_box_warning_follows_the_matrix(built_site):
    """Inside the « Internaliser ou externaliser » section: the insourcing matrix, then the warning."""
    found = in_section(built_site, "sourcing", "internaliser-externaliser", "div.guide-insourcing, div.admonition.warning")
    assert [node.attributes["class"] for node in found] == ["guide-table guide-table--stack guide-insourcing",
                                                            "admonition warning"]


def _raw_yaml(name: str) -> str:
    """The file as written, without its readers' questions (page.recherche: their figures are the readers', typed as
    a reader types them, never shown)."""
    lines, kept, skipping = (REPO_ROOT / "frameworks" / f"{name}.yml").read_text(encoding="utf-8").split("\n"), [], False
    for line in lines:
        if line == "  recherche:":
            skipping = True
        elif skipping and not line.startswith("   "):
            skipping = False
        if not skipping:
            kept.append(line)
    return "\n".join(kept)


