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
    (20, "limitees", False): ("centralise", "hybride", "CMO à temps partagé"),
    (20, "disponibles", False): ("centralise", "interne", "Head of Marketing / CMO"),
    (20, "limitees", True): ("decentralise", "hybride", "CMO à temps partagé"),
    (20, "disponibles", True): ("decentralise", "interne", "Head of Marketing / CMO"),
    # 10 to 80 employees with limited resources: the fractional CMO of source 001, whatever the phase;
    # Hub & Spoke for « scale-ups et groupes » (000), i.e. several business units.
    (80, "limitees", False): ("centralise", "hybride", "CMO à temps partagé"),
    (80, "disponibles", True): ("hub-and-spoke", "interne-specialistes", "CMO stratégique au COMEX"),
    (120, "limitees", False): ("centralise", "interne-specialistes", "CMO stratégique au COMEX"),
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
    ("ambition", "enorme", "Choisissez l'une des options : ciblee (Ambition ciblée), large (Ambition large ou rapide)"),
    ("signals", 3, "Cochez des options parmi : messages-incoherents (Messages incohérents), marketing-disperse "
                   "(Marketing dispersé), decisions-reactives (Décisions réactives), kpis-non-interpretes (KPI non interprétés)"),
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
    assert "<legend>Signaux d’alerte que vous observez <span class=\"guide-field__example\">exemple</span></legend>" in html


def test_the_mapping_and_the_phases_come_from_the_settings(settings):
    changed = json.loads(json.dumps(settings))
    changed["phases"]["phases"][1]["effectif_min"] = 15
    changed["diagnostic"]["regles"]["par_phase"][1]["sourcing"]["disponibles"] = "hybride"
    calculator = load_calculator("diagnostic", changed)
    assert run(calculator, {"employees": 12}).outcomes["phase"].value == "amorcage"
    assert run(calculator, {"employees": 20, "resources": "disponibles"}).outcomes["sourcing"].value == "hybride"


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


@pytest.mark.parametrize("employees", [10, 35, 50, 65, 80])
def test_ten_to_eighty_employees_with_limited_resources_get_the_fractional_cmo(diagnostic, employees):
    """Source 001: the fractional CMO is « idéal pour les PME de 10 à 80 employés »."""
    result = run(diagnostic, {"employees": employees, "resources": "limitees"})
    assert result.outcomes["sourcing"].value == "hybride"
    assert result.outcomes["cmo_role"].value == "CMO à temps partagé"


def test_beyond_eighty_employees_a_scale_up_gets_its_internal_team(diagnostic):
    result = run(diagnostic, {"employees": 81, "resources": "limitees"})
    assert result.outcomes["sourcing"].value == "interne-specialistes"


@pytest.mark.parametrize(("employees", "several_units", "model"), [
    (60, False, "centralise"), (60, True, "hub-and-spoke"), (400, False, "centralise"), (20, True, "decentralise")])
def test_hub_and_spoke_only_for_companies_of_several_business_units(diagnostic, employees, several_units, model):
    """Source 000 gives Hub & Spoke to « les scale-ups et les groupes », not to every company of 50 or more."""
    result = run(diagnostic, {"employees": employees, "multi_business_units": several_units})
    assert result.outcomes["org_model"].value == model


@given(employees=st.integers(0, 5000), ambition=st.sampled_from(["ciblee", "large"]),
       resources=st.sampled_from(["limitees", "disponibles"]), several_units=st.booleans())
def test_a_report_never_pairs_a_cmo_led_structure_with_no_cmo_without_saying_so(diagnostic, employees, ambition,
                                                                                   resources, several_units):
    result = run(diagnostic, {"employees": employees, "ambition": ambition, "resources": resources,
                              "multi_business_units": several_units})
    led_by_a_cmo = result.outcomes["typology"].value in ("systemie", "hybride-evolutif")
    no_cmo = result.outcomes["cmo_role"].value.startswith("Absent")
    if led_by_a_cmo and no_cmo:
        assert "fondateur" in result.outcomes["typology"].note
