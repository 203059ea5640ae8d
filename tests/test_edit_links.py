"""« Modifier cette page »: each page opens the YAML file that feeds it, set by REPO_URL / EDIT_URI."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from common.site_map import HOME, page_of
from guide.catalog import REPO_ROOT, framework_names, load_guide
from guide.repository import path_from_docs, repository_url
from tests.helpers import page_slug

REPOSITORY = "https://github.com/acme/guide-marketing"


@pytest.fixture(scope="module")
def site_for_a_repository(tmp_path_factory) -> Path:
    """The site built for a given repository and branch, as the CI does with REPO_URL and EDIT_URI."""
    site = tmp_path_factory.mktemp("edit-links") / "site"
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", REPO_URL=REPOSITORY, EDIT_URI="edit/trunk/docs/")
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site)],
                            cwd=REPO_ROOT, env=env, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    return site


def html_of(site: Path, name: str) -> str:
    slug = page_slug(name)
    return (site / (f"{slug}/index.html" if slug else "index.html")).read_text(encoding="utf-8")


def test_edit_path_climbs_out_of_the_docs_folder(tmp_path):
    assert path_from_docs(tmp_path, tmp_path / "docs", "frameworks/phases.yml") == "../frameworks/phases.yml"
    assert repository_url("https://github.com/o/r", "edit/main/docs/", tmp_path, tmp_path / "docs",
                          "frameworks/phases.yml") == "https://github.com/o/r/edit/main/frameworks/phases.yml"
    assert repository_url("https://github.com/o/r/", "edit/main/docs", tmp_path, tmp_path / "docs",
                          "CONTRIBUTING.md", action="blob") == "https://github.com/o/r/blob/main/CONTRIBUTING.md"
    assert repository_url(None, "edit/main/docs/", tmp_path, tmp_path / "docs", "CONTRIBUTING.md") is None


@pytest.mark.parametrize("name", framework_names(REPO_ROOT / "frameworks"))
def test_every_page_links_to_the_yaml_file_that_feeds_it(site_for_a_repository, name):
    """The page's main file behind « Modifier cette page », each section's file behind « Modifier aussi »."""
    html = html_of(site_for_a_repository, name)
    [link] = re.findall(r'<a href="([^"]+)" class="guide-edit__link" rel="edit"[^>]*>(.*?)</a>', html, re.S)
    host = page_of(load_guide(REPO_ROOT).frameworks[HOME], name).host
    assert link[0] == f"{REPOSITORY}/edit/trunk/frameworks/{host}.yml"
    if name != host:
        [also] = re.findall(r'<span class="guide-edit__sections">(.*?)</span>', html, re.S)
        assert f'href="{REPOSITORY}/edit/trunk/frameworks/{name}.yml" rel="edit"' in also
    assert re.sub(r"<[^>]+>", "", link[1]).strip() == "Modifier cette page"
    if name != "contribuer":
        assert 'class="guide-edit__help">Comment contribuer\u202f?</a>' in html


def test_contribuer_page_links_to_the_editors_guide(site_for_a_repository):
    html = html_of(site_for_a_repository, "contribuer")
    assert f'href="{REPOSITORY}/blob/trunk/CONTRIBUTING.md"' in html


def test_repository_link_never_asks_github_for_its_stars(site_for_a_repository):
    """Material's "source" component fetches api.github.com from the reader's browser: it must not be there."""
    pages = list(site_for_a_repository.rglob("*.html"))
    assert pages
    for page in pages:
        html = page.read_text(encoding="utf-8")
        assert 'data-md-component="source"' not in html, page
        assert "api.github.com" not in html, page
    assert f'href="{REPOSITORY}" title="Aller au dépôt" class="md-source"' in html_of(site_for_a_repository, "phases")
