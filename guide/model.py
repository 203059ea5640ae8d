"""The guide as loaded: every framework's data, validated and resolved, never changed afterwards.

``guide.catalog.load_guide`` builds a ``Guide``; everything else (rules, views, rendering, the shell) only
reads it. References between files are declared once, in the schemas (``guide/validation.py``):
``x-reference`` on a field means "the id of an item of another framework's list" (``phases``: the list
``phases`` of phases.yml; ``sourcing#options``: the list ``options`` of sourcing.yml), ``x-framework`` "the
name of a framework" (the ``cadre`` definition of commun.schema.json). The loader records where each
``x-reference`` sits (``Guide.references``), so that code can follow a reference, or find what refers to an
item, without naming the files involved.

The few frameworks the code knows by name are named here (the home page's name, which holds the plan,
is ``common.site_map.HOME``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from common.figures import item_by_id
from common.site_map import HOME
from guide.yaml_source import ParsedYaml

__all__ = [
    "FAQ_FRAMEWORK", "FAQ_QUESTIONS_KEY", "GLOSSARY_FRAMEWORK", "HOME", "SOURCES_FRAMEWORK", "THRESHOLDS_FRAMEWORK",
    "FieldPath", "Guide", "by_id", "item_by_id",
]

FAQ_FRAMEWORK = "faq"  # the questions, each shown on the pages of its themes
FAQ_QUESTIONS_KEY = "questions"  # faq.yml's list of questions
GLOSSARY_FRAMEWORK = "glossaire"  # the terms explained as tooltips, the terminology and the search synonyms
SOURCES_FRAMEWORK = "sources"  # the articles every page credits
PHASES_FRAMEWORK = "phases"  # the maturity phases, with their head-count ranges
THRESHOLDS_FRAMEWORK = "seuils"  # the figures quoted as {seuil:ID} (guide/thresholds.py)

FieldPath = tuple  # a field's path in a framework's data: ("questions", 1, "themes")


def by_id(items: list[dict]) -> dict[str, dict]:
    """A framework's list of items as a dict by ``id``, in the list's order."""
    return {item["id"]: item for item in items}


@dataclass(frozen=True)
class Guide:
    """All frameworks, validated, with ``{seuil:…}`` placeholders replaced: ``frameworks[NAME]`` is the data
    of ``frameworks/NAME.yml``. Frozen: nothing changes a guide once loaded (load again to see new content)."""

    frameworks: dict[str, dict]
    files: dict[str, str]  # framework name -> its file, as errors name it (frameworks/NAME.yml)
    # The ids of every top-level list of items: (framework, list) -> ids, in order.
    ids: dict[tuple[str, str], list[str]] = field(default_factory=dict)
    # The figures of seuils.yml that each framework's texts quote ({seuil:ID}), in order of first use:
    # a page credits their sources and names the guide's own assumptions among them.
    quoted_thresholds: dict[str, list[str]] = field(default_factory=dict)
    # Where each framework's data holds a reference (a field whose schema says ``x-reference``):
    # framework -> {path of the field: (framework, list) it names an item of}.
    references: dict[str, dict[FieldPath, tuple[str, str]]] = field(default_factory=dict, repr=False)
    # Each file as parsed, before placeholders were replaced: where every field starts (line, column),
    # for the checks that point at a text.
    parsed: dict[str, ParsedYaml] = field(default_factory=dict, repr=False)

    def items(self, framework: str, list_key: str | None = None) -> list[dict]:
        """The list ``list_key`` of a framework; by default its own list, named like the file
        (the list ``phases`` of phases.yml for ``phases``), as for ``x-reference``."""
        return self.frameworks[framework][list_key or framework]

    def item(self, framework: str, list_key: str | None, item_id: str) -> dict:
        """The item of a framework's list whose ``id`` is ``item_id`` (``KeyError`` if there is none)."""
        try:
            return item_by_id(self.items(framework, list_key), item_id)
        except KeyError:
            raise KeyError(f"{framework}#{list_key or framework}: {item_id}") from None

    def value_at(self, framework: str, path: FieldPath) -> Any:
        value: Any = self.frameworks[framework]
        for part in path:
            value = value[part]
        return value

    def target(self, framework: str, path: FieldPath) -> dict:
        """The item named by the reference at ``path`` of a framework (``KeyError`` if no reference is there)."""
        target_framework, list_key = self.references[framework][tuple(path)]
        return self.item(target_framework, list_key, self.value_at(framework, path))

    def follow(self, framework: str, path: FieldPath = ()) -> Any:
        """A copy of the value at ``path`` of a framework in which every reference is replaced by the item it
        names: the regles of diagnostic.yml, followed, give each row's phase as the phase itself (``row.phase.nom``)."""
        references = self.references.get(framework, {})

        def copy(value: Any, at: FieldPath) -> Any:
            if at in references:
                return self.target(framework, at)
            if isinstance(value, dict):
                return {key: copy(item, at + (key,)) for key, item in value.items()}
            if isinstance(value, list):
                return [copy(item, at + (index,)) for index, item in enumerate(value)]
            return value

        return copy(self.value_at(framework, path), tuple(path))

    def referrers(self, framework: str, item_id: str, list_key: str | None = None) -> dict[str, list[Any]]:
        """What refers to an item, by framework, in file order: for each reference to it, the object that holds
        the reference, followed (the phase ``amorcage`` of phases.yml: under ``modeles``, the models of that phase)."""
        wanted = (framework, list_key or framework)
        found: dict[str, list[Any]] = {}
        for name in sorted(self.references):
            for path, target in self.references[name].items():
                if target == wanted and self.value_at(name, path) == item_id:
                    found.setdefault(name, []).append(self.follow(name, path[:-1]))
        return found
