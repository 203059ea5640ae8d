# ruff: noqa: F405
"""Held-out cases for the flip points (« points de bascule ») of the internalisation calculator.

The same independent oracle and the same checks as test_flip_oracle.py (flip_oracle.py), over other cases: founders' situations (a Montréal SME in $ CAD, a French scale-up, a tiny startup) and
their variants, cases whose own value sits right next to one of its flip points, wide random cases, and other
figures in seuils.yml. Fixed seeds: the verdict does not change from one run to the next.
"""

from __future__ import annotations

import math
from fractions import Fraction

import pytest
from flip_oracle import *  # noqa: F403  (the shared oracle: flip_oracle.py)
from hypothesis import HealthCheck, given, seed
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st


@pytest.fixture(scope="module")
def checker(settings) -> Checker:
    return Checker(settings)



# ---------------------------------------------------------------------------------------------------------------
# Held-out strategies

FIRST_BUG = dict(suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large], report_multiple_bugs=False)



def decimals(low, high, places):
    scale = 10**places
    return st.integers(int(low * scale), int(high * scale)).map(lambda n: Fraction(n, scale))


def spread(low, high):
    """Amounts spread over orders of magnitude (with cents): 10**k × a mantissa."""
    return st.tuples(st.integers(low, high), st.integers(100, 999), st.integers(0, 99)).map(
        lambda t: Fraction(t[1], 100) * 10 ** t[0] + Fraction(t[2], 100)
    )


@st.composite
def founder_cases(draw, settings):
    charges = [figure(settings, "charges-patronales-france")[0], figure(settings, "charges-patronales-quebec")[0]]
    values = dict(
        currency=draw(st.sampled_from(["cad", "eur"])),
        external_mode=draw(st.sampled_from(["forfait", "heure", "jour"])),
        day_rate=draw(decimals(150, 5000, 3)),
        days_per_week=draw(decimals(0, 5, 3)),
        weeks_per_year=draw(decimals(1, 52, 1)),
        hourly_rate=draw(decimals(25, 900, 2)),
        hours_per_week=draw(decimals(0, 60, 2)),
        monthly_retainer=draw(spread(2, 4)),
        direction_share_pct=draw(decimals(0, 100, 1)),
        gross_salary=draw(spread(3, 5)),
        employer_charges_pct=draw(st.sampled_from(charges) | decimals(0, 100, 2)),
        coordination_hours_per_week=draw(decimals(0, 168, 2)),
        annual_revenue=draw(spread(4, 9)),
        needs_fast_iteration=draw(st.booleans()),
    )
    return full_case(settings, **values)


RATIO_INPUTS = {"jour": ("day_rate", "days_per_week"), "heure": ("hourly_rate", "hours_per_week"), "forfait": ("monthly_retainer", "direction_share_pct")}


@st.composite
def next_to_a_flip(draw, settings, rule, base):
    """A case whose own value of one input sits on, or a hair from, one of its flip points."""
    case = draw(base)
    shown = [i for i in FLIP_INPUTS if visible(rule.entries[i], case)]
    input_id = draw(st.sampled_from(shown))
    if not rule.defined(case):
        return case
    flip = rule.nearest_flip(case, input_id, draw(st.sampled_from(["up", "down"])))
    if flip is None:
        return case
    step = display_step(rule.entries[input_id])
    point = draw(st.sampled_from([flip.titre_point, flip.current_point]))
    nudge = draw(st.sampled_from([0, 0, step / 2, -step / 2, Fraction(1, 100), -Fraction(1, 100), step / 10, -step / 10]))
    entry = rule.entries[input_id]
    case[input_id] = min(max(point + nudge, exact(entry["min"])), exact(entry["max"]))
    return case


