"""Render every framework into a Markdown page through its Jinja2 template.

``render_pages(guide)`` returns one ``RenderedPage`` per framework file: the page
``NAME.md`` made from ``frameworks/NAME.yml`` by ``guide/templates/NAME.md.j2``.
Every ``{{ value }}`` in a template is escaped (see ``markdown_text``) unless our own
code marked it ``Trusted``; templates cannot forget to escape editors' text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote

import jinja2
import yaml

from calculators.contract import display, load_calculator, run, threshold_text
from calculators.html import render_widget
from common.site_map import HOME, SitePage, anchor_of, page_of, site_pages
from common.typography import french_typography, typeset_html
from guide.browser_assets import BrowserAssets
from guide.catalog import Guide
from guide.glossary import GLOSSARY_FRAMEWORK, GlossaryMatcher, abbreviations, explain_first_use_only
from guide.markdown_text import Trusted, anchor, escape_text, inline_code
from guide.search import search_boost
from guide.thresholds import THRESHOLDS_FRAMEWORK, thresholds_by_id

TEMPLATES_DIR = Path(__file__).resolve().parent / "templates"

FRENCH_MONTHS = (
    "janvier", "février", "mars", "avril", "mai", "juin",
    "juillet", "août", "septembre", "octobre", "novembre", "décembre",
)


def page_path(name: str, home: dict | None = None) -> str:
    """The Markdown page that shows framework ``name`` (``index.md`` for the home page). With the plan
    (``home``, the data of accueil.yml), a framework shown as a section resolves to its host page."""
    if home is not None:
        return page_of(home, name).source_file
    return "index.md" if name == HOME else f"{name}.md"


_HEADING = re.compile(r"^(#{1,5}) ", re.MULTILINE)


def demote_headings(markdown: str) -> str:
    """A framework's body shown as a section of another page: each heading one level down."""
    return _HEADING.sub(lambda match: "#" + match.group(1) + " ", markdown)


@dataclass
class RenderedPage:
    """A generated page and what the site shell needs to know about it."""

    name: str
    path: str
    markdown: str
    title: str
    heading: str
    description: str
    yaml_file: str
    source_ids: list[str] = field(default_factory=list)
    questions: list[dict] = field(default_factory=list)  # the FAQ entries the page shows
    # The other frameworks shown on the page: (name, section title, YAML file), in order.
    sections: list[tuple[str, str, str]] = field(default_factory=list)
    has_calculator: bool = False  # the page loads the calculators' script itself (other pages never do)


def french_date(iso_date: str) -> str:
    """``2025-07-25`` -> ``25 juillet 2025`` (``1er`` for the first of the month)."""
    year, month, day = (int(part) for part in iso_date.split("-"))
    day_text = "1er" if day == 1 else str(day)
    return f"{day_text} {FRENCH_MONTHS[month - 1]} {year}"


def headcount_range(phase: dict) -> str:
    if phase["effectif_max"] is None:
        return f"{phase['effectif_min']} employés et plus"
    return f"{phase['effectif_min']} à {phase['effectif_max']} employés"


def safe_url(url: str) -> Trusted:
    """An external https address as a Markdown link target (no space or parenthesis left raw)."""
    if not url.startswith("https://"):
        raise ValueError(f"adresse refusée : {url!r}")
    return Trusted(quote(url, safe=":/?#@!$&'*+,;=%~"))


def text_lines(items: list) -> Trusted:
    """Several texts in one table cell, one per line, each escaped."""
    return Trusted("<br>".join(escape_text(item) for item in items))


def _finalize(value):
    if isinstance(value, Trusted):
        return value
    if value is None:
        return ""
    return escape_text(value)


def make_environment(templates_dir: Path = TEMPLATES_DIR) -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(templates_dir)),
        autoescape=False,  # Markdown, escaped by _finalize instead
        finalize=_finalize,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        # "{#" opens a Jinja comment by default, but Markdown needs it for ids: "## Titre {#ancre}".
        comment_start_string="<#",
        comment_end_string="#>",
    )
    env.filters["anchor"] = anchor
    env.filters["code"] = inline_code
    env.filters["french_date"] = french_date
    env.filters["headcount"] = headcount_range
    env.filters["url"] = safe_url
    env.filters["lines"] = text_lines
    env.filters["lower_first"] = lambda text: text[:1].lower() + text[1:]
    env.filters["upper_first"] = lambda text: text[:1].upper() + text[1:]
    return env


def questions_for(guide: Guide, name: str) -> list[dict]:
    """FAQ entries whose themes include this framework."""
    if "faq" not in guide.frameworks:
        return []
    return [question for question in guide.frameworks["faq"]["questions"] if name in question["themes"]]


