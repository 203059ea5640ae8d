"""Turn text written by editors into Markdown that shows exactly that text.

Editors' text is data, not markup: ``<script>`` must appear as text and
``**gras**`` or ``[lien](javascript:...)`` must not become formatting or links.
``escape_text`` HTML-escapes the text, backslash-escapes every character that
Python-Markdown (with the tables extension) treats as markup, and applies French
typography: narrow no-break spaces before ``; : ! ?`` and inside « », no-break
spaces before ``%`` and ``€``, and a typographic apostrophe.

``Trusted`` marks Markdown produced by our own code (links, anchors), which the
templates output as it is.
"""

from __future__ import annotations

import re

from common.html import escape as escape_html

# Characters Python-Markdown unescapes after a backslash (its ESCAPED_CHARS plus
# "|" from the tables extension): escaping them makes them literal.
_MARKDOWN_SPECIALS = re.compile(r"([\\`*_{}\[\]()#+.!|>]|(?<!\w)-|-(?!\w))")
_IDENTIFIER = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")


class Trusted(str):
    """Markdown built by our code, emitted without escaping."""


def escape_text(value: object) -> str:
    """Editors' text -> Markdown that renders as this very text."""
    return _MARKDOWN_SPECIALS.sub(r"\\\1", escape_html(value))


def anchor(identifier: str) -> Trusted:
    """An item id used as an HTML id; ids are validated by the schemas, checked again here."""
    if not _IDENTIFIER.match(str(identifier)):
        raise ValueError(f"identifiant invalide pour une ancre : {identifier!r}")
    return Trusted(identifier)


def inline_code(value: str) -> Trusted:
    """A file name or command shown as code (no escaping inside backticks)."""
    if "`" in value or "\n" in value:
        raise ValueError(f"texte impossible à montrer comme code : {value!r}")
    return Trusted(f"`{value}`")
