"""The calculators against an independent exact implementation (fractions), on random inputs typed the
French way and on inputs set exactly on each threshold: every figure shown is the exact value rounded half
up, and every label agrees with the figure shown beside it. Runs on CPython and inside Pyodide."""

from __future__ import annotations

from fractions import Fraction

from hypothesis import example, given
from hypothesis import strategies as st

from calculators.contract import run, threshold


def exact(text: str) -> Fraction:
    """A number typed the French way (« 12 500,37 ») as an exact fraction: our own reading, not the calculator's."""
    return Fraction(text.replace("\u202f", "").replace(" ", "").replace(",", "."))


def half_up(value: Fraction, decimals: int) -> Fraction:
    scale = Fraction(10) ** decimals
    magnitude = (abs(value) * scale + Fraction(1, 2)).__floor__()
    return Fraction(magnitude if value >= 0 else -magnitude) / scale


def french(value: Fraction, decimals: int) -> str:
    """Half-up rounding, thousands grouped with U+202F, decimal comma, no trailing zeros, a minus sign U+2212."""
    rounded = half_up(value, decimals)
    sign = "\u2212" if rounded < 0 else ""  # the minus sign (U+2212), as the calculators write it
    scaled = abs(rounded) * 10 ** decimals
    whole, fraction = divmod(int(scaled), 10 ** decimals)
    digits = f"{whole:,}".replace(",", "\u202f")
    tail = f"{fraction:0{decimals}d}".rstrip("0") if decimals else ""
    return f"{sign}{digits},{tail}" if tail else f"{sign}{digits}"


def money(value: Fraction) -> str:
    """Money: cents kept when there are any (« 0,10 € »), none for a whole amount (« 92 000 € »)."""
    cents = half_up(value, 2)
    text = french(cents, 2)
    if cents.denominator != 1 and "," in text and len(text.split(",")[1]) == 1:
        text += "0"
    return text + "\u00a0€"


def amount(low: int = 0, high: int = 10**9):
    """A euro amount with cents, typed as a reader would (« 12 500,37 »)."""
    return st.integers(low * 100, high * 100).map(
        lambda cents: f"{cents // 100:,}".replace(",", " ") + f",{cents % 100:02d}")


def percent():
    return st.integers(0, 10000).map(lambda hundredths: f"{hundredths // 100},{hundredths % 100:02d}")


def fig(settings, threshold_id: str) -> Fraction:
    return Fraction(str(threshold(settings, threshold_id)))


# --- ROI ----------------------------------------------------------------------------------------

@given(spend=amount(1), revenue=amount(), margin=percent())
@example(spend="5 000,01", revenue="15 000,03", margin="40,00")  # an exact 3:1 typed with cents
@example(spend="10 000,00", revenue="8 000,00", margin="0,00")
def test_romi_and_roas_shown_are_the_exact_values_rounded(roi, settings, spend, revenue, margin):
    result = run(roi, {"marketing_spend": spend, "attributed_revenue": revenue, "ad_spend": spend,
                       "ad_revenue": revenue, "gross_margin_pct": margin})
    assert result.ok
    cost, income, rate = exact(spend), exact(revenue), exact(margin) / 100
    romi = (income - cost) / cost
    assert result.outcomes["romi"].value is not None
    shown_romi = french(romi * 100, 1) + "\u00a0%"
    from calculators.contract import as_json
    data = as_json(roi, result)
    assert data["display"]["romi"] == shown_romi
    roas = income / cost
    assert data["display"]["roas"] == french(roas, 2) + ":1"
    # The label agrees with the figure shown: decided on the shown value.
    shown_roas = half_up(roas, 2)
    low, high = fig(settings, "roas-cible-min"), fig(settings, "roas-cible-max")
    status = data["statuses"]["roas"]["status"]
    if rate == 0 or shown_roas < half_up(1 / rate, 2):
        assert status == "perte"
    elif shown_roas < low:
        assert status == "a-surveiller"
    else:
        assert status == "sain"
        text = data["statuses"]["roas"]["text"]
        assert ("Dans la cible" in text) == (shown_roas <= high)


@given(arpa=amount(1, 100000), margin=st.integers(1, 100), churn=st.integers(1, 10000), horizon=st.integers(1, 600),
       spend=amount(1, 10**7), customers=st.integers(1, 10**5))
