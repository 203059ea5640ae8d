"""What the site's theme prints is escaped by construction.

Material's templates (and MkDocs') write every value with ``{{ … }}`` and were written for an environment
that does not escape: a page title, a short title in the navigation, a description in a ``<meta>`` tag would
reach the reader's browser as HTML. The shell turns autoescaping on for the theme's environment, so every
value is HTML-escaped unless it is marked as HTML (``Markup``). Only three kinds of values are HTML by
construction, and each is marked here: the page's body (rendered from escaped Markdown by the core), the
titles of its table of contents (text of those headings, escaped by Markdown), and the theme's own template
output (Jinja marks it itself).
"""

from __future__ import annotations

from collections.abc import Iterable

import jinja2
from markupsafe import Markup


def escape_theme_values(env: jinja2.Environment) -> jinja2.Environment:
    """Every ``{{ value }}`` of the theme's templates escaped unless it is ``Markup`` (before any template is read)."""
    env.autoescape = True
    return env


def mark_page_html(page) -> None:
    """Mark a page's body (rendered by the core from escaped Markdown) and its table of contents as HTML."""
    page.content = Markup(page.content)
    mark_toc_titles(page.toc)


def mark_toc_titles(items: Iterable) -> None:
    """The table of contents' titles are the headings' HTML (escaped by Markdown): mark them as such."""
    for item in items:
        item.title = Markup(item.title)
        mark_toc_titles(item.children)
