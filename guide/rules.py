"""Checks that span fields or files and that JSON Schema cannot express.

Each check returns French ``ContentError``s positioned like the schema errors.
"""

from __future__ import annotations

import difflib
from itertools import product
from typing import TYPE_CHECKING

from guide.errors import ContentError, format_field_path
from guide.yaml_source import ParsedYaml

if TYPE_CHECKING:
    from guide.catalog import Guide


def _error(guide: Guide, parsed: dict[str, ParsedYaml], name: str, path: tuple, message: str) -> ContentError:
    line, column = parsed[name].position_of(path)
    return ContentError(guide.files[name], line, column, format_field_path(path), message)


def _framework_links(data: dict, name: str):
    """Every field that names another framework (``cadre`` or ``themes``), with its path."""
    page = data.get("page", {})
    for index, link in enumerate(page.get("voir_aussi", []) or []):
        yield ("page", "voir_aussi", index, "cadre"), link["cadre"]
    if name == "faq":
        for index, question in enumerate(data["questions"]):
            for theme_index, theme in enumerate(question["themes"]):
                yield ("questions", index, "themes", theme_index), theme
    if name == "glossaire":
        for index, term in enumerate(data["termes"]):
            if "cadre" in term:
                yield ("termes", index, "cadre"), term["cadre"]
    if name == "seuils":
        for index, item in enumerate(data["seuils"]):
            for calculator_index, calculator in enumerate(item.get("calculateurs", [])):
                yield ("seuils", index, "calculateurs", calculator_index), calculator
    if name == "accueil":
        for index, door in enumerate(data["portes"]):
            yield ("portes", index, "cadre"), door["cadre"]
        for key in ("parcours", "rubriques"):
            for index, group in enumerate(data.get(key, [])):
                for page_index, entry in enumerate(group["pages"]):
                    yield (key, index, "pages", page_index, "cadre"), entry["cadre"]
                    for section_index, section in enumerate(entry.get("sections", [])):
                        yield (key, index, "pages", page_index, "sections", section_index), section
    if name == "kpis":
        for index, family in enumerate(data["familles"]):
            if "calculateur" in family:
                yield ("familles", index, "calculateur", "cadre"), family["calculateur"]["cadre"]


def check_framework_links(guide: Guide, parsed: dict[str, ParsedYaml]) -> list[ContentError]:
    names = sorted(guide.frameworks)
    errors = []
    for name, data in guide.frameworks.items():
        for path, target in _framework_links(data, name):
            if target == name and path[0] == "page":
                errors.append(_error(guide, parsed, name, path, "une page ne peut pas renvoyer vers elle-même"))
            elif target not in guide.frameworks:
                message = f"cadre inconnu « {target} » : aucun fichier frameworks/{target}.yml"
                close = difflib.get_close_matches(target, names, n=1, cutoff=0.6)
                message += f" ; vouliez-vous dire « {close[0]} » ?" if close else " ; cadres possibles : " + ", ".join(names)
                errors.append(_error(guide, parsed, name, path, message))
    return errors


