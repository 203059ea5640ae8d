"""French typography for displayed text (standard library only, shared by the guide and the calculators)."""

from __future__ import annotations

import re

NARROW_NBSP = "\u202f"
NBSP = "\u00a0"


def french_typography(text: str) -> str:
    """Narrow no-break spaces before ; : ! ? » and after «, no-break space before % € $, curly apostrophe."""
    text = re.sub(r"[ \t\r\n\f\v]+", " ", text)  # not \s: it would turn no-break spaces into plain ones
    text = re.sub(r"“\s*([^“”]*?)\s*”", r"« \1 »", text)  # a word processor's quotes become French ones
    text = re.sub(r"(?<=\d) (?=\d{3}(?!\d))", NARROW_NBSP, text)  # "40 000" keeps its digits together
    text = text.replace("'", "\u2019")
    text = re.sub(r" ([;:!?»])", NARROW_NBSP + r"\1", text)
    text = re.sub(r"« ", "«" + NARROW_NBSP, text)
    text = re.sub(r" ([%€$])", NBSP + r"\1", text)
    return text


_TAG = re.compile(r"(<!--.*?-->|<[^>]*>)", re.S)
_RAW_ELEMENTS = ("script", "style", "code", "pre", "kbd", "samp", "textarea")
_OPENING = re.compile(r"<(" + "|".join(_RAW_ELEMENTS) + r")[\s>]", re.I)
_CLOSING = re.compile(r"</(" + "|".join(_RAW_ELEMENTS) + r")\s*>", re.I)


def _typeset_text(text: str) -> str:
    """French typography on a piece of HTML text (entities kept; line breaks kept)."""
    text = text.replace("&#39;", "'").replace("&#x27;", "'").replace("'", "\u2019")
    text = re.sub(r"[ \u00a0]+([;:!?»])", NARROW_NBSP + r"\1", text)
    text = re.sub(r"«[ \u00a0]+", "«" + NARROW_NBSP, text)
    text = re.sub(r"(?<=\d) (?=[%€])", NBSP, text)
    return text


def typeset_html(html: str) -> str:
    """French typography on every text of an HTML fragment, whoever wrote it (YAML, template, code):
    narrow no-break spaces before ; : ! ? » and after «, curly apostrophes. Tags, attributes,
    comments and the content of code, pre, script and style elements are left as they are."""
    parts = _TAG.split(html)
    raw_depth = 0
    for index, part in enumerate(parts):
        if index % 2:  # a tag or a comment
            if _OPENING.match(part) and not part.endswith("/>"):
                raw_depth += 1
            elif _CLOSING.match(part):
                raw_depth = max(0, raw_depth - 1)
        elif part and not raw_depth:
            parts[index] = _typeset_text(part)
    return "".join(parts)
