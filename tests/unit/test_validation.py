"""Each JSON Schema keyword an editor can trip gives a French message at the right place."""

from __future__ import annotations

import pytest
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT7

from guide.validation import _number_hint, references, validate
from guide.yaml_source import parse_yaml

SCHEMA = {
    "$schema": "http://json-schema.org/draft-07/schema#",
    "type": "object",
    "additionalProperties": False,
    "properties": {
        "liste": {"type": "array", "minItems": 2, "maxItems": 3, "uniqueItems": True, "items": {"type": "string"}},
        "choix": {"type": "string", "enum": ["a", "b"]},
        "nombre": {"type": "integer", "minimum": 1, "maximum": 9},
        "court": {"type": "string", "maxLength": 5},
        "ident": {"type": "string", "pattern": "^[a-z]+$", "x-format-fr": "des minuscules seulement"},
        "lien": {"type": "string", "x-reference": "phases"},
    },
}


@pytest.mark.parametrize(
    ("yaml_text", "field", "message"),
    [
        ("liste: [x]\n", "liste", "la liste doit contenir au moins 2 éléments"),
        ("liste: [a, b, c, d]\n", "liste", "la liste doit contenir au plus 3 éléments"),
        ("liste: [a, a]\n", "liste", "la liste contient deux fois la même valeur"),
        ("liste: texte\n", "liste", "doit être une liste (lignes commençant par « - »)"),
        ("choix: c\n", "choix", "valeur non permise ; valeurs possibles : « a », « b »"),
        ("nombre: 0\n", "nombre", "doit être supérieur ou égal à 1"),
        ("nombre: 10\n", "nombre", "doit être inférieur ou égal à 9"),
        ("nombre: 1.5\n", "nombre", "doit être un nombre entier"),
        ("court: beaucoup\n", "court", "trop long : 5 caractères au plus (ici 8)"),
        ("ident: Abc\n", "ident", "des minuscules seulement"),
        ("lien: amorcag\n", "lien", "identifiant inconnu « amorcag » : il n'existe pas dans phases.yml ; vouliez-vous dire « amorcage » ?"),
        ("autre: 1\n", "autre", "champ inconnu ; champs possibles ici : liste, choix, nombre, court, ident, lien"),
    ],
)
def test_keyword_messages_in_french(yaml_text, field, message):
    parsed = parse_yaml("# entête\n" + yaml_text, "frameworks/x.yml")
    [error] = validate(parsed, SCHEMA, "frameworks/x.yml", {("phases", "phases"): ["amorcage"]}, Registry())
    assert (error.file, error.line, error.field, error.message) == ("frameworks/x.yml", 2, field, message)


NESTED = {
    "type": "object", "additionalProperties": False, "required": ["bloc"],
    "properties": {"bloc": {"type": "object", "additionalProperties": False, "required": ["titre", "texte"],
                            "properties": {"titre": {"type": "string"}, "texte": {"type": "string"}}}},
}


@pytest.mark.parametrize(("yaml_text", "expected"), [
    # A missing field is reported at the block that misses it, named by its full path.
    ("bloc:\n  titre: Un titre\n", [(2, 3, "bloc.texte", "ce champ est obligatoire")]),
    # An unknown field is reported at its own key, with the field it probably stands for.
    ("bloc:\n  titre: Un titre\n  textes: Un texte\n", [
        (2, 3, "bloc.texte", "ce champ est obligatoire"),
        (3, 3, "bloc.textes", "champ inconnu : vouliez-vous dire « texte » ?")]),
    ("autre: 1\n", [(1, 1, "autre", "champ inconnu ; champs possibles ici : bloc"),
                    (1, 1, "bloc", "ce champ est obligatoire")]),
], ids=["manquant", "manquant-et-inconnu", "au-premier-niveau"])
def test_required_and_unknown_fields_at_any_depth(yaml_text, expected):
    """The two keywords the schema lint (tests/unit/test_schemas.py) requires on every object."""
    parsed = parse_yaml("# entête\n" + yaml_text, "frameworks/x.yml")
    errors = validate(parsed, NESTED, "frameworks/x.yml", {}, Registry())
    assert sorted((error.line - 1, error.column, error.field, error.message) for error in errors) == expected


def test_references_to_an_unreadable_file_are_not_reported():
    parsed = parse_yaml("lien: nimporte\n", "frameworks/x.yml")
    assert validate(parsed, SCHEMA, "frameworks/x.yml", {}, Registry(), unreadable={"phases"}) == []


@pytest.mark.parametrize(("written", "expected", "hint"), [
    ("37,5", ["number"], " : écrivez 37.5 (avec un point pour les décimales)"),
    ("1 000 000", ["integer"], " : écrivez 1000000 (sans espace entre les chiffres)"),
    ("40 h", ["integer"], " : écrivez 40 (sans l'unité « h », que la page affiche déjà)"),
    ("10,5", ["integer"], " : écrivez un nombre sans décimale (ici « 10,5 »)"),
    ("quarante", ["integer"], ""),
    ("40 h", ["string"], ""),
])
def test_a_number_written_as_in_prose_gets_what_to_type(written, expected, hint):
    assert _number_hint(written, expected) == hint


# --- Links to a framework: the « cadre » definition, ``"x-framework": true`` --------------------------------

CADRE = {"type": "string", "pattern": "^[a-z0-9]+(-[a-z0-9]+)*$",
         "x-format-fr": "le nom d'un fichier du dossier frameworks, sans « .yml »", "x-framework": True}
LINKS = {"type": "object", "properties": {"cadre": {"$ref": "#/definitions/cadre"},
                                          "themes": {"type": "array", "items": {"$ref": "#/definitions/cadre"}}},
         "definitions": {"cadre": CADRE}}
