"""Maturity diagnostic: phase, whether to structure now, structure, organisation model, sourcing.

Everything comes from the frameworks: the phases' headcount thresholds (phases.yml), the
decision matrix (matrice-decision.yml), the four warning signals (signaux.yml), the
models (modeles.yml), the sourcing table (sourcing.yml) and the phase -> model/sourcing
mapping of ``regles`` in diagnostic.yml. ``render_extra`` writes the short personal
report, quoting those files, with a link to each framework page.
"""

from __future__ import annotations

from calculators.contract import Outcome, item_by_id, threshold, threshold_in_euros
from common.html import Html, element
from common.numbers import format_money
from common.site_map import HOME, page_url

INPUT_IDS = ("employees", "annual_revenue", "signals", "ambition", "resources", "multi_business_units")
OUTPUT_IDS = ("phase", "structure_now", "typology", "org_model", "sourcing", "cmo_role")


def _item(settings: dict, framework: str, list_key: str, item_id: str) -> dict:
    return item_by_id(settings[framework][list_key], item_id)


def phase_for(employees: int, settings: dict) -> dict:
    """The last phase whose ``effectif_min`` the headcount reaches (phases are in increasing order)."""
    phases = sorted(settings["phases"]["phases"], key=lambda phase: phase["effectif_min"])
    chosen = phases[0]
    for phase in phases:
        if employees >= phase["effectif_min"]:
            chosen = phase
    return chosen


def typology_for(ambition: str, resources: str, settings: dict) -> str:
    cell = next(cell for cell in settings["matrice-decision"]["cellules"]
                if cell["ambition"] == ambition and cell["ressources"] == resources)
    return cell["typologie"]


def mapping_for(phase_id: str, settings: dict) -> dict:
    return next(row for row in settings["diagnostic"]["regles"]["par_phase"] if row["phase"] == phase_id)


def org_model_for(phase_id: str, multi_business_units: bool, settings: dict) -> str:
    row = mapping_for(phase_id, settings)
    if multi_business_units and "modele_plusieurs_bu" in row:
        return row["modele_plusieurs_bu"]
    return row["modele"]


def sourcing_for(phase_id: str, resources: str, settings: dict, employees: int | None = None) -> str:
    """The sourcing row of the phase; in the headcount band where source 001 calls the fractional CMO ideal,
    a company with limited resources gets that row whatever its phase (``regles.cmo_fractionne``)."""
    fractional = settings["diagnostic"]["regles"].get("cmo_fractionne")
    if fractional and employees is not None and resources == fractional["ressources"] and (
            threshold(settings, fractional["effectif_min"]) <= employees <= threshold(settings, fractional["effectif_max"])):
        return fractional["sourcing"]
    return mapping_for(phase_id, settings)["sourcing"][resources]


def tension_for(typology_id: str, sourcing_id: str, settings: dict) -> str:
    """What the report says when the structure and the sourcing row of the source do not agree."""
    for tension in settings["diagnostic"]["regles"].get("tensions", []):
        if tension["typologie"] == typology_id and sourcing_id in tension["roles_cmo"]:
            return tension["texte"]
    return ""


def compute(values: dict, settings: dict) -> dict:
    v = values
    rules = settings["diagnostic"]["regles"]
    out: dict[str, Outcome] = {}
    phase = phase_for(v["employees"], settings)
    out["phase"] = Outcome(value=phase["id"], label=f"Phase {phase['numero']} : {phase['nom']}",
                           note=f"Objectif : {phase['objectif']}")

    signals = v["signals"]
    needed = rules["signaux_pour_structurer"]
    structure_now = len(signals) >= needed
    if structure_now:
        titles = ", ".join(_item(settings, "signaux", "signaux", signal)["titre"].lower() for signal in signals)
        note = f"Signaux présents : {titles}. Le marketing informel atteint ses limites : il est temps de structurer."
    else:
        note = "Aucun signal d'alerte coché : aucun des quatre signaux n'appelle encore à structurer ; surveillez-les."
    out["structure_now"] = Outcome(value=structure_now, note=note)

    typology = _item(settings, "typologies", "typologies", typology_for(v["ambition"], v["resources"], settings))
    ambition = _item(settings, "matrice-decision", "ambitions", v["ambition"])["libelle"]
    resources = _item(settings, "matrice-decision", "ressources", v["resources"])["libelle"]
    out["typology"] = Outcome(value=typology["id"], label=typology["nom"],
                              note=f"{ambition} et {resources.lower()}, d'après la matrice de décision.")

    model = _item(settings, "modeles", "modeles", org_model_for(phase["id"], v["multi_business_units"], settings))
    out["org_model"] = Outcome(value=model["id"], label=model["nom"],
                               note=f"{model['description']} Idéal, selon l'article : {model['ideal_pour'][:1].lower()}"
                                    f"{model['ideal_pour'][1:].rstrip('.')} (rapprochement avec votre situation : hypothèse du guide).")

    row = _item(settings, "sourcing", "situations", sourcing_for(phase["id"], v["resources"], settings, v["employees"]))
    note = (f"Rapprochement du guide : la ligne « {row['situation']} » du tableau de sourcing, selon votre phase, "
            "vos ressources et votre effectif.")
    tension = tension_for(typology["id"], row["id"], settings)
    if tension:
        out["typology"].note += f" {tension}"
    revenue = v["annual_revenue"]
    floor = threshold_in_euros(settings, "chiffre-affaires-plancher")
    if revenue is not None and revenue < floor and row["option"] == "equipe-interne":
        note += (f" Votre chiffre d'affaires reste sous {format_money(floor)} (le million de dollars canadiens d'Antoine "
                 "Blot, converti au taux de l'hypothèse du guide) : selon lui, recruter une direction marketing "
                 "permanente est souvent une erreur à ce stade ; pensez au modèle hybride.")
    out["sourcing"] = Outcome(value=row["id"], label=row["modele_recommande"], note=note)
    out["cmo_role"] = Outcome(value=row["role_cmo"], note="Le rôle du CMO dans cette situation, d'après le même tableau.")
    return out


