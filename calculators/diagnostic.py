"""Maturity diagnostic: phase, whether to structure now, structure, organisation model, team.

Everything comes from the frameworks. The phase is the headcount's (phases.yml); structure, model and
team are the row of the rule table (``regles.grille`` of diagnostic.yml) for the reader's headcount band
(``regles.tranches``: the phases, cut at figures of seuils.yml), ambition and resources; the report adds
the guide's readings (``regles.lectures``) whose elements it holds. ``regles.incompatibilites`` lists what
a report never pairs: ``rule_problems`` checks the whole input grid against it (the guide's check runs it),
and the page's table is drawn from the same rows (``rule_table``). ``render_extra`` writes the short
personal report, quoting those files, with a link to where the guide describes each element.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from itertools import product

from calculators.contract import (
    CALCULATOR_NAMES,
    CURRENCY_UNITS,
    SHARED_FRAMEWORKS,
    Outcome,
    item_by_id,
    threshold,
    threshold_in_euros,
    threshold_text,
)
from common.figures import headcount_range
from common.html import Html, element
from common.numbers import format_money
from common.site_map import HOME, page_url

INPUT_IDS = ("employees", "currency", "annual_revenue", "signals", "ambition", "resources", "multi_business_units")
OUTPUT_IDS = ("phase", "structure_now", "typology", "org_model", "sourcing", "cmo_role")

# The elements of a report, as the rule table, the readings and the incompatibilities name them: each kind
# with the framework list its ids come from (``plusieurs_bu`` is a yes or no).
ELEMENTS: dict[str, tuple[str, str] | None] = {
    "phase": ("phases", "phases"),
    "structure": ("typologies", "typologies"),
    "cellule": ("typologies", "typologies"),  # the decision matrix's cell for the reader's ambition and resources
    "modele": ("modeles", "modeles"),
    "equipe": ("sourcing", "situations"),
    "ambition": ("matrice-decision", "ambitions"),
    "ressources": ("matrice-decision", "ressources"),
    "plusieurs_bu": None,
}
RECOMMENDED = ("structure", "modele", "equipe")
# The frameworks the browser's calculators get (guide/browser_assets.py): a reading may only lead to one of them,
# the report naming its target from its data.
BROWSER_FRAMEWORKS = frozenset((*CALCULATOR_NAMES, *SHARED_FRAMEWORKS))  # what a report recommends; a reading is about one of them
# The revenue floor of « Externaliser son marketing », recalled when the report advises an internal team.
REVENUE_FLOOR = "chiffre-affaires-plancher"
INTERNAL_TEAM = "equipe-interne"


def _item(settings: dict, framework: str, list_key: str, item_id: str) -> dict:
    return item_by_id(settings[framework][list_key], item_id)


def _rules(settings: dict) -> dict:
    return settings["diagnostic"]["regles"]


# --- Phases and headcount bands ----------------------------------------------------------------

def phase_for(employees: int, settings: dict) -> dict:
    """The last phase whose ``effectif_min`` the headcount reaches (phases are in increasing order)."""
    phases = sorted(settings["phases"]["phases"], key=lambda phase: phase["effectif_min"])
    chosen = phases[0]
    for phase in phases:
        if employees >= phase["effectif_min"]:
            chosen = phase
    return chosen


@dataclass(frozen=True)
class Band:
    """A headcount band of the rule table: from ``start`` employees to the next band's start (excluded)."""

    id: str
    phase: dict
    start: int
    index: int  # its place in ``regles.tranches``
    cut: dict | None = None  # the figure of seuils.yml that opens it inside its phase, if any


def _band_start(entry: dict, phase: dict, settings: dict) -> tuple[int, dict | None]:
    for key, shift in (("a_partir_de", 0), ("au_dela_de", 1)):
        if key in entry:
            figure = _item(settings, "seuils", "seuils", entry[key])
            return int(threshold(settings, entry[key])) + shift, figure
    return phase["effectif_min"], None


def bands(settings: dict) -> list[Band]:
    """The bands of ``regles.tranches``, in their order (the guide's check makes it the headcount order)."""
    found = []
    for index, entry in enumerate(_rules(settings)["tranches"]):
        phase = _item(settings, "phases", "phases", entry["phase"])
        start, cut = _band_start(entry, phase, settings)
        found.append(Band(entry["id"], phase, start, index, cut))
    return found


