"""Where a recommendation flips, one input at a time, stated as the reader reads it.

A flip is stated on the grid of the value shown (1 € for money, 0,1 for a percentage or hours, 0,01 for days),
and only once it has been checked by running the decision at the stated value and one step beside it, on
the side the sentence names:

- « à partir de X »: at X the other recommendation, at X minus one step the current one;
- « au-delà de X »: at X still the current one, at X plus one step the other;
- « à X ou moins »: at X the other, at X plus one step the current one;
- « sous X »: at X still the current one, at X minus one step the other.

X is rounded toward the side that makes the sentence true of every value past it (« à partir de 1 088 € »
for a switch at 1 087,27 €), so a reader who types the stated value sees the stated recommendation.

A point outside the field's bounds is never stated: the input is then listed as having no flip within its
field. Standard library only (runs in Pyodide too).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from decimal import ROUND_FLOOR, Decimal

Decide = Callable[[dict], "str | None"]

UP_FORMS = ("à partir de", "au-delà de")
DOWN_FORMS = ("à … ou moins", "sous")


@dataclass(frozen=True)
class Flip:
    input_id: str
    relation: str  # one of UP_FORMS or DOWN_FORMS
    value: Decimal  # on the input's display grid
    becomes: str  # the other recommendation


@dataclass(frozen=True)
class Axis:
    """One input the flips are searched along: its display step and its field's bounds."""

    input_id: str
    step: Decimal
    low: Decimal
    high: Decimal


def on_grid(value: Decimal, step: Decimal) -> Decimal:
    """The grid value at or below ``value``."""
    return (value / step).to_integral_value(rounding=ROUND_FLOOR) * step


def _check(decide: Decide, values: dict, axis: Axis, at: Decimal, current: str, up: bool) -> Flip | None:
    """The sentence that holds at grid value ``at`` in this direction, if one does (checked both sides)."""
    def within(point: Decimal) -> bool:
        return axis.low <= point <= axis.high

    def decision(point: Decimal) -> str | None:
        return decide({**values, axis.input_id: point})

    if not within(at):
        return None
    here = decision(at)
    if up:
        before, after = at - axis.step, at + axis.step
        if here not in (None, current) and within(before) and decision(before) == current:
            return Flip(axis.input_id, "à partir de", at, here)
        if here == current and within(after):
            beyond = decision(after)
            if beyond not in (None, current):
                return Flip(axis.input_id, "au-delà de", at, beyond)
    else:
        before, after = at + axis.step, at - axis.step
        if here not in (None, current) and within(before) and decision(before) == current:
            return Flip(axis.input_id, "à … ou moins", at, here)
        if here == current and within(after):
            below = decision(after)
            if below not in (None, current):
                return Flip(axis.input_id, "sous", at, below)
    return None


def nearest_flip(decide: Decide, values: dict, axis: Axis, points: Iterable[Decimal], current: str,
                 up: bool) -> tuple[Flip | None, bool]:
    """The flip nearest to the current value in one direction, from the exact points where the decision may
    change; and whether a point lay beyond the field's bounds (a flip the field cannot reach)."""
    now = values[axis.input_id]
    # A point at the current value counts both ways: a value on a threshold flips one step beside it.
    ahead = sorted((p for p in points if (p >= now if up else p <= now)), reverse=not up)
    beyond = False
    for point in ahead:
        # First the grid value that makes the sentence true for every value past it: « à partir de 1 088 € »
        # for a switch at 1 087,27 €, « à 91 973 € ou moins » for one at 91 973,40 €; a point on the grid
        # itself, « à partir de 40 h », or « sous 630 000 € » where the rule is strict. Then the neighbours,
        # where the ratio's rounding moves the switch by a step.
        floor = on_grid(point, axis.step)
        ceiling = floor if floor == point else floor + axis.step
        grid = ([ceiling + axis.step * k for k in (0, 1, -1, 2)] if up
                else [floor - axis.step * k for k in (0, 1, -1, 2)])
        for at in grid:
            if (at < now if up else at > now):
                continue
            flip = _check(decide, values, axis, at, current, up)
            if flip is not None:
                return flip, False
        past = point + axis.step if up else point - axis.step
        if not axis.low <= point <= axis.high and decide({**values, axis.input_id: past}) not in (None, current):
            beyond = True  # the decision does change there, but no reader can type it in this field
    return None, beyond


def flips_along(decide: Decide, values: dict, axes: Iterable[tuple[Axis, list[Decimal]]],
                current: str) -> tuple[list[Flip], list[str]]:
    """Every stated flip (up, then down, input by input) and the inputs whose flip lies beyond their field."""
    found: list[Flip] = []
    beyond: list[str] = []
    for axis, points in axes:
        if values.get(axis.input_id) is None:
            continue
        for up in (True, False):
            flip, outside = nearest_flip(decide, values, axis, points, current, up)
            if flip is not None:
                found.append(flip)
            elif outside and axis.input_id not in beyond:
                beyond.append(axis.input_id)
    return found, beyond
