"""French number display rounds once, half up, from the value itself, even where a long number loses
decimals to the 15 digits shown (no figure rounded twice). Runs on CPython and inside Pyodide."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

from hypothesis import given
from hypothesis import strategies as st

from common.numbers import SIGNIFICANT_DIGITS, format_number


def half_up(value: Fraction, decimals: int) -> Fraction:
    scale = Fraction(10) ** decimals
    magnitude = (abs(value) * scale + Fraction(1, 2)).__floor__()
    return (magnitude if value >= 0 else -magnitude) / scale


def read(text: str) -> Fraction:
    return Fraction(text.replace("\u202f", "").replace(",", "."))


@given(whole=st.integers(0, 10**16), tail=st.integers(0, 9999), decimals=st.integers(0, 3))
def test_a_number_is_rounded_once_from_its_value(whole, tail, decimals):
    value = Fraction(whole) + Fraction(tail, 10_000)
    text = format_number(Decimal(whole) + Decimal(tail) / 10_000, decimals)
    digits = len(str(whole)) if whole else 1
    kept = max(0, min(decimals, SIGNIFICANT_DIGITS - digits))
    if digits <= SIGNIFICANT_DIGITS:
        assert read(text) == half_up(value, kept)
    else:  # beyond 15 digits, the units themselves are rounded, once
        step = Fraction(10) ** (digits - SIGNIFICANT_DIGITS)
        assert read(text) == half_up(value / step, 0) * step


def test_a_tie_hidden_behind_a_second_decimal_is_not_rounded_twice():
    # 14 whole digits leave one decimal: ,449 is ,4 (rounded twice it would become ,45 then ,5).
    assert format_number(Decimal("12345678901234.449"), 2) == "12\u202f345\u202f678\u202f901\u202f234,4"
