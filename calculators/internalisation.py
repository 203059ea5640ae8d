"""Fractional CMO or in-house marketing director: yearly costs, the 60-70 % band, signals, recommendation.

F = day rate x days a week x billed weeks; L = gross salary x (1 + employer charges).
The band, the coordination hours and the revenue floor come from ``frameworks/seuils.yml``;
the signals and the recommendation rule from the ``regles`` block of
``frameworks/internalisation.yml``. ``render_extra`` draws the chart (inline SVG), so the
build's pre-render and the browser's live result are the same drawing.
"""

from __future__ import annotations

import math
from decimal import ROUND_CEILING, Decimal

from calculators.contract import Outcome, item_by_id, shown, threshold, threshold_in_euros
from calculators.flips import Axis, Flip, flips_along
from common.html import Html, element
from common.numbers import format_money, format_number, round_half_up
from common.site_map import HOME, page_url

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
CURRENCIES = {"eur": "€", "cad": "$\u00a0CAD"}
MAX_DAYS = 5  # a working week: the chart's range and the inputs' upper bound


def external_annual_cost(day_rate: Decimal, days_per_week: Decimal, weeks_per_year: Decimal) -> Decimal:
    return day_rate * days_per_week * weeks_per_year


def internal_loaded_cost(gross_salary: Decimal, employer_charges: Decimal) -> Decimal:
    """Gross salary plus employer charges (a ratio: 0.43 = 43 %)."""
    return gross_salary * (1 + employer_charges)


DAY_STEP = Decimal("0.01")  # days a week are shown, and stated, to the hundredth


def days_reaching(fraction: Decimal | None, loaded: Decimal, day_rate: Decimal, weeks_per_year: Decimal) -> Decimal | None:
    """The fewest days a week, to the hundredth, at which the fees reach ``fraction`` of the loaded cost as the
    ratio is shown (0,1 % half up, as the band is judged), or reach the loaded cost itself (``None``): the
    same point as the flips on « Jours par semaine ». None without fees."""
    yearly_per_day = day_rate * weeks_per_year
    if yearly_per_day <= 0 or loaded <= 0:
        return None

    def reached(days: Decimal) -> bool:
        fees = yearly_per_day * days
        return fees >= loaded if fraction is None else shown(fees / loaded * 100, 1) >= fraction * 100

    target = loaded if fraction is None else switch_ratio(fraction * 100) * loaded
    days = (target / yearly_per_day).quantize(DAY_STEP, rounding=ROUND_CEILING)
    while days > 0 and reached(days - DAY_STEP):
        days -= DAY_STEP
    while not reached(days):
        days += DAY_STEP
    return days


def rules(settings: dict) -> dict:
    return settings["internalisation"]["regles"]


def signal_threshold(settings: dict, signal_id: str, currency: str = "eur") -> Decimal:
    """A signal's figure; a Canadian-dollar figure is converted for amounts typed in euros only."""
    signal = item_by_id(rules(settings)["signaux"], signal_id)
    if "seuil" not in signal:
        raise ValueError(f"le signal « {signal_id} » n'a pas de seuil dans internalisation.yml : le calculateur en a besoin")
    return threshold(settings, signal["seuil"]) if currency == "cad" else threshold_in_euros(settings, signal["seuil"])


def triggered_signals(ratio: Decimal | None, coordination_hours: Decimal, needs_fast_iteration: bool,
                      annual_revenue: Decimal, settings: dict, currency: str = "eur") -> list[str]:
    """Ids of the indicators that hold, in the order of the YAML."""
    band_low = signal_threshold(settings, "budget") / 100
    holds = {
        "budget": ratio is not None and ratio >= band_low,
        "complexity": coordination_hours >= signal_threshold(settings, "complexity"),
        "data": bool(needs_fast_iteration),
        "revenue_guard": annual_revenue < signal_threshold(settings, "revenue_guard", currency),
    }
    return [item["id"] for item in rules(settings)["signaux"] if holds.get(item["id"])]


