"""The admin's configuration (guide/admin.py): computed from the JSON Schemas, field by field, and served as
the schemas give it."""

from __future__ import annotations

import re

import yaml

from guide.admin import (
    FORMAT_NAME,
    admin_config,
    entry_address,
    github_repository,
    site_admin_config,
)
from guide.catalog import REPO_ROOT, framework_names
from tests.support import TEST_EDIT_URI, TEST_REPOSITORY

COMMON = {
    "$id": "commun.schema.json",
    "definitions": {
        "texte": {"type": "string", "description": "Un texte.", "pattern": "\\S", "x-format-fr": "le texte ne doit pas être vide"},
        "cadre": {"type": "string", "pattern": "^[a-z]+$", "x-format-fr": "un nom de fichier", "x-framework": True},
    },
}
FIXTURE = {
    "$id": "essai.schema.json",
    "title": "Un cadre d'essai",
    "description": "Ce que dit le fichier.",
    "type": "object",
    "required": ["items"],
    "properties": {
        "items": {
            "type": "array",
            "description": "Les éléments.",
            "minItems": 2,
            "items": {
                "type": "object",
                "required": ["nom", "reponse", "niveau", "source"],
                "anyOf": [{"required": ["auteur"]}, {"required": ["organisation"]}],
                "properties": {
                    "nom": {"description": "Le nom.", "allOf": [{"$ref": "commun.schema.json#/definitions/texte"}]},
                    "reponse": {"$ref": "commun.schema.json#/definitions/texte"},
                    "titre_court": {"allOf": [{"$ref": "commun.schema.json#/definitions/texte"}], "maxLength": 12},
                    "niveau": {"type": "string", "enum": ["bas", "haut"]},
                    "source": {"type": "string", "x-reference": "sources"},
                    "cadre": {"$ref": "commun.schema.json#/definitions/cadre"},
                    "effectif": {"type": "integer", "minimum": 1, "maximum": 500},
                    "plafond": {"type": ["integer", "null"], "minimum": 1},
                    "taux": {"type": "number", "minimum": 0},
                    "auteur": {"type": "string"},
                    "organisation": {"type": "string"},
                    "themes": {"type": "array", "minItems": 1, "items": {"$ref": "commun.schema.json#/definitions/cadre"}},
                    "exemples": {"type": "array", "items": {"$ref": "commun.schema.json#/definitions/texte"}},
                    "valeur": {"type": ["number", "string", "null"]},
                    "valeurs": {"type": "object", "additionalProperties": {"type": "number"}},
                },
            },
        },
    },
}
IDS = {("sources", "sources"): ["blot", "advalians"]}


def fields_of(config: dict) -> dict:
    [collection] = config["collections"]
    [entry] = collection["files"]
    [items] = entry["fields"]
    return items, {field["name"]: field for field in items["fields"]}


def test_each_field_says_what_its_schema_says():
    config = admin_config({"commun.schema.json": COMMON, "essai.schema.json": FIXTURE}, IDS, ["essai"],
                          "acme/guide", "trunk")
    assert config["locale"] == "fr" and config["publish_mode"] == "editorial_workflow"
    assert config["backend"]["name"] == "github" and config["backend"]["repo"] == "acme/guide"
    assert config["backend"]["branch"] == "trunk"
    [collection] = config["collections"]
    assert collection["name"] == "essai" and collection["label"] == "Un cadre d'essai" and collection["format"] == FORMAT_NAME
    assert collection["files"][0]["file"] == "frameworks/essai.yml" and collection["files"][0]["name"] == "essai"
    items, fields = fields_of(config)
    assert items["widget"] == "list" and items["min"] == 2 and items["summary"] == "{{fields.nom}}"
    assert items["hint"] == "Les éléments." and "required" not in items  # required: Decap's default
    assert fields["nom"]["widget"] == "string" and fields["nom"]["hint"] == "Le nom."
    assert fields["nom"]["pattern"] == ["\\S", "le texte ne doit pas être vide"]  # the check's own message
    assert fields["reponse"]["widget"] == "text" and fields["reponse"]["label"] == "Réponse"
    # One pattern per field in Decap: the schema's and its length limit, with both messages of the check.
    pattern, message = fields["titre_court"]["pattern"]
    assert message == "le texte ne doit pas être vide ; trop long : 12 caractères au plus"
    assert [bool(re.search(pattern, text)) for text in ("Repères", "   ", "Repères chiffrés")] == [True, False, False]
    assert fields["niveau"] == {"name": "niveau", "label": "Niveau", "widget": "select", "options": ["bas", "haut"]}
    assert fields["source"]["widget"] == "select" and fields["source"]["options"] == ["blot", "advalians"]
    assert fields["cadre"]["options"] == ["essai"] and fields["cadre"]["required"] is False
    assert (fields["effectif"]["widget"], fields["effectif"]["value_type"]) == ("number", "int")
    assert (fields["effectif"]["min"], fields["effectif"]["max"]) == (1, 500)
    assert fields["plafond"]["required"] is False and fields["plafond"]["min"] == 1
    assert fields["taux"]["value_type"] == "float"
    assert fields["auteur"]["required"] is False and fields["organisation"]["required"] is False  # one or the other
    assert fields["themes"]["widget"] == "select" and fields["themes"]["multiple"] is True and fields["themes"]["min"] == 1
    assert fields["exemples"]["widget"] == "list" and fields["exemples"]["field"]["widget"] == "text"
    # What a form cannot say is left to the YAML and to the check on the pull request (the save format keeps it).
    assert "valeur" not in fields and "valeurs" not in fields


def test_the_repository_comes_from_its_address():
    assert github_repository("https://github.com/acme/guide-marketing", "edit/trunk/docs/") == ("acme/guide-marketing", "trunk")
    assert github_repository("https://github.com/acme/guide.git/", None) == ("acme/guide", "main")
    assert github_repository("https://gitlab.com/acme/guide", "edit/main/docs/") is None


def test_an_entry_address_names_its_collection_and_file():
    assert entry_address("faq") == "admin/#/collections/faq/entries/faq"


def test_the_served_configuration_is_the_one_the_schemas_give(built_site, guide):
    served = yaml.safe_load((built_site / "admin" / "config.yml").read_text(encoding="utf-8"))
    names = framework_names(REPO_ROOT / "frameworks")
    assert served == site_admin_config(REPO_ROOT / "frameworks" / "schemas", guide.ids, names, TEST_REPOSITORY,
                                       TEST_EDIT_URI)
    # Every framework file is one collection whose one entry the pages' « Modifier » links open.
    for name in names:
        [collection] = [collection for collection in served["collections"] if collection["name"] == name]
        [entry] = collection["files"]
        assert entry_address(name) == f"admin/#/collections/{collection['name']}/entries/{entry['name']}"
        assert entry["file"] == f"frameworks/{name}.yml"
