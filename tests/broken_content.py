"""A corpus of broken variants of the real framework files, generated from them.

Every ``frameworks/*.yml`` gets the same families of mistakes an editor can make, so a new
framework file is covered as soon as it exists. Each variant says which file it breaks and,
when it is known, the line where the mistake is: the error must point there.

- In the text: empty file, a tab (in the indentation, or inside a sentence), bad indentation (too
  little, too much), a colon left unquoted, a quote not closed, an apostrophe inside single quotes,
  a field written twice, a list item whose « - » was forgotten, an unknown ``{seuil:…}`` figure.
- In the data (the real data with one change, written back as YAML): a required field
  missing from ``page`` and from the first item of each top-level list, a text replaced by a
  list or a number, an unknown field, a duplicate id, an id in the wrong format, a link to
  a page or a source that does not exist, a number written as in French prose (« 12,5 », « 10 h »).
"""

from __future__ import annotations

import copy
import json
import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from guide.catalog import REPO_ROOT, framework_names
from guide.errors import format_field_path
from guide.yaml_source import parse_yaml

FRAMEWORKS_DIR = REPO_ROOT / "frameworks"
SCHEMAS_DIR = FRAMEWORKS_DIR / "schemas"
PAGE_REQUIRED = ("titre", "titre_court", "description", "introduction")


# What the French message of each kind of mistake says (the first matching part of the kind).
EXPECTED_MESSAGES = (
    ("fichier-vide", "le fichier est vide"),
    ("que-des-commentaires", "le fichier est vide"),
    ("tabulation-dans-le-texte", "tabulation dans la ligne : remplacez-la par une espace"),
    ("tabulation", "tabulation interdite"),
    ("tiret-oublie", "il manque le tiret : un nouvel élément de la liste commence ici"),
    ("nombre-avec-unite", "sans l'unité"),
    ("nombre-a-virgule", "écrivez"),
    ("champ-trop-indente", "plus indenté que le champ au-dessus"),
    ("indentation", "indentation incohérente"),
    ("deux-points-sans-guillemets", "deux-points inattendu"),
    ("guillemet-non-ferme", "guillemet non refermé"),
    ("apostrophe-entre-guillemets-simples", "apostrophe dans un texte entre guillemets simples"),
    ("champ-en-double", "champ en double"),
    ("seuil-inconnu", "repère inconnu"),
    ("-sans-", "ce champ est obligatoire"),
    ("champ-inconnu", "champ inconnu"),
    ("identifiant-en-double", "identifiant en double"),
    ("identifiant-mal-ecrit", "un identifiant s'écrit en minuscules"),
    ("texte-remplace-par-", "doit être un texte"),
    ("voir-aussi-cadre-inconnu", "cadre inconnu"),
    ("source-inconnue", "identifiant inconnu"),
)


@dataclass(frozen=True)
class Variant:
    framework: str  # the file broken: frameworks/<framework>.yml
    kind: str  # the family of mistake
    text: str  # the whole broken file
    line: int | None = None  # where the mistake is, when a single line is to blame
    field: str | None = None  # the field the error must name, when there is one

    @property
    def filename(self) -> str:
        return f"frameworks/{self.framework}.yml"

    @property
    def id(self) -> str:
        return f"{self.framework}-{self.kind}"

    @property
    def message(self) -> str:
        return next(fragment for part, fragment in EXPECTED_MESSAGES if part in self.kind)


def _lines(text: str) -> list[str]:
    return text.split("\n")


def _first_line(lines: list[str], pattern: str, start: int = 0) -> int | None:
    """0-based index of the first line from ``start`` that matches."""
    for index in range(start, len(lines)):
        if re.match(pattern, lines[index]):
            return index
    return None


def _page_line(lines: list[str], key: str) -> int | None:
    """0-based index of ``  key:`` inside the top-level ``page:`` block."""
    page = _first_line(lines, r"^page:\s*$")
    if page is None:
        return None
    for index in range(page + 1, len(lines)):
        if lines[index] and not lines[index].startswith((" ", "#")):
            return None  # left the page block
        if re.match(rf"^  {re.escape(key)}:", lines[index]):
            return index
    return None


def _plain(value: str) -> str:
    value = value.strip()
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "'\"":
        value = value[1:-1]
    return value


def _with_line(lines: list[str], index: int, new: str | list[str]) -> str:
    replacement = new if isinstance(new, list) else [new]
    return "\n".join(lines[:index] + replacement + lines[index + 1:])


