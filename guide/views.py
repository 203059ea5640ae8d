"""What each page shows, computed in Python: the templates only lay it out.

A page is described once, by ``describe_pages``: its kind (the host framework's template), its file (the
Markdown page, ``common.site_map``) and its view, the one dict its template reads, with every lookup and join
already done (a source by its id, another framework's data, a page's title, the references followed, what
refers to an item). A view has two parts:

- what every framework shows (``framework_view``): its data, its calculator, its divergences with their
  sources; and, on a page's host, the FAQ entries, the cards of related pages, the credits, the figures;
- what one framework's template needs besides (``@framework_view_of(NAME)``): the decision matrix as rows of
  cells, the diagnostic's rule table, the recycling cascade in tiers, the pages that rely on each source…

Joins between files follow the references the schemas declare (``Guide.follow``, ``Guide.referrers``); a view
names another framework only where its page's text is about that framework.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from calculators.contract import display, load_calculator, run
from calculators.diagnostic import conditions, element_label, reading_link, rule_table
from calculators.html import render_widget
from common.figures import threshold_text
from common.site_map import HOME, SitePage, page_of, site_pages
from guide.browser_assets import BrowserAssets
from guide.markdown_text import Trusted
from guide.model import (
    FAQ_FRAMEWORK,
    FAQ_QUESTIONS_KEY,
    PHASES_FRAMEWORK,
    SOURCES_FRAMEWORK,
    THRESHOLDS_FRAMEWORK,
    Guide,
    by_id,
)
from guide.search import out_of_search
from guide.template_helpers import french_date, template_filter
from guide.thresholds import thresholds_by_id

# --- What the rendering loop hands every page ------------------------------------------------------------


def questions_for(guide: Guide, name: str) -> list[dict]:
    """FAQ entries whose themes include this framework."""
    if FAQ_FRAMEWORK not in guide.frameworks:
        return []
    return [question for question in guide.frameworks[FAQ_FRAMEWORK][FAQ_QUESTIONS_KEY] if name in question["themes"]]


def shown_questions(guide: Guide, name: str) -> list[dict]:
    """The FAQ entries a framework shows: all of them on the FAQ's own page, else those of its themes."""
    return guide.frameworks[FAQ_FRAMEWORK][FAQ_QUESTIONS_KEY] if name == FAQ_FRAMEWORK else questions_for(guide, name)


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


# --- What one framework's template needs besides -------------------------------------------------------------


def credited_sources(guide: Guide) -> dict[str, list[str]]:
    """The sources each framework credits (``page_sources``), by framework."""
    return {name: page_sources(guide, name, shown_questions(guide, name)) for name in guide.frameworks}


def pages_relying_on(guide: Guide, source_id: str) -> list[str]:
    """The pages that credit a source (the sources' page lists them under each source), each named by its host
    framework, once, in the navigation's order: a framework shown as a section of another page is part of that page, not a page of its own."""
    credits = credited_sources(guide)
    return [page.host for page in site_pages(guide.frameworks[HOME]) if page.host != SOURCES_FRAMEWORK
            and any(source_id in credits.get(name, []) for name in page.frameworks)]


def decision_grid(guide: Guide, name: str) -> dict[str, list]:
    """A decision matrix as a grid: its ``resources`` (the columns) and its ``rows``, one per ambition, each with
    its cell under each kind of resources, the cells' references followed (``row.cells[0].typologie.nom``)."""
    data = guide.follow(name)
    cells = {(cell["ambition"]["id"], cell["ressources"]["id"]): cell for cell in data["cellules"]}
    rows = [{"ambition": ambition, "cells": [cells[(ambition["id"], resources["id"])] for resources in data["ressources"]]}
            for ambition in data["ambitions"]]
    return {"resources": data["ressources"], "rows": rows}


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


def cascade_tiers(guide: Guide, name: str) -> list[list[dict]]:
    """The recycling cascade in tiers: each content one tier below the deepest content it comes from
    (``issu_de``, followed). The rules check that ``issu_de`` only names contents listed above it."""
    cascade = guide.follow(name, ("cascade",))
    tier_of: dict[str, int] = {}
    for item in cascade:
        tier_of[item["id"]] = max([tier_of[parent["id"]] + 1 for parent in item.get("issu_de", [])], default=0)
    return [[item for item in cascade if tier_of[item["id"]] == tier] for tier in range(max(tier_of.values(), default=0) + 1)]


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


