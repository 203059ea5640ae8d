"""Edit a framework file as an editor does, the field found by the structure of the YAML, never by a line number.

A field is named by its path (``("phases", 0, "objectif")``; ``{"id": "taux-change-cad-eur"}`` picks the list item
with that id). Only the characters of the value change: the quotes an editor types, the comment after the value and
every other line stay as they were; a list item is added as a new line (or block) aligned on its neighbours and
removed with all its lines.

Used by tests/ordinary_edits.py (an editor's ordinary edits), by the tests that break a field wherever it is and
whatever it says (tests/helpers.py), and by scripts/contributing_examples.py (CONTRIBUTING's mistakes, made on
whatever the content says today). Standard library and PyYAML only: nothing here imports the guide it edits.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

import yaml

FRAMEWORKS = "frameworks"


# --- Reading a file's structure -------------------------------------------------------------------------------

class _Loader(yaml.SafeLoader):
    """Composes nodes only; positions are character offsets into the text (``mark.index``)."""


def _root(text: str) -> yaml.Node:
    node = yaml.compose(text, Loader=_Loader)
    if node is None:
        raise EditError("fichier vide")
    return node


class EditError(Exception):
    """An edit that cannot be made on this content (a field or an item it names is missing)."""


def _child(node: yaml.Node, step) -> yaml.Node:
    if isinstance(step, int):
        if not isinstance(node, yaml.SequenceNode) or not -len(node.value) <= step < len(node.value):
            raise EditError(f"pas d'élément {step}")
        return node.value[step]
    if isinstance(step, dict):  # {"id": "taux-change-cad-eur"}: the list item whose field has this value
        [(key, wanted)] = step.items()
        if isinstance(node, yaml.SequenceNode):
            for item in node.value:
                if isinstance(item, yaml.MappingNode) and _scalar(item, key) == wanted:
                    return item
        raise EditError(f"aucun élément avec {key} = {wanted}")
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            if key_node.value == step:
                return value_node
    raise EditError(f"pas de champ « {step} »")


def _scalar(mapping: yaml.MappingNode, key: str):
    for key_node, value_node in mapping.value:
        if key_node.value == key and isinstance(value_node, yaml.ScalarNode):
            return value_node.value
    return None


def _node(text: str, path: tuple) -> yaml.Node:
    node = _root(text)
    for step in path:
        node = _child(node, step)
    return node


def _last_index(node: yaml.Node) -> int:
    """The character offset just after the last character written for a node (its last scalar)."""
    if isinstance(node, yaml.ScalarNode):
        return _scalar_end(node)
    children = node.value if isinstance(node, yaml.SequenceNode) else [part for pair in node.value for part in pair]
    if not children:
        return node.end_mark.index
    if node.flow_style:  # [a, b]: the closing bracket
        return node.end_mark.index
    return max(_last_index(child) for child in children)


def _scalar_end(node: yaml.ScalarNode) -> int:
    """Just after a scalar's last character: a block text (« >- », « | ») ends before the line breaks that PyYAML
    counts in it."""
    end = node.end_mark.index
    if node.style in ("|", ">"):
        text = node.end_mark.buffer
        while end > node.start_mark.index and text[end - 1] in " \n":
            end -= 1
    return end


def _line_start(text: str, index: int) -> int:
    return text.rfind("\n", 0, index) + 1


def _line_end(text: str, index: int) -> int:
    """The offset just after the line holding ``index`` (its newline included)."""
    end = text.find("\n", index)
    return len(text) if end == -1 else end + 1


def quoted(value: str) -> str:
    """A text between double quotes, as CONTRIBUTING tells editors to write it."""
    return json.dumps(value, ensure_ascii=False)


# --- The editor's gestures ------------------------------------------------------------------------------------

def read_value(root: Path, name: str, path: tuple):
    """The value at ``path`` in frameworks/NAME.yml, as PyYAML reads it."""
    value = yaml.safe_load((root / FRAMEWORKS / f"{name}.yml").read_text(encoding="utf-8"))
    for step in path:
        if isinstance(step, dict):
            [(key, wanted)] = step.items()
            matches = [item for item in value if isinstance(item, dict) and item.get(key) == wanted]
            if not matches:
                raise EditError(f"{name}.yml : aucun élément avec {key} = {wanted}")
            value = matches[0]
        else:
            try:
                value = value[step]
            except (KeyError, IndexError, TypeError):
                raise EditError(f"{name}.yml : pas de champ {step} dans {path}") from None
    return value


def set_text(root: Path, name: str, path: tuple, new: str) -> str:
    """Replace the text at ``path`` (its quotes included) by ``new`` between double quotes; returns the old text."""
    file = root / FRAMEWORKS / f"{name}.yml"
    text = file.read_text(encoding="utf-8")
    node = _node(text, path)
    if not isinstance(node, yaml.ScalarNode):
        raise EditError(f"{name}.yml {path} n'est pas un texte")
    file.write_text(text[:node.start_mark.index] + quoted(new) + text[_scalar_end(node):], encoding="utf-8")
    return node.value


def raw_value(root: Path, name: str, path: tuple) -> str:
    """A simple value as it is written in the file (its quotes included)."""
    text = (root / FRAMEWORKS / f"{name}.yml").read_text(encoding="utf-8")
    node = _node(text, path)
    if not isinstance(node, yaml.ScalarNode):
        raise EditError(f"{name}.yml {path} n'est pas une valeur simple")
    return text[node.start_mark.index:_scalar_end(node)]


def replaced(text: str, path: tuple, raw: str) -> tuple[str, int]:
    """``text`` (a framework file's) with ``raw`` written as typed (quotes, mistakes and all) in place of the value
    at ``path``, its comment kept; and the 1-based line where ``raw`` starts."""
    node = _node(text, path)
    if not isinstance(node, yaml.ScalarNode):
        raise EditError(f"{path} n'est pas une valeur simple")
    return text[:node.start_mark.index] + raw + text[_scalar_end(node):], node.start_mark.line + 1


def set_raw(root: Path, name: str, path: tuple, raw: str) -> tuple[str, int]:
    """``replaced`` on frameworks/NAME.yml, in place: for tests that break a field wherever it is and whatever it
    says. Returns the value as it was written and the line where ``raw`` starts."""
    file = root / FRAMEWORKS / f"{name}.yml"
    text = file.read_text(encoding="utf-8")
    before = raw_value(root, name, path)
    new_text, line = replaced(text, path, raw)
    file.write_text(new_text, encoding="utf-8")
    return before, line


def remove_field(root: Path, name: str, path: tuple) -> None:
    """Remove a field of a mapping written one field a line (``nom: valeur`` and the lines of its value)."""
    file = root / FRAMEWORKS / f"{name}.yml"
    text = file.read_text(encoding="utf-8")
    parent = _node(text, path[:-1])
    if not isinstance(parent, yaml.MappingNode) or parent.flow_style:
        raise EditError(f"{name}.yml {path[:-1]} n'est pas un bloc de champs")
    for key_node, value_node in parent.value:
        if key_node.value == path[-1]:
            start = _line_start(text, key_node.start_mark.index)
            if text[start:key_node.start_mark.index].strip():
                raise EditError(f"{name}.yml {path} : le champ ne commence pas sa ligne")
            file.write_text(text[:start] + text[_line_end(text, _last_index(value_node)):], encoding="utf-8")
            return
    raise EditError(f"{name}.yml : pas de champ {path}")


def set_number(root: Path, name: str, path: tuple, new: Decimal | int) -> str:
    """Replace a number (written without quotes, as CONTRIBUTING says) by ``new``; returns the old one as written."""
    file = root / FRAMEWORKS / f"{name}.yml"
    text = file.read_text(encoding="utf-8")
    node = _node(text, path)
    if not isinstance(node, yaml.ScalarNode) or node.style is not None:
        raise EditError(f"{name}.yml {path} n'est pas un nombre")
    file.write_text(text[:node.start_mark.index] + str(new) + text[node.end_mark.index:], encoding="utf-8")
    return node.value


def reword(root: Path, name: str, path: tuple, change: Callable[[str], str]) -> tuple[str, str]:
    """Change a text from what it says (``change`` gets the old text); returns (old, new)."""
    old = str(read_value(root, name, path))
    new = change(old)
    if new == old:
        raise EditError(f"{name}.yml {path} : la modification ne change rien")
    set_text(root, name, path, new)
    return old, new


def append_item(root: Path, name: str, path: tuple, item: str) -> None:
    """Add an item at the end of the block list at ``path``: ``item`` is the YAML an editor types after « - »
    (its later lines indented as the first one's fields), aligned on the list's other dashes."""
    file = root / FRAMEWORKS / f"{name}.yml"
    text = file.read_text(encoding="utf-8")
    node = _node(text, path)
    if not isinstance(node, yaml.SequenceNode) or node.flow_style or not node.value:
        raise EditError(f"{name}.yml {path} n'est pas une liste écrite une ligne par élément")
    last = node.value[-1]
    dash = text.rfind("-", _line_start(text, last.start_mark.index), last.start_mark.index)
    indent = " " * (dash - _line_start(text, last.start_mark.index))
    first, *rest = item.strip("\n").split("\n")
    block = f"{indent}- {first}\n" + "".join(f"{indent}  {line}\n" for line in rest)
    where = _line_end(text, _last_index(last))
    file.write_text(text[:where] + block + text[where:], encoding="utf-8")


def add_field(root: Path, name: str, path: tuple, key: str, value: str) -> None:
    """Add the field ``key`` at the end of the block of fields at ``path``, aligned on its other fields: ``value`` is
    the YAML an editor types after « key: » (a block on its own lines when it starts with a line break)."""
    file = root / FRAMEWORKS / f"{name}.yml"
    text = file.read_text(encoding="utf-8")
    node = _node(text, path)
    if not isinstance(node, yaml.MappingNode) or node.flow_style or not node.value:
        raise EditError(f"{name}.yml {path} n'est pas un bloc de champs")
    if any(key_node.value == key for key_node, _ in node.value):
        raise EditError(f"{name}.yml {path} a déjà un champ « {key} »")
    first_key = node.value[0][0]
    indent = " " * (first_key.start_mark.index - _line_start(text, first_key.start_mark.index))
    if value.startswith("\n"):
        block = f"{indent}{key}:\n" + "".join(f"{indent}  {line}\n" for line in value.strip("\n").split("\n"))
    else:
        block = f"{indent}{key}: {value}\n"
    where = _line_end(text, _last_index(node))
    file.write_text(text[:where] + block + text[where:], encoding="utf-8")


def remove_item(root: Path, name: str, path: tuple, step) -> str:
    """Remove one item of the block list at ``path`` (``step``: its index or {"id": …}) with all its lines;
    returns the removed item's text as written."""
    file = root / FRAMEWORKS / f"{name}.yml"
    text = file.read_text(encoding="utf-8")
    node = _node(text, path)
    item = _child(node, step)
    start = _line_start(text, item.start_mark.index)
    end = _line_end(text, _last_index(item))
    if text[start:item.start_mark.index].strip() != "-":
        raise EditError(f"{name}.yml {path} : l'élément ne commence pas sa ligne par « - »")
    file.write_text(text[:start] + text[end:], encoding="utf-8")
    return text[start:end]


def start_line(text: str, path: tuple) -> int:
    """The 1-based line where the value at ``path`` starts (for a list item, the line of its « - »)."""
    return _node(text, path).start_mark.line + 1
