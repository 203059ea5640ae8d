"""A corpus of broken variants of the real framework files, generated from them.

Every ``frameworks/*.yml`` gets the same families of mistakes an editor can make, so a new
framework file is covered as soon as it exists. Each variant says which file it breaks and,
when it is known, the line where the mistake is: the error must point there.

- In the bytes: Windows line endings, a byte order mark, a no-break space in the indentation.
- In the text: empty file, a tab (in the indentation, or inside a sentence), bad indentation (too
  little, too much, the first field of a block less indented than the next), a colon left unquoted, a quote
  not closed, an apostrophe inside single quotes, a field written twice, a list item whose « - » was forgotten,
  a list item indented under an unquoted one (YAML glues it to that text), an unknown ``{seuil:…}`` figure,
  a title left empty (``titre:``), a date written day first (``29/11/2026``), the first line (which names the
  schema) deleted, a ``{seuil:…`` left open, a link to a page that does not exist, an item's id that its page
  already has as an anchor (a page's name, a word of the template), the old comment « # pas un repère »
  (what it said is now the field ``pas_un_repere``: ``guide.markers``).
- In the data (the real data with one change, written back as YAML): a required field
  missing from ``page`` and from the first item of each top-level list, a text replaced by a
  list or a number, an unknown field, a duplicate id, an id in the wrong format, a link to
  a page or a source that does not exist, a number written as in French prose (« 12,5 », « 10 h »).
"""

from __future__ import annotations

import copy
import functools
import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from common.site_map import HOME, page_of
from guide.catalog import REPO_ROOT, framework_names
from guide.errors import format_field_path
from guide.rendering import TEMPLATES_DIR
from guide.yaml_source import parse_yaml
from tests.single_file import page_ids_of_the_repository, parse, repository

FRAMEWORKS_DIR = REPO_ROOT / "frameworks"
SCHEMAS_DIR = FRAMEWORKS_DIR / "schemas"
PAGE_REQUIRED = ("titre", "titre_court", "description", "introduction")


# What the French message of each kind of mistake says (the first matching part of the kind).
EXPECTED_MESSAGES = (
    ("fichier-vide", "le fichier est vide"),
    ("que-des-commentaires", "le fichier est vide"),
    ("fins-de-ligne-windows", "fins de ligne Windows (CRLF)"),
    ("marque-bom", "marque d'ordre des octets (BOM)"),
    ("espace-insecable", "espace insécable (U+00A0) dans l'indentation"),
    ("tabulation-dans-le-texte", "tabulation dans la ligne : remplacez-la par une espace"),
    ("tabulation", "tabulation interdite"),
    ("tiret-oublie", "il manque le tiret : un nouvel élément de la liste commence ici"),
    ("nombre-avec-unite", "sans l'unité"),
    ("nombre-a-virgule", "écrivez"),
    ("champ-trop-indente", "plus indenté que le champ au-dessus"),
    ("element-colle", "ce « - » est plus indenté que celui de la ligne"),
    ("bloc-moins-indente", "ce champ est moins indenté que le suivant"),
    ("indentation", "indentation incohérente"),
    ("deux-points-sans-guillemets", "deux-points inattendu"),
    ("guillemet-non-ferme", "guillemet non refermé"),
    ("apostrophe-entre-guillemets-simples", "apostrophe dans un texte entre guillemets simples"),
    ("champ-en-double", "champ en double"),
    ("seuil-inconnu", "repère inconnu"),
    ("texte-vide", "ce texte est vide : écrivez-le après « titre: »"),
    ("premiere-ligne-effacee", "la première ligne du fichier, qui nomme son schéma"),
    ("accolade-ouverte", "accolade ouverte et jamais refermée : « {seuil:heures-coordination »"),
    ("lien-vers-une-page-absente", "ce lien mène à une page qui n'existe pas (« /page-absente/ »)"),
    ("identifiant-deja-ancre", "est déjà une ancre de la page"),
    ("date-jj-mm-aaaa", "une date s'écrit AAAA-MM-JJ"),
    ("ancien-commentaire", "le commentaire « # pas un repère » n'est plus lu (un formulaire l'effacerait)"),
    ("-sans-", "ce champ est obligatoire"),
    ("champ-inconnu", "champ inconnu"),
    ("identifiant-en-double", "identifiant en double"),
    ("identifiant-mal-ecrit", "un identifiant s'écrit en minuscules"),
    ("texte-remplace-par-", "doit être un texte"),
    ("voir-aussi-cadre-inconnu", "cadre inconnu"),
    ("source-inconnue", "identifiant inconnu"),
)


