"""The calculator contract, standard library only (runs in CPython and Pyodide).

A calculator is a module of this package with ``INPUT_IDS``, ``OUTPUT_IDS`` and a pure
``compute(values, settings)``. Everything a reader sees (labels, units, defaults,
bounds, help, thresholds) comes from the ``calculateur`` block of the framework file of
the same name (``frameworks/roi.yml`` for ``roi``), exported as plain JSON settings:
one declaration drives the form, the build-time pre-render, the CLI and the browser.

``run(calculator, raw_inputs)`` parses raw text (French formats), validates every field,
computes, and returns either outputs or per-field French errors; never NaN, infinity
or a traceback.
"""

from __future__ import annotations

import importlib
import math
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal, localcontext

from common.figures import item_by_id, threshold_text  # noqa: F401 (the calculators import them from here too)
from common.numbers import (
    NumberError,
    currency_words,
    describe_character,
    format_money,
    format_number,
    format_percent,
    parse_number,
    round_half_up,
    to_decimal,
)
from common.typography import french_typography

# Calculators of the package; each name is also its framework file and its page.
CALCULATOR_NAMES = ("roi", "internalisation", "diagnostic")
# The other frameworks the calculators read (figures, and the lists a report quotes): the browser's
# bundle carries these and the calculators' own, nothing else (tests/builds/test_browser_stdlib.py runs them on it).
SHARED_FRAMEWORKS = ("accueil", "seuils", "phases", "signaux", "matrice-decision", "typologies", "modeles", "sourcing", "role-cmo")

KIND_EXAMPLES = {
    "montant": "un montant en chiffres, par exemple 12 500,50",
    "pourcentage": "un pourcentage en chiffres, par exemple 40",
    "nombre": "un nombre, par exemple 2,5",
    "entier": "un nombre entier, par exemple 12",
}
INPUT_MODES = {"montant": "decimal", "pourcentage": "decimal", "nombre": "decimal", "entier": "numeric"}
YES = {"oui", "o", "yes", "y", "true", "1", "vrai"}
NO = {"non", "n", "no", "false", "0", "faux"}


@dataclass(frozen=True)
class InputSpec:
    id: str
    label: str
    kind: str  # montant, pourcentage, nombre, entier, choix, choix_multiple, oui_non
    default: object
    help: str
    unit: str = ""
    minimum: float | None = None
    maximum: float | None = None
    options: tuple[tuple[str, str], ...] = ()  # (value, label) for "choix" and "choix_multiple"
    optional: bool = False  # an empty field is accepted (None): the outputs that need it say so
    suggestions: tuple[tuple[str, float | Decimal], ...] = ()  # (label, value) buttons that fill the field
    shown_if: tuple[str, tuple[str, ...]] | None = None  # (choice field, its values) for which the field shows

    def shown_for(self, values: dict) -> bool:
        """Whether the field applies to these values (a field of another billing mode does not)."""
        return self.shown_if is None or values.get(self.shown_if[0]) in self.shown_if[1]

    def option_label(self, value: str) -> str:
        return next((label for option, label in self.options if option == value), str(value))

    @property
    def label_with_unit(self) -> str:
        return f"{self.label} ({self.unit})" if self.unit else self.label

    @property
    def input_mode(self) -> str:
        return INPUT_MODES.get(self.kind, "text")

    def display(self, value) -> str:
        """A parsed value as the reader would type it (used for defaults and links)."""
        if value is None:
            return ""
        if self.kind == "oui_non":
            return "oui" if value else "non"
        if self.kind == "choix":
            return str(value)
        if self.kind == "choix_multiple":
            return ",".join(value)
        return format_number(to_decimal(value), 2).replace("\u202f", " ")

    def display_label(self, value) -> str:
        """A parsed value for a reader (option labels rather than ids), e.g. in the worked example."""
        if self.kind == "choix":
            return self.option_label(value)
        if self.kind == "choix_multiple":
            return ", ".join(self.option_label(item) for item in value) if value else "aucun"
        if value is None:
            return "non renseigné"
        text = self.display(value)
        return f"{text}\u00a0%" if self.kind == "pourcentage" else text


@dataclass(frozen=True)
class OutputSpec:
    id: str
    label: str
    format: str  # pourcentage, montant, ratio, nombre, jours, mois, texte, liste, oui_non
    help: str
    unit: str = ""


