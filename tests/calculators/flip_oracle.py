"""The independent oracle of the flip points (« points de bascule »), shared by test_flip_oracle.py (the tuning
cases) and test_flip_oracle_heldout.py (the held-out cases): the flip sentence contract, the rule in exact
fractions read from the settings, and the checks of every stated sentence. Written from the YAML and the formula
sheet, never from the calculator's code. Standard library, pytest and hypothesis only (it runs inside Pyodide).
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

from calculators.contract import load_calculator, run

CALCULATOR = "internalisation"
LEVELS = {"externaliser": 0, "hybride": 1, "internaliser": 2}

# The Libellé of each sentence and the input it names (the flip sentence contract).
LABELS = {
    "Salaire brut": "gross_salary",
    "Charges patronales": "employer_charges_pct",
    "Tarif journalier": "day_rate",
    "Jours par semaine": "days_per_week",
    "Tarif horaire": "hourly_rate",
    "Heures par semaine": "hours_per_week",
    "Forfait mensuel": "monthly_retainer",
    "Part de direction du forfait": "direction_share_pct",
    "Heures de coordination": "coordination_hours_per_week",
    "Chiffre d'affaires": "annual_revenue",
}
FLIP_INPUTS = tuple(LABELS.values())
UP = ("à partir de", "au-delà de")
DOWN = ("sous", "ou moins")
SPACE = "[ \u00a0\u202f]"
SENTENCE = re.compile(
    rf"^(?P<label>.+?) (?P<rel>à partir de|au-delà de|sous|à) "
    rf"(?P<num>\d{{1,3}}(?:[\u00a0\u202f]\d{{3}})+(?:,\d+)?|\d+(?:,\d+)?){SPACE}"
    rf"(?P<unit>€|\$(?:{SPACE})?CAD|%|j|h)(?P<moins> ou moins)?{SPACE}?:{SPACE}«{SPACE}(?P<titre>.+?){SPACE}»$"
)


# ---------------------------------------------------------------------------------------------------------------
# The settings, read as plain data


def exact(value) -> Fraction:
    return Fraction(str(value))


def figure(settings: dict, threshold_id: str) -> tuple[Fraction, str]:
    [item] = [item for item in settings["seuils"]["seuils"] if item["id"] == threshold_id]
    return exact(item["valeur"]), str(item.get("unite", ""))


def entries(settings: dict) -> dict:
    return {entry["id"]: entry for entry in settings[CALCULATOR]["calculateur"]["entrees"]}


def display_step(entry: dict) -> Fraction:
    """The flip contract's display step of a field: money 1, percentages 0,1, days 0,01, hours 0,1."""
    kind, unit = entry["type"], str(entry.get("unite", ""))
    if kind == "montant":
        return Fraction(1)
    if kind == "pourcentage":
        return Fraction(1, 10)
    if unit.startswith("jour"):
        return Fraction(1, 100)
    if unit == "h":
        return Fraction(1, 10)
    raise AssertionError(f"no display step for {entry['id']}")


def expected_unit(entry: dict, currency: str) -> str:
    kind, unit = entry["type"], str(entry.get("unite", ""))
    if kind == "montant":
        return "$ CAD" if currency == "cad" else "€"
    if kind == "pourcentage":
        return "%"
    return "j" if unit.startswith("jour") else "h"


def visible(entry: dict, values: dict) -> bool:
    condition = entry.get("visible_si")
    return not condition or values.get(condition["champ"]) in condition["valeurs"]


@dataclass(frozen=True)
class Flip:
    direction: str  # "up" or "down"
    titre_point: Fraction  # the grid point nearest the current value at which the titre already holds
    current_point: Fraction  # the grid point beside it at which the current recommendation still holds
    titre: str  # a recommendation id