@dataclass(frozen=True)
class Broken:
    text: str  # the whole broken file
    line: int | None = None  # where the mistake is, when a single line is to blame
    field: str | None = None  # the field the error must name, when there is one


@dataclass(frozen=True)
class Variant:
    """One broken file. Its text is made when a test first reads it: the corpus names its variants cheaply
    when the tests are collected, and each test makes only its own."""

    framework: str  # the file broken: frameworks/<framework>.yml
    kind: str  # the family of mistake
    make: Callable[[], Broken] = field(compare=False, repr=False)

    @functools.cached_property
    def broken(self) -> Broken:
        return self.make()

    @property
    def text(self) -> str:
        return self.broken.text

    @property
    def line(self) -> int | None:
        return self.broken.line

    @property
    def field(self) -> str | None:
        return self.broken.field

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


def _ready(name: str, kind: str, text: str, line: int | None = None, field: str | None = None) -> Variant:
    """A variant whose text is already made (the text mistakes: a line changed)."""
    broken = Broken(text, line, field)
    return Variant(name, kind, lambda: broken)


def text_variants(name: str, text: str) -> list[Variant]:
    lines = _lines(text)
    found = []
    found.append(_ready(name, "fichier-vide", "", 1))
    comments = [line for line in lines if line.startswith("#")]
    found.append(_ready(name, "que-des-commentaires", "\n".join(comments) + "\n", 1))

    titre = _page_line(lines, "titre")
    short = _page_line(lines, "titre_court")
    assert titre is not None and short is not None, f"{name}.yml : page.titre et page.titre_court attendus"
    value = _plain(lines[titre].split(":", 1)[1])

    # Bytes an editor's software may write without showing them.
    found.append(_ready(name, "fins-de-ligne-windows", text.replace("\n", "\r\n"), 1))
    found.append(_ready(name, "marque-bom", "\ufeff" + text, 1))
    found.append(_ready(name, "espace-insecable-dans-l-indentation",
                         _with_line(lines, short, "\u00a0" + lines[short][1:]), short + 1))
    found.append(_ready(name, "tabulation", _with_line(lines, short, "\t" + lines[short].lstrip(" ")), short + 1))
    found.append(_ready(name, "indentation", _with_line(lines, short, " " + lines[short].lstrip(" ")), short + 1))
    found.append(_ready(name, "champ-trop-indente", _with_line(lines, short, "    " + lines[short].lstrip(" ")),
                         short + 1))
    found.append(_ready(name, "deux-points-sans-guillemets",
                         _with_line(lines, titre, f"  titre: Attention : {value}"), titre + 1))
    found.append(_ready(name, "guillemet-non-ferme", _with_line(lines, titre, f'  titre: "{value}'), titre + 1))
    found.append(_ready(name, "apostrophe-entre-guillemets-simples",
                         _with_line(lines, titre, f"  titre: 'Aujourd'hui, {value}'"), titre + 1))
    found.append(_ready(name, "champ-en-double", _with_line(lines, titre, [lines[titre], lines[titre]]), titre + 2,
                         "page.titre"))
    found.append(_ready(name, "tabulation-dans-le-texte", _with_line(lines, titre, "  titre: Un\ttitre"), titre + 1))
    second_item = _second_item_line(lines)
    if second_item is not None:  # the « - » of a list's second item forgotten: its fields land in the first item
        found.append(_ready(name, "tiret-oublie",
                             _with_line(lines, second_item, lines[second_item].replace("- ", "  ", 1)), second_item + 1))
    found.append(_ready(name, "texte-vide", _with_line(lines, titre, "  titre:"), titre + 1, "page.titre"))
    if lines[0].startswith("# yaml-language-server:"):
        found.append(_ready(name, "premiere-ligne-effacee", "\n".join(lines[1:]), 1))
    found.append(_ready(name, "accolade-ouverte", _with_line(lines, titre, f'  titre: "{value} {{seuil:heures-coordination"'),
                         titre + 1, "page.titre"))
    dated = _first_line(lines, r'^\s+(?:- )?date\w*: "?\d{4}-\d{2}-\d{2}"?\s*$')
    if dated is not None:  # a date written day first, as in French prose
        day_first = re.sub(r'"?(\d{4})-(\d{2})-(\d{2})"?', r"\3/\2/\1", lines[dated])
        found.append(_ready(name, "date-jj-mm-aaaa", _with_line(lines, dated, day_first), dated + 1))
    found.append(_ready(name, "ancien-commentaire", _with_line(lines, titre, lines[titre] + "  # pas un repère"),
                         titre + 1))
    found.append(_ready(name, "lien-vers-une-page-absente",
                         _with_line(lines, titre, f'  titre: "{value} [voir](/page-absente/)"'), titre + 1, "page.titre"))
    if "id | anchor" in _template_text(name) and name not in IDS_ALL_NAMED_ELSEWHERE:  # the page writes ids
        found.append(Variant(name, "identifiant-deja-ancre", functools.partial(_id_taken_by_another_anchor, name, text)))
    merged = _plain_item_followed_by_another(lines)
    if merged is not None:  # the next item indented two more: YAML reads it as the rest of this item's text
        found.append(_ready(name, "element-colle", _with_line(lines, merged + 1, "  " + lines[merged + 1]), merged + 2))
    block = _block_of_fields(lines)
    if block is not None:  # a block's first field one space left of the next one
        found.append(_ready(name, "bloc-moins-indente", _with_line(lines, block, lines[block][1:]), block + 1))
    found.append(_ready(name, "seuil-inconnu",
                         _with_line(lines, titre, f'  titre: "{value} {{seuil:seuil-inexistant}}"'), titre + 1,
                         "page.titre"))
    return found


