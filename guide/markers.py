"""What an editor states about a block's words, as data fields: never as comments, which a form would drop.

Two optional lists, defined once in ``frameworks/schemas/commun.schema.json`` and allowed in every block of
text (an object of the data: a FAQ question, a page's ``page``, a position of « Ce que disent les sources »):

- ``termes_de_la_source``: the words of a source that the block explains or reports (« Fractional CMO »,
  « CMO externalisé »): ``guide.terminology`` does not ask to replace them by the guide's preferred term;
- ``pas_un_repere``: the figures of the block that read like a figure of seuils.yml but are another one
  (« 2 jours par semaine », the rhythm of one case study): ``guide.thresholds`` does not ask for ``{seuil:…}``.

Each applies to the texts of its own block: its text fields and the texts of its lists of texts, not the blocks
nested in it. An entry that no text of its block writes is reported (``unused_markers``), so that a stale one
does not hide a later word. They used to be the comments ``# terme de la source`` and ``# pas un repère`` at a
line's end; such a comment left in a file is an error that says what to type instead (``guide.rules``).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import Any

from guide.errors import ContentError, format_field_path
from guide.yaml_source import ParsedYaml

SOURCE_TERMS = "termes_de_la_source"
NOT_THRESHOLDS = "pas_un_repere"
MARKER_FIELDS = (SOURCE_TERMS, NOT_THRESHOLDS)
# The comments they replace, as editors typed them (any case, with or without the accent).
OLD_COMMENTS = {SOURCE_TERMS: "# terme de la source", NOT_THRESHOLDS: "# pas un repère"}
OLD_COMMENT = re.compile(r"(?:^|\s)#\s*(terme\s+de\s+la\s+source|pas\s+un\s+rep[èe]re)\b", re.IGNORECASE)
_SPACES = re.compile(r"[\s\u00a0\u202f]+")


def same_words(text: str) -> str:
    """The form two writings of a word are compared in: any run of spaces as one space, case folded."""
    return _SPACES.sub(" ", text).strip().casefold()


def block_path(data: Any, path: tuple) -> tuple:
    """The path of the block (object) that holds the text at ``path``: its parent, or for a text of a list of
    texts, the object that holds the list."""
    parent = path[:-1]
    if parent and isinstance(_value_at(data, parent), list):
        parent = parent[:-1]
    return parent


def _value_at(data: Any, path: tuple) -> Any:
    for part in path:
        data = data[part]
    return data


def marked(data: Any, path: tuple, field: str) -> set[str]:
    """The entries of ``field`` (``termes_de_la_source`` or ``pas_un_repere``) in the block of the text at
    ``path``, in the form ``same_words`` gives."""
    block = _value_at(data, block_path(data, path))
    entries = block.get(field) if isinstance(block, dict) else None
    return {same_words(entry) for entry in entries if isinstance(entry, str)} if isinstance(entries, list) else set()


def is_marker(path: tuple) -> bool:
    """Whether ``path`` is inside one of the marker lists (their words are the editor's statement, not a text)."""
    return any(part in MARKER_FIELDS for part in path if isinstance(part, str))


def block_texts(block: dict) -> Iterator[tuple[str | int, ...]]:
    """(key,) or (key, index) of each text of a block: its text fields and the texts of its lists of texts."""
    for key, value in block.items():
        if key in MARKER_FIELDS:
            continue
        if isinstance(value, str):
            yield (key,)
        elif isinstance(value, list):
            yield from ((key, index) for index, item in enumerate(value) if isinstance(item, str))


def _blocks(value: Any, path: tuple = ()) -> Iterator[tuple[tuple, dict]]:
    if isinstance(value, dict):
        yield path, value
        for key, item in value.items():
            yield from _blocks(item, path + (key,))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _blocks(item, path + (index,))


def unused_markers(frameworks: Mapping[str, Any], files: Mapping[str, str],
                   parsed: Mapping[str, ParsedYaml]) -> list[ContentError]:
    """Each entry of ``termes_de_la_source`` or ``pas_un_repere`` that no text of its block writes (a warning)."""
    found = []
    for name, data in sorted(frameworks.items()):
        for path, block in _blocks(data):
            texts = [same_words(_value_at(block, text_path)) for text_path in block_texts(block)]
            for field in MARKER_FIELDS:
                entries = block.get(field)
                if not isinstance(entries, list):
                    continue
                for index, entry in enumerate(entries):
                    if isinstance(entry, str) and not any(same_words(entry) in text for text in texts):
                        where = path + (field, index)
                        line, column = parsed[name].position_of(where)
                        found.append(ContentError(
                            files[name], line, column, format_field_path(where),
                            f"« {entry} » n'est écrit dans aucun texte de ce bloc : retirez-le de {field} (ou "
                            "corrigez-le pour qu'il soit écrit comme dans le texte)"))
    return sorted(found)


def old_comment_message(field: str, entries: list[str], beside: str | None) -> str:
    """What to type instead of the old comment: the field, in the block of the text on that line."""
    written = ", ".join(f'"{entry}"' for entry in entries) or (
        '"le mot de la source"' if field == SOURCE_TERMS else '"le chiffre"')
    what = ("ce texte explique le mot d'une source" if field == SOURCE_TERMS
            else "ce chiffre n'est pas un repère de seuils.yml")
    return (f"le commentaire « {OLD_COMMENTS[field]} » n'est plus lu (un formulaire l'effacerait) : retirez-le et, "
            f"pour dire que {what}, ajoutez " + (f"au même niveau que « {beside}: »" if beside else "au bloc de ce texte")
            + f" le champ « {field}: [{written}] »")
