"""One preferred term per concept: the words the guide avoids, found in any text a reader sees.

The list is ``terminologie`` in ``frameworks/glossaire.yml``: for each concept, the term the guide writes
(``terme``, « CMO à temps partagé ») and the other names it avoids (``variantes``: « Fractional CMO »,
« CMO externalisé »…), with a ``note`` on how the sources use them. ``python -m guide check`` reports
every variant left in a framework's text, at its line, with the term to write instead; like a figure
typed by hand (``guide.thresholds.hand_typed_figures``) it is a warning, not an error, and a content
test keeps the repository free of them.

A variant is not reported where the guide quotes or explains a source's word:

- inside « … » (or “ … ”, which the pages show as « … »): a quotation;
- in a block whose field ``termes_de_la_source`` lists it (``guide.markers``): the source's word explained
  there (« Antoine Blot l'appelle CMO externalisé »);
- in the terminology list itself, in the ``formes`` of a glossary term, and in a glossary term's name,
  expansion and definition when the variant is that term's own name or one of its forms (the glossary
  explains it);
- in the verbatim ``citation`` of a figure (seuils.yml) and the title of a source (sources.yml);
- inside the preferred term of another concept (« hybride évolutif » in « modèle hybride évolutif »);
- in identifiers (``cadre: martech``, ``id: cmo-fractionne``) and ``{seuil:…}`` placeholders, which no
  reader sees.

Matching is by whole words or expressions; each word may take a plural « s »; any run of spaces (ordinary or
no-break) separates words. An entry is case-insensitive unless ``sensible_a_la_casse: true`` (« MarTech »
against « Martech »); a case-sensitive variant also matches with its first letter capitalised.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from guide.errors import ContentError, format_field_path
from guide.markers import SOURCE_TERMS, is_marker, marked, same_words
from guide.model import GLOSSARY_FRAMEWORK, SOURCES_FRAMEWORK, THRESHOLDS_FRAMEWORK
from guide.search import SYNONYMS_KEY, TERMINOLOGY_KEY, is_readers_words
from guide.yaml_source import ParsedYaml

# Fields whose words are a source's, verbatim: (framework, field of the items of its own list).
VERBATIM_FIELDS = {(THRESHOLDS_FRAMEWORK, "citation"), (SOURCES_FRAMEWORK, "titre")}
_IDENTIFIER = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_PLACEHOLDER = re.compile(r"\{seuil:[^{}]*\}")
_OPENING, _CLOSING = "«“", "»”"


@dataclass(frozen=True)
class Variant:
    """A word or expression to avoid, with the concept whose preferred term replaces it."""

    text: str
    preferred: str
    entry_id: str
    pattern: re.Pattern


def _words_pattern(text: str) -> str:
    """``Fractional CMO`` -> a pattern matching it as whole words, each word with an optional plural « s »,
    the words separated by any run of spaces."""
    words = [re.escape(word) + "s?" for word in text.split()]
    return r"(?<![\w-])" + r"\s+".join(words) + r"(?![\w-])"


def _pattern(text: str, case_sensitive: bool) -> re.Pattern:
    if not case_sensitive:
        return re.compile(_words_pattern(text), re.IGNORECASE)
    forms = {text, text[:1].upper() + text[1:]}
    return re.compile("|".join(f"(?:{_words_pattern(form)})" for form in sorted(forms)))


class TerminologyChecker:
    """Finds the variants of a terminology list in a text, outside quotations and preferred terms."""

    def __init__(self, entries: list[dict]):
        self.variants: list[Variant] = []
        self.preferred: list[re.Pattern] = []
        for entry in entries:
            case_sensitive = bool(entry.get("sensible_a_la_casse", False))
            self.preferred.append(_pattern(entry["terme"], case_sensitive))
            for text in entry.get("variantes", []):
                self.variants.append(Variant(text, entry["terme"], entry["id"], _pattern(text, case_sensitive)))

    def find(self, text: str) -> list[tuple[int, int, Variant]]:
        """(start, end, variant) of every variant in ``text`` that a reader would see as the guide's own word:
        not inside « … » or “ … ”, not inside a preferred term, not inside a {seuil:…} placeholder."""
        text = _PLACEHOLDER.sub(lambda match: " " * len(match.group(0)), text)
        quoted = quoted_spans(text)
        preferred = [(match.start(), match.end()) for pattern in self.preferred for match in pattern.finditer(text)]
        found = []
        for variant in self.variants:
            for match in variant.pattern.finditer(text):
                length = match.end() - match.start()
                in_quotation = any(start <= match.start() and match.end() <= end for start, end in quoted)
                # Strictly inside a preferred term: « hybride évolutif » in « modèle hybride évolutif » (but
                # « KPIs », which the pattern of « KPI » also matches as its plural, is reported).
                in_longer_term = any(start <= match.start() and match.end() <= end and end - start > length
                                     for start, end in preferred)
                if not (in_quotation or in_longer_term):
                    found.append((match.start(), match.end(), variant))
        found.sort(key=lambda item: (item[0], -item[1]))
        kept, last_end = [], -1
        for start, end, variant in found:  # one report for overlapping variants (the longest, first)
            if start >= last_end:
                kept.append((start, end, variant))
                last_end = end
        return kept


def quoted_spans(text: str) -> list[tuple[int, int]]:
    """The spans of ``text`` inside « … » or “ … ” (outermost quotations; nested ones count once)."""
    spans, depth, start = [], 0, 0
    for index, char in enumerate(text):
        if char in _OPENING:
            if depth == 0:
                start = index
            depth += 1
        elif char in _CLOSING and depth:
            depth -= 1
            if depth == 0:
                spans.append((start, index + 1))
    if depth:  # a quotation left open runs to the end of the text
        spans.append((start, len(text)))
    return spans


def terminology(frameworks: dict) -> list[dict]:
    return frameworks.get(GLOSSARY_FRAMEWORK, {}).get(TERMINOLOGY_KEY, [])


def _glossary_own_words(term: dict) -> set[str]:
    return {word.casefold() for word in [term.get("terme", ""), *term.get("formes", [])]}


def _texts(name: str, data: dict):
    """(path, text, words explained here) of every text a reader may see in one framework's data."""

    def walk(value, path):
        if isinstance(value, dict):
            for key, item in value.items():
                yield from walk(item, path + (key,))
        elif isinstance(value, list):
            for index, item in enumerate(value):
                yield from walk(item, path + (index,))
        elif isinstance(value, str) and not _IDENTIFIER.match(value):
            yield path, value

    for path, text in walk(data, ()):
        if is_marker(path):
            continue  # the editor's list of a source's words, not a text
        if is_readers_words(path):
            continue  # the readers' own questions, in their words, for the search (never shown)
        if len(path) >= 3 and path[0] == name and (name, path[2]) in VERBATIM_FIELDS:
            continue
        explained: set[str] = set()
        if name == GLOSSARY_FRAMEWORK:
            if path[0] in (TERMINOLOGY_KEY, SYNONYMS_KEY) or (path[0] == "termes" and "formes" in path):
                continue  # the list itself; the readers' words for the search (never shown); a term's forms
            if path[0] == "termes" and len(path) >= 3:
                explained = _glossary_own_words(data["termes"][path[1]])
        yield path, text, explained


