"""Shared fixtures: a scratch copy of the project, the built site, a local server, a browser."""

from __future__ import annotations

from pathlib import Path

import pytest

from scripts.project_tools import CHROMIUM, CHROMIUM_ARGS, REPO, copy_project, serve_directory
from tests.support import SITE_PORT, SITE_URL, mkdocs_build, watched_page


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A scratch copy of the project whose content a test may change."""
    return copy_project(tmp_path / "project")


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The site built once from the repository's own content, strictly."""
    site_dir = tmp_path_factory.mktemp("site")
    result = mkdocs_build(REPO, site_dir)
    assert result.returncode == 0, result.stdout + result.stderr
    return site_dir


@pytest.fixture(scope="session")
def site_url(built_site: Path):
    """The built site served on 127.0.0.1, at the address it was built for."""
    with serve_directory(built_site, SITE_PORT) as url:
        assert url == SITE_URL
        yield url


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
