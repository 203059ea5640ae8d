"""Parse a YAML framework file into plain data plus the position of every field.

PyYAML's composer gives nodes with line and column marks; we build the data from
those nodes ourselves so that we can report duplicate keys (PyYAML silently keeps
the last one) and place every later validation error on the right line.

Two deliberate departures from YAML 1.1, for editors who write French prose:
- only ``true`` and ``false`` are booleans (``non``, ``no``, ``oui``, ``on`` stay text);
- dates stay text (``2025-07-25``), as the schemas expect.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import yaml

from guide.errors import ContentError, format_field_path

Path = tuple  # field path, e.g. ("questions", 1, "themes")


class _EditorLoader(yaml.SafeLoader):
    """SafeLoader with YAML 1.2-like booleans and no implicit dates; records where aliases (« *nom ») are written,
    which the guide refuses: a text reused by reference would not show where it is edited, and a hundred aliases
    of a long paragraph multiply what every page, the check and the build must read."""

    def __init__(self, stream):
        super().__init__(stream)
        self.alias_marks: list[yaml.Mark] = []

    def compose_node(self, parent, index):
        if self.check_event(yaml.AliasEvent):
            self.alias_marks.append(self.peek_event().start_mark)
        return super().compose_node(parent, index)


_EditorLoader.yaml_implicit_resolvers = {
    first: [
        (tag, regexp)
        for tag, regexp in resolvers
        if tag not in ("tag:yaml.org,2002:bool", "tag:yaml.org,2002:timestamp")
    ]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_EditorLoader.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)


@dataclass
class ParsedYaml:
    """Data of one file, with where each field starts (1-based line, column)."""

    data: object = None
    text: str = ""  # the file as parsed, to point inside a value (``locate``)
    value_positions: dict[Path, tuple[int, int]] = field(default_factory=dict)
    value_ends: dict[Path, tuple[int, int]] = field(default_factory=dict)  # where each value ends (line, column)
    key_positions: dict[Path, tuple[int, int]] = field(default_factory=dict)
    errors: list[ContentError] = field(default_factory=list)

    def position_of(self, path: Path) -> tuple[int, int]:
        """Where to point for a field: the field itself, else its closest existing parent."""
        path = tuple(path)
        while path:
            if path in self.value_positions:
                return self.value_positions[path]
            path = path[:-1]
        return self.value_positions.get((), (1, 1))

    def key_position_of(self, path: Path) -> tuple[int, int]:
        return self.key_positions.get(tuple(path)) or self.position_of(path)

    def locate(self, path: Path, fragment: str, occurrence: int = 0) -> tuple[int, int]:
        """Where ``fragment`` is written in the value at ``path`` (its ``occurrence``-th time, from 0): the
        line and column of its first character in the file, searched from the value's start over the lines the
        value may span; the value's own position if it is not written as such (a quoted text with escapes)."""
        start = self.position_of(path)
        end = self.value_ends.get(tuple(path), (start[0], 0))
        lines = self.text.split("\n")
        seen = 0
        for number in range(start[0], min(end[0], len(lines)) + 1):
            line = lines[number - 1][:end[1] - 1] if number == end[0] and end[1] else lines[number - 1]
            index = start[1] - 1 if number == start[0] else 0
            while (index := line.find(fragment, index)) >= 0:
                if seen == occurrence:
                    return number, index + 1
                seen += 1
                index += 1
        return start


def _mark(node_or_mark) -> tuple[int, int]:
    mark = getattr(node_or_mark, "start_mark", node_or_mark)
    return mark.line + 1, mark.column + 1


_TAB = "tabulation interdite : indentez avec des espaces (deux par niveau)"
_TAB_IN_TEXT = ("tabulation dans la ligne : remplacez-la par une espace (YAML n'accepte pas de tabulation hors "
                "guillemets, même au milieu d'une phrase)")


def _tab_message(line: str, position: tuple[int, int]) -> tuple[str, tuple[int, int]]:
    """A tab in the indentation is an indentation problem; one after the text has begun is only a
    character to replace (saying « indentez » there would send the editor to the wrong place)."""
    tab = line.find("\t")
    if tab == -1:
        return _TAB, position
    if line[:tab].strip():
        return _TAB_IN_TEXT, (position[0], tab + 1)
    return _TAB, (position[0], tab + 1)


