"""Marketing ROI and unit economics: every worked example of the formula sheet, through the
Python API and the CLI; missing or undefined inputs give explained absent outputs."""

from __future__ import annotations

import json
import math
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from calculators import roi as formulas
from calculators.__main__ import main
from calculators.contract import as_json, load_calculator, run
from calculators.roi import romi

# Every other input left empty: only the outputs under test are computed.
EMPTY = {name: "" for name in formulas.INPUT_IDS if name not in ("marketing_spend", "attributed_revenue")}


def cli(capsys, settings_file, inputs: dict) -> tuple[int, dict]:
    code = main(["roi", "--settings", settings_file, "--json", json.dumps(inputs)])
    return code, json.loads(capsys.readouterr().out)


def both(roi, capsys, settings_file, inputs: dict) -> list[dict]:
    """The outputs through the Python API and through the CLI (same JSON)."""
    api = as_json(roi, run(roi, {**EMPTY, **inputs}))
    code, printed = cli(capsys, settings_file, {**EMPTY, **inputs})
    assert code == 0
    return [api, printed]


@pytest.mark.parametrize(
    ("revenue", "cost", "expected"),
    [(50000, 10000, 4.0), (8000, 10000, -0.2), (0, 10000, -1.0)],
)
def test_romi_worked_examples(roi, capsys, settings_file, revenue, cost, expected):
    assert romi(revenue, cost) == pytest.approx(expected)
    for data in both(roi, capsys, settings_file, {"attributed_revenue": str(revenue), "marketing_spend": str(cost)}):
        assert data["romi"] == pytest.approx(expected)


def test_zero_cost_is_undefined_and_explained(roi, capsys, settings_file):
    assert romi(50000, 0) is None
    outcome = run(roi, {"attributed_revenue": "50 000", "marketing_spend": "0"}).outcomes["romi"]
    assert outcome.value is None
    assert outcome.note == "Le ROMI n'est pas défini pour un coût marketing de 0 : saisissez le coût de la période."
    for data in both(roi, capsys, settings_file, {"marketing_spend": 0}):
        assert data["romi"] is None and "romi" not in data["display"] and data["notes"]["romi"]


def test_romi_on_margin(roi, capsys, settings_file):
    assert formulas.romi_on_margin(50000, 0.40, 10000) == pytest.approx(1.0)
    for data in both(roi, capsys, settings_file, {"attributed_revenue": 50000, "marketing_spend": 10000, "gross_margin_pct": "40 %"}):
        assert data["romi_on_margin"] == pytest.approx(1.0)


@pytest.mark.parametrize(("margin", "expected"), [(40, 2.5), (25, 4.0)])
def test_roas_and_break_even(roi, capsys, settings_file, margin, expected):
    assert formulas.roas(20000, 5000) == pytest.approx(4.0)
    assert formulas.break_even_roas(Decimal(margin) / 100) == Decimal(repr(expected))
    for data in both(roi, capsys, settings_file, {"ad_revenue": 20000, "ad_spend": 5000, "gross_margin_pct": margin}):
        assert data["roas"] == pytest.approx(4.0)
        assert data["break_even_roas"] == pytest.approx(expected)
        assert data["display"]["roas"] == "4:1"


def test_a_3_to_1_target_loses_money_at_25_percent_margin(roi):
    outcome = run(roi, {**EMPTY, "ad_revenue": 15000, "ad_spend": 5000, "gross_margin_pct": 25}).outcomes["roas"]
    assert outcome.value == pytest.approx(3.0)
    assert outcome.status == "perte"
    assert "bien que dans la cible souvent visée de 3:1 à 5:1" in outcome.status_text


@pytest.mark.parametrize(
    ("revenue", "status", "words"),
    [(10000, "perte", "Perte"), (14000, "a-surveiller", "Sous la cible"), (15000, "sain", "Dans la cible"),
     (25000, "sain", "Dans la cible"), (30000, "sain", "Au-dessus")],
)
def test_roas_status_against_the_guide_targets(roi, revenue, status, words):
    outcome = run(roi, {**EMPTY, "ad_revenue": revenue, "ad_spend": 5000, "gross_margin_pct": 40}).outcomes["roas"]
    assert (outcome.status, outcome.status_text.split(" ")[0]) == (status, words.split(" ")[0])
    assert words in outcome.status_text


def test_cac_examples_and_zero_customers(roi, capsys, settings_file):
    assert formulas.cac(100000, 20000, 40) == pytest.approx(3000)
    assert formulas.cac(100000, 20000, 0) is None
    for data in both(roi, capsys, settings_file, {"marketing_spend": 100000, "sales_spend": 20000, "new_customers": 40}):
        assert data["cac"] == pytest.approx(3000)
    for data in both(roi, capsys, settings_file, {"marketing_spend": 100000, "sales_spend": 20000, "new_customers": 0}):
        assert data["cac"] is None and "0 nouveau client" in data["notes"]["cac"]