def band_for(employees: int, settings: dict) -> Band:
    """The last band whose start the headcount reaches."""
    ordered = sorted(bands(settings), key=lambda band: band.start)
    chosen = ordered[0]
    for band in ordered:
        if employees >= band.start:
            chosen = band
    return chosen


def band_end(band: Band, settings: dict) -> int | None:
    """The band's last headcount (None for the last band)."""
    later = [other.start for other in bands(settings) if other.start > band.start]
    return min(later) - 1 if later else None


def band_range(band: Band, settings: dict) -> str:
    """``10 à 19 employés``, ``81 employés et plus``."""
    end = band_end(band, settings)
    if end is None:
        return f"{band.start} employés et plus"
    return f"{band.start} à {end} employés"


# --- The rule table ------------------------------------------------------------------------------

def matrix_cell(ambition: str, resources: str, settings: dict) -> str:
    """The structure the decision matrix gives to this ambition and these resources."""
    cell = next(cell for cell in settings["matrice-decision"]["cellules"]
                if cell["ambition"] == ambition and cell["ressources"] == resources)
    return cell["typologie"]


def rule_row(band_id: str, ambition: str, resources: str, settings: dict) -> dict:
    """The row of the rule table for a band, an ambition and resources (the check makes it unique)."""
    return next(row for row in _rules(settings)["grille"]
                if (row["tranche"], row["ambition"], row["ressources"]) == (band_id, ambition, resources))


def model_of(row: dict, several_units: bool) -> str:
    return row.get("modele_plusieurs_bu", row["modele"]) if several_units else row["modele"]


def elements_of(band: Band, row: dict, several_units: bool, settings: dict) -> dict:
    """A report's elements, by kind (``ELEMENTS``)."""
    return {
        "phase": band.phase["id"],
        "structure": row["structure"],
        "cellule": matrix_cell(row["ambition"], row["ressources"], settings),
        "modele": model_of(row, several_units),
        "equipe": row["equipe"],
        "ambition": row["ambition"],
        "ressources": row["ressources"],
        "plusieurs_bu": several_units,
    }


def elements_for(employees: int, ambition: str, resources: str, several_units: bool, settings: dict) -> dict:
    band = band_for(employees, settings)
    return elements_of(band, rule_row(band.id, ambition, resources, settings), several_units, settings)


def conditions(entry: dict) -> dict:
    """The elements a reading or an incompatibility names (its other fields aside)."""
    return {kind: entry[kind] for kind in ELEMENTS if kind in entry}


def holds(entry: dict, elements: dict) -> bool:
    """Whether a report holds every element that a reading or an incompatibility names."""
    named = conditions(entry)
    return bool(named) and all(elements.get(kind) == value for kind, value in named.items())


def readings_for(elements: dict, settings: dict, about: str | None = None) -> list[dict]:
    """The guide's readings a report shows (those about ``about``, if given), in the order of the file."""
    return [reading for reading in _rules(settings)["lectures"]
            if holds(reading, elements) and (about is None or reading["sur"] == about)]


def incompatibilities_in(elements: dict, settings: dict) -> list[dict]:
    """The declared incompatibilities a report would pair (none, for every report the check accepts)."""
    return [pair for pair in _rules(settings)["incompatibilites"] if holds(pair, elements)]


def divergence_of(settings: dict, framework: str, divergence_id: str) -> dict:
    return item_by_id(settings[framework]["page"].get("divergences", []), divergence_id)


def reading_text(reading: dict, settings: dict) -> str:
    """A reading's text: its own, or the guide's advice in the « Ce que disent les sources » box it names."""
    if "texte" in reading:
        return reading["texte"]
    source = reading["divergence"]
    return divergence_of(settings, source["cadre"], source["id"])["conseil"]


