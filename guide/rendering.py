"""Lay out each page the views describe (``guide.views.describe_pages``) through its Jinja2 templates.

``render_pages(guide)`` returns one ``RenderedPage`` per page of the plan (accueil.yml): each framework the page
shows as a section rendered through its template (``guide/templates/NAME.md.j2``) from its view, then the host's,
which takes them in. Nothing here decides what a page shows. Every ``{{ value }}`` in a template is escaped (see
``markdown_text``) unless our own code marked it ``Trusted``; templates cannot forget to escape editors' text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import jinja2
import yaml

from common.typography import french_typography, typeset_html
from guide.browser_assets import BrowserAssets
from guide.glossary import GlossaryMatcher, abbreviations, explain_first_use_only
from guide.markdown_text import Trusted, anchor, escape_text
from guide.model import GLOSSARY_FRAMEWORK, HOME, Guide
from guide.search import search_boost
from guide.template_helpers import install, page_path, safe_url
from guide.views import FrameworkView, describe_pages

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
    ``admin``: the site has the editors' forms (/admin/), and each block of a page links to its entry there.
    ``assets``: the browser's files, which a calculator page needs."""
    env = make_environment(templates_dir, guide)
    env.globals["admin"] = admin
    env.globals["editors_guide_url"] = (safe_url(editors_guide_url)
                                        if editors_guide_url and editors_guide_url.startswith("https://") else None)

    def render(view: FrameworkView, **extra) -> str:
        return env.get_template(view.template).render(**view.values, **extra)

    glossary = GlossaryMatcher(guide.frameworks.get(GLOSSARY_FRAMEWORK, {}).get("termes", []))  # built once
    pages = []
    for described in describe_pages(guide, assets):
        name = described.host.name
        page = described.view["page"]
        sections = [Trusted(f"## {escape_text(section.values['page']['titre'])} {{#{anchor(section.name)}}}\n\n"
                            f"{demote_headings(render(section))}") for section in described.sections]
        body = render(described.host, sections=sections)
        if name != GLOSSARY_FRAMEWORK:
            glossary_lines = abbreviations(body, glossary)
            body += f"\n{glossary_lines}\n" if glossary_lines else ""
        pages.append(
            RenderedPage(
                name=name,
                path=described.file,
                markdown=_front_matter(_browser_title(name, page), page["description"], search_boost(name)) + body,
                title=page["titre_court"],
                heading=page["titre"],
                description=page["description"],
                yaml_file=guide.files[name],
                source_ids=described.source_ids,
                questions=described.questions,
                sections=[(section.name, section.values["page"]["titre_court"], guide.files[section.name])
                          for section in described.sections],
                has_calculator=described.view["calculator"] is not None,
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
