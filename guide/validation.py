"""Validate parsed framework data against its JSON Schema, with French messages.

Schemas are standard draft-07 (so yaml-language-server can offer completion in the
editor) plus one keyword of ours, ``x-reference``, on a field whose value must be the
``id`` of an item of another framework list: ``"x-reference": "phases"`` (the list
``phases`` of ``phases.yml``) or ``"x-reference": "sourcing#options"`` (the list
``options`` of ``sourcing.yml``). Identifiers are collected from every file before
validation, so every dangling reference is reported along with the other errors.
"""

from __future__ import annotations

import difflib
import json
import re
from collections.abc import Mapping
from collections.abc import Set as AbstractSet
from pathlib import Path
from typing import Any, cast

import jsonschema
from jsonschema import Draft7Validator
from jsonschema.exceptions import ValidationError
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT7

from guide.errors import ContentError, format_field_path
from guide.yaml_source import ParsedYaml

_TYPE_NAMES = {
    "string": "un texte",
    "integer": "un nombre entier",
    "number": "un nombre",
    "boolean": "true ou false",
    "array": "une liste (lignes commençant par « - »)",
    "object": "un bloc de champs (nom: valeur)",
    "null": "vide",
}


def reference_target(spec: str) -> tuple[str, str]:
    """``"sourcing#options"`` -> (``sourcing``, ``options``); ``"phases"`` -> (``phases``, ``phases``)."""
    framework, _, list_key = spec.partition("#")
    return framework, list_key or framework


class _DanglingReference(ValidationError):
    """An ``x-reference`` to an unknown id, with its French message (``french``) already written."""

    french: str


def _make_validator_class(known_ids: dict[tuple[str, str], list[str]], unreadable: AbstractSet[str]):
    def x_reference(validator, spec, instance, schema):
        if not isinstance(instance, str):
            return
        target = reference_target(spec)
        if target[0] in unreadable:  # that file has its own errors: don't add misleading ones here
            return
        ids = known_ids.get(target, [])
        if instance not in ids:
            error = _DanglingReference(f"unknown reference {instance!r} to {spec}")
            error.french = _dangling_message(instance, target, ids)
            yield error

    return jsonschema.validators.extend(Draft7Validator, {"x-reference": x_reference})


def _dangling_message(value: str, target: tuple[str, str], ids: list[str]) -> str:
    framework, list_key = target
    where = f"{framework}.yml" if framework == list_key else f"{framework}.yml ({list_key})"
    message = f"identifiant inconnu « {value} » : il n'existe pas dans {where}"
    close = difflib.get_close_matches(value, ids, n=1, cutoff=0.6)
    if close:
        message += f" ; vouliez-vous dire « {close[0]} » ?"
    elif ids:
        message += " ; valeurs possibles : " + ", ".join(ids)
    return message


def _as_list(value) -> str:
    return ", ".join(f"« {item} »" for item in value)


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'s' if count > 1 else ''}"


# Messages that depend only on the keyword's value (and the faulty instance).
_VALUE_MESSAGES = {
    "minLength": lambda value, instance: "ne doit pas être vide" if value == 1 else f"doit contenir au moins {value} caractères",
    "maxLength": lambda value, instance: f"trop long : {value} caractères au plus (ici {len(instance)})",
    "minItems": lambda value, instance: f"la liste doit contenir au moins {_plural(value, 'élément')}",
    "maxItems": lambda value, instance: f"la liste doit contenir au plus {_plural(value, 'élément')}",
    "uniqueItems": lambda value, instance: "la liste contient deux fois la même valeur",
    "enum": lambda value, instance: f"valeur non permise ; valeurs possibles : {_as_list(value)}",
    "const": lambda value, instance: f"doit valoir « {value} »",
    "minimum": lambda value, instance: f"doit être supérieur ou égal à {value}",
    "maximum": lambda value, instance: f"doit être inférieur ou égal à {value}",
    "exclusiveMinimum": lambda value, instance: f"doit être strictement supérieur à {value}",
    "exclusiveMaximum": lambda value, instance: f"doit être strictement inférieur à {value}",
    "format": lambda value, instance: f"format invalide ({value})",
}


_WRITTEN_NUMBER = re.compile(r"^\s*(-?[0-9][0-9 \u00a0\u202f]*(?:[.,][0-9]+)?)\s*([^0-9\s].*)?$")