@dataclass(frozen=True)
class Calculator:
    name: str
    title: str
    inputs: tuple[InputSpec, ...]
    outputs: tuple[OutputSpec, ...]
    settings: dict = field(repr=False)  # every framework: too long to show in a test report
    compute: Callable[[dict, dict], dict] = field(repr=False)
    summary: tuple[str, ...] = ()  # the main outputs, kept in view on a phone while typing (``resume``)
    # Optional HTML shown under the results (a chart, a report), rendered by the calculator's module.
    render_extra: Callable[[Calculator, Result], str] | None = None

    def input(self, input_id: str) -> InputSpec:
        """The input ``input_id`` (``KeyError`` if the calculator has none)."""
        for spec in self.inputs:
            if spec.id == input_id:
                return spec
        raise KeyError(input_id)

    def defaults(self) -> dict:
        return {spec.id: spec.display(spec.default) for spec in self.inputs}


@dataclass
class Outcome:
    """One output: a value, or ``None`` with a note saying which input makes it undefined."""

    value: object = None
    note: str = ""
    status: str = ""  # e.g. "sain", "a-surveiller", "perte" against the guide's targets
    status_text: str = ""
    label: str = ""  # display text replacing the formatted value (an id shown by its name)


@dataclass
class Result:
    values: dict = field(default_factory=dict)
    outcomes: dict = field(default_factory=dict)
    errors: dict = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.errors


def _threshold_item(settings: dict, threshold_id: str) -> dict:
    try:
        return item_by_id(settings.get("seuils", {}).get("seuils", []), threshold_id)
    except KeyError:
        raise ValueError(f"repère « {threshold_id} » absent de seuils.yml : le calculateur en a besoin") from None


def threshold(settings: dict, threshold_id: str) -> Decimal:
    """A figure of ``frameworks/seuils.yml`` (the one the pages quote), by its id, as an exact decimal."""
    return to_decimal(_threshold_item(settings, threshold_id)["valeur"])


EXCHANGE_RATE_ID = "taux-change-cad-eur"


def threshold_in_euros(settings: dict, threshold_id: str) -> Decimal:
    """A figure compared with an amount typed in euros: a Québec source's Canadian dollars are converted
    at the guide's own exchange rate (``taux-change-cad-eur``, a dated « hypothèse du guide »), rounded to the euro."""
    item = _threshold_item(settings, threshold_id)
    value = to_decimal(item["valeur"])
    if "$ CAD" in item.get("unite", ""):
        return (value * threshold(settings, EXCHANGE_RATE_ID)).quantize(Decimal(1), rounding="ROUND_HALF_UP")
    return value


def options_of(entry: dict, settings: dict) -> tuple[tuple[str, str], ...]:
    """An input's options: listed in the entry, or taken from another framework's list
    (``options_depuis: {cadre: signaux, liste: signaux, libelle: titre}``) so that they are written once."""
    source = entry.get("options_depuis")
    if source:
        items = settings[source["cadre"]][source["liste"]]
        return tuple((item["id"], item[source["libelle"]]) for item in items)
    return tuple((option["id"], option["libelle"]) for option in entry.get("options", []))


def _default_value(entry: dict, default=None):
    """A numeric default (or suggestion) may be written as text (``{seuil:hausse-retention}`` becomes ``10 %``)."""
    default = entry["defaut"] if default is None else default  # an example's None (an empty field) is the default's
    if isinstance(default, str) and entry["type"] in KIND_EXAMPLES:
        try:
            return parse_number(default, None)
        except NumberError:
            return default  # reported by the guide's check as a refused default
    return default


def load_calculator(name: str, settings: dict) -> Calculator:
    """The calculator ``name``; ``settings`` is every framework as plain data (``settings[name]["calculateur"]``)."""
    if name not in CALCULATOR_NAMES:
        raise KeyError(name)
    module = importlib.import_module(f"calculators.{name}")
    block = settings[name]["calculateur"]
    # The form opens on the worked example printed on the page; an input the example leaves out takes its default.
    example = block.get("exemple", {}).get("entrees", {})
    inputs = tuple(
        InputSpec(
            id=entry["id"],
            label=entry["libelle"],
            kind=entry["type"],
            default=_default_value(entry, example[entry["id"]]) if entry["id"] in example else _default_value(entry),
            help=entry["aide"],
            unit=entry.get("unite", ""),
            minimum=entry.get("min"),
            maximum=entry.get("max"),
            options=options_of(entry, settings),
            optional=entry.get("optionnel", False),
            suggestions=tuple((item["libelle"], _default_value(entry, item["valeur"]))
                              for item in entry.get("suggestions", [])),
            shown_if=(entry["visible_si"]["champ"], tuple(entry["visible_si"]["valeurs"])) if "visible_si" in entry else None,
        )
        for entry in block["entrees"]
    )
    outputs = tuple(
        OutputSpec(id=entry["id"], label=entry["libelle"], format=entry["format"], help=entry["aide"],
                   unit=entry.get("unite", ""))
        for entry in block["sorties"]
    )
    declared_inputs = tuple(spec.id for spec in inputs)
    declared_outputs = tuple(spec.id for spec in outputs)
    if declared_inputs != tuple(module.INPUT_IDS) or declared_outputs != tuple(module.OUTPUT_IDS):
        raise ValueError(
            f"le calculateur {name} attend les entrées {module.INPUT_IDS} et les sorties {module.OUTPUT_IDS}, "
            f"le fichier déclare {declared_inputs} et {declared_outputs}"
        )
    return Calculator(name=name, title=block["titre"], inputs=inputs, outputs=outputs, settings=settings,
                      summary=tuple(block.get("resume", ())),
                      compute=module.compute, render_extra=getattr(module, "render_extra", None))