_UNCLOSED_QUOTE = "guillemet non refermé : un texte commencé par un guillemet doit se terminer par le même"

# PyYAML's messages, in the order we test them, with what they mean to an editor.
_SYNTAX_MESSAGES = [
    (
        "mapping values are not allowed here",
        "deux-points inattendu : un texte qui contient « : » doit être mis entre guillemets "
        '(par exemple : "Objectif : valider l\'offre")',
    ),
    ("found character '\\t' that cannot start any token", _TAB),
    ("found a tab character", _TAB),
    (
        "did not find expected key",
        "indentation incohérente : alignez ce champ sur les autres champs du même bloc",
    ),
    (
        "expected <block end>, but found",
        "indentation incohérente : cette ligne ne s'aligne sur aucun bloc au-dessus",
    ),
    (
        "did not find expected '-' indicator",
        "indentation incohérente dans une liste : chaque élément commence par « - » au même niveau",
    ),
    (
        "could not find expected ':'",
        "deux-points manquant : chaque champ s'écrit « nom: valeur » (ou un texte sur plusieurs "
        "lignes n'est pas assez indenté)",
    ),
    (
        "found unexpected end of stream",
        "fin de fichier inattendue : un guillemet ou un crochet ouvert n'est pas refermé",
    ),
    (
        "found unknown escape character",
        "caractère d'échappement inconnu entre guillemets doubles : utilisez des guillemets simples "
        "ou doublez la barre oblique inverse",
    ),
    (
        "expected a single document",
        "un seul document par fichier : retirez la ligne « --- » en trop",
    ),
    (
        "found undefined alias",
        "alias inconnu : une valeur commence par « * » ; mettez ce texte entre guillemets",
    ),
    (
        "found character '@' that cannot start any token",
        "un texte ne peut pas commencer par « @ » : mettez-le entre guillemets",
    ),
    (
        "found character '`' that cannot start any token",
        "un texte ne peut pas commencer par « ` » : mettez-le entre guillemets",
    ),
    (
        "while scanning an alias",
        "un texte ne peut pas commencer par « * » : mettez-le entre guillemets",
    ),
    (
        "while scanning an anchor",
        "un texte ne peut pas commencer par « & » : mettez-le entre guillemets",
    ),
    (
        "while parsing a quoted scalar",
        _UNCLOSED_QUOTE,
    ),
    (
        "expected ',' or ']'",
        "liste entre crochets mal fermée : séparez les éléments par des virgules et fermez par « ] »",
    ),
    (
        "expected ',' or '}'",
        "bloc entre accolades mal fermé : fermez par « } »",
    ),
    (
        "found character '%' that cannot start any token",
        "un texte ne peut pas commencer par « % » : mettez-le entre guillemets",
    ),
]


def _position_in_text(text: str, index: int) -> tuple[int, int]:
    before = text[:index]
    return before.count("\n") + 1, index - (before.rfind("\n") + 1) + 1


# A value that opens with a quote: `titre: "…`, `- "…`, `- titre: '…`.
_OPENING_QUOTE = re.compile(r"""^\s*(?:-\s+)?(?:[^\s#'"][^#'"]*?:\s+)?(["'])""")


def _closing_quotes(rest: str, quote: str) -> int:
    if quote == "'":
        return rest.replace("''", "").count("'")
    return len(re.findall(r'(?<!\\)"', rest))


def _unclosed_quote_before(text: str, error_line: int) -> tuple[int, int] | None:
    """Where a quote left open starts, when it explains a syntax error found further down.

    A text opened with ``"`` and not closed runs on to the next ``"`` of the file (often the
    opening quote of the next field), and PyYAML complains there, about indentation. The
    mistake is on the nearest line above whose value opens a quote without closing it, if the
    quoted text it starts ends on the error line or the line before it.
    """
    lines = text.split("\n")
    for number in range(min(error_line - 1, len(lines)), 0, -1):
        match = _OPENING_QUOTE.match(lines[number - 1])
        if not match:
            continue
        quote = match.group(1)
        if _closing_quotes(lines[number - 1][match.end():], quote):
            return None  # the nearest quoted value is closed on its own line
        for end in range(number + 1, len(lines) + 1):
            if _closing_quotes(lines[end - 1], quote):
                return (number, match.start(1) + 1) if error_line in (end, end + 1) else None
        return number, match.start(1) + 1
    return None


