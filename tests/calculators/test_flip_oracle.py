# ruff: noqa: F405
"""An independent oracle for the flip points (« points de bascule ») of the internalisation calculator.

Written from the YAML (internalisation.yml: the fields, their bounds and the rule; seuils.yml: the figures) and from
the flip sentence contract, never from the calculator's code. It checks, over random, boundary and hand-picked
cases, in the three billing modes and both currencies:

- every sentence reads « <Libellé> <relation> <valeur> : « <titre> » » and its relation holds when the calculator is
  run at the stated value and one display step beside it (money 1, % 0,1, days 0,01, hours 0,1), with the value on
  that step, inside the field's bounds, and a titre other than the current recommendation;
- the calculator's recommendation equals the oracle's: the rule of regles, in exact fractions, the fees' ratio being
  judged as displayed (one decimal, rounded half up: 59,95 % counts as 60,0 %);
- completeness: for each input of the billing mode and each direction, when the rule changes its recommendation at
  a point of the display grid inside the field's bounds, the nearest such change is stated, with the right value
  and titre, once; and nothing is stated where the rule has no change;
- « à la journée », the days flips agree with the band outputs shown above them (days_at_band_low, days_at_band_high,
  break_even_days_per_week: their label, or their value rounded to the day's display step) wherever crossing the
  band changes the recommendation.

Every figure comes from the settings: an editor may change seuils.yml. Standard library, pytest and hypothesis
only: this file also runs inside Pyodide.
"""

from __future__ import annotations

import math
from fractions import Fraction

import pytest
from flip_oracle import *  # noqa: F403  (the shared oracle: flip_oracle.py)
from hypothesis import HealthCheck, example, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st


@pytest.fixture(scope="module")
def checker(settings) -> Checker:
    return Checker(settings)


def amounts(low, high, cents=100):
    return st.integers(int(low * cents), int(high * cents)).map(lambda n: Fraction(n, cents))


@st.composite
def realistic_cases(draw, settings):
    mode = draw(st.sampled_from(["jour", "heure", "forfait"]))
    currency = draw(st.sampled_from(["eur", "cad"]))
    values = dict(
        currency=currency,
        external_mode=mode,
        day_rate=draw(amounts(300, 3000, draw(st.sampled_from([1, 100])))),
        days_per_week=draw(st.integers(5, 500).map(lambda n: Fraction(n, 100))),
        weeks_per_year=draw(st.integers(30, 52)),
        hourly_rate=draw(amounts(40, 500, draw(st.sampled_from([1, 100])))),
        hours_per_week=draw(st.integers(1, 600).map(lambda n: Fraction(n, 10))),
        monthly_retainer=draw(amounts(1000, 40000, draw(st.sampled_from([1, 100])))),
        direction_share_pct=draw(st.integers(50, 1000).map(lambda n: Fraction(n, 10))),
        gross_salary=draw(amounts(40000, 250000, draw(st.sampled_from([1, 100])))),
        employer_charges_pct=draw(st.integers(0, 1000).map(lambda n: Fraction(n, 10))),
        coordination_hours_per_week=draw(st.integers(0, 800).map(lambda n: Fraction(n, 10))),
        annual_revenue=draw(st.integers(100_000, 20_000_000)),
        needs_fast_iteration=draw(st.booleans()),
    )
    return full_case(settings, **values)


FEE_INPUTS = {"jour": ("day_rate", "days_per_week"), "heure": ("hourly_rate", "hours_per_week"), "forfait": ("monthly_retainer", "direction_share_pct")}
TYPING = {"montant": Fraction(1, 100), "pourcentage": Fraction(1, 100)}


def typing_step(entry: dict) -> Fraction:
    if entry["type"] in TYPING:
        return TYPING[entry["type"]]
    return Fraction(1, 1000) if str(entry.get("unite", "")).startswith("jour") else Fraction(1, 100)


def clamp(rule: Rule, input_id: str, value: Fraction) -> Fraction:
    entry = rule.entries[input_id]
    return min(max(value, exact(entry["min"])), exact(entry["max"]))


def solve_ratio(rule: Rule, case: dict, input_id: str, target: Fraction) -> Fraction | None:
    """The value of ``input_id`` at which fees / loaded cost equals ``target`` exactly (None if there is none)."""
    if input_id in ("gross_salary", "employer_charges_pct"):
        fees = rule.fees(case)
        if not fees or target <= 0:
            return None
        if input_id == "gross_salary":
            return fees / (target * (1 + case["employer_charges_pct"] / 100))
        if case["gross_salary"] == 0:
            return None
        return 100 * (fees / (target * case["gross_salary"]) - 1)
    unit_fees = rule.fees(dict(case, **{input_id: Fraction(1)}))
    if not unit_fees:
        return None
    return target * rule.loaded(case) / unit_fees


