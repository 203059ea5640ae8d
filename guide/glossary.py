"""The glossary's terms explained where pages use them, as Markdown abbreviations.

``abbreviations(markdown, terms)`` returns the ``*[CAC]: …`` lines (Python-Markdown's ``abbr``
extension) for the terms whose written forms occur in a page; Material shows them as tooltips.
"""

from __future__ import annotations

import re

from common.typography import french_typography


def tooltip(term: dict) -> str:
    expansion = term.get("developpe", "")
    text = f"{expansion[:1].upper()}{expansion[1:]}. {term['definition']}" if expansion else term["definition"]
    return french_typography(text)


_WORD_START = re.compile(r"(?<![\w-])\w+")


class GlossaryMatcher:
    """Finds which glossary forms a text uses in one pass over the text, whatever the number of terms: each
    word of the text is looked up by itself in an index of the forms' first words, and only the forms that
    start with it are compared. Linear in the text, not in terms × text."""

    def __init__(self, terms: list[dict]):
        self.lines: list[tuple[int, str, str]] = []  # (order, form, its abbreviation line)
        self.by_first_word: dict[str, list[tuple[int, str]]] = {}
        for term in terms:
            for form in term.get("formes", []):
                order = len(self.lines)
                # Markdown's abbr extension escapes < and " but keeps an entity as one (« &amp; » would
                # reach the reader as « & »): every & of the definition is written as text first.
                self.lines.append((order, form, f"*[{form}]: {tooltip(term).replace('&', '&amp;')}"))
                first = _WORD_START.match(form)
                key = first.group(0) if first else form
                self.by_first_word.setdefault(key, []).append((order, form))

    def found(self, text: str) -> list[int]:
        """The orders of the forms that occur in ``text`` as whole words."""
        seen: set[int] = set()
        for match in _WORD_START.finditer(text):
            for order, form in self.by_first_word.get(match.group(0), ()):
                if order in seen or not text.startswith(form, match.start()):
                    continue
                end = match.start() + len(form)
                if end < len(text) and (text[end].isalnum() or text[end] in "_-"):
                    continue
                seen.add(order)
        return sorted(seen)

    def abbreviations(self, markdown: str) -> str:
        return "\n".join(self.lines[order][2] for order in self.found(markdown))


def abbreviations(markdown: str, terms: list[dict] | GlossaryMatcher) -> str:
    """Abbreviation definitions for every glossary form found in ``markdown`` (empty if none), in the
    glossary's order. Pass a ``GlossaryMatcher`` built once to render many pages."""
    matcher = terms if isinstance(terms, GlossaryMatcher) else GlossaryMatcher(terms)
    return matcher.abbreviations(markdown)


_ABBR = re.compile(r'<abbr title="[^"]*">([^<]*)</abbr>')


def explain_first_use_only(html: str) -> str:
    """Keep the tooltip on the first use of each term in a page's HTML; later uses become plain text.

    One explanation per term reads better, and each tooltip costs the reader's browser some work.
    """
    seen: set[str] = set()

    def keep_first(match: re.Match) -> str:
        term = match.group(1)
        if term in seen:
            return term
        seen.add(term)
        return match.group(0)

    return _ABBR.sub(keep_first, html)
