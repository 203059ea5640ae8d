"""The guide's figures defined once (``frameworks/seuils.yml``) and quoted everywhere else.

An editor writes ``{seuil:heures-coordination}`` in any text of any framework; loading the
guide replaces it with the formatted value (``40 h par semaine``), so a page never repeats a
figure by hand. The calculators read the same values (``calculators.contract.threshold``).

A range joins two figures with « à »: ``{seuil:cmo-fractionne-jours-min à cmo-fractionne-jours-max}``
becomes ``1 à 2 jours par semaine`` (the unit is written once when both ends share it).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from common.figures import range_text, threshold_text
from common.suggestions import did_you_mean
from guide.errors import ContentError, format_field_path
from guide.markers import NOT_THRESHOLDS, is_marker, marked, same_words
from guide.model import THRESHOLDS_FRAMEWORK, by_id
from guide.search import is_readers_words
from guide.yaml_source import ParsedYaml

PLACEHOLDER = re.compile(r"\{seuil:([^{}]*)\}")
# Any other {word:…} or {word} left in a text is a mistyped placeholder ({seuils:…}, {Seuil:…}, {seuil …}).
OTHER_PLACEHOLDER = re.compile(r"\{\s*[A-Za-zÀ-ÿ_-]+\s*(?::[^{}]*)?\}")
RANGE_SEPARATOR = re.compile(r"\s+à\s+")


def thresholds_by_id(frameworks: Mapping[str, Any]) -> dict[str, dict]:
    """The figures of seuils.yml by id (none if the file is absent)."""
    return by_id(frameworks.get(THRESHOLDS_FRAMEWORK, {}).get(THRESHOLDS_FRAMEWORK, []))


@dataclass(frozen=True)
class Resolved:
    """Every framework's data with its ``{seuil:…}`` replaced, the figures each quotes, and the errors found."""

    frameworks: dict[str, Any]
    quoted: dict[str, list[str]]  # framework -> ids of the figures its texts quote, in order of first use
    errors: list[ContentError]


def resolve_placeholders(frameworks: Mapping[str, Any], parsed: Mapping[str, ParsedYaml],
                         files: Mapping[str, str]) -> Resolved:
    """New data in which every ``{seuil:ID}`` (or ``{seuil:ID à ID}``) is replaced by its value; unknown ids and
    mistyped placeholders are reported at their field (and left as written). The data given is not changed."""
    known = thresholds_by_id(frameworks)
    errors: list[ContentError] = []
    quoted: dict[str, list[str]] = {}

    def text_of(text: str, name: str, path: tuple) -> str:
        if "{" not in text:
            return text
        line, column = parsed[name].position_of(path)

        def report(problem: str) -> None:
            errors.append(ContentError(files[name], line, column, format_field_path(path), problem))

        for match in OTHER_PLACEHOLDER.finditer(PLACEHOLDER.sub("", text)):
            report(f"balise inconnue « {match.group(0)} » : pour citer un repère chiffré, écrivez "
                   "{seuil:identifiant} (en minuscules, « seuil » au singulier), par exemple {seuil:heures-coordination}")

        def replace(match: re.Match) -> str:
            ids = [part.strip() for part in RANGE_SEPARATOR.split(match.group(1).strip())]
            problems = []
            if len(ids) > 2:
                problems.append(f"« {match.group(0)} » : une fourchette relie deux repères, "
                                "par exemple {seuil:cmo-fractionne-jours-min à cmo-fractionne-jours-max}")
            for threshold_id in ids if len(ids) <= 2 else []:
                if threshold_id not in known:
                    problems.append(f"repère inconnu « {threshold_id} » dans {{seuil:…}} : il n'existe pas dans seuils.yml"
                                    + did_you_mean(threshold_id, sorted(known)))
            if not problems and len(ids) == 2 and known[ids[0]]["valeur"] > known[ids[1]]["valeur"]:
                problems.append(f"fourchette « {match.group(0)} » à l'envers : écrivez le plus petit repère en premier")
            for problem in problems:
                report(problem)
            if problems:
                return match.group(0)
            quoted[name].extend(threshold_id for threshold_id in ids if threshold_id not in quoted[name])
            if len(ids) == 1:
                return threshold_text(known[ids[0]])
            return range_text(known[ids[0]], known[ids[1]])

        return PLACEHOLDER.sub(replace, text)

    def resolved(value: Any, name: str, path: tuple) -> Any:
        if isinstance(value, str):
            return text_of(value, name, path)
        if isinstance(value, dict):
            return {key: resolved(item, name, path + (key,)) for key, item in value.items()}
        if isinstance(value, list):
            return [resolved(item, name, path + (index,)) for index, item in enumerate(value)]
        return value  # int, float, bool, None

    new = {}
    for name, data in frameworks.items():
        quoted[name] = []
        new[name] = resolved(data, name, ())
    return Resolved(new, quoted, errors)


