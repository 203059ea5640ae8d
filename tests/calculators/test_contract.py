"""The calculator contract: declaration from the YAML, parsing, validation, outputs, JSON."""

from __future__ import annotations

import math

from hypothesis import given
from hypothesis import strategies as st

from calculators.contract import as_json, load_calculator, run, threshold


def test_declaration_comes_from_the_frameworks_yaml(roi, settings):
    block = settings["roi"]["calculateur"]
    assert [spec.id for spec in roi.inputs][:2] == ["marketing_spend", "attributed_revenue"]
    spend = roi.input("marketing_spend")
    assert spend.label == block["entrees"][0]["libelle"]
    assert spend.label_with_unit == f"{block['entrees'][0]['libelle']} (€)"
    assert spend.default == block["entrees"][0]["defaut"]
    assert (spend.minimum, spend.maximum) == (block["entrees"][0]["min"], block["entrees"][0]["max"])
    assert spend.input_mode == "decimal"


def test_a_changed_example_or_default_in_the_settings_changes_the_calculator(settings):
    """The form opens on the worked example; an input the example leaves out opens on its default."""
    block = settings["roi"]["calculateur"]
    changed = {**settings, "roi": {**settings["roi"], "calculateur": {
        **block, "exemple": {**block["exemple"], "entrees": {**block["exemple"]["entrees"], "marketing_spend": 25000}}}}}
    calculator = load_calculator("roi", changed)
    revenue = run(calculator, {}).values["attributed_revenue"]
    assert run(calculator, {}).outcomes["romi"].value == (revenue - 25000) / 25000
    assert "horizon_months" not in block["exemple"]["entrees"]
    entries = [dict(entry, defaut=24) if entry["id"] == "horizon_months" else entry for entry in block["entrees"]]
    changed = {**settings, "roi": {**settings["roi"], "calculateur": {**block, "entrees": entries}}}
    assert run(load_calculator("roi", changed), {}).values["horizon_months"] == 24


def test_missing_inputs_take_their_defaults(roi, settings):
    """The form opens on the worked example (roi.yml), an input it leaves out on its default (seuils.yml)."""
    example = settings["roi"]["calculateur"]["exemple"]["entrees"]
    values = run(roi, {}).values
    assert (values["marketing_spend"], values["attributed_revenue"]) == (example["marketing_spend"], example["attributed_revenue"])
    assert "horizon_months" not in example
    assert values["horizon_months"] == threshold(settings, "horizon-ltv")  # the guide's default horizon
    assert run(roi, {"horizon_months": ""}).values["horizon_months"] is None  # an optional field left empty


def test_errors_are_per_field_in_french_and_say_what_to_type(roi):
    result = run(roi, {"marketing_spend": "dix mille", "attributed_revenue": "-5"})
    assert result.errors == {
        "marketing_spend": "Saisissez un montant en chiffres, par exemple 12 500,50",
        "attributed_revenue": "Saisissez une valeur entre 0\u00a0€ et 100\u202f000\u202f000\u202f000\u00a0€",
    }
    assert result.outcomes == {}


def test_empty_and_unknown_inputs(roi):
    result = run(roi, {"marketing_spend": "  ", "budget": 3})
    assert result.errors["marketing_spend"] == "Saisissez un montant en chiffres, par exemple 12 500,50"
    assert result.errors["budget"].startswith("Paramètre inconnu")


def test_json_numbers_booleans_and_non_finite_values(roi):
    assert run(roi, {"marketing_spend": 10000, "attributed_revenue": 50000.0}).ok
    assert not run(roi, {"marketing_spend": True}).ok
    assert not run(roi, {"marketing_spend": math.inf}).ok
    assert not run(roi, {"marketing_spend": math.nan}).ok
    assert not run(roi, {"marketing_spend": [1]}).ok


def test_json_shape(roi):
    data = as_json(roi, run(roi, {"marketing_spend": "10 000", "attributed_revenue": "50 000"}))
    assert data["romi"] == 4.0
    assert data["display"]["romi"] == "400\u00a0%"
    assert "romi" in data["notes"]
    assert as_json(roi, run(roi, {"marketing_spend": "x"})) == {
        "errors": {"marketing_spend": "Saisissez un montant en chiffres, par exemple 12\u202f500,50"}}


VALUES = st.one_of(st.text(max_size=40), st.floats(allow_nan=True, allow_infinity=True), st.integers(),
                   st.booleans(), st.none(), st.lists(st.integers(), max_size=2))


@given(st.dictionaries(st.sampled_from(["marketing_spend", "attributed_revenue", "autre"]), VALUES, max_size=3))
def test_any_input_gives_a_result_or_per_field_errors_never_nan(roi, raw):
    result = run(roi, raw)
    if result.errors:
        assert result.outcomes == {}
        assert all(isinstance(message, str) and message for message in result.errors.values())
    else:
        for outcome in result.outcomes.values():
            assert outcome.value is None or math.isfinite(outcome.value)
            assert outcome.value is not None or outcome.note
        as_json(roi, result)  # and it always serialises


@given(st.floats(min_value=0, max_value=1e9), st.floats(min_value=0, max_value=1e11))
def test_any_valid_amounts_give_a_finite_romi_or_an_explanation(roi, cost, revenue):
    outcome = run(roi, {"marketing_spend": cost, "attributed_revenue": revenue}).outcomes["romi"]
    if cost == 0:
        assert outcome.value is None and "coût marketing de 0" in outcome.note
    elif outcome.value is None:  # a cost so small that the ratio overflows
        assert "trop petit" in outcome.note
    else:
        assert math.isfinite(outcome.value)


def test_a_vanishing_cost_is_explained(roi):
    outcome = run(roi, {"marketing_spend": 1e-310, "attributed_revenue": 1e11}).outcomes["romi"]
    assert outcome.value is None and outcome.note.startswith("Le coût marketing est trop petit")
