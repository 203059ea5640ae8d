"""The diagnostic's rule table (``regles`` of diagnostic.yml) and what it guarantees, over the whole input grid:

- the table covers every headcount band, ambition and resources exactly once, and the calculator applies it;
- no report pairs two elements the file declares incompatible (``regles.incompatibilites``);
- a report that departs from its sources (another structure than the matrix's cell, a structure or model
  attached to another phase, a structure its source leaves undescribed) shows a reading of the guide about it;
- every element a report recommends links to where the guide describes it, and every link of the report aims
  at a page of the site map and an anchor its data gives that page.

Everything is read from the settings, never from today's sentences. The check of the content runs the same
``rule_problems`` (guide/rules.py): the broken tables below are the ones it must refuse.
"""

from __future__ import annotations

import itertools
import json
import re

from hypothesis import given
from hypothesis import strategies as st

from calculators import diagnostic as rules
from calculators.contract import CALCULATOR_NAMES, SHARED_FRAMEWORKS, load_calculator, run
from calculators.html import render_results
from common.site_map import page_of, site_pages

AMBITIONS = ["ciblee", "large"]
RESOURCES = ["limitees", "disponibles"]
HREF = re.compile(r'href="([^"]*)"')


def copy(settings: dict) -> dict:
    return json.loads(json.dumps(settings))


def regles(settings: dict) -> dict:
    return settings["diagnostic"]["regles"]


def item(settings: dict, framework: str, list_key: str, item_id: str) -> dict:
    return next(entry for entry in settings[framework][list_key] if entry["id"] == item_id)


# --- The table as written ---------------------------------------------------------------------------

def test_the_real_table_has_no_fault(settings):
    assert rules.rule_problems(settings) == []


def test_every_band_ambition_and_resources_has_exactly_one_row(settings):
    keys = [(row["tranche"], row["ambition"], row["ressources"]) for row in regles(settings)["grille"]]
    bands = [entry["id"] for entry in regles(settings)["tranches"]]
    assert sorted(keys) == sorted(itertools.product(bands, AMBITIONS, RESOURCES))


def test_bands_follow_the_phases_and_the_figures_that_cut_them(settings):
    found = rules.bands(settings)
    assert [band.start for band in found] == sorted({band.start for band in found})
    starts = {band.start for band in found}
    assert {phase["effectif_min"] for phase in settings["phases"]["phases"]} <= starts
    for band in found:
        assert rules.phase_for(band.start, settings)["id"] == band.phase["id"]
        end = rules.band_end(band, settings)
        if end is not None:
            assert rules.band_for(end, settings) == band and rules.band_for(end + 1, settings) != band
        if band.cut is not None:  # a figure of seuils.yml, an effectif, opens it
            assert band.cut["unite"] == "employés" and band.start in (band.cut["valeur"], band.cut["valeur"] + 1)


def test_every_reading_has_a_text_and_every_link_a_target(settings):
    for reading in regles(settings)["lectures"]:
        assert rules.conditions(reading)
        assert rules.reading_text(reading, settings).strip()
        link = rules.reading_link(reading, settings)
        if link is not None:
            framework, anchor, text = link
            assert framework in settings and text
            assert anchor is None or anchor in rules.anchors_of(settings, framework)


def test_every_incompatibility_names_two_elements_with_a_reason(settings):
    for pair in regles(settings)["incompatibilites"]:
        assert len(rules.conditions(pair)) == 2 and pair["raison"].strip()


# --- Broken tables the check refuses ------------------------------------------------------------------

def only_problem_at(problems: list, path: tuple) -> str:
    assert [where for where, _ in problems] == [path], problems
    return problems[0][1]


def test_a_row_that_pairs_declared_incompatible_elements_is_refused_at_that_row(settings):
    """For each declared incompatibility that names a field of a row, a table that gives one row both elements."""
    for pair in regles(settings)["incompatibilites"]:
        named = rules.conditions(pair)
        fields = {kind: value for kind, value in named.items() if kind in ("structure", "modele", "equipe")}
        if len(fields) != 2:
            continue
        changed = copy(settings)
        index, row = next((index, row) for index, row in enumerate(regles(changed)["grille"])
                          if "modele_plusieurs_bu" not in row)
        row.update(fields)
        problems = rules.rule_problems(changed)
        assert any(path[:3] == ("regles", "grille", index) and pair["raison"] in message for path, message in problems)


