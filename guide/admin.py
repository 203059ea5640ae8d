"""The editors' admin (Decap CMS at ``/admin/``): its configuration, computed from the JSON Schemas, and
the address of a framework file's entry in it.

``admin_config`` is a pure function: the schemas (every ``*.schema.json`` by file name), the current ids
of the lists that ``x-reference`` names, the framework names, the repository and its branch -> the
configuration Decap reads (``config.yml``). One collection per framework file, named like the file,
holding one entry named like the file too, so that the entry's address in the admin is
``#/collections/NAME/entries/NAME`` (``entry_address``, used by the pages' « Modifier » links).

What a form says, the schema says: strings and long texts, enums as selects, ``x-reference`` and
``x-framework`` as selects over the current ids and names, numbers with their bounds, lists with a
summary line, required fields, descriptions as hints, patterns with the check's own French message
(``x-format-fr``). What a form cannot say (a value of several types, a map of free keys, cross-file
rules, ``{seuil:…}``, citations) is left out of the form or to the content check, which runs on every
pull request (scripts/check, the CI workflow); a field left out of the form is kept as written by the
admin's save format (``admin/format.mjs``), which rewrites only the values an editor changed.
"""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import yaml

from guide.validation import reference_target

ADMIN_DIR = "admin"
CONFIG_FILE = "config.yml"
# The save format registered by admin/admin.mjs (CMS.registerCustomFormat): the file as read, only the
# edited values rewritten.
FORMAT_NAME = "yaml-guide"
FRAMEWORKS_FOLDER = "frameworks"
MEDIA_FOLDER = "docs/assets/images"  # Decap requires one; the guide's frameworks hold no image
DECAP_SERVER_PORT = 8081  # decap-server's default port (scripts/edit); Decap looks for it on localhost only

# Fields whose text is short (one line in the form); every other text is a multi-line box.
_SHORT_TEXTS = {"id", "titre", "titre_court", "nom", "terme", "question", "cadre", "unite", "libelle", "label",
                "auteur", "organisation", "url", "date", "source", "lien"}
# The field that names an item in a list's summary line, in order of preference.
_SUMMARY_FIELDS = ("titre", "question", "nom", "terme", "libelle", "label", "id", "source", "cadre")


def collection_name(framework: str) -> str:
    return framework


def entry_address(framework: str) -> str:
    """The admin's address of a framework file's entry, relative to the site's root: ``admin/#/collections/faq/entries/faq``."""
    return f"{ADMIN_DIR}/#/collections/{collection_name(framework)}/entries/{collection_name(framework)}"


def github_repository(repo_url: str | None, edit_uri: str | None) -> tuple[str, str] | None:
    """``https://github.com/owner/name`` and ``edit/main/docs/`` -> (``owner/name``, ``main``); None elsewhere."""
    match = re.fullmatch(r"https?://github\.com/([^/]+)/([^/]+?)(?:\.git)?/?", repo_url or "")
    if not match:
        return None
    branch = re.match(r"(?:edit|blob|tree)/([^/]+)", (edit_uri or "").lstrip("/"))
    return f"{match.group(1)}/{match.group(2)}", branch.group(1) if branch else "main"


# A field's label is its name in words; names are written without accents, labels with them.
_ACCENTS = {
    "a": "à", "au-dela": "au-delà", "coherence": "cohérence", "consequence": "conséquence", "cout": "coût",
    "critere": "critère", "criteres": "critères", "decision": "décision", "defaut": "défaut", "defi": "défi",
    "definition": "définition", "detail": "détail", "developpe": "développé", "elements": "éléments",
    "equipe": "équipe", "etape": "étape", "etapes": "étapes", "frequence": "fréquence", "generative": "générative",
    "hypothese": "hypothèse", "hypotheses": "hypothèses", "ia": "IA", "lecons": "leçons", "legende": "légende",
    "modele": "modèle", "modeles": "modèles", "numero": "numéro", "periode": "période", "pole": "pôle",
    "poles": "pôles", "precision": "précision", "priorites": "priorités", "probleme": "problème",
    "problemes": "problèmes", "recommande": "recommandé", "regle": "règle", "regles": "règles",
    "repere": "repère", "reperes": "repères", "reponse": "réponse", "resultats": "résultats", "resume": "résumé",
    "role": "rôle", "roles": "rôles", "sensible": "sensible", "symptome": "symptôme", "themes": "thèmes",
    "unite": "unité", "verification": "vérification", "cmo": "CMO", "bu": "BU", "url": "URL", "t": "T",
    "c": "C", "p": "P", "garde-fou": "garde-fou", "depuis": "depuis", "dela": "delà",
}


