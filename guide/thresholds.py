"""The guide's figures defined once (``frameworks/seuils.yml``) and quoted everywhere else.

An editor writes ``{seuil:heures-coordination}`` in any text of any framework; loading the
guide replaces it with the formatted value (``40 h par semaine``), so a page never repeats a
figure by hand. The calculators read the same values (``calculators.contract.threshold``).
"""

from __future__ import annotations

import difflib
import re
from typing import TYPE_CHECKING

from calculators.contract import threshold_text
from guide.errors import ContentError, format_field_path
from guide.yaml_source import ParsedYaml

if TYPE_CHECKING:
    from guide.catalog import Guide

THRESHOLDS_FRAMEWORK = "seuils"
PLACEHOLDER = re.compile(r"\{seuil:([^{}]*)\}")


def thresholds_by_id(frameworks: dict) -> dict[str, dict]:
    return {item["id"]: item for item in frameworks.get(THRESHOLDS_FRAMEWORK, {}).get("seuils", [])}


def _strings(value, path=()):
    """Every string in a framework, with its path, as (path, container, key)."""
    if isinstance(value, dict):
        for key, item in value.items():
            if isinstance(item, str):
                yield path + (key,), value, key
            else:
                yield from _strings(item, path + (key,))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            if isinstance(item, str):
                yield path + (index,), value, index
            else:
                yield from _strings(item, path + (index,))


def resolve_placeholders(guide: "Guide", parsed: dict[str, ParsedYaml]) -> list[ContentError]:
    """Replace every ``{seuil:ID}`` by its value, in place; report unknown ids."""
    known = thresholds_by_id(guide.frameworks)
    errors = []
    for name, data in guide.frameworks.items():
        for path, container, key in _strings(data):
            text = container[key]
            if "{seuil:" not in text:
                continue

            def replace(match: re.Match) -> str:
                threshold_id = match.group(1).strip()
                if threshold_id in known:
                    return threshold_text(known[threshold_id])
                message = f"repère inconnu « {threshold_id} » dans {{seuil:…}} : il n'existe pas dans seuils.yml"
                close = difflib.get_close_matches(threshold_id, sorted(known), n=1, cutoff=0.6)
                message += f" ; vouliez-vous dire « {close[0]} » ?" if close else ""
                line, column = parsed[name].position_of(path)
                errors.append(ContentError(guide.files[name], line, column, format_field_path(path), message))
                return match.group(0)

            container[key] = PLACEHOLDER.sub(replace, text)
    return errors