def page_sources(guide: Guide, name: str, questions: list[dict]) -> list[str]:
    """The sources a page shows, derived from what it shows: its own text (``page.sources``), the sources
    it sets side by side (``page.divergences``), the FAQ entries it lists, the figures it quotes and, on the
    figures' page, every figure. In order of
    first appearance; a page cannot show a source's content without crediting it."""
    data = guide.frameworks[name]
    thresholds = thresholds_by_id(guide.frameworks)
    found: list[str] = list(data["page"].get("sources", []))
    found += [position["source"] for divergence in data["page"].get("divergences", [])
              for position in divergence["positions"]]
    found += [question["source"] for question in questions if question.get("source")]
    shown = [item["id"] for item in data.get("seuils", [])] if name == THRESHOLDS_FRAMEWORK else []
    shown += guide.quoted_thresholds.get(name, [])
    found += [thresholds[item_id]["source"] for item_id in shown if "source" in thresholds.get(item_id, {})]
    return list(dict.fromkeys(found))


def page_figures(guide: Guide, name: str) -> list[dict]:
    """The sourced figures of seuils.yml that a page quotes: each leads to its citation."""
    thresholds = thresholds_by_id(guide.frameworks)
    quoted = guide.quoted_thresholds.get(name, []) if name != THRESHOLDS_FRAMEWORK else []
    return [thresholds[item_id] for item_id in quoted if "source" in thresholds.get(item_id, {})]


def page_assumptions(guide: Guide, name: str) -> list[dict]:
    """The guide's own assumptions (figures of seuils.yml with ``hypothese``) that a page quotes."""
    thresholds = thresholds_by_id(guide.frameworks)
    quoted = guide.quoted_thresholds.get(name, []) if name != THRESHOLDS_FRAMEWORK else []
    return [thresholds[item_id] for item_id in quoted if "hypothese" in thresholds.get(item_id, {})]


def _front_matter(title: str, description: str, boost: float | None = None) -> str:
    meta: dict[str, object] = {"title": title, "description": description}
    if boost is not None:
        meta["search"] = {"boost": boost}  # Material's search: weight of the page's sections
    data = yaml.safe_dump(meta, allow_unicode=True, sort_keys=False, width=10_000)
    return f"---\n{data}---\n\n"


def _browser_title(name: str, page: dict) -> str:
    """The home page's tab shows its full title; other pages their short one (the menu's)."""
    return french_typography(page["titre"]) if name == HOME else page["titre_court"]


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
        "widget": Trusted(render_widget(calculator, run(calculator, defaults), defaults,
                                        assets.runtime_dir, assets.bundle_file)),
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


def related_links(guide: Guide, page: SitePage) -> list[dict]:
    """« Pour aller plus loin » of a page: the ``voir_aussi`` of every framework it shows, in order, each
    target once with every reason given for it (the plan's check refuses a link to the same page)."""
    found: dict[str, dict] = {}
    for name in page.frameworks:
        for link in guide.frameworks[name]["page"].get("voir_aussi", []) or []:
            entry = found.setdefault(link["cadre"], {"cadre": link["cadre"], "pourquoi": []})
            if link["pourquoi"] not in entry["pourquoi"]:
                entry["pourquoi"].append(link["pourquoi"])
    return list(found.values())


