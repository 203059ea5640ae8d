"""French number input and output, standard library only (runs in CPython and Pyodide).

Parsing accepts what people type, exactly (a ``Decimal``, never a float): ``12 500,50 €``, ``12500.5``,
``12.500,50``, ``15 %``, ``1 234`` with ordinary, no-break (U+00A0) or narrow no-break (U+202F) spaces,
``12'500`` or ``12’500`` (the Swiss thousands separator, straight or typographic apostrophe: the same number).
It refuses what it cannot read unambiguously: another unit than the field's, non-ASCII digits, spaces
that do not group thousands (``100 50``), ``12.500`` (twelve thousand or twelve and a half?), ``1e5``,
``nan``, two commas...

Formatting follows fr-FR: ``1 234,56 €`` with U+202F between thousands and U+00A0
before ``€`` and ``%``. Rounding is for display only, half away from zero.
"""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal, localcontext

from common.typography import NARROW_NBSP, NBSP


class NumberError(ValueError):
    """The text is not a number; ``reason`` says why, in French (``unit`` when a foreign unit was typed)."""

    def __init__(self, reason: str, unit: str = ""):
        super().__init__(reason)
        self.reason = reason
        self.unit = unit


# Units a reader may type after (or, for currencies, before) a number; each field accepts only its own.
UNIT_WORDS = {
    "€": "€", "eur": "€", "euro": "€", "euros": "€",
    "$": "$", "$ca": "$ CA", "$cad": "$ CAD", "$ ca": "$ CA", "$ cad": "$ CAD", "cad": "CAD", "$us": "$ US",
    "$ us": "$ US", "us$": "$ US", "usd": "USD",
    "%": "%", "h": "h", "heure": "h", "heures": "h",
    "j": "jours", "jour": "jours", "jours": "jours", "semaine": "semaines", "semaines": "semaines", "sem": "semaines",
    "mois": "mois", "employé": "employés", "employés": "employés", "salarié": "employés", "salariés": "employés",
    "client": "clients", "clients": "clients",
}
_UNIT_AT_END = re.compile(r"(?:(?<=[0-9\s\u00a0\u202f])|^)(" + "|".join(
    re.escape(word) for word in sorted(UNIT_WORDS, key=len, reverse=True)) + r")\.?$", re.IGNORECASE)
_CURRENCY_AT_START = re.compile(r"^(€|\$|us\$)\s*", re.IGNORECASE)
# What may group thousands: spaces (ordinary, no-break, narrow no-break, thin, figure) and the apostrophe, straight
# or typographic (« 12'500 » and « 12’500 » are the same number, as a word processor turns one into the other).
GROUP_SEPARATORS = " \u00a0\u202f\u2009\u2007'\u2019"
_GROUP_SEPARATOR = re.compile("[" + GROUP_SEPARATORS + "]")
_PLAIN = re.compile(r"^[0-9]+(\.[0-9]+)?$")
_GROUPED = re.compile(r"^[0-9]{1,3}([.,][0-9]{3})+$")
_SPACE_GROUPED = re.compile(r"^[0-9]{1,3}( [0-9]{3})+$")
_AMBIGUOUS_DOT = re.compile(r"^[1-9][0-9]{0,2}\.[0-9]{3}$")
SIGNIFICANT_DIGITS = 15  # at most this many digits shown: beyond, a display would invent precision
MAX_DIGITS = 30  # more than any amount a company has: a longer number is a typing slip


def unit_of(text: str) -> str:
    """The canonical unit of a field's declared unit (``€``, ``%``, ``jours``…), or ``""``."""
    return UNIT_WORDS.get(text.strip().lower().replace(" ", ""), text.strip())