def _distinctive(item: dict) -> bool:
    """A figure whose written form is unlikely to mean anything else (« 40 h par semaine », « 80 000 € »),
    unlike a bare « 3 » or « 20 % », which texts use for many other things."""
    unit = item.get("unite", "")
    if unit.startswith(":") or "par semaine" in unit or "$" in unit or unit == "employés":
        return True
    return unit == "€" and item["valeur"] >= 1000


def _written_pattern(item: dict) -> re.Pattern:
    text = re.escape(threshold_text(item))
    text = re.sub(r"(\\ |\u00a0|\u202f)+", r"[ \\u00a0\\u202f]?", text)
    return re.compile(r"(?<![\d,.])" + text + r"(?![\d])")


def _texts_of(value: Any, path: tuple = ()):
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _texts_of(item, path + (key,))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _texts_of(item, path + (index,))
    elif isinstance(value, str):
        yield path, value


def figures_in(text: str, known: dict[str, dict]) -> list[tuple[str, str]]:
    """(id, as written) of each figure of seuils.yml written by hand in ``text`` (the distinctive ones)."""
    return [(threshold_id, match.group(0)) for threshold_id, item in known.items() if _distinctive(item)
            for match in _written_pattern(item).finditer(text)]


def hand_typed_figures(parsed: Mapping[str, ParsedYaml], files: Mapping[str, str]) -> list[ContentError]:
    """Figures of seuils.yml typed by hand in another file's text: reported (not blocking) with the
    {seuil:…} to write, so that changing the figure in seuils.yml changes every page that quotes it.
    A block whose field ``pas_un_repere`` lists the figure states that it is another one (``guide.markers``).
    ``parsed``: each file as parsed (``Guide.parsed``), its texts as written (``{seuil:…}`` not replaced)."""
    frameworks = {name: file.data for name, file in parsed.items()}
    known = thresholds_by_id(frameworks)
    patterns = [(threshold_id, _written_pattern(item)) for threshold_id, item in known.items() if _distinctive(item)]
    found = []
    for name, filename in sorted(files.items()):
        if name == THRESHOLDS_FRAMEWORK or name not in frameworks or name not in parsed:
            continue
        for path, text in _texts_of(frameworks[name]):
            if is_marker(path) or is_readers_words(path):
                continue  # an editor's list of words; a reader's question (the figure is the reader's)
            not_thresholds = marked(frameworks[name], path, NOT_THRESHOLDS)
            for threshold_id, pattern in patterns:
                written_before: dict[str, int] = {}
                for match in pattern.finditer(text):
                    written = match.group(0)
                    occurrence = written_before.get(written, 0)
                    written_before[written] = occurrence + 1
                    if same_words(written) in not_thresholds:
                        continue
                    line, column = parsed[name].locate(path, written, occurrence)
                    found.append(ContentError(
                        filename, line, column, format_field_path(path),
                        f"« {written} » est aussi le repère « {threshold_id} » de seuils.yml : s'il s'agit de ce "
                        f"repère, écrivez {{seuil:{threshold_id}}} pour qu'il suive toute modification ; sinon, ajoutez "
                        f"à son bloc le champ « {NOT_THRESHOLDS}: [\"{written}\"] »"))
    return sorted(found)
