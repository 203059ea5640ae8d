"""Marketing ROI and unit economics: ROMI, ROAS, CAC, LTV, LTV/CAC, payback, retention effect.

Pure functions (each returns ``None`` when its result is undefined) and ``compute``, which
turns them into outputs that explain themselves. Percentages arrive typed 0-100. The guide's
targets (ROAS 3:1 to 5:1, LTV/CAC above 3, +10 % retention) come from ``frameworks/seuils.yml``.
"""

from __future__ import annotations

import math
from decimal import Decimal, localcontext

from calculators.contract import Outcome, shown, threshold
from common.numbers import format_money, format_number

ONE = Decimal(1)
OUTPUT_NAMES = {"ltv": "la valeur vie client", "cac": "le coût d'acquisition"}
# Ratios shown with two decimals (« 3:1 », « 3,57 ») and decided on that shown value.
RATIO_DECIMALS = 2

INPUT_IDS = (
    "marketing_spend", "attributed_revenue", "gross_margin_pct", "ad_spend", "ad_revenue", "sales_spend",
    "new_customers", "arpa_monthly", "monthly_churn_pct", "churn_reduction_pct", "horizon_months",
)
OUTPUT_IDS = (
    "romi", "romi_on_margin", "roas", "break_even_roas", "cac", "ltv", "ltv_to_cac", "payback_months",
    "ltv_after_churn_reduction", "annual_churn",
)


def _ratio(numerator: Decimal, denominator: Decimal) -> Decimal | None:
    if not denominator:
        return None
    return numerator / denominator


def romi(attributed_revenue: Decimal, marketing_spend: Decimal) -> Decimal | None:
    """Return on marketing investment as a ratio (4.0 = 400 %); None when the cost is zero."""
    if marketing_spend == 0:
        return None
    return (attributed_revenue - marketing_spend) / marketing_spend


def romi_on_margin(attributed_revenue: Decimal, gross_margin: Decimal, marketing_spend: Decimal) -> Decimal | None:
    """ROMI on gross margin rather than revenue: (revenue x margin - cost) / cost."""
    if marketing_spend == 0:
        return None
    return (attributed_revenue * gross_margin - marketing_spend) / marketing_spend


def roas(ad_revenue: Decimal, ad_spend: Decimal) -> Decimal | None:
    return _ratio(ad_revenue, ad_spend)


def break_even_roas(gross_margin: Decimal) -> Decimal | None:
    """1 / gross margin: below it, each unit spent on ads loses money."""
    return _ratio(ONE, gross_margin)


def cac(marketing_spend: Decimal, sales_spend: Decimal, new_customers: Decimal) -> Decimal | None:
    """Blended acquisition cost: (marketing + sales spend) / new customers of the same period."""
    return _ratio(marketing_spend + sales_spend, new_customers)


def ltv(arpa: Decimal, gross_margin: Decimal, churn: Decimal, horizon: int | None = None) -> Decimal | None:
    """Customer lifetime value (gross margin) for a churn rate per period (a ratio, 0.05 = 5 %).

    Without a horizon: m / c (None when c = 0: unbounded). With a horizon of N periods:
    m (1 - (1 - c)^N) / c, and m x N when c = 0.
    """
    margin = arpa * gross_margin
    if horizon is None:
        return _ratio(margin, churn)
    if churn == 0:
        return margin * horizon
    with localcontext() as context:
        context.prec = 60  # exact enough that a tiny churn never lifts the value above margin x N
        value = margin * (1 - (1 - churn) ** int(horizon)) / churn
    return min(value, margin * horizon)


def payback_months(cac_value: Decimal, arpa_monthly: Decimal, gross_margin: Decimal) -> Decimal | None:
    """Months of gross margin needed to pay back the acquisition cost."""
    return _ratio(cac_value, arpa_monthly * gross_margin)


def annual_churn(monthly_churn: Decimal) -> Decimal:
    """1 - (1 - monthly)^12 (ratios)."""
    return 1 - (1 - monthly_churn) ** 12


def _as_ratio(value: Decimal) -> str:
    """4.0 -> ``4:1``, as the guide writes its ROAS targets."""
    return f"{format_number(value, RATIO_DECIMALS)}:1"