def _label(name: str) -> str:
    """``reponse`` -> « Réponse », ``a_partir_de`` -> « À partir de », ``au_dela_de`` -> « Au-delà de »."""
    words = [_ACCENTS.get(word, word) for word in name.replace("au_dela", "au-dela").replace("garde_fou", "garde-fou").split("_")]
    text = " ".join(words).strip()
    return text[:1].upper() + text[1:]


class _Schemas:
    """Resolves ``$ref`` (``commun.schema.json#/definitions/x`` or ``#/definitions/x``) and merges ``allOf``."""

    def __init__(self, schemas: Mapping[str, dict]):
        self.schemas = schemas

    def _pointer(self, ref: str, current: str) -> tuple[dict, str]:
        file, _, pointer = ref.partition("#")
        file = file or current
        node: Any = self.schemas[file]
        for part in [part for part in pointer.split("/") if part]:
            node = node[part]
        return node, file

    def flat(self, schema: dict, current: str) -> tuple[dict, str]:
        """One schema with its ``$ref`` and ``allOf`` merged in (the field's own keywords win)."""
        merged: dict = {}
        where = current
        if "$ref" in schema:
            target, where = self._pointer(schema["$ref"], current)
            merged.update(self.flat(target, where)[0])
        for part in schema.get("allOf", []):
            resolved, part_where = self.flat(part, current)
            if "$ref" in part:
                where = part_where
            merged.update(resolved)
        merged.update({key: value for key, value in schema.items() if key not in ("$ref", "allOf")})
        return merged, where


def admin_config(schemas: Mapping[str, dict], ids: Mapping[tuple[str, str], Sequence[str]],
                 framework_names: Sequence[str], repository: str, branch: str,
                 base_url: str | None = None, site_domain: str | None = None) -> dict:
    """The configuration of the admin (``config.yml``) for the frameworks ``framework_names``, whose
    schemas are ``schemas[NAME.schema.json]``."""
    resolver = _Schemas(schemas)
    backend: dict[str, Any] = {"name": "github", "repo": repository, "branch": branch,
                               "commit_messages": {"create": "Ajout de {{slug}} dans {{collection}} (formulaires)",
                                                   "update": "{{collection}} : modification dans les formulaires",
                                                   "delete": "Suppression de {{slug}} dans {{collection}} (formulaires)"}}
    # How an editor signs in on GitHub: through an OAuth relay (Decap's default: Netlify's, api.netlify.com),
    # which knows the GitHub OAuth app by the name of a Netlify site (site_domain; default: the page's host).
    if base_url:
        backend["base_url"] = base_url
    if site_domain:
        backend["site_domain"] = site_domain
    collections = []
    for name in framework_names:
        schema_file = f"{name}.schema.json"
        schema, where = resolver.flat(schemas[schema_file], schema_file)
        builder = _Fields(resolver, ids, framework_names)
        collection: dict[str, Any] = {
            "name": collection_name(name),
            "label": schema.get("title") or _label(name),
            "format": FORMAT_NAME,
            "extension": "yml",
            "editor": {"preview": False},
            "files": [{
                "name": collection_name(name),
                "label": schema.get("title") or _label(name),
                "file": f"{FRAMEWORKS_FOLDER}/{name}.yml",
                "fields": builder.object_fields(schema, where),
            }],
        }
        if schema.get("description"):
            collection["description"] = schema["description"]
        collections.append(collection)
    return {
        "locale": "fr",
        "backend": backend,
        "publish_mode": "editorial_workflow",
        # decap-server (scripts/edit) on the editor's own computer: Decap uses it only when the admin is served
        # from localhost or 127.0.0.1.
        "local_backend": True,
        "media_folder": MEDIA_FOLDER,
        "collections": collections,
    }