_APOSTROPHE = (
    "apostrophe dans un texte entre guillemets simples : elle ferme le texte trop tôt ; entourez le texte "
    "de guillemets doubles (\"l'offre\") ou doublez l'apostrophe ('l''offre')"
)
_OVER_INDENTED = (
    "indentation incohérente : ce champ est plus indenté que le champ au-dessus ; "
    "alignez-le sur les autres champs du même bloc"
)
_KEY_LINE = re.compile(r"^(\s*)(?:-\s+)?([A-Za-z_][\w-]*):(?:\s|$)")


def _apostrophe_in_single_quotes(line_text: str, column: int) -> int | None:
    """Column of an apostrophe that closed a '…' text before the error (``'l'offre'``), if any."""
    match = _OPENING_QUOTE.match(line_text)
    if not match or match.group(1) != "'":
        return None
    index = match.end()
    while True:
        index = line_text.find("'", index)
        if index < 0:
            return None
        if line_text[index + 1:index + 2] == "'":
            index += 2  # a doubled apostrophe is fine
            continue
        closes_a_word = line_text[index + 1:index + 2].isalpha() and line_text[index - 1:index].isalpha()
        return index + 1 if closes_a_word and index + 1 < column else None


def _over_indented(lines: list[str], number: int) -> int | None:
    """Column of a ``key:`` line indented deeper than the ``key: value`` line above it, if so."""
    match = _KEY_LINE.match(lines[number - 1])
    if not match or match.group(0).lstrip().startswith("-"):
        return None
    indent = len(match.group(1))
    for previous in range(number - 1, 0, -1):
        above = lines[previous - 1]
        if not above.strip() or above.lstrip().startswith("#"):
            continue
        above_match = _KEY_LINE.match(above)
        if not above_match or not above[above_match.end():].strip():
            return None  # the line above opens a block: deeper indentation is expected
        key_column = above_match.start(2)
        return indent + 1 if indent > key_column else None
    return None


def _content_lines_above(lines: list[str], number: int):
    """(line number, text) of the lines above ``number`` that hold something, nearest first."""
    for previous in range(number - 1, 0, -1):
        text = lines[previous - 1]
        if text.strip() and not text.lstrip().startswith("#"):
            yield previous, text


def _first_of_block_under_indented(lines: list[str], number: int) -> tuple[str, tuple[int, int]] | None:
    """When line ``number`` is deeper than the ``key: value`` line above it, the mistake may be above: the first
    fields of a block (``hypothese:``) written less indented than the next one, which is where the guide's two
    spaces per level put it. Then the line to fix is the block's first field, not the untouched line below."""
    indent = _indent(lines[number - 1])
    block: list[int] = []  # the lines between the block's opening line and ``number``
    for previous, text in _content_lines_above(lines, number):
        match = _KEY_LINE.match(text)
        if match and not text[match.end():].strip():  # ``key:`` alone (or ``- key:``): the block opens here
            opening = match.start(2)
            if not block or indent != opening + 2 or any(_indent(lines[line - 1]) == indent for line in block):
                return None
            first = block[-1]
            missing = indent - _indent(lines[first - 1])
            return (f"indentation incohérente : ce champ est moins indenté que le suivant (ligne {number}), qui est à sa "
                    f"place dans le bloc « {match.group(2)} » ; {_spaces('ajoutez', missing)} devant ce champ pour "
                    f"l'aligner sur lui (colonne {indent + 1})", (first, _indent(lines[first - 1]) + 1))
        if not match or _indent(text) >= indent or text.lstrip().startswith("-"):
            return None
        block.append(previous)
    return None


def _list_item_over_indented(lines: list[str], number: int) -> tuple[str, tuple[int, int]] | None:
    """A « - » deeper than the item of the same list above it (which ends with a closing quote: otherwise YAML would
    have read the line as the rest of its text, ``_merged_list_item``)."""
    line = lines[number - 1]
    if not re.match(r"-(\s|$)", line.lstrip(" ")):
        return None
    for previous, text in _content_lines_above(lines, number):
        if _indent(text) < _indent(line):
            if not text.lstrip().startswith("- "):
                return None
            extra = _indent(line) - _indent(text)
            return (f"élément de liste mal aligné : ce « - » est plus indenté que celui de la ligne {previous} ; "
                    f"{_spaces('retirez', extra)} devant ce « - » pour l'aligner sur lui (colonne {_indent(text) + 1})",
                    (number, _indent(line) + 1))
    return None


