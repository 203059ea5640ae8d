"""Validate parsed framework data against its JSON Schema, with French messages.

Schemas are standard draft-07 (so yaml-language-server can offer completion in the
editor) plus two keywords of ours, which declare every reference between files:

- ``x-reference`` on a field whose value must be the ``id`` of an item of another
  framework list: ``"x-reference": "NAME"`` (the list named like the file, ``NAME``
  of ``NAME.yml``) or ``"x-reference": "sourcing#options"`` (the list ``options`` of
  ``sourcing.yml``). Identifiers are collected from every file before validation, so
  every dangling reference is reported along with the other errors.
- ``"x-framework": true`` on a field whose value must be the name of a framework (a
  file of ``frameworks/``, without ``.yml``): the ``cadre`` definition of
  ``commun.schema.json``, which every link to a page uses.

``references`` finds, in valid data, where each ``x-reference`` sits and what it names.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from collections.abc import Set as AbstractSet
from datetime import date
from typing import Any, cast

import jsonschema
from jsonschema import Draft7Validator
from jsonschema.exceptions import ValidationError
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT7

from common.suggestions import did_you_mean
from guide.errors import ContentError, format_field_path
from guide.template_helpers import french_date
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
    """``"sourcing#options"`` -> (``sourcing``, ``options``); ``"NAME"`` -> (``NAME``, ``NAME``)."""
    framework, _, list_key = spec.partition("#")
    return framework, list_key or framework


class _WrittenInFrench(ValidationError):
    """An error of one of our keywords, with its French message (``french``) already written."""

    french: str


def _make_validator_class(known_ids: dict[tuple[str, str], list[str]], unreadable: AbstractSet[str],
                          framework_names: Sequence[str]):
    def x_reference(validator, spec, instance, schema):
        if not isinstance(instance, str):
            return
        target = reference_target(spec)
        if target[0] in unreadable:  # that file has its own errors: don't add misleading ones here
            return
        ids = known_ids.get(target, [])
        if instance not in ids:
            error = _WrittenInFrench(f"unknown reference {instance!r} to {spec}")
            error.french = _dangling_message(instance, target, ids)
            yield error

    def x_framework(validator, enabled, instance, schema):
        if not enabled or not isinstance(instance, str) or instance in framework_names:
            return
        pattern = schema.get("pattern")
        if pattern and not re.search(pattern, instance):
            return  # not even a name: the pattern's own message says what to write
        error = _WrittenInFrench(f"unknown framework {instance!r}")
        error.french = (f"cadre inconnu « {instance} » : aucun fichier frameworks/{instance}.yml"
                        + did_you_mean(instance, framework_names, possible="cadres possibles"))
        yield error

    return jsonschema.validators.extend(Draft7Validator, {"x-reference": x_reference, "x-framework": x_framework})


def _dangling_message(value: str, target: tuple[str, str], ids: list[str]) -> str:
    framework, list_key = target
    where = f"{framework}.yml" if framework == list_key else f"{framework}.yml ({list_key})"
    return (f"identifiant inconnu « {value} » : il n'existe pas dans {where}"
            + did_you_mean(value, ids, possible="valeurs possibles" if ids else None))


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


def _empty_message(path: tuple, expected: list[str]) -> str:
    """A field written with nothing after its « : » (``question:``): YAML reads it as empty, not as a wrong type."""
    name = next((part for part in reversed(path) if isinstance(part, str)), None)
    written = f"« {name}: »" if name else "le « - »"
    if "string" in expected:
        return f"ce texte est vide : écrivez-le après {written}, sur la même ligne, entre guillemets doubles"
    if "array" in expected:
        return (f"cette liste est vide : écrivez ses éléments sous {written}, un par ligne commençant par « - », "
                "indentés de deux espaces de plus")
    if "object" in expected:
        return f"ce bloc est vide : écrivez ses champs sous {written}, indentés de deux espaces de plus"
    if {"integer", "number"} & set(expected):
        return f"ce nombre est vide : écrivez-le après {written}, sur la même ligne"
    return f"ce champ est vide : écrivez {' ou '.join(_TYPE_NAMES.get(kind, kind) for kind in expected)} après {written}"


_OTHER_DATE = re.compile(r"^\s*(\d{1,2})\s*[/.\-]\s*(\d{1,2})\s*[/.\-]\s*(\d{4})\s*$")


def _date_hint(instance: object) -> str:
    """« 29/11/2026 » -> `` : écrivez 2026-11-29``, when the date is readable day first, as in French."""
    match = _OTHER_DATE.match(instance) if isinstance(instance, str) else None
    if not match:
        return ""
    day, month, year = (int(part) for part in match.groups())
    try:
        written = date(year, month, day).isoformat()
    except ValueError:
        return ""
    return f' ; ici, écrivez "{written}"'


def _impossible_date(instance: object) -> str:
    """The pattern lets through only months 01 to 12 and days 01 to 31: the day is past its month's end."""
    return f"le {french_date(str(instance))} n'existe pas : vérifiez le jour et le mois (AAAA-MM-JJ)"


