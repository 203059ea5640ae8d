"""French number input and output."""

from __future__ import annotations

import math
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from common.numbers import (
    NARROW_NBSP,
    NBSP,
    NumberError,
    format_money,
    format_number,
    format_percent,
    parse_number,
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("12 500,50 €", 12500.5),
        ("12\u00a0500,50\u00a0€", 12500.5),
        ("12\u202f500,50", 12500.5),
        ("12500.5", 12500.5),
        ("12500,5", 12500.5),
        ("12.500,50", 12500.5),
        ("12,500.50", 12500.5),
        ("1.234.567", 1234567.0),
        ("15 %", 15.0),
        ("15%", 15.0),
        ("-3,5", -3.5),
        ("\u22122", -2.0),
        ("+7", 7.0),
        ("  42  ", 42.0),
        ("1 000 000 $", 1000000.0),
        ("0", 0.0),
        ("0,05", 0.05),
        ("12'500", 12500.0),
        ("12’500", 12500.0),  # the typographic apostrophe a word processor puts for the straight one
        ("1’234’567,89 €", 1234567.89),
    ],
)
def test_parses_what_people_type(text, expected):
    assert parse_number(text) == Decimal(repr(expected))  # exactly what was typed, no binary rounding


@pytest.mark.parametrize("text", ["", "   ", "€", "abc", "1e5", "nan", "inf", "-inf", "1,2,3", "12,5.3", "1 2 3,4,5",
                                  "--1", "1-", "0x10", "1_000", "½", "9" * 400])
def test_refuses_anything_else(text):
    with pytest.raises(NumberError):
        parse_number(text)


def test_formats_money_in_french():
    assert format_money(1234.56) == f"1{NARROW_NBSP}234,56{NBSP}€"
    assert format_money(92000) == f"92{NARROW_NBSP}000{NBSP}€"
    assert format_money(-1234.5) == f"\u22121{NARROW_NBSP}234,50{NBSP}€"
    assert format_money(1234567.891, "$") == f"1{NARROW_NBSP}234{NARROW_NBSP}567,89{NBSP}$"


def test_formats_percentages_and_numbers():
    assert format_percent(4.0) == f"400{NBSP}%"
    assert format_percent(-0.2) == f"\u221220{NBSP}%"
    assert format_percent(0.6434) == f"64,3{NBSP}%"
    assert format_number(2.675) == "2,68"  # half away from zero, where round() gives 2.67
    assert format_number(-0.001) == "0"  # never "-0"
    assert format_number(3.109, 3) == "3,109"


def test_formatting_refuses_non_finite_values():
    for value in (math.nan, math.inf, -math.inf):
        with pytest.raises(ValueError):
            format_number(value)


@given(st.text(max_size=60))
def test_any_text_parses_to_a_finite_number_or_a_french_reason(text):
    try:
        value = parse_number(text)
    except NumberError as error:
        assert error.reason
    else:
        assert math.isfinite(value)


GROUPINGS = (" ", NBSP, NARROW_NBSP, "'", "\u2019")


@given(st.integers(min_value=0, max_value=10**15), st.sampled_from(["", ",5", ",05", ",50", ".25"]),
       st.lists(st.sampled_from(GROUPINGS), min_size=5, max_size=5), st.sampled_from(["", "-"]))
def test_thousands_typed_with_either_apostrophe_read_as_with_spaces(whole, fraction, separators, sign):
    """« 12'500 » and « 12’500 » are « 12 500 »: whichever separator groups each three digits, the same Decimal."""
    digits = str(whole)
    groups = [digits[max(0, end - 3):end] for end in range(len(digits), 0, -3)][::-1]
    typed = groups[0] + "".join(separator + group for separator, group in zip(separators, groups[1:], strict=False))
    expected = Decimal(sign + digits + fraction.replace(",", "."))
    assert parse_number(sign + typed + fraction) == expected
    assert parse_number(sign + typed.replace("\u2019", "'") + fraction) == parse_number(sign + " ".join(groups) + fraction)


@pytest.mark.parametrize("text", ["12'50", "12\u2019\u2019500", "1'2345", "'12", "1\u2019234,5\u20196"])
def test_apostrophes_group_by_three_like_spaces(text):
    with pytest.raises(NumberError):
        parse_number(text)


@given(st.floats(min_value=-1e12, max_value=1e12, allow_nan=False))
def test_formatted_amounts_read_back_within_half_a_cent(value):
    assert abs(parse_number(format_number(value, 2, keep_zeros=True)) - Decimal(repr(value))) <= Decimal("0.005")


@given(st.floats(allow_nan=False, allow_infinity=False))
def test_any_finite_number_can_be_displayed(value):
    assert format_number(value)
    assert format_money(value)
    assert format_percent(value)
