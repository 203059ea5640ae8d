"""The glossary's terms explained where pages use them, as Markdown abbreviations.

``abbreviations(markdown, terms)`` returns the ``*[CAC]: …`` lines (Python-Markdown's ``abbr``
extension) for the terms whose written forms occur in a page; Material shows them as tooltips.
"""

from __future__ import annotations

import re

from calculators.typography import french_typography

GLOSSARY_FRAMEWORK = "glossaire"


def tooltip(term: dict) -> str:
    expansion = term.get("developpe", "")
    text = f"{expansion[:1].upper()}{expansion[1:]}. {term['definition']}" if expansion else term["definition"]
    return french_typography(text)


def _occurs(form: str, markdown: str) -> bool:
    return re.search(r"(?<![\w-])" + re.escape(form) + r"(?![\w-])", markdown) is not None


def abbreviations(markdown: str, terms: list[dict]) -> str:
    """Abbreviation definitions for every glossary form found in ``markdown`` (empty if none)."""
    lines = []
    for term in terms:
        for form in term.get("formes", []):
            if _occurs(form, markdown):
                lines.append(f"*[{form}]: {tooltip(term)}")
    return "\n".join(lines)


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