def _percent_figure(percent: Decimal) -> str:
    """A percentage with two decimals, or with as many as it takes to show its first two significant digits
    (« 0,0001 », never « 0 » for a churn that is not zero)."""
    if percent == 0 or abs(percent) >= Decimal("0.01"):
        return format_number(percent, 2)
    return format_number(percent, 1 - percent.adjusted())


def _missing(*labels: str) -> str:
    return "Renseignez " + " et ".join(f"« {label} »" for label in labels) + " pour obtenir ce résultat."


def _missing_of(values: dict, label: dict, *input_ids: str) -> str:
    """« Renseignez … » naming only the inputs left empty among these."""
    return _missing(*(label[input_id] for input_id in input_ids if values[input_id] is None))


def compute(values: dict, settings: dict) -> dict:
    v = values
    label = {entry["id"]: entry["libelle"] for entry in settings["roi"]["calculateur"]["entrees"]}
    margin = None if v["gross_margin_pct"] is None else v["gross_margin_pct"] / 100
    out: dict[str, Outcome] = {"romi": _romi(v), "romi_on_margin": _romi_on_margin(v, label, margin)}
    breakeven, out["break_even_roas"] = _break_even_roas(settings, label, margin)
    out["roas"] = _roas(v, settings, label, margin, breakeven)
    cac_value, out["cac"] = _cac(v, label)
    ltv_value, out["ltv"] = _ltv(v, label, margin)
    out["ltv_to_cac"] = _ltv_to_cac(settings, ltv_value, cac_value, out)
    out["payback_months"] = _payback(v, label, margin, cac_value, out["cac"])
    out["ltv_after_churn_reduction"] = _ltv_after_churn_reduction(v, margin, ltv_value)
    out["annual_churn"] = _annual_churn(v, label)
    return out


def _romi(v: dict) -> Outcome:
    cost, revenue = v["marketing_spend"], v["attributed_revenue"]
    ratio = romi(revenue, cost)
    if ratio is None:
        return Outcome(note="Le ROMI n'est pas défini pour un coût marketing de 0 : saisissez le coût de la période.")
    if not math.isfinite(ratio):
        return Outcome(note="Le coût marketing est trop petit pour calculer un ROMI : vérifiez sa valeur.")
    gain = revenue - cost
    if ratio > 0:
        text = (f"Chaque euro investi a rapporté {format_money(1 + ratio)} de chiffre d'affaires attribué : "
                f"ce chiffre d'affaires dépasse le coût marketing de {format_money(gain)}. C'est du chiffre "
                "d'affaires, pas un bénéfice : le ROMI sur la marge dit si la marge couvre le coût.")
    elif ratio == 0:
        text = "Le chiffre d'affaires attribué couvre exactement le coût marketing."
    else:
        text = f"Le chiffre d'affaires attribué ne couvre pas le coût marketing : il manque {format_money(-gain)}."
    return Outcome(value=ratio, note=text)


def _romi_on_margin(v: dict, label: dict, margin: Decimal | None) -> Outcome:
    if margin is None:
        return Outcome(note=_missing(label["gross_margin_pct"]))
    value = romi_on_margin(v["attributed_revenue"], margin, v["marketing_spend"])
    if value is None or not math.isfinite(value):
        return Outcome(note="Non défini pour un coût marketing de 0.")
    if value < 0:
        return Outcome(value=value, note="La marge dégagée par ce chiffre d'affaires ne couvre pas le coût marketing.")
    return Outcome(value=value, note="La marge dégagée couvre le coût marketing.")


def _break_even_roas(settings: dict, label: dict, margin: Decimal | None) -> tuple[Decimal | None, Outcome]:
    """(the break-even ROAS, its output)."""
    target_min = threshold(settings, "roas-cible-min")
    if margin is None:
        return None, Outcome(note=_missing(label["gross_margin_pct"]))
    breakeven = break_even_roas(margin)
    if breakeven is None:
        return None, Outcome(note="Avec une marge brute de 0 %, aucune publicité ne peut être rentable.")
    extra = ""
    if breakeven > target_min:
        extra = (f" Il dépasse le bas de la cible souvent visée ({format_number(target_min)}:1) : à cette marge, "
                 "un ROAS dans la cible peut encore faire perdre de l'argent.")
    return breakeven, Outcome(value=breakeven, label=_as_ratio(breakeven),
                              note="En dessous de ce ROAS, la publicité coûte plus que la marge qu'elle rapporte." + extra)


