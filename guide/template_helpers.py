"""Every helper the page templates can use, declared once, each with its docstring.

Three kinds, registered by a decorator (or, for a function defined elsewhere, by calling it):

- ``template_filter``: applied to a value, ``{{ phase | headcount }}``;
- ``template_function``: called by name, ``{{ link(NAME, item.id) }}``; its first argument is the guide,
  which ``install`` binds;
- ``template_value``: computed from the guide once per build, ``{{ sources[id].titre }}``.

What one page shows (joins across files, groupings) is computed by the views of ``guide/views.py``,
registered here the same way. Every ``{{ value }}`` is escaped unless it is ``Trusted`` (``guide.markdown_text``).
"""

from __future__ import annotations

import html
from collections.abc import Callable
from functools import partial
from typing import Any
from urllib.parse import quote

import jinja2

from common.figures import headcount_range, threshold_text
from common.site_map import anchor_of, page_of, source_file
from guide.markdown_text import Trusted, anchor, escape_text, inline_code
from guide.model import HOME, SOURCES_FRAMEWORK, THRESHOLDS_FRAMEWORK, Guide, by_id

FILTERS: dict[str, Callable[..., Any]] = {}
FUNCTIONS: dict[str, Callable[..., Any]] = {}  # each takes the guide first
VALUES: dict[str, Callable[[Guide], Any]] = {}


def template_filter(function: Callable[..., Any], name: str | None = None) -> Callable[..., Any]:
    """Register a filter, under the function's name unless ``name`` is given."""
    FILTERS[name or function.__name__] = function
    return function


def template_function(function: Callable[..., Any]) -> Callable[..., Any]:
    """Register a function of the guide (its first argument), called from templates without it."""
    FUNCTIONS[function.__name__] = function
    return function


def template_value(function: Callable[[Guide], Any], name: str | None = None) -> Callable[[Guide], Any]:
    """Register a value computed once from the guide, under the function's name unless ``name`` is given."""
    VALUES[name or function.__name__] = function
    return function


def install(env: jinja2.Environment, guide: Guide | None) -> None:
    """Give ``env`` every helper: the filters always, the functions and values when there is a guide. (The
    views of ``guide.views`` register themselves when that module is imported, as ``guide.rendering`` does.)"""
    env.filters.update(FILTERS)
    if guide is None:
        return
    env.globals.update({name: partial(function, guide) for name, function in FUNCTIONS.items()})
    env.globals.update({name: function(guide) for name, function in VALUES.items()})


# --- Filters ---------------------------------------------------------------------------------------------

template_filter(anchor)
template_filter(inline_code, name="code")
template_filter(headcount_range, name="headcount")

FRENCH_MONTHS = (
    "janvier", "février", "mars", "avril", "mai", "juin",
    "juillet", "août", "septembre", "octobre", "novembre", "décembre",
)


@template_filter
def french_date(iso_date: str) -> str:
    """``2025-07-25`` -> ``25 juillet 2025`` (``1er`` for the first of the month)."""
    year, month, day = (int(part) for part in iso_date.split("-"))
    day_text = "1er" if day == 1 else str(day)
    return f"{day_text} {FRENCH_MONTHS[month - 1]} {year}"


def safe_url(url: str) -> Trusted:
    """An external https address as a Markdown link target (no space or parenthesis left raw)."""
    if not url.startswith("https://"):
        raise ValueError(f"adresse refusée : {url!r}")
    return Trusted(quote(url, safe=":/?#@!$&'*+,;=%~"))


template_filter(safe_url, name="url")


@template_filter
def lines(items: list) -> Trusted:
    """Several texts in one table cell, one per line, each escaped."""
    return Trusted("<br>".join(escape_text(item) for item in items))


@template_filter
def lower_first(text: str) -> str:
    """``Taux de change`` -> ``taux de change``, inside a sentence."""
    return text[:1].lower() + text[1:]


@template_filter
def upper_first(text: str) -> str:
    """``antoine Blot`` -> ``Antoine Blot``, at the start of a sentence."""
    return text[:1].upper() + text[1:]