def check_site_plan(guide: Guide, parsed: dict[str, ParsedYaml]) -> list[ContentError]:
    """The plan (accueil.yml) places every framework on exactly one page; a calculator has its own page;
    a page does not send the reader to another part of itself under « Pour aller plus loin »."""
    from common.site_map import HOME, page_of

    if HOME not in guide.frameworks:
        return []
    home = guide.frameworks[HOME]
    errors = []
    placed: dict[str, tuple] = {}
    for path, name in _framework_links(home, HOME):
        if path[0] not in ("parcours", "rubriques") or name not in guide.frameworks:
            continue  # unknown names: reported by check_framework_links
        if name == HOME:
            errors.append(_error(guide, parsed, HOME, path, "la page d'accueil est déjà la racine du site : retirez-la du plan"))
        elif name in placed:
            errors.append(_error(guide, parsed, HOME, path, f"le cadre « {name} » a déjà sa place dans le plan "
                                 f"({format_field_path(placed[name])}) : un cadre n'apparaît que sur une page"))
        else:
            placed[name] = path
            if path[-2] == "sections" and "calculateur" in guide.frameworks[name]:
                errors.append(_error(guide, parsed, HOME, path, f"« {name} » est un calculateur : donnez-lui sa propre page "
                                     f"(« - cadre: {name} »)"))
    for name in guide.frameworks:
        if name != HOME and name not in placed:
            errors.append(_error(guide, parsed, HOME, ("parcours",),
                                 f"le cadre « {name} » n'a pas de place dans le plan : ajoutez « - cadre: {name} » à une "
                                 "étape du parcours ou à une rubrique, ou bien dans les sections d'une page"))
    if errors:
        return errors
    for name, data in guide.frameworks.items():
        page = page_of(home, name)
        for index, link in enumerate(data["page"].get("voir_aussi", []) or []):
            if link["cadre"] != name and link["cadre"] in page.frameworks:
                errors.append(_error(guide, parsed, name, ("page", "voir_aussi", index, "cadre"),
                                     f"« {link['cadre']} » est affiché sur la même page que ce cadre : retirez ce lien"))
    return errors


def check_decision_matrix(guide: Guide, parsed: dict[str, ParsedYaml]) -> list[ContentError]:
    """Each ambition × resources pair has exactly one cell."""
    name = "matrice-decision"
    if name not in guide.frameworks:
        return []
    data = guide.frameworks[name]
    errors = []
    seen: dict[tuple[str, str], int] = {}
    for index, cell in enumerate(data["cellules"]):
        pair = (cell["ambition"], cell["ressources"])
        if pair in seen:
            errors.append(
                _error(guide, parsed, name, ("cellules", index), f"cette combinaison ambition × ressources est déjà remplie par cellules[{seen[pair]}]")
            )
        else:
            seen[pair] = index
    for ambition, resources in product(
        [item["id"] for item in data["ambitions"]], [item["id"] for item in data["ressources"]]
    ):
        if (ambition, resources) not in seen:
            errors.append(
                _error(guide, parsed, name, ("cellules",), f"il manque la cellule ambition « {ambition} » × ressources « {resources} »")
            )
    return errors


def check_phase_ranges(guide: Guide, parsed: dict[str, ParsedYaml]) -> list[ContentError]:
    """Phases are numbered 1, 2, 3... and their headcount ranges follow each other."""
    name = "phases"
    if name not in guide.frameworks:
        return []
    phases = guide.frameworks[name]["phases"]
    errors = []
    for index, phase in enumerate(phases):
        if phase["numero"] != index + 1:
            errors.append(_error(guide, parsed, name, ("phases", index, "numero"), f"doit valoir {index + 1} : les phases sont numérotées dans l'ordre"))
        if phase["effectif_max"] is not None and phase["effectif_max"] <= phase["effectif_min"]:
            errors.append(_error(guide, parsed, name, ("phases", index, "effectif_max"), "doit être supérieur à effectif_min"))
        if index and phase["effectif_min"] <= phases[index - 1]["effectif_min"]:
            errors.append(
                _error(guide, parsed, name, ("phases", index, "effectif_min"), "doit être supérieur à l'effectif_min de la phase précédente")
            )
        is_last = index == len(phases) - 1
        if phase["effectif_max"] is None and not is_last:
            errors.append(_error(guide, parsed, name, ("phases", index, "effectif_max"), "seule la dernière phase peut rester sans borne haute"))
    return errors


