"""Schema lint: every object of every schema of frameworks/schemas/ refuses unknown fields
(``additionalProperties: false``) and names the fields it requires, all of them declared.

With that proved here once, the broken-content corpus need not re-prove jsonschema's ``required`` and
``additionalProperties`` on every object of every file: tests/unit/test_validation.py checks the French
message and the position of each keyword, tests/content/test_broken_content.py a missing and an unknown field in
the page block and the first item of every list of every file.
"""

from __future__ import annotations

import json

import pytest
from jsonschema import Draft7Validator

from guide.catalog import FRAMEWORKS_DIR_NAME, REPO_ROOT, SCHEMAS_DIR_NAME, framework_names

SCHEMAS_DIR = REPO_ROOT / FRAMEWORKS_DIR_NAME / SCHEMAS_DIR_NAME
SCHEMA_FILES = sorted(path.name for path in SCHEMAS_DIR.glob("*.schema.json"))
# Keywords whose schema constrains the object around it rather than describing an object of its own.
CONDITIONS = {"if", "then", "else", "not"}
# Objects that are maps (any key, each value checked by a schema): the keys are checked elsewhere.
MAPS = {
    # The worked example's inputs, by input id: guide.rules.check_calculators reports an unknown one
    # (« champ inconnu du calculateur ; champs possibles : … »).
    ("commun.schema.json", "definitions/calculateur/properties/exemple/properties/entrees"),
}


def object_schemas(node, path: tuple = ()):
    """Every (path, schema) of a schema document that describes an object (``"type": "object"``, or
    ``properties`` outside a condition)."""
    if isinstance(node, dict):
        describes_object = node.get("type") == "object" or ("properties" in node and not CONDITIONS & set(path[-1:]))
        if describes_object:
            yield "/".join(map(str, path)), node
        for key, child in node.items():
            if key not in ("enum", "const", "default", "examples", "required"):
                yield from object_schemas(child, (*path, key))
    elif isinstance(node, list):
        for index, child in enumerate(node):
            yield from object_schemas(child, (*path, index))


def lint(file_name: str, document: dict) -> list[str]:
    problems = []
    for path, schema in object_schemas(document):
        where = f"{file_name}#/{path}"
        if (file_name, path) in MAPS:
            if not (isinstance(schema.get("additionalProperties"), dict) and "properties" not in schema):
                problems.append(f"{where} : une table (clé → valeur) sans champs déclarés, chaque valeur décrite")
            continue
        if schema.get("type") != "object":
            problems.append(f"{where} : « type »: « object » manque")
        if schema.get("additionalProperties") is not False:
            problems.append(f"{where} : « additionalProperties »: false manque (un champ mal orthographié passerait)")
        required = schema.get("required")
        declared = set(schema.get("properties", {}))
        if not isinstance(required, list) or not required:
            problems.append(f"{where} : « required » manque (un champ oublié passerait)")
        elif set(required) - declared:
            problems.append(f"{where} : « required » nomme des champs non déclarés : {sorted(set(required) - declared)}")
    return problems


def test_every_framework_has_its_schema_and_every_schema_is_valid_draft_07():
    assert {name.removesuffix(".schema.json") for name in SCHEMA_FILES} == {
        *framework_names(REPO_ROOT / FRAMEWORKS_DIR_NAME), "commun"}
    for name in SCHEMA_FILES:
        Draft7Validator.check_schema(json.loads((SCHEMAS_DIR / name).read_text(encoding="utf-8")))


@pytest.mark.parametrize("file_name", SCHEMA_FILES)
def test_every_object_refuses_unknown_fields_and_requires_its_fields(file_name):
    document = json.loads((SCHEMAS_DIR / file_name).read_text(encoding="utf-8"))
    found = list(object_schemas(document))
    assert found  # every schema describes objects: a file's top level at least
    if file_name != "commun.schema.json":
        assert found[0] == ("", document)  # the file's top level is an object
    assert lint(file_name, document) == []


def test_the_maps_left_open_are_the_ones_listed():
    everything = {(path.name, object_path) for path in SCHEMAS_DIR.glob("*.schema.json")
                  for object_path, _ in object_schemas(json.loads(path.read_text(encoding="utf-8")))}
    assert MAPS <= everything


def test_the_lint_finds_an_open_object_a_missing_required_and_an_undeclared_one():
    document = {"type": "object", "additionalProperties": False, "required": ["a"],
                "properties": {"a": {"type": "object", "properties": {"x": {"type": "string"}}},
                               "b": {"type": "array", "items": {"type": "object", "additionalProperties": False,
                                                                 "required": ["y"], "properties": {"x": {}}}},
                               "c": {"if": {"properties": {"x": {"const": 1}}}, "then": {"required": ["x"]}}}}
    assert lint("essai.schema.json", document) == [
        "essai.schema.json#/properties/a : « additionalProperties »: false manque (un champ mal orthographié passerait)",
        "essai.schema.json#/properties/a : « required » manque (un champ oublié passerait)",
        "essai.schema.json#/properties/b/items : « required » nomme des champs non déclarés : ['y']",
    ]


def fields(node, path: tuple = ()):
    """Every (path, schema) of a schema document, depth first."""
    if isinstance(node, dict):
        yield path, node
        for key, child in node.items():
            yield from fields(child, (*path, key))
    elif isinstance(node, list):
        for index, child in enumerate(node):
            yield from fields(child, (*path, index))


@pytest.mark.parametrize("file_name", SCHEMA_FILES)
def test_every_pattern_says_in_french_what_to_write(file_name):
    """A pattern without « x-format-fr » would show the editor a regular expression."""
    document = json.loads((SCHEMAS_DIR / file_name).read_text(encoding="utf-8"))
    assert [path for path, node in fields(document) if "pattern" in node and "x-format-fr" not in node] == []


@pytest.mark.parametrize("file_name", SCHEMA_FILES)
def test_every_date_field_uses_the_shared_date_definition(file_name):
    """One date definition (commun.schema.json): its pattern, its calendar check and its French messages."""
    document = json.loads((SCHEMAS_DIR / file_name).read_text(encoding="utf-8"))
    dates = [(path, node) for path, node in fields(document)
             if len(path) >= 2 and path[-2] == "properties" and str(path[-1]).startswith("date")]
    if file_name != "commun.schema.json":
        assert dates or file_name not in ("seuils.schema.json", "sources.schema.json")
    for path, node in dates:
        refs = [node.get("$ref")] + [part.get("$ref") for part in node.get("allOf", [])]
        assert "commun.schema.json#/definitions/date" in refs, path
