"""« Vouliez-vous dire … ? » for a name typed wrong: the one close match, or the list of what is possible."""

from __future__ import annotations

import difflib
from collections.abc import Iterable


def closest(value: str, choices: Iterable[str]) -> str | None:
    """The choice closest to ``value`` if one is close enough to be a typing slip, else ``None``."""
    close = difflib.get_close_matches(str(value), list(choices), n=1, cutoff=0.6)
    return close[0] if close else None


def did_you_mean(value: str, choices: Iterable[str], possible: str | None = None, lead: str = " ; ") -> str:
    """The end of an error message about ``value``: `` ; vouliez-vous dire « X » ?`` when one choice is
    close; otherwise, when ``possible`` names the choices (« valeurs possibles »), `` ; valeurs possibles : a, b, c``;
    otherwise (or with no choice at all) nothing. ``lead`` is what comes before the question (« ; » or « : »)."""
    choices = list(choices)
    match = closest(value, choices)
    if match is not None:
        return f"{lead}vouliez-vous dire « {match} » ?"
    if possible and choices:
        return f" ; {possible} : " + ", ".join(choices)
    return ""
