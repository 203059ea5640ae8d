"""Checks that span fields or files and that JSON Schema cannot express.

Each rule is a small function registered for the file it checks::

    @rule(NAME)
    def roadmap_follows_the_mission(data, report): ...

It receives that file's data (placeholders replaced) and ``report``: ``report(path, message)`` records a
French ``ContentError`` at the field ``path``, positioned like the schema errors. Options of ``rule``:
``own_list=True`` hands the rule the file's own list (the list named like the file, as ``x-reference``
reads it) and paths start inside it; ``reads_guide=True`` adds the whole guide, read only, for a rule
that compares the file with others; ``reads_pages=True`` adds, after the guide, the ids of every page as the
templates render them (``guide.anchors``): such rules run last, once every other rule has passed (the pages of
content that breaks a rule may not render); ``EVERY_FRAMEWORK`` runs the rule on each file (``report.name`` says
which). Rules run once every file has passed its schema, so a rule never meets a dangling reference:
references between files are declared in the schemas (``x-reference``, ``x-framework``) and checked there.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from itertools import product
from typing import Any

from calculators.contract import CALCULATOR_NAMES, load_calculator, parse_input
from calculators.diagnostic import rule_problems
from common.site_map import page_of, plan_entries
from common.suggestions import closest
from guide.anchors import PageIds, faq_question_anchors, guide_page_ids, links_in, missing_target, page_addresses
from guide.errors import ContentError, format_field_path
from guide.markers import NOT_THRESHOLDS, OLD_COMMENT, SOURCE_TERMS, old_comment_message
from guide.model import FAQ_FRAMEWORK, FAQ_QUESTIONS_KEY, HOME, THRESHOLDS_FRAMEWORK, FieldPath, Guide
from guide.search import SEARCH_WORDS_KEY, faq_question_locations
from guide.terminology import TerminologyChecker, terminology
from guide.thresholds import figures_in, thresholds_by_id
from guide.yaml_source import ParsedYaml

EVERY_FRAMEWORK = "*"
# Files that one rule checks and another reads.
PHASES = "phases"
DECISION_MATRIX = "matrice-decision"


@dataclass(frozen=True)
class Report:
    """Where a rule reports: ``report(path, message)`` adds an error at that field of the file checked."""

    name: str  # the framework checked
    file: str
    parsed: ParsedYaml
    errors: list[ContentError]
    within: FieldPath = ()  # where the rule's paths start (the file's own list, for own_list rules)

    def __call__(self, path: FieldPath, message: str, fragment: str | None = None) -> None:
        """An error at the field ``path``; with ``fragment``, at the place the value writes it (``ParsedYaml.locate``)."""
        path = self.within + tuple(path)
        line, column = self.parsed.locate(path, fragment) if fragment else self.parsed.position_of(path)
        self.errors.append(ContentError(self.file, line, column, format_field_path(path), message))

    def at(self, line: int, column: int, message: str) -> None:
        """An error about the file itself, at a line and column (its first line, for instance)."""
        self.errors.append(ContentError(self.file, line, column, "", message))


@dataclass(frozen=True)
class Rule:
    framework: str  # or EVERY_FRAMEWORK
    check: Callable[..., None]
    own_list: bool = False
    reads_guide: bool = False
    reads_pages: bool = False


RULES: list[Rule] = []


def rule(framework: str, *, own_list: bool = False, reads_guide: bool = False, reads_pages: bool = False):
    """Register a check of ``framework`` (see the module's docstring)."""

    def register(check: Callable[..., None]) -> Callable[..., None]:
        RULES.append(Rule(framework, check, own_list, reads_guide or reads_pages, reads_pages))
        return check

    return register


def check(guide: Guide) -> list[ContentError]:
    """Run every rule on the files it is registered for; return what they report. The rules that read the pages
    run only when all the others pass, on the pages rendered once."""
    errors: list[ContentError] = []
    _run([entry for entry in RULES if not entry.reads_pages], guide, errors)
    page_rules = [entry for entry in RULES if entry.reads_pages]
    if page_rules and not errors:
        _run(page_rules, guide, errors, guide_page_ids(guide))
    return errors


def _run(entries: list[Rule], guide: Guide, errors: list[ContentError], *pages: dict[str, PageIds]) -> None:
    for entry in entries:
        names = sorted(guide.frameworks) if entry.framework == EVERY_FRAMEWORK else [entry.framework]
        for name in names:
            if name not in guide.frameworks:
                continue
            data = guide.frameworks[name]
            within: FieldPath = (name,) if entry.own_list else ()
            report = Report(name, guide.files[name], guide.parsed[name], errors, within)
            given = data[name] if entry.own_list else data
            if entry.reads_guide:
                entry.check(given, report, guide, *pages)
            else:
                entry.check(given, report)


def texts_of(value: Any, path: FieldPath = ()) -> Iterator[tuple[FieldPath, str]]:
    """(path, text) of every string of a framework's data, depth first."""
    if isinstance(value, dict):
        for key, item in value.items():
            yield from texts_of(item, path + (key,))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from texts_of(item, path + (index,))
    elif isinstance(value, str):
        yield path, value


SCHEMA_LINE = "# yaml-language-server: $schema=schemas/{name}.schema.json"


@rule(EVERY_FRAMEWORK)
def first_line_names_the_schema(data: dict, report: Report) -> None:
    """The first line names the file's schema: the editor's completion and explanations come from it."""
    expected = SCHEMA_LINE.format(name=report.name)
    first = report.parsed.text.split("\n", 1)[0].rstrip("\r").removeprefix("\ufeff")
    if first.strip() == expected:
        return
    if first.startswith("# yaml-language-server:"):
        report.at(1, 1, f"la première ligne nomme un autre schéma que celui de ce fichier : écrivez « {expected} »")
    else:
        report.at(1, 1, "la première ligne du fichier, qui nomme son schéma (l'éditeur en tire l'autocomplétion et "
                        f"l'explication de chaque champ), manque : écrivez en tête du fichier « {expected} »")


def _text_on_line(parsed: ParsedYaml, line: int, column: int) -> tuple[FieldPath | None, bool]:
    """(path of the last text written on ``line``, whether ``column`` is inside that text's value)."""
    found, inside = None, False
    for path, start in parsed.value_positions.items():
        end = parsed.value_ends.get(path, start)
        if not (start[0] <= line <= end[0]) or not isinstance(_value(parsed.data, path), str):
            continue
        found = path
        inside = inside or (start <= (line, column) < end)
    return found, inside


def _value(data: Any, path: FieldPath) -> Any:
    for part in path:
        data = data[part]
    return data


@rule(EVERY_FRAMEWORK, reads_guide=True)
def no_meaning_in_comments(data: dict, report: Report, guide: Guide) -> None:
    """The comments « # terme de la source » and « # pas un repère », which the check used to read: a form drops
    comments, so what they said is now a field of the block (``guide.markers``). One left in a file says so."""
    for number, line in enumerate(report.parsed.text.split("\n"), start=1):
        for match in OLD_COMMENT.finditer(line):
            hash_column = line.index("#", match.start()) + 1
            path, inside = _text_on_line(report.parsed, number, hash_column)
            if inside:
                continue  # a text that speaks of the comment (in quotes), not a comment
            field = SOURCE_TERMS if "terme" in match.group(1).lower() else NOT_THRESHOLDS
            entries: list[str] = []
            beside = None
            if path is not None:
                text = _value(report.parsed.data, path)
                beside = str(path[-2] if isinstance(path[-1], int) and len(path) > 1 else path[-1])
                if field == SOURCE_TERMS:
                    checker = TerminologyChecker(terminology(guide.frameworks))
                    entries = [text[start:end] for start, end, _ in checker.find(text)]
                else:
                    entries = [written for _, written in figures_in(text, thresholds_by_id(guide.frameworks))]
            report.at(number, hash_column, old_comment_message(field, list(dict.fromkeys(entries)), beside))


_OPEN_BRACE = re.compile(r"\{(?:seuil:[\w-]+(?:\s+à\s+[\w-]+)?|[^\s{}]*)")
_CLOSE_BRACE = re.compile(r"[^\s{}]*\}$")


def _braces_left_alone(text: str) -> Iterator[tuple[str, str]]:
    """(as written, what to write) for each « { » never closed and each « } » never opened in a text, once its
    ``{seuil:…}`` figures are replaced (``guide.thresholds``: what is left is shown as typed)."""
    depth_start = None
    for index, char in enumerate(text):
        if char == "{":
            if depth_start is not None:
                yield _unclosed(text, depth_start)
            depth_start = index
        elif char == "}":
            if depth_start is None:
                written = _CLOSE_BRACE.search(text[:index + 1])
                fragment = written.group(0) if written else "}"
                yield fragment, (f"ajoutez « {{ » devant : {{{fragment}" if len(fragment) > 1 else "retirez-la")
            depth_start = None
    if depth_start is not None:
        yield _unclosed(text, depth_start)


def _unclosed(text: str, start: int) -> tuple[str, str]:
    written = _OPEN_BRACE.match(text, start)
    fragment = written.group(0) if written else "{"
    return fragment, (f"fermez-la : {fragment}}}" if len(fragment) > 1 else "retirez-la")


@rule(EVERY_FRAMEWORK)
def braces_come_in_pairs(data: dict, report: Report) -> None:
    """An accolade left open (« {seuil:heures-coordination ») or a closing one alone would show as typed."""
    for path, text in texts_of(data):
        for fragment, fix in _braces_left_alone(text):
            kind = "ouverte et jamais refermée" if fragment.startswith("{") else "fermante sans accolade ouvrante"
            report(path, f"accolade {kind} : « {fragment} » s'afficherait tel quel ; {fix}"
                   + (" (pour citer un repère chiffré : {seuil:identifiant})" if "seuil" not in fragment else ""),
                   fragment)


# A hyphen-minus used as a minus sign: before a figure (« -25 % », « - 3 »), not inside a word or a range (« 1-2 »).
_HYPHEN_AS_MINUS = re.compile(r"(?<![\w\-\u2212])-(?=\s?\d)")
_NEGATIVE_FIGURE = re.compile(r"-\s?\d[\d\s\u202f\u00a0,.]*(?:\s?%)?")


@rule(EVERY_FRAMEWORK)
def minus_signs_are_not_hyphens(data: dict, report: Report) -> None:
    """A negative figure takes the minus sign (−, U+2212) or words, never the hyphen of the keyboard
    (« -100 % » reads as a dash and breaks at the end of a line)."""
    for path, text in texts_of(data):
        for found in _HYPHEN_AS_MINUS.finditer(text):
            figure = _NEGATIVE_FIGURE.match(text, found.start())
            written = (figure.group(0) if figure else found.group(0)).rstrip()
            report(path, f"« {written} » : le trait d'union n'est pas un signe moins ; écrivez « \u2212{written[1:].lstrip()} » "
                         "(le signe moins, U+2212) ou dites-le en mots (« une baisse de … »)", written)


@rule(THRESHOLDS_FRAMEWORK, own_list=True)
def figures_have_a_provenance(figures: list[dict], report: Report) -> None:
    """Each figure of seuils.yml comes from a source (source, citation, contexte) or is the guide's own
    assumption (hypothese), never both and never neither; a dollar amount says which dollars."""
    for index, item in enumerate(figures):
        sourced = [key for key in ("source", "citation", "contexte") if key in item]
        if "hypothese" in item and sourced:
            report((index, "hypothese"), "un repère vient d'une source ou est une hypothèse du guide, pas les deux : "
                   f"retirez « hypothese » ou bien « {', '.join(sourced)} »")
        elif "hypothese" not in item and len(sourced) < 3:
            missing = [key for key in ("source", "citation", "contexte") if key not in item]
            report((index,), f"ajoutez « {', '.join(missing)} » (la phrase de la source, recopiée mot pour mot, "
                   "et à qui s'applique le chiffre), ou bien « hypothese » (raison et date) "
                   "si le chiffre ne vient d'aucune source")
        unit = item.get("unite", "")
        if "$" in unit and "$ CAD" not in unit and "$ US" not in unit:
            report((index, "unite"), f"« {unit} » : précisez la devise, par exemple « $ CAD » pour des dollars canadiens")


def plan_problems(home: dict, frameworks: dict[str, dict]) -> Iterator[tuple[FieldPath, str]]:
    """(path in accueil.yml, message) of each fault of the plan: a framework placed twice, or nowhere, the home
    page in the plan, a calculator shown as a section of another page."""
    placed: dict[str, FieldPath] = {}
    for path, name, as_section in plan_entries(home):
        if name == HOME:
            yield path, "la page d'accueil est déjà la racine du site : retirez-la du plan"
        elif name in placed:
            yield path, (f"le cadre « {name} » a déjà sa place dans le plan ({format_field_path(placed[name])}) : "
                         "un cadre n'apparaît que sur une page")
        else:
            placed[name] = path
            if as_section and "calculateur" in frameworks[name]:
                yield path, f"« {name} » est un calculateur : donnez-lui sa propre page (« - cadre: {name} »)"
    for name in frameworks:
        if name != HOME and name not in placed:
            yield ("parcours",), (f"le cadre « {name} » n'a pas de place dans le plan : ajoutez « - cadre: {name} » à une "
                                  "étape du parcours ou à une rubrique, ou bien dans les sections d'une page")


@rule(HOME, reads_guide=True)
def plan_places_every_framework_once(home: dict, report: Report, guide: Guide) -> None:
    """The plan (accueil.yml) places every framework on exactly one page; a calculator has its own page."""
    for path, message in plan_problems(home, guide.frameworks):
        report(path, message)


@rule(EVERY_FRAMEWORK, reads_guide=True)
def see_also_leads_to_other_pages(data: dict, report: Report, guide: Guide) -> None:
    """« Pour aller plus loin » sends the reader to another page: neither to the page itself, nor to another
    part of it (a framework the plan shows on the same page)."""
    links = data.get("page", {}).get("voir_aussi", []) or []
    for index, link in enumerate(links):
        if link["cadre"] == report.name:
            report(("page", "voir_aussi", index, "cadre"), "une page ne peut pas renvoyer vers elle-même")
    home = guide.frameworks.get(HOME)
    if home is None or next(plan_problems(home, guide.frameworks), None):
        return  # the plan's own faults first: until then, which page shows what is not settled
    page = page_of(home, report.name)
    for index, link in enumerate(links):
        if link["cadre"] != report.name and link["cadre"] in page.frameworks:
            report(("page", "voir_aussi", index, "cadre"),
                   f"« {link['cadre']} » est affiché sur la même page que ce cadre : retirez ce lien")


@rule(EVERY_FRAMEWORK, reads_guide=True)
def see_also_leads_to_each_page_once(data: dict, report: Report, guide: Guide) -> None:
    """A page shows one card per page its links lead to (``guide.views.related_links``): a link to a page that
    the same page already leads to, from this framework or from one shown above it, would never be shown."""
    home = guide.frameworks.get(HOME)
    if home is None or next(plan_problems(home, guide.frameworks), None):
        return
    page = page_of(home, report.name)
    first: dict[str, tuple[str, str]] = {}
    for name in page.frameworks:
        for index, link in enumerate(guide.frameworks[name].get("page", {}).get("voir_aussi", []) or []):
            try:
                target = page_of(home, link["cadre"])
            except KeyError:
                continue  # a link to no page: the references' rule names it
            if target.host not in first:
                first[target.host] = (name, link["cadre"])
            elif name == report.name:
                by, to = first[target.host]
                where = "plus haut dans ce fichier" if by == name else f"dans {guide.files[by]}"
                report(("page", "voir_aussi", index, "cadre"),
                       f"la page {page.url or 'd’accueil'} mène déjà vers la page {target.url} (lien vers « {to} » {where}) : "
                       "une seule carte par page, retirez ce lien ou gardez la raison qui le dit le mieux")


@rule(HOME, reads_guide=True)
def home_page_offers_every_calculator(data: dict, report: Report, guide: Guide) -> None:
    """« Par où commencer », at the top of the home page, offers every calculator of the guide."""
    offered = {door["cadre"] for door in data.get("portes", [])}
    for name, framework in guide.frameworks.items():
        if "calculateur" in framework and name not in offered:
            report(("portes",), f"le calculateur « {framework['page']['titre_court']} » ({guide.files[name]}) manque à "
                                f"« Par où commencer » : ajoutez « - id: …, cadre: {name}, texte: … » (une phrase courte)")


@rule(DECISION_MATRIX)
def matrix_has_one_cell_per_pair(data: dict, report: Report) -> None:
    """Each ambition × resources pair has exactly one cell."""
    seen: dict[tuple[str, str], int] = {}
    for index, cell in enumerate(data["cellules"]):
        pair = (cell["ambition"], cell["ressources"])
        if pair in seen:
            report(("cellules", index), f"cette combinaison ambition × ressources est déjà remplie par cellules[{seen[pair]}]")
        else:
            seen[pair] = index
    for ambition, resources in product([item["id"] for item in data["ambitions"]], [item["id"] for item in data["ressources"]]):
        if (ambition, resources) not in seen:
            report(("cellules",), f"il manque la cellule ambition « {ambition} » × ressources « {resources} »")


@rule(PHASES, own_list=True)
def phases_follow_each_other(phases: list[dict], report: Report) -> None:
    """Phases are numbered 1, 2, 3... and their headcount ranges follow each other."""
    for index, phase in enumerate(phases):
        if phase["numero"] != index + 1:
            report((index, "numero"), f"doit valoir {index + 1} : les phases sont numérotées dans l'ordre")
        if phase["effectif_max"] is not None and phase["effectif_max"] <= phase["effectif_min"]:
            report((index, "effectif_max"), "doit être supérieur à effectif_min")
        if index and phase["effectif_min"] <= phases[index - 1]["effectif_min"]:
            report((index, "effectif_min"), "doit être supérieur à l'effectif_min de la phase précédente")
        if phase["effectif_max"] is None and index != len(phases) - 1:
            report((index, "effectif_max"), "seule la dernière phase peut rester sans borne haute")


@rule("etude-de-cas")
def roadmap_follows_the_mission(data: dict, report: Report) -> None:
    """The roadmap's steps follow each other month after month, from month 1 to the mission's last month."""
    steps = data["feuille_de_route"]
    expected_start = 1
    for index, step in enumerate(steps):
        if step["mois_debut"] != expected_start:
            where = "la mission commence au mois 1" if index == 0 else "l'étape doit commencer le mois qui suit la fin de la précédente"
            report(("feuille_de_route", index, "mois_debut"), f"doit valoir {expected_start} : {where}")
        if step["mois_fin"] < step["mois_debut"]:
            report(("feuille_de_route", index, "mois_fin"), "ne peut pas précéder mois_debut")
        expected_start = step["mois_fin"] + 1
    duration = data["intervention"]["duree_mois"]
    if steps and steps[-1]["mois_fin"] != duration:
        report(("feuille_de_route", len(steps) - 1, "mois_fin"),
               f"doit valoir {duration} : la feuille de route s'achève avec la mission (intervention.duree_mois)")


@rule(EVERY_FRAMEWORK, reads_guide=True)
def calculator_matches_its_code(data: dict, report: Report, guide: Guide) -> None:
    """A ``calculateur`` block matches its Python calculator; defaults and example are valid inputs."""
    if "calculateur" not in data:
        return
    name = report.name
    if name not in CALCULATOR_NAMES:
        report(("calculateur",), f"aucun calculateur « {name} » dans calculators/")
        return
    if not _options_exist(data, report, guide):
        return
    try:
        calculator = load_calculator(name, guide.frameworks)
    except ValueError as exc:
        report(("calculateur", "entrees"), str(exc))
        return
    example = data["calculateur"]["exemple"]["entrees"]
    for index, (input_spec, entry) in enumerate(zip(calculator.inputs, data["calculateur"]["entrees"], strict=True)):
        default, problem = parse_input(input_spec, entry["defaut"])
        if problem:
            report(("calculateur", "entrees", index, "defaut"), f"valeur par défaut refusée par le calculateur : {problem}")
        for number, suggestion in enumerate(entry.get("suggestions", [])):
            refused = parse_input(input_spec, suggestion["valeur"])[1]
            if refused:
                report(("calculateur", "entrees", index, "suggestions", number, "valeur"),
                       f"valeur proposée refusée par le calculateur : {refused}")
        if problem:
            continue
        if input_spec.id in example and parse_input(input_spec, example[input_spec.id])[0] != default:
            report(("calculateur", "entrees", index, "defaut"),
                   f"valeur par défaut différente de l'exemple chiffré (exemple.entrees.{input_spec.id}) : le formulaire "
                   "s'ouvre sur l'exemple de la page ; écrivez ici la même valeur que dans l'exemple")
    outputs = [spec.id for spec in calculator.outputs]
    for index, output_id in enumerate(data["calculateur"].get("resume", [])):
        if output_id not in outputs:
            report(("calculateur", "resume", index), f"résultat inconnu « {output_id} » ; résultats possibles : " + ", ".join(outputs))
    for input_id, value in example.items():
        path = ("calculateur", "exemple", "entrees", input_id)
        try:
            spec = calculator.input(input_id)
        except KeyError:
            report(path, "champ inconnu du calculateur ; champs possibles : " + ", ".join(spec.id for spec in calculator.inputs))
            continue
        problem = parse_input(spec, value)[1]
        if problem:
            report(path, f"valeur refusée par le calculateur : {problem}")


def _options_exist(data: dict, report: Report, guide: Guide) -> bool:
    """``options_depuis`` names an existing list of another framework, and a field of its items."""
    fine = True
    for index, entry in enumerate(data["calculateur"]["entrees"]):
        source = entry.get("options_depuis")
        if not source:
            continue
        path = ("calculateur", "entrees", index, "options_depuis")
        items = guide.frameworks.get(source["cadre"], {}).get(source["liste"])
        if not isinstance(items, list) or not items:
            report(path, f"aucune liste « {source['liste']} » dans {source['cadre']}.yml")
            fine = False
        elif any(not isinstance(item.get(source["libelle"]), str) for item in items):
            report(path + ("libelle",),
                   f"les éléments de {source['cadre']}.yml ({source['liste']}) n'ont pas tous un champ texte « {source['libelle']} »")
            fine = False
    return fine


@rule("recyclage-contenu")
def cascade_comes_from_above(data: dict, report: Report) -> None:
    """In the recycling cascade, a content only comes from contents listed above it (no loop)."""
    seen: set[str] = set()
    for index, item in enumerate(data["cascade"]):
        for parent_index, parent in enumerate(item.get("issu_de", [])):
            if parent not in seen:
                where = "lui-même" if parent == item["id"] else f"« {parent} », qui doit être placé plus haut dans la liste"
                report(("cascade", index, "issu_de", parent_index),
                       f"un contenu ne peut être tiré que d'un contenu cité avant lui ; ici : {where}")
        seen.add(item["id"])


@rule("diagnostic", reads_guide=True)
def diagnostic_rule_table_is_whole_and_coherent(data: dict, report: Report, guide: Guide) -> None:
    """The diagnostic's rule table covers every band, ambition and resources once, and none of its reports pairs
    two elements the file declares incompatible or departs from the sources without a reading of the guide
    (``calculators.diagnostic.rule_problems``, which the calculator's own tests run on the whole input grid)."""
    for path, message in rule_problems(guide.frameworks):
        report(path, message)

# --- What the pages will be: their anchors and the links written in texts ---------------------------------------


def _id_fields(value: Any, path: FieldPath = ()) -> Iterator[tuple[FieldPath, str]]:
    """(path, value) of every ``id`` field of a framework's data: what the templates may write as an anchor."""
    if isinstance(value, dict):
        for key, item in value.items():
            if key == "id" and isinstance(item, str):
                yield path + (key,), item
            else:
                yield from _id_fields(item, path + (key,))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _id_fields(item, path + (index,))


def _id_holders(value: str, page: PageIds, guide: Guide, besides: tuple[str, FieldPath] | None = None) -> list[str]:
    """The items of the frameworks shown on a page whose id is ``value`` (but the one ``besides``), for a message."""
    holders = []
    for framework in page.frameworks:
        for path, other in _id_fields(guide.frameworks[framework]):
            if other == value and (framework, path) != besides:
                line = guide.parsed[framework].position_of(path)[0]
                holders.append(f"l'identifiant de {format_field_path(path)} ({guide.files[framework]}, ligne {line})")
    return holders


def _other_holders(value: str, name: str, path: FieldPath, page: PageIds, guide: Guide) -> str:
    """Who else gives the page the anchor ``value``: another item's id (file, line, field), a framework's name (a
    section of the page, or a theme of the FAQ's page), else the page's template."""
    holders = _id_holders(value, page, guide, besides=(name, path))
    if value in guide.frameworks:
        holders.append(f"le nom de la page « {guide.frameworks[value]['page']['titre_court']} » ({value}.yml), "
                       "qui y sert d'ancre")
    return " et ".join(holders) or "une ancre que la page écrit d'elle-même"


@rule(EVERY_FRAMEWORK, reads_pages=True)
def anchors_are_unique_on_their_page(data: dict, report: Report, guide: Guide, pages: dict[str, PageIds]) -> None:
    """An item's id is its anchor on the page that shows it: two alike (another item, a page's name, a word of the
    template) make one link land on the wrong one, and an id that a heading's text makes takes that heading's
    anchor away. Reported at the editor's id; a framework placed as a section, at its place in the plan."""
    home = guide.frameworks[HOME]
    page = pages[page_of(home, report.name).url]
    repeated, shifted = page.repeated(), page.shifted()
    for path, value in _id_fields(data):
        if value in repeated:
            report(path, f"« {value} » est déjà une ancre de la page /{page.url} : "
                   f"{_other_holders(value, report.name, path, page, guide)} ; un lien vers #{value} ne mènerait qu'à "
                   "la première des deux ; choisissez un autre identifiant, qui ne soit ni le nom d'une page ni une "
                   "ancre de cette page")
        elif value in shifted:
            heading = shifted[value]
            report(path, f"« {value} » est déjà une ancre de la page /{page.url} : celle du titre « {heading.title} », "
                   f"qui deviendrait #{heading.id} ; choisissez un autre identifiant")
    if report.name != HOME:
        return
    for plan_path, name, as_section in plan_entries(data):
        host = pages[page_of(data, name).url]
        # An item's id is reported in its own file (above); what is left is a word of the page's template.
        if as_section and name in host.repeated() and not _id_holders(name, host, guide):
            report(plan_path, f"« {name} » sert d'ancre à sa partie sur la page /{host.url}, dont le gabarit écrit "
                   f"déjà l'ancre #{name} : placez ce cadre sur une autre page, ou donnez-lui un autre nom (son "
                   "fichier, son schéma et son gabarit)")


@rule(EVERY_FRAMEWORK, reads_pages=True)
def readers_questions_aim_at_a_section_of_the_page(data: dict, report: Report, guide: Guide,
                                                   pages: dict[str, PageIds]) -> None:
    """page.recherche: a ``section`` is an anchor of the page that shows this file (the search raises that section
    for the readers' questions; an anchor that does not exist raises nothing), and not an FAQ question's: its anchor
    is made from its words, so rewording the question in faq.yml would break another file; its readers' words go
    under the question in faq.yml, where they follow it."""
    entries = (data.get("page") or {}).get(SEARCH_WORDS_KEY) or []
    home = guide.frameworks[HOME]
    page = pages[page_of(home, report.name).url]
    if not any(entry.get("section") is not None for entry in entries):
        return
    questions = {location: ident for ident, locations in faq_question_locations(
        guide.frameworks, faq_question_anchors(guide.frameworks, pages)).items() for location in locations}
    for index, entry in enumerate(entries):
        section = entry.get("section")
        if section is not None and f"{page.url}#{section}" in questions:
            ident = questions[f"{page.url}#{section}"]
            report(("page", SEARCH_WORDS_KEY, index, "section"),
                   f"« {section} » est l'ancre d'une question de la FAQ (« {ident} ») : écrivez ces mots des "
                   f"lecteurs dans faq.yml, sous la question « {ident} », après « recherche: », pour qu'ils la "
                   "suivent quand elle est reformulée", section)
            continue
        if section is None or section in page.ids:
            continue
        suggestion = closest(section, page.ids)
        report(("page", SEARCH_WORDS_KEY, index, "section"),
               f"« {section} » n'est pas une ancre de la page /{page.url} : écrivez l'ancre d'une de ses sections, "
               "telle que l'adresse la montre après « # » quand on clique sur le symbole ¶ de son titre, ou retirez "
               "la ligne « section » pour viser la page entière"
               + (f" ; vouliez-vous dire « {suggestion} » ?" if suggestion else ""), section)


@rule(EVERY_FRAMEWORK, reads_pages=True)
def links_lead_to_pages_that_exist(data: dict, report: Report, guide: Guide, pages: dict[str, PageIds]) -> None:
    """A link written in a text (Markdown or HTML) to a page or an anchor of the guide that does not exist. (Every
    text is shown as typed: ``guide check`` also warns that the link itself will not be one.)"""
    home = guide.frameworks[HOME]
    addresses = page_addresses(home)
    current = page_of(home, report.name).url  # a link to « #ancre » alone aims at the page that shows the text
    for path, text in texts_of(data):
        for written, target in links_in(text):
            missing = missing_target(target, current, addresses, pages)
            if missing is None:
                continue
            # The page to add: the one the closest target is on (a page's address is its host's name, « phases/ »).
            host = (missing.page.rstrip("/") or HOME) if missing.page is not None else "NOM"
            to = "aux themes de la question" if (report.name, path[:1]) == (FAQ_FRAMEWORK, (FAQ_QUESTIONS_KEY,)) \
                else "à page.voir_aussi"
            report(path, f"ce lien mène à {missing.what}, et un lien écrit dans un texte s'affiche de toute façon tel "
                   f"quel : écrivez le texte seul et, pour renvoyer vers une page, ajoutez-la {to} "
                   f"(« - {'' if to.startswith('aux') else 'cadre: '}{host} »" + (", NOM étant le nom de son fichier sans « .yml »)" if host == "NOM" else ")")
                   + (f" ; vouliez-vous dire « {missing.closest} » ?" if missing.closest else ""),
                   written)