def recommend(signals: list[str], ratio: Decimal | None, settings: dict) -> str:
    """The rule of ``regles.regle``: internalise on a high ratio or enough signals, unless the revenue guard holds."""
    rule = rules(settings)["regle"]
    counted = sum(1 for signal in rule["signaux_comptes"] if signal in signals)
    high = threshold(settings, rule["ratio_internaliser"]) / 100
    internalise = (ratio is not None and ratio >= high) or counted >= rule["internaliser_des"]
    if internalise:
        return "hybride" if rule["garde_fou"] in signals else "internaliser"
    if counted >= rule["hybride_des"]:
        return "hybride"
    return "externaliser"


def revenue_floor_conversion(settings: dict, currency: str) -> str:
    """For amounts in euros, the sentence that gives the Canadian-dollar revenue floor in euros; nothing in $ CAD."""
    if currency == "cad":
        return ""
    rate = threshold(settings, "taux-change-cad-eur")
    floor = signal_threshold(settings, "revenue_guard")
    return (f" Vos montants sont en euros : au taux de {format_number(rate)} € pour 1 $ CAD (hypothèse du guide), "
            f"ce repère vaut {money(floor, 'eur')}.")


def estimate(value: Decimal, currency: str) -> str:
    """An estimate built on assumptions (months of waiting, a ramp-up), shown to the unit of money: its cents
    would claim a precision it does not have."""
    return money(round_half_up(value, 0), currency)


def money(value, currency: str) -> str:
    """An amount in the chosen currency: « 92 000 € », or « 92 000 $ CAD » (fr-CA groups with no-break spaces)."""
    text = format_money(value, CURRENCIES.get(currency, "€"))
    return text.replace("\u202f", "\u00a0") if currency == "cad" else text


def direction_fees(v: dict) -> tuple[Decimal | None, Decimal, str]:
    """(yearly direction fees, yearly execution included in a retainer, what is missing) for the billing mode."""
    mode = v["external_mode"]
    if mode == "heure":
        if v["hourly_rate"] is None or v["hours_per_week"] is None:
            return None, Decimal(0), "« Tarif horaire du CMO externe » et « Heures facturées par semaine »"
        return v["hourly_rate"] * v["hours_per_week"] * v["weeks_per_year"], Decimal(0), ""
    if mode == "forfait":
        if v["monthly_retainer"] is None:
            return None, Decimal(0), "« Forfait mensuel de la direction externe »"
        share = (v["direction_share_pct"] if v["direction_share_pct"] is not None else Decimal(100)) / 100
        yearly = v["monthly_retainer"] * 12
        return yearly * share, yearly * (1 - share), ""
    return external_annual_cost(v["day_rate"], v["days_per_week"], v["weeks_per_year"]), Decimal(0), ""


def decision(v: dict, settings: dict) -> str | None:
    """The recommendation for these values (None without fees to compare): the rule, on the ratio as shown."""
    fees, _, _ = direction_fees(v)
    loaded = internal_loaded_cost(v["gross_salary"], v["employer_charges_pct"] / 100)
    if fees is None or loaded <= 0:
        return None
    ratio = shown(fees / loaded * 100, 1) / 100
    signals = triggered_signals(ratio, v["coordination_hours_per_week"], v["needs_fast_iteration"],
                                v["annual_revenue"], settings, v["currency"])
    return recommend(signals, ratio, settings)