def reading_link(reading: dict, settings: dict) -> tuple[str, str | None, str] | None:
    """(framework, anchor, link text) of where a reading leads, if it leads somewhere: the box it takes its text
    from, or the page (and item) it names in ``voir``."""
    if "divergence" in reading:
        source = reading["divergence"]
        box = divergence_of(settings, source["cadre"], source["id"])
        return source["cadre"], source["id"], f"l'encadré « {box['titre']} »"
    if "voir" in reading:
        target = reading["voir"]
        anchor = target.get("ancre")
        name = _anchor_name(settings, target["cadre"], anchor) if anchor else None
        return target["cadre"], anchor, name or settings[target["cadre"]]["page"]["titre_court"]
    return None


def _anchor_name(settings: dict, framework: str, anchor: str) -> str | None:
    """The name of the item or box an anchor of a framework's page names (for a link's text)."""
    for item in _items_with_ids(settings[framework]):
        if item.get("id") == anchor:
            for key in ("nom", "titre", "situation", "terme", "libelle"):
                if isinstance(item.get(key), str):
                    return item[key]
    return None


def _items_with_ids(value) -> Iterator[dict]:
    if isinstance(value, dict):
        if "id" in value:
            yield value
        for child in value.values():
            yield from _items_with_ids(child)
    elif isinstance(value, list):
        for child in value:
            yield from _items_with_ids(child)


def anchors_of(settings: dict, framework: str) -> set[str]:
    """The ids a framework's data gives its page (items, boxes): the anchors a link may aim at."""
    return {item["id"] for item in _items_with_ids(settings[framework]) if isinstance(item["id"], str)}


def grid(settings: dict) -> Iterator[tuple[Band, str, str, bool]]:
    """Every (band, ambition, resources, several business units) a reader can be in."""
    ambitions = [item["id"] for item in settings["matrice-decision"]["ambitions"]]
    resources = [item["id"] for item in settings["matrice-decision"]["ressources"]]
    yield from product(bands(settings), ambitions, resources, (False, True))


@dataclass(frozen=True)
class Deviation:
    """A way a report departs from what its sources attach to one of its elements, and the reading it needs:
    one about ``about`` (structure or modele), among the readings it shows, that names ``names`` (the element
    that makes the difference) or, with ``names`` None, that leads to a page of the guide."""

    about: str
    names: str | None
    why: str

    def explained_by(self, reading: dict, settings: dict) -> bool:
        if reading["sur"] != self.about:
            return False
        return self.names in reading if self.names else reading_link(reading, settings) is not None


def deviations(elements: dict, settings: dict) -> list[Deviation]:
    """How a report departs from its sources: a structure other than the matrix's cell, a structure or a model
    the guide's pages attach to another phase, a structure its source leaves undescribed. Each needs its reading
    (``Deviation``): the guide's check refuses a row of the table whose reports would lack one."""
    found = []
    structure = _item(settings, "typologies", "typologies", elements["structure"])
    model = _item(settings, "modeles", "modeles", elements["modele"])
    phase = elements["phase"]
    if elements["structure"] != elements["cellule"]:
        cell = _item(settings, "typologies", "typologies", elements["cellule"])
        found.append(Deviation("structure", "cellule", f"la structure « {structure['nom']} » n'est pas la case de la "
                                                       f"matrice (« {cell['nom']} »)"))
    if structure.get("phase", phase) != phase:
        found.append(Deviation("structure", "phase", f"la structure « {structure['nom']} » est rattachée à la phase "
                                                     f"« {structure['phase']} » (typologies.yml), pas à « {phase} »"))
    if "vise" not in structure:
        found.append(Deviation("structure", None, f"l'article ne décrit pas la structure « {structure['nom']} » : "
                                                  "la lecture doit mener à la page qui en dit plus"))
    if model.get("phase", phase) != phase:
        found.append(Deviation("modele", "phase", f"le modèle « {model['nom']} » est rattaché à la phase « {model['phase']} » "
                                                  f"(modeles.yml), pas à « {phase} »"))
    return found


def unexplained(elements: dict, settings: dict) -> list[Deviation]:
    """The deviations of a report that none of the readings it shows explains (none, once the check passes)."""
    shown = readings_for(elements, settings)
    return [deviation for deviation in deviations(elements, settings)
            if not any(deviation.explained_by(reading, settings) for reading in shown)]


def _shown(kind: str, value) -> str:
    """An element as an editor names it in a message: ``structure « precision »``, ``une seule activité``."""
    if kind == "plusieurs_bu":
        return "plusieurs business units" if value else "une seule activité"
    return f"{kind} « {value} »"