def _bounds_message(spec: InputSpec) -> str:
    def show(bound):
        if spec.kind == "montant":
            return format_money(bound, spec.unit or "€")
        if spec.kind == "pourcentage":
            return f"{format_number(bound)}\u00a0%"
        return format_number(bound)

    if spec.minimum is not None and spec.maximum is not None:
        return f"Saisissez une valeur entre {show(spec.minimum)} et {show(spec.maximum)}"
    if spec.minimum is not None:
        return f"Saisissez une valeur d'au moins {show(spec.minimum)}"
    return f"Saisissez une valeur d'au plus {show(spec.maximum)}"


# A calculator with a « currency » choice: its money fields take the chosen currency.
CURRENCY_INPUT = "currency"
CURRENCY_UNITS = {"eur": "€", "cad": "$ CAD"}


def parse_input(spec: InputSpec, raw, money_unit: str | None = None) -> tuple[object, str | None]:
    """(value, None) or (None, French error that says what to type)."""
    if spec.kind == "oui_non":
        if isinstance(raw, bool):
            return raw, None
        text = str(raw).strip().lower() if raw is not None else ""
        if text in YES:
            return True, None
        if text in NO:
            return False, None
        return None, f"Répondez oui ou non pour « {spec.label} »"
    if spec.kind == "choix":
        allowed = [value for value, _ in spec.options]
        if isinstance(raw, str) and raw.strip() in allowed:
            return raw.strip(), None
        return None, "Choisissez l'une des options : " + ", ".join(f"{value} ({label})" for value, label in spec.options)
    if spec.kind == "choix_multiple":
        return _parse_choices(spec, raw)

    example = KIND_EXAMPLES.get(spec.kind, "un nombre")
    # Empty: nothing, or only the spaces a keyboard types (an invisible or unusual character is named below).
    if raw is None or (isinstance(raw, str) and not raw.strip(" \t\n\r\u00a0\u202f")):
        if spec.optional:
            return None, None
        return None, f"Saisissez {example}"
    if isinstance(raw, bool):
        return None, f"Saisissez {example}"
    if isinstance(raw, (int, float, Decimal)):
        if isinstance(raw, float) and not math.isfinite(raw):
            return None, f"Saisissez {example}"
        value = to_decimal(raw)
    elif isinstance(raw, str):
        try:
            unit = "%" if spec.kind == "pourcentage" else (money_unit or spec.unit) if spec.kind == "montant" else spec.unit
            value = parse_number(raw, unit)
        except NumberError as problem:
            return None, number_error_message(spec, raw, problem, example, money_unit)
    else:
        return None, f"Saisissez {example}"
    if spec.kind == "entier" and value != value.to_integral_value():
        return None, "Saisissez un nombre entier, sans virgule, par exemple 12"
    if (spec.minimum is not None and value < to_decimal(spec.minimum)) or (
            spec.maximum is not None and value > to_decimal(spec.maximum)):
        return None, _bounds_message(spec)
    return (int(value) if spec.kind == "entier" else value), None


