"""A small HTML element builder that escapes by construction.

``element("a", "Voir l'offre", href="../sourcing/#offre")`` gives ``<a href="../sourcing/#offre">Voir l’offre</a>``:
a child that is a plain ``str`` is text (French typography, then escaped); a child that is ``Html`` (made by
``element`` or ``Html.join``) is inserted as it is; attribute values are always escaped. Code that builds HTML
out of editors' or readers' text therefore cannot forget to escape it.

Attribute names: ``class_`` gives ``class``, other underscores give hyphens (``aria_describedby``,
``data_value``); ``True`` writes the bare attribute (``checked``), ``False`` and ``None`` leave it out.
"""

from __future__ import annotations

from collections.abc import Iterable

from common.typography import french_typography

# What html.escape(text, quote=True) replaces, in one pass. Written here because the standard library's html
# module also imports html.entities, a table of the 2 231 named characters that escaping never reads: 19 kB
# gzip on a first visit of a calculator (tests/calculators/test_shared_html_and_suggestions.py checks that both
# agree).
_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#x27;"})

VOID_ELEMENTS = frozenset({"br", "hr", "img", "input", "meta", "link", "source", "wbr"})
# SVG shapes, written self-closed when they have no content (``<line …/>``).
SVG_SHAPES = frozenset({"circle", "ellipse", "line", "path", "polygon", "polyline", "rect"})


class Html(str):
    """HTML made by this module (or by code that escaped its text itself): inserted without escaping."""

    def join(self, parts: Iterable[str]) -> Html:
        return Html(str.join(self, (content(part) for part in parts)))

    def __add__(self, other: str) -> Html:
        """``Html + text`` escapes the text; ``Html + Html`` joins them."""
        return Html(str.__add__(self, content(other)))

    def __radd__(self, other: str) -> Html:
        return Html(str.__add__(content(other), self))


def escape(text: object) -> str:
    """Text for an HTML element's content: French typography, then escaped (quotes too, so that the same
    text may also sit in an attribute)."""
    return french_typography(str(text)).translate(_ESCAPES)


def escape_attribute(value: object) -> str:
    """A value for an attribute between double quotes, as it is (no typography)."""
    return str(value).translate(_ESCAPES)


def content(child: object) -> Html:
    """A child of an element: ``Html`` as it is, anything else as escaped text."""
    return child if isinstance(child, Html) else Html(escape(child))


def _attribute_name(name: str) -> str:
    return "class" if name == "class_" else name.rstrip("_").replace("_", "-")


def attributes(values: dict[str, object]) -> str:
    parts = []
    for name, value in values.items():
        if value is None or value is False:
            continue
        name = _attribute_name(name)
        parts.append(f" {name}" if value is True else f' {name}="{escape_attribute(value)}"')
    return "".join(parts)


def element(tag: str, *children: object, **attrs: object) -> Html:
    """``<tag attrs>children</tag>``; a void element (``input``, ``br``…) takes no children."""
    if tag in VOID_ELEMENTS:
        if children:
            raise ValueError(f"<{tag}> ne peut pas avoir de contenu")
        return Html(f"<{tag}{attributes(attrs)}>")
    if tag in SVG_SHAPES and not children:
        return Html(f"<{tag}{attributes(attrs)}/>")
    return Html(f"<{tag}{attributes(attrs)}>{''.join(content(child) for child in children)}</{tag}>")
