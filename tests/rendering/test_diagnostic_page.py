"""The diagnostic's page and its calculator tell the same rules: the page's table is the rule table the calculator
applies (both drawn from ``regles`` of diagnostic.yml), row for row, link for link; every link of every report the
calculator can write (the whole input grid) leads to a page of the built site and to an element of that page.

Read from the built HTML and the loaded guide, never from today's sentences.
"""

from __future__ import annotations

import re

from calculators import diagnostic as rules
from calculators.contract import load_calculator, run
from calculators.html import render_results
from tests.site_text import normalise, page_file, parse_file, select, text_of

HREF = re.compile(r'href="([^"]*)"')


def target(href: str) -> tuple[str, str]:
    """(page address from the site's root, anchor) of a link written from a page one level below the root."""
    assert href.startswith("../"), href
    address, _, anchor = href[3:].partition("#")
    return address, anchor


def table_rows(built_site):
    [table] = select(built_site, "diagnostic", "div.guide-rules table")
    return table.css("tbody tr")


def test_the_page_s_table_is_the_calculator_s_rule_table(built_site, guide):
    shown = rules.rule_table(guide.frameworks)
    rows = table_rows(built_site)
    assert len(rows) == len(shown)
    for tr, expected in zip(rows, shown, strict=True):
        cells = tr.css("td")
        links = [[target(link.attributes["href"]) for link in cell.css("a")] for cell in cells[:6]]
        assert links[0] == [("phases/", expected["band"].phase["id"])]
        assert expected["range"] in normalise(text_of(cells[0]))
        assert normalise(text_of(cells[1])).endswith(normalise(expected["ambition"]["libelle"]))
        assert normalise(text_of(cells[2])).endswith(normalise(expected["ressources"]["libelle"]))
        structures = [("typologies/", expected["structure"]["id"])]
        if expected["cellule"]["id"] != expected["structure"]["id"]:
            structures.append(("typologies/", expected["cellule"]["id"]))  # the matrix's cell, shown beside it
        assert links[3] == structures
        models = [("modeles/", expected["modele"]["id"])]
        if expected["modele_plusieurs_bu"]:
            models.append(("modeles/", expected["modele_plusieurs_bu"]["id"]))
        assert links[4] == models
        assert links[5] == [("sourcing/", expected["equipe"]["id"])]
        readings = [link.attributes["href"] for link in cells[6].css("a")]
        assert readings == [f"#lecture-{reading['id']}" for reading, _ in expected["lectures"]]


def test_every_reading_and_incompatibility_of_the_file_is_on_the_page(built_site, guide):
    data = guide.frameworks["diagnostic"]["regles"]
    article_ids = {node.attributes.get("id") for node in select(built_site, "diagnostic", "[id]")}
    for reading in data["lectures"]:
        assert f"lecture-{reading['id']}" in article_ids
    listed = select(built_site, "diagnostic", "h3#incompatibilites + p + ul > li")
    assert [normalise(text_of(item)).split(" : ", 1)[1] for item in listed] == [
        normalise(pair["raison"]) for pair in data["incompatibilites"]]


def test_every_link_of_every_report_leads_to_an_element_of_the_built_site(built_site, guide):
    settings = guide.frameworks
    calculator = load_calculator("diagnostic", settings)
    seen: set[str] = set()
    for band, ambition, resources, several in rules.grid(settings):
        result = run(calculator, {"employees": band.start, "ambition": ambition, "resources": resources,
                                  "multi_business_units": several})
        seen.update(HREF.findall(render_results(calculator, result)))
    assert seen
    for href in sorted(seen):
        address, anchor = target(href)
        path = page_file(built_site, address)
        assert path.exists(), href
        if anchor:
            assert parse_file(path).css_first(f'[id="{anchor}"]') is not None, href
