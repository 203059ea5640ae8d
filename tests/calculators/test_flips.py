"""Flip points on a made-up decision (calculators/flips.py): each stated value is on the display grid, true on
the side its sentence names when the decision runs at it and one step beside it, and inside the field; a flip
the field cannot reach is reported as such. Then the internalisation calculator's own properties that the
flips must share with the results above them. Runs on CPython and inside Pyodide."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from calculators.contract import run
from calculators.flips import Axis, flips_along, nearest_flip

STEP = Decimal("0.1")


def switch_at(point: Decimal, strict: bool, below: str = "bas", above: str = "haut"):
    """A decision that changes once, at ``point`` (above it when ``strict``)."""
    def decide(values: dict) -> str:
        x = values["x"]
        return above if (x > point if strict else x >= point) else below
    return decide


def holds(decide, flip, current: str) -> bool:
    """The sentence's own contract, checked at the stated value and one step beside it."""
    at = lambda value: decide({"x": value})  # noqa: E731
    x = flip.value
    return {
        "à partir de": at(x) == flip.becomes and at(x - STEP) == current,
        "au-delà de": at(x) == current and at(x + STEP) == flip.becomes,
        "à … ou moins": at(x) == flip.becomes and at(x + STEP) == current,
        "sous": at(x) == current and at(x - STEP) == flip.becomes,
    }[flip.relation]


points = st.integers(1, 10_000).map(lambda n: Decimal(n) / 100)  # on the grid or between two of its values


@given(point=points, strict=st.booleans(), start=st.integers(0, 1000).map(lambda n: Decimal(n) / 10))
def test_a_stated_flip_is_on_the_grid_and_true_on_both_sides(point, strict, start):
    axis = Axis("x", STEP, Decimal(0), Decimal(1000))
    decide = switch_at(point, strict)
    current = decide({"x": start})
    flip, beyond = nearest_flip(decide, {"x": start}, axis, [point], current, up=current == "bas")
    if flip is None:
        # Only when the start sits on the switch itself: nothing lies ahead of it.
        assert not beyond and point == start
        return
    assert flip.value % STEP == 0
    assert holds(decide, flip, current)
    assert axis.low <= flip.value <= axis.high


def test_the_value_stated_is_true_of_every_value_past_it():
    """A switch at 1 087,27 is stated « à partir de 1 087,3 » (every value from there has switched), not 1 087,2."""
    decide = switch_at(Decimal("1087.27"), strict=False)
    flip, _ = nearest_flip(decide, {"x": Decimal(900)}, Axis("x", STEP, Decimal(0), Decimal(5000)),
                           [Decimal("1087.27")], "bas", up=True)
    assert (flip.relation, flip.value) == ("à partir de", Decimal("1087.3"))
    flip, _ = nearest_flip(decide, {"x": Decimal(1200)}, Axis("x", STEP, Decimal(0), Decimal(5000)),
                           [Decimal("1087.27")], "haut", up=False)
    assert (flip.relation, flip.value) == ("à … ou moins", Decimal("1087.2"))


def test_a_strict_switch_on_the_grid_is_stated_with_its_own_words():
    decide = switch_at(Decimal(40), strict=True)  # « au-delà de 40 »: 40 itself has not switched
    flip, _ = nearest_flip(decide, {"x": Decimal(10)}, Axis("x", STEP, Decimal(0), Decimal(100)), [Decimal(40)],
                           "bas", up=True)
    assert (flip.relation, flip.value) == ("au-delà de", Decimal(40))
    decide = switch_at(Decimal(40), strict=False)  # « sous 40 »: from 45 down, 40 still holds, 39,9 does not
    flip, _ = nearest_flip(decide, {"x": Decimal(45)}, Axis("x", STEP, Decimal(0), Decimal(100)), [Decimal(40)],
                           "haut", up=False)
    assert (flip.relation, flip.value) == ("sous", Decimal(40))


def test_a_flip_beyond_the_field_is_never_stated_but_reported():
    decide = switch_at(Decimal("5.35"), strict=False)
    found, beyond = flips_along(decide, {"x": Decimal(2)}, [(Axis("x", STEP, Decimal(0), Decimal(5)), [Decimal("5.35")])],
                                "bas")
    assert found == [] and beyond == ["x"]


def test_a_point_where_nothing_changes_is_not_reported_as_beyond_the_field():
    decide = switch_at(Decimal(50), strict=False)  # the candidate point 7 changes nothing
    found, beyond = flips_along(decide, {"x": Decimal(2)}, [(Axis("x", STEP, Decimal(0), Decimal(5)), [Decimal(7)])],
                                "bas")
    assert found == [] and beyond == []


# --- The internalisation calculator ---------------------------------------------------------------

def _figure(text: str) -> Decimal:
    number = text.split("\u00a0")[0].replace("\u202f", "").replace(",", ".")
    return Decimal(number)


@given(rate=st.integers(200, 3000), days=st.integers(1, 50), salary=st.integers(30, 300).map(lambda k: k * 1000))
def test_the_days_at_the_band_s_ends_are_where_the_days_flips_say(internalisation, rate, days, salary):
    """When the recommendation changes at a band's end on « Jours par semaine », the flip states the day the
    band result above it shows: one point, one figure."""
    inputs = {"day_rate": str(rate), "days_per_week": f"{days // 10},{days % 10}", "gross_salary": str(salary),
              "coordination_hours_per_week": "0", "needs_fast_iteration": "non", "annual_revenue": "100 000 000"}
    result = run(internalisation, inputs)
    shown_ends = {_figure(result.outcomes[key].label) for key in ("days_at_band_low", "days_at_band_high")
                  if result.outcomes[key].label[:1].isdigit()}
    for sentence in result.outcomes["flips"].value:
        if sentence.startswith("Jours par semaine à partir de"):
            assert _figure(sentence.split("à partir de ")[1]) in shown_ends, sentence
        elif sentence.startswith("Jours par semaine à "):
            stated = _figure(sentence.split("Jours par semaine à ")[1])
            assert stated + Decimal("0.01") in shown_ends, sentence


@given(weeks=st.integers(1, 52))
def test_a_retainer_s_results_do_not_depend_on_the_hidden_weeks_field(internalisation, weeks):
    base = {"external_mode": "forfait", "monthly_retainer": "8 000"}
    assert (run(internalisation, {**base, "weeks_per_year": str(weeks)}).outcomes
            == run(internalisation, base).outcomes)


def test_amounts_in_canadian_dollars_are_not_said_to_be_converted(internalisation):
    inputs = {"currency": "cad", "day_rate": "1 000", "days_per_week": "3", "gross_salary": "100 000",
              "annual_revenue": "500 000"}
    result = run(internalisation, inputs)
    assert "revenue_guard" in result.outcomes["signals"].value
    texts = [outcome.note for outcome in result.outcomes.values()]
    assert not any("euro" in text for text in texts)
    in_euros = run(internalisation, {**inputs, "currency": "eur"})
    assert "euros" in in_euros.outcomes["signals"].note


def test_the_switching_ratio_is_the_first_one_shown_at_the_threshold():
    from calculators.internalisation import switch_ratio

    assert switch_ratio(Decimal(60)) == Decimal("0.5995")  # 59,95 % is shown 60,0 %
    assert switch_ratio(Decimal("60.25")) == Decimal("0.6025")  # shown 60,3 %, the first not below 60,25
    assert switch_ratio(Decimal("60.04")) == Decimal("0.6005")  # shown 60,1 %