@st.composite
def boundary_cases(draw, settings, rule):
    """A realistic case moved to a boundary: a band end (exactly, as displayed, a typing step either side), the
    coordination threshold, the revenue floor, a field's extreme, or an amount under 1."""
    case = draw(realistic_cases(settings))
    kind = draw(st.sampled_from(["ratio", "ratio", "ratio", "coordination", "revenue", "extreme", "edge_flip", "edge_flip", "tiny"]))
    offset = draw(st.integers(-2, 2))
    if kind == "ratio":
        percent = draw(st.sampled_from([rule.band_low, rule.band_high, Fraction(100)]))
        shown_edge = draw(st.booleans())
        target = (math.ceil(percent * 10) - Fraction(1, 2)) / 1000 if shown_edge else percent / 100
        input_id = draw(st.sampled_from(FEE_INPUTS[case["external_mode"]] + ("gross_salary", "employer_charges_pct")))
        solved = solve_ratio(rule, case, input_id, target)
        if solved is not None:
            grain = typing_step(rule.entries[input_id])
            case[input_id] = clamp(rule, input_id, round(solved / grain) * grain + offset * grain)
    elif kind == "coordination":
        grain = draw(st.sampled_from([Fraction(1, 10), Fraction(1, 100)]))
        case["coordination_hours_per_week"] = clamp(rule, "coordination_hours_per_week", rule.coordination + offset * grain)
    elif kind == "revenue":
        grain = draw(st.sampled_from([Fraction(1), Fraction(1, 100)]))
        floor = rule.floor_in(case["currency"])
        case["annual_revenue"] = clamp(rule, "annual_revenue", Fraction(round(floor * 100), 100) + offset * grain)
        case["needs_fast_iteration"] = draw(st.booleans())
    elif kind == "edge_flip":  # a band end crossed right at a field's bound: just inside, on it or just beyond
        ratio_inputs = FEE_INPUTS[case["external_mode"]] + ("gross_salary", "employer_charges_pct")
        moved = draw(st.sampled_from(ratio_inputs))
        solved_for = draw(st.sampled_from([i for i in ratio_inputs if i not in (moved, "employer_charges_pct")]))
        entry = rule.entries[moved]
        end = exact(entry["min"]) if draw(st.booleans()) else exact(entry["max"])
        percent = draw(st.sampled_from([rule.band_low, rule.band_high]))
        target = (math.ceil(percent * 10) - Fraction(1, 2)) / 1000
        solved = solve_ratio(rule, dict(case, **{moved: end + offset * display_step(entry) / 2}), solved_for, target)
        if solved is not None and solved > 0:
            grain = typing_step(rule.entries[solved_for])
            case[solved_for] = clamp(rule, solved_for, max(grain, round(solved / grain) * grain))
    elif kind == "extreme":
        input_id = draw(st.sampled_from(sorted(set(FLIP_INPUTS + ("weeks_per_year",)))))
        entry = rule.entries[input_id]
        end = exact(entry["min"]) if draw(st.booleans()) else exact(entry["max"])
        case[input_id] = clamp(rule, input_id, end + abs(offset) * typing_step(entry) * (1 if end == exact(entry["min"]) else -1))
    else:
        input_id = draw(st.sampled_from(["day_rate", "hourly_rate", "monthly_retainer", "gross_salary"]))
        case[input_id] = Fraction(draw(st.integers(1, 99)), 100)
        if draw(st.booleans()):
            other = draw(st.sampled_from(["day_rate", "hourly_rate", "monthly_retainer", "gross_salary"]))
            case[other] = Fraction(draw(st.integers(1, 500)), 100)
    return case


SLOW = [HealthCheck.too_slow, HealthCheck.data_too_large]
FIRST_BUG = dict(suppress_health_check=SLOW, report_multiple_bugs=False)


# ---------------------------------------------------------------------------------------------------------------
# The tests


def test_oracle_reads_the_figures(checker):
    """The oracle's figures are the settings' (a guard on the oracle itself, not on the calculator)."""
    rule = checker.rule
    assert rule.floor_in("eur") == rule.floor_in("cad") * rule.cad_to_eur or "CAD" not in rule.floor_unit
    assert 0 < rule.band_low <= rule.band_high
    assert set(rule.titles) == set(LEVELS)
    assert typed(Fraction(108727, 100)) == "1087,27" and parse_number("1\u202f088") == 1088


