"""Fractional CMO or in-house marketing director: yearly costs, the 60-70 % band, signals, recommendation.

The calculator's outputs, each computed by its own function from the formulas and the rule
(``internalisation_rules.py``); the flip points in ``internalisation_flips.py``; what is drawn under the results
(the chart, the flips as a list, the link behind the recommendation) in ``internalisation_chart.py``.
"""

from __future__ import annotations

from decimal import Decimal

from calculators.contract import Outcome, item_by_id, shown, threshold
from calculators.internalisation_chart import render_extra
from calculators.internalisation_flips import FLIP_LABELS, flip_points, flip_sentence, flips_outcome
from calculators.internalisation_rules import (
    CURRENCIES,
    DAY_STEP,
    MAX_DAYS,
    days_reaching,
    decision,
    direction_fees,
    estimate,
    external_annual_cost,
    internal_loaded_cost,
    money,
    recommend,
    revenue_floor_conversion,
    rules,
    signal_threshold,
    switch_ratio,
    triggered_signals,
)
from common.numbers import format_number

__all__ = [  # what the tests and the contract read here; each lives in the module that computes it
    "CURRENCIES", "DAY_STEP", "FLIP_LABELS", "INPUT_IDS", "MAX_DAYS", "OUTPUT_IDS", "compute", "days_reaching",
    "decision", "external_annual_cost", "flip_points", "flip_sentence", "internal_loaded_cost", "recommend",
    "render_extra", "signal_threshold", "switch_ratio", "triggered_signals",
]

INPUT_IDS = (
    "currency", "external_mode", "day_rate", "days_per_week", "hourly_rate", "hours_per_week", "monthly_retainer",
    "direction_share_pct", "weeks_per_year", "gross_salary", "employer_charges_pct", "recruitment_cost_pct",
    "notice_months", "ramp_up_months", "execution_budget", "coordination_hours_per_week", "annual_revenue",
    "needs_fast_iteration",
)
OUTPUT_IDS = (
    "external_annual_cost", "internal_loaded_cost", "cost_ratio", "first_year_internal_cost", "steady_internal_cost",
    "steady_external_cost", "internal_cost_per_day", "coverage", "break_even_days_per_week",
    "days_at_band_low", "days_at_band_high", "signals", "recommendation", "flips",
)


def compute(values: dict, settings: dict) -> dict:
    v = values
    currency = v["currency"]
    fees, retained_execution, missing = direction_fees(v)
    loaded = internal_loaded_cost(v["gross_salary"], v["employer_charges_pct"] / 100)
    loaded_outcome = Outcome(value=loaded, label=money(loaded, currency),
                             note=f"Salaire brut et {format_number(v['employer_charges_pct'], 1)} % de charges patronales.")
    if fees is None:
        note = f"Renseignez {missing} pour ce mode de facturation."
        return {**{output: Outcome(note=note) for output in OUTPUT_IDS}, "internal_loaded_cost": loaded_outcome}
    out: dict[str, Outcome] = {"external_annual_cost": _external_cost(v, fees), "internal_loaded_cost": loaded_outcome}
    shown_ratio, out["cost_ratio"] = _cost_ratio(fees, loaded, settings)
    out.update(_yearly_costs(v, settings, fees, retained_execution, loaded))
    out["coverage"] = _coverage(v, settings)
    out.update(_band_days(v, settings, loaded))
    signals, out["signals"] = _signals(v, settings, shown_ratio)
    choice, out["recommendation"] = _recommendation(v, settings, signals, shown_ratio)
    out["flips"] = flips_outcome(v, settings, choice)
    return out


def _external_cost(v: dict, fees: Decimal) -> Outcome:
    how = {
        "jour": f"{format_number(v['days_per_week'])} j par semaine pendant {format_number(v['weeks_per_year'])} semaines facturées.",
        "heure": f"{format_number(v['hours_per_week'] or 0)} h par semaine pendant {format_number(v['weeks_per_year'])} semaines facturées.",
        "forfait": "Forfait mensuel × 12 × part consacrée à la direction.",
    }[v["external_mode"]]
    return Outcome(value=fees, label=money(fees, v["currency"]), note=how)


def _band(settings: dict) -> tuple[Decimal, Decimal]:
    return threshold(settings, "honoraires-part-basse") / 100, threshold(settings, "honoraires-part-haute") / 100