def test_a_departure_from_the_sources_without_its_reading_is_refused_at_the_row(settings):
    """Each reading that explains a departure of some row, removed: the check names that row."""
    explaining = set()
    for band, ambition, resources, several in rules.grid(settings):
        elements = rules.elements_of(band, rules.rule_row(band.id, ambition, resources, settings), several, settings)
        for deviation in rules.deviations(elements, settings):
            explaining |= {reading["id"] for reading in rules.readings_for(elements, settings)
                           if deviation.explained_by(reading, settings)}
    assert explaining
    for reading_id in sorted(explaining):
        changed = copy(settings)
        regles(changed)["lectures"] = [reading for reading in regles(changed)["lectures"] if reading["id"] != reading_id]
        problems = rules.rule_problems(changed)
        assert problems and all(path[:2] == ("regles", "grille") and "regles.lectures" in message
                                for path, message in problems), (reading_id, problems)


def test_a_missing_or_doubled_row_is_refused(settings):
    changed = copy(settings)
    removed = regles(changed)["grille"].pop()
    message = only_problem_at(rules.rule_problems(changed), ("regles", "grille"))
    assert removed["tranche"] in message and removed["ambition"] in message and removed["ressources"] in message
    changed = copy(settings)
    regles(changed)["grille"].append(dict(regles(changed)["grille"][0]))
    problems = rules.rule_problems(changed)
    assert ("regles", "grille", len(regles(changed)["grille"]) - 1) in [path for path, _ in problems]


def test_an_unknown_band_is_refused_with_the_closest_name(settings):
    changed = copy(settings)
    band = regles(changed)["grille"][0]["tranche"]
    regles(changed)["grille"][0]["tranche"] = band + "x"
    problems = rules.rule_problems(changed)
    assert ("regles", "grille", 0, "tranche") in [path for path, _ in problems]
    assert any(f"« {band} »" in message for _, message in problems)


def test_a_band_outside_its_phase_or_out_of_order_is_refused(settings):
    changed = copy(settings)
    cut = next(index for index, entry in enumerate(regles(changed)["tranches"]) if "a_partir_de" in entry or "au_dela_de" in entry)
    regles(changed)["tranches"][cut]["phase"] = regles(changed)["tranches"][0]["phase"]
    assert ("regles", "tranches", cut) in [path for path, _ in rules.rule_problems(changed)]
    changed = copy(settings)
    regles(changed)["tranches"].reverse()
    assert rules.rule_problems(changed)


def test_a_reading_with_both_a_text_and_a_box_or_an_unknown_target_is_refused(settings):
    changed = copy(settings)
    own = next(index for index, reading in enumerate(regles(changed)["lectures"]) if "texte" in reading)
    regles(changed)["lectures"][own]["divergence"] = {"cadre": "typologies", "id": "inconnue"}
    paths = [path for path, _ in rules.rule_problems(changed)]
    assert ("regles", "lectures", own) in paths and ("regles", "lectures", own, "divergence", "id") in paths
    changed = copy(settings)
    linked = next(index for index, reading in enumerate(regles(changed)["lectures"]) if "ancre" in reading.get("voir", {}))
    regles(changed)["lectures"][linked]["voir"]["ancre"] = "inconnue"
    assert ("regles", "lectures", linked, "voir", "ancre") in [path for path, _ in rules.rule_problems(changed)]


def test_a_reading_leading_to_a_framework_the_browser_lacks_is_refused(settings):
    lacking = sorted(set(settings) - set(CALCULATOR_NAMES) - set(SHARED_FRAMEWORKS))
    assert lacking
    changed = copy(settings)
    linked = next(index for index, reading in enumerate(regles(changed)["lectures"]) if "voir" in reading)
    regles(changed)["lectures"][linked]["voir"] = {"cadre": lacking[0]}
    assert ("regles", "lectures", linked, "voir", "cadre") in [path for path, _ in rules.rule_problems(changed)]


