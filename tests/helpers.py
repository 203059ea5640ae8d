"""Helpers for tests that break a framework file and look for the French error."""

from __future__ import annotations

from pathlib import Path

import pytest

from guide.catalog import load_guide
from guide.errors import ContentError, ContentErrors


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


def page_slug(name: str) -> str:
    """The URL path (``sourcing``, ``""`` for the home page) of the page that shows framework ``name``,
    as the plan of accueil.yml places it (a framework shown as a section is on its host's page)."""
    from common.site_map import HOME, page_of
    from guide.catalog import REPO_ROOT

    return page_of(load_guide(REPO_ROOT).frameworks[HOME], name).url.rstrip("/")


def page_slugs(with_slash: bool = False) -> list[str]:
    """The URL path of every page of the site (``""`` for the home page), from the plan of accueil.yml."""
    from common.site_map import HOME, site_pages
    from guide.catalog import REPO_ROOT

    urls = [page.url for page in site_pages(load_guide(REPO_ROOT).frameworks[HOME])]
    return sorted(url if with_slash else url.rstrip("/") for url in urls)