def rule_problems(settings: dict) -> list[tuple[tuple, str]]:
    """(path in diagnostic.yml, French message) of every fault of the rule table that a schema cannot see: bands
    out of order or outside their phase, a missing or doubled row, a reading without text or target, a row
    that pairs two declared-incompatible elements, or departs from the sources without a reading."""
    rules = _rules(settings)
    ambitions = [item["id"] for item in settings["matrice-decision"]["ambitions"]]
    resources = [item["id"] for item in settings["matrice-decision"]["ressources"]]
    cells = {(cell["ambition"], cell["ressources"]) for cell in settings["matrice-decision"]["cellules"]}
    if not set(product(ambitions, resources)) <= cells:
        return []  # the matrix's own check reports the missing cell; the table is read against a whole matrix
    problems: list[tuple[tuple, str]] = []
    problems += _band_problems(rules, settings)
    if problems:
        return problems  # the rows' bands are unsettled until the bands are
    problems += _reading_problems(rules, settings)
    if problems:
        return problems  # the rows are read with their readings: a reading that leads nowhere is fixed first
    problems += _incompatibility_problems(rules)
    rows = _row_problems(rules, settings, problems)
    if rows is None:
        return problems
    for band, ambition, resource, several in grid(settings):
        index = rows[(band.id, ambition, resource)]
        row = rules["grille"][index]
        elements = elements_of(band, row, several, settings)
        model_field = "modele_plusieurs_bu" if several and "modele_plusieurs_bu" in row else "modele"
        for pair_index, pair in enumerate(rules["incompatibilites"]):
            if holds(pair, elements):
                named = conditions(pair)
                field = _row_field(next((kind for kind in RECOMMENDED if kind in named), next(iter(named))), model_field)
                problems.append((("regles", "grille", index, field),
                                 "cette ligne réunit " + " et ".join(_shown(kind, value) for kind, value in named.items())
                                 + _units_note(named, several) + ", que le guide déclare incompatibles "
                                 f"(regles.incompatibilites[{pair_index}]) : {pair['raison']}"))
        for deviation in unexplained(elements, settings):
            kind = deviation.about
            naming = f" qui nomme « {deviation.names} »" if deviation.names else " qui mène à une page (divergence ou voir)"
            problems.append((("regles", "grille", index, model_field if kind == "modele" else kind),
                             f"{deviation.why}{_units_note({kind: None}, several)} : "
                             f"ajoutez à regles.lectures une lecture « sur: {kind} »{naming}, dont les éléments "
                             f"correspondent à cette ligne, pour dire au lecteur pourquoi"))
    return list(dict.fromkeys(problems))


def did_you_mean(value: str, choices: list[str], possible: str | None = None) -> str:
    """``common.suggestions.did_you_mean``, imported here only: the content check needs it, the browser does not,
    and its difflib would otherwise join the browser's trimmed standard library (calculators/browser-stdlib.txt)."""
    from common.suggestions import did_you_mean as suggest

    return suggest(value, choices, possible=possible)


def _units_note(named: dict, several: bool) -> str:
    """Which reports of a row a message is about, when it names what depends on the business units."""
    if not {"modele", "plusieurs_bu"} & set(named):
        return ""
    return " (avec plusieurs business units)" if several else " (pour une seule activité)"


def _row_field(kind: str, model_field: str) -> str:
    """The field of a row of the rule table that decides an element of its reports."""
    return {"phase": "tranche", "cellule": "structure", "modele": model_field, "plusieurs_bu": model_field}.get(kind, kind)