def _translate_syntax_error(exc: yaml.YAMLError, text: str) -> tuple[str, tuple[int, int]]:
    if isinstance(exc, yaml.reader.ReaderError):
        return (
            f"caractère invisible interdit (code U+{exc.character:04X}) : supprimez-le ou retapez le texte autour",
            _position_in_text(text, exc.position),
        )
    problem = getattr(exc, "problem", None) or ""
    context = getattr(exc, "context", None) or ""
    context_mark = getattr(exc, "context_mark", None)  # MarkedYAMLError's: a bare YAMLError has no marks
    mark = getattr(exc, "problem_mark", None) or context_mark
    position = _mark(mark) if mark is not None else (1, 1)
    if "while scanning a quoted scalar" in context and context_mark:
        return _UNCLOSED_QUOTE, _mark(context_mark)
    unclosed = _unclosed_quote_before(text, position[0])
    if unclosed is not None:
        return _UNCLOSED_QUOTE, unclosed
    lines = text.split("\n")
    if 0 < position[0] <= len(lines):
        apostrophe = _apostrophe_in_single_quotes(lines[position[0] - 1], position[1])
        if apostrophe is not None:
            return _APOSTROPHE, (position[0], apostrophe)
        column = _over_indented(lines, position[0])
        if column is not None:
            return _first_of_block_under_indented(lines, position[0]) or (_OVER_INDENTED, (position[0], column))
        item = _list_item_over_indented(lines, position[0])
        if item is not None:
            return item
    text = f"{context} {problem}"
    for needle, message in _SYNTAX_MESSAGES:
        if needle in text:
            if message == _TAB and 0 < position[0] <= len(lines):
                return _tab_message(lines[position[0] - 1], position)
            return message, position
    detail = " ".join(part for part in (context, problem) if part).strip() or str(exc)
    return f"erreur de syntaxe YAML ({detail})", position


# A value that opens with a word processor's curly quote (“…” or ‘…’) instead of a straight one: YAML
# reads the quotes as part of the text, and a « : » inside then breaks the line.
_CURLY_DELIMITER = re.compile(r"^(\s*(?:-\s+)*(?:[^\s#:][^:#]*:\s+)?)([“”‘’])")
_CURLY = ("texte entouré de guillemets typographiques {quote} (copiés d'un traitement de texte) : YAML ne les "
          "reconnaît pas comme délimiteurs ; remplacez-les par des guillemets droits, par exemple "
          "\"Objectif : valider l'offre\"")


def _curly_delimiters(text: str, filename: str) -> list[ContentError]:
    errors = []
    for number, line in enumerate(text.splitlines(), start=1):
        match = _CURLY_DELIMITER.match(line)
        if match and not line.lstrip().startswith("#"):
            errors.append(ContentError(filename, number, match.start(2) + 1, "",
                                       _CURLY.format(quote=match.group(2))))
    return errors


# --- Bytes an editor cannot see: Windows line endings, a byte order mark, no-break spaces where YAML wants spaces ---

FORMAT_COMMAND = "scripts/format"  # python -m guide format, after installing what it needs
BOM = "\ufeff"
# Spaces YAML does not take for spaces: no-break (French typography, a word processor), narrow no-break, figure, thin.
SPACE_LIKE = "\u00a0\u202f\u2007\u2009"
_SPACE_NAMES = {"\u00a0": "espace insécable", "\u202f": "espace fine insécable", "\u2007": "espace de chiffre",
                "\u2009": "espace fine"}
_FIELD_NAME = re.compile(r"[A-Za-z_][\w-]*:")


def structural_spaces(line: str) -> list[int]:
    """Where a line holds a no-break (or other) space that YAML reads as a character, not a space: in its
    indentation, after a list's « - », or right after a field's « : ». (Inside a text, such a space is French
    typography, and stays.)"""
    found = []
    index = 0
    while index < len(line) and (line[index] == " " or line[index] in SPACE_LIKE
                                 or (line[index] == "-" and line[index + 1:index + 2] in (" ", *SPACE_LIKE))):
        if line[index] in SPACE_LIKE:
            found.append(index)
        index += 1
    field = _FIELD_NAME.match(line, index)
    if field:
        index = field.end()
        while index < len(line) and line[index] in SPACE_LIKE:
            found.append(index)
            index += 1
    return found