@pytest.mark.parametrize(("arpa", "margin", "churn", "expected"), [(40, 70, 5, 560), (500, 80, 2, 20000)])
def test_ltv_examples(roi, capsys, settings_file, arpa, margin, churn, expected):
    assert formulas.ltv(arpa, margin / 100, churn / 100) == pytest.approx(expected)
    for data in both(roi, capsys, settings_file, {"arpa_monthly": arpa, "gross_margin_pct": margin, "monthly_churn_pct": churn}):
        assert data["ltv"] == pytest.approx(expected)


def test_zero_churn_needs_a_horizon(roi, capsys, settings_file):
    # m = 80 a month (ARPA 100 at 80 % margin), N = 36, c = 0 -> 2 880
    assert formulas.ltv(100, 0.8, 0.0) is None
    assert formulas.ltv(100, 0.8, 0.0, 36) == pytest.approx(2880)
    for data in both(roi, capsys, settings_file, {"arpa_monthly": 100, "gross_margin_pct": 80, "monthly_churn_pct": 0}):
        assert data["ltv"] is None and "Horizon" in data["notes"]["ltv"]
    for data in both(roi, capsys, settings_file, {"arpa_monthly": 100, "gross_margin_pct": 80, "monthly_churn_pct": 0,
                                                 "horizon_months": 36}):
        assert data["ltv"] == pytest.approx(2880)
    assert formulas.ltv(100, 0.8, 0.05, 36) == pytest.approx(80 * (1 - 0.95 ** 36) / 0.05)


def test_churn_of_100_percent_keeps_one_month_of_margin(roi):
    result = run(roi, {**EMPTY, "arpa_monthly": 100, "gross_margin_pct": 80, "monthly_churn_pct": 100})
    assert result.outcomes["ltv"].value == pytest.approx(80)
    assert result.outcomes["annual_churn"].value == pytest.approx(1.0)


@pytest.mark.parametrize(("ltv", "cac", "expected", "status"), [(20000, 3000, 6.67, "sain"), (1600, 800, 2.0, "a-surveiller")])
def test_ltv_to_cac_examples(roi, capsys, settings_file, ltv, cac, expected, status):
    # LTV = ARPA x margin / churn with margin 100 % and churn 1 %: ARPA = LTV / 100; CAC = marketing / 1 customer.
    inputs = {"arpa_monthly": ltv / 100, "gross_margin_pct": 100, "monthly_churn_pct": 1,
              "marketing_spend": cac, "sales_spend": 0, "new_customers": 1}
    for data in both(roi, capsys, settings_file, inputs):
        assert data["ltv_to_cac"] == pytest.approx(expected, abs=0.005)
        assert data["statuses"]["ltv_to_cac"]["status"] == status


@pytest.mark.parametrize(("cac", "arpa", "margin", "expected"), [(1200, 100, 80, 15), (3000, 500, 80, 7.5)])
def test_payback_examples(roi, capsys, settings_file, cac, arpa, margin, expected):
    assert formulas.payback_months(cac, arpa, margin / 100) == pytest.approx(expected)
    inputs = {"marketing_spend": cac, "sales_spend": 0, "new_customers": 1, "arpa_monthly": arpa, "gross_margin_pct": margin}
    for data in both(roi, capsys, settings_file, inputs):
        assert data["payback_months"] == pytest.approx(expected)


def test_retention_effect(roi, capsys, settings_file):
    inputs = {"arpa_monthly": 100, "gross_margin_pct": 80, "monthly_churn_pct": 5, "churn_reduction_pct": 10}
    for data in both(roi, capsys, settings_file, inputs):
        assert data["ltv"] == pytest.approx(1600)
        assert data["ltv_after_churn_reduction"] == pytest.approx(1777.78, abs=0.005)
        assert "5 % à 4,5 %" in data["notes"]["ltv_after_churn_reduction"].replace("\u00a0", " ")
        assert "la valeur vie client augmente de 11,1 %" in data["notes"]["ltv_after_churn_reduction"].replace("\u00a0", " ")


@pytest.mark.parametrize(("monthly", "annual"), [(2, 0.2153), (5, 0.4596)])
def test_churn_conversion(roi, capsys, settings_file, monthly, annual):
    assert formulas.annual_churn(monthly / 100) == pytest.approx(annual, abs=5e-5)
    for data in both(roi, capsys, settings_file, {"monthly_churn_pct": monthly}):
        assert data["annual_churn"] == pytest.approx(annual, abs=5e-5)


def test_the_retention_default_is_the_guide_figure(roi, settings):
    from calculators.contract import threshold

    assert roi.input("churn_reduction_pct").default == threshold(settings, "hausse-retention")