class Rule:
    """The rule of regles, in exact fractions, with the ratio judged as displayed (one decimal, half up)."""

    def __init__(self, settings: dict):
        self.settings = settings
        self.entries = entries(settings)
        regles = settings[CALCULATOR]["regles"]
        signals = {signal["id"]: signal for signal in regles["signaux"]}
        rule = regles["regle"]
        self.counted = tuple(rule["signaux_comptes"])
        self.internalise_from = int(rule["internaliser_des"])
        self.hybrid_from = int(rule["hybride_des"])
        self.band_low, _ = figure(settings, signals["budget"]["seuil"])
        self.band_high, _ = figure(settings, rule["ratio_internaliser"])
        self.coordination, _ = figure(settings, signals["complexity"]["seuil"])
        self.floor, self.floor_unit = figure(settings, signals[rule["garde_fou"]]["seuil"])
        self.cad_to_eur, _ = figure(settings, "taux-change-cad-eur")
        self.titles = {item["id"]: item["titre"] for item in regles["recommandations"]}
        self.ids_by_title = {title: rec_id for rec_id, title in self.titles.items()}

    # -- the quantities
    def floor_in(self, currency: str) -> Fraction:
        in_cad = "CAD" in self.floor_unit
        if currency == "cad":
            return self.floor if in_cad else self.floor / self.cad_to_eur
        return self.floor * self.cad_to_eur if in_cad else self.floor

    @staticmethod
    def fees(values: dict) -> Fraction | None:
        mode = values["external_mode"]
        if mode == "jour":
            return values["day_rate"] * values["days_per_week"] * values["weeks_per_year"]
        if mode == "heure":
            if values.get("hourly_rate") is None or values.get("hours_per_week") is None:
                return None
            return values["hourly_rate"] * values["hours_per_week"] * values["weeks_per_year"]
        if values.get("monthly_retainer") is None or values.get("direction_share_pct") is None:
            return None
        return values["monthly_retainer"] * 12 * values["direction_share_pct"] / 100

    @staticmethod
    def loaded(values: dict) -> Fraction:
        return values["gross_salary"] * (1 + values["employer_charges_pct"] / 100)

    @staticmethod
    def reaches(fees: Fraction, loaded: Fraction, percent: Fraction) -> bool:
        """Whether fees / loaded, shown as a percentage with one decimal rounded half up, is at least ``percent``."""
        tenths = math.ceil(percent * 10)
        return fees * 1000 >= (tenths - Fraction(1, 2)) * loaded

    def defined(self, values: dict) -> bool:
        return self.fees(values) is not None and self.loaded(values) > 0

    def signals(self, values: dict) -> set[str]:
        fees, loaded = self.fees(values), self.loaded(values)
        present = set()
        if self.reaches(fees, loaded, self.band_low):
            present.add("budget")
        if values["coordination_hours_per_week"] >= self.coordination:
            present.add("complexity")
        if values["needs_fast_iteration"]:
            present.add("data")
        return present & set(self.counted)

    def recommend(self, values: dict) -> str | None:
        if not self.defined(values):
            return None
        count = len(self.signals(values))
        internalise = self.reaches(self.fees(values), self.loaded(values), self.band_high) or count >= self.internalise_from
        guarded = values["annual_revenue"] < self.floor_in(values["currency"])
        if internalise and not guarded:
            return "internaliser"
        if internalise or count >= self.hybrid_from:
            return "hybride"
        return "externaliser"

    # -- the flips
    def grid(self, input_id: str) -> tuple[Fraction, int, int]:
        entry = self.entries[input_id]
        step = display_step(entry)
        first = math.ceil(exact(entry["min"]) / step)
        last = math.floor(exact(entry["max"]) / step)
        if input_id == "gross_salary":
            first = max(first, 1)  # no loaded cost at 0: the ratio, and so the rule, is undefined there
        return step, first, last

    def at(self, values: dict, input_id: str, point: Fraction) -> str | None:
        changed = dict(values)
        changed[input_id] = point
        return self.recommend(changed)

    def nearest_flip(self, values: dict, input_id: str, direction: str) -> Flip | None:
        """The nearest change of recommendation on the display grid, inside the bounds (the rule is monotonic in
        each input: fees raise the ratio, salary and charges lower it, hours and revenue only cross a threshold)."""
        current = self.recommend(values)
        step, first, last = self.grid(input_id)
        here = values[input_id]

        def differs(k: int) -> bool:
            return self.at(values, input_id, k * step) != current

        if direction == "up":
            low = max(first, math.floor(here / step) + 1)
            if low > last or not differs(last):
                return None
            high = last
            while low < high:  # the first k > here / step with another recommendation
                middle = (low + high) // 2
                if differs(middle):
                    high = middle
                else:
                    low = middle + 1
            beside = low - 1
        else:
            high = min(last, math.ceil(here / step) - 1)
            if high < first or not differs(first):
                return None
            low = first
            while low < high:  # the last k < here / step with another recommendation
                middle = (low + high + 1) // 2
                if differs(middle):
                    low = middle
                else:
                    high = middle - 1
            beside = low + 1
        if not first <= beside <= last or differs(beside):
            return None  # no grid point keeps the current recommendation beside the change: nothing can be stated
        return Flip(direction, low * step, beside * step, self.at(values, input_id, low * step))