# --- The personal report --------------------------------------------------------------------

def _link(settings: dict, name: str, anchor: str | None, text: str) -> Html:
    """A link from the calculator's page (one level below the root) to a framework, placed by the site map."""
    return element("a", text, href="../" + page_url(settings[HOME], name, anchor))


def _list(items: list[str]) -> Html:
    return element("ul", *(element("li", item) for item in items))


def _section(title: str, *body: Html) -> Html:
    return element("section", element("h3", title), *body)


def _headed_list(heading: str, items: list[str]) -> list[Html]:
    return [element("p", element("strong", heading)), _list(items)]


def _labelled(label: str, text: str) -> Html:
    return element("p", element("strong", label), " : ", text)


def headcount_range(phase: dict) -> str:
    """A phase's headcount range: ``10 à 50 employés``, ``200 employés et plus`` (the pages show the same)."""
    if phase["effectif_max"] is None:
        return f"{phase['effectif_min']} employés et plus"
    return f"{phase['effectif_min']} à {phase['effectif_max']} employés"


def render_extra(calculator, result) -> Html:
    """A short report a leader can read and print: phase, signals, structure, model, sourcing."""
    if not result.ok:
        return Html()
    settings = calculator.settings
    outcomes = result.outcomes
    sections = []

    phase = _item(settings, "phases", "phases", outcomes["phase"].value)
    sections.append(_section(
        f"Votre phase : {phase['nom']} ({headcount_range(phase)})",
        _labelled("Objectif", phase["objectif"]),
        _labelled("Organisation type", phase["organisation_type"]),
        *_headed_list("Priorités", phase["priorites"]),
        *_headed_list("Risques à surveiller", phase["risques"]),
        element("p", _link(settings, "phases", phase["id"], "Les phases de maturité")),
    ))

    chosen = result.values["signals"]
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
    details = [typology[key] for key in ("description", "vise", "organisation") if key in typology]
    sections.append(_section(
        f"Votre structure : {typology['nom']}",
        element("p", " ".join([outcomes["typology"].note, *details])),
        element("p", _link(settings, "typologies", typology["id"], typology["nom"]), " · ",
                _link(settings, "matrice-decision", None, settings["matrice-decision"]["page"]["titre_court"])),
    ))

    model = _item(settings, "modeles", "modeles", outcomes["org_model"].value)
    sections.append(_section(
        f"Votre modèle d'organisation : {model['nom']}",
        element("p", model["description"]),
        *_headed_list("Avantages", model["avantages"]),
        *_headed_list("Limites", model["limites"]),
        element("p", _link(settings, "modeles", model["id"], settings["modeles"]["page"]["titre_court"])),
    ))

    row = _item(settings, "sourcing", "situations", outcomes["sourcing"].value)
    sections.append(_section(
        f"Qui la fera vivre : {row['modele_recommande']}",
        element("p", outcomes["sourcing"].note, " Rôle du CMO : ", row["role_cmo"], "."),
        element("p", _link(settings, "sourcing", row["id"], settings["sourcing"]["page"]["titre_court"]), " · ",
                _link(settings, "role-cmo", None, settings["role-cmo"]["page"]["titre_court"])),
    ))
    return element("div", element("h2", "Votre rapport", class_="guide-report__title"), *sections,
                   class_="guide-report", data_report="diagnostic")