def render_pages(
    guide: Guide, assets: BrowserAssets | None = None, templates_dir: Path = TEMPLATES_DIR,
    editors_guide_url: str | None = None,
) -> list[RenderedPage]:
    """One page per entry of the plan (accueil.yml): its host framework, then the frameworks shown as its
    sections. ``editors_guide_url``: where CONTRIBUTING.md is read in the repository (None: not configured)."""
    env = make_environment(templates_dir)
    home = guide.frameworks[HOME]

    def link(name: str, item_id: str | None = None) -> Trusted:
        """Relative Markdown link target to a framework (and one of its items), wherever the plan shows it."""
        if name not in guide.frameworks:
            raise KeyError(f"pas de cadre {name!r}")
        target = page_path(name, home)
        aim = anchor_of(home, name, item_id)
        return Trusted(f"{target}#{anchor(aim)}" if aim else target)

    def page_title(name: str) -> str:
        return guide.frameworks[name]["page"]["titre_court"]

    thresholds = thresholds_by_id(guide.frameworks)

    def seuil(threshold_id: str) -> str:
        """A figure of seuils.yml, formatted (``40 h par semaine``), for templates."""
        return threshold_text(thresholds[threshold_id])

    env.globals.update(
        guide=guide,
        seuil=seuil,
        calculator_names=[name for name, data in guide.frameworks.items() if "calculateur" in data],
        frameworks=guide.frameworks,
        link=link,
        page_title=page_title,
        page_path=lambda name: page_path(name, home),
        sources={source["id"]: source for source in guide.frameworks.get("sources", {}).get("sources", [])},
        Trusted=Trusted,
        editors_guide_url=safe_url(editors_guide_url) if editors_guide_url and editors_guide_url.startswith("https://") else None,
    )

    def shown_questions(name: str) -> list[dict]:
        return guide.frameworks["faq"]["questions"] if name == "faq" else questions_for(guide, name)

    credits = {name: page_sources(guide, name, shown_questions(name)) for name in guide.frameworks}
    env.globals["credits"] = credits

    def render_framework(name: str, **extra) -> str:
        data = guide.frameworks[name]
        view = calculator_view(guide, name, assets) if "calculateur" in data else None
        return env.get_template(f"{name}.md.j2").render(
            name=name, data=data, page=data["page"], calculator=view, **extra)

    glossary = GlossaryMatcher(guide.frameworks.get(GLOSSARY_FRAMEWORK, {}).get("termes", []))  # built once
    pages = []
    for site_page in site_pages(home):
        name = site_page.host
        page = guide.frameworks[name]["page"]
        questions = list({id(question): question for framework in site_page.frameworks
                          for question in shown_questions(framework)}.values())
        credited = list(dict.fromkeys(source for framework in site_page.frameworks for source in credits[framework]))
        sections = []
        for section in site_page.sections:
            section_page = guide.frameworks[section]["page"]
            content = demote_headings(render_framework(section, as_section=True, questions=[], related=[], section_names=[],
                                                       credited=[], figures=[], assumptions=[]))
            sections.append(Trusted(f"## {escape_text(section_page['titre'])} {{#{anchor(section)}}}\n\n{content}"))
        body = render_framework(
            name, as_section=False, questions=questions, sections=sections, section_names=list(site_page.sections), related=related_links(guide, site_page),
            credited=credited,
            figures=list({item["id"]: item for framework in site_page.frameworks
                          for item in page_figures(guide, framework)}.values()),
            assumptions=list({item["id"]: item for framework in site_page.frameworks
                              for item in page_assumptions(guide, framework)}.values()),
        )
        if name != GLOSSARY_FRAMEWORK:
            glossary_lines = abbreviations(body, glossary)
            body += f"\n{glossary_lines}\n" if glossary_lines else ""
        pages.append(
            RenderedPage(
                name=name,
                path=site_page.source_file,
                markdown=_front_matter(_browser_title(name, page), page["description"], search_boost(name)) + body,
                title=page["titre_court"],
                heading=page["titre"],
                description=page["description"],
                yaml_file=guide.files[name],
                source_ids=credited,
                questions=questions,
                sections=[(section, guide.frameworks[section]["page"]["titre_court"], guide.files[section])
                          for section in site_page.sections],
                has_calculator="calculateur" in guide.frameworks[name],
            )
        )
    return pages


_HEADERLINK = re.compile(r'<a class="headerlink" href="(#[^"]*)">')
HEADERLINK_NAME = "Lien vers cette section"


def name_headerlinks(html: str) -> str:
    """Each heading's « ¶ » link named for screen readers by ``aria-label``, not ``title``: with
    ``content.tooltips``, Material mounts a tooltip for every element with a title, which on a page of
    forty questions cost more main-thread time than all our own scripts."""
    return _HEADERLINK.sub(rf'<a class="headerlink" href="\1" aria-label="{HEADERLINK_NAME}">', html)


def finish_page_html(html: str) -> str:
    """A page's HTML as the reader gets it: glossary tooltips on each term's first use only, headings'
    links named, and French typography on every text, whether it came from YAML, a template or our code."""
    return typeset_html(name_headerlinks(explain_first_use_only(html)))


def typeset_page(html: str) -> str:
    """The whole page once the theme has laid it out: French typography also on the navigation, the
    table of contents and the theme's own strings (tags, attributes and code untouched)."""
    return typeset_html(html)


def render_error_pages(names: list[str], errors: list) -> list[RenderedPage]:
    """Pages for the live preview when the content has errors: each lists every error.

    Used by ``mkdocs serve`` only, so that an editor sees what to fix in the browser;
    a real build stops instead.
    """
    count = len(errors)
    lines = [
        "# Le contenu contient des erreurs",
        "",
        "!!! failure \"" + ("1 erreur à corriger" if count == 1 else f"{count} erreurs à corriger") + "\"",
        "",
        "    Corrigez-les dans les fichiers indiqués : l'aperçu se met à jour dès l'enregistrement.",
        "",
    ]
    for error in errors:
        lines.append(f"- {escape_text(str(error))}")
    markdown = "\n".join(lines) + "\n"
    return [
        RenderedPage(
            name=name,
            path=page_path(name),
            markdown=_front_matter("Erreurs de contenu", "Le contenu contient des erreurs.") + markdown,
            title="Erreurs de contenu",
            heading="Le contenu contient des erreurs",
            description="Le contenu contient des erreurs.",
            yaml_file=f"frameworks/{name}.yml",
        )
        for name in names
    ]