def hand_picked(settings) -> dict:
    """Named cases: the YAML's worked example, the issue's examples, exact thresholds, zero fees, tiny amounts."""
    example_inputs = settings[CALCULATOR]["calculateur"]["exemple"]["entrees"]
    rule = Rule(settings)
    eur_floor, cad_floor, hours = rule.floor_in("eur"), rule.floor_in("cad"), rule.coordination
    case = lambda **values: full_case(settings, **values)  # noqa: E731
    return {
        "worked-example": case(**example_inputs),
        "defaults": case(),
        "issue-day-rate-1087,27": case(day_rate="1087.27"),
        "day-rate-1087,26": case(day_rate="1087.26"),
        "issue-salary-107316": case(gross_salary="107316"),
        "salary-107317": case(gross_salary="107317"),
        "charges-0": case(employer_charges_pct="0"),
        "charges-100": case(employer_charges_pct="100"),
        "five-days": case(days_per_week="5", day_rate="2500"),
        "zero-days": case(days_per_week="0"),
        "issue-under-1-euro": case(day_rate="0.4", gross_salary="1"),
        "one-cent-a-day": case(day_rate="0.01"),
        "every-field-at-its-top": case(day_rate="100000", days_per_week="5", weeks_per_year="52", gross_salary="10000000", employer_charges_pct="100"),
        "revenue-at-floor": case(annual_revenue=eur_floor, day_rate="1500"),
        "revenue-a-cent-under-floor": case(annual_revenue=eur_floor - Fraction(1, 100), day_rate="1500"),
        "cad-revenue-at-floor": case(currency="cad", annual_revenue=cad_floor, day_rate="1500"),
        "cad-under-floor-two-signals": case(currency="cad", annual_revenue=cad_floor - 1, needs_fast_iteration=True, coordination_hours_per_week=hours),
        "coordination-at-threshold": case(coordination_hours_per_week=hours, day_rate="500"),
        "coordination-just-under": case(coordination_hours_per_week=hours - Fraction(1, 100), needs_fast_iteration=True, day_rate="500"),
        "hourly": case(external_mode="heure", hourly_rate="150", hours_per_week="10"),
        "hourly-at-the-top": case(external_mode="heure", hourly_rate="10000", hours_per_week="60", gross_salary="50000"),
        "hourly-zero-hours": case(external_mode="heure", hourly_rate="150", hours_per_week="0", coordination_hours_per_week="12"),
        "hourly-cents": case(external_mode="heure", hourly_rate="0.5", hours_per_week="0.1", gross_salary="0.5"),
        "retainer": case(external_mode="forfait", monthly_retainer="8000", direction_share_pct="100"),
        "retainer-part-share": case(external_mode="forfait", monthly_retainer="8000", direction_share_pct="55.5"),
        "retainer-zero-share": case(external_mode="forfait", monthly_retainer="8000", direction_share_pct="0"),
        "issue-share-over-100": case(external_mode="forfait", monthly_retainer="20000", direction_share_pct="100", gross_salary="60000"),
        "retainer-cents": case(external_mode="forfait", monthly_retainer="0.99", direction_share_pct="100", gross_salary="1"),
    }


HAND_PICKED = (
    "worked-example", "defaults", "issue-day-rate-1087,27", "day-rate-1087,26", "issue-salary-107316", "salary-107317",
    "charges-0", "charges-100", "five-days", "zero-days", "issue-under-1-euro", "one-cent-a-day", "every-field-at-its-top",
    "revenue-at-floor", "revenue-a-cent-under-floor", "cad-revenue-at-floor", "cad-under-floor-two-signals",
    "coordination-at-threshold", "coordination-just-under", "hourly", "hourly-at-the-top", "hourly-zero-hours", "hourly-cents",
    "retainer", "retainer-part-share", "retainer-zero-share", "issue-share-over-100", "retainer-cents",
)


@pytest.mark.parametrize("name", HAND_PICKED)
def test_hand_picked(checker, name):
    cases = hand_picked(checker.settings)
    assert set(cases) == set(HAND_PICKED)
    checker.check(cases[name])


@hypothesis_settings(max_examples=500, **FIRST_BUG)
@given(data=st.data())
def test_random_realistic_cases(checker, data):
    checker.check(data.draw(realistic_cases(checker.settings)))


@hypothesis_settings(max_examples=800, **FIRST_BUG)
@given(data=st.data())
@example(data=None)
def test_boundary_cases(checker, data):
    settings, rule = checker.settings, checker.rule
    if data is None:  # exactly on the displayed edge of the band's low end, in euros, by the day
        case = full_case(settings)
        case["day_rate"] = (math.ceil(rule.band_low * 10) - Fraction(1, 2)) / 1000 * rule.loaded(case) / (case["days_per_week"] * case["weeks_per_year"])
        case["day_rate"] = math.ceil(case["day_rate"] * 100) / Fraction(100)
    else:
        case = data.draw(boundary_cases(settings, rule))
    checker.check(case)


@hypothesis_settings(max_examples=150, **FIRST_BUG)
@given(data=st.data())
def test_other_figures_in_seuils(checker, with_threshold, data):
    """An editor changes seuils.yml: the flips follow the new figures (read here, never written in this file)."""
    settings = checker.settings
    low, high, hours, floor, rate = changeable_figures(settings)
    choice = data.draw(st.integers(0, 2))
    changed = [
        {"honoraires-part-basse": low - 5, "honoraires-part-haute": high + Fraction(5, 2), "heures-coordination": hours - 5},
        {"honoraires-part-basse": low + Fraction(1, 4), "chiffre-affaires-plancher": floor * 2, "taux-change-cad-eur": rate + Fraction(7, 100)},
        {"honoraires-part-haute": low + Fraction(1, 20), "heures-coordination": hours + Fraction(1, 2)},
    ][choice]
    other = checker_with(settings, with_threshold, changed, _CHANGED, choice)
    strategy = boundary_cases(other.settings, other.rule) if data.draw(st.booleans()) else realistic_cases(other.settings)
    other.check(data.draw(strategy))


_CHANGED: dict = {}