def founders(settings):
    rule = Rule(settings)
    quebec = figure(settings, "charges-patronales-quebec")[0]
    france = figure(settings, "charges-patronales-france")[0]
    cases = {
        # A Montréal SME billed by the day, in Canadian dollars.
        "montreal-sme": full_case(settings, currency="cad", external_mode="jour", day_rate="1200", days_per_week="1.5", weeks_per_year="48",
                                  gross_salary="125000", employer_charges_pct=quebec, coordination_hours_per_week="30", annual_revenue="3500000"),
        "montreal-sme-small": full_case(settings, currency="cad", external_mode="jour", day_rate="1350", days_per_week="2.5", weeks_per_year="44",
                                        gross_salary="110000", employer_charges_pct=quebec, coordination_hours_per_week="42", annual_revenue="850000"),
        "montreal-sme-at-floor": full_case(settings, currency="cad", external_mode="heure", hourly_rate="175", hours_per_week="22", weeks_per_year="46",
                                           gross_salary="105000", employer_charges_pct=quebec, annual_revenue=rule.floor_in("cad"), needs_fast_iteration=True),
        # A French scale-up on a monthly retainer.
        "paris-scale-up": full_case(settings, currency="eur", external_mode="forfait", monthly_retainer="15000", direction_share_pct="60",
                                    gross_salary="130000", employer_charges_pct="45", coordination_hours_per_week="45", annual_revenue="25000000", needs_fast_iteration=True),
        "lyon-scale-up": full_case(settings, currency="eur", external_mode="forfait", monthly_retainer="9500", direction_share_pct="85",
                                   gross_salary="115000", employer_charges_pct=france, coordination_hours_per_week="25", annual_revenue="12000000"),
        "scale-up-full-share": full_case(settings, currency="eur", external_mode="forfait", monthly_retainer="11000", direction_share_pct="100",
                                         gross_salary="150000", employer_charges_pct="42.5", coordination_hours_per_week="39.95", annual_revenue="40000000"),
        # A tiny startup paying by the hour.
        "tiny-startup": full_case(settings, currency="eur", external_mode="heure", hourly_rate="120", hours_per_week="6", weeks_per_year="40",
                                  gross_salary="70000", employer_charges_pct=france, coordination_hours_per_week="10", annual_revenue="300000"),
        "tiny-startup-cents": full_case(settings, currency="eur", external_mode="heure", hourly_rate="0.75", hours_per_week="0.5", weeks_per_year="52",
                                        gross_salary="0.99", employer_charges_pct="0", coordination_hours_per_week="0", annual_revenue="0"),
        "tiny-startup-by-day": full_case(settings, currency="eur", external_mode="jour", day_rate="650", days_per_week="0.5", weeks_per_year="40",
                                         gross_salary="60000", employer_charges_pct=france, coordination_hours_per_week="8", annual_revenue="150000", needs_fast_iteration=True),
        "solo-founder-zero-fees": full_case(settings, currency="cad", external_mode="forfait", monthly_retainer="4000", direction_share_pct="0",
                                            gross_salary="90000", employer_charges_pct=quebec, coordination_hours_per_week="40", annual_revenue="500000"),
        "big-spender": full_case(settings, currency="eur", external_mode="jour", day_rate="100000", days_per_week="5", weeks_per_year="52",
                                 gross_salary="10000000", employer_charges_pct="100", coordination_hours_per_week="168", annual_revenue="1000000000000"),
    }
    return cases


FOUNDERS = (
    "montreal-sme", "montreal-sme-small", "montreal-sme-at-floor", "paris-scale-up", "lyon-scale-up", "scale-up-full-share",
    "tiny-startup", "tiny-startup-cents", "tiny-startup-by-day", "solo-founder-zero-fees", "big-spender",
)


def clamp(rule: Rule, input_id: str, value: Fraction) -> Fraction:
    entry = rule.entries[input_id]
    return min(max(value, exact(entry["min"])), exact(entry["max"]))


def solve_ratio(rule: Rule, case: dict, input_id: str, target: Fraction) -> Fraction | None:
    """The value of ``input_id`` at which fees / loaded cost equals ``target`` exactly (None if there is none)."""
    fees, loaded = rule.fees(case), rule.loaded(case)
    if input_id == "gross_salary":
        return fees / (target * (1 + case["employer_charges_pct"] / 100)) if fees and target > 0 else None
    if input_id == "employer_charges_pct":
        return 100 * (fees / (target * case["gross_salary"]) - 1) if fees and target > 0 and case["gross_salary"] else None
    unit_fees = rule.fees(dict(case, **{input_id: Fraction(1)}))
    return target * loaded / unit_fees if unit_fees else None