def _number_hint(instance, expected: list[str]) -> str:
    """What to type when a number was written the way one writes it in French prose: « 37,5 »,
    « 1 000 000 », « 40 h ». YAML reads those as text; the field wants the bare number."""
    if not isinstance(instance, str) or not {"integer", "number"} & set(expected):
        return ""
    match = _WRITTEN_NUMBER.match(instance)
    if not match:
        return ""
    digits, unit = match.groups()
    digits = digits.strip()
    bare = re.sub(r"[ \u00a0\u202f]", "", digits).replace(",", ".")
    if "integer" in expected and "number" not in expected and "." in bare:
        return f" : écrivez un nombre sans décimale (ici « {instance.strip()} »)"
    reasons = []
    if "," in digits:
        reasons.append("avec un point pour les décimales")
    if bare != digits.replace(",", "."):
        reasons.append("sans espace entre les chiffres")
    if unit:
        reasons.append(f"sans l'unité « {unit.strip()} », que la page affiche déjà")
    return f" : écrivez {bare}" + (f" ({' ; '.join(reasons)})" if reasons else "")


def _french_message(error: ValidationError) -> tuple[tuple, str, bool]:
    """(field path, message, point at the key rather than the value)."""
    path = tuple(error.absolute_path)
    kind = error.validator
    # iter_errors sets the keyword's value and schema on every error it yields: the stubs' ``Unset`` (the default
    # of a ValidationError built by hand) never reaches here, and the value is whatever JSON the schema holds.
    value = cast(Any, error.validator_value)
    schema = error.schema if isinstance(error.schema, Mapping) else {}  # a ``false`` schema has no keywords
    if hasattr(error, "french"):
        return path, error.french, False
    if kind == "required":
        missing = next((name for name in value if isinstance(error.instance, dict) and name not in error.instance), value[0])
        return path + (missing,), "ce champ est obligatoire", False
    if kind == "additionalProperties" and isinstance(error.instance, dict):  # the keyword reports on objects only
        allowed = list(schema.get("properties", {}))
        extras = [key for key in error.instance if key not in allowed]
        extra = extras[0] if extras else "?"
        message = "champ inconnu"
        close = difflib.get_close_matches(str(extra), allowed, n=1, cutoff=0.6)
        if close:
            message += f" : vouliez-vous dire « {close[0]} » ?"
        else:
            message += " ; champs possibles ici : " + ", ".join(allowed)
        return path + (extra,), message, True
    if kind == "type":
        expected: list[str] = value if isinstance(value, list) else [value]
        names = " ou ".join(_TYPE_NAMES.get(name, name) for name in expected)
        return path, f"doit être {names}" + _number_hint(error.instance, expected), False
    if kind in _VALUE_MESSAGES:
        return path, _VALUE_MESSAGES[kind](value, error.instance), False
    if kind == "pattern":
        hint = schema.get("x-format-fr")
        return path, hint or f"format invalide ; format attendu : {value}", False
    if kind in ("anyOf", "oneOf"):
        hint = schema.get("x-format-fr") or "valeur d'une forme non prévue"
        return path, hint, False
    return path, f"valeur non valide ({kind})", False


def schema_registry(schemas_dir: Path) -> Registry:
    """Resolve ``$ref`` to sibling schema files (``commun.schema.json#/definitions/texte``).

    Every schema of the folder is loaded once, up front: lookups then cost nothing.
    """
    resources = [
        (path.name, Resource.from_contents(json.loads(path.read_text(encoding="utf-8")), default_specification=DRAFT7))
        for path in sorted(schemas_dir.glob("*.schema.json"))
    ]
    return Registry().with_resources(resources)


def validate(
    parsed: ParsedYaml,
    schema: dict,
    filename: str,
    known_ids: dict[tuple[str, str], list[str]],
    registry: Registry,
    unreadable: AbstractSet[str] = frozenset(),
) -> list[ContentError]:
    """Every schema error of one parsed file, in French, with its position.

    ``unreadable`` names the frameworks whose file could not be parsed: references to
    them are not checked (their own syntax error is the one to fix first).
    """
    validator = _make_validator_class(known_ids, unreadable)(schema, registry=registry)
    errors = []
    for error in validator.iter_errors(parsed.data):
        # For anyOf/oneOf, prefer the most specific inner error when there is one.
        if error.context:
            best = jsonschema.exceptions.best_match(error.context)
            if best is not None and best.validator not in ("type",):
                error = best
        path, message, at_key = _french_message(error)
        line, column = parsed.key_position_of(path) if at_key else parsed.position_of(path)
        errors.append(ContentError(filename, line, column, format_field_path(path), message))
    return errors


_VALID_SCHEMAS: set[str] = set()


def check_schema(schema: dict) -> None:
    """Raise if a schema itself is not valid draft-07 (a programmer's error, not an editor's).

    A schema found valid once is not checked again (the live preview and the tests load often).
    """
    key = json.dumps(schema, sort_keys=True)
    if key not in _VALID_SCHEMAS:
        Draft7Validator.check_schema(schema)
        _VALID_SCHEMAS.add(key)
