"""Maturity diagnostic: phase, whether to structure now, structure, organisation model, sourcing.

Everything comes from the frameworks: the phases' headcount thresholds (phases.yml), the
decision matrix (matrice-decision.yml), the four warning signals (signaux.yml), the
models (modeles.yml), the sourcing table (sourcing.yml) and the phase -> model/sourcing
mapping of ``regles`` in diagnostic.yml. ``render_extra`` writes the short personal
report, quoting those files, with a link to each framework page.
"""

from __future__ import annotations

from calculators.contract import Outcome, item_by_id, threshold, threshold_in_euros
from calculators.html import escape
from calculators.numbers import format_money
from calculators.site_map import HOME, page_url

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

def _link(settings: dict, name: str, anchor: str | None, text: str) -> str:
    """A link from the calculator's page (one level below the root) to a framework, placed by the site map."""
    target = "../" + page_url(settings[HOME], name, anchor)
    return f'<a href="{escape(target)}">{escape(text)}</a>'


def _list(items: list[str]) -> str:
    return "<ul>" + "".join(f"<li>{escape(item)}</li>" for item in items) + "</ul>"


def _section(title: str, body: str) -> str:
    return f"<section><h3>{escape(title)}</h3>{body}</section>"


def headcount_range(phase: dict) -> str:
    """A phase's headcount range: ``10 à 50 employés``, ``200 employés et plus`` (the pages show the same)."""
    if phase["effectif_max"] is None:
        return f"{phase['effectif_min']} employés et plus"
    return f"{phase['effectif_min']} à {phase['effectif_max']} employés"


def render_extra(calculator, result) -> str:
    """A short report a leader can read and print: phase, signals, structure, model, sourcing."""
    if not result.ok:
        return ""
    settings = calculator.settings
    outcomes = result.outcomes
    sections = []

    phase = _item(settings, "phases", "phases", outcomes["phase"].value)
    sections.append(_section(
        f"Votre phase : {phase['nom']} ({headcount_range(phase)})",
        f"<p><strong>Objectif</strong> : {escape(phase['objectif'])}</p>"
        f"<p><strong>Organisation type</strong> : {escape(phase['organisation_type'])}</p>"
        f"<p><strong>Priorités</strong></p>{_list(phase['priorites'])}"
        f"<p><strong>Risques à surveiller</strong></p>{_list(phase['risques'])}"
        f"<p>{_link(settings, 'phases', phase['id'], 'Les phases de maturité')}</p>",
    ))

    chosen = result.values["signals"]
    if chosen:
        items = "".join(
            f"<li><strong>{escape(signal['titre'])}</strong> : {escape(signal['symptome'])} "
            f"{escape(signal['consequence'])} {_link(settings, 'signaux', signal['id'], 'En savoir plus')}</li>"
            for signal in settings["signaux"]["signaux"] if signal["id"] in chosen
        )
        body = f"<p>{escape(outcomes['structure_now'].note)}</p><ul>{items}</ul>"
    else:
        body = (f"<p>{escape(outcomes['structure_now'].note)}</p>"
                f"<p>{_link(settings, 'signaux', None, 'Les quatre signaux d’alerte')}</p>")
    sections.append(_section("Faut-il structurer maintenant ?", body))

    typology = _item(settings, "typologies", "typologies", outcomes["typology"].value)
    details = [typology[key] for key in ("description", "vise", "organisation") if key in typology]
    sections.append(_section(
        f"Votre structure : {typology['nom']}",
        f"<p>{escape(outcomes['typology'].note)} {' '.join(escape(text) for text in details)}</p>"
        f"<p>{_link(settings, 'typologies', typology['id'], typology['nom'])} · "
        f"{_link(settings, 'matrice-decision', None, settings['matrice-decision']['page']['titre_court'])}</p>",
    ))

    model = _item(settings, "modeles", "modeles", outcomes["org_model"].value)
    sections.append(_section(
        f"Votre modèle d'organisation : {model['nom']}",
        f"<p>{escape(model['description'])}</p>"
        f"<p><strong>Avantages</strong></p>{_list(model['avantages'])}"
        f"<p><strong>Limites</strong></p>{_list(model['limites'])}"
        f"<p>{_link(settings, 'modeles', model['id'], settings['modeles']['page']['titre_court'])}</p>",
    ))

    row = _item(settings, "sourcing", "situations", outcomes["sourcing"].value)
    sections.append(_section(
        f"Qui la fera vivre : {row['modele_recommande']}",
        f"<p>{escape(outcomes['sourcing'].note)} Rôle du CMO : {escape(row['role_cmo'])}.</p>"
        f"<p>{_link(settings, 'sourcing', row['id'], settings['sourcing']['page']['titre_court'])} · "
        f"{_link(settings, 'role-cmo', None, settings['role-cmo']['page']['titre_court'])}</p>",
    ))
    return ('<div class="guide-report" data-report="diagnostic"><h2 class="guide-report__title">Votre rapport</h2>'
            + "".join(sections) + "</div>")
