"""Addresses in the source repository: « Modifier cette page » and the editors' guide.

MkDocs' ``edit_uri`` is the path of the docs folder on the branch to edit, relative to
``repo_url`` (``edit/main/docs/`` on GitHub). The guide's pages are generated from
``frameworks/NAME.yml``, outside that folder, so their edit path climbs out of it
(``../frameworks/phases.yml``); the final address has no ``..`` left.
"""

from __future__ import annotations

import os
from pathlib import Path
from urllib.parse import urljoin


def path_from_docs(root: Path, docs_dir: Path, repo_path: str) -> str:
    """``frameworks/phases.yml`` seen from the docs folder: ``../frameworks/phases.yml``."""
    return Path(os.path.relpath(Path(root) / repo_path, Path(docs_dir))).as_posix()


def repository_url(repo_url: str | None, edit_uri: str | None, root: Path, docs_dir: Path, repo_path: str,
                   action: str = "edit") -> str | None:
    """Where to edit (``action="edit"``) or read (``"blob"``) a file of the repository; None if not configured."""
    if not repo_url or not edit_uri:
        return None
    base = repo_url if repo_url.endswith("/") else repo_url + "/"
    edit_dir = edit_uri if edit_uri.endswith("/") else edit_uri + "/"
    url = urljoin(base, edit_dir + path_from_docs(root, docs_dir, repo_path))
    if action != "edit":
        url = url.replace("/edit/", f"/{action}/", 1)
    return url
