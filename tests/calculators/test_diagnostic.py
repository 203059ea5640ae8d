"""Maturity diagnostic through the API and the CLI: phase boundaries, the rule table applied row for row,
the multi-choice signals, the revenue in the chosen currency, per-field French errors, the report.

Expectations are read from the settings (the YAML), never from today's sentences: an editor's rewording, or
a changed row of the rule table, leaves these tests green as long as the calculator follows the data.
tests/calculators/test_diagnostic_rules.py checks the rule table itself over the whole input grid.
"""

from __future__ import annotations

import itertools
import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from calculators import diagnostic as rules
from calculators.__main__ import main
from calculators.contract import (
    CURRENCY_INPUT,
    CURRENCY_UNITS,
    as_json,
    load_calculator,
    run,
    threshold,
    threshold_in_euros,
    threshold_text,
)
from calculators.html import render_form, render_results

SIGNALS = ["messages-incoherents", "marketing-disperse", "decisions-reactives", "kpis-non-interpretes"]
AMBITIONS = ["ciblee", "large"]
RESOURCES = ["limitees", "disponibles"]


def cli(capsys, settings_file, inputs: dict) -> tuple[int, dict]:
    code = main(["diagnostic", "--settings", settings_file, "--json", json.dumps(inputs)])
    return code, json.loads(capsys.readouterr().out)


def item(settings: dict, framework: str, list_key: str, item_id: str) -> dict:
    return next(entry for entry in settings[framework][list_key] if entry["id"] == item_id)


def test_phase_boundaries_are_the_phases_first_headcounts(diagnostic, capsys, settings_file, settings):
    phases = settings["phases"]["phases"]
    for previous, phase in zip([None, *phases[:-1]], phases, strict=True):
        assert run(diagnostic, {"employees": phase["effectif_min"]}).outcomes["phase"].value == phase["id"]
        code, data = cli(capsys, settings_file, {"employees": str(phase["effectif_min"])})
        assert code == 0 and data["phase"] == phase["id"]
        if previous is not None:
            assert run(diagnostic, {"employees": phase["effectif_min"] - 1}).outcomes["phase"].value == previous["id"]


def test_every_band_applies_its_own_rows_from_its_first_to_its_last_headcount(diagnostic, capsys, settings_file, settings):
    for band in rules.bands(settings):
        end = rules.band_end(band, settings)
        for employees in {band.start, end if end is not None else band.start * 10 + 1}:
            for ambition, resources, several in itertools.product(AMBITIONS, RESOURCES, (False, True)):
                row = rules.rule_row(band.id, ambition, resources, settings)
                inputs = {"employees": employees, "ambition": ambition, "resources": resources,
                          "multi_business_units": "oui" if several else "non"}
                outcomes = run(diagnostic, inputs).outcomes
                team = item(settings, "sourcing", "situations", row["equipe"])
                assert (outcomes["phase"].value, outcomes["typology"].value, outcomes["org_model"].value,
                        outcomes["sourcing"].value, outcomes["cmo_role"].value) == (
                    band.phase["id"], row["structure"], rules.model_of(row, several), row["equipe"], team["role_cmo"])
        code, data = cli(capsys, settings_file, {"employees": band.start})
        row = rules.rule_row(band.id, "ciblee", "limitees", settings)  # the form's defaults
        assert code == 0 and (data["typology"], data["org_model"], data["sourcing"]) == (
            row["structure"], row["modele"], row["equipe"])


@pytest.mark.parametrize("chosen", [list(combo) for size in range(5) for combo in itertools.combinations(SIGNALS, size)])
def test_structure_now_when_enough_signals(diagnostic, settings, chosen):
    result = run(diagnostic, {"signals": ",".join(chosen)})
    assert result.values["signals"] == chosen
    assert result.outcomes["structure_now"].value is (len(chosen) >= settings["diagnostic"]["regles"]["signaux_pour_structurer"])


def test_signals_from_the_cli_as_a_list_or_comma_separated(diagnostic, capsys, settings_file):
    for given_signals in (["decisions-reactives", "messages-incoherents"], "decisions-reactives, messages-incoherents"):
        code, data = cli(capsys, settings_file, {"signals": given_signals})
        assert code == 0 and data["structure_now"] is True
        assert data["display"]["structure_now"] == "Oui"
    code, data = cli(capsys, settings_file, {"signals": "decisions-reactives,inconnu"})
    assert code == 2 and data["errors"]["signals"].startswith("Option inconnue «\u202finconnu\u202f»")


