"""Maturity diagnostic: phase boundaries, every cell of the decision matrix, the model and
sourcing mapping, the multi-choice signals, the report, through the API and the CLI."""

from __future__ import annotations

import itertools
import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from calculators import diagnostic as rules
from calculators.__main__ import main
from calculators.contract import as_json, load_calculator, run
from calculators.html import render_form, render_results

SIGNALS = ["messages-incoherents", "marketing-disperse", "decisions-reactives", "kpis-non-interpretes"]


def cli(capsys, settings_file, inputs: dict) -> tuple[int, dict]:
    code = main(["diagnostic", "--settings", settings_file, "--json", json.dumps(inputs)])
    return code, json.loads(capsys.readouterr().out)


@pytest.mark.parametrize(("employees", "phase"), [(0, "amorcage"), (9, "amorcage"), (10, "structuration"),
                                                 (49, "structuration"), (50, "orchestration"), (5000, "orchestration")])
def test_phase_boundaries(diagnostic, capsys, settings_file, employees, phase):
    assert run(diagnostic, {"employees": employees}).outcomes["phase"].value == phase
    code, data = cli(capsys, settings_file, {"employees": str(employees)})
    assert code == 0 and data["phase"] == phase


@pytest.mark.parametrize(("ambition", "resources", "typology"), [
    ("ciblee", "limitees", "precision"), ("ciblee", "disponibles", "systemie"),
    ("large", "limitees", "volume"), ("large", "disponibles", "hybride-evolutif"),
])
def test_every_cell_of_the_decision_matrix(diagnostic, capsys, settings_file, ambition, resources, typology):
    assert run(diagnostic, {"ambition": ambition, "resources": resources}).outcomes["typology"].value == typology
    code, data = cli(capsys, settings_file, {"ambition": ambition, "resources": resources})
    assert code == 0 and data["typology"] == typology


MAPPING = {
    # (phase employees, resources, several BUs) -> (model, sourcing row, CMO role)
    (5, "limitees", False): ("full-stack", "freelances-fondateur", "Absent, ou porté par le fondateur"),
    (5, "disponibles", True): ("full-stack", "freelances-fondateur", "Absent, ou porté par le fondateur"),
    (20, "limitees", False): ("centralise", "hybride", "Fractional CMO"),
    (20, "disponibles", False): ("centralise", "interne", "Head of Marketing / CMO"),
    (20, "limitees", True): ("decentralise", "hybride", "Fractional CMO"),
    (20, "disponibles", True): ("decentralise", "interne", "Head of Marketing / CMO"),
    (80, "limitees", False): ("hub-and-spoke", "interne-specialistes", "CMO stratégique au COMEX"),
    (80, "disponibles", True): ("hub-and-spoke", "interne-specialistes", "CMO stratégique au COMEX"),
}


@pytest.mark.parametrize(("key", "expected"), MAPPING.items(), ids=[f"{k[0]}-{k[1]}-{k[2]}" for k in MAPPING])
def test_model_sourcing_and_cmo_role(diagnostic, capsys, settings_file, key, expected):
    employees, resources, several = key
    inputs = {"employees": employees, "resources": resources, "multi_business_units": "oui" if several else "non"}
    result = run(diagnostic, inputs)
    got = tuple(result.outcomes[name].value for name in ("org_model", "sourcing", "cmo_role"))
    assert got == expected
    code, data = cli(capsys, settings_file, inputs)
    assert code == 0 and (data["org_model"], data["sourcing"], data["cmo_role"]) == expected


@pytest.mark.parametrize("chosen", [list(combo) for size in range(5) for combo in itertools.combinations(SIGNALS, size)])
def test_structure_now_when_at_least_one_signal(diagnostic, chosen):
    result = run(diagnostic, {"signals": ",".join(chosen)})
    assert result.values["signals"] == chosen
    assert result.outcomes["structure_now"].value is bool(chosen)


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
    ("ambition", "enorme", "Choisissez l'une des options : Ambition ciblée, Ambition large ou rapide"),
    ("signals", 3, "Cochez des options parmi : Messages incohérents, Marketing dispersé, Décisions réactives, KPIs non interprétés"),
])
def test_per_field_french_errors(diagnostic, field, raw, message):
    assert run(diagnostic, {field: raw}).errors == {field: message}