def _roas(v: dict, settings: dict, label: dict, margin: Decimal | None, breakeven: Decimal | None) -> Outcome:
    if v["ad_spend"] is None or v["ad_revenue"] is None:
        return Outcome(note=_missing(label["ad_spend"], label["ad_revenue"]))
    value = roas(v["ad_revenue"], v["ad_spend"])
    if value is None:
        return Outcome(note="Sans dépense publicitaire, le ROAS n'est pas défini.")
    target_min, target_max = threshold(settings, "roas-cible-min"), threshold(settings, "roas-cible-max")
    return Outcome(value=value, label=_as_ratio(value),
                   **_roas_status(shown(value, RATIO_DECIMALS), margin, breakeven, target_min, target_max))


def _cac(v: dict, label: dict) -> tuple[Decimal | None, Outcome]:
    """(the acquisition cost, its output)."""
    customers = v["new_customers"]
    if customers is None or v["sales_spend"] is None:
        return None, Outcome(note=_missing_of(v, label, "sales_spend", "new_customers"))
    cac_value = cac(v["marketing_spend"], v["sales_spend"], customers)
    if cac_value is None:
        return None, Outcome(note="Avec 0 nouveau client sur la période, le coût d'acquisition n'est pas défini.")
    return cac_value, Outcome(value=cac_value,
                              note="Dépenses marketing et commerciales de la période, divisées par les nouveaux clients.")


def _ltv(v: dict, label: dict, margin: Decimal | None) -> tuple[Decimal | None, Outcome]:
    """(the customer lifetime value, its output)."""
    arpa, churn_pct, horizon = v["arpa_monthly"], v["monthly_churn_pct"], v["horizon_months"]
    if arpa is None or margin is None or churn_pct is None:
        return None, Outcome(note=_missing_of(v, label, "arpa_monthly", "gross_margin_pct", "monthly_churn_pct"))
    churn = churn_pct / 100
    ltv_value = ltv(arpa, margin, churn, horizon)
    if ltv_value is None:
        return None, Outcome(note=(
            "Avec un churn de 0 %, la valeur vie client n'a pas de limite : "
            f"indiquez un « {label['horizon_months']} » pour la calculer sur une durée donnée."))
    if horizon is None:
        return ltv_value, Outcome(value=ltv_value, note=f"Marge mensuelle par client divisée par le churn mensuel : un client reste en moyenne {format_number(1 / churn, 1)} mois.")
    unbounded = ltv(arpa, margin, churn)
    beside = (f" Sans limite de durée, elle serait de {format_money(unbounded)} (un client reste en moyenne "
              f"{format_number(1 / churn, 1)} mois).") if unbounded is not None else ""
    return ltv_value, Outcome(value=ltv_value, note=f"Marge cumulée sur {format_number(horizon)} mois, en tenant compte du churn.{beside}")


def _ltv_to_cac(settings: dict, ltv_value: Decimal | None, cac_value: Decimal | None, out: dict) -> Outcome:
    if ltv_value is None or cac_value is None:
        missing = [output_id for output_id, value in (("ltv", ltv_value), ("cac", cac_value)) if value is None]
        return Outcome(note=f"Il faut {' et '.join(OUTPUT_NAMES[output_id] for output_id in missing)} "
                            "pour calculer ce ratio. " + " ".join(out[output_id].note for output_id in missing))
    value = _ratio(ltv_value, cac_value)
    if value is None:
        return Outcome(note="Avec un coût d'acquisition de 0, ce ratio n'est pas défini.")
    minimum = threshold(settings, "ltv-cac-minimum")
    if shown(value, RATIO_DECIMALS) > minimum:
        status = {"status": "sain", "status_text": f"Au-dessus de {format_number(minimum)}, le repère d'Advalians"}
    else:
        status = {"status": "a-surveiller", "status_text": f"À surveiller : {format_number(minimum)} ou moins (repère d'Advalians : plus de {format_number(minimum)})"}
    return Outcome(value=value, note="Un client rapporte, en marge, ce nombre de fois ce qu'il a coûté à acquérir.", **status)


