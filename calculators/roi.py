"""Marketing ROI and unit economics: ROMI, ROAS, CAC, LTV, LTV/CAC, payback, retention effect.

Pure functions (each returns ``None`` when its result is undefined) and ``compute``, which
turns them into outputs that explain themselves. Percentages arrive typed 0-100. The guide's
targets (ROAS 3:1 to 5:1, LTV/CAC above 3, +10 % retention) come from ``frameworks/seuils.yml``.
"""

from __future__ import annotations

import math

from calculators.contract import Outcome, threshold
from calculators.numbers import format_money, format_number

INPUT_IDS = (
    "marketing_spend", "attributed_revenue", "gross_margin_pct", "ad_spend", "ad_revenue", "sales_spend",
    "new_customers", "arpa_monthly", "monthly_churn_pct", "churn_reduction_pct", "horizon_months",
)
OUTPUT_IDS = (
    "romi", "romi_on_margin", "roas", "break_even_roas", "cac", "ltv", "ltv_to_cac", "payback_months",
    "ltv_after_churn_reduction", "annual_churn",
)


def _ratio(numerator: float, denominator: float) -> float | None:
    if not denominator:
        return None
    value = numerator / denominator
    return value if math.isfinite(value) else None


def romi(attributed_revenue: float, marketing_spend: float) -> float | None:
    """Return on marketing investment as a ratio (4.0 = 400 %); None when the cost is zero."""
    if marketing_spend == 0:
        return None
    return (attributed_revenue - marketing_spend) / marketing_spend


def romi_on_margin(attributed_revenue: float, gross_margin: float, marketing_spend: float) -> float | None:
    """ROMI on gross margin rather than revenue: (revenue x margin - cost) / cost."""
    if marketing_spend == 0:
        return None
    return (attributed_revenue * gross_margin - marketing_spend) / marketing_spend


def roas(ad_revenue: float, ad_spend: float) -> float | None:
    return _ratio(ad_revenue, ad_spend)


def break_even_roas(gross_margin: float) -> float | None:
    """1 / gross margin: below it, each unit spent on ads loses money."""
    return _ratio(1.0, gross_margin)


def cac(marketing_spend: float, sales_spend: float, new_customers: float) -> float | None:
    """Blended acquisition cost: (marketing + sales spend) / new customers of the same period."""
    return _ratio(marketing_spend + sales_spend, new_customers)


def ltv(arpa: float, gross_margin: float, churn: float, horizon: float | None = None) -> float | None:
    """Customer lifetime value (gross margin) for a churn rate per period (a ratio, 0.05 = 5 %).

    Without a horizon: m / c (None when c = 0: unbounded). With a horizon of N periods:
    m (1 - (1 - c)^N) / c, and m x N when c = 0.
    """
    margin = arpa * gross_margin
    if horizon is None:
        return _ratio(margin, churn)
    if churn == 0:
        return margin * horizon
    value = margin * (1 - (1 - churn) ** horizon) / churn
    return value if math.isfinite(value) else None


def payback_months(cac_value: float, arpa_monthly: float, gross_margin: float) -> float | None:
    """Months of gross margin needed to pay back the acquisition cost."""
    return _ratio(cac_value, arpa_monthly * gross_margin)


def annual_churn(monthly_churn: float) -> float:
    """1 - (1 - monthly)^12 (ratios)."""
    return 1 - (1 - monthly_churn) ** 12


def _as_ratio(value: float) -> str:
    """4.0 -> ``4:1``, as the guide writes its ROAS targets."""
    return f"{format_number(value, 2)}:1"


def _missing(*labels: str) -> str:
    return "Renseignez " + " et ".join(f"« {label} »" for label in labels) + " pour obtenir ce résultat."