def text_variants(name: str, text: str) -> list[Variant]:
    lines = _lines(text)
    found = []
    found.append(Variant(name, "fichier-vide", "", 1))
    comments = [line for line in lines if line.startswith("#")]
    found.append(Variant(name, "que-des-commentaires", "\n".join(comments) + "\n", 1))

    titre = _page_line(lines, "titre")
    short = _page_line(lines, "titre_court")
    assert titre is not None and short is not None, f"{name}.yml : page.titre et page.titre_court attendus"
    value = _plain(lines[titre].split(":", 1)[1])

    found.append(Variant(name, "tabulation", _with_line(lines, short, "\t" + lines[short].lstrip(" ")), short + 1))
    found.append(Variant(name, "indentation", _with_line(lines, short, " " + lines[short].lstrip(" ")), short + 1))
    found.append(Variant(name, "champ-trop-indente", _with_line(lines, short, "    " + lines[short].lstrip(" ")),
                         short + 1))
    found.append(Variant(name, "deux-points-sans-guillemets",
                         _with_line(lines, titre, f"  titre: Attention : {value}"), titre + 1))
    found.append(Variant(name, "guillemet-non-ferme", _with_line(lines, titre, f'  titre: "{value}'), titre + 1))
    found.append(Variant(name, "apostrophe-entre-guillemets-simples",
                         _with_line(lines, titre, f"  titre: 'Aujourd'hui, {value}'"), titre + 1))
    found.append(Variant(name, "champ-en-double", _with_line(lines, titre, [lines[titre], lines[titre]]), titre + 2,
                         "page.titre"))
    found.append(Variant(name, "tabulation-dans-le-texte", _with_line(lines, titre, "  titre: Un\ttitre"), titre + 1))
    second_item = _second_item_line(lines)
    if second_item is not None:  # the « - » of a list's second item forgotten: its fields land in the first item
        found.append(Variant(name, "tiret-oublie",
                             _with_line(lines, second_item, lines[second_item].replace("- ", "  ", 1)), second_item + 1))
    found.append(Variant(name, "seuil-inconnu",
                         _with_line(lines, titre, f'  titre: "{value} {{seuil:seuil-inexistant}}"'), titre + 1,
                         "page.titre"))
    return found


_ITEM_START = re.compile(r"^  - [a-z_]+: ")


def _second_item_line(lines: list[str]) -> int | None:
    """The index of the line that starts the second item of the file's first top-level list of fields."""
    starts = []
    for index, line in enumerate(lines):
        if re.match(r"^[a-z_]+:\s*$", line):
            starts = []
        elif _ITEM_START.match(line) and index + 1 < len(lines) and lines[index + 1].startswith("    "):
            starts.append(index)
            if len(starts) == 2:
                return index
    return None


def _number_field(item: dict) -> str | None:
    return next((key for key, value in item.items() if isinstance(value, int) and not isinstance(value, bool)), None)


def _required_of_items(schema: dict, key: str) -> list[str]:
    """The required fields of the items of the top-level list ``key`` (inline or through $ref)."""
    node = schema.get("properties", {}).get(key, {})
    for part in node.get("allOf", []):
        node = {**part, **node}
    items = node.get("items", {})
    while "$ref" in items:
        file_part, _, pointer = items["$ref"].partition("#")
        document = json.loads((SCHEMAS_DIR / file_part).read_text(encoding="utf-8")) if file_part else schema
        for step in pointer.strip("/").split("/"):
            document = document[step]
        items = document
    return list(items.get("required", []))


def _dump(data: dict, header: list[str]) -> str:
    body = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=1_000_000, default_flow_style=False)
    return "\n".join(header) + "\n" + body


def _data_variant(name: str, kind: str, data: dict, header: list[str], path: tuple, field: str | None = None) -> Variant:
    """A variant whose error is at ``path`` (or its closest existing parent) in the rewritten file."""
    text = _dump(data, header)
    parsed = parse_yaml(text, name)
    assert not parsed.errors, (name, kind, parsed.errors)
    line, _ = parsed.position_of(path)
    return Variant(name, kind, text, line, field if field is not None else format_field_path(path))


def _lists_of_items(data: dict) -> list[str]:
    return [key for key, value in data.items()
            if key != "page" and isinstance(value, list) and value and all(isinstance(item, dict) for item in value)]


def _first_text(item: dict) -> str | None:
    return next((key for key, value in item.items() if isinstance(value, str) and key != "id"), None)


