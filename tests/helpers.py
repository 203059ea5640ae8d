"""Helpers for tests that break a framework file and look for the French error, and the site's addresses."""

from __future__ import annotations

import functools
import json
from pathlib import Path

import pytest

from common.site_map import HOME, page_of, site_pages
from guide.catalog import FRAMEWORKS_DIR_NAME, REPO_ROOT, load_guide
from guide.errors import ContentError, ContentErrors
from guide.yaml_source import parse_yaml
from scripts.yaml_edits import read_value, set_raw


def line_of(path: Path, needle: str, occurrence: int = 1) -> int:
    """1-based line number of the n-th line containing ``needle``."""
    seen = 0
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if needle in line:
            seen += 1
            if seen == occurrence:
                return number
    raise AssertionError(f"{needle!r} absent de {path}")


def replace_in(path: Path, old: str, new: str, count: int = 1) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} absent de {path}"
    path.write_text(text.replace(old, new, count), encoding="utf-8")


def load_errors(root: Path) -> list[ContentError]:
    with pytest.raises(ContentErrors) as caught:
        load_guide(root)
    return caught.value.errors


def plan() -> dict:
    """The plan of the site (frameworks/accueil.yml), read on its own: cheap enough to name the tests of each
    page when they are collected (the loader's own tests check that the file is valid)."""
    return framework_data(HOME)


def page_slug(name: str) -> str:
    """The URL path (``sourcing``, ``""`` for the home page) of the page that shows framework ``name``,
    as the plan of accueil.yml places it (a framework shown as a section is on its host's page)."""
    return page_of(plan(), name).url.rstrip("/")


def page_slugs(with_slash: bool = False) -> list[str]:
    """The URL path of every page of the site (``""`` for the home page), from the plan of accueil.yml."""
    urls = [page.url for page in site_pages(plan())]
    return sorted(url if with_slash else url.rstrip("/") for url in urls)


@functools.cache
def framework_data(name: str) -> dict:
    """The data of ``frameworks/NAME.yml`` read on its own, as written ({seuil:…} not replaced): enough to name
    the tests of its items when they are collected. Tests read the loaded guide (the ``guide`` fixture)."""
    path = REPO_ROOT / FRAMEWORKS_DIR_NAME / f"{name}.yml"
    parsed = parse_yaml(path.read_text(encoding="utf-8"), path.name)
    assert not parsed.errors, parsed.errors
    return parsed.data


def texts_in(value):
    """Every string of a framework's data (or any nest of dicts and lists), depth first."""
    if isinstance(value, dict):
        for child in value.values():
            yield from texts_in(child)
    elif isinstance(value, list):
        for child in value:
            yield from texts_in(child)
    elif isinstance(value, str):
        yield value


def replace_field(path: Path, field_path: tuple, raw: str) -> int:
    """Write ``raw`` as an editor types it (quotes, mistakes and all) in place of the value of one field of a
    framework file, found by its place (``("phases", 1, "objectif")``, or ``{"id": …}`` for a list item) whatever
    the text says today; returns the 1-based line where ``raw`` starts."""
    return set_raw(path.parent.parent, path.stem, field_path, raw)[1]


def prefix_field(path: Path, field_path: tuple, prefix: str) -> int:
    """Write ``prefix`` before the text of one field, whatever it says, between double quotes as an editor does;
    returns the 1-based line of the field."""
    value = read_value(path.parent.parent, path.stem, field_path)
    return replace_field(path, field_path, json.dumps(prefix + value, ensure_ascii=False))


def item_of(name: str, list_key: str, ident: str) -> dict:
    """The item of ``frameworks/NAME.yml``'s list ``list_key`` whose id is ``ident``, as the file gives it today."""
    return next(item for item in framework_data(name)[list_key] if item["id"] == ident)


def phase_of(employees: int) -> dict:
    """The phase of phases.yml whose headcount band holds ``employees`` (as the diagnostic places a company)."""
    return next(phase for phase in framework_data("phases")["phases"]
                if phase["effectif_min"] <= employees and (phase["effectif_max"] is None or employees < phase["effectif_max"]))


def phase_heading(phase: dict) -> str:
    """« Phase 2 : Structuration initiale », as the diagnostic names a phase (spaces as normalise() leaves them)."""
    return f"Phase {phase['numero']} : {phase['nom']}"
