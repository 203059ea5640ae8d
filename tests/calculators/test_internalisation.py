"""Fractional CMO or in-house director: the worked examples (API and CLI), the signals against
the rule for every combination, edge cases, the chart, and thresholds read from the settings."""

from __future__ import annotations

import itertools
import json
import math
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from calculators import internalisation as formulas
from calculators.__main__ import main
from calculators.contract import as_json, load_calculator, run, threshold
from calculators.html import render_results

FRANCE = {"day_rate": 1000, "days_per_week": 2, "weeks_per_year": 46, "gross_salary": 100000, "employer_charges_pct": 43}
QUEBEC = {**FRANCE, "gross_salary": 110000, "employer_charges_pct": 15}


def through_api_and_cli(calculator, capsys, settings_file, inputs: dict) -> list[dict]:
    api = as_json(calculator, run(calculator, inputs))
    code = main(["internalisation", "--settings", settings_file, "--json", json.dumps(inputs)])
    assert code == 0
    return [api, json.loads(capsys.readouterr().out)]


def test_france_example(internalisation, capsys, settings_file):
    assert formulas.external_annual_cost(1000, 2, 46) == 92000
    assert formulas.internal_loaded_cost(100000, 0.43) == pytest.approx(143000)
    for data in through_api_and_cli(internalisation, capsys, settings_file, FRANCE):
        assert data["external_annual_cost"] == pytest.approx(92000)
        assert data["internal_loaded_cost"] == pytest.approx(143000)
        assert data["cost_ratio"] == pytest.approx(0.6434, abs=5e-5)
        assert data["statuses"]["cost_ratio"]["status"] == "a-surveiller"  # inside the 60-70 % band
        assert data["break_even_days_per_week"] == pytest.approx(3.109, abs=5e-4)
        assert data["days_at_band_low"] == pytest.approx(1.865, abs=5e-4)
        assert data["days_at_band_high"] == pytest.approx(2.176, abs=5e-4)
        assert data["display"]["external_annual_cost"] == "92\u202f000\u00a0€"
        assert data["display"]["cost_ratio"] == "64,3\u00a0%"
        assert data["signals"] == ["budget"]
        assert data["recommendation"] == "hybride"


def test_quebec_example(internalisation, capsys, settings_file):
    for data in through_api_and_cli(internalisation, capsys, settings_file, QUEBEC):
        assert data["external_annual_cost"] == pytest.approx(92000)
        assert data["internal_loaded_cost"] == pytest.approx(126500)
        assert data["cost_ratio"] == pytest.approx(0.7273, abs=5e-5)
        assert data["statuses"]["cost_ratio"]["status"] == "interne"  # above 70 %
        assert data["recommendation"] == "internaliser"


# Every combination of the four indicators, with the ratio below or above the band's high end.
def expected(signals: set, ratio_high: bool) -> str:
    counted = len(signals & {"budget", "complexity", "data"})
    if ratio_high or counted >= 2:
        return "hybride" if "revenue_guard" in signals else "internaliser"
    return "hybride" if counted == 1 else "externaliser"


COMBINATIONS = [
    (set(combo), high)
    for size in range(5) for combo in itertools.combinations(["budget", "complexity", "data", "revenue_guard"], size)
    for high in (False, True) if not high or "budget" in combo  # a ratio above 70 % is above 60 % too
]


@pytest.mark.parametrize(("signals", "ratio_high"), COMBINATIONS,
                         ids=[f"{'+'.join(sorted(s)) or 'aucun'}-{'haut' if h else 'bas'}" for s, h in COMBINATIONS])
def test_every_combination_of_signals_against_the_rule(internalisation, settings, signals, ratio_high):
    ratio = 0.75 if ratio_high else (0.65 if "budget" in signals else 0.3)
    assert formulas.recommend(sorted(signals), ratio, settings) == expected(signals, ratio_high)
    # and through the inputs that trigger each indicator
    inputs = {
        **FRANCE,
        "days_per_week": ratio * 143000 / 46000,
        "coordination_hours_per_week": 45 if "complexity" in signals else 10,
        "needs_fast_iteration": "oui" if "data" in signals else "non",
        "annual_revenue": 500000 if "revenue_guard" in signals else 5000000,
    }
    result = run(internalisation, inputs)
    assert set(result.outcomes["signals"].value) == signals
    assert result.outcomes["recommendation"].value == expected(signals, ratio_high)
    assert result.outcomes["recommendation"].note


@pytest.mark.parametrize(("hours", "complexity"), [(39.9, False), (40, True), (41, True)])
def test_the_coordination_threshold_is_40_hours(internalisation, hours, complexity):
    result = run(internalisation, {**FRANCE, "coordination_hours_per_week": hours})
    assert ("complexity" in result.outcomes["signals"].value) is complexity


@pytest.mark.parametrize(("below", "guard"), [(1, True), (0, False)])
def test_the_revenue_floor(internalisation, settings, below, guard):
    """The Québec source's 1 000 000 $ CAD, converted at the guide's own rate, against revenue in euros."""
    floor = threshold(settings, "chiffre-affaires-plancher") * threshold(settings, "taux-change-cad-eur")
    assert round(floor) == 630000
    result = run(internalisation, {**FRANCE, "annual_revenue": round(floor) - below})
    assert ("revenue_guard" in result.outcomes["signals"].value) is guard