def _band_problems(rules: dict, settings: dict) -> list[tuple[tuple, str]]:
    problems: list[tuple[tuple, str]] = []
    seen: dict[str, int] = {}
    for index, entry in enumerate(rules["tranches"]):
        if entry["id"] in seen:
            problems.append((("regles", "tranches", index, "id"),
                             f"identifiant en double « {entry['id']} » (déjà utilisé par tranches[{seen[entry['id']]}])"))
        seen.setdefault(entry["id"], index)
        if "a_partir_de" in entry and "au_dela_de" in entry:
            problems.append((("regles", "tranches", index, "au_dela_de"),
                             "une tranche commence « a_partir_de » un repère ou « au_dela_de » un repère, pas les deux"))
    if problems:
        return problems
    found = bands(settings)
    for band in found:
        where = ("regles", "tranches", band.index)
        if band.cut is not None and band.cut.get("unite") != "employés":
            problems.append((where + ("a_partir_de" if "a_partir_de" in rules["tranches"][band.index] else "au_dela_de",),
                             f"le repère « {band.cut['id']} » n'est pas un effectif (son unité : « {band.cut.get('unite', '')} »)"))
        if phase_for(band.start, settings)["id"] != band.phase["id"]:
            problems.append((where, f"cette tranche commence à {band.start} employés, hors de la phase « {band.phase['id']} » "
                                    f"({headcount_range(band.phase)})"))
        if band.index and band.start <= found[band.index - 1].start:
            problems.append((where, f"cette tranche commence à {band.start} employés, pas après la précédente "
                                    f"({found[band.index - 1].start} employés) : rangez les tranches dans l'ordre des effectifs"))
    for phase in settings["phases"]["phases"]:
        if not any(band.phase["id"] == phase["id"] and band.start == phase["effectif_min"] for band in found):
            problems.append((("regles", "tranches"),
                             f"il manque la tranche qui commence la phase « {phase['id']} » ({phase['effectif_min']} employés) : "
                             f"ajoutez une tranche « phase: {phase['id']} » sans « a_partir_de » ni « au_dela_de »"))
    return problems


def _row_problems(rules: dict, settings: dict, problems: list) -> dict | None:
    """The row of each (band, ambition, resources), or None when one is missing or unknown (reported)."""
    band_ids = [entry["id"] for entry in rules["tranches"]]
    rows: dict[tuple[str, str, str], int] = {}
    complete = True
    for index, row in enumerate(rules["grille"]):
        if row["tranche"] not in band_ids:
            problems.append((("regles", "grille", index, "tranche"),
                             f"tranche inconnue « {row['tranche']} »" + did_you_mean(row["tranche"], band_ids,
                                                                                     possible="tranches possibles")))
            complete = False
            continue
        key = (row["tranche"], row["ambition"], row["ressources"])
        if key in rows:
            problems.append((("regles", "grille", index),
                             f"cette tranche, cette ambition et ces ressources ont déjà leur ligne (grille[{rows[key]}])"))
        else:
            rows[key] = index
    ambitions = [item["id"] for item in settings["matrice-decision"]["ambitions"]]
    resources = [item["id"] for item in settings["matrice-decision"]["ressources"]]
    for band_id, ambition, resource in product(band_ids, ambitions, resources):
        if complete and (band_id, ambition, resource) not in rows:
            problems.append((("regles", "grille"),
                             f"il manque la ligne de la tranche « {band_id} », ambition « {ambition} », ressources « {resource} »"))
    if not complete or len(rows) < len(band_ids) * len(ambitions) * len(resources):
        return None
    return rows


def _reading_problems(rules: dict, settings: dict) -> list[tuple[tuple, str]]:
    problems: list[tuple[tuple, str]] = []
    seen: dict[str, int] = {}
    for index, reading in enumerate(rules["lectures"]):
        where = ("regles", "lectures", index)
        if reading["id"] in seen:
            problems.append((where + ("id",), f"identifiant en double « {reading['id']} » (déjà utilisé par lectures[{seen[reading['id']]}])"))
        seen.setdefault(reading["id"], index)
        if not conditions(reading):
            problems.append((where, "nommez au moins un élément du rapport qui déclenche cette lecture : "
                                    + ", ".join(ELEMENTS)))
        if ("texte" in reading) == ("divergence" in reading):
            problems.append((where, "écrivez « texte » (la lecture) ou « divergence » (l'encadré dont reprendre la lecture), "
                                    "l'un des deux"))
        unreachable = [key for key in ("divergence", "voir") if key in reading and reading[key]["cadre"] not in BROWSER_FRAMEWORKS]
        for key in unreachable:
            problems.append((where + (key, "cadre"),
                             f"le calculateur n'a pas, dans le navigateur, les données de « {reading[key]['cadre']} » : "
                             "renvoyez à l'un de " + ", ".join(sorted(BROWSER_FRAMEWORKS))))
        if unreachable:
            continue
        if "divergence" in reading:
            source = reading["divergence"]
            boxes = [box["id"] for box in settings[source["cadre"]]["page"].get("divergences", [])]
            if source["id"] not in boxes:
                problems.append((where + ("divergence", "id"),
                                 f"aucun encadré « {source['id']} » dans {source['cadre']}.yml"
                                 + did_you_mean(source["id"], boxes, possible="encadrés possibles")))
        if "voir" in reading and "ancre" in reading["voir"]:
            target = reading["voir"]
            known = sorted(anchors_of(settings, target["cadre"]))
            if target["ancre"] not in known:
                problems.append((where + ("voir", "ancre"),
                                 f"aucun élément « {target['ancre']} » dans {target['cadre']}.yml" + did_you_mean(target["ancre"], known)))
    return problems


