"""French typography for displayed text (standard library only, shared with the site's renderer)."""

from __future__ import annotations

import re

NARROW_NBSP = "\u202f"
NBSP = "\u00a0"


def french_typography(text: str) -> str:
    """Narrow no-break spaces before ; : ! ? » and after «, no-break space before % € $, curly apostrophe."""
    text = re.sub(r"[ \t\r\n\f\v]+", " ", text)  # not \s: it would turn no-break spaces into plain ones
    text = re.sub(r"(?<=\d) (?=\d{3}(?!\d))", NARROW_NBSP, text)  # "40 000" keeps its digits together
    text = text.replace("'", "\u2019")
    text = re.sub(r" ([;:!?»])", NARROW_NBSP + r"\1", text)
    text = re.sub(r"« ", "«" + NARROW_NBSP, text)
    text = re.sub(r" ([%€$])", NBSP + r"\1", text)
    return text
