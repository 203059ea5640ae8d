"""Check one framework file as ``load_guide`` would, with every other file as it is in the repository.

Loading the whole guide for each broken variant re-validates 31 unchanged files every time. For a change to
one file, ``load_guide`` comes down to this:

1. parse the file (a syntax error stops there: references to an unreadable file are not checked elsewhere);
2. validate it against its schema, its ``x-reference`` fields resolved against the ids of the other files
   and its own new ids, and look for its duplicate ids; if its ids changed, validate again the files whose
   references point into it;
3. only if all that passes, as ``load_guide`` does: replace the ``{seuil:…}`` figures and run the
   cross-file rules, over the guide with this file's data in place.

Steps 2 and 3 are the loader's own (``guide.catalog.file_errors`` and ``guide.catalog.assemble``, which
``load_guide`` runs over every file): this module only chooses which files go through them.
tests/content/test_broken_content.py proves, on one variant of each kind of mistake, that this gives exactly the
errors ``load_guide`` gives.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

import jsonschema
from jsonschema import Draft7Validator
from referencing import Registry

from guide.anchors import guide_page_ids
from guide.catalog import FRAMEWORKS_DIR_NAME, REPO_ROOT, assemble, collect_ids, file_errors, load_guide, read_schemas
from guide.errors import ContentError, ContentErrors
from guide.model import Guide
from guide.validation import reference_target, schema_registry
from guide.yaml_source import ParsedYaml, parse_yaml

FRAMEWORKS_DIR = REPO_ROOT / FRAMEWORKS_DIR_NAME


@dataclass(frozen=True)
class Repository:
    """The repository's guide, once: what checking one file against the others needs."""

    guide: Guide  # loaded: every file's data with its {seuil:…} figures replaced
    parsed: dict[str, ParsedYaml]  # every file as parsed, before any figure is replaced
    schemas: dict[str, dict]
    registry: Registry
    referrers: dict[str, frozenset[str]]  # framework -> the other files whose references point into it


def _referenced_frameworks(parsed: ParsedYaml, schema: dict, registry: Registry) -> set[str]:
    """The frameworks whose ids this file's ``x-reference`` fields name."""
    found: set[str] = set()

    def record(validator, spec, instance, schema):
        found.add(reference_target(spec)[0])
        return iter(())

    recorder = jsonschema.validators.extend(Draft7Validator, {"x-reference": record})
    for _ in recorder(schema, registry=registry).iter_errors(parsed.data):
        pass
    return found


@functools.lru_cache(maxsize=8)
def parse(text: str, filename: str) -> ParsedYaml:
    """``parse_yaml``, remembered for the last few texts (a variant is parsed once to find the line of its
    mistake, then checked; loading never changes parsed data)."""
    return parse_yaml(text, filename)


@functools.cache
def page_ids_of_the_repository() -> dict:
    """The ids of every page of the repository's guide (``guide.anchors``), rendered once."""
    return guide_page_ids(repository().guide)


@functools.cache
def repository() -> Repository:
    guide = load_guide(REPO_ROOT)
    parsed = guide.parsed  # every file as the loader parsed it (loading never changes parsed data)
    all_schemas = read_schemas(FRAMEWORKS_DIR)
    schemas = {name: all_schemas[f"{name}.schema.json"] for name in guide.files}
    registry = schema_registry(all_schemas)
    referrers: dict[str, set[str]] = {}
    for name in guide.files:
        for target in _referenced_frameworks(parsed[name], schemas[name], registry):
            referrers.setdefault(target, set()).add(name)
    return Repository(guide, parsed, schemas, registry,
                      {name: frozenset(found - {name}) for name, found in referrers.items()})


def check_one_file(name: str, text: str) -> list[ContentError]:
    """The errors ``load_guide`` reports when ``frameworks/NAME.yml`` holds ``text`` and every other file is the
    repository's (sorted, each once, as ``ContentErrors`` gives them); ``[]`` if the guide would load."""
    repo = repository()
    filename = repo.guide.files[name]
    parsed = parse(text, filename)
    if parsed.errors:
        return ContentErrors(parsed.errors).errors
    ids = {key: value for key, value in repo.guide.ids.items() if key[0] != name}
    ids.update(collect_ids(name, parsed.data))
    names = sorted(repo.guide.files)
    errors = file_errors(name, filename, parsed, repo.schemas[name], ids, repo.registry, names)
    if ids != repo.guide.ids:  # its ids changed: the references of the other files are checked again
        for other in sorted(repo.referrers.get(name, ())):
            errors += file_errors(other, repo.guide.files[other], repo.parsed[other], repo.schemas[other], ids,
                                  repo.registry, names)
    if errors:
        return ContentErrors(errors).errors
    _, errors = assemble({**repo.parsed, name: parsed}, repo.guide.files, ids, repo.schemas, repo.registry)
    return ContentErrors(errors).errors if errors else []