# ---------------------------------------------------------------------------------------------------------------
# Inputs as a reader types them


def typed(value) -> str:
    if isinstance(value, bool):
        return "oui" if value else "non"
    if isinstance(value, str):
        return value
    value = Fraction(value)
    assert value >= 0
    decimals = 0
    while (value * 10**decimals).denominator != 1:
        decimals += 1
        assert decimals <= 12, value
    scaled = int(value * 10**decimals)
    whole, part = divmod(scaled, 10**decimals)
    return f"{whole},{part:0{decimals}d}" if decimals else str(whole)


def parse_number(text: str) -> Fraction:
    return Fraction(text.replace("\u202f", "").replace("\u00a0", "").replace(" ", "").replace(",", "."))


def resolve_default(settings: dict, entry: dict):
    """A field's default from the YAML: a number, a choice, a yes/no, or a figure of seuils.yml (« {seuil:id} », which
    the guide's loader may already have written out as « 43 % »)."""
    default = entry.get("defaut")
    if isinstance(default, bool) or default is None or entry["type"] in ("choix", "choix_multiple"):
        return default
    if isinstance(default, str):
        if default.startswith("{seuil:"):
            return figure(settings, default[len("{seuil:") : -1])[0]
        return parse_number(re.match(r"[\d\u00a0\u202f ]*\d(?:,\d+)?", default).group(0))
    return exact(default)


def full_case(settings: dict, **values) -> dict:
    """Every input the rule needs (the YAML defaults, then ``values``), as exact numbers."""
    case = {entry_id: resolve_default(settings, entry) for entry_id, entry in entries(settings).items()}
    kinds = {entry_id: entry["type"] for entry_id, entry in entries(settings).items()}
    for key, value in values.items():
        plain = isinstance(value, bool) or value is None or kinds[key] in ("choix", "choix_multiple", "oui_non")
        case[key] = value if plain else exact(value)
    return case


def raw_inputs(settings: dict, case: dict) -> dict:
    raw = {}
    for entry_id, entry in entries(settings).items():
        value = case.get(entry_id)
        if value is None or not visible(entry, case):
            continue
        raw[entry_id] = typed(value)
    return raw


# ---------------------------------------------------------------------------------------------------------------
# The checks


@dataclass
class Sentence:
    text: str
    input_id: str
    relation: str
    value: Fraction
    titre: str | None

    @property
    def direction(self) -> str:
        return "up" if self.relation in UP else "down"

    def titre_point(self, step: Fraction) -> Fraction:
        return {"à partir de": self.value, "au-delà de": self.value + step, "sous": self.value - step, "ou moins": self.value}[self.relation]