def compute(values: dict, settings: dict) -> dict:
    v = values
    regles = rules(settings)
    currency = v["currency"]
    out: dict[str, Outcome] = {}
    fees, retained_execution, missing = direction_fees(v)
    loaded = internal_loaded_cost(v["gross_salary"], v["employer_charges_pct"] / 100)
    mode = v["external_mode"]
    if fees is None:
        note = f"Renseignez {missing} pour ce mode de facturation."
        for output in OUTPUT_IDS:
            out[output] = Outcome(note=note)
        out["internal_loaded_cost"] = Outcome(value=loaded, label=money(loaded, currency),
                                              note=f"Salaire brut et {format_number(v['employer_charges_pct'], 1)} % de charges patronales.")
        return out
    how = {
        "jour": f"{format_number(v['days_per_week'])} j par semaine pendant {format_number(v['weeks_per_year'])} semaines facturées.",
        "heure": f"{format_number(v['hours_per_week'] or 0)} h par semaine pendant {format_number(v['weeks_per_year'])} semaines facturées.",
        "forfait": "Forfait mensuel × 12 × part consacrée à la direction.",
    }[mode]
    out["external_annual_cost"] = Outcome(value=fees, label=money(fees, currency), note=how)
    out["internal_loaded_cost"] = Outcome(
        value=loaded, label=money(loaded, currency),
        note=f"Salaire brut et {format_number(v['employer_charges_pct'], 1)} % de charges patronales.")

    band_low = threshold(settings, "honoraires-part-basse") / 100
    band_high = threshold(settings, "honoraires-part-haute") / 100
    band = f"{format_number(band_low * 100)} à {format_number(band_high * 100)} %"
    ratio = fees / loaded if loaded > 0 else None
    # The ratio is shown as a percentage with one decimal, and judged on that shown value.
    shown_ratio = shown(ratio * 100, 1) / 100 if ratio is not None else None
    if ratio is None or shown_ratio is None:
        out["cost_ratio"] = Outcome(note="Sans salaire interne à comparer (salaire brut de 0), ce rapport n'est pas défini.")
    elif shown_ratio < band_low:
        out["cost_ratio"] = Outcome(value=ratio, status="externe", status_text=f"Sous la fourchette indicative ({band})",
                                    note="Les honoraires restent sous la fourchette qu'Antoine Blot donne comme l'un des "
                                         "trois indicateurs du moment d'internaliser : cet indicateur n'est pas atteint.")
    elif shown_ratio <= band_high:
        out["cost_ratio"] = Outcome(value=ratio, status="a-surveiller", status_text=f"Dans la fourchette indicative ({band})",
                                    note="Les honoraires sont dans la fourchette qu'Antoine Blot donne comme l'un des trois "
                                         "indicateurs du moment d'internaliser ; la recommandation tient compte des deux autres.")
    else:
        out["cost_ratio"] = Outcome(value=ratio, status="interne", status_text=f"Au-delà de la fourchette indicative ({band})",
                                    note="Les honoraires dépassent la fourchette qu'Antoine Blot donne comme l'un des trois "
                                         "indicateurs du moment d'internaliser ; au-delà, la règle du guide conseille "
                                         "d'internaliser, sauf sous le plancher de chiffre d'affaires.")

    # Year 1 and a steady year of each option.
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

    hours_per_day = threshold(settings, "heures-journee")
    presence = (v["days_per_week"] * hours_per_day if mode == "jour" else v["hours_per_week"] if mode == "heure" else None)
    needed = v["coordination_hours_per_week"]
    if presence is None:
        out["coverage"] = Outcome(value="inconnue", label="Présence non précisée",
                                  note="Au forfait, la présence hebdomadaire n'est pas connue : vérifiez qu'elle couvre la coordination.")
    elif needed <= presence:
        out["coverage"] = Outcome(value="couverte", label="Couverte", status="externe", status_text="Présence suffisante",
                                  note=f"{format_number(presence)} h de présence par semaine pour {format_number(needed)} h de coordination.")
    else:
        out["coverage"] = Outcome(
            value="insuffisante", label=f"{format_number(presence)} h sur {format_number(needed)} h",
            status="a-surveiller", status_text="Présence insuffisante",
            note=(f"{format_number(presence)} h de présence par semaine pour {format_number(needed)} h de coordination : "
                  "la direction externe ne peut pas tout coordonner à ce rythme."))

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

    signals = triggered_signals(shown_ratio, v["coordination_hours_per_week"], v["needs_fast_iteration"],
                                v["annual_revenue"], settings, currency)
    names = {item["id"]: item["libelle"] for item in regles["signaux"]}
    if signals:
        explained = " ".join(item["explication"] for item in regles["signaux"] if item["id"] in signals)
        if "revenue_guard" in signals:
            explained += revenue_floor_conversion(settings, currency)
        out["signals"] = Outcome(value=signals, label=", ".join(names[item] for item in signals), note=explained)
    else:
        out["signals"] = Outcome(value=[], label="Aucun", note="Aucun indicateur d'internalisation n'est présent.")

    choice = recommend(signals, shown_ratio, settings)
    recommendation = item_by_id(regles["recommandations"], choice)
    note = recommendation["explication"]
    rule = regles["regle"]
    if choice == "hybride" and rule["garde_fou"] in signals and recommend(
            [item for item in signals if item != rule["garde_fou"]], shown_ratio, settings) == "internaliser":
        note = f"{regles['garde_fou_texte']}{revenue_floor_conversion(settings, currency)} {note}"
    out["recommendation"] = Outcome(value=choice, label=recommendation["titre"], note=note)

    flips, beyond = flip_points(v, settings, choice)
    titles = {item["id"]: item["titre"] for item in regles["recommandations"]}
    sentences = [flip_sentence(flip, titles[flip.becomes], currency) for flip in flips]
    count = len(sentences)
    unreachable = (" Aucune bascule dans les bornes du champ pour : "
                   + ", ".join(FLIP_LABELS[key].lower() if index else FLIP_LABELS[key] for index, key in enumerate(beyond))
                   + ".") if beyond else ""
    out["flips"] = Outcome(value=sentences,
                           label=f"{count} point{'s' if count > 1 else ''} de bascule" if count else "Aucun",
                           note=("Détail sous les résultats : chaque valeur est calculée en changeant cette seule hypothèse."
                                 if sentences else "Dans les bornes des champs, aucune hypothèse seule ne change la recommandation.")
                           + unreachable)
    return out


