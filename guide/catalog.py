"""Load every framework of ``frameworks/`` at once, validated, or report every error.

A framework is a file ``frameworks/NAME.yml`` with its schema
``frameworks/schemas/NAME.schema.json`` and its page template
``guide/templates/NAME.md.j2``; the plan of ``accueil.yml`` says on which page it is shown (``common/site_map.py``).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from collections.abc import Set as AbstractSet
from pathlib import Path
from typing import cast

from referencing import Registry

from guide import rules
from guide.errors import ContentError, ContentErrors, format_field_path
from guide.model import Guide
from guide.thresholds import resolve_placeholders
from guide.validation import check_schema, references, schema_registry, validate
from guide.yaml_source import ParsedYaml, parse_yaml

__all__ = ["FRAMEWORKS_DIR_NAME", "REPO_ROOT", "SCHEMAS_DIR_NAME", "Guide", "assemble", "collect_ids", "duplicate_ids",
           "file_errors", "framework_names", "load_guide", "read_schemas"]

REPO_ROOT = Path(__file__).resolve().parent.parent
FRAMEWORKS_DIR_NAME = "frameworks"
SCHEMAS_DIR_NAME = "schemas"


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


def duplicate_ids(name: str, filename: str, parsed: ParsedYaml) -> list[ContentError]:
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


def read_schemas(frameworks_dir: Path) -> dict[str, dict]:
    """Every schema of ``frameworks/schemas/`` (the frameworks' and the shared definitions) by file name, each
    read once."""
    schemas_dir = frameworks_dir / SCHEMAS_DIR_NAME
    return {path.name: json.loads(path.read_text(encoding="utf-8")) for path in sorted(schemas_dir.glob("*.schema.json"))}


def file_errors(name: str, filename: str, parsed: ParsedYaml, schema: dict, known_ids: dict[tuple[str, str], list[str]],
                registry: Registry, names: Sequence[str], unreadable: AbstractSet[str] = frozenset()) -> list[ContentError]:
    """Step 2 of loading, for one readable file: its schema's errors (its references checked against
    ``known_ids``, the ids of every file) and its duplicate ids."""
    return (validate(parsed, schema, filename, known_ids, registry, unreadable, names)
            + duplicate_ids(name, filename, parsed))


def assemble(parsed_files: dict[str, ParsedYaml], files: dict[str, str], known_ids: dict[tuple[str, str], list[str]],
             schemas: dict[str, dict], registry: Registry) -> tuple[Guide, list[ContentError]]:
    """Step 3 of loading, once every file is valid: the ``{seuil:…}`` figures replaced, the references recorded,
    then the cross-file rules run over the guide. Returns the guide and the errors of figures and rules."""
    # Figures first: a calculator's default may be written {seuil:ID}, and the rules check it as a value.
    # Each file passed its schema, and every schema of frameworks/schemas/ has an object at its top: a dict.
    resolved = resolve_placeholders({name: cast(dict, parsed.data) for name, parsed in parsed_files.items()},
                                    parsed_files, files)
    guide = Guide(
        frameworks=resolved.frameworks,
        files=files,
        ids=known_ids,
        quoted_thresholds=resolved.quoted,
        references={name: references(data, schemas[name], registry) for name, data in resolved.frameworks.items()},
        parsed=parsed_files,
    )
    return guide, resolved.errors + rules.check(guide)


def load_guide(root: Path | str = REPO_ROOT) -> Guide:
    """Parse, validate and resolve every framework; raise ``ContentErrors`` with all problems at once.

    Three steps: parse every file; check each against its schema (``file_errors``); then replace the figures
    and run the cross-file rules (``assemble``). A check of one changed file against the others (tests/single_file.py)
    runs the same steps. Each call reads the files again and builds a new ``Guide``: nothing is kept from one
    load to the next.
    """
    root = Path(root)
    frameworks_dir = root / FRAMEWORKS_DIR_NAME
    schemas_dir = frameworks_dir / SCHEMAS_DIR_NAME
    errors: list[ContentError] = []
    parsed_files: dict[str, ParsedYaml] = {}
    files: dict[str, str] = {}

    names = framework_names(frameworks_dir)
    if not names:
        raise ContentErrors([ContentError(_relative(frameworks_dir, root), 1, 1, "", "aucun fichier .yml trouvé")])

    all_schemas = read_schemas(frameworks_dir)
    schemas: dict[str, dict] = {}
    for name in names:
        path = frameworks_dir / f"{name}.yml"
        filename = _relative(path, root)
        files[name] = filename
        schema_path = schemas_dir / f"{name}.schema.json"
        if schema_path.name not in all_schemas:
            errors.append(
                ContentError(filename, 1, 1, "", f"aucun schéma pour ce fichier : {_relative(schema_path, root)} est attendu")
            )
            continue
        schema = all_schemas[schema_path.name]
        check_schema(schema)
        schemas[name] = schema
        try:
            text = path.read_bytes().decode("utf-8")  # as written: Windows line endings are reported, not hidden
        except UnicodeDecodeError:
            errors.append(ContentError(filename, 1, 1, "", "le fichier doit être enregistré en UTF-8"))
            continue
        parsed = parse_yaml(text, filename)
        parsed_files[name] = parsed
        errors.extend(parsed.errors)

    registry = schema_registry(all_schemas)
    known_ids: dict[tuple[str, str], list[str]] = {}
    for name, parsed in parsed_files.items():
        if not parsed.errors:
            known_ids.update(collect_ids(name, parsed.data))

    unreadable = {name for name in names if name not in parsed_files or parsed_files[name].errors}
    for name, parsed in parsed_files.items():
        if not parsed.errors:
            errors.extend(file_errors(name, files[name], parsed, schemas[name], known_ids, registry, names, unreadable))

    if errors:
        raise ContentErrors(errors)

    guide, rule_errors = assemble(parsed_files, files, known_ids, schemas, registry)
    if rule_errors:
        raise ContentErrors(rule_errors)
    return guide
