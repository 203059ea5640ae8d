"""French typography for displayed text (standard library only, shared with the site's renderer)."""

from __future__ import annotations

import re

NARROW_NBSP = "\u202f"
NBSP = "\u00a0"


def french_typography(text: str) -> str:
    """Narrow no-break spaces before ; : ! ? » and after «, no-break space before % € $, curly apostrophe."""
    text = re.sub(r"\s+", " ", text)
    text = text.replace("'", "\u2019")
    text = re.sub(r" ([;:!?»])", NARROW_NBSP + r"\1", text)
    text = re.sub(r"« ", "«" + NARROW_NBSP, text)
    text = re.sub(r" ([%€$])", NBSP + r"\1", text)
    return text