# Files whose every id their page writes is named by another file (the sources by every page's credits; the sourcing
# options and situations, the models, the typologies and the diagnostic's own bands and readings by the diagnostic's
# rule table): changing one breaks a reference, reported before any page is rendered.
# tests/content/test_broken_content.py checks that it is so.
IDS_ALL_NAMED_ELSEWHERE = ("sources", "sourcing", "modeles", "typologies", "diagnostic")


def _template_text(name: str) -> str:
    """A framework's page template, with the partials it includes (cheap: read when the corpus is named)."""
    text = (TEMPLATES_DIR / f"{name}.md.j2").read_text(encoding="utf-8")
    included = re.findall(r'{%\s*include\s+"(_[\w-]+\.md\.j2)"', text)
    return text + "".join((TEMPLATES_DIR / partial).read_text(encoding="utf-8") for partial in included)


def _ids(value, path: tuple = ()):
    """(path, value) of every ``id`` field of a framework's data."""
    if isinstance(value, dict):
        for key, item in value.items():
            yield from [(path + (key,), item)] if key == "id" and isinstance(item, str) else _ids(item, path + (key,))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _ids(item, path + (index,))


def _id_taken_by_another_anchor(name: str, text: str) -> Broken:
    """An item's id changed to an anchor its page already has (a page's name first, as a FAQ entry named like a
    page; else the one the page's title makes): the first item whose id the page writes and that nothing else names
    (another file's reference would fail first)."""
    repo = repository()
    page = page_ids_of_the_repository()[page_of(repo.guide.frameworks[HOME], name).url]
    # The readers' questions aim at ids too (page.recherche): those of the same file follow the change below; another
    # file's would be reported in that file, beside this one's error.
    named_elsewhere = {value for other, data in repo.guide.frameworks.items() for path, value in texts(data)
                       if not (other == name and path[-1:] == ("id",)) and tuple(path[:2]) != ("page", "recherche")}
    own_ids = {value for _, value in _ids(repo.guide.frameworks[name])}
    # Another anchor the page writes (a page's name first), else the one the page's title makes.
    taken = sorted(set(page.written) - own_ids, key=lambda anchor: anchor not in repo.guide.frameworks)
    taken += [heading.base for heading in page.headings[:1]]
    for path, value in _ids(repo.parsed[name].data):
        if value in page.written and value not in named_elsewhere and taken:
            line, column = repo.parsed[name].position_of(path)
            lines = _lines(text)
            written = lines[line - 1][:column - 1] + lines[line - 1][column - 1:].replace(value, taken[0], 1)
            lines = [re.sub(rf"^(\s*- section: ){re.escape(value)}$", rf"\g<1>{taken[0]}", other) for other in lines]
            return Broken(_with_line(lines, line - 1, written), line, format_field_path(path))
    raise AssertionError(f"{name}.yml : aucun identifiant écrit comme ancre sur sa page et que rien d'autre ne nomme")


