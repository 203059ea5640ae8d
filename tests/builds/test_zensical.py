"""A smoke build on Zensical, Material's successor: the core writes the whole tree, Zensical only lays it out.

``python -m guide render-docs`` writes every page with its metadata and the navigation, ``zensical build`` (0.0.73,
installed by scripts/setup in .cache/zensical: nothing is downloaded here) builds it, ``python -m guide
finish-site`` does what the hooks do after an MkDocs build. The result must have every page of the MkDocs build
(a build that silently drops pages fails), the same redirects, JSON-LD, abbreviations and edit links.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.engine_comparison import differences, pages
from tests.support import REPO, TEST_EDIT_URI, TEST_REPOSITORY

ZENSICAL = REPO / ".cache" / "zensical" / "bin"


def _run(command: list[str], cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess:
    result = subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, f"{' '.join(command)} :\n{result.stdout}\n{result.stderr}"
    return result


@pytest.fixture(scope="module")
def zensical_site(tmp_path_factory, site_url) -> Path:
    assert (ZENSICAL / "zensical").exists(), "Zensical n'est pas installé : lancez scripts/setup"
    tree = tmp_path_factory.mktemp("zensical-tree")
    env = {**os.environ, "SITE_URL": site_url, "REPO_URL": TEST_REPOSITORY, "EDIT_URI": TEST_EDIT_URI}
    _run([sys.executable, "-m", "guide", "render-docs", str(tree)], REPO, env)
    _run([str(ZENSICAL / "zensical"), "build"], tree, env)
    templates = subprocess.run([str(ZENSICAL / "python"), "-c", "import zensical, os; print(os.path.dirname("
                                "zensical.__file__) + '/templates')"], capture_output=True, text=True, check=True)
    _run([sys.executable, "-m", "guide", "finish-site", str(tree / "site"), "--theme-dir", templates.stdout.strip()],
         REPO, env)
    return tree / "site"


def test_the_zensical_build_has_what_the_mkdocs_build_has(built_site, zensical_site):
    assert differences(built_site, zensical_site) == []


def test_the_zensical_build_is_not_empty(built_site, zensical_site):
    assert len(pages(zensical_site)) == len(pages(built_site)) > 25


def test_a_build_that_drops_a_page_is_caught(built_site, zensical_site, tmp_path):
    dropped = tmp_path / "site"
    shutil.copytree(zensical_site, dropped)
    shutil.rmtree(dropped / "phases")
    assert differences(built_site, dropped) == ["page absente : /phases/"]


def test_a_build_that_loses_the_metadata_is_caught(built_site, zensical_site, tmp_path):
    stripped = tmp_path / "site"
    shutil.copytree(zensical_site, stripped)
    page = stripped / "faq" / "index.html"
    page.write_text(page.read_text(encoding="utf-8").replace('type="application/ld+json"', 'type="text/plain"'),
                    encoding="utf-8")
    assert [line.split(" : ")[1].split(" ")[0] for line in differences(built_site, stripped)] == ["jsonld"]


def test_a_link_an_engine_resolved_otherwise_is_caught(built_site, zensical_site, tmp_path):
    moved = tmp_path / "site"
    shutil.copytree(zensical_site, moved)
    page = moved / "internalisation" / "index.html"
    page.write_text(page.read_text(encoding="utf-8").replace('href="../sourcing/', 'href="../../sourcing/'),
                    encoding="utf-8")
    assert [line.split(" : ")[1].split(" ")[0] for line in differences(built_site, moved)] == ["links"]