def parse_number(text: str, accepted_unit: str | None = None) -> Decimal:
    """``"12 500,50 €"`` -> Decimal("12500.50"), exactly as typed. Raises ``NumberError`` for anything else.

    ``accepted_unit`` is the field's own unit (``€``, ``%``, ``jours``…): typed after the number (or ``€`` before
    it) it is accepted; any other unit is refused with ``NumberError.unit`` set. ``None`` accepts the field's
    unit whatever it is (used for the guide's own defaults). Only ASCII digits; spaces group thousands by three;
    « 12.500 » is refused as ambiguous (12 500 or 12,5?) while « 1.000.000 » is a million.
    """
    if not isinstance(text, str):
        raise NumberError("valeur non textuelle")
    cleaned = text.strip().replace("\u2212", "-")  # typographic minus
    for pattern in (_UNIT_AT_END, _CURRENCY_AT_START):
        match = pattern.search(cleaned)
        if match:
            unit = UNIT_WORDS.get(match.group(1).lower().replace(" ", ""), match.group(1))
            canadian = unit_of(accepted_unit or "") == "$ CAD" and unit in ("$", "$ CA", "$ CAD", "CAD")
            if accepted_unit is not None and unit != unit_of(accepted_unit) and not canadian:
                raise NumberError("unité", unit=match.group(1))
            cleaned = (cleaned[:match.start()] + cleaned[match.end():]).strip()
    if not cleaned:
        raise NumberError("vide")
    sign = ""
    if cleaned[0] in "+-":
        sign, cleaned = cleaned[0], cleaned[1:].strip()
    spaced = _GROUP_SEPARATOR.sub(" ", cleaned)
    if re.search(r"[^0-9., ]", spaced) or not spaced:
        raise NumberError("pas un nombre")
    if spaced[-1] in ".,":
        raise NumberError("inachevé")  # « 1, » on the way to « 1,5 »: the browser waits for the next key
    if " " in spaced:
        shape = re.match(r"^([0-9 ]*)([.,]?)([0-9]*)$", spaced)
        whole, mark, fraction = shape.groups() if shape else ("", "", "")
        if not _SPACE_GROUPED.match(whole.strip()) or " " in fraction:
            raise NumberError("espaces mal placés")
        spaced = whole.replace(" ", "") + mark + fraction
    if "," in spaced and "." in spaced:
        # The last separator is the decimal one: 12.500,50 or 12,500.50.
        decimal_mark = "," if spaced.rfind(",") > spaced.rfind(".") else "."
        thousands = "." if decimal_mark == "," else ","
        whole, _, fraction = spaced.rpartition(decimal_mark)
        if not _GROUPED.match(whole.replace(thousands, ",")) or decimal_mark in whole:
            raise NumberError("séparateurs mal placés")
        spaced = whole.replace(thousands, "") + "." + fraction
    elif spaced.count(",") > 1 or spaced.count(".") > 1:
        if not _GROUPED.match(spaced) or ("," in spaced and "." in spaced):
            raise NumberError("séparateurs mal placés")
        spaced = spaced.replace(",", "").replace(".", "")
    elif _AMBIGUOUS_DOT.match(spaced):
        raise NumberError("point ambigu")
    else:
        spaced = spaced.replace(",", ".")  # French decimal comma
    if not _PLAIN.match(spaced):
        raise NumberError("pas un nombre")
    if len(spaced.replace(".", "").lstrip("0")) > MAX_DIGITS:
        raise NumberError("nombre trop long")
    return Decimal(sign + spaced)


def to_decimal(value) -> Decimal:
    """A number from JSON or from the guide's YAML (int, float, Decimal) as an exact Decimal:
    a float becomes the shortest decimal that reads back as it (0.1 -> 0.1, not 0.1000000000000000055)."""
    if isinstance(value, Decimal):
        return value
    if isinstance(value, bool):
        raise TypeError("un booléen n'est pas un nombre")
    if isinstance(value, int):
        return Decimal(value)
    return Decimal(repr(float(value)))


def _decimal(value: float | Decimal) -> Decimal:
    """The shortest decimal that reads back as this float (so 2.675 stays 2.675)."""
    number = value if isinstance(value, Decimal) else Decimal(repr(float(value)))
    if not number.is_finite():
        raise ValueError("valeur non finie")
    return number


def round_half_up(value: float | Decimal, decimals: int) -> Decimal:
    """Round for display, half away from zero: 2.675 -> 2.68 (Python's round gives 2.67)."""
    quantum = Decimal(1).scaleb(-decimals)
    with localcontext() as context:
        context.prec = 400  # any finite float (up to 1.8e308) times 100, with its decimals
        return _decimal(value).quantize(quantum, rounding=ROUND_HALF_UP)


def format_number(value: float | Decimal, decimals: int = 2, keep_zeros: bool = False) -> str:
    """``1234.5`` -> ``1 234,5`` (thousands with U+202F, decimal comma, no trailing zeros)."""
    rounded = round_half_up(value, decimals)
    whole_digits = rounded.adjusted() + 1 if rounded else 1
    if whole_digits + decimals > SIGNIFICANT_DIGITS:  # never show digits beyond what 15 can carry
        with localcontext() as context:
            context.prec = 400
            rounded = rounded.quantize(Decimal(1).scaleb(max(0, whole_digits - SIGNIFICANT_DIGITS)),
                                       rounding=ROUND_HALF_UP)
        decimals = max(0, min(decimals, SIGNIFICANT_DIGITS - whole_digits))
        rounded = rounded.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP) if decimals else rounded
    if rounded == 0:
        rounded = abs(rounded)  # no "-0"
    sign = "-" if rounded < 0 else ""
    text = f"{abs(rounded):.{decimals}f}"
    whole, _, fraction = text.partition(".")
    if not keep_zeros:
        fraction = fraction.rstrip("0")
    groups: list[str] = []
    while len(whole) > 3:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    groups.insert(0, whole)
    result = NARROW_NBSP.join(groups)
    return f"{sign}{result},{fraction}" if fraction else f"{sign}{result}"


def format_money(value: float | Decimal, currency: str = "€") -> str:
    """``1234.56`` -> ``1 234,56 €``; whole amounts without cents: ``92 000 €``."""
    cents = round_half_up(value, 2)
    keep = cents != cents.to_integral_value()
    return f"{format_number(value, 2, keep_zeros=keep)}{NBSP}{currency}"


def format_percent(ratio: float | Decimal, decimals: int = 1) -> str:
    """A ratio as a percentage: ``0.6434`` -> ``64,3 %``; ``4.0`` -> ``400 %``."""
    with localcontext() as context:
        context.prec = 400
        percent = _decimal(ratio) * 100  # in decimal: a huge finite ratio stays finite
    return f"{format_number(percent, decimals)}{NBSP}%"