def test_guarded_internalisation_says_why(internalisation):
    result = run(internalisation, {**QUEBEC, "annual_revenue": 400000})
    outcome = result.outcomes["recommendation"]
    assert outcome.value == "hybride" and "souvent une erreur" in outcome.note


def test_zero_day_rate_and_zero_salary_are_explained(internalisation):
    result = run(internalisation, {**FRANCE, "day_rate": 0})
    assert result.ok and result.outcomes["external_annual_cost"].value == 0
    assert result.outcomes["break_even_days_per_week"].value is None
    assert "tarif journalier de 0" in result.outcomes["break_even_days_per_week"].note
    assert "Graphique non affiché" in render_results(internalisation, result)
    result = run(internalisation, {**FRANCE, "gross_salary": 0})
    assert result.outcomes["cost_ratio"].value is None and "salaire brut de 0" in result.outcomes["cost_ratio"].note
    assert result.outcomes["recommendation"].value in {"externaliser", "hybride", "internaliser"}


def test_break_even_beyond_a_week_is_explained(internalisation):
    result = run(internalisation, {**FRANCE, "day_rate": 300})
    outcome = result.outcomes["break_even_days_per_week"]
    assert outcome.value > 5 and "jamais atteint" in outcome.note


@pytest.mark.parametrize(
    ("field", "raw", "message"),
    [("days_per_week", "6", "Saisissez une valeur entre 0 et 5"),
     ("employer_charges_pct", "150", "Saisissez une valeur entre 0\u00a0% et 100\u00a0%"),
     ("day_rate", "mille", "Saisissez un montant en chiffres, par exemple 12 500,50"),
     ("gross_salary", "", "Saisissez un montant en chiffres, par exemple 12 500,50"),
     ("needs_fast_iteration", "peut-être", "Répondez oui ou non pour « Besoin d'itérer très vite et de garder la mémoire des décisions »")],
)
def test_per_field_french_errors(internalisation, field, raw, message):
    assert run(internalisation, {**FRANCE, field: raw}).errors == {field: message}


def test_the_chart_is_accessible_and_follows_the_inputs(internalisation):
    html = render_results(internalisation, run(internalisation, FRANCE))
    assert '<svg class="guide-chart"' in html and 'role="img"' in html
    assert "<title id=" in html and "<desc id=" in html
    assert "3,11 jours par semaine" in html  # the break-even point, also in the text alternative
    assert "équilibre 3,11 j" in html and "vous\u202f: 2 j" in html
    assert "zone 60-70\u00a0%" in html
    assert "<table>" in html  # the values as a table
    other = render_results(internalisation, run(internalisation, {**FRANCE, "days_per_week": 4}))
    assert "vous\u202f: 4 j" in other and other != html
    assert 'href="../sourcing/#modele-hybride"' in html


def test_thresholds_and_rule_come_from_the_settings(settings, with_threshold):
    calculator = load_calculator("internalisation", with_threshold(settings, "honoraires-part-haute", 64))
    assert run(calculator, FRANCE).outcomes["recommendation"].value == "internaliser"  # 64.3 % now reaches the high end
    changed = json.loads(json.dumps(settings))
    changed["internalisation"]["regles"]["regle"]["hybride_des"] = 2
    calculator = load_calculator("internalisation", changed)
    assert run(calculator, FRANCE).outcomes["recommendation"].value == "externaliser"


@given(st.fixed_dictionaries({
    "day_rate": st.floats(0, 100000), "days_per_week": st.floats(0, 5), "weeks_per_year": st.floats(1, 52),
    "gross_salary": st.floats(0, 1e7), "employer_charges_pct": st.floats(0, 100),
    "coordination_hours_per_week": st.floats(0, 168), "annual_revenue": st.floats(0, 1e12),
    "needs_fast_iteration": st.booleans(),
}))
def test_any_valid_inputs_give_finite_outputs_and_a_chart(internalisation, inputs):
    result = run(internalisation, inputs)
    assert result.ok
    for outcome in result.outcomes.values():
        if isinstance(outcome.value, float):
            assert math.isfinite(outcome.value)
        assert outcome.value is not None or outcome.note
    html = render_results(internalisation, result)
    assert not re.search(r"\b(nan|inf|infinity)\b", html, re.IGNORECASE)
    json.dumps(as_json(internalisation, result), allow_nan=False)


@given(st.dictionaries(st.sampled_from(list(formulas.INPUT_IDS)), st.one_of(st.text(max_size=15), st.floats(), st.none(), st.booleans()), max_size=4))
def test_any_input_gives_results_or_per_field_errors(internalisation, raw):
    result = run(internalisation, raw)
    assert result.errors or len(result.outcomes) == len(formulas.OUTPUT_IDS)
    assert all(isinstance(message, str) and message for message in result.errors.values())