class _Fields:
    def __init__(self, resolver: _Schemas, ids: Mapping[tuple[str, str], Sequence[str]], framework_names: Sequence[str]):
        self.resolver = resolver
        self.ids = ids
        self.framework_names = list(framework_names)

    def object_fields(self, schema: dict, where: str) -> list[dict]:
        required = set(schema.get("required", []))
        # anyOf of required sets (« un auteur ou une organisation »): none of them is required on its own.
        for option in schema.get("anyOf", []):
            required -= set(option.get("required", []))
        fields = []
        for key, sub in schema.get("properties", {}).items():
            field = self.field(key, sub, where, key in required)
            if field is not None:
                fields.append(field)
        return fields

    def field(self, key: str, raw: dict, where: str, required: bool) -> dict | None:
        schema, where = self.resolver.flat(raw, where)
        types = schema.get("type")
        types = [types] if isinstance(types, str) else list(types or [])
        if "null" in types:
            types.remove("null")
            required = False
        if len(types) != 1:
            return None  # several types (a calculator's value): YAML only, checked on the pull request
        kind = types[0]
        field: dict[str, Any] = {"name": key, "label": _label(key)}
        if schema.get("description"):
            field["hint"] = schema["description"]
        if not required:
            field["required"] = False
        if kind == "object":
            if not schema.get("properties"):
                return None  # a map of free keys: YAML only
            field.update(widget="object", collapsed=True, fields=self.object_fields(schema, where))
            field["summary"] = _summary(schema)
            if not field["summary"]:
                del field["summary"]
            return field
        if kind == "array":
            return self._list(field, schema, where)
        field.update(self._scalar(key, schema))
        return field

    def _choices(self, schema: dict) -> list[str] | None:
        if "enum" in schema:
            return [str(value) for value in schema["enum"]]
        if "x-reference" in schema:
            return list(self.ids.get(reference_target(schema["x-reference"]), []))
        if schema.get("x-framework"):
            return list(self.framework_names)
        return None

    def _scalar(self, key: str, schema: dict) -> dict:
        types = schema.get("type")
        kind = next(kind for kind in ([types] if isinstance(types, str) else list(types or [])) if kind != "null")
        choices = self._choices(schema)
        if choices is not None:
            return {"widget": "select", "options": choices}
        if kind in ("integer", "number"):
            widget: dict[str, Any] = {"widget": "number", "value_type": "int" if kind == "integer" else "float"}
            if "minimum" in schema:
                widget["min"] = schema["minimum"]
            if "maximum" in schema:
                widget["max"] = schema["maximum"]
            return widget
        if kind == "boolean":
            return {"widget": "boolean"}
        short = key in _SHORT_TEXTS or schema.get("maxLength", 1000) <= 160 or "format" in schema
        widget = {"widget": "string" if short else "text"}
        # Decap takes one pattern per field: the schema's, and its length limit if it has one, with the check's
        # messages (guide/validation.py).
        pattern, message = schema.get("pattern"), schema.get("x-format-fr") or "n'a pas la forme attendue"
        if "maxLength" in schema:
            limit = schema["maxLength"]
            too_long = f"trop long : {limit} caractères au plus"
            pattern = f"^(?=[\\s\\S]{{0,{limit}}}$)" + (f"[\\s\\S]*?(?:{pattern})" if pattern else "")
            message = f"{message} ; {too_long}" if schema.get("pattern") else too_long
        if pattern:
            widget["pattern"] = [pattern, message]
        return widget

    def _list(self, field: dict, schema: dict, where: str) -> dict | None:
        items, items_where = self.resolver.flat(schema.get("items", {}), where)
        if "minItems" in schema:
            field["min"] = schema["minItems"]
        if "maxItems" in schema:
            field["max"] = schema["maxItems"]
        item_type = items.get("type")
        if item_type == "object":
            if not items.get("properties"):
                return None
            field.update(widget="list", collapsed=True, fields=self.object_fields(items, items_where))
            summary = _summary(items)
            if summary:
                field["summary"] = summary
            return field
        if item_type not in ("string", "integer", "number", "boolean"):
            return None
        choices = self._choices(items)
        if choices is not None:
            field.update(widget="select", multiple=True, options=choices)
            field.pop("max", None)
            if "minItems" in schema:
                field["min"] = schema["minItems"]
            return field
        item = {"name": field["name"], "label": field["label"], **self._scalar(field["name"], items)}
        field.update(widget="list", field=item)
        return field


def _summary(schema: dict) -> str | None:
    properties = schema.get("properties", {})
    for name in _SUMMARY_FIELDS:
        if name in properties:
            return "{{fields." + name + "}}"
    return None


def site_admin_config(schemas_dir: Path, ids: Mapping[tuple[str, str], Sequence[str]], framework_names: Sequence[str],
                      repo_url: str | None, edit_uri: str | None, auth_url: str | None = None,
                      site_domain: str | None = None) -> dict | None:
    """The configuration for this repository (read from its schemas folder), or None when ``repo_url`` is not a
    GitHub repository (the admin's GitHub backend needs one)."""
    repository = github_repository(repo_url, edit_uri)
    if repository is None:
        return None
    schemas = {path.name: json.loads(path.read_text(encoding="utf-8"))
               for path in sorted(Path(schemas_dir).glob("*.schema.json"))}
    return admin_config(schemas, ids, framework_names, *repository, base_url=auth_url or None,
                        site_domain=site_domain or None)