def _invisible_bytes(text: str, filename: str) -> list[ContentError]:
    """What ``python -m guide format`` rewrites, each named where it is, with what to do by hand."""
    errors = []
    fix = f"ou lancez « {FORMAT_COMMAND} {filename} », qui ne change que ces caractères"
    if text.startswith(BOM):
        errors.append(ContentError(filename, 1, 1, "", (
            "marque d'ordre des octets (BOM) invisible en tête du fichier : enregistrez-le en « UTF-8 » sans BOM "
            f"(dans VS Code : « UTF-8 with BOM » en bas à droite, puis « Enregistrer avec l'encodage », « UTF-8 ») {fix}")))
    lines = text.split("\n")
    windows = [number for number, line in enumerate(lines, start=1) if line.endswith("\r")]
    if windows:
        count = len(windows)
        errors.append(ContentError(filename, windows[0], len(lines[windows[0] - 1]), "", (
            f"fins de ligne Windows (CRLF) sur {count} ligne{'s' if count > 1 else ''} : chaque ligne changerait dans "
            "la pull request ; enregistrez le fichier avec des fins de ligne « LF » (dans VS Code : « CRLF » en bas "
            f"à droite, puis « LF ») {fix}")))
    for number, line in enumerate(lines, start=1):
        for index in structural_spaces(line.removeprefix(BOM) if number == 1 else line)[:1]:
            column = index + 1 + (1 if number == 1 and line.startswith(BOM) else 0)
            name = _SPACE_NAMES[line[column - 1]]
            before = line[:column - 1].removeprefix(BOM)
            field = _FIELD_NAME.search(before)
            where = (f"après « {field.group(0)} »" if field else "après le « - » d'une liste" if "-" in before
                     else "dans l'indentation")
            errors.append(ContentError(filename, number, column, "", (
                f"{name} (U+{ord(line[column - 1]):04X}) {where} : YAML n'y lit pas une espace ; remplacez-la par "
                f"une espace ordinaire {fix}")))
    return errors


def normalised(text: str) -> tuple[str, list[str]]:
    """``text`` with what ``_invisible_bytes`` reports rewritten, and nothing else: no byte order mark, « LF » line
    endings, ordinary spaces where YAML reads the structure. Returns the new text and what changed, in French."""
    changes = []
    if text.startswith(BOM):
        text = text[1:]
        changes.append("marque d'ordre des octets (BOM) retirée")
    windows = text.count("\r\n")
    if windows:
        text = text.replace("\r\n", "\n")
        changes.append(f"{windows} fin{'s' if windows > 1 else ''} de ligne Windows (CRLF) remplacée{'s' if windows > 1 else ''} par « LF »")
    lines = text.split("\n")
    replaced = 0
    for number, line in enumerate(lines):
        places = structural_spaces(line)
        if places:
            characters = list(line)
            for index in places:
                characters[index] = " "
            lines[number] = "".join(characters)
            replaced += len(places)
    if replaced:
        text = "\n".join(lines)
        changes.append(f"{replaced} espaces insécables remplacées par des espaces ordinaires" if replaced > 1 else
                       "1 espace insécable remplacée par une espace ordinaire")
    return text, changes