def parse_sentence(text: str, rule: Rule, currency: str, problems: list) -> Sentence | None:
    match = SENTENCE.match(text.replace("\u2019", "'"))
    if not match:
        problems.append(f"unreadable sentence {text!r}")
        return None
    label, relation = match["label"], match["rel"]
    if (relation == "à") != bool(match["moins"]):
        problems.append(f"{text!r}: relation is none of « à partir de », « au-delà de », « sous », « à … ou moins »")
        return None
    relation = "ou moins" if match["moins"] else relation
    if label not in LABELS:
        problems.append(f"{text!r}: « {label} » names no input of the contract")
        return None
    input_id = LABELS[label]
    entry = rule.entries[input_id]
    unit = re.sub(SPACE, " ", match["unit"]).replace("$CAD", "$ CAD")
    if unit != expected_unit(entry, currency):
        problems.append(f"{text!r}: unit « {unit} », expected « {expected_unit(entry, currency)} »")
    titre = rule.ids_by_title.get(match["titre"])
    if titre is None:
        problems.append(f"{text!r}: « {match['titre']} » is no recommendation's titre")
    return Sentence(text, input_id, relation, parse_number(match["num"]), titre)


def recommendation_of(calc, raw: dict):
    result = run(calc, raw)
    if not result.ok:
        return None, result.errors
    return result.outcomes["recommendation"].value, None


def shown_days(outcome) -> Fraction | None:
    """A band output as the reader sees it: its label, or its value rounded half up to the day's display step."""
    if outcome.label:
        found = re.search(r"\d{1,3}(?:[\u00a0\u202f]\d{3})*(?:,\d+)?", outcome.label)
        return parse_number(found.group(0)) if found else None
    if outcome.value is None:
        return None
    return Fraction(Decimal(str(outcome.value)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP))


BANDS = (("days_at_band_low", "band_low"), ("days_at_band_high", "band_high"), ("break_even_days_per_week", None))


def problems_of(calc, rule: Rule, case: dict) -> list[str]:
    """Everything wrong with the flips of ``case`` (a full case of exact values)."""
    raw = raw_inputs(rule.settings, case)
    result = run(calc, raw)
    if not result.ok:
        return [f"the case itself is refused: {result.errors}"]
    problems: list[str] = []
    current = result.outcomes["recommendation"].value
    expected = rule.recommend(case)
    if expected is not None and current != expected:
        problems.append(f"recommendation {current!r}, the rule gives {expected!r}")
    if current is None:
        return problems
    flips = result.outcomes["flips"].value or []
    sentences = []
    for text in flips:
        sentence = parse_sentence(text, rule, case["currency"], problems)
        if sentence is None:
            continue
        sentences.append(sentence)
        problems.extend(f"{text!r}: {problem}" for problem in sentence_problems(calc, rule, case, raw, current, sentence))

    if not rule.defined(case):
        return problems
    # Completeness, against the oracle.
    for input_id in FLIP_INPUTS:
        entry = rule.entries[input_id]
        step = display_step(entry)
        for direction in ("up", "down"):
            stated = [s for s in sentences if s.input_id == input_id and s.direction == direction]
            flip = rule.nearest_flip(case, input_id, direction) if visible(entry, case) else None
            if len(stated) > 1:
                problems.append(f"{input_id} {direction}: {len(stated)} sentences {[s.text for s in stated]}")
            if flip is None:
                for sentence in stated:
                    side = sentence.titre_point(step)
                    if input_id == "gross_salary" and side <= 0:
                        continue  # a statement about an undefined ratio: not the oracle's business
                    problems.append(f"{sentence.text!r}: the rule has no change of recommendation that way inside the bounds")
                continue
            wanted = f"{input_id} {direction}: the rule switches to {flip.titre!r} at {typed(flip.titre_point)} (still {current!r} at {typed(flip.current_point)})"
            if not stated:
                problems.append(f"missing flip: {wanted}")
            for sentence in stated:
                if sentence.titre_point(step) != flip.titre_point or sentence.titre != flip.titre:
                    problems.append(f"{sentence.text!r} disagrees with the oracle: {wanted}")
    # The days flips agree with the bands shown above them.
    if case["external_mode"] == "jour":
        step = display_step(rule.entries["days_per_week"])
        for direction in ("up", "down"):
            flip = rule.nearest_flip(case, "days_per_week", direction)
            if flip is None:
                continue
            lower = min(flip.titre_point, flip.current_point)
            below, above = dict(case, days_per_week=lower), dict(case, days_per_week=lower + step)
            for output_id, attribute in BANDS:
                percent = getattr(rule, attribute) if attribute else Fraction(100)
                crossed = rule.reaches(rule.fees(below), rule.loaded(below), percent) != rule.reaches(rule.fees(above), rule.loaded(above), percent)
                if not crossed:
                    continue
                shown = shown_days(result.outcomes[output_id])
                # Shown on the day's step, it must be that point; shown finer, no step may separate them.
                if shown is None or math.ceil(shown / step) * step != lower + step:
                    problems.append(
                        f"{output_id} shows {None if shown is None else typed(shown)} j, but the displayed ratio first reaches "
                        f"{typed(percent)} % at {typed(lower + step)} j, where the recommendation changes ({flip.titre!r} {direction})"
                    )
    return problems