def data_variants(name: str, text: str, index: int) -> list[Variant]:
    parsed = parse_yaml(text, name)
    assert not parsed.errors, parsed.errors
    data = parsed.data
    header = [line for line in _lines(text)[:2] if line.startswith("#")]
    schema = json.loads((SCHEMAS_DIR / f"{name}.schema.json").read_text(encoding="utf-8"))
    found = []

    # A required field of the page block is missing (a different one from file to file).
    missing = PAGE_REQUIRED[index % len(PAGE_REQUIRED)]
    broken = copy.deepcopy(data)
    del broken["page"][missing]
    found.append(_data_variant(name, f"page-sans-{missing}", broken, header, ("page",), f"page.{missing}"))

    for key in _lists_of_items(data):
        required = [field for field in _required_of_items(schema, key) if field in data[key][0]]
        if required:
            # The first item of the list misses a required field (not its id when others exist).
            field = next((field for field in required if field != "id"), required[0])
            broken = copy.deepcopy(data)
            del broken[key][0][field]
            found.append(_data_variant(name, f"{key}-sans-{field}", broken, header, (key, 0), f"{key}[0].{field}"))
        broken = copy.deepcopy(data)
        broken[key][0]["champ_inconnu"] = "Un champ que le schéma ne prévoit pas."
        found.append(_data_variant(name, f"{key}-champ-inconnu", broken, header, (key, 0, "champ_inconnu")))
        if "id" in data[key][0]:
            broken = copy.deepcopy(data)
            if len(broken[key]) > 1:
                broken[key][1]["id"] = broken[key][0]["id"]
            else:
                broken[key].append(copy.deepcopy(broken[key][0]))
            found.append(_data_variant(name, f"{key}-identifiant-en-double", broken, header, (key, 1, "id")))
            broken = copy.deepcopy(data)
            broken[key][0]["id"] = "Identifiant Avec Espaces"
            found.append(_data_variant(name, f"{key}-identifiant-mal-ecrit", broken, header, (key, 0, "id")))

    # A text replaced by a list, or by a number (alternately from file to file).
    broken = copy.deepcopy(data)
    if index % 2 == 0:
        broken["page"]["titre"] = ["Un titre", "en deux morceaux"]
        found.append(_data_variant(name, "texte-remplace-par-une-liste", broken, header, ("page", "titre")))
    else:
        lists = _lists_of_items(data)
        key = next((key for key in lists if _first_text(data[key][0])), None)
        path = (key, 0, _first_text(data[key][0])) if key else ("page", "description")
        target = broken
        for step in path[:-1]:
            target = target[step]
        target[path[-1]] = 2024
        found.append(_data_variant(name, "texte-remplace-par-un-nombre", broken, header, path))

    # A number written as in prose: with its unit, or with a decimal comma (alternately from file to file).
    number_list = next((key for key in _lists_of_items(data) if _number_field(data[key][0])), None)
    if number_list:
        field = _number_field(data[number_list][0])
        broken = copy.deepcopy(data)
        value = data[number_list][0][field]
        kind = "nombre-avec-unite" if index % 2 == 0 else "nombre-a-virgule"
        broken[number_list][0][field] = f"{value} h" if kind == "nombre-avec-unite" else f"{value},5"
        found.append(_data_variant(name, f"{number_list}-{kind}", broken, header, (number_list, 0, field)))

    broken = copy.deepcopy(data)
    broken["page"]["sous_titre"] = "Un champ inconnu dans le bloc page."
    found.append(_data_variant(name, "page-champ-inconnu", broken, header, ("page", "sous_titre")))

    # A link to a page or a source that does not exist.
    page = data["page"]
    if page.get("voir_aussi"):
        broken = copy.deepcopy(data)
        broken["page"]["voir_aussi"][0]["cadre"] = "cadre-inexistant"
        found.append(_data_variant(name, "voir-aussi-cadre-inconnu", broken, header, ("page", "voir_aussi", 0, "cadre")))
    if page.get("sources"):
        broken = copy.deepcopy(data)
        broken["page"]["sources"][0] = "source-inexistante"
        found.append(_data_variant(name, "source-inconnue", broken, header, ("page", "sources", 0)))
    return found


def corpus(frameworks_dir: Path = FRAMEWORKS_DIR) -> list[Variant]:
    found = []
    for index, name in enumerate(framework_names(frameworks_dir)):
        text = (frameworks_dir / f"{name}.yml").read_text(encoding="utf-8")
        found += text_variants(name, text) + data_variants(name, text, index)
    return found