def parse_yaml(text: str, filename: str) -> ParsedYaml:
    """Parse ``text``; never raises: problems are returned in ``errors``."""
    parsed = ParsedYaml(text=text)
    invisible = _invisible_bytes(text, filename)
    if invisible:  # fixed first, and by a command: the syntax errors they cause would mislead
        parsed.errors.extend(invisible)
        return parsed
    curly = _curly_delimiters(text, filename)
    if curly:
        parsed.errors.extend(curly)
        return parsed
    if not text.strip() or all(
        not line.strip() or line.lstrip().startswith("#") for line in text.splitlines()
    ):
        parsed.errors.append(
            ContentError(filename, 1, 1, "", "le fichier est vide : il doit contenir les champs du cadre")
        )
        return parsed

    loader = None
    try:
        loader = _EditorLoader(text)  # checks for forbidden characters right away
        node = loader.get_single_node()
        if node is None:
            parsed.errors.append(ContentError(filename, 1, 1, "", "le fichier est vide"))
            return parsed
        if loader.alias_marks:
            for mark in loader.alias_marks:
                parsed.errors.append(ContentError(
                    filename, mark.line + 1, mark.column + 1, "",
                    "un alias YAML (« *nom ») n'est pas accepté : recopiez le texte voulu à cet endroit, et retirez "
                    "l'ancre (« &nom ») qu'il reprend"))
            return parsed
        _walk(node, (), parsed, filename, set())
        parsed.data = loader.construct_document(node)
        parsed.errors.extend(_unseen_characters(parsed.data, (), parsed, filename))
    except yaml.constructor.ConstructorError as exc:  # a tag such as !!python/object: never constructed
        where = exc.problem_mark or exc.context_mark
        line, column = (where.line + 1, where.column + 1) if where else (1, 1)
        tag = str(exc.problem).rsplit("tag ", 1)[-1].strip("'")
        parsed.errors.append(ContentError(
            filename, line, column, "",
            f"étiquette YAML « {tag.replace('tag:yaml.org,2002:', '!!')} » non acceptée : écrivez la valeur seule, "
            "sans « ! » devant"))
        parsed.data = None
    except yaml.YAMLError as exc:
        message, (line, column) = _translate_syntax_error(exc, text)
        parsed.errors.append(ContentError(filename, line, column, "", message))
        parsed.data = None
    except (ValueError, TypeError, RecursionError) as exc:  # e.g. unhashable key {[a]: b}
        parsed.errors.append(
            ContentError(filename, 1, 1, "", f"structure YAML non prise en charge ({exc.__class__.__name__})")
        )
        parsed.data = None
    finally:
        if loader is not None:
            loader.dispose()
    return parsed


# Characters a text may not hold even when written as a YAML escape (« \\0 », « \\u202E »): control characters
# (a line break and a tab aside, which the check explains elsewhere), the bidirectional controls that reorder what
# a reader sees, and the line and paragraph separators that break scripts and the search index.
_UNSEEN = {chr(code) for code in range(32) if chr(code) not in "\n\t"} | {"\x7f"} | {
    chr(code) for code in (*range(0x80, 0xA0), *range(0x202A, 0x202F), *range(0x2066, 0x206A), 0x2028, 0x2029, 0x200E, 0x200F)}


def _unseen_characters(value, path: Path, parsed: ParsedYaml, filename: str) -> list[ContentError]:
    """A control or bidirectional character in a text, named at its field with its code."""
    found: list[ContentError] = []
    if isinstance(value, dict):
        for key, item in value.items():
            found += _unseen_characters(item, path + (key,), parsed, filename)
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found += _unseen_characters(item, path + (index,), parsed, filename)
    elif isinstance(value, str):
        for position, char in enumerate(value):
            if char in _UNSEEN:
                line, column = parsed.value_positions.get(path, (1, 1))
                found.append(ContentError(
                    filename, line, column, format_field_path(path),
                    f"caractère de contrôle U+{ord(char):04X} à la position {position + 1} du texte (écrit « \\… » "
                    "ou collé d'un autre logiciel) : il serait invisible ou changerait l'ordre d'affichage ; supprimez-le"))
                break
    return found