def _cost_ratio(fees: Decimal, loaded: Decimal, settings: dict) -> tuple[Decimal | None, Outcome]:
    """(the ratio as shown, the output): shown as a percentage with one decimal, and judged on that shown value."""
    band_low, band_high = _band(settings)
    band = f"{format_number(band_low * 100)} à {format_number(band_high * 100)} %"
    ratio = fees / loaded if loaded > 0 else None
    shown_ratio = shown(ratio * 100, 1) / 100 if ratio is not None else None
    if ratio is None or shown_ratio is None:
        return None, Outcome(note="Sans salaire interne à comparer (salaire brut de 0), ce rapport n'est pas défini.")
    if shown_ratio < band_low:
        return shown_ratio, Outcome(
            value=ratio, status="externe", status_text=f"Sous la fourchette indicative ({band})",
            note="Les honoraires restent sous la fourchette qu'Antoine Blot donne comme l'un des "
                 "trois indicateurs du moment d'internaliser : cet indicateur n'est pas atteint.")
    if shown_ratio <= band_high:
        return shown_ratio, Outcome(
            value=ratio, status="a-surveiller", status_text=f"Dans la fourchette indicative ({band})",
            note="Les honoraires sont dans la fourchette qu'Antoine Blot donne comme l'un des trois "
                 "indicateurs du moment d'internaliser ; la recommandation tient compte des deux autres.")
    return shown_ratio, Outcome(
        value=ratio, status="interne", status_text=f"Au-delà de la fourchette indicative ({band})",
        note="Les honoraires dépassent la fourchette qu'Antoine Blot donne comme l'un des trois "
             "indicateurs du moment d'internaliser ; au-delà, la règle du guide conseille "
             "d'internaliser, sauf sous le plancher de chiffre d'affaires.")


def _yearly_costs(v: dict, settings: dict, fees: Decimal, retained_execution: Decimal, loaded: Decimal) -> dict:
    """Year 1 and a steady year of each option, and an internal day's cost."""
    currency, mode = v["currency"], v["external_mode"]
    out = {}
    execution = retained_execution if mode == "forfait" else v["execution_budget"]
    notice = min(v["notice_months"], 12)
    recruitment = v["gross_salary"] * v["recruitment_cost_pct"] / 100
    efficiency = threshold(settings, "efficacite-montee-en-competence") / 100  # an assumption of seuils.yml
    ramp = loaded * min(v["ramp_up_months"], 12 - notice) * (1 - efficiency) / 12  # multiplied first: exact
    first_year = recruitment + fees * notice / 12 + loaded * (12 - notice) / 12 + ramp + v["execution_budget"]
    out["first_year_internal_cost"] = Outcome(
        value=first_year, label=estimate(first_year, currency),
        note=(f"Dont {estimate(recruitment, currency)} de recrutement, {estimate(fees * notice / 12, currency)} de direction "
              f"externe pendant {format_number(notice)} mois d'attente et {estimate(ramp, currency)} de montée en "
              f"compétence (coût caché : ces mois comptent à {format_number(efficiency * 100)} % d'efficacité)."))
    steady_internal = loaded + v["execution_budget"]
    steady_external = fees + execution
    out["steady_internal_cost"] = Outcome(value=steady_internal, label=money(steady_internal, currency),
                                          note="Salaire chargé et budget d'exécution qui reste.")
    out["steady_external_cost"] = Outcome(
        value=steady_external, label=money(steady_external, currency),
        note="Honoraires de direction et exécution comprise dans le forfait." if mode == "forfait"
        else "Honoraires de direction et le même budget d'exécution.")
    # The weeks field is the external direction's (hidden for a retainer): a retainer counts the field's default.
    weeks = v["weeks_per_year"] if mode != "forfait" else Decimal(str(
        item_by_id(settings["internalisation"]["calculateur"]["entrees"], "weeks_per_year")["defaut"]))
    presence_days = MAX_DAYS * weeks
    per_day = loaded / presence_days
    compare = f", contre {money(v['day_rate'], currency)} pour une journée externe" if mode == "jour" else ""
    out["internal_cost_per_day"] = Outcome(value=per_day, label=money(per_day, currency),
                                           note=f"Salaire chargé divisé par {format_number(presence_days)} jours de présence "
                                                f"({MAX_DAYS} jours sur {format_number(weeks)} semaines){compare}.")
    return out