def _incompatibility_problems(rules: dict) -> list[tuple[tuple, str]]:
    return [(("regles", "incompatibilites", index),
             f"nommez exactement deux éléments (ici {len(conditions(pair))}) parmi : " + ", ".join(ELEMENTS))
            for index, pair in enumerate(rules["incompatibilites"]) if len(conditions(pair)) != 2]


# --- The page's table ----------------------------------------------------------------------------

def rule_table(settings: dict) -> list[dict]:
    """The rule table as the page shows it: per row, its band, the items it names, the matrix's cell and the
    readings a report of that row shows, each with the business units it holds for (None: either way)."""
    shown = []
    for band in bands(settings):
        for row in _rules(settings)["grille"]:
            if row["tranche"] != band.id:
                continue
            shown_for = {several: readings_for(elements_of(band, row, several, settings), settings)
                         for several in (False, True)}
            readings = []  # (reading, None if shown whatever the business units, else for which)
            for reading in _rules(settings)["lectures"]:
                holding = [several for several in (False, True) if reading in shown_for[several]]
                if holding:
                    readings.append((reading, None if len(holding) == 2 else holding[0]))
            shown.append({
                "band": band, "range": band_range(band, settings), "row": row,
                "ambition": _item(settings, "matrice-decision", "ambitions", row["ambition"]),
                "ressources": _item(settings, "matrice-decision", "ressources", row["ressources"]),
                "structure": _item(settings, "typologies", "typologies", row["structure"]),
                "cellule": _item(settings, "typologies", "typologies", matrix_cell(row["ambition"], row["ressources"], settings)),
                "modele": _item(settings, "modeles", "modeles", row["modele"]),
                "modele_plusieurs_bu": (_item(settings, "modeles", "modeles", row["modele_plusieurs_bu"])
                                        if "modele_plusieurs_bu" in row else None),
                "equipe": _item(settings, "sourcing", "situations", row["equipe"]),
                "lectures": readings,
            })
    return shown


def element_label(kind: str, value, settings: dict) -> str:
    """An element as a reader reads it: ``phase 1 (Amorçage)``, ``structure « Modèle Précision »``,
    ``ressources limitées``, ``une seule activité``."""
    source = ELEMENTS[kind]
    if source is None:  # plusieurs_bu
        return "plusieurs business units" if value else "une seule activité"
    item = _item(settings, *source, value)
    if kind == "phase":
        return f"phase {item['numero']} ({item['nom']})"
    if kind in ("ambition", "ressources"):
        return _lower_first(item["libelle"])
    name = item["modele_recommande"] if kind == "equipe" else item["nom"]
    return {"structure": "structure « {} »", "cellule": "case « {} » de la matrice", "modele": "modèle « {} »",
            "equipe": "équipe « {} »"}[kind].format(name)


# --- The calculator ------------------------------------------------------------------------------

def revenue_floor(settings: dict, currency: str) -> tuple[object, str]:
    """(floor, its text) in the currency of the typed revenue: the figure as the pages show it when its unit is
    that currency, else converted to euros at the guide's rate (``calculators.contract``)."""
    item = _item(settings, "seuils", "seuils", REVENUE_FLOOR)
    if CURRENCY_UNITS.get(currency) == item.get("unite"):
        return threshold(settings, REVENUE_FLOOR), threshold_text(item)
    floor = threshold_in_euros(settings, REVENUE_FLOOR)
    return floor, (f"{format_money(floor)} (les {threshold_text(item)} d'Antoine Blot, convertis au taux de "
                   "l'hypothèse du guide)")