def test_revenue_below_cost_is_a_negative_romi_explained(roi):
    outcome = run(roi, {"attributed_revenue": 8000}).outcomes["romi"]
    assert outcome.value == Decimal("-0.2") and "il manque 2\u202f000\u00a0€" in outcome.note


def test_empty_fields_give_absent_outputs_not_errors(roi):
    result = run(roi, EMPTY)
    assert result.ok
    assert result.outcomes["romi"].value == pytest.approx(4.0)
    for output in ("romi_on_margin", "roas", "break_even_roas", "cac", "ltv", "ltv_to_cac", "payback_months",
                   "ltv_after_churn_reduction", "annual_churn"):
        assert result.outcomes[output].value is None and result.outcomes[output].note.startswith(("Renseignez", "Il faut"))


@pytest.mark.parametrize(
    ("field", "raw", "message"),
    [("gross_margin_pct", "120", "Saisissez une valeur entre 0\u00a0% et 100\u00a0%"),
     ("monthly_churn_pct", "abc", "Saisissez un pourcentage en chiffres, par exemple 40"),
     ("new_customers", "2,5", "Saisissez un nombre entier, sans virgule, par exemple 12"),
     ("marketing_spend", "", "Saisissez un montant en chiffres, par exemple 12 500,50")],
)
def test_per_field_french_errors(roi, field, raw, message):
    assert run(roi, {field: raw}).errors == {field: message}


def test_a_threshold_changed_in_the_settings_changes_the_status(settings, with_threshold):
    calculator = load_calculator("roi", with_threshold(settings, "roas-cible-min", 4.5))
    outcome = run(calculator, {}).outcomes["roas"]  # ROAS 4 by default
    assert outcome.status == "a-surveiller" and "4,5:1" in outcome.status_text


AMOUNTS = st.one_of(st.floats(min_value=0, max_value=1e8), st.just(0), st.just(""))
PERCENTS = st.one_of(st.floats(min_value=0, max_value=100), st.just(0), st.just(100), st.just(""))


@given(st.fixed_dictionaries({
    "marketing_spend": st.floats(min_value=0, max_value=1e9), "gross_margin_pct": PERCENTS, "ad_spend": AMOUNTS,
    "ad_revenue": AMOUNTS, "sales_spend": AMOUNTS, "new_customers": st.one_of(st.integers(0, 10**6), st.just("")),
    "arpa_monthly": AMOUNTS, "monthly_churn_pct": PERCENTS, "churn_reduction_pct": PERCENTS,
    "horizon_months": st.one_of(st.integers(1, 600), st.just("")),
}))
def test_any_valid_inputs_give_finite_values_or_notes(roi, inputs):
    result = run(roi, inputs)
    assert result.ok, result.errors
    for outcome in result.outcomes.values():
        assert (outcome.value is not None and math.isfinite(outcome.value)) or (outcome.value is None and outcome.note)
    json.dumps(as_json(roi, result), allow_nan=False)


def cli_raw(capsys, *argv):
    code = main(list(argv))
    return code, json.loads(capsys.readouterr().out)


def test_cli_prints_unrounded_outputs_and_french_display(capsys, settings_file):
    code, data = cli_raw(capsys, "roi", "--settings", settings_file, "--json",
                         '{"marketing_spend": "12 500,50 €", "attributed_revenue": 50000}')
    assert code == 0
    assert data["romi"] == pytest.approx((50000 - 12500.5) / 12500.5)
    assert data["display"]["romi"] == "300\u00a0%"


@pytest.mark.parametrize(
    ("payload", "errors"),
    [
        ('{"marketing_spend": "abc"}', {"marketing_spend": "Saisissez un montant en chiffres, par exemple 12\u202f500,50"}),
        ('{"marketing_spend": -1}', {"marketing_spend": "Saisissez une valeur entre 0\u00a0€ et 1\u202f000\u202f000\u202f000\u00a0€"}),
        ('[1, 2]', {"--json": "Donnez un objet JSON, par exemple {\"marketing_spend\": 10000}"}),
    ],
)
def test_cli_exits_2_with_errors_in_french(capsys, settings_file, payload, errors):
    code, data = cli_raw(capsys, "roi", "--settings", settings_file, "--json", payload)
    assert code == 2
    assert data == {"errors": errors}


def test_cli_rejects_unreadable_json(capsys, settings_file):
    code, data = cli_raw(capsys, "roi", "--settings", settings_file, "--json", "{marketing_spend: 1}")
    assert code == 2 and data["errors"]["--json"].startswith("JSON illisible")


def test_cli_lists_the_calculators(capsys, settings_file):
    assert main(["--list", "--settings", settings_file]) == 0
    out = capsys.readouterr().out
    assert "roi\u202f: ROI marketing" in out