@pytest.mark.parametrize(("field", "raw", "message"), [
    ("employees", "douze", "Saisissez un nombre entier, par exemple 12"),
    ("employees", "12,5", "Saisissez un nombre entier, sans virgule, par exemple 12"),
    ("employees", "-1", "Saisissez une valeur entre 0 et 1\u202f000\u202f000"),
    ("ambition", "enorme", "Choisissez l'une des options : ciblee (Ambition ciblée), large (Ambition large ou rapide)"),
    ("currency", "usd", "Choisissez l'une des options : eur (Euros (€)), cad (Dollars canadiens ($ CAD))"),
    ("signals", 3, "Cochez des options parmi : messages-incoherents (Messages incohérents), marketing-disperse "
                   "(Marketing dispersé), decisions-reactives (Décisions réactives), kpis-non-interpretes (KPI non interprétés)"),
])
def test_per_field_french_errors(diagnostic, field, raw, message):
    assert run(diagnostic, {field: raw}).errors == {field: message}


# --- The revenue, in the chosen currency ----------------------------------------------------------

def internal_team_rows(settings: dict) -> list[tuple[int, str, str]]:
    """(headcount, ambition, resources) of a reader the rule table gives an internal team."""
    found = []
    for band in rules.bands(settings):
        for ambition, resources in itertools.product(AMBITIONS, RESOURCES):
            row = rules.rule_row(band.id, ambition, resources, settings)
            if item(settings, "sourcing", "situations", row["equipe"])["option"] == rules.INTERNAL_TEAM:
                found.append((band.start, ambition, resources))
    return found


def floor_in(settings: dict, currency: str):
    """The revenue floor for amounts typed in this currency: the figure itself when it is in that currency."""
    figure = item(settings, "seuils", "seuils", rules.REVENUE_FLOOR)
    same = CURRENCY_UNITS[currency] == figure["unite"]
    return threshold(settings, rules.REVENUE_FLOOR) if same else threshold_in_euros(settings, rules.REVENUE_FLOOR)


@pytest.mark.parametrize("currency", sorted(CURRENCY_UNITS))
def test_the_revenue_floor_is_recalled_under_it_in_the_chosen_currency_only(diagnostic, settings, currency):
    figure = threshold_text(item(settings, "seuils", "seuils", rules.REVENUE_FLOOR))  # as the pages quote it
    floor = floor_in(settings, currency)
    employees, ambition, resources = internal_team_rows(settings)[0]
    base = {"employees": employees, "ambition": ambition, "resources": resources, "currency": currency}
    assert figure in run(diagnostic, {**base, "annual_revenue": str(floor - 1)}).outcomes["sourcing"].note
    assert figure not in run(diagnostic, {**base, "annual_revenue": str(floor)}).outcomes["sourcing"].note
    assert figure not in run(diagnostic, {**base, "annual_revenue": ""}).outcomes["sourcing"].note
    assert run(diagnostic, {**base, "annual_revenue": ""}).ok


def test_the_currency_choice_is_the_contract_s(diagnostic):
    """The field the contract reads for money units (``CURRENCY_INPUT``), with exactly its currencies."""
    spec = diagnostic.input(CURRENCY_INPUT)
    assert spec.kind == "choix" and {value for value, _ in spec.options} == set(CURRENCY_UNITS)


def test_an_amount_in_canadian_dollars_is_compared_with_the_figure_itself(diagnostic, settings):
    """The issue's case: 800 000 $ CAD is under the 1 M$ CAD floor, but over its conversion in euros."""
    figure = item(settings, "seuils", "seuils", rules.REVENUE_FLOOR)
    assert figure["unite"] == CURRENCY_UNITS["cad"]
    amount = (threshold(settings, rules.REVENUE_FLOOR) + threshold_in_euros(settings, rules.REVENUE_FLOOR)) / 2
    employees, ambition, resources = internal_team_rows(settings)[0]
    base = {"employees": employees, "ambition": ambition, "resources": resources, "annual_revenue": str(amount)}
    shown = threshold_text(figure)
    assert shown in run(diagnostic, {**base, "currency": "cad"}).outcomes["sourcing"].note
    assert shown not in run(diagnostic, {**base, "currency": "eur"}).outcomes["sourcing"].note
    typed = {**base, "annual_revenue": f"{amount} $ CAD"}
    assert run(diagnostic, {**typed, "currency": "cad"}).ok
    assert "annual_revenue" in run(diagnostic, {**typed, "currency": "eur"}).errors