def check_case_study_roadmap(guide: Guide, parsed: dict[str, ParsedYaml]) -> list[ContentError]:
    """The roadmap's steps follow each other month after month, from month 1 to the mission's last month."""
    name = "etude-de-cas"
    if name not in guide.frameworks:
        return []
    data = guide.frameworks[name]
    steps = data["feuille_de_route"]
    errors = []
    expected_start = 1
    for index, step in enumerate(steps):
        if step["mois_debut"] != expected_start:
            where = "la mission commence au mois 1" if index == 0 else "l'étape doit commencer le mois qui suit la fin de la précédente"
            errors.append(_error(guide, parsed, name, ("feuille_de_route", index, "mois_debut"), f"doit valoir {expected_start} : {where}"))
        if step["mois_fin"] < step["mois_debut"]:
            errors.append(_error(guide, parsed, name, ("feuille_de_route", index, "mois_fin"), "ne peut pas précéder mois_debut"))
        expected_start = step["mois_fin"] + 1
    duration = data["intervention"]["duree_mois"]
    if steps and steps[-1]["mois_fin"] != duration:
        errors.append(_error(guide, parsed, name, ("feuille_de_route", len(steps) - 1, "mois_fin"),
                             f"doit valoir {duration} : la feuille de route s'achève avec la mission (intervention.duree_mois)"))
    return errors


def check_calculators(guide: Guide, parsed: dict[str, ParsedYaml]) -> list[ContentError]:
    """A ``calculateur`` block matches its Python calculator; defaults and example are valid inputs."""
    from calculators.contract import CALCULATOR_NAMES, load_calculator, parse_input

    errors = []
    for name, data in guide.frameworks.items():
        if "calculateur" not in data:
            continue
        if name not in CALCULATOR_NAMES:
            errors.append(_error(guide, parsed, name, ("calculateur",), f"aucun calculateur « {name} » dans calculators/"))
            continue
        problems = _option_sources(guide, parsed, name, data)
        if problems:
            errors.extend(problems)
            continue
        try:
            calculator = load_calculator(name, guide.frameworks)
        except ValueError as exc:
            errors.append(_error(guide, parsed, name, ("calculateur", "entrees"), str(exc)))
            continue
        for index, input_spec in enumerate(calculator.inputs):
            _, problem = parse_input(input_spec, input_spec.default)
            if problem:
                errors.append(_error(guide, parsed, name, ("calculateur", "entrees", index, "defaut"),
                                     f"valeur par défaut refusée par le calculateur : {problem}"))
        outputs = [spec.id for spec in calculator.outputs]
        for index, output_id in enumerate(data["calculateur"].get("resume", [])):
            if output_id not in outputs:
                errors.append(_error(guide, parsed, name, ("calculateur", "resume", index),
                                     f"résultat inconnu « {output_id} » ; résultats possibles : " + ", ".join(outputs)))
        example = data["calculateur"]["exemple"]["entrees"]
        for input_id, value in example.items():
            path = ("calculateur", "exemple", "entrees", input_id)
            spec = next((spec for spec in calculator.inputs if spec.id == input_id), None)
            if spec is None:
                errors.append(_error(guide, parsed, name, path, "champ inconnu du calculateur ; champs possibles : "
                                     + ", ".join(spec.id for spec in calculator.inputs)))
            elif parse_input(spec, value)[1]:
                errors.append(_error(guide, parsed, name, path, f"valeur refusée par le calculateur : {parse_input(spec, value)[1]}"))
    return errors


def check_content_cascade(guide: Guide, parsed: dict[str, ParsedYaml]) -> list[ContentError]:
    """In the recycling cascade, a content only comes from contents listed above it (no loop)."""
    name = "recyclage-contenu"
    if name not in guide.frameworks:
        return []
    errors = []
    seen: set[str] = set()
    for index, item in enumerate(guide.frameworks[name]["cascade"]):
        for parent_index, parent in enumerate(item.get("issu_de", [])):
            if parent not in seen:
                where = "lui-même" if parent == item["id"] else f"« {parent} », qui doit être placé plus haut dans la liste"
                errors.append(_error(guide, parsed, name, ("cascade", index, "issu_de", parent_index),
                                     f"un contenu ne peut être tiré que d'un contenu cité avant lui ; ici : {where}"))
        seen.add(item["id"])
    return errors