def texts(value, path: tuple = ()):
    """(path, text) of every string of a framework's data."""
    if isinstance(value, dict):
        for key, item in value.items():
            yield from texts(item, path + (key,))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from texts(item, path + (index,))
    elif isinstance(value, str):
        yield path, value


def _plain_item_followed_by_another(lines: list[str]) -> int | None:
    """The index of the first list item written without quotes (``- Un risque.``) that another item follows."""
    for index in range(len(lines) - 1):
        match = re.match(r"^( +)- ([^\"'\s\[{&*!|>%@`#][^:]*)$", lines[index])
        if match and lines[index + 1].startswith(f"{match.group(1)}- "):
            return index
    return None


def _block_of_fields(lines: list[str]) -> int | None:
    """The index of the first field of the first block (``hypothese:`` alone on its line) that has two fields or
    more, the first one ``key: value``."""
    for index in range(len(lines) - 2):
        match = re.match(r"^( *)(- )?[a-z_]+:\s*$", lines[index])
        if not match:
            continue
        inner = " " * (len(match.group(1)) + len(match.group(2) or "") + 2)
        if re.match(rf"^{inner}[a-z_]+: \S", lines[index + 1]) and re.match(rf"^{inner}[a-z_]+:", lines[index + 2]):
            return index + 1
    return None


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


def _data_variant(name: str, kind: str, data: dict, header: list[str], change: Callable[[dict], None], path: tuple,
                  field: str | None = None) -> Variant:
    """The real data with one change (made on a copy when the variant is first read), written back as YAML;
    its error is at ``path`` (or its closest existing parent) in the rewritten file."""

    def make() -> Broken:
        broken = copy.deepcopy(data)
        change(broken)
        text = _dump(broken, header)
        parsed = parse(text, f"frameworks/{name}.yml")  # remembered: the check parses the same text
        assert not parsed.errors, (name, kind, parsed.errors)
        line, _ = parsed.position_of(path)
        return Broken(text, line, field if field is not None else format_field_path(path))

    return Variant(name, kind, make)


def _lists_of_items(data: dict) -> list[str]:
    return [key for key, value in data.items()
            if key != "page" and isinstance(value, list) and value and all(isinstance(item, dict) for item in value)]


def _first_text(item: dict) -> str | None:
    return next((key for key, value in item.items() if isinstance(value, str) and key != "id"), None)


def _deleting(*steps) -> Callable[[dict], None]:
    def change(data: dict) -> None:
        target = data
        for step in steps[:-1]:
            target = target[step]
        del target[steps[-1]]
    return change


def _setting(value, *steps) -> Callable[[dict], None]:
    def change(data: dict) -> None:
        target = data
        for step in steps[:-1]:
            target = target[step]
        target[steps[-1]] = copy.deepcopy(value)
    return change


def _doubling_id(key: str) -> Callable[[dict], None]:
    def change(data: dict) -> None:
        if len(data[key]) > 1:
            data[key][1]["id"] = data[key][0]["id"]
        else:
            data[key].append(copy.deepcopy(data[key][0]))
    return change