# --- A page described once: its kind, its file, its view ---------------------------------------------------


def title_of(guide: Guide, name: str) -> str:
    """The short title of a framework's page (the menu's), as links to it are named."""
    return guide.frameworks[name]["page"]["titre_court"]


def _sources(guide: Guide) -> dict[str, dict]:
    """The entries of sources.yml by id."""
    return by_id(guide.frameworks.get(SOURCES_FRAMEWORK, {}).get(SOURCES_FRAMEWORK, []))


def _author(source: dict) -> str | None:
    """Who signs a source: its author, else its organisation."""
    return source.get("auteur", source.get("organisation"))


def _with_calculator(guide: Guide) -> set[str]:
    """The frameworks that hold a calculator (a ``calculateur`` block)."""
    return {name for name, data in guide.frameworks.items() if "calculateur" in data}


def _titled(guide: Guide, entries: list[dict]) -> list[dict]:
    """Entries that name a page (``cadre``), each with that page's short title (``title``)."""
    return [{**entry, "title": title_of(guide, entry["cadre"])} for entry in entries]


def _with_answer_source(guide: Guide, questions: list[dict]) -> list[dict]:
    """FAQ entries, each with the entry of sources.yml whose advice it gives (``source_entry``)."""
    sources = _sources(guide)
    return [{**question, "source_entry": sources[question["source"]]} for question in questions]


def divergences_view(guide: Guide, name: str) -> list[dict]:
    """A framework's « Ce que disent les sources » blocks (``page.divergences``), each position with the entry of
    sources.yml it reports (``source_entry``)."""
    sources = _sources(guide)
    return [{**divergence, "positions": [{**position, "source_entry": sources[position["source"]]}
                                         for position in divergence["positions"]]}
            for divergence in guide.frameworks[name]["page"].get("divergences", [])]


FrameworkViewFunction = Callable[[Guide, str, dict], dict]
FRAMEWORK_VIEWS: dict[str, FrameworkViewFunction] = {}


def framework_view_of(name: str) -> Callable[[FrameworkViewFunction], FrameworkViewFunction]:
    """Register what the template of framework ``name`` needs besides what every framework shows: a function of
    the guide, the name and the view so far (``shown``), returning the values to add."""
    def register(function: FrameworkViewFunction) -> FrameworkViewFunction:
        FRAMEWORK_VIEWS[name] = function
        return function
    return register


@dataclass(frozen=True)
class FrameworkView:
    """One framework as its template lays it out: the template (``NAME.md.j2``) and every value it reads."""

    name: str
    template: str
    values: dict[str, Any]


@dataclass(frozen=True)
class PageDescription:
    """One page of the site, described once: its kind (its host framework's template), its file (the Markdown
    page, ``common.site_map``), its view (the host's, then each section's), and what the site's shell needs."""

    site_page: SitePage
    host: FrameworkView
    sections: tuple[FrameworkView, ...] = ()
    source_ids: list[str] = field(default_factory=list)  # the sources it credits, in order of first appearance
    questions: list[dict] = field(default_factory=list)  # the FAQ entries it answers, as faq.yml has them

    @property
    def kind(self) -> str:
        return self.host.template

    @property
    def file(self) -> str:
        return self.site_page.source_file

    @property
    def view(self) -> dict[str, Any]:
        return self.host.values


# What a framework shown as a section of another page gives: its own text only (the page adds the rest).
SECTION_SHOWN: dict[str, Any] = {
    "as_section": True, "questions": [], "questions_elsewhere": [], "on_page": [], "calculator_cards": [],
    "related_cards": [], "credited": [], "figures": [], "assumptions": [],
}


def framework_view(guide: Guide, name: str, assets: BrowserAssets | None, site_root: str, shown: dict) -> FrameworkView:
    """What framework ``name``'s template reads: its data, its calculator, its divergences, ``site_root`` (the way
    back to the site's root from its page), what its page adds (``shown``), then its own view (``framework_view_of``)."""
    data = guide.frameworks[name]
    values: dict[str, Any] = {
        "name": name, "data": data, "page": data["page"], "site_root": site_root,
        "calculator": calculator_view(guide, name, assets) if "calculateur" in data else None,
        "divergences": divergences_view(guide, name), **shown,
    }
    if name in FRAMEWORK_VIEWS:
        values.update(FRAMEWORK_VIEWS[name](guide, name, values))
    return FrameworkView(name, f"{name}.md.j2", values)