def team_note(team: dict, values: dict, settings: dict) -> str:
    """Where the team comes from (the sourcing table's situation, not a description of the reader) and, when it
    is an internal team and the revenue typed stays under the floor, Antoine Blot's warning."""
    note = f"Le tableau de sourcing d'Antoine Blot recommande ce modèle à la situation « {team['situation']} »."
    revenue = values["annual_revenue"]
    if revenue is not None and team["option"] == INTERNAL_TEAM:
        floor, floor_text = revenue_floor(settings, values["currency"])
        if revenue < floor:
            note += (f" Votre chiffre d'affaires reste sous {floor_text} : selon lui, recruter une direction marketing "
                     "permanente est souvent une erreur à ce stade ; pensez au modèle hybride.")
    return note


def compute(values: dict, settings: dict) -> dict:
    v = values
    rules = _rules(settings)
    out: dict[str, Outcome] = {}
    band = band_for(v["employees"], settings)
    phase = band.phase
    out["phase"] = Outcome(value=phase["id"], label=f"Phase {phase['numero']} : {phase['nom']}",
                           note=f"Objectif : {phase['objectif']}")

    signals = v["signals"]
    structure_now = len(signals) >= rules["signaux_pour_structurer"]
    if structure_now:
        titles = ", ".join(_item(settings, "signaux", "signaux", signal)["titre"].lower() for signal in signals)
        note = f"Signaux présents : {titles}. Le marketing informel atteint ses limites : il est temps de structurer."
    else:
        note = "Aucun signal d'alerte coché : aucun des quatre signaux n'appelle encore à structurer ; surveillez-les."
    out["structure_now"] = Outcome(value=structure_now, note=note)

    row = rule_row(band.id, v["ambition"], v["resources"], settings)
    elements = elements_of(band, row, v["multi_business_units"], settings)
    typology = _item(settings, "typologies", "typologies", elements["structure"])
    cell = _item(settings, "typologies", "typologies", elements["cellule"])
    ambition = _item(settings, "matrice-decision", "ambitions", v["ambition"])["libelle"]
    resources = _item(settings, "matrice-decision", "ressources", v["resources"])["libelle"]
    note = f"{ambition} et {resources.lower()} : la matrice de décision désigne le {cell['nom']}."
    if cell["id"] != typology["id"]:
        note = note[:-1] + f" ; à votre taille, le guide retient le {typology['nom']} (lecture du guide, dans le rapport)."
    out["typology"] = Outcome(value=typology["id"], label=typology["nom"], note=note)

    model = _item(settings, "modeles", "modeles", elements["modele"])
    note = f"Idéal, selon l'article : {_lower_first(model['ideal_pour'])}"
    if readings_for(elements, settings, "modele"):
        note += " Lecture du guide dans le rapport."
    out["org_model"] = Outcome(value=model["id"], label=model["nom"], note=note)

    team = _item(settings, "sourcing", "situations", elements["equipe"])
    note = team_note(team, v, settings)
    if readings_for(elements, settings, "equipe"):
        note += " Lecture du guide dans le rapport."
    out["sourcing"] = Outcome(value=team["id"], label=team["modele_recommande"], note=note)
    out["cmo_role"] = Outcome(value=team["role_cmo"], note="Le rôle du CMO dans cette situation, d'après le même tableau.")
    return out


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


# --- The personal report --------------------------------------------------------------------

def _link(settings: dict, name: str, anchor: str | None, text: str) -> Html:
    """A link from the calculator's page (one level below the root) to a framework, placed by the site map."""
    return element("a", text, href="../" + page_url(settings[HOME], name, anchor))


def _section(title: str, *body: Html) -> Html:
    return element("section", element("h3", title), *body)


def _headed_list(heading: str, items: list[str]) -> list[Html]:
    return [element("p", element("strong", heading)), element("ul", *(element("li", item) for item in items))]


def _labelled(label: str, text: str) -> Html:
    return element("p", element("strong", label), " : ", text)