@example(arpa="1 000,00", margin=80, churn=1, horizon=12, spend="0,01", customers=1)  # a tiny churn: at most m x N
def test_ltv_over_a_horizon_is_exact_and_never_above_margin_times_months(roi, settings, arpa, margin, churn, horizon,
                                                                         spend, customers):
    churn_text = f"{churn // 100},{churn % 100:02d}"
    result = run(roi, {"arpa_monthly": arpa, "gross_margin_pct": str(margin), "monthly_churn_pct": churn_text,
                       "horizon_months": str(horizon), "marketing_spend": spend, "sales_spend": "0",
                       "new_customers": str(customers)})
    assert result.ok
    monthly_margin = exact(arpa) * Fraction(margin, 100)
    rate = exact(churn_text) / 100
    expected = monthly_margin * (1 - (1 - rate) ** horizon) / rate
    value = Fraction(result.outcomes["ltv"].value)
    assert value <= monthly_margin * horizon
    assert abs(value - expected) <= Fraction(1, 10**12) * max(1, expected)
    cac = exact(spend) / customers
    ratio = half_up(expected / cac, 2)
    status = result.outcomes["ltv_to_cac"].status
    assert status == ("sain" if ratio > fig(settings, "ltv-cac-minimum") else "a-surveiller")


def test_an_ltv_to_cac_of_exactly_three_is_not_above_three(roi):
    result = run(roi, {"arpa_monthly": "100", "gross_margin_pct": "50", "monthly_churn_pct": "5",
                       "horizon_months": "", "marketing_spend": "1 000", "sales_spend": "0", "new_customers": "3"})
    outcome = result.outcomes["ltv_to_cac"]  # LTV 1 000 €, CAC 333,33 €: exactly 3
    assert outcome.value == 3 and outcome.status == "a-surveiller"


# --- Internalisation ------------------------------------------------------------------------------

@given(rate=amount(1, 5000), days=st.integers(1, 50), weeks=st.integers(1, 52), salary=amount(1000, 500000),
       charges=st.integers(0, 100))
def test_costs_ratio_and_recommendation_follow_the_exact_ratio(internalisation, settings, rate, days, weeks, salary,
                                                               charges):
    days_text = f"{days // 10},{days % 10}"
    result = run(internalisation, {"day_rate": rate, "days_per_week": days_text, "weeks_per_year": str(weeks),
                                   "gross_salary": salary, "employer_charges_pct": str(charges),
                                   "coordination_hours_per_week": "0", "annual_revenue": "10 000 000",
                                   "needs_fast_iteration": "non"})
    assert result.ok
    fees = exact(rate) * exact(days_text) * weeks
    loaded = exact(salary) * (1 + Fraction(charges, 100))
    from calculators.contract import as_json
    data = as_json(internalisation, result)
    assert data["display"]["external_annual_cost"] == money(fees)
    assert data["display"]["internal_loaded_cost"] == money(loaded)
    shown = half_up(fees / loaded * 100, 1)
    assert data["display"]["cost_ratio"] == french(fees / loaded * 100, 1) + "\u00a0%"
    low, high = fig(settings, "honoraires-part-basse"), fig(settings, "honoraires-part-haute")
    expected_status = "externe" if shown < low else "a-surveiller" if shown <= high else "interne"
    assert result.outcomes["cost_ratio"].status == expected_status
    expected = "internaliser" if shown >= high else "hybride" if shown >= low else "externaliser"
    assert result.outcomes["recommendation"].value == expected


def test_a_ratio_of_exactly_seventy_percent_reaches_the_top_of_the_band(internalisation):
    result = run(internalisation, {"day_rate": "1 001", "days_per_week": "2", "weeks_per_year": "50",
                                   "gross_salary": "100 000", "employer_charges_pct": "43",
                                   "coordination_hours_per_week": "0", "annual_revenue": "10 000 000"})
    assert result.outcomes["cost_ratio"].value == Fraction(7, 10)
    assert result.outcomes["cost_ratio"].status == "a-surveiller"
    assert result.outcomes["recommendation"].value == "internaliser"


def test_money_ties_round_half_up(internalisation):
    """55 539,525 € is shown 55 539,53 €, whatever binary floating point would make of it."""
    result = run(internalisation, {"day_rate": "1 110,7905", "days_per_week": "1", "weeks_per_year": "50"})
    from calculators.contract import as_json
    assert as_json(internalisation, result)["display"]["external_annual_cost"] == "55\u202f539,53\u00a0€"