def describe_pages(guide: Guide, assets: BrowserAssets | None) -> list[PageDescription]:
    """Every page of the plan (accueil.yml), in navigation order, described once."""
    credits = credited_sources(guide)
    sources = _sources(guide)
    calculators = _with_calculator(guide)
    described = []
    for site_page in site_pages(guide.frameworks[HOME]):
        site_root = "../" * site_page.url.count("/")  # from the page's address back to the site's root
        questions, questions_elsewhere = page_questions(guide, site_page)
        credited = list(dict.fromkeys(source for framework in site_page.frameworks for source in credits[framework]))
        related = _titled(guide, related_links(guide, site_page))
        on_page = []
        for section in site_page.sections:
            section_sources = guide.frameworks[section]["page"].get("sources", [])
            on_page.append((section, title_of(guide, section), _author(sources[section_sources[0]]) if section_sources else None))
        shown = {
            "as_section": False,
            "questions": _with_answer_source(guide, questions),
            "questions_elsewhere": questions_elsewhere,
            "on_page": on_page,
            "calculator_cards": [card for card in related if card["cadre"] in calculators],
            "related_cards": [card for card in related if card["cadre"] not in calculators],
            "credited": [sources[source_id] for source_id in credited],
            "figures": [{**item, "text": threshold_text(item)} for item in
                        {item["id"]: item for framework in site_page.frameworks
                         for item in page_figures(guide, framework)}.values()],
            "assumptions": list({item["id"]: item for framework in site_page.frameworks
                                 for item in page_assumptions(guide, framework)}.values()),
        }
        described.append(PageDescription(
            site_page=site_page,
            host=framework_view(guide, site_page.host, assets, site_root, shown),
            sections=tuple(framework_view(guide, section, assets, site_root, SECTION_SHOWN) for section in site_page.sections),
            source_ids=credited,
            questions=questions,
        ))
    return described


# --- Each framework's own view ------------------------------------------------------------------------------


def _figure_text(guide: Guide, threshold_id: str) -> str:
    """A figure of seuils.yml, formatted (``40 h par semaine``)."""
    return threshold_text(guide.item(THRESHOLDS_FRAMEWORK, None, threshold_id))


@framework_view_of(HOME)
def _home_view(guide: Guide, name: str, shown: dict) -> dict:
    """The doors (the page to read first, then every calculator), the reading path's stages and the other sections,
    each page named by its title; the maturity phases in brief."""
    data = guide.frameworks[name]
    doors = _titled(guide, data["portes"])
    with_calculator = _with_calculator(guide)
    return {
        "doors_reading": [door for door in doors if door["cadre"] not in with_calculator],
        "doors_calculating": [door for door in doors if door["cadre"] in with_calculator],
        "stages": [{**stage, "pages": _titled(guide, stage["pages"])} for stage in data["parcours"]],
        "groups": [{**group, "pages": _titled(guide, group["pages"])} for group in data.get("rubriques", [])],
        "phases": guide.items(PHASES_FRAMEWORK),
    }


@framework_view_of("contribuer")
def _editors_view(guide: Guide, name: str, shown: dict) -> dict:
    """Which file feeds which page: (framework, its page's title, its file)."""
    return {"file_rows": [(other, title_of(guide, other), path) for other, path in guide.files.items()]}


@framework_view_of("diagnostic")
def _diagnostic_view(guide: Guide, name: str, shown: dict) -> dict:
    """The rule table, the phases after the first (where the head-count bands meet), each cut inside a phase with
    its figure, and the revenue floor the report recalls."""
    rules = diagnostic_rules(guide, name)
    return {
        "rules": rules,
        "later_phases": guide.items(PHASES_FRAMEWORK)[1:],
        "cuts": [(band, _figure_text(guide, band.cut["id"])) for band in rules["cuts"]],
        "revenue_floor": _figure_text(guide, "chiffre-affaires-plancher"),
    }


@framework_view_of("etude-de-cas")
def _case_study_view(guide: Guide, name: str, shown: dict) -> dict:
    """The title of the marketing management page's conclusion, which the case study leads to."""
    return {"conclusion_title": guide.frameworks["marketing-management"]["conclusion"]["titre"]}