def _coverage(v: dict, settings: dict) -> Outcome:
    """Whether the external direction's weekly presence covers the coordination the company needs."""
    mode = v["external_mode"]
    hours_per_day = threshold(settings, "heures-journee")
    presence = (v["days_per_week"] * hours_per_day if mode == "jour" else v["hours_per_week"] if mode == "heure" else None)
    needed = v["coordination_hours_per_week"]
    if presence is None:
        return Outcome(value="inconnue", label="Présence non précisée",
                       note="Au forfait, la présence hebdomadaire n'est pas connue : vérifiez qu'elle couvre la coordination.")
    if needed <= presence:
        return Outcome(value="couverte", label="Couverte", status="externe", status_text="Présence suffisante",
                       note=f"{format_number(presence)} h de présence par semaine pour {format_number(needed)} h de coordination.")
    return Outcome(
        value="insuffisante", label=f"{format_number(presence)} h sur {format_number(needed)} h",
        status="a-surveiller", status_text="Présence insuffisante",
        note=(f"{format_number(presence)} h de présence par semaine pour {format_number(needed)} h de coordination : "
              "la direction externe ne peut pas tout coordonner à ce rythme."))


def _band_days(v: dict, settings: dict, loaded: Decimal) -> dict:
    """The days a week at which the fees reach the loaded cost, and each end of the band."""
    band_low, band_high = _band(settings)
    mode = v["external_mode"]
    out = {}
    no_fees = ("Sans honoraires (tarif journalier de 0), ce nombre de jours n'est pas défini." if mode == "jour"
               else "Ne s'applique qu'à une direction facturée à la journée.")
    for output, fraction, reached, never in (
        ("break_even_days_per_week", None, "les honoraires égalent ou dépassent le coût d'une direction interne",
         "les honoraires restent sous le coût d'une direction interne"),
        ("days_at_band_low", band_low, f"les honoraires atteignent {format_number(band_low * 100)} % du salaire chargé",
         f"les honoraires n'atteignent pas {format_number(band_low * 100)} % du salaire chargé"),
        ("days_at_band_high", band_high, f"les honoraires atteignent {format_number(band_high * 100)} % du salaire chargé",
         f"les honoraires n'atteignent pas {format_number(band_high * 100)} % du salaire chargé"),
    ):
        days = days_reaching(fraction, loaded, v["day_rate"], v["weeks_per_year"]) if mode == "jour" else None
        if days is None:
            out[output] = Outcome(note=no_fees)
            continue
        # The exact value for the JSON (the formula sheet's), the point as the band is judged for the reader.
        exact = (loaded if fraction is None else fraction * loaded) / (v["day_rate"] * v["weeks_per_year"])
        if days > MAX_DAYS:
            out[output] = Outcome(value=exact, label=f"Au-delà de {MAX_DAYS}\u00a0j par semaine",
                                  note=f"Même à {MAX_DAYS} jours par semaine, {never} : ce seuil n'est jamais atteint.")
        else:
            rounding = " (rapport arrondi au dixième, comme affiché)" if fraction is not None else ""
            out[output] = Outcome(value=exact, label=f"{format_number(days, 2)}\u00a0j par semaine",
                                  note=f"À partir de ce nombre de jours par semaine, {reached}{rounding}.")
    return out


def _signals(v: dict, settings: dict, shown_ratio: Decimal | None) -> tuple[list[str], Outcome]:
    """(the indicators that hold, the output naming them with their explanations)."""
    regles = rules(settings)
    currency = v["currency"]
    signals = triggered_signals(shown_ratio, v["coordination_hours_per_week"], v["needs_fast_iteration"],
                                v["annual_revenue"], settings, currency)
    names = {item["id"]: item["libelle"] for item in regles["signaux"]}
    if not signals:
        return signals, Outcome(value=[], label="Aucun", note="Aucun indicateur d'internalisation n'est présent.")
    explained = " ".join(item["explication"] for item in regles["signaux"] if item["id"] in signals)
    if "revenue_guard" in signals:
        explained += revenue_floor_conversion(settings, currency)
    return signals, Outcome(value=signals, label=", ".join(names[item] for item in signals), note=explained)


def _recommendation(v: dict, settings: dict, signals: list[str], shown_ratio: Decimal | None) -> tuple[str, Outcome]:
    """(the recommendation's id, the output): the rule, and the revenue guard named when it is what holds it back."""
    regles = rules(settings)
    choice = recommend(signals, shown_ratio, settings)
    recommendation = item_by_id(regles["recommandations"], choice)
    note = recommendation["explication"]
    rule = regles["regle"]
    if choice == "hybride" and rule["garde_fou"] in signals and recommend(
            [item for item in signals if item != rule["garde_fou"]], shown_ratio, settings) == "internaliser":
        note = f"{regles['garde_fou_texte']}{revenue_floor_conversion(settings, v['currency'])} {note}"
    return choice, Outcome(value=choice, label=recommendation["titre"], note=note)
