"""Every helper the page templates can use, declared once, each with its docstring.

Two kinds, registered by a decorator (or, for a function defined elsewhere, by calling it):

- ``template_filter``: applied to a value, formats it, ``{{ phase | headcount }}``;
- ``template_function``: called by name, says where a page or its form is, ``{{ link(NAME, item.id) }}``; its
  first argument is the guide, which ``install`` binds.

None looks anything up or joins two files: what one page shows (another framework's data, a source or a figure
by its id, a page's title, references followed) is in the page's view (``guide.views.describe_pages``), and
tests/unit/test_template_helpers.py fails on a template that does a lookup. Every ``{{ value }}`` is escaped unless
it is ``Trusted`` (``guide.markdown_text``).
"""

from __future__ import annotations

import html
from collections.abc import Callable
from functools import partial
from typing import Any
from urllib.parse import quote

import jinja2

from common.figures import headcount_range
from common.site_map import anchor_of, page_of, source_file
from guide.markdown_text import Trusted, anchor, escape_text, inline_code
from guide.model import HOME, Guide

FILTERS: dict[str, Callable[..., Any]] = {}
FUNCTIONS: dict[str, Callable[..., Any]] = {}  # each takes the guide first


def template_filter(function: Callable[..., Any], name: str | None = None) -> Callable[..., Any]:
    """Register a filter, under the function's name unless ``name`` is given."""
    FILTERS[name or function.__name__] = function
    return function


def template_function(function: Callable[..., Any]) -> Callable[..., Any]:
    """Register a function of the guide (its first argument), called from templates without it."""
    FUNCTIONS[function.__name__] = function
    return function


def install(env: jinja2.Environment, guide: Guide | None) -> None:
    """Give ``env`` every helper: the filters always, the functions when there is a guide. (``guide.views``
    registers its filter when that module is imported, as ``guide.rendering`` does.)"""
    env.filters.update(FILTERS)
    if guide is None:
        return
    env.globals.update({name: partial(function, guide) for name, function in FUNCTIONS.items()})


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
def cell_label(text: str) -> Trusted:
    """A table cell's column name, shown before the cell's text when a wide table becomes one card per row on a
    phone (guide.css), hidden elsewhere. Left out of the search index: it repeated the column's name in every row
    and ran into the cell's text in the results (« Ce qu’apporte le CMOVision, cadrage… »)."""
    return Trusted(f'<span class="guide-cell-label" data-search-exclude>{escape_text(text)}</span>')


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
