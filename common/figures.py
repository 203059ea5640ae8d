"""The guide's figures as a reader reads them, in one place: looked up by id, and written in French.

Standard library only: the calculators use it in the browser, the guide's core at build time (``{seuil:…}``
in a text, a phase's head count on its page, a threshold beside a calculator's result).
"""

from __future__ import annotations

from collections.abc import Iterable

from common.numbers import NBSP, format_number


def item_by_id(items: Iterable[dict], item_id: str) -> dict:
    """The item of a framework's list whose ``id`` is ``item_id`` (``KeyError`` if there is none): the one
    lookup by id of the calculators and of the guide's core."""
    for item in items:
        if item.get("id") == item_id:
            return item
    raise KeyError(item_id)


def threshold_text(item: dict) -> str:
    """``{"valeur": 40, "unite": "h par semaine"}`` -> ``40 h par semaine``; ``:1`` is glued (``3:1``)."""
    number = format_number(item["valeur"], decimals=2)
    unit = item.get("unite", "")
    if not unit:
        return number
    if unit.startswith(":"):
        return number + unit
    return number + NBSP + unit


def _singular(unit: str) -> str:
    return " ".join(word.removesuffix("s") for word in unit.split())


def range_text(low: dict, high: dict) -> str:
    """``1 jour par semaine`` and ``2 jours par semaine`` -> ``1 à 2 jours par semaine``.

    The unit is written once when both ends share it (singular or plural); otherwise, and for
    ratios such as ``3:1``, each end keeps its own. No-break spaces keep ``1 à 2`` on one line.
    """
    low_unit, high_unit = low.get("unite", ""), high.get("unite", "")
    if low_unit.startswith(":") or _singular(low_unit) != _singular(high_unit):
        return f"{threshold_text(low)}{NBSP}à {threshold_text(high)}"
    return f"{format_number(low['valeur'], decimals=2)}{NBSP}à{NBSP}{threshold_text(high)}"


def headcount_range(phase: dict) -> str:
    """A phase's headcount range: ``10 à 50 employés``, ``200 employés et plus`` (the pages show the same)."""
    if phase["effectif_max"] is None:
        return f"{phase['effectif_min']} employés et plus"
    return f"{phase['effectif_min']} à {phase['effectif_max']} employés"
