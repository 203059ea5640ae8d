"""Shared fixtures: a scratch copy of the project, the built site, a local server, a browser."""

from __future__ import annotations

import contextlib
import functools
import http.server
import os
import shutil
import socket
import subprocess
import sys
import threading
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
# What a build needs; copied so that tests can break the content without touching the repo.
PROJECT_PARTS = ("mkdocs.yml", "docs", "frameworks", "hooks", "guide", "calculators", "overrides")
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def copy_project(target: Path) -> Path:
    target.mkdir(parents=True, exist_ok=True)
    for part in PROJECT_PARTS:
        source = REPO / part
        if source.is_dir():
            shutil.copytree(source, target / part, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(source, target / part)
    (target / "node_modules").symlink_to(REPO / "node_modules")  # the Pyodide runtime, read only
    return target


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


# The test site is built for the very address it is served from: Material's instant
# navigation only intercepts links found in sitemap.xml, which holds absolute URLs.
# Chosen once per run (this module may be imported twice: as pytest's conftest and as tests.conftest).
SITE_PORT = int(os.environ.setdefault("GUIDE_TEST_SITE_PORT", str(free_port())))
SITE_URL = f"http://127.0.0.1:{SITE_PORT}/"


def mkdocs_build(project: Path, site_dir: Path, site_url: str = SITE_URL) -> subprocess.CompletedProcess:
    """Run the real ``mkdocs build --strict`` on a project directory."""
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", SITE_URL=site_url)
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site_dir)],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


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


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@contextlib.contextmanager
def serve_directory(directory: Path, port: int = 0):
    """Serve a folder on 127.0.0.1 (a free port unless given); yields the base URL."""
    handler = functools.partial(_QuietHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


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


def watched_page(context, site_url):
    """A page of ``context`` that records console errors and every request leaving ``site_url``."""
    tab = context.new_page()
    tab.console_errors = []
    tab.outside_requests = []
    tab.on("console", lambda message: message.type == "error" and tab.console_errors.append(message.text))
    tab.on("pageerror", lambda error: tab.console_errors.append(str(error)))

    def watch(request):
        if not request.url.startswith(site_url) and not request.url.startswith("data:"):
            tab.outside_requests.append(request.url)

    tab.on("request", watch)
    return tab


@pytest.fixture
def page(browser, site_url):
    """A fresh browser page that records console errors and every request leaving 127.0.0.1."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="fr-FR")
    yield watched_page(context, site_url)
    context.close()
