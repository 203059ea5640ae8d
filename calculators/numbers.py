"""French number input and output, standard library only (runs in CPython and Pyodide).

Parsing accepts what people type: ``12 500,50 €``, ``12500.5``, ``12.500,50``, ``15 %``,
``1 234`` with ordinary, no-break (U+00A0) or narrow no-break (U+202F) spaces. It refuses
anything that is not a plain decimal number (``1e5``, ``nan``, ``inf``, two commas...).

Formatting follows fr-FR: ``1 234,56 €`` with U+202F between thousands and U+00A0
before ``€`` and ``%``. Rounding is for display only, half away from zero.
"""

from __future__ import annotations

import math
import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation, localcontext

NARROW_NBSP = "\u202f"
NBSP = "\u00a0"
_SPACES = re.compile(r"[\s\u00a0\u202f\u2009\u2007']")
_UNITS = re.compile(r"(€|eur(os?)?|\$|cad|usd|%|h|heures?|jours?|j|mois|employés?|clients?)$", re.IGNORECASE)
_PLAIN = re.compile(r"^[+-]?\d+(\.\d+)?$")
_GROUPED = re.compile(r"^\d{1,3}([.,]\d{3})+$")


class NumberError(ValueError):
    """The text is not a number; ``reason`` says why, in French."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


def parse_number(text: str) -> float:
    """``"12 500,50 €"`` -> 12500.5. Raises ``NumberError`` for anything else."""
    if not isinstance(text, str):
        raise NumberError("valeur non textuelle")
    cleaned = text.strip().replace("\u2212", "-")  # typographic minus
    cleaned = _UNITS.sub("", cleaned.rstrip()).strip()
    cleaned = _SPACES.sub("", cleaned)
    if not cleaned:
        raise NumberError("vide")
    sign = ""
    if cleaned[0] in "+-":
        sign, cleaned = cleaned[0], cleaned[1:]
    if "," in cleaned and "." in cleaned:
        # The last separator is the decimal one: 12.500,50 or 12,500.50.
        decimal_mark = "," if cleaned.rfind(",") > cleaned.rfind(".") else "."
        thousands = "." if decimal_mark == "," else ","
        whole, _, fraction = cleaned.rpartition(decimal_mark)
        if not _GROUPED.match(whole.replace(thousands, ",")) and thousands in whole:
            raise NumberError("séparateurs mal placés")
        cleaned = whole.replace(thousands, "") + "." + fraction
    elif cleaned.count(",") > 1 or cleaned.count(".") > 1:
        if not _GROUPED.match(cleaned):
            raise NumberError("séparateurs mal placés")
        cleaned = cleaned.replace(",", "").replace(".", "")
    else:
        cleaned = cleaned.replace(",", ".")  # French decimal comma
    cleaned = sign + cleaned
    if not _PLAIN.match(cleaned):
        raise NumberError("pas un nombre")
    try:
        value = float(Decimal(cleaned))
    except (InvalidOperation, OverflowError):
        raise NumberError("nombre illisible") from None
    if not math.isfinite(value):
        raise NumberError("nombre trop grand")
    return value


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
    if rounded == 0:
        rounded = abs(rounded)  # no "-0"
    sign = "-" if rounded < 0 else ""
    text = f"{abs(rounded):.{decimals}f}"
    whole, _, fraction = text.partition(".")
    if not keep_zeros:
        fraction = fraction.rstrip("0")
    groups = []
    while len(whole) > 3:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    groups.insert(0, whole)
    result = NARROW_NBSP.join(groups)
    return f"{sign}{result},{fraction}" if fraction else f"{sign}{result}"


def format_money(value: float, currency: str = "€") -> str:
    """``1234.56`` -> ``1 234,56 €``; whole amounts without cents: ``92 000 €``."""
    cents = round_half_up(value, 2)
    keep = cents != cents.to_integral_value()
    return f"{format_number(value, 2, keep_zeros=keep)}{NBSP}{currency}"


def format_percent(ratio: float, decimals: int = 1) -> str:
    """A ratio as a percentage: ``0.6434`` -> ``64,3 %``; ``4.0`` -> ``400 %``."""
    with localcontext() as context:
        context.prec = 400
        percent = _decimal(ratio) * 100  # in decimal: a huge finite ratio stays finite
    return f"{format_number(percent, decimals)}{NBSP}%"
