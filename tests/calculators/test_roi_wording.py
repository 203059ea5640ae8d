"""What the ROI calculator says around its figures agrees with them: a loss-making ROAS is never said to be
« dans la cible » when it is above it, a churn that is not zero is never shown as 0 %, a missing input is
named only when it is missing, the retention effect says which horizon it is computed on. Figures are read
from the settings (seuils.yml), never written here. Runs on CPython and inside Pyodide."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

from hypothesis import given
from hypothesis import strategies as st

from calculators.contract import run, threshold
from common.numbers import format_number


@given(spend=st.integers(1, 100_000), roas_hundredths=st.integers(1, 2_000), margin=st.integers(1, 100))
def test_a_roas_status_names_the_side_of_the_target_the_figure_is_on(roi, settings, spend, roas_hundredths, margin):
    revenue = Fraction(spend * roas_hundredths, 100)
    result = run(roi, {"ad_spend": str(spend), "ad_revenue": format_number(Decimal(revenue.numerator) / revenue.denominator, 2),
                       "gross_margin_pct": str(margin)})
    outcome = result.outcomes["roas"]
    low, high = threshold(settings, "roas-cible-min"), threshold(settings, "roas-cible-max")
    shown = Decimal(outcome.label.split(":")[0].replace("\u202f", "").replace(",", "."))
    if "dans la cible" in outcome.status_text:
        assert low <= shown <= high
    if "au-dessus de la cible" in outcome.status_text:
        assert shown > high
    if "sous la cible" in outcome.status_text.lower():
        assert shown < low


@given(churn=st.decimals(min_value=Decimal("0.000001"), max_value=Decimal(100), places=6),
       reduction=st.integers(0, 99))
def test_a_churn_that_is_not_zero_is_never_shown_as_zero(roi, churn, reduction):
    result = run(roi, {"monthly_churn_pct": format_number(churn, 6), "churn_reduction_pct": str(reduction)})
    note = result.outcomes["ltv_after_churn_reduction"].note
    assert "ramené de 0\u00a0%" not in note and "ramené de 0 %" not in note
    if reduction:
        assert " à 0 %" not in note


def test_the_acquisition_cost_names_only_the_empty_field(roi, settings):
    labels = {entry["id"]: entry["libelle"] for entry in settings["roi"]["calculateur"]["entrees"]}
    for empty, filled in (("sales_spend", "new_customers"), ("new_customers", "sales_spend")):
        result = run(roi, {empty: ""})
        for output in ("cac", "ltv_to_cac", "payback_months"):
            note = result.outcomes[output].note
            assert result.outcomes[output].value is None
            assert labels[empty] in note and labels[filled] not in note, (output, note)


def test_the_retention_effect_says_on_which_horizon_it_is_computed(roi):
    with_horizon = run(roi, {"monthly_churn_pct": "5", "churn_reduction_pct": "10", "horizon_months": "36"})
    without = run(roi, {"monthly_churn_pct": "5", "churn_reduction_pct": "10", "horizon_months": ""})
    assert "36 mois" in with_horizon.outcomes["ltv_after_churn_reduction"].note
    # Without a horizon, the rise is x / (1 - x): the same figure the horizon note gives beside it.
    rise = format_number(Decimal(10) / Decimal(90) * 100, 1)
    assert f"de {rise}\u00a0%" in without.outcomes["ltv_after_churn_reduction"].note.replace(" %", "\u00a0%")
    assert f"de {rise}" in with_horizon.outcomes["ltv_after_churn_reduction"].note