# The admin's own Content-Security-Policy. Decap CMS validates its configuration with code it compiles
# ('unsafe-eval'), styles its React components with <style> elements it writes ('unsafe-inline'), talks to
# GitHub's API (api.github.com, avatars) with the GitHub backend and to decap-server on the editor's own
# computer (scripts/edit). Only the admin's page carries it: the guide's pages keep theirs (guide/csp.py).
ADMIN_DIRECTIVES = (
    ("default-src", ["'none'"]),
    ("script-src", ["'self'", "'unsafe-eval'", "'wasm-unsafe-eval'"]),
    ("style-src", ["'self'", "'unsafe-inline'"]),
    ("img-src", ["'self'", "data:", "blob:", "https://avatars.githubusercontent.com"]),
    ("font-src", ["'self'", "data:"]),
    ("connect-src", ["'self'", "https://api.github.com", f"http://localhost:{DECAP_SERVER_PORT}",
                     f"http://127.0.0.1:{DECAP_SERVER_PORT}"]),
    ("worker-src", ["'self'", "blob:"]),
    ("manifest-src", ["'self'"]),
    ("object-src", ["'none'"]),
    ("base-uri", ["'none'"]),
    ("form-action", ["'none'"]),
)
ADMIN_HEADER_ONLY = (("frame-ancestors", ["'none'"]),)


def admin_policy(header: bool = False) -> str:
    return "; ".join(" ".join([name, *values]) for name, values in ADMIN_DIRECTIVES + (ADMIN_HEADER_ONLY if header else ()))


# The admin's own files (admin/ of the repository), copied as they are; check.mjs is the seam of the in-browser
# content check, called before each save.
ADMIN_SOURCES = ("admin.mjs", "format.mjs", "check.mjs")
DECAP_FOLDER = "decap-cms"  # node_modules/decap-cms/dist: the bundle, its chunks (loaded on demand) and wasm files
YAML_FOLDER = "yaml"  # node_modules/yaml/browser/dist: the `yaml` library as ES modules


def admin_page_html(with_policy: bool = True) -> str:
    """The admin's page; ``with_policy=False`` for the live preview, whose server adds an inline reload script
    to every page (the guide's pages go without their policy there too)."""
    policy = f'<meta http-equiv="Content-Security-Policy" content="{admin_policy()}">\n' if with_policy else ""
    return f"""<!doctype html>
<html lang="fr">
<head>
<meta charset="utf-8">
{policy}<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>Modifier le guide</title>
<link rel="icon" href="../assets/images/favicon.png">
<link href="{CONFIG_FILE}" type="text/yaml" rel="cms-config-url">
<script type="module" src="admin.mjs"></script>
</head>
<body>
<noscript>Les formulaires du guide ont besoin de JavaScript. Sans lui, modifiez les fichiers YAML du dossier
frameworks/ (voir CONTRIBUTING.md).</noscript>
</body>
</html>
"""


class MissingAdmin(Exception):
    """An npm package of the admin is not installed; the message says what to run."""


def write_admin(site_dir: Path, root: Path, config: dict, with_policy: bool = True) -> list[str]:
    """Write the admin into ``site_dir/admin/``: its page, its configuration, its scripts, Decap CMS and the
    `yaml` library copied from node_modules (installed by scripts/setup; nothing is downloaded). Returns the
    written paths, relative to the site."""
    root, target = Path(root), Path(site_dir) / ADMIN_DIR
    decap = root / "node_modules" / "decap-cms" / "dist"
    yaml_dist = root / "node_modules" / "yaml" / "browser" / "dist"
    for folder in (decap, yaml_dist):
        if not folder.is_dir():
            raise MissingAdmin(f"{folder.relative_to(root)} est absent : lancez scripts/setup (il installe les paquets npm)")
    target.mkdir(parents=True, exist_ok=True)
    (target / "index.html").write_text(admin_page_html(with_policy), encoding="utf-8")
    (target / CONFIG_FILE).write_text(config_text(config), encoding="utf-8")
    for name in ADMIN_SOURCES:
        shutil.copy2(root / ADMIN_DIR / name, target / name)
    shutil.rmtree(target / DECAP_FOLDER, ignore_errors=True)
    (target / DECAP_FOLDER).mkdir()
    for path in sorted(decap.iterdir()):
        if path.name == "decap-cms.js" or path.name.endswith(".decap-cms.js") or path.suffix == ".wasm":
            shutil.copy2(path, target / DECAP_FOLDER / path.name)
    shutil.rmtree(target / YAML_FOLDER, ignore_errors=True)
    shutil.copytree(yaml_dist, target / YAML_FOLDER, ignore=shutil.ignore_patterns("*.map", "*.d.ts"))
    return sorted(path.relative_to(site_dir).as_posix() for path in target.rglob("*") if path.is_file())


def config_text(config: dict) -> str:
    return ("# Configuration des formulaires (Decap CMS), calculée à la construction à partir des schémas\n"
            "# (guide/admin.py) : ne pas modifier.\n"
            + yaml.safe_dump(config, allow_unicode=True, sort_keys=False, width=100000))