def sentence_problems(calc, rule: Rule, case: dict, raw: dict, current: str, sentence: Sentence) -> list[str]:
    entry = rule.entries[sentence.input_id]
    step = display_step(entry)
    low, high = exact(entry["min"]), exact(entry["max"])
    value = sentence.value
    problems = []
    if not visible(entry, case):
        problems.append("names a field the billing mode hides")
    if (value / step).denominator != 1:
        problems.append(f"the value is not on the display step {typed(step)}")
    if not low <= value <= high:
        problems.append(f"the value lies outside the field's bounds [{typed(low)}, {typed(high)}]")
        return problems
    if sentence.titre is None:
        return problems
    if sentence.titre == current:
        problems.append("names the current recommendation")
        return problems
    checks = {
        "à partir de": ((value, sentence.titre), (value - step, current)),
        "au-delà de": ((value, current), (value + step, sentence.titre)),
        "sous": ((value, current), (value - step, sentence.titre)),
        "ou moins": ((value, sentence.titre), (value + step, current)),
    }[sentence.relation]
    for point, wanted in checks:
        if not low <= point <= high:
            problems.append(f"checking it needs {typed(point)}, outside the field's bounds [{typed(low)}, {typed(high)}]")
            continue
        changed = dict(raw)
        changed[sentence.input_id] = typed(point)
        got, errors = recommendation_of(calc, changed)
        if errors:
            problems.append(f"at {typed(point)} the calculator refuses the input: {errors}")
        elif got != wanted:
            problems.append(f"at {typed(point)} the calculator recommends {got!r}, the sentence implies {wanted!r}")
    return problems


def assert_flips_exact(calc, rule: Rule, case: dict) -> None:
    problems = problems_of(calc, rule, case)
    assert not problems, f"inputs {raw_inputs(rule.settings, case)}:\n  " + "\n  ".join(problems)


# ---------------------------------------------------------------------------------------------------------------
# Fixtures and strategies


class Checker:
    """The calculator and the oracle for one set of settings (with a short repr: Hypothesis prints its arguments)."""

    def __init__(self, settings: dict, name: str = "seuils.yml"):
        self.settings, self.name = settings, name
        self.calc = load_calculator(CALCULATOR, settings)
        self.rule = Rule(settings)

    def __repr__(self) -> str:
        return f"Checker({self.name})"

    def check(self, case: dict) -> None:
        assert_flips_exact(self.calc, self.rule, case)


# The thresholds an editor changes in the tests of other figures, in this order.
CHANGEABLE = ("honoraires-part-basse", "honoraires-part-haute", "heures-coordination", "chiffre-affaires-plancher",
              "taux-change-cad-eur")


def changeable_figures(settings: dict) -> tuple[Fraction, ...]:
    """Today's value of each of ``CHANGEABLE``, read from seuils.yml."""
    return tuple(figure(settings, threshold_id)[0] for threshold_id in CHANGEABLE)


def checker_with(settings: dict, with_threshold, changed: dict, cache: dict, key) -> Checker:
    """A checker on seuils.yml with ``changed`` (threshold id → new value) written in; made once per ``key``."""
    if key not in cache:
        new = settings
        for threshold_id, value in changed.items():
            new = with_threshold(new, threshold_id, float(value))
        cache[key] = Checker(new, f"seuils.yml with {', '.join(f'{k} = {typed(v)}' for k, v in changed.items())}")
    return cache[key]
