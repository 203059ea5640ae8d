"""The fractional CMO calculator's formulas and rule: costs, the fees ratio as shown, signals, recommendation.

F = day rate x days a week x billed weeks; L = gross salary x (1 + employer charges). The band, the coordination
hours and the revenue floor come from ``frameworks/seuils.yml``; the signals and the recommendation rule from the
``regles`` block of ``frameworks/internalisation.yml``. ``decision`` is the rule on a set of inputs: the outputs
(``internalisation.py``) and the flip points (``internalisation_flips.py``) both call it.
"""

from __future__ import annotations

from decimal import ROUND_CEILING, Decimal

from calculators.contract import item_by_id, shown, threshold, threshold_in_euros
from common.numbers import format_money, format_number, round_half_up

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


def switch_ratio(percent: Decimal) -> Decimal:
    """The smallest exact ratio judged to reach ``percent`` once shown with one decimal, half up: 59,95 % for
    60 %, 60,25 % for 60,25 % (shown 60,3 %)."""
    tenth = Decimal("0.1")
    shown_at_least = percent.quantize(tenth, rounding=ROUND_CEILING)  # the first shown value not below it
    return (shown_at_least - tenth / 2) / 100
