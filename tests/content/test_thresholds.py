"""Figures defined once in seuils.yml: quoted by pages through {seuil:ID}, read by the calculators."""

from __future__ import annotations

import pytest

from calculators.contract import threshold, threshold_text
from common.figures import range_text
from guide.browser_assets import browser_assets
from guide.catalog import load_guide
from guide.errors import ContentErrors
from guide.rendering import render_pages
from tests.helpers import line_of, replace_in

NNBSP, NBSP = "\u202f", "\u00a0"


def test_threshold_text_formats_value_and_unit_the_french_way():
    assert threshold_text({"valeur": 40, "unite": "h par semaine"}) == f"40{NBSP}h par semaine"
    assert threshold_text({"valeur": 1000000, "unite": "$"}) == f"1{NNBSP}000{NNBSP}000{NBSP}$"
    assert threshold_text({"valeur": 3, "unite": ":1"}) == "3:1"
    assert threshold_text({"valeur": 2.5, "unite": ""}) == "2,5"


def test_calculators_read_the_same_figures_as_the_pages(guide):
    assert threshold(guide.frameworks, "heures-coordination") == 40
    with pytest.raises(ValueError, match="absent de seuils.yml"):
        threshold(guide.frameworks, "inexistant")


def test_a_placeholder_in_any_text_is_replaced_by_the_figure(project):
    replace_in(project / "frameworks" / "faq.yml", 'reponse: "Pour Antoine Blot', 'reponse: "Comptez {seuil:heures-coordination}. Pour Antoine Blot')
    guide = load_guide(project)
    assert guide.frameworks["faq"]["questions"][0]["reponse"].startswith(f"Comptez 40{NBSP}h par semaine. Pour Antoine Blot")


def test_changing_a_figure_changes_every_page_that_quotes_it(project):
    replace_in(project / "frameworks" / "seuils.yml", "valeur: 40\n", "valeur: 35\n")
    guide = load_guide(project)
    pages = {page.name: page.markdown for page in render_pages(guide, browser_assets(project, guide.frameworks))}
    assert f"35{NBSP}h par semaine" in pages["seuils"]
    assert f"40{NBSP}h par semaine" not in pages["seuils"]


def test_an_unknown_placeholder_is_an_error_at_its_line(project):
    signals = project / "frameworks" / "signaux.yml"
    replace_in(signals, 'symptome: "Le site web', 'symptome: "{seuil:heures-coordinaton} Le site web')
    with pytest.raises(ContentErrors) as caught:
        load_guide(project)
    [error] = caught.value.errors
    assert error.file == "frameworks/signaux.yml"
    assert error.line == line_of(signals, "{seuil:heures-coordinaton}")
    assert error.field == "signaux[0].symptome"
    assert "repère inconnu « heures-coordinaton »" in error.message
    assert "vouliez-vous dire « heures-coordination » ?" in error.message


def test_a_range_placeholder_writes_the_shared_unit_once(project):
    replace_in(project / "frameworks" / "faq.yml", 'reponse: "Pour Antoine Blot',
               'reponse: "{seuil:cmo-fractionne-jours-min à cmo-fractionne-jours-max}, {seuil:roas-cible-min à roas-cible-max}. Pour Antoine Blot')
    guide = load_guide(project)
    assert guide.frameworks["faq"]["questions"][0]["reponse"].startswith(
        f"1{NBSP}à{NBSP}2{NBSP}jours par semaine, 3:1{NBSP}à 5:1. Pour Antoine Blot")


def test_a_range_keeps_both_units_when_they_differ():
    assert range_text({"valeur": 40, "unite": "h par semaine"}, {"valeur": 2, "unite": "jours par semaine"}) == (
        f"40{NBSP}h par semaine{NBSP}à 2{NBSP}jours par semaine")
    assert range_text({"valeur": 80000, "unite": "€"}, {"valeur": 120000, "unite": "€"}) == (
        f"80{NNBSP}000{NBSP}à{NBSP}120{NNBSP}000{NBSP}€")


@pytest.mark.parametrize("placeholder, message", [
    ("{seuil:cmo-fractionne-jours-min à cmo-fractionne-jour-max}", "vouliez-vous dire « cmo-fractionne-jours-max » ?"),
    ("{seuil:cmo-fractionne-jours-max à cmo-fractionne-jours-min}", "à l'envers : écrivez le plus petit repère en premier"),
    ("{seuil:roas-cible-min à roas-cible-max à ltv-cac-minimum}", "une fourchette relie deux repères"),
])
def test_a_wrong_range_is_an_error_at_its_line(project, placeholder, message):
    signals = project / "frameworks" / "signaux.yml"
    replace_in(signals, 'symptome: "Le site web', f'symptome: "{placeholder} Le site web')
    with pytest.raises(ContentErrors) as caught:
        load_guide(project)
    [error] = caught.value.errors
    assert error.line == line_of(signals, placeholder)
    assert message in error.message
def test_a_changed_band_changes_the_internalisation_result_and_its_page(project):
    """The 70 % high end of the band, lowered in a copy of seuils.yml: the page quotes the new figure
    and the pre-rendered France example recommends internalising (its ratio, 64,3 %, now reaches it)."""
    from calculators.contract import load_calculator, run

    replace_in(project / "frameworks" / "seuils.yml", "valeur: 70\n", "valeur: 64\n")
    guide = load_guide(project)
    pages = {page.name: page.markdown for page in render_pages(guide, browser_assets(project, guide.frameworks))}
    assert f"64{NBSP}%" in pages["internalisation"] and f"70{NBSP}%" not in pages["internalisation"]
    assert "Recruter une direction marketing interne" in pages["internalisation"]
    calculator = load_calculator("internalisation", guide.frameworks)
    assert run(calculator, {}).outcomes["recommendation"].value == "internaliser"


def test_a_changed_phase_threshold_changes_the_diagnostic_and_its_page(project):
    replace_in(project / "frameworks" / "phases.yml", "effectif_min: 50\n", "effectif_min: 60\n")
    replace_in(project / "frameworks" / "phases.yml", "effectif_max: 50\n", "effectif_max: 60\n")
    guide = load_guide(project)
    pages = {page.name: page.markdown for page in render_pages(guide, browser_assets(project, guide.frameworks))}
    # The rule table's bands follow: the last phase's first band starts at 60, the band before it ends at 59.
    assert ", 60 à 80 employés |" in pages["diagnostic"] and ", 20 à 59 employés |" in pages["diagnostic"]
    from calculators.contract import load_calculator, run

    assert run(load_calculator("diagnostic", guide.frameworks), {"employees": 55}).outcomes["phase"].value == "structuration"