def test_revenue_is_optional_and_warns_under_the_floor(diagnostic):
    assert run(diagnostic, {"annual_revenue": ""}).ok
    result = run(diagnostic, {"employees": 20, "resources": "disponibles", "annual_revenue": 600000})
    assert "souvent une erreur" in result.outcomes["sourcing"].note
    assert "630\u202f000\u00a0€" in result.outcomes["sourcing"].note  # 1 000 000 $ CAD at the guide's rate
    result = run(diagnostic, {"employees": 20, "resources": "disponibles", "annual_revenue": 2000000})
    assert "souvent une erreur" not in result.outcomes["sourcing"].note


def test_the_report_quotes_the_frameworks_with_links(diagnostic, settings):
    result = run(diagnostic, {"employees": 35, "signals": "marketing-disperse", "ambition": "ciblee", "resources": "limitees"})
    html = render_results(diagnostic, result)
    phase = settings["phases"]["phases"][1]
    signal = settings["signaux"]["signaux"][1]
    model = next(item for item in settings["modeles"]["modeles"] if item["id"] == "centralise")
    for text in (phase["objectif"], phase["priorites"][0], phase["risques"][0], signal["symptome"][:40],
                 model["avantages"][0], model["limites"][0]):
        assert text.replace("'", "\u2019")[:30] in html
    for target in ("../phases/#structuration", "../signaux/#marketing-disperse", "../typologies/#precision",
                   "../modeles/#centralise", "../sourcing/#hybride", "../role-cmo/"):
        assert f'href="{target}"' in html
    assert "Votre rapport" in html


def test_the_form_has_checkboxes(diagnostic):
    html = render_form(diagnostic, {**diagnostic.defaults(), "signals": "decisions-reactives"})
    assert html.count('type="checkbox"') == 4
    assert 'value="decisions-reactives" checked' in html
    assert "<legend>Signaux d’alerte que vous observez</legend>" in html


def test_the_mapping_and_the_phases_come_from_the_settings(settings):
    changed = json.loads(json.dumps(settings))
    changed["phases"]["phases"][1]["effectif_min"] = 15
    changed["diagnostic"]["regles"]["par_phase"][1]["sourcing"]["limitees"] = "interne"
    calculator = load_calculator("diagnostic", changed)
    assert run(calculator, {"employees": 12}).outcomes["phase"].value == "amorcage"
    assert run(calculator, {"employees": 20}).outcomes["sourcing"].value == "interne"


@given(st.fixed_dictionaries({
    "employees": st.integers(0, 10**6),
    "annual_revenue": st.one_of(st.floats(0, 1e12), st.just("")),
    "signals": st.lists(st.sampled_from(SIGNALS), max_size=6),
    "ambition": st.sampled_from(["ciblee", "large"]),
    "resources": st.sampled_from(["limitees", "disponibles"]),
    "multi_business_units": st.booleans(),
}))
def test_any_valid_answers_give_a_full_report(diagnostic, inputs):
    result = run(diagnostic, inputs)
    assert result.ok
    assert all(outcome.value is not None for outcome in result.outcomes.values())
    json.dumps(as_json(diagnostic, result), allow_nan=False)
    assert "Votre rapport" in render_results(diagnostic, result)


@given(st.dictionaries(st.sampled_from(list(rules.INPUT_IDS) + ["autre"]),
                       st.one_of(st.text(max_size=30), st.integers(), st.none(), st.lists(st.text(max_size=5), max_size=3)),
                       max_size=4))
def test_any_input_gives_a_report_or_per_field_errors(diagnostic, raw):
    result = run(diagnostic, raw)
    assert result.errors or len(result.outcomes) == len(rules.OUTPUT_IDS)