NAMES = ["modeles", "phases", "sourcing"]


@pytest.mark.parametrize(("yaml_text", "field", "message"), [
    ("cadre: modele\n", "cadre",
     "cadre inconnu « modele » : aucun fichier frameworks/modele.yml ; vouliez-vous dire « modeles » ?"),
    ("themes: [phases, sourcin]\n", "themes[1]",
     "cadre inconnu « sourcin » : aucun fichier frameworks/sourcin.yml ; vouliez-vous dire « sourcing » ?"),
    ("cadre: zzz\n", "cadre",
     "cadre inconnu « zzz » : aucun fichier frameworks/zzz.yml ; cadres possibles : modeles, phases, sourcing"),
    ("cadre: Phases\n", "cadre", "le nom d'un fichier du dossier frameworks, sans « .yml »"),  # no second error
])
def test_a_link_to_an_unknown_framework_is_reported_with_the_closest_name(yaml_text, field, message):
    parsed = parse_yaml("# entête\n" + yaml_text, "frameworks/x.yml")
    [error] = validate(parsed, LINKS, "frameworks/x.yml", {}, Registry(), framework_names=NAMES)
    assert (error.line, error.field, error.message) == (2, field, message)


def test_a_link_to_a_framework_that_exists_is_accepted():
    parsed = parse_yaml("cadre: phases\nthemes: [modeles, sourcing]\n", "frameworks/x.yml")
    assert validate(parsed, LINKS, "frameworks/x.yml", {}, Registry(), framework_names=NAMES) == []


def test_the_real_schemas_declare_every_link_to_a_page_through_the_cadre_definition():
    import json

    from guide.catalog import REPO_ROOT

    commun = json.loads((REPO_ROOT / "frameworks" / "schemas" / "commun.schema.json").read_text(encoding="utf-8"))
    assert commun["definitions"]["cadre"]["x-framework"] is True


# --- Where the references sit -------------------------------------------------------------------------------


def test_references_are_found_through_refs_allof_properties_and_items():
    shared = {"$id": "shared.json", "definitions": {"phase": {"type": "string", "x-reference": "phases"}}}
    schema = {
        "$id": "x.json",
        "type": "object",
        "properties": {
            "rows": {"type": "array", "items": {"type": "object", "properties": {
                "phase": {"$ref": "shared.json#/definitions/phase"},
                "option": {"allOf": [{"type": "string", "x-reference": "sourcing#options"}]},
            }}},
            "texte": {"type": "string"},
        },
    }
    registry = Registry().with_resources([
        ("shared.json", Resource.from_contents(shared, default_specification=DRAFT7)),
        ("x.json", Resource.from_contents(schema, default_specification=DRAFT7)),
    ])
    data = {"texte": "phases", "rows": [{"phase": "amorcage", "option": "hybride"}, {"phase": "structuration"}]}
    assert references(data, schema, registry) == {
        ("rows", 0, "phase"): ("phases", "phases"),
        ("rows", 0, "option"): ("sourcing", "options"),
        ("rows", 1, "phase"): ("phases", "phases"),
    }


# --- An empty field, a date ---------------------------------------------------------------------------------

EMPTY = {"type": "object", "properties": {"question": {"type": "string"}, "risques": {"type": "array"},
                                          "bloc": {"type": "object"}, "valeur": {"type": "integer"}}}


@pytest.mark.parametrize(("yaml_text", "message"), [
    ("question:\n", "ce texte est vide : écrivez-le après « question: », sur la même ligne, entre guillemets doubles"),
    ("risques:\n", "cette liste est vide : écrivez ses éléments sous « risques: », un par ligne commençant par « - », "
                   "indentés de deux espaces de plus"),
    ("bloc:\n", "ce bloc est vide : écrivez ses champs sous « bloc: », indentés de deux espaces de plus"),
    ("valeur:\n", "ce nombre est vide : écrivez-le après « valeur: », sur la même ligne"),
])
def test_a_field_with_nothing_after_its_colon_is_said_empty_not_of_the_wrong_type(yaml_text, message):
    parsed = parse_yaml("# entête\n" + yaml_text, "frameworks/x.yml")
    [error] = validate(parsed, EMPTY, "frameworks/x.yml", {}, Registry())
    assert error.message == message


def commun_registry():
    import json

    from guide.catalog import REPO_ROOT
    from guide.validation import schema_registry

    path = REPO_ROOT / "frameworks" / "schemas" / "commun.schema.json"
    return schema_registry({"commun.schema.json": json.loads(path.read_text(encoding="utf-8"))})


DATED = {"type": "object", "properties": {"date": {"allOf": [{"$ref": "commun.schema.json#/definitions/date"}]}}}


@pytest.mark.parametrize(("written", "message"), [
    ("29/11/2026", "une date s'écrit AAAA-MM-JJ, l'année d'abord (par exemple : 2025-07-25) ; ici, écrivez \"2026-11-29\""),
    ("novembre 2026", "une date s'écrit AAAA-MM-JJ, l'année d'abord (par exemple : 2025-07-25)"),
    ("2026-02-30", "le 30 février 2026 n'existe pas : vérifiez le jour et le mois (AAAA-MM-JJ)"),
])
def test_a_date_gets_a_french_message_and_what_to_type(written, message):
    parsed = parse_yaml(f"# entête\ndate: {written}\n", "frameworks/x.yml")
    [error] = validate(parsed, DATED, "frameworks/x.yml", {}, commun_registry())
    assert (error.line, error.field, error.message) == (2, "date", message)


def test_a_real_date_passes():
    parsed = parse_yaml("date: 2024-02-29\n", "frameworks/x.yml")
    assert validate(parsed, DATED, "frameworks/x.yml", {}, commun_registry()) == []