def _payback(v: dict, label: dict, margin: Decimal | None, cac_value: Decimal | None, cac_outcome: Outcome) -> Outcome:
    arpa = v["arpa_monthly"]
    if cac_value is None:
        return Outcome(note="Il faut le coût d'acquisition pour calculer ce délai. " + cac_outcome.note)
    if arpa is None or margin is None:
        return Outcome(note=_missing_of(v, label, "arpa_monthly", "gross_margin_pct"))
    value = payback_months(cac_value, arpa, margin)
    if value is None:
        return Outcome(note="Sans marge mensuelle par client, le coût d'acquisition n'est jamais remboursé.")
    return Outcome(value=value, note="Nombre de mois de marge nécessaires pour rembourser le coût d'acquisition d'un client.")


def _ltv_after_churn_reduction(v: dict, margin: Decimal | None, ltv_value: Decimal | None) -> Outcome:
    arpa, churn_pct, horizon, reduction = v["arpa_monthly"], v["monthly_churn_pct"], v["horizon_months"], v["churn_reduction_pct"]
    if ltv_value is None or reduction is None or margin is None:  # margin is known whenever ltv_value is
        return Outcome(note="Il faut d'abord une valeur vie client et une baisse du churn.")
    lowered = churn_pct * (100 - reduction) / 10000  # multiplied first: exact
    after = ltv(arpa, margin, lowered, horizon)
    if after is None:
        return Outcome(note="Avec un churn ramené à 0 %, la valeur vie client n'a plus de limite : indiquez un horizon.")
    gain = _ratio(after - ltv_value, ltv_value)
    note = f"Churn mensuel ramené de {_percent_figure(churn_pct)} % à {_percent_figure(lowered * 100)} %"
    if gain is not None:
        over = (f" sur l'horizon de {format_number(horizon)} mois (sans horizon, la hausse serait de "
                f"{format_number(reduction / (100 - reduction) * 100, 1)} %)") if horizon is not None and reduction < 100 else ""
        rise = "moins de 0,1" if 0 < gain * 100 < Decimal("0.05") else format_number(gain * 100, 1)
        note += f" : la valeur vie client augmente de {rise} %{over}."
    else:
        note += "."
    return Outcome(value=after, note=note)


def _annual_churn(v: dict, label: dict) -> Outcome:
    if v["monthly_churn_pct"] is None:
        return Outcome(note=_missing(label["monthly_churn_pct"]))
    return Outcome(value=annual_churn(v["monthly_churn_pct"] / 100), note="Part des clients perdus en un an à ce rythme mensuel.")


def _roas_status(value: Decimal, margin: Decimal | None, breakeven: Decimal | None, target_min: Decimal,
                 target_max: Decimal) -> dict:
    """The ROAS judged first against the break-even that the margin gives, then against the usual target.
    ``value`` is the ROAS as shown (two decimals), so the label agrees with the figure beside it."""
    target = f"{format_number(target_min)}:1 à {format_number(target_max)}:1"
    if margin is not None and margin == 0:
        return {"status": "perte", "status_text": "Perte : aucune marge brute",
                "note": "Avec une marge brute de 0 %, chaque euro de publicité est perdu, quel que soit le ROAS."}
    if breakeven is not None and value < shown(breakeven, RATIO_DECIMALS):
        text = f"Perte : sous le ROAS de rentabilité ({_as_ratio(breakeven)})"
        if target_min <= value <= target_max:
            text += f", bien que dans la cible souvent visée de {target}"
        elif value > target_max:
            text += f", bien qu'au-dessus de la cible souvent visée de {target}"
        return {"status": "perte", "status_text": text,
                "note": "Chaque euro de publicité rapporte moins de marge qu'il ne coûte."}
    per_euro = f"{format_number(value, 2)} € de chiffre d'affaires pour 1 € de publicité."
    if margin is None:
        per_euro += " Sans la marge brute, impossible de dire si ce ROAS est rentable : renseignez-la."
    if value < target_min:
        return {"status": "a-surveiller", "status_text": f"Sous la cible souvent visée de {target}", "note": per_euro}
    if value <= target_max:
        return {"status": "sain", "status_text": f"Dans la cible souvent visée de {target}", "note": per_euro}
    return {"status": "sain", "status_text": f"Au-dessus de la cible souvent visée de {target}", "note": per_euro}