def compute(values: dict, settings: dict) -> dict:
    v = values
    label = {entry["id"]: entry["libelle"] for entry in settings["roi"]["calculateur"]["entrees"]}
    out: dict[str, Outcome] = {}
    cost, revenue = v["marketing_spend"], v["attributed_revenue"]
    margin = None if v["gross_margin_pct"] is None else v["gross_margin_pct"] / 100

    ratio = romi(revenue, cost)
    if ratio is None:
        out["romi"] = Outcome(note="Le ROMI n'est pas défini pour un coût marketing de 0 : saisissez le coût de la période.")
    elif not math.isfinite(ratio):
        out["romi"] = Outcome(note="Le coût marketing est trop petit pour calculer un ROMI : vérifiez sa valeur.")
    else:
        gain = revenue - cost
        if ratio > 0:
            text = (f"Chaque euro investi a rapporté {format_money(1 + ratio)} de chiffre d'affaires attribué : "
                    f"le marketing a rapporté {format_money(gain)} de plus qu'il n'a coûté.")
        elif ratio == 0:
            text = "Le chiffre d'affaires attribué couvre exactement le coût marketing."
        else:
            text = f"Le chiffre d'affaires attribué ne couvre pas le coût marketing : il manque {format_money(-gain)}."
        out["romi"] = Outcome(value=ratio, note=text)

    if margin is None:
        out["romi_on_margin"] = Outcome(note=_missing(label["gross_margin_pct"]))
    else:
        value = romi_on_margin(revenue, margin, cost)
        if value is None or not math.isfinite(value):
            out["romi_on_margin"] = Outcome(note="Non défini pour un coût marketing de 0.")
        elif value < 0:
            out["romi_on_margin"] = Outcome(value=value, note="La marge dégagée par ce chiffre d'affaires ne couvre pas le coût marketing.")
        else:
            out["romi_on_margin"] = Outcome(value=value, note="La marge dégagée couvre le coût marketing.")

    target_min, target_max = threshold(settings, "roas-cible-min"), threshold(settings, "roas-cible-max")
    breakeven = break_even_roas(margin) if margin is not None else None
    if margin is None:
        out["break_even_roas"] = Outcome(note=_missing(label["gross_margin_pct"]))
    elif breakeven is None:
        out["break_even_roas"] = Outcome(note="Avec une marge brute de 0 %, aucune publicité ne peut être rentable.")
    else:
        extra = ""
        if breakeven > target_min:
            extra = (f" Il dépasse le bas de la cible habituelle ({format_number(target_min)}:1) : à cette marge, "
                     "un ROAS dans la cible peut encore faire perdre de l'argent.")
        out["break_even_roas"] = Outcome(value=breakeven, label=_as_ratio(breakeven), note="En dessous de ce ROAS, la publicité coûte plus que la marge qu'elle rapporte." + extra)

    if v["ad_spend"] is None or v["ad_revenue"] is None:
        out["roas"] = Outcome(note=_missing(label["ad_spend"], label["ad_revenue"]))
    else:
        value = roas(v["ad_revenue"], v["ad_spend"])
        if value is None:
            out["roas"] = Outcome(note="Sans dépense publicitaire, le ROAS n'est pas défini.")
        else:
            out["roas"] = Outcome(value=value, label=_as_ratio(value), **_roas_status(value, breakeven, target_min, target_max))

    customers = v["new_customers"]
    cac_value = None
    if customers is None or v["sales_spend"] is None:
        out["cac"] = Outcome(note=_missing(label["sales_spend"], label["new_customers"]))
    else:
        cac_value = cac(cost, v["sales_spend"], customers)
        if cac_value is None:
            out["cac"] = Outcome(note="Avec 0 nouveau client sur la période, le coût d'acquisition n'est pas défini.")
        else:
            out["cac"] = Outcome(value=cac_value, note="Dépenses marketing et commerciales de la période, divisées par les nouveaux clients.")

    arpa, churn_pct, horizon = v["arpa_monthly"], v["monthly_churn_pct"], v["horizon_months"]
    ltv_value = None
    if arpa is None or margin is None or churn_pct is None:
        out["ltv"] = Outcome(note=_missing(label["arpa_monthly"], label["gross_margin_pct"], label["monthly_churn_pct"]))
    else:
        churn = churn_pct / 100
        ltv_value = ltv(arpa, margin, churn, horizon)
        if ltv_value is None:
            out["ltv"] = Outcome(note=(
                "Avec un churn de 0 %, la valeur vie client n'a pas de limite : "
                f"indiquez un « {label['horizon_months']} » pour la calculer sur une durée donnée."))
        elif horizon is None:
            out["ltv"] = Outcome(value=ltv_value, note=f"Marge mensuelle par client divisée par le churn mensuel : un client reste en moyenne {format_number(1 / churn, 1)} mois.")
        else:
            out["ltv"] = Outcome(value=ltv_value, note=f"Marge cumulée sur {format_number(horizon)} mois, en tenant compte du churn.")

    if ltv_value is None or cac_value is None:
        out["ltv_to_cac"] = Outcome(note="Il faut la valeur vie client et le coût d'acquisition pour calculer ce ratio.")
    else:
        value = _ratio(ltv_value, cac_value)
        if value is None:
            out["ltv_to_cac"] = Outcome(note="Avec un coût d'acquisition de 0, ce ratio n'est pas défini.")
        else:
            minimum = threshold(settings, "ltv-cac-minimum")
            if value > minimum:
                status = {"status": "sain", "status_text": f"Sain : au-dessus de {format_number(minimum)}"}
            else:
                status = {"status": "a-surveiller", "status_text": f"À surveiller : {format_number(minimum)} ou moins"}
            out["ltv_to_cac"] = Outcome(value=value, note="Un client rapporte, en marge, ce nombre de fois ce qu'il a coûté à acquérir.", **status)

    if cac_value is None or arpa is None or margin is None:
        out["payback_months"] = Outcome(note="Il faut le coût d'acquisition, le revenu mensuel par client et la marge brute.")
    else:
        value = payback_months(cac_value, arpa, margin)
        if value is None:
            out["payback_months"] = Outcome(note="Sans marge mensuelle par client, le coût d'acquisition n'est jamais remboursé.")
        else:
            out["payback_months"] = Outcome(value=value, note="Nombre de mois de marge nécessaires pour rembourser le coût d'acquisition d'un client.")

    reduction = v["churn_reduction_pct"]
    if ltv_value is None or reduction is None:
        out["ltv_after_churn_reduction"] = Outcome(note="Il faut d'abord une valeur vie client et une baisse du churn.")
    else:
        lowered = churn_pct / 100 * (1 - reduction / 100)
        after = ltv(arpa, margin, lowered, horizon)
        if after is None:
            out["ltv_after_churn_reduction"] = Outcome(note="Avec un churn ramené à 0 %, la valeur vie client n'a plus de limite : indiquez un horizon.")
        else:
            gain = _ratio(after - ltv_value, ltv_value)
            note = f"Churn mensuel ramené de {format_number(churn_pct, 2)} % à {format_number(lowered * 100, 2)} %"
            note += f" : la valeur vie client augmente de {format_number(gain * 100, 1)} %." if gain is not None else "."
            out["ltv_after_churn_reduction"] = Outcome(value=after, note=note)

    if churn_pct is None:
        out["annual_churn"] = Outcome(note=_missing(label["monthly_churn_pct"]))
    else:
        out["annual_churn"] = Outcome(value=annual_churn(churn_pct / 100), note="Part des clients perdus en un an à ce rythme mensuel.")
    return out


def _roas_status(value: float, breakeven: float | None, target_min: float, target_max: float) -> dict:
    target = f"{format_number(target_min)}:1 à {format_number(target_max)}:1"
    if breakeven is not None and value < breakeven:
        text = f"Perte : sous le ROAS de rentabilité ({format_number(breakeven, 2)})"
        if value >= target_min:
            text += f", bien que dans la cible habituelle de {target}"
        return {"status": "perte", "status_text": text,
                "note": "Chaque euro de publicité rapporte moins de marge qu'il ne coûte."}
    if value < target_min:
        return {"status": "a-surveiller", "status_text": f"Sous la cible habituelle de {target}",
                "note": f"{format_number(value, 2)} € de chiffre d'affaires pour 1 € de publicité."}
    if value <= target_max:
        return {"status": "sain", "status_text": f"Dans la cible habituelle de {target}",
                "note": f"{format_number(value, 2)} € de chiffre d'affaires pour 1 € de publicité."}
    return {"status": "sain", "status_text": f"Au-dessus de la cible habituelle de {target}",
            "note": f"{format_number(value, 2)} € de chiffre d'affaires pour 1 € de publicité."}
