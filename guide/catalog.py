"""Load every framework of ``frameworks/`` at once, validated, or report every error.

A framework is a file ``frameworks/NAME.yml`` with its schema
``frameworks/schemas/NAME.schema.json`` and its page template
``guide/templates/NAME.md.j2``; the page is published as ``NAME.md``.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import cast

from guide import rules, thresholds
from guide.errors import ContentError, ContentErrors, format_field_path
from guide.validation import check_schema, schema_registry, validate
from guide.yaml_source import ParsedYaml, parse_yaml

REPO_ROOT = Path(__file__).resolve().parent.parent
FRAMEWORKS_DIR_NAME = "frameworks"
SCHEMAS_DIR_NAME = "schemas"


@dataclass
class Guide:
    """All frameworks, validated: ``frameworks["phases"]`` is the data of ``phases.yml``."""

    frameworks: dict[str, dict]
    files: dict[str, str]
    ids: dict[tuple[str, str], list[str]] = field(default_factory=dict)
    # The figures of seuils.yml that each framework's texts quote ({seuil:ID}), in order of first use:
    # a page credits their sources and names the guide's own assumptions among them.
    quoted_thresholds: dict[str, list[str]] = field(default_factory=dict)
    # Where each field of each file starts (line, column), for the checks that point at a text (terminology).
    parsed: dict[str, ParsedYaml] = field(default_factory=dict, repr=False)

    def item(self, framework: str, list_key: str, item_id: str) -> dict:
        for item in self.frameworks[framework][list_key]:
            if item.get("id") == item_id:
                return item
        raise KeyError(f"{framework}#{list_key}: {item_id}")

    def items(self, framework: str, list_key: str | None = None) -> list[dict]:
        return self.frameworks[framework][list_key or framework]


# Files already parsed, by (name shown in errors, content): a reload parses only what changed
# (the live preview, the tests that break one file at a time). Callers get a copy to change.
_PARSED: dict[tuple[str, str], ParsedYaml] = {}


def _copy_data(value):
    if isinstance(value, dict):
        return {key: _copy_data(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_copy_data(item) for item in value]
    return value  # str, int, float, bool, None: immutable


def _parse(text: str, filename: str) -> ParsedYaml:
    key = (filename, text)
    if key not in _PARSED:
        if len(_PARSED) >= 256:
            _PARSED.clear()
        _PARSED[key] = parse_yaml(text, filename)
    cached = _PARSED[key]
    # The data is changed later ({seuil:…} replaced in place); positions and errors are only read.
    return ParsedYaml(_copy_data(cached.data), cached.value_positions, cached.key_positions, list(cached.errors))


def framework_names(frameworks_dir: Path) -> list[str]:
    return sorted(path.stem for path in frameworks_dir.glob("*.yml"))


def _relative(path: Path, root: Path) -> str:
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()


def collect_ids(name: str, data) -> dict[tuple[str, str], list[str]]:
    """Every top-level list of items with an ``id`` is a target for references."""
    found = {}
    if isinstance(data, dict):
        for key, value in data.items():
            if isinstance(value, list) and any(isinstance(item, dict) and "id" in item for item in value):
                found[(name, key)] = [
                    item["id"] for item in value if isinstance(item, dict) and isinstance(item.get("id"), str)
                ]
    return found


def _duplicate_ids(name: str, filename: str, parsed: ParsedYaml) -> list[ContentError]:
    errors: list[ContentError] = []
    if not isinstance(parsed.data, dict):
        return errors
    for key, value in parsed.data.items():
        if not isinstance(value, list):
            continue
        first_index: dict[str, int] = {}
        for index, item in enumerate(value):
            if not isinstance(item, dict) or not isinstance(item.get("id"), str):
                continue
            item_id = item["id"]
            if item_id in first_index:
                path = (key, index, "id")
                line, column = parsed.position_of(path)
                errors.append(
                    ContentError(
                        filename,
                        line,
                        column,
                        format_field_path(path),
                        f"identifiant en double « {item_id} » (déjà utilisé par {key}[{first_index[item_id]}]) : "
                        "chaque identifiant doit être unique",
                    )
                )
            else:
                first_index[item_id] = index
    return errors


def load_guide(root: Path | str = REPO_ROOT) -> Guide:
    """Parse and validate every framework; raise ``ContentErrors`` with all problems at once."""
    root = Path(root)
    frameworks_dir = root / FRAMEWORKS_DIR_NAME
    schemas_dir = frameworks_dir / SCHEMAS_DIR_NAME
    errors: list[ContentError] = []
    parsed_files: dict[str, ParsedYaml] = {}
    files: dict[str, str] = {}
    schemas: dict[str, dict] = {}

    names = framework_names(frameworks_dir)
    if not names:
        raise ContentErrors([ContentError(_relative(frameworks_dir, root), 1, 1, "", "aucun fichier .yml trouvé")])

    for name in names:
        path = frameworks_dir / f"{name}.yml"
        filename = _relative(path, root)
        files[name] = filename
        schema_path = schemas_dir / f"{name}.schema.json"
        if not schema_path.exists():
            errors.append(
                ContentError(filename, 1, 1, "", f"aucun schéma pour ce fichier : {_relative(schema_path, root)} est attendu")
            )
            continue
        schema = json.loads(schema_path.read_text(encoding="utf-8"))
        check_schema(schema)
        schemas[name] = schema
        try:
            text = path.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            errors.append(ContentError(filename, 1, 1, "", "le fichier doit être enregistré en UTF-8"))
            continue
        parsed = _parse(text, filename)
        parsed_files[name] = parsed
        errors.extend(parsed.errors)

    registry = schema_registry(schemas_dir)
    known_ids: dict[tuple[str, str], list[str]] = {}
    for name, parsed in parsed_files.items():
        if not parsed.errors:
            known_ids.update(collect_ids(name, parsed.data))

    unreadable = {name for name in names if name not in parsed_files or parsed_files[name].errors}
    for name, parsed in parsed_files.items():
        if parsed.errors:
            continue
        filename = files[name]
        errors.extend(validate(parsed, schemas[name], filename, known_ids, registry, unreadable))
        errors.extend(_duplicate_ids(name, filename, parsed))

    if errors:
        raise ContentErrors(errors)

    guide = Guide(
        # Each file passed its schema, and every schema of frameworks/schemas/ has an object at its top: a dict.
        frameworks={name: cast(dict, parsed.data) for name, parsed in parsed_files.items()},
        files=files,
        ids=known_ids,
        parsed=parsed_files,
    )
    # Figures first: a calculator's default may be written {seuil:ID}, and the rules check it as a value.
    rule_errors = thresholds.resolve_placeholders(guide, parsed_files)
    rule_errors += rules.check(guide, parsed_files)
    if rule_errors:
        raise ContentErrors(rule_errors)
    return guide