def _option_sources(guide: Guide, parsed: dict[str, ParsedYaml], name: str, data: dict) -> list[ContentError]:
    """``options_depuis`` names an existing list of another framework, and a field of its items."""
    errors = []
    for index, entry in enumerate(data["calculateur"]["entrees"]):
        source = entry.get("options_depuis")
        if not source:
            continue
        path = ("calculateur", "entrees", index, "options_depuis")
        items = guide.frameworks.get(source["cadre"], {}).get(source["liste"])
        if not isinstance(items, list) or not items:
            errors.append(_error(guide, parsed, name, path, f"aucune liste « {source['liste']} » dans {source['cadre']}.yml"))
        elif any(not isinstance(item.get(source["libelle"]), str) for item in items):
            errors.append(_error(guide, parsed, name, path + ("libelle",),
                                 f"les éléments de {source['cadre']}.yml ({source['liste']}) n'ont pas tous un champ texte « {source['libelle']} »"))
    return errors


def check_diagnostic_rules(guide: Guide, parsed: dict[str, ParsedYaml]) -> list[ContentError]:
    """Every phase has exactly one row in the diagnostic's mapping; its sourcing names every kind of resources."""
    name = "diagnostic"
    if name not in guide.frameworks or "phases" not in guide.frameworks:
        return []
    rows = guide.frameworks[name]["regles"]["par_phase"]
    errors = []
    seen = set()
    for index, row in enumerate(rows):
        if row["phase"] in seen:
            errors.append(_error(guide, parsed, name, ("regles", "par_phase", index, "phase"), f"la phase « {row['phase']} » a déjà sa ligne"))
        seen.add(row["phase"])
    for phase in guide.frameworks["phases"]["phases"]:
        if phase["id"] not in seen:
            errors.append(_error(guide, parsed, name, ("regles", "par_phase"), f"il manque la ligne de la phase « {phase['id']} »"))
    resources = [item["id"] for item in guide.frameworks.get("matrice-decision", {}).get("ressources", [])]
    for index, row in enumerate(rows):
        if sorted(row["sourcing"]) != sorted(resources):
            errors.append(_error(guide, parsed, name, ("regles", "par_phase", index, "sourcing"),
                                 "donnez une situation pour chaque niveau de ressources de la matrice : " + ", ".join(resources)))
    return errors


def check_threshold_provenance(guide: Guide, parsed: dict[str, ParsedYaml]) -> list[ContentError]:
    """Each figure of seuils.yml comes from a source (source, citation, contexte) or is the guide's own
    assumption (hypothese), never both and never neither; a dollar amount says which dollars."""
    name = "seuils"
    errors = []
    for index, item in enumerate(guide.frameworks.get(name, {}).get("seuils", [])):
        path = ("seuils", index)
        sourced = [key for key in ("source", "citation", "contexte") if key in item]
        if "hypothese" in item and sourced:
            errors.append(_error(guide, parsed, name, path + ("hypothese",),
                                 "un repère vient d'une source ou est une hypothèse du guide, pas les deux : "
                                 f"retirez « hypothese » ou bien « {', '.join(sourced)} »"))
        elif "hypothese" not in item and len(sourced) < 3:
            missing = [key for key in ("source", "citation", "contexte") if key not in item]
            errors.append(_error(guide, parsed, name, path,
                                 f"ajoutez « {', '.join(missing)} » (la phrase de la source, recopiée mot pour mot, "
                                 "et à qui s'applique le chiffre), ou bien « hypothese » (raison et date) "
                                 "si le chiffre ne vient d'aucune source"))
        unit = item.get("unite", "")
        if "$" in unit and "$ CAD" not in unit and "$ US" not in unit:
            errors.append(_error(guide, parsed, name, path + ("unite",),
                                 f"« {unit} » : précisez la devise, par exemple « $ CAD » pour des dollars canadiens"))
    return errors


CHECKS = (check_threshold_provenance, check_framework_links, check_site_plan, check_decision_matrix, check_phase_ranges, check_case_study_roadmap, check_calculators,
          check_diagnostic_rules, check_content_cascade)


def check(guide: Guide, parsed: dict[str, ParsedYaml]) -> list[ContentError]:
    errors = []
    for rule in CHECKS:
        errors.extend(rule(guide, parsed))
    return errors