def number_error_message(spec: InputSpec, raw: str, problem: NumberError, example: str,
                         money_unit: str | None = None) -> str:
    """What to type instead, in French, for each way a number can be unreadable."""
    text = raw.strip()
    if problem.reason in ("caractère invisible", "chiffre non ASCII"):
        described = describe_character(problem.character)
        where = f"{described[0].upper()}{described[1:]} à la position {problem.position}"
        if problem.reason == "chiffre non ASCII":
            return f"{where} : tapez les chiffres de 0 à 9" + (f", ici {problem.suggestion}" if problem.suggestion else "")
        return f"{where} : {'remplacez-la par une espace ordinaire' if described.startswith('espace') else 'supprimez-le'}"
    if problem.reason == "unité":
        unit = "%" if spec.kind == "pourcentage" else (money_unit or spec.unit) if spec.kind == "montant" else spec.unit
        typed = currency_words(problem.unit)
        named = f" ({typed})" if typed and typed != problem.unit.lower() else ""
        if unit:
            advice = (f" : convertissez d'abord le montant en {currency_words(unit)}"
                      if spec.kind == "montant" and typed and currency_words(unit) else "")
            return f"Ce champ est en {unit} : « {problem.unit} »{named} n'y est pas accepté{advice}. Saisissez {example}"
        return f"Ce champ n'a pas d'unité : retirez « {problem.unit} ». Saisissez {example}"
    if problem.reason == "unité inconnue":
        unit = "%" if spec.kind == "pourcentage" else (money_unit or spec.unit) if spec.kind == "montant" else spec.unit
        where = f"Ce champ est en {unit}" if unit else "Ce champ n'a pas d'unité"
        return f"{where} : retirez « {problem.unit[:20]} » et saisissez {example}"
    if problem.reason == "abréviation":
        full = f", ici {problem.suggestion}" if problem.suggestion else ""
        return f"« {problem.unit} » est une abréviation : écrivez le nombre en entier{full}"
    if problem.reason == "point ambigu":
        number = text.split()[0] if text.split() else text
        whole, _, fraction = number.partition(".")
        decimals = fraction.rstrip("0")
        as_decimal = f"{whole},{decimals}" if decimals else whole
        return (f"« {text[:20]} » est ambigu : écrivez {whole} {fraction} s'il s'agit de milliers, "
                f"ou {as_decimal} avec une virgule s'il s'agit de décimales")
    if problem.reason == "espaces mal placés":
        separators = "apostrophes groupent les chiffres par trois (12'500)" if "'" in text or "\u2019" in text else (
            "espaces groupent les chiffres par trois (12 500)")
        return f"Les {separators} : vérifiez « {text[:20]} ». Saisissez {example}"
    if problem.reason == "nombre trop long":
        return f"Ce nombre est trop long pour être une valeur réaliste : vérifiez-le. Saisissez {example}"
    if problem.reason == "inachevé":
        return f"Nombre inachevé : complétez « {text[:20]} ». Saisissez {example}"
    return f"Saisissez {example}"


def _parse_choices(spec: InputSpec, raw) -> tuple[object, str | None]:
    """Several options: a list of ids, or ids separated by commas (``a,b``); none is a valid answer."""
    allowed = [value for value, _ in spec.options]
    if raw is None:
        items = []
    elif isinstance(raw, str):
        items = [item.strip() for item in raw.split(",") if item.strip()]
    elif isinstance(raw, (list, tuple)) and all(isinstance(item, str) for item in raw):
        items = [item.strip() for item in raw if item.strip()]
    else:
        return None, "Cochez des options parmi : " + ", ".join(f"{value} ({label})" for value, label in spec.options)
    unknown = [item for item in items if item not in allowed]
    if unknown:
        shown = ", ".join(f"« {item[:30]} »" for item in unknown[:3])
        return None, f"Option inconnue {shown} ; options possibles : " + ", ".join(
            f"{value} ({label})" for value, label in spec.options)
    return [value for value in allowed if value in items], None  # declaration order, no duplicates


def run(calculator: Calculator, raw_inputs: dict) -> Result:
    """Parse, validate and compute. Missing inputs take their default value."""
    result = Result()
    money_unit = None
    currency = next((spec for spec in calculator.inputs if spec.id == CURRENCY_INPUT), None)
    if currency is not None:
        chosen = raw_inputs.get(CURRENCY_INPUT, currency.default) if isinstance(raw_inputs, dict) else currency.default
        money_unit = CURRENCY_UNITS.get(str(chosen).strip())
    for input_spec in calculator.inputs:
        raw = raw_inputs.get(input_spec.id, input_spec.default) if isinstance(raw_inputs, dict) else input_spec.default
        value, error = parse_input(input_spec, raw, money_unit)
        if error:
            result.errors[input_spec.id] = error
        else:
            result.values[input_spec.id] = value
    if isinstance(raw_inputs, dict):
        known = {spec.id for spec in calculator.inputs}
        for key in raw_inputs:
            if key not in known:
                result.errors[str(key)] = "Paramètre inconnu ; paramètres possibles : " + ", ".join(sorted(known))
    if result.errors:
        return result
    try:
        with localcontext() as context:
            # Exact for every product of the bounded inputs, so a tie (x,xx5) is a tie and rounds half up.
            context.prec = 100
            outcomes = calculator.compute(dict(result.values), calculator.settings)
    except (ArithmeticError, ValueError):  # extreme values: say so rather than fail
        outcomes = {}
    for spec in calculator.outputs:
        outcome = outcomes.get(spec.id, Outcome(note="Résultat non calculable pour ces valeurs."))
        if isinstance(outcome.value, (float, Decimal)) and not math.isfinite(float(outcome.value)):
            outcome = Outcome(note="Résultat hors d'échelle pour ces valeurs : vérifiez les montants saisis.")
        result.outcomes[spec.id] = outcome
    return result