def data_variants(name: str, text: str, index: int) -> list[Variant]:
    parsed = parse_yaml(text, name)
    assert not parsed.errors, parsed.errors
    data = parsed.data
    header = [line for line in _lines(text)[:2] if line.startswith("#")]
    schema = json.loads((SCHEMAS_DIR / f"{name}.schema.json").read_text(encoding="utf-8"))
    found = []

    def add(kind: str, change: Callable[[dict], None], path: tuple, field: str | None = None) -> None:
        found.append(_data_variant(name, kind, data, header, change, path, field))

    # A required field of the page block is missing (a different one from file to file).
    missing = PAGE_REQUIRED[index % len(PAGE_REQUIRED)]
    add(f"page-sans-{missing}", _deleting("page", missing), ("page",), f"page.{missing}")

    for key in _lists_of_items(data):
        required = [field for field in _required_of_items(schema, key) if field in data[key][0]]
        if required:
            # The first item of the list misses a required field (not its id when others exist).
            field = next((field for field in required if field != "id"), required[0])
            add(f"{key}-sans-{field}", _deleting(key, 0, field), (key, 0), f"{key}[0].{field}")
        add(f"{key}-champ-inconnu", _setting("Un champ que le schéma ne prévoit pas.", key, 0, "champ_inconnu"),
            (key, 0, "champ_inconnu"))
        if "id" in data[key][0]:
            add(f"{key}-identifiant-en-double", _doubling_id(key), (key, 1, "id"))
            add(f"{key}-identifiant-mal-ecrit", _setting("Identifiant Avec Espaces", key, 0, "id"), (key, 0, "id"))

    # A text replaced by a list, or by a number (alternately from file to file).
    if index % 2 == 0:
        add("texte-remplace-par-une-liste", _setting(["Un titre", "en deux morceaux"], "page", "titre"), ("page", "titre"))
    else:
        lists = _lists_of_items(data)
        key = next((key for key in lists if _first_text(data[key][0])), None)
        path = (key, 0, _first_text(data[key][0])) if key else ("page", "description")
        add("texte-remplace-par-un-nombre", _setting(2024, *path), path)

    # A number written as in prose: with its unit, or with a decimal comma (alternately from file to file).
    number_list = next((key for key in _lists_of_items(data) if _number_field(data[key][0])), None)
    if number_list:
        field = _number_field(data[number_list][0])
        value = data[number_list][0][field]
        kind = "nombre-avec-unite" if index % 2 == 0 else "nombre-a-virgule"
        written = f"{value} h" if kind == "nombre-avec-unite" else f"{value},5"
        add(f"{number_list}-{kind}", _setting(written, number_list, 0, field), (number_list, 0, field))

    add("page-champ-inconnu", _setting("Un champ inconnu dans le bloc page.", "page", "sous_titre"), ("page", "sous_titre"))

    # A link to a page or a source that does not exist.
    page = data["page"]
    if page.get("voir_aussi"):
        add("voir-aussi-cadre-inconnu", _setting("cadre-inexistant", "page", "voir_aussi", 0, "cadre"),
            ("page", "voir_aussi", 0, "cadre"))
    if page.get("sources"):
        add("source-inconnue", _setting("source-inexistante", "page", "sources", 0), ("page", "sources", 0))
    return found


# Markup the guide shows as typed: the file stays valid, and the check warns at the line (kind -> what it says).
WARNED_MESSAGES = (
    ("balise-html", "« <strong>Attention</strong> » s'afficherait tel quel"),
    ("gras-markdown", "« **Attention** » s'afficherait tel quel"),
    ("lien-markdown", "« [les phases](/phases/) » s'afficherait tel quel"),
)


def warned_variants(name: str, text: str) -> list[Variant]:
    """The title of the page with HTML, Markdown emphasis, a Markdown link to a page that exists."""
    lines = _lines(text)
    titre = _page_line(lines, "titre")
    assert titre is not None
    value = _plain(lines[titre].split(":", 1)[1])
    written = {"balise-html": "<strong>Attention</strong>", "gras-markdown": "**Attention**",
               "lien-markdown": "[les phases](/phases/)"}
    return [_ready(name, kind, _with_line(lines, titre, f'  titre: "{markup} {value}"'), titre + 1, "page.titre")
            for kind, markup in written.items()]


def warned_message(variant: Variant) -> str:
    return next(fragment for kind, fragment in WARNED_MESSAGES if kind == variant.kind)


def citation_variant(text: str) -> Variant:
    """seuils.yml with the first sourced figure's citation changed by one word (a figure typed from memory): the
    guide still loads, and the check (``guide.source_text.unverified_citations``) refuses it at its line."""
    lines = _lines(text)
    index = _first_line(lines, r'^    citation: ".*\d')
    assert index is not None, "seuils.yml : une citation avec un chiffre attendue"
    changed = re.sub(r"\d+", lambda match: str(int(match.group(0)) + 1), lines[index], count=1)
    return _ready("seuils", "citation-modifiee", _with_line(lines, index, changed), index + 1)


@functools.cache
def warned_corpus(frameworks_dir: Path = FRAMEWORKS_DIR) -> tuple[Variant, ...]:
    return tuple(variant for name in framework_names(frameworks_dir)
                 for variant in warned_variants(name, (frameworks_dir / f"{name}.yml").read_text(encoding="utf-8")))


@functools.cache
def corpus(frameworks_dir: Path = FRAMEWORKS_DIR) -> tuple[Variant, ...]:
    """Every broken variant of every framework file (named at once; each text made when first read)."""
    found: list[Variant] = []
    for index, name in enumerate(framework_names(frameworks_dir)):
        text = (frameworks_dir / f"{name}.yml").read_text(encoding="utf-8")
        found += text_variants(name, text) + data_variants(name, text, index)
    return tuple(found)
