"""Marketing ROI. ROMI = (revenue attributed to marketing - marketing cost) / marketing cost.

Pure functions; inputs are parsed values (amounts in the currency of the form).
"""

from __future__ import annotations

import math

from calculators.contract import Outcome
from calculators.numbers import format_money

INPUT_IDS = ("marketing_spend", "attributed_revenue")
OUTPUT_IDS = ("romi",)


def romi(attributed_revenue: float, marketing_spend: float) -> float | None:
    """Return on marketing investment as a ratio (4.0 = 400 %); None when the cost is zero."""
    if marketing_spend == 0:
        return None
    return (attributed_revenue - marketing_spend) / marketing_spend


def compute(values: dict, settings: dict) -> dict:
    cost = values["marketing_spend"]
    revenue = values["attributed_revenue"]
    ratio = romi(revenue, cost)
    if ratio is None:
        return {"romi": Outcome(note="Le ROMI n'est pas défini pour un coût marketing de 0 : saisissez le coût de la période.")}
    if not math.isfinite(ratio):
        return {"romi": Outcome(note="Le coût marketing est trop petit pour calculer un ROMI : vérifiez sa valeur.")}
    gain = revenue - cost
    if ratio > 0:
        text = f"Chaque euro investi a rapporté {format_money(1 + ratio)} de chiffre d'affaires attribué : le marketing a rapporté {format_money(gain)} de plus qu'il n'a coûté."
    elif ratio == 0:
        text = "Le chiffre d'affaires attribué couvre exactement le coût marketing."
    else:
        text = f"Le chiffre d'affaires attribué ne couvre pas le coût marketing : il manque {format_money(-gain)}."
    return {"romi": Outcome(value=ratio, note=text)}
