"""Where the fractional CMO calculator's recommendation would change, one assumption at a time.

The rule changes only where the fees ratio, as shown (0,1 % half up), reaches a band's end, where the coordination
hours reach their threshold or the revenue its floor: ``flip_points`` gives those exact points to
``calculators.flips``, which states each on the grid the reader reads after checking both sides.
"""

from __future__ import annotations

from decimal import Decimal

from calculators.contract import Outcome, item_by_id, threshold
from calculators.flips import Axis, Flip, flips_along
from calculators.internalisation_rules import (
    decision,
    direction_fees,
    internal_loaded_cost,
    money,
    rules,
    signal_threshold,
    switch_ratio,
)
from common.numbers import format_number


def _fees_per_unit(v: dict, key: str) -> Decimal:
    """The yearly fees for one unit of ``key``, the other inputs as they are."""
    share = v["direction_share_pct"] if v["direction_share_pct"] is not None else Decimal(100)
    return {
        "day_rate": v["days_per_week"] * v["weeks_per_year"], "days_per_week": v["day_rate"] * v["weeks_per_year"],
        "hourly_rate": (v["hours_per_week"] or 0) * v["weeks_per_year"],
        "hours_per_week": (v["hourly_rate"] or 0) * v["weeks_per_year"],
        "monthly_retainer": 12 * share / 100, "direction_share_pct": (v["monthly_retainer"] or 0) * 12 / 100,
    }[key]


def _fee_inputs(mode: str) -> tuple[str, ...]:
    return {"jour": ("day_rate", "days_per_week"), "heure": ("hourly_rate", "hours_per_week"),
            "forfait": ("monthly_retainer", "direction_share_pct")}[mode]


FLIP_LABELS = {
    "gross_salary": "Salaire brut", "employer_charges_pct": "Charges patronales", "day_rate": "Tarif journalier",
    "days_per_week": "Jours par semaine", "hourly_rate": "Tarif horaire", "hours_per_week": "Heures par semaine",
    "monthly_retainer": "Forfait mensuel", "direction_share_pct": "Part de direction du forfait",
    "coordination_hours_per_week": "Heures de coordination", "annual_revenue": "Chiffre d'affaires",
}


# The display step of each input a flip is stated for: what the reader reads and types.
FLIP_STEPS = {
    "gross_salary": Decimal(1), "day_rate": Decimal(1), "hourly_rate": Decimal(1), "monthly_retainer": Decimal(1),
    "annual_revenue": Decimal(1), "employer_charges_pct": Decimal("0.1"), "direction_share_pct": Decimal("0.1"),
    "days_per_week": Decimal("0.01"), "hours_per_week": Decimal("0.1"), "coordination_hours_per_week": Decimal("0.1"),
}


def _axis(settings: dict, key: str) -> Axis:
    """An input's display step and its field's bounds, as the YAML declares them."""
    entry = item_by_id(settings["internalisation"]["calculateur"]["entrees"], key)
    return Axis(key, FLIP_STEPS[key], Decimal(str(entry.get("min", 0))), Decimal(str(entry["max"])))


def flip_points(v: dict, settings: dict, current: str) -> tuple[list[Flip], list[str]]:
    """Where the recommendation would change, one assumption at a time, and the assumptions whose change
    lies beyond their field. The rule changes only where the fees ratio, as shown (0,1 % half up), reaches a
    band's end, where the coordination hours reach their threshold or the revenue its floor: those exact
    points are where ``calculators.flips`` looks, on the grid the reader reads, checking each side."""
    fees, _, _ = direction_fees(v)
    loaded = internal_loaded_cost(v["gross_salary"], v["employer_charges_pct"] / 100)
    if fees is None or loaded <= 0:
        return [], []
    targets = [switch_ratio(threshold(settings, "honoraires-part-basse")),
               switch_ratio(threshold(settings, "honoraires-part-haute"))]
    candidates: dict[str, list[Decimal]] = {}
    for key in _fee_inputs(v["external_mode"]):
        per_unit = _fees_per_unit(v, key)  # the fees are linear in each of them
        if per_unit > 0:
            candidates[key] = [target * loaded / per_unit for target in targets]
    if fees > 0:
        candidates["gross_salary"] = [fees / (target * (1 + v["employer_charges_pct"] / 100)) for target in targets]
        if v["gross_salary"]:
            candidates["employer_charges_pct"] = [(fees / (target * v["gross_salary"]) - 1) * 100 for target in targets]
    candidates["coordination_hours_per_week"] = [signal_threshold(settings, "complexity")]
    candidates["annual_revenue"] = [signal_threshold(settings, "revenue_guard", v["currency"])]
    return flips_along(lambda values: decision(values, settings), v,
                       [(_axis(settings, key), points) for key, points in candidates.items()], current)


def flip_sentence(flip: Flip, title: str, currency: str) -> str:
    """« Salaire brut à partir de 107 316 € : « Recruter une direction marketing interne » »."""
    value = _flip_value(flip.input_id, flip.value, currency)
    where = f"à {value} ou moins" if flip.relation == "à … ou moins" else f"{flip.relation} {value}"
    return f"{FLIP_LABELS[flip.input_id]} {where} : « {title} »"


def _flip_value(key: str, value: Decimal, currency: str) -> str:
    """A point of the display grid as the reader reads it."""
    if key in ("gross_salary", "day_rate", "hourly_rate", "monthly_retainer", "annual_revenue"):
        return money(value, currency)
    if key in ("employer_charges_pct", "direction_share_pct"):
        return f"{format_number(value, 1)}\u00a0%"
    if key == "days_per_week":
        return f"{format_number(value, 2)}\u00a0j"
    return f"{format_number(value, 1)}\u00a0h"


def flips_outcome(v: dict, settings: dict, choice: str) -> Outcome:
    """The « flips » output: one sentence per point, and the assumptions whose change lies beyond their field."""
    flips, beyond = flip_points(v, settings, choice)
    titles = {item["id"]: item["titre"] for item in rules(settings)["recommandations"]}
    sentences = [flip_sentence(flip, titles[flip.becomes], v["currency"]) for flip in flips]
    count = len(sentences)
    unreachable = (" Aucune bascule dans les bornes du champ pour : "
                   + ", ".join(FLIP_LABELS[key].lower() if index else FLIP_LABELS[key] for index, key in enumerate(beyond))
                   + ".") if beyond else ""
    return Outcome(value=sentences,
                   label=f"{count} point{'s' if count > 1 else ''} de bascule" if count else "Aucun",
                   note=("Détail sous les résultats : chaque valeur est calculée en changeant cette seule hypothèse."
                         if sentences else "Dans les bornes des champs, aucune hypothèse seule ne change la recommandation.")
                   + unreachable)