def test_every_report_is_written_from_the_frameworks_the_browser_gets(settings):
    """The browser's bundle carries the calculators' frameworks and SHARED_FRAMEWORKS only (guide/browser_assets.py)."""
    bundle = {name: settings[name] for name in (*CALCULATOR_NAMES, *SHARED_FRAMEWORKS) if name in settings}
    calculator = load_calculator("diagnostic", bundle)
    for band, ambition, resources, several in rules.grid(bundle):
        result = run(calculator, {"employees": band.start, "ambition": ambition, "resources": resources,
                                  "multi_business_units": several})
        assert 'data-report="diagnostic"' in render_results(calculator, result)


# --- Over the whole input grid -------------------------------------------------------------------------

def report_links(html: str) -> list[str]:
    return HREF.findall(html)


def page_anchors(settings: dict) -> dict[str, set[str]]:
    """Each page's address (from the site's root) -> the anchors its frameworks' data give it."""
    found = {}
    for page in site_pages(settings["accueil"]):
        anchors = set(page.sections)
        for name in page.frameworks:
            anchors |= rules.anchors_of(settings, name)
        found[page.url] = anchors
    return found


def check_report(diagnostic, settings, employees: int, ambition: str, resources: str, several: bool) -> None:
    result = run(diagnostic, {"employees": employees, "ambition": ambition, "resources": resources,
                              "multi_business_units": several})
    assert result.ok
    outcomes = result.outcomes
    band = rules.band_for(employees, settings)
    row = rules.rule_row(band.id, ambition, resources, settings)
    elements = rules.elements_of(band, row, several, settings)

    # The calculator applies the row, the same one the page's table shows.
    assert (outcomes["phase"].value, outcomes["typology"].value, outcomes["org_model"].value, outcomes["sourcing"].value) == (
        elements["phase"], elements["structure"], elements["modele"], elements["equipe"])
    [shown] = [entry for entry in rules.rule_table(settings) if entry["row"] is row]
    assert (shown["structure"]["id"], shown["equipe"]["id"], shown["band"]) == (elements["structure"], elements["equipe"], band)

    # No declared incompatibility.
    assert rules.incompatibilities_in(elements, settings) == []

    html = render_results(diagnostic, result)
    # Each departure from the sources comes with a reading about that part of the report, shown in it.
    assert rules.unexplained(elements, settings) == []
    for deviation in rules.deviations(elements, settings):
        for reading in rules.readings_for(elements, settings, deviation.about):
            assert rules.reading_text(reading, settings).replace("'", "\u2019")[:40] in html.replace("\u202f", " ")

    # Every recommended element links to where the guide describes it; every link resolves.
    links = report_links(html)
    home = settings["accueil"]
    for framework, anchor in (("typologies", elements["structure"]), ("modeles", elements["modele"]),
                              ("sourcing", elements["equipe"]), ("phases", elements["phase"])):
        assert f"../{page_of(home, framework).url}#{anchor}" in links
    structure = item(settings, "typologies", "typologies", elements["structure"])
    if "vise" not in structure:  # undescribed by its source: the report leads to the guide's reading too
        boxes = {box["id"] for box in settings["typologies"]["page"].get("divergences", [])}
        assert any(link.split("#")[-1] in boxes for link in links)
    anchors = page_anchors(settings)
    for link in links:
        assert link.startswith("../")
        address, _, anchor = link[3:].partition("#")
        assert address in anchors, link
        assert not anchor or anchor in anchors[address], link


def test_every_cell_of_the_grid_gives_a_coherent_report(diagnostic, settings):
    for band, ambition, resources, several in rules.grid(settings):
        end = rules.band_end(band, settings)
        for employees in {band.start, end if end is not None else band.start + 1000}:
            check_report(diagnostic, settings, employees, ambition, resources, several)


@given(employees=st.integers(0, 10**6), ambition=st.sampled_from(AMBITIONS), resources=st.sampled_from(RESOURCES),
       several=st.booleans())
def test_any_reader_gets_a_coherent_report(diagnostic, settings, employees, ambition, resources, several):
    check_report(diagnostic, settings, employees, ambition, resources, several)
