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


def page_slugs(with_slash: bool = False) -> list[str]:
    """The URL path of every generated page (``""`` for the home page), from the frameworks themselves."""
    from guide.catalog import REPO_ROOT
    from guide.rendering import page_path

    slugs = []
    for name in load_guide(REPO_ROOT).frameworks:
        path = page_path(name)
        slug = "" if path == "index.md" else path.removesuffix(".md")
        slugs.append(slug + "/" if slug and with_slash else slug)
    return sorted(slugs)