def _locate(lines: list[str], start: tuple[int, int], variant: Variant, occurrence: int) -> tuple[int, int]:
    """Line and column of the ``occurrence``-th match (from 0) of ``variant`` at or after a value's start."""
    line, column = start
    seen = 0
    for number in range(line, min(line + 200, len(lines)) + 1):
        offset = column - 1 if number == line else 0
        for match in variant.pattern.finditer(lines[number - 1], offset):
            if seen == occurrence:
                return number, match.start() + 1
            seen += 1
    return start


def non_preferred_terms(frameworks_dir: Path, frameworks: dict, files: dict[str, str],
                        parsed: dict[str, ParsedYaml]) -> list[ContentError]:
    """Every variant of the terminology list in the frameworks' texts, with the term to write instead.

    ``frameworks`` is the loaded data, ``parsed`` the positions of each file's fields (``Guide.parsed``);
    a block whose ``termes_de_la_source`` lists a variant explains that source's word: it is not reported there.
    """
    checker = TerminologyChecker(terminology(frameworks))
    found = []
    for name, filename in sorted(files.items()):
        if name not in frameworks or name not in parsed:
            continue
        lines = (frameworks_dir / f"{name}.yml").read_text(encoding="utf-8").splitlines()
        for path, text, explained in _texts(name, frameworks[name]):
            sources_words = marked(frameworks[name], path, SOURCE_TERMS)
            for start, end, variant in checker.find(text):
                written = text[start:end]
                if written.casefold() in explained or variant.text.casefold() in explained:
                    continue
                if same_words(written) in sources_words or same_words(variant.text) in sources_words:
                    continue
                # The same match in the file: count the variant's matches before it, quoted or not.
                occurrence = sum(1 for match in variant.pattern.finditer(text) if match.start() < start)
                line, column = _locate(lines, parsed[name].position_of(path), variant, occurrence)
                found.append(ContentError(filename, line, column, format_field_path(path), message(written, variant)))
    return sorted(found)


def message(written: str, variant: Variant) -> str:
    return (f"écrivez « {variant.preferred} » (terme préféré du guide) ; « {written} » n'apparaît que cité entre « » "
            f"ou expliqué : si ce texte explique le mot d'une source, ajoutez à son bloc le champ "
            f"« {SOURCE_TERMS}: [\"{written}\"] »")
