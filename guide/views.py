"""What each page shows, computed in Python: the templates only lay it out.

Two kinds of views:

- what the rendering loop hands every page (``page_sources``, ``page_figures``, ``page_assumptions``,
  ``related_links``, ``calculator_view``, the FAQ entries a page lists);
- helpers a page's template calls (registered in ``guide.template_helpers``): the decision matrix as rows of
  cells, a source's credit, the recycling cascade in tiers, the FAQ's themes, the pages that rely on a source.

Joins between files follow the references the schemas declare (``Guide.follow``, ``Guide.referrers``), so
no view names another framework's file.
"""

from __future__ import annotations

from typing import Any

from calculators.contract import display, load_calculator, run
from calculators.diagnostic import conditions, element_label, reading_link, rule_table
from calculators.html import render_widget
from common.site_map import HOME, SitePage, page_of, site_pages
from guide.browser_assets import BrowserAssets
from guide.markdown_text import Trusted
from guide.model import FAQ_FRAMEWORK, SOURCES_FRAMEWORK, THRESHOLDS_FRAMEWORK, Guide
from guide.search import out_of_search
from guide.template_helpers import french_date, template_filter, template_function
from guide.thresholds import thresholds_by_id

# --- What the rendering loop hands every page ------------------------------------------------------------


def questions_for(guide: Guide, name: str) -> list[dict]:
    """FAQ entries whose themes include this framework."""
    if FAQ_FRAMEWORK not in guide.frameworks:
        return []
    return [question for question in guide.frameworks[FAQ_FRAMEWORK]["questions"] if name in question["themes"]]


def shown_questions(guide: Guide, name: str) -> list[dict]:
    """The FAQ entries a framework shows: all of them on the FAQ's own page, else those of its themes."""
    return guide.frameworks[FAQ_FRAMEWORK]["questions"] if name == FAQ_FRAMEWORK else questions_for(guide, name)


def page_questions(guide: Guide, page: SitePage) -> tuple[list[dict], list[dict]]:
    """The FAQ entries a page shows, as (answered here, answered elsewhere). An entry is answered on the FAQ's page
    and on the page of its first theme, its home: the pages of its other themes name it and lead to its answer,
    so that no answer is printed word for word on several pages. The FAQ's own page answers them all."""
    home = guide.frameworks[HOME]
    shown = list({id(question): question for framework in page.frameworks
                  for question in shown_questions(guide, framework)}.values())
    if page.host == FAQ_FRAMEWORK:
        return shown, []
    here = [question for question in shown if page_of(home, question["themes"][0]).host == page.host]
    return here, [question for question in shown if question not in here]


def page_sources(guide: Guide, name: str, questions: list[dict]) -> list[str]:
    """The sources a page shows, derived from what it shows: its own text (``page.sources``), the sources
    it sets side by side (``page.divergences``), the items that cite one (a glossary entry's ``sources``), the FAQ
    entries it lists, the figures it quotes and, on the
    figures' page, every figure. In order of
    first appearance; a page cannot show a source's content without crediting it."""
    data = guide.frameworks[name]
    thresholds = thresholds_by_id(guide.frameworks)
    found: list[str] = list(data["page"].get("sources", []))
    found += [position["source"] for divergence in data["page"].get("divergences", [])
              for position in divergence["positions"]]
    found += [source for key, items in data.items() if key != "page" and isinstance(items, list)
              for item in items if isinstance(item, dict) for source in item.get("sources", []) or []]
    found += [question["source"] for question in questions if question.get("source")]
    shown = [item["id"] for item in data.get(THRESHOLDS_FRAMEWORK, [])] if name == THRESHOLDS_FRAMEWORK else []
    shown += guide.quoted_thresholds.get(name, [])
    found += [thresholds[item_id]["source"] for item_id in shown if "source" in thresholds.get(item_id, {})]
    return list(dict.fromkeys(found))


def _quoted_figures(guide: Guide, name: str, kind: str) -> list[dict]:
    thresholds = thresholds_by_id(guide.frameworks)
    quoted = guide.quoted_thresholds.get(name, []) if name != THRESHOLDS_FRAMEWORK else []
    return [thresholds[item_id] for item_id in quoted if kind in thresholds.get(item_id, {})]


def page_figures(guide: Guide, name: str) -> list[dict]:
    """The sourced figures of seuils.yml that a page quotes: each leads to its citation."""
    return _quoted_figures(guide, name, "source")


def page_assumptions(guide: Guide, name: str) -> list[dict]:
    """The guide's own assumptions (figures of seuils.yml with ``hypothese``) that a page quotes."""
    return _quoted_figures(guide, name, "hypothese")


def related_links(guide: Guide, page: SitePage) -> list[dict]:
    """The cards of « Avec vos chiffres » and « Pour aller plus loin » on a page: the ``voir_aussi`` of every
    framework it shows (its host's first), one card per page they lead to, with one reason. Two links to the
    same page (to the page and to one of its sections, or from the host and from a section) make one card:
    the first given, with its own target and its own reason (never two reasons run together)."""
    home = guide.frameworks[HOME]
    found: dict[str, dict] = {}
    for name in page.frameworks:
        for link in guide.frameworks[name]["page"].get("voir_aussi", []) or []:
            found.setdefault(page_of(home, link["cadre"]).host, {"cadre": link["cadre"], "pourquoi": link["pourquoi"]})
    return list(found.values())