def display(spec: OutputSpec, value) -> str:
    """An output's value as a French display string."""
    if value is None:
        return ""
    if spec.format == "pourcentage":
        return format_percent(value)
    if spec.format == "montant":
        return format_money(value, spec.unit or "€")
    if spec.format == "ratio":
        return format_number(value, 2)
    if spec.format == "mois":
        return f"{format_number(value, 1)}\u00a0mois"
    if spec.format == "jours":
        return f"{format_number(value, 2)}\u00a0j par semaine"
    if spec.format == "oui_non":
        return "Oui" if value else "Non"
    if spec.format == "nombre":
        return format_number(value, 2)
    if spec.format == "liste":
        return ", ".join(str(item) for item in value)
    return str(value)


OUTPUT_UNITS = {"pourcentage": "%", "mois": "mois", "jours": "jours par semaine", "ratio": "", "nombre": ""}


def output_unit(spec: OutputSpec) -> str:
    """The unit of an output's number, for a spreadsheet column (the display string carries it already)."""
    if spec.format == "montant":
        return spec.unit or "€"
    return OUTPUT_UNITS.get(spec.format, "")


_SHOWN_FIGURE = re.compile(r"^(-?\d{1,3}(?:[ \u00a0\u202f]\d{3})*(?:,\d+)?|-?\d+(?:,\d+)?)(?:[ \u00a0\u202f]?(.*))?$")


def shown_figure(text: str) -> tuple[str, str]:
    """A displayed result as a spreadsheet reads it: (its number as shown, plain: ``2.75`` for « 2,75 »; its
    unit as shown: « % », « € », « $ CAD », « j par semaine »). ``("", "")`` for a text that is not a figure
    (« Couverte », « Phase 2 : … »): the CSV then keeps only the text shown."""
    match = _SHOWN_FIGURE.match(text.strip())
    if match is None:
        return "", ""
    number = re.sub(r"[ \u00a0\u202f]", "", match.group(1)).replace(",", ".")
    return number, (match.group(2) or "").strip()


def json_number(value):
    """An exact decimal result as a JSON number (its float, as JSON has no decimals); other values unchanged."""
    return float(value) if isinstance(value, Decimal) else value


def plain_number(value) -> str:
    """A value as plain text for a data attribute or a CSV cell: ``12500.5``, never ``1.25E+4``."""
    if isinstance(value, Decimal):
        text = format(value, "f")
        return text.rstrip("0").rstrip(".") if "." in text else text
    return str(value)


def shown(value, decimals: int) -> Decimal:
    """The exact value as displayed (rounded half up): labels are decided on it, so that a label never
    contradicts the figure beside it (« 3:1 » is never « sous 3:1 »)."""
    return round_half_up(to_decimal(value), decimals)


def as_json(calculator: Calculator, result: Result) -> dict:
    """The CLI's and the browser's JSON: raw outputs, French display strings, notes, statuses."""
    if result.errors:
        return {"errors": {key: french_typography(message) for key, message in result.errors.items()}}
    data = {}
    display_strings, notes, statuses = {}, {}, {}
    for spec in calculator.outputs:
        outcome = result.outcomes[spec.id]
        # Lists of sentences (the flips) get French typography like every text; ids are left as they are.
        data[spec.id] = ([french_typography(item) if isinstance(item, str) else item for item in outcome.value]
                         if isinstance(outcome.value, list) else json_number(outcome.value))
        if outcome.value is not None:
            display_strings[spec.id] = french_typography(outcome.label or display(spec, outcome.value))
        if outcome.note:
            notes[spec.id] = french_typography(outcome.note)
        if outcome.status:
            statuses[spec.id] = {"status": outcome.status, "text": french_typography(outcome.status_text)}
    data["display"] = display_strings
    if notes:
        data["notes"] = notes
    if statuses:
        data["statuses"] = statuses
    return data