def _readings(settings: dict, elements: dict, about: str) -> list[Html]:
    """The guide's readings about one part of the report, each labelled, with its link."""
    shown = []
    for reading in readings_for(elements, settings, about):
        link = reading_link(reading, settings)
        parts: list = [element("strong", "Lecture du guide"), " : ", reading_text(reading, settings)]
        if link:
            parts += [" Voir : ", _link(settings, *link), "."]
        shown.append(element("p", *parts, class_="guide-report__reading"))
    return shown


def render_extra(calculator, result) -> Html:
    """A short report a leader can read and print on two pages: phase, signals, structure, model, team, with the
    guide's readings in full. The phase's priorities and risks stay lists (run together, they would repeat a
    sentence of the source word for word); a model's advantages and limits, a few words each, are sentences."""
    if not result.ok:
        return Html()
    settings = calculator.settings
    outcomes = result.outcomes
    values = result.values
    elements = elements_for(values["employees"], values["ambition"], values["resources"],
                            values["multi_business_units"], settings)
    sections = []

    phase = _item(settings, "phases", "phases", outcomes["phase"].value)
    sections.append(_section(
        f"Votre phase : {phase['nom']} ({headcount_range(phase)})",
        element("p", element("strong", "Objectif"), " : ", phase["objectif"], " ",
                _link(settings, "phases", phase["id"], "Les phases de maturité")),
        _labelled("Organisation type", phase["organisation_type"]),
        *_headed_list("Priorités", phase["priorites"]),
        *_headed_list("Risques à surveiller", phase["risques"]),
    ))

    chosen = values["signals"]
    note = element("p", outcomes["structure_now"].note)
    if chosen:
        signals = element("ul", *(
            element("li", element("strong", signal["titre"]), " : ", signal["symptome"], " ", signal["consequence"], " ",
                    _link(settings, "signaux", signal["id"], "En savoir plus"))
            for signal in settings["signaux"]["signaux"] if signal["id"] in chosen
        ))
        sections.append(_section("Faut-il structurer maintenant ?", note, signals))
    else:
        sections.append(_section("Faut-il structurer maintenant ?", note,
                                 element("p", _link(settings, "signaux", None, "Les quatre signaux d’alerte"))))

    typology = _item(settings, "typologies", "typologies", outcomes["typology"].value)
    # What the source says of the structure; one it leaves undescribed has the guide's reading instead, below
    # (the check requires one that leads to the page saying more).
    details = [typology[key] for key in ("vise", "organisation") if key in typology]
    sections.append(_section(
        f"Votre structure : {typology['nom']}",
        element("p", " ".join([outcomes["typology"].note, *details]), " ",
                _link(settings, "typologies", typology["id"], typology["nom"]), " · ",
                _link(settings, "matrice-decision", None, settings["matrice-decision"]["page"]["titre_court"])),
        *_readings(settings, elements, "structure"),
    ))

    model = _item(settings, "modeles", "modeles", outcomes["org_model"].value)
    sections.append(_section(
        f"Votre modèle d'organisation : {model['nom']}",
        element("p", model["description"], " Idéal, selon l'article : ", _lower_first(model["ideal_pour"]), " ",
                _link(settings, "modeles", model["id"], model["nom"]), " · ",
                _link(settings, "modeles", None, settings["modeles"]["page"]["titre_court"])),
        element("p", element("strong", "Avantages"), " : ", " ".join(model["avantages"]), " ",
                element("strong", "Limites"), " : ", " ".join(model["limites"])),
        *_readings(settings, elements, "modele"),
    ))

    team = _item(settings, "sourcing", "situations", outcomes["sourcing"].value)
    sections.append(_section(
        f"Qui la fera vivre : {team['modele_recommande']}",
        element("p", team_note(team, values, settings), " Rôle du CMO : ", team["role_cmo"], ". ",
                _link(settings, "sourcing", team["id"], team["modele_recommande"]), " · ",
                _link(settings, "role-cmo", None, settings["role-cmo"]["page"]["titre_court"])),
        *_readings(settings, elements, "equipe"),
    ))
    return element("div", element("h2", "Votre rapport", class_="guide-report__title"), *sections,
                   class_="guide-report", data_report="diagnostic")
