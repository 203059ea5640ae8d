"""Render every framework into a Markdown page through its Jinja2 template.

``render_pages(guide)`` returns one ``RenderedPage`` per page of the plan (accueil.yml): the page of its host
framework ``NAME`` (``frameworks/NAME.yml`` through ``guide/templates/NAME.md.j2``, published as ``NAME.md``, the
home page as ``index.md``: ``common.site_map.source_file``), then each framework the plan shows on it as a section.
Every ``{{ value }}`` in a template is escaped (see ``markdown_text``) unless our own
code marked it ``Trusted``; templates cannot forget to escape editors' text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import jinja2
import yaml

from common.site_map import site_pages
from common.typography import french_typography, typeset_html
from guide.browser_assets import BrowserAssets
from guide.glossary import GlossaryMatcher, abbreviations, explain_first_use_only
from guide.markdown_text import Trusted, anchor, escape_text
from guide.model import GLOSSARY_FRAMEWORK, HOME, Guide
from guide.search import search_boost
from guide.template_helpers import install, page_path, safe_url
from guide.views import (
    calculator_view,
    credited_sources,
    page_assumptions,
    page_figures,
    related_links,
    shown_questions,
)

TEMPLATES_DIR = Path(__file__).resolve().parent / "templates"

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


def _finalize(value):
    if isinstance(value, Trusted):
        return value
    if value is None:
        return ""
    return escape_text(value)


def make_environment(templates_dir: Path = TEMPLATES_DIR, guide: Guide | None = None) -> jinja2.Environment:
    """The templates' environment, with every helper of ``guide.template_helpers`` (those that read the
    guide only when one is given)."""
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
    install(env, guide)
    return env


def _front_matter(title: str, description: str, boost: float | None = None) -> str:
    meta: dict[str, object] = {"title": title, "description": description}
    if boost is not None:
        meta["search"] = {"boost": boost}  # Material's search: weight of the page's sections
    data = yaml.safe_dump(meta, allow_unicode=True, sort_keys=False, width=10_000)
    return f"---\n{data}---\n\n"


def _browser_title(name: str, page: dict) -> str:
    """The home page's tab shows its full title; other pages their short one (the menu's)."""
    return french_typography(page["titre"]) if name == HOME else page["titre_court"]


def render_pages(
    guide: Guide, assets: BrowserAssets | None = None, templates_dir: Path = TEMPLATES_DIR,
    editors_guide_url: str | None = None, admin: bool = True,
) -> list[RenderedPage]:
    """One page per entry of the plan (accueil.yml): its host framework, then the frameworks shown as its
    sections. ``editors_guide_url``: where CONTRIBUTING.md is read in the repository (None: not configured);
    ``admin``: the site has the editors' forms (/admin/), and each block of a page links to its entry there."""
    env = make_environment(templates_dir, guide)
    env.globals["admin"] = admin
    env.globals["editors_guide_url"] = (safe_url(editors_guide_url)
                                        if editors_guide_url and editors_guide_url.startswith("https://") else None)
    credits = credited_sources(guide)
    home = guide.frameworks[HOME]

    def render_framework(name: str, site_root: str, **extra) -> str:
        data = guide.frameworks[name]
        view = calculator_view(guide, name, assets) if "calculateur" in data else None
        return env.get_template(f"{name}.md.j2").render(
            name=name, data=data, page=data["page"], calculator=view, site_root=site_root, **extra)

    glossary = GlossaryMatcher(guide.frameworks.get(GLOSSARY_FRAMEWORK, {}).get("termes", []))  # built once
    pages = []
    for site_page in site_pages(home):
        name = site_page.host
        page = guide.frameworks[name]["page"]
        site_root = "../" * site_page.url.count("/")  # from the page's address back to the site's root
        questions = list({id(question): question for framework in site_page.frameworks
                          for question in shown_questions(guide, framework)}.values())
        credited = list(dict.fromkeys(source for framework in site_page.frameworks for source in credits[framework]))
        sections = []
        for section in site_page.sections:
            section_page = guide.frameworks[section]["page"]
            content = demote_headings(render_framework(section, site_root, as_section=True, questions=[], related=[], section_names=[],
                                                       credited=[], figures=[], assumptions=[]))
            sections.append(Trusted(f"## {escape_text(section_page['titre'])} {{#{anchor(section)}}}\n\n{content}"))
        body = render_framework(
            name, site_root, as_section=False, questions=questions, sections=sections, section_names=list(site_page.sections), related=related_links(guide, site_page),
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