def _shown(spec, outcome) -> str:
    if outcome.value is None:
        return ""
    return outcome.label or display(spec, outcome.value)


def calculator_view(guide: Guide, name: str, assets: BrowserAssets | None) -> dict:
    """What a calculator page shows: the pre-rendered widget (defaults) and the worked example."""
    if assets is None:
        raise ValueError(f"la page {name} contient un calculateur : les fichiers du navigateur sont nécessaires")
    calculator = load_calculator(name, guide.frameworks)
    defaults = calculator.defaults()
    block = guide.frameworks[name]["calculateur"]
    example = run(calculator, block["exemple"]["entrees"])
    return {
        "widget": Trusted(out_of_search(render_widget(calculator, run(calculator, defaults), defaults,
                                                      assets.runtime_dir, assets.bundle_file))),
        "calculator": calculator,
        "example_inputs": [
            (spec.label_with_unit, spec.display_label(example.values[spec.id])) for spec in calculator.inputs
        ],
        "example_outputs": [
            (spec.label, _shown(spec, example.outcomes[spec.id]), example.outcomes[spec.id].note)
            for spec in calculator.outputs
        ],
        "example": example,
    }


# --- What a page's template asks for ---------------------------------------------------------------------


def credited_sources(guide: Guide) -> dict[str, list[str]]:
    """The sources each framework credits (``page_sources``), by framework."""
    return {name: page_sources(guide, name, shown_questions(guide, name)) for name in guide.frameworks}


@template_function
def pages_relying_on(guide: Guide, source_id: str) -> list[str]:
    """The pages that credit a source (the sources' page lists them under each source), each named by its host
    framework, once, in the navigation's order: a framework shown as a section of another page is part of that page, not a page of its own."""
    credits = credited_sources(guide)
    return [page.host for page in site_pages(guide.frameworks[HOME]) if page.host != SOURCES_FRAMEWORK
            and any(source_id in credits.get(name, []) for name in page.frameworks)]


@template_function
def decision_grid(guide: Guide, name: str) -> dict[str, list]:
    """A decision matrix as a grid: its ``resources`` (the columns) and its ``rows``, one per ambition, each with
    its cell under each kind of resources, the cells' references followed (``row.cells[0].typologie.nom``)."""
    data = guide.follow(name)
    cells = {(cell["ambition"]["id"], cell["ressources"]["id"]): cell for cell in data["cellules"]}
    rows = [{"ambition": ambition, "cells": [cells[(ambition["id"], resources["id"])] for resources in data["ressources"]]}
            for ambition in data["ambitions"]]
    return {"resources": data["ressources"], "rows": rows}


@template_function
def diagnostic_rules(guide: Guide, name: str) -> dict[str, list]:
    """The diagnostic's rule table as its page shows it: the very rows the calculator applies
    (``calculators.diagnostic.rule_table``), each with the numbers of the guide's readings its reports show; the
    readings, each with what triggers it and where it leads; what the diagnostic never pairs, and why."""
    settings = guide.frameworks
    rules = settings[name]["regles"]
    number = {reading["id"]: index + 1 for index, reading in enumerate(rules["lectures"])}

    def named(entry: dict) -> list[str]:
        return [element_label(kind, value, settings) for kind, value in conditions(entry).items()]

    rows = [{**row, "numbers": [(number[reading["id"]], several) for reading, several in row["lectures"]]}
            for row in rule_table(settings)]
    readings = [{"number": number[reading["id"]], "id": reading["id"], "sur": reading["sur"], "when": named(reading),
                 "text": reading.get("texte"), "link": reading_link(reading, settings)} for reading in rules["lectures"]]
    pairs = [{"elements": named(pair), "raison": pair["raison"]} for pair in rules["incompatibilites"]]
    cuts: list = []
    for row in rows:
        if row["band"].cut is not None and row["band"] not in cuts:
            cuts.append(row["band"])
    return {"rows": rows, "readings": readings, "incompatibilities": pairs, "cuts": cuts}


@template_function
def cascade_tiers(guide: Guide, name: str) -> list[list[dict]]:
    """The recycling cascade in tiers: each content one tier below the deepest content it comes from
    (``issu_de``, followed). The rules check that ``issu_de`` only names contents listed above it."""
    cascade = guide.follow(name, ("cascade",))
    tier_of: dict[str, int] = {}
    for item in cascade:
        tier_of[item["id"]] = max([tier_of[parent["id"]] + 1 for parent in item.get("issu_de", [])], default=0)
    return [[item for item in cascade if tier_of[item["id"]] == tier] for tier in range(max(tier_of.values(), default=0) + 1)]


@template_filter
def first_themes(questions: list[dict]) -> list[str]:
    """The FAQ's sections: the first theme of each question, in order of first appearance."""
    return list(dict.fromkeys(question["themes"][0] for question in questions))


@template_filter
def credit(source: dict) -> dict[str, Any]:
    """How a source is credited: its kind (``podcast``, ``guide`` or ``article``), who signs it (the author, else
    the organisation), its dates in French (the update only when it differs from the publication)."""
    published, updated = source.get("date_publication"), source.get("date_mise_a_jour")
    return {
        "kind": source.get("type") if source.get("type") in ("podcast", "guide") else "article",
        "by": source.get("auteur", source.get("organisation")),
        "published": french_date(published) if published else None,
        "updated": french_date(updated) if updated and updated != published else None,
    }