@st.composite
def edge_cases(draw, settings, rule):
    """A founder case pushed onto an edge: a band end (exact or as displayed, on several typing grains), the
    coordination threshold, the revenue floor, a field's bound, or a few cents."""
    case = draw(founder_cases(settings))
    what = draw(st.sampled_from(["band", "band", "shown-band", "shown-band", "hours", "floor", "bound", "cents"]))
    if what in ("band", "shown-band"):
        percent = draw(st.sampled_from([rule.band_low, rule.band_high]))
        target = percent / 100 if what == "band" else (math.ceil(percent * 10) - Fraction(1, 2)) / 1000
        input_id = draw(st.sampled_from(RATIO_INPUTS[case["external_mode"]] + ("gross_salary", "employer_charges_pct")))
        solved = solve_ratio(rule, case, input_id, target)
        if solved is not None:
            grain = draw(st.sampled_from([Fraction(1), Fraction(1, 100), Fraction(1, 1000)]))
            rounding = draw(st.sampled_from([math.floor, math.ceil]))
            case[input_id] = clamp(rule, input_id, rounding(solved / grain) * grain + draw(st.integers(-1, 1)) * grain)
    elif what == "hours":
        nudge = draw(st.sampled_from([0, Fraction(1, 20), -Fraction(1, 20), Fraction(1, 10), -Fraction(1, 10), Fraction(1, 1000), -Fraction(1, 1000)]))
        case["coordination_hours_per_week"] = clamp(rule, "coordination_hours_per_week", rule.coordination + nudge)
    elif what == "floor":
        nudge = draw(st.sampled_from([0, Fraction(1, 100), -Fraction(1, 100), Fraction(1, 2), -Fraction(1, 2), 1, -1]))
        case["annual_revenue"] = clamp(rule, "annual_revenue", rule.floor_in(case["currency"]) + nudge)
        case["needs_fast_iteration"] = True
    elif what == "bound":
        input_id = draw(st.sampled_from(sorted(FLIP_INPUTS + ("weeks_per_year",))))
        entry = rule.entries[input_id]
        low, high = exact(entry["min"]), exact(entry["max"])
        case[input_id] = draw(st.sampled_from([low, high, low + Fraction(1, 100), high - Fraction(1, 100)]))
    else:
        input_id = draw(st.sampled_from(["day_rate", "hourly_rate", "monthly_retainer", "gross_salary", "annual_revenue"]))
        case[input_id] = Fraction(draw(st.integers(0, 250)), 100)
    return case


@pytest.mark.parametrize("name", FOUNDERS)
def test_founders(checker, name):
    checker.check(founders(checker.settings)[name])


@pytest.mark.parametrize("name", FOUNDERS)
def test_founders_at_their_flip_points(checker, name):
    """Each founder moved, one input at a time, onto each flip point the oracle finds, and one step past it."""
    case, rule = founders(checker.settings)[name], checker.rule
    if not rule.defined(case):
        return
    for input_id in FLIP_INPUTS:
        if not visible(rule.entries[input_id], case):
            continue
        for direction in ("up", "down"):
            flip = rule.nearest_flip(case, input_id, direction)
            if flip is None:
                continue
            for point in (flip.titre_point, flip.current_point):
                checker.check(dict(case, **{input_id: point}))


@seed(20261205)
@hypothesis_settings(max_examples=500, **FIRST_BUG)
@given(data=st.data())
def test_wide_founder_cases(checker, data):
    checker.check(data.draw(founder_cases(checker.settings)))


@seed(7316)
@hypothesis_settings(max_examples=600, **FIRST_BUG)
@given(data=st.data())
def test_cases_next_to_a_flip(checker, data):
    settings, rule = checker.settings, checker.rule
    base = founder_cases(settings) if data.draw(st.booleans()) else edge_cases(settings, rule)
    checker.check(data.draw(next_to_a_flip(settings, rule, base)))


_OTHER: dict = {}


@seed(1088)
@hypothesis_settings(max_examples=200, **FIRST_BUG)
@given(data=st.data())
def test_other_figures_held_out(checker, with_threshold, data):
    settings = checker.settings
    low, high, hours, floor, rate = changeable_figures(settings)
    choice = data.draw(st.integers(0, 2))
    changed = [
        {"honoraires-part-basse": low + 5, "honoraires-part-haute": high + 5, "chiffre-affaires-plancher": floor / 2},
        {"honoraires-part-basse": low - Fraction(101, 10), "heures-coordination": hours - Fraction(25, 2), "taux-change-cad-eur": rate - Fraction(3, 100)},
        {"honoraires-part-haute": high + 25, "heures-coordination": hours + 2, "chiffre-affaires-plancher": floor * 3},
    ][choice]
    other = checker_with(settings, with_threshold, changed, _OTHER, choice)
    base = founder_cases(other.settings) if data.draw(st.booleans()) else edge_cases(other.settings, other.rule)
    other.check(data.draw(next_to_a_flip(other.settings, other.rule, base) if data.draw(st.booleans()) else base))