def switch_ratio(percent: Decimal) -> Decimal:
    """The smallest exact ratio judged to reach ``percent`` once shown with one decimal, half up: 59,95 % for
    60 %, 60,25 % for 60,25 % (shown 60,3 %)."""
    tenth = Decimal("0.1")
    shown_at_least = percent.quantize(tenth, rounding=ROUND_CEILING)  # the first shown value not below it
    return (shown_at_least - tenth / 2) / 100


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


# --- The chart -----------------------------------------------------------------------------

WIDTH, HEIGHT = 360, 250
LEFT, RIGHT, TOP, BOTTOM = 52, 14, 16, 44


def _nice_step(maximum: float) -> float:
    """A round tick step that gives about four ticks up to ``maximum``."""
    raw = maximum / 4
    power = 10 ** math.floor(math.log10(raw))
    for factor in (1, 2, 2.5, 5, 10):
        if raw <= factor * power:
            return factor * power
    return 10 * power


def _thousands(value: float, currency: str) -> str:
    if value >= 1000:
        return f"{format_number(value / 1000, 1)} k{currency}"
    return f"{format_number(value)} {currency}"


def render_extra(calculator, result) -> Html:
    """The link behind the recommendation, then the chart."""
    if not result.ok:
        return Html()
    return render_recommendation_link(calculator, result) + render_flips(result) + render_chart(calculator, result)


def render_flips(result) -> Html:
    """Where the recommendation flips, one assumption at a time, as a list."""
    sentences = result.outcomes["flips"].value or []
    if not sentences:
        return Html()
    return element(
        "section",
        element("p", element("strong", "Ce qui changerait la recommandation"), class_="guide-flips__title"),
        element("p", "Chaque ligne change une seule hypothèse, les autres restant celles que vous avez saisies."),
        element("ul", *(element("li", sentence) for sentence in sentences)),
        class_="guide-flips",
    )