@framework_view_of(FAQ_FRAMEWORK)
def _faq_view(guide: Guide, name: str, shown: dict) -> dict:
    """The FAQ's sections: the first theme of each question, in order of first appearance, each with its page's
    title and its questions, each question with the pages of its themes (name, title)."""
    questions = shown["questions"]
    themes = list(dict.fromkeys(question["themes"][0] for question in questions))
    return {"themes": [
        {"name": theme, "title": title_of(guide, theme),
         "questions": [{**question, "theme_pages": [(other, title_of(guide, other)) for other in question["themes"]]}
                       for question in questions if question["themes"][0] == theme]}
        for theme in themes]}


@framework_view_of("glossaire")
def _glossary_view(guide: Guide, name: str, shown: dict) -> dict:
    """The terms in alphabetical order (case aside), each with the title of the page it leads to (``cadre_title``)."""
    terms = sorted(guide.frameworks[name]["termes"], key=lambda term: term["terme"].lower())
    return {"terms": [{**term, "cadre_title": title_of(guide, term["cadre"])} if "cadre" in term else term
                      for term in terms]}


@framework_view_of("internalisation")
def _internalisation_view(guide: Guide, name: str, shown: dict) -> dict:
    """The rule's recommendations, each with the sourcing option it leads to (followed)."""
    return {"recommendations": guide.follow(name, ("regles", "recommandations"))}


@framework_view_of("marketing-management")
def _management_view(guide: Guide, name: str, shown: dict) -> dict:
    """The steering cycle's pillars, each with the steps of the marketing process that detail it, as (number in the
    process, id), in the process's order."""
    steps = [step["id"] for step in guide.items("processus-marketing", "etapes")]
    return {"pillars": [
        {**pillar, "process_steps": [(number, step) for number, step in enumerate(steps, start=1)
                                     if step in pillar.get("etapes_processus", [])]}
        for pillar in guide.frameworks[name]["cycle"]["piliers"]]}


@framework_view_of("matrice-decision")
def _matrix_view(guide: Guide, name: str, shown: dict) -> dict:
    return {"grid": decision_grid(guide, name)}


@framework_view_of("modeles")
def _models_view(guide: Guide, name: str, shown: dict) -> dict:
    """The models a phase is given for (``staged``, the phase followed) and the others (``unstaged``)."""
    models = guide.follow(name, ("modeles",))
    return {"staged": [model for model in models if "phase" in model],
            "unstaged": [model for model in models if "phase" not in model]}


@framework_view_of(PHASES_FRAMEWORK)
def _phases_view(guide: Guide, name: str, shown: dict) -> dict:
    """Each phase with the organisation models and the structures given for it: (phase, models, structures)."""
    details = []
    for phase in guide.items(name):
        referring = guide.referrers(name, phase["id"])
        details.append((phase, referring.get("modeles", []), referring.get("typologies", [])))
    return {"phase_details": details}


@framework_view_of("recyclage-contenu")
def _recycling_view(guide: Guide, name: str, shown: dict) -> dict:
    return {"tiers": cascade_tiers(guide, name)}


@framework_view_of(THRESHOLDS_FRAMEWORK)
def _thresholds_view(guide: Guide, name: str, shown: dict) -> dict:
    """Each figure with its text (``text``), its source's entry (``source_entry``, None for an assumption) and the
    calculators that apply it (name, title)."""
    sources = _sources(guide)
    return {"thresholds": [
        {**item, "text": threshold_text(item), "source_entry": sources[item["source"]] if "source" in item else None,
         "calculator_pages": [(other, title_of(guide, other)) for other in item.get("calculateurs", [])]}
        for item in guide.items(name)]}


@framework_view_of(SOURCES_FRAMEWORK)
def _sources_view(guide: Guide, name: str, shown: dict) -> dict:
    """Each source with the pages that rely on it, (name, title) in the navigation's order."""
    return {"source_pages": [(source, [(other, title_of(guide, other)) for other in pages_relying_on(guide, source["id"])])
                             for source in guide.items(name)]}


@framework_view_of("typologies")
def _structures_view(guide: Guide, name: str, shown: dict) -> dict:
    """The structures, their phase followed, each with the cells of the decision matrix that name it."""
    return {"structures": [{**structure, "matrix_cells": guide.referrers(name, structure["id"]).get("matrice-decision", [])}
                           for structure in guide.follow(name, ("typologies",))]}
