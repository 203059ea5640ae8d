"""Shared fixtures: the guide loaded once, a scratch copy of the project, the built and served site, a browser.

Nothing is loaded when a test module is imported: what several tests share is a session fixture, made once
per test process (each pytest-xdist worker makes its own, on its own port and in its own folders).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from guide.browser_assets import browser_assets
from guide.catalog import REPO_ROOT, load_guide
from guide.rendering import render_pages
from scripts.project_tools import CHROMIUM, CHROMIUM_ARGS, REPO, copy_project
from tests.support import TEST_EDIT_URI, TEST_REPOSITORY, inject_markup, served_build, watched_page


@pytest.fixture(scope="session")
def guide():
    """The repository's guide, loaded and validated once (tests read it, never change it)."""
    return load_guide(REPO_ROOT)


@pytest.fixture(scope="session")
def rendered_pages(guide) -> dict:
    """Every page as the core renders it (Markdown, credits, questions), by framework name, without MkDocs."""
    return {page.name: page for page in render_pages(guide, browser_assets(REPO_ROOT, guide.frameworks))}


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A scratch copy of the project whose content a test may change."""
    return copy_project(tmp_path / "project")


@pytest.fixture(scope="session")
def served_site(tmp_path_factory):
    """The site built once from the repository's own content, strictly, as CI builds it (for a repository
    and a branch: « Modifier cette page »), and served on 127.0.0.1 at the address it was built for."""
    site_dir = tmp_path_factory.mktemp("site")
    with served_build(REPO, site_dir, env={"REPO_URL": TEST_REPOSITORY, "EDIT_URI": TEST_EDIT_URI}) as url:
        yield site_dir, url


@pytest.fixture(scope="session")
def built_site(served_site) -> Path:
    return served_site[0]


@pytest.fixture(scope="session")
def site_url(served_site) -> str:
    return served_site[1]


@pytest.fixture(scope="session")
def injected_site(tmp_path_factory):
    """A copy of the project whose texts carry HTML and Markdown (tests.support.inject_markup), built and
    served: (site folder, address)."""
    root = tmp_path_factory.mktemp("injection")
    project = copy_project(root / "project")
    inject_markup(project)
    with served_build(project, root / "site") as url:
        yield root / "site", url


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail("Chromium de Debian est requis : lancez scripts/test (il l'installe) ou apt-get install chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield instance
        instance.close()


@pytest.fixture
def page(browser, site_url):
    """A fresh browser page that records console errors and every request leaving 127.0.0.1."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="fr-FR")
    yield watched_page(context, site_url)
    context.close()