def _walk(node: yaml.Node, path: Path, parsed: ParsedYaml, filename: str, seen: set[int]) -> None:
    parsed.value_positions.setdefault(path, _mark(node))
    parsed.value_ends.setdefault(path, _mark(node.end_mark))
    if id(node) in seen:  # an alias to a node already walked
        return
    seen.add(id(node))
    if isinstance(node, yaml.MappingNode):
        first_seen: dict[object, tuple[int, int]] = {}
        first_key = next((key.value for key, _ in node.value if isinstance(key, yaml.ScalarNode)), None)
        new_item_at = None  # the line where a list item seems to start without its « - »
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                line, column = _mark(key_node)
                parsed.errors.append(
                    ContentError(filename, line, column, format_field_path(path), "un nom de champ doit être un simple mot")
                )
                continue
            key = key_node.value
            if key == "<<":
                line, column = _mark(key_node)
                parsed.errors.append(
                    ContentError(filename, line, column, format_field_path(path), "la fusion « << » n'est pas acceptée : recopiez les champs")
                )
                continue
            key_path = path + (key,)
            if key in first_seen and new_item_at is not None:
                continue  # the fields of that item: already reported as one missing « - »
            if key in first_seen and key == first_key and path and isinstance(path[-1], int):
                # The item's first field again, then its other fields: a new item whose « - » was forgotten.
                # Saying « champ en double » would lead the editor to delete the new item.
                line, column = _mark(key_node)
                new_item_at = line
                parsed.errors.append(
                    ContentError(
                        filename,
                        line,
                        column,
                        format_field_path(path[:-1]),
                        f"il manque le tiret : un nouvel élément de la liste commence ici ; écrivez « - {key}: … », "
                        f"le tiret aligné sur celui de l'élément précédent (ligne {first_seen[key][0]})",
                    )
                )
                continue
            if key in first_seen:
                line, column = _mark(key_node)
                first_line = first_seen[key][0]
                parsed.errors.append(
                    ContentError(
                        filename,
                        line,
                        column,
                        format_field_path(key_path),
                        f"champ en double (déjà défini ligne {first_line}) : gardez une seule fois ce champ",
                    )
                )
                continue
            first_seen[key] = _mark(key_node)
            parsed.key_positions[key_path] = _mark(key_node)
            _walk(value_node, key_path, parsed, filename, seen)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _walk(item, path + (index,), parsed, filename, seen)
    elif isinstance(node, yaml.ScalarNode) and node.style is None and node.end_mark.line > node.start_mark.line:
        merged = _merged_list_item(node, path, parsed.text.split("\n"))
        if merged is not None:
            (line, column), field_path, message = merged
            parsed.errors.append(ContentError(filename, line, column, format_field_path(field_path), message))


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _spaces(verb: str, count: int) -> str:
    return f"{verb} {count} espace" + ("s" if count > 1 else "")


def _merged_list_item(node: yaml.ScalarNode, path: Path, lines: list[str]):
    """A text without quotes that runs on to a line starting with « - »: the editor wrote a list item, but YAML,
    finding it indented deeper than the text above, reads it as that text's next line (« …d'ensemble. - "Sous-
    investir…" »). Returns (position, field path, message) of the « - » to move, or None."""
    first = node.start_mark.line  # 0-based
    for number in range(first + 1, min(node.end_mark.line, len(lines) - 1) + 1):
        if not re.match(r"-(\s|$)", lines[number].lstrip(" ")):
            continue
        dash_column = _indent(lines[number])
        if not (path and isinstance(path[-1], int)):  # the text of a field, not an item of a list
            return ((number + 1, dash_column + 1), path,
                    f"cette ligne commence par « - » mais YAML la lit comme la suite du texte de la ligne {first + 1} "
                    "(un texte sans guillemets continue sur les lignes plus indentées) : pour un élément de liste, "
                    "alignez son « - » sur ceux des autres éléments ; sinon, mettez le texte entre guillemets")
        item_dash = _indent(lines[first])
        # The list's own indentation, by the guide's convention: two spaces deeper than the field that holds it.
        parent = next((_indent(line) for line in reversed(lines[:first])
                       if line.strip() and not line.lstrip().startswith("#") and _indent(line) < item_dash), None)
        expected = parent + 2 if parent is not None else None
        if dash_column == expected and item_dash != expected:
            # The item above is the one out of line: its « - » is less indented than the list's.
            return ((first + 1, item_dash + 1), path[:-1],
                    f"élément de liste mal aligné : ce « - » est moins indenté que celui de la ligne {number + 1}, que YAML "
                    f"lit alors comme la suite de ce texte ; {_spaces('ajoutez', dash_column - item_dash)} devant ce « - » "
                    f"pour l'aligner sur celui de la ligne {number + 1} (colonne {dash_column + 1})")
        return ((number + 1, dash_column + 1), path[:-1],
                f"élément de liste collé au précédent : ce « - » est plus indenté que celui de la ligne {first + 1}, si bien "
                f"que YAML lit la ligne comme la suite du texte de cet élément ; {_spaces('retirez', dash_column - item_dash)} "
                f"devant ce « - » pour l'aligner sur celui de la ligne {first + 1} (colonne {item_dash + 1})")
    return None