# --- Functions of the guide ------------------------------------------------------------------------------


def page_path(name: str, home: dict | None = None) -> str:
    """The Markdown page that shows framework ``name`` (``index.md`` for the home page). With the plan
    (``home``, the data of accueil.yml), a framework shown as a section resolves to its host page."""
    if home is not None:
        return page_of(home, name).source_file
    return source_file(name)


@template_function
def link(guide: Guide, name: str, item_id: str | None = None) -> Trusted:
    """Relative Markdown link target to a framework (and one of its items), wherever the plan shows it."""
    if name not in guide.frameworks:
        raise KeyError(f"pas de cadre {name!r}")
    home = guide.frameworks[HOME]
    target = page_path(name, home)
    aim = anchor_of(home, name, item_id)
    return Trusted(f"{target}#{anchor(aim)}" if aim else target)


@template_function
def edit_address(guide: Guide, name: str, site_root: str) -> Trusted:
    """Where a framework file's entry is edited in the admin's forms, from a page whose way back to the site's
    root is ``site_root`` (``../``): ``../admin/#/collections/faq/entries/faq`` (``guide.admin.entry_address``)."""
    from guide.admin import (
        entry_address,  # guide.admin reads the schemas through guide.validation, which imports this module
    )

    if name not in guide.frameworks:
        raise KeyError(f"pas de cadre {name!r}")
    return Trusted(site_root + entry_address(name))


@template_function
def edit_block(guide: Guide, name: str, site_root: str, what: str) -> Trusted:
    """« Modifier », a paragraph of HTML linking to ``edit_address``; its title says what it opens (``what``:
    « Modifier cette question ») and in which file, escaped as HTML (Markdown leaves a raw paragraph as written)."""
    title = f"{what} : ouvrir {guide.files[name]} dans les formulaires"
    return Trusted(f'<p class="guide-edit-block" data-search-exclude><a href="{html.escape(edit_address(guide, name, site_root))}" '
                   f'rel="edit" title="{html.escape(title)}">Modifier</a></p>')


@template_function
def page_title(guide: Guide, name: str) -> str:
    """The short title of a framework's page (the menu's)."""
    return guide.frameworks[name]["page"]["titre_court"]


@template_function
def seuil(guide: Guide, threshold_id: str) -> str:
    """A figure of seuils.yml, formatted (``40 h par semaine``)."""
    return threshold_text(guide.item(THRESHOLDS_FRAMEWORK, None, threshold_id))


@template_function
def follow(guide: Guide, name: str, *path: str | int) -> Any:
    """The data of a framework (or the value at ``path`` in it) with every reference replaced by the item it
    names: ``follow(name).typologies[0].phase.nom``."""
    return guide.follow(name, path)


@template_function
def referring(guide: Guide, framework: str, target: str, item_id: str) -> list[Any]:
    """What in ``framework`` refers to the item ``item_id`` of ``target`` (its own list), followed, in file
    order: on the phases page, ``referring(MODELS, name, phase.id)`` is the organisation models of a phase."""
    return guide.referrers(target, item_id).get(framework, [])


# --- Values ----------------------------------------------------------------------------------------------


@template_value
def frameworks(guide: Guide) -> dict[str, dict]:
    """Every framework's data by name, as loaded (references not followed)."""
    return guide.frameworks


@template_value
def files(guide: Guide) -> dict[str, str]:
    """Each framework's YAML file (``frameworks/NAME.yml``), in the order of names."""
    return guide.files


@template_value
def sources(guide: Guide) -> dict[str, dict]:
    """The sources of sources.yml by id."""
    return by_id(guide.frameworks.get(SOURCES_FRAMEWORK, {}).get(SOURCES_FRAMEWORK, []))


@template_value
def calculator_names(guide: Guide) -> list[str]:
    """The frameworks that hold a calculator (a ``calculateur`` block), in the order of names."""
    return [name for name, data in guide.frameworks.items() if "calculateur" in data]