def render_chart(calculator, result) -> Html:
    """The chart of both yearly costs against days a week (0 to 5), with the band and the break-even point."""
    if result.values["external_mode"] != "jour" or result.outcomes["external_annual_cost"].value is None:
        return element("p", "Le graphique compare les coûts selon le nombre de jours par semaine : "
                       "il s'affiche pour une direction facturée à la journée.", class_="guide-chart__absent")
    # Drawing coordinates need no exactness: the chart works in floats.
    v = {key: float(value) if isinstance(value, Decimal) else value for key, value in result.values.items()}
    fees_per_day = v["day_rate"] * v["weeks_per_year"]
    loaded = float(result.outcomes["internal_loaded_cost"].value)
    # Amounts under one unit of money (a denormal float from a test, a slip of the keyboard) give no scale.
    if fees_per_day <= 0 or not loaded or loaded < 1 or fees_per_day * MAX_DAYS < 1 or not (
            1e-6 < fees_per_day * MAX_DAYS / loaded < 1e6):
        return element("p", "Graphique non affiché : il faut un tarif journalier "
                       "et un salaire brut supérieurs à 0, d'ordres de grandeur comparables.", class_="guide-chart__absent")
    settings = calculator.settings
    low = float(threshold(settings, "honoraires-part-basse")) / 100
    high = float(threshold(settings, "honoraires-part-haute")) / 100
    currency = CURRENCIES.get(result.values["currency"], "€")
    top_cost = max(loaded, fees_per_day * MAX_DAYS)
    step = _nice_step(top_cost * 1.05)
    y_max = step * math.ceil(top_cost * 1.05 / step)
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM

    def x(days: float) -> float:
        return round(LEFT + plot_w * days / MAX_DAYS, 1)

    def y(cost: float) -> float:
        return round(TOP + plot_h * (1 - cost / y_max), 1)

    def line(css: str, x1: float, x2: float, y1: float, y2: float) -> Html:
        return element("line", class_=f"guide-chart__{css}", x1=x1, x2=x2, y1=y1, y2=y2)

    def text(css: str, at_x: float, at_y: float, anchor: str, content: str) -> Html:
        return element("text", content, class_=f"guide-chart__{css}", x=at_x, y=at_y, text_anchor=anchor)

    days_now = v["days_per_week"]
    fees_now = fees_per_day * days_now
    break_even = loaded / fees_per_day
    parts = [
        element("rect", class_="guide-chart__band", x=LEFT, y=y(high * loaded), width=plot_w,
                height=round(y(low * loaded) - y(high * loaded), 1)),
        text("small", LEFT + plot_w - 4, round(y(low * loaded) + 13, 1), "end",
             f"zone {format_number(low * 100)}-{format_number(high * 100)}\u00a0%"),
    ]
    for index in range(int(round(y_max / step)) + 1):
        tick = index * step
        parts.append(line("grid", LEFT, LEFT + plot_w, y(tick), y(tick)))
        parts.append(text("tick", LEFT - 5, y(tick) + 4, "end", _thousands(tick, currency)))
    for day in range(MAX_DAYS + 1):
        parts.append(text("tick", x(day), TOP + plot_h + 16, "middle", str(day)))
    parts += [
        line("axis", LEFT, LEFT + plot_w, y(0), y(0)),
        line("axis", LEFT, LEFT, TOP, y(0)),
        text("tick", LEFT + plot_w / 2, HEIGHT - 6, "middle", "Jours par semaine du CMO externe"),
        line("internal", LEFT, LEFT + plot_w, y(loaded), y(loaded)),
        text("label", LEFT + plot_w - 2, round(y(loaded) - 5, 1), "end", "Interne"),
    ]
    end_days = min(MAX_DAYS, y_max / fees_per_day)
    parts.append(element("line", class_="guide-chart__external", x1=x(0), y1=y(0), x2=x(end_days), y2=y(fees_per_day * end_days)))
    parts.append(text("label guide-chart__label--external", round(x(end_days) - 10, 1),
                      round(y(fees_per_day * end_days) + 12, 1), "end", "Externe"))
    if break_even <= MAX_DAYS:
        parts.append(element("circle", class_="guide-chart__break-even", cx=x(break_even), cy=y(loaded), r=5))
        parts.append(text("small", round(x(break_even) + 8, 1), round(y(loaded) + 16, 1), "start",
                          f"équilibre {format_number(break_even, 2)} j"))
    parts.append(element("circle", class_="guide-chart__you", cx=x(days_now), cy=y(fees_now), r=5))
    # Above-left of the point (the line climbs to the right), or below-right near the origin.
    if days_now >= 1.5:
        label_x, label_y, anchor = x(days_now) - 8, y(fees_now) - 8, "end"
    else:
        label_x, label_y, anchor = x(days_now) + 8, y(fees_now) + 16, "start"
    parts.append(text("small", round(label_x, 1), round(label_y, 1), anchor, f"vous : {format_number(days_now, 2)} j"))

    if break_even <= MAX_DAYS:
        crossing = (f"Les deux coûts se croisent à {format_number(break_even, 2)} jours par semaine : "
                    "au-delà, la direction externe coûte plus cher qu'un recrutement.")
    else:
        crossing = "Les deux coûts ne se croisent pas avant 5 jours par semaine : la direction externe reste moins chère."
    description = (
        f"Coût annuel d'une direction externe selon le nombre de jours par semaine (de 0 à {MAX_DAYS}), "
        f"comparé au coût d'une direction interne, {format_money(loaded, currency)} par an. "
        f"La fourchette indicative d’internalisation va de {format_money(low * loaded, currency)} à {format_money(high * loaded, currency)}. "
        f"À {format_number(days_now, 2)} jours par semaine, les honoraires font {format_money(fees_now, currency)} par an. "
        + crossing
    )
    title_id, description_id = "calc-internalisation-chart-title", "calc-internalisation-chart-desc"
    svg = element(
        "svg",
        element("title", "Coût annuel : direction externe et direction interne", id=title_id),
        element("desc", description, id=description_id),
        *parts,
        class_="guide-chart", viewBox=f"0 0 {WIDTH} {HEIGHT}", role="img",
        aria_labelledby=f"{title_id} {description_id}", focusable="false",
    )
    rows = [
        element("tr", element("th", str(day), scope="row"), element("td", format_money(fees_per_day * day, currency)),
                element("td", format_money(loaded, currency)))
        for day in range(MAX_DAYS + 1)
    ]
    heading = element("tr", *(element("th", label, scope="col")
                               for label in ("Jours par semaine", "Direction externe", "Direction interne")))
    table = element("table", element("thead", heading), element("tbody", *rows))
    return element(
        "figure",
        svg,
        element("figcaption", description),
        element("details", element("summary", "Les valeurs du graphique"), table, class_="guide-chart__data"),
        class_="guide-chart-figure", data_chart="internalisation",
    )


def render_recommendation_link(calculator, result) -> Html:
    """A link to the sourcing option behind the recommendation (the page sits beside the others)."""
    outcome = result.outcomes.get("recommendation")
    if outcome is None or outcome.value is None:
        return Html()
    settings = calculator.settings
    recommendation = item_by_id(rules(settings)["recommandations"], outcome.value)
    option = item_by_id(settings["sourcing"]["options"], recommendation["option"])
    return element(
        "p",
        "Pour aller plus loin : ",
        element("a", option["nom"], href="../" + page_url(settings[HOME], "sourcing", option["id"])),
        f", sur la page « {settings['sourcing']['page']['titre_court']} », et ",
        element("a", settings["role-cmo"]["page"]["titre_court"], href="../" + page_url(settings[HOME], "role-cmo")),
        ".",
        class_="guide-calculator__more",
    )