def _is_calendar_date(instance: object) -> bool:
    """The ``date`` format: a day of the calendar. A text of another form is left to the ``pattern``, whose message
    says how to write a date (two messages for one mistake would be one too many)."""
    if not isinstance(instance, str) or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", instance):
        return True
    try:
        date.fromisoformat(instance)
    except ValueError:
        return False
    return True


FORMATS = jsonschema.FormatChecker(formats=())
FORMATS.checks("date")(_is_calendar_date)


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
        message = "champ inconnu" + did_you_mean(str(extra), allowed, possible="champs possibles ici", lead=" : ")
        return path + (extra,), message, True
    if kind == "type":
        expected: list[str] = value if isinstance(value, list) else [value]
        if error.instance is None and "null" not in expected:
            return path, _empty_message(path, expected), False
        names = " ou ".join(_TYPE_NAMES.get(name, name) for name in expected)
        return path, f"doit être {names}" + _number_hint(error.instance, expected), False
    if kind in _VALUE_MESSAGES:
        return path, _VALUE_MESSAGES[kind](value, error.instance), False
    if kind == "pattern":
        hint = schema.get("x-format-fr") or "n'a pas la forme attendue (voir la description du champ dans son schéma)"
        return path, hint + (_date_hint(error.instance) if schema.get("format") == "date" else ""), False
    if kind == "format":
        return path, _impossible_date(error.instance) if value == "date" else f"format invalide ({value})", False
    if kind in ("anyOf", "oneOf"):
        hint = schema.get("x-format-fr") or "valeur d'une forme non prévue"
        return path, hint, False
    return path, f"valeur non valide ({kind})", False


def schema_registry(schemas: Mapping[str, dict]) -> Registry:
    """Resolve ``$ref`` between the schemas, by file name (``commun.schema.json#/definitions/texte``)."""
    return Registry().with_resources(
        (filename, Resource.from_contents(schema, default_specification=DRAFT7)) for filename, schema in schemas.items()
    )


def validate(
    parsed: ParsedYaml,
    schema: dict,
    filename: str,
    known_ids: dict[tuple[str, str], list[str]],
    registry: Registry,
    unreadable: AbstractSet[str] = frozenset(),
    framework_names: Sequence[str] = (),
) -> list[ContentError]:
    """Every schema error of one parsed file, in French, with its position.

    ``unreadable`` names the frameworks whose file could not be parsed: references to
    them are not checked (their own syntax error is the one to fix first). ``framework_names``:
    every framework, for ``x-framework``.
    """
    validator = _make_validator_class(known_ids, unreadable, framework_names)(schema, registry=registry,
                                                                              format_checker=FORMATS)
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


def check_schema(schema: dict) -> None:
    """Raise if a schema itself is not valid draft-07 (a programmer's error, not an editor's)."""
    Draft7Validator.check_schema(schema)


def references(data: Any, schema: dict, registry: Registry) -> dict[tuple, tuple[str, str]]:
    """Where valid ``data`` holds a reference: the path of each field whose schema says ``x-reference``,
    with the (framework, list) it names an item of, in the order of the file.

    The schema is followed through ``$ref``, ``allOf``, ``anyOf``, ``oneOf``, ``properties``,
    ``additionalProperties`` and ``items``: where draft-07 schemas describe fields.
    """
    found: dict[tuple, tuple[str, str]] = {}

    def walk(value: Any, node: Any, resolver: Any, path: tuple) -> None:
        while isinstance(node, dict) and "$ref" in node:  # draft-07: a $ref replaces its siblings
            resolved = resolver.lookup(node["$ref"])
            node, resolver = resolved.contents, resolved.resolver
        if not isinstance(node, dict):
            return
        if "x-reference" in node and isinstance(value, str):
            found[path] = reference_target(node["x-reference"])
        for keyword in ("allOf", "anyOf", "oneOf"):
            for branch in node.get(keyword, []):
                walk(value, branch, resolver, path)
        if isinstance(value, dict):
            properties, additional = node.get("properties", {}), node.get("additionalProperties")
            for key, item in value.items():
                walk(item, properties.get(key, additional), resolver, path + (key,))
        elif isinstance(value, list) and isinstance(node.get("items"), dict):
            for index, item in enumerate(value):
                walk(item, node["items"], resolver, path + (index,))

    walk(data, schema, registry.resolver(base_uri=schema.get("$id", "")), ())
    return found