def test_no_revenue_warning_for_a_team_that_is_not_internal(diagnostic, settings):
    figure = threshold_text(item(settings, "seuils", "seuils", rules.REVENUE_FLOOR))
    for band in rules.bands(settings):
        for ambition, resources in itertools.product(AMBITIONS, RESOURCES):
            row = rules.rule_row(band.id, ambition, resources, settings)
            if item(settings, "sourcing", "situations", row["equipe"])["option"] != rules.INTERNAL_TEAM:
                result = run(diagnostic, {"employees": band.start, "ambition": ambition, "resources": resources,
                                          "annual_revenue": "1"})
                assert figure not in result.outcomes["sourcing"].note


# --- The report ------------------------------------------------------------------------------------

def test_the_report_quotes_the_frameworks_with_links(diagnostic, settings):
    result = run(diagnostic, {"employees": 35, "signals": "marketing-disperse"})
    html = render_results(diagnostic, result)
    elements = rules.elements_for(35, "ciblee", "limitees", False, settings)
    phase = item(settings, "phases", "phases", elements["phase"])
    signal = item(settings, "signaux", "signaux", "marketing-disperse")
    model = item(settings, "modeles", "modeles", elements["modele"])
    for text in (phase["objectif"], phase["priorites"][0], phase["risques"][0], signal["symptome"][:40],
                 model["avantages"][0], model["limites"][0]):
        assert text.replace("'", "\u2019")[:30] in html
    for target in (f"../phases/#{elements['phase']}", "../signaux/#marketing-disperse",
                   f"../typologies/#{elements['structure']}", f"../modeles/#{elements['modele']}",
                   f"../sourcing/#{elements['equipe']}", "../role-cmo/"):
        assert f'href="{target}"' in html
    assert 'data-report="diagnostic"' in html


def test_the_form_has_checkboxes_and_a_currency_choice(diagnostic):
    html = render_form(diagnostic, {**diagnostic.defaults(), "signals": "decisions-reactives"})
    assert html.count('type="checkbox"') == 4
    assert 'value="decisions-reactives" checked' in html
    assert "<legend>Signaux d’alerte que vous observez <span class=\"guide-field__example\">exemple</span></legend>" in html
    assert 'id="calc-diagnostic-currency"' in html and 'data-unit="€"' in html  # the page's script relabels it


def test_the_rules_and_the_phases_come_from_the_settings(settings):
    changed = json.loads(json.dumps(settings))
    changed["phases"]["phases"][1]["effectif_min"] = 15
    first_band = changed["diagnostic"]["regles"]["tranches"][1]["id"]
    [row] = [row for row in changed["diagnostic"]["regles"]["grille"]
             if (row["tranche"], row["ambition"], row["ressources"]) == (first_band, "ciblee", "disponibles")]
    row["equipe"] = "hybride"
    calculator = load_calculator("diagnostic", changed)
    assert run(calculator, {"employees": 12}).outcomes["phase"].value == changed["phases"]["phases"][0]["id"]
    assert run(calculator, {"employees": 15, "resources": "disponibles"}).outcomes["sourcing"].value == "hybride"


@given(st.fixed_dictionaries({
    "employees": st.integers(0, 10**6),
    "currency": st.sampled_from(sorted(CURRENCY_UNITS)),
    "annual_revenue": st.one_of(st.floats(0, 1e12), st.just("")),
    "signals": st.lists(st.sampled_from(SIGNALS), max_size=6),
    "ambition": st.sampled_from(AMBITIONS),
    "resources": st.sampled_from(RESOURCES),
    "multi_business_units": st.booleans(),
}))
def test_any_valid_answers_give_a_full_report(diagnostic, inputs):
    result = run(diagnostic, inputs)
    assert result.ok
    assert all(outcome.value is not None for outcome in result.outcomes.values())
    json.dumps(as_json(diagnostic, result), allow_nan=False)
    assert 'data-report="diagnostic"' in render_results(diagnostic, result)


@given(st.dictionaries(st.sampled_from(list(rules.INPUT_IDS) + ["autre"]),
                       st.one_of(st.text(max_size=30), st.integers(), st.none(), st.lists(st.text(max_size=5), max_size=3)),
                       max_size=4))
def test_any_input_gives_a_report_or_per_field_errors(diagnostic, raw):
    result = run(diagnostic, raw)
    assert result.errors or len(result.outcomes) == len(rules.OUTPUT_IDS)
