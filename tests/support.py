"""What the tests share besides fixtures: the test site's address, builds for it, a watched browser page.

Test modules import from here (and from scripts/project_tools.py), never from conftest.py.
"""

from __future__ import annotations

import os
from pathlib import Path

from scripts.project_tools import REPO, copy_project, free_port, serve_directory
from scripts.project_tools import mkdocs_build as _mkdocs_build

__all__ = ["REPO", "SITE_PORT", "SITE_URL", "copy_project", "free_port", "mkdocs_build", "serve_directory",
           "watched_page"]

# The test site is built for the very address it is served from: Material's instant
# navigation only intercepts links found in sitemap.xml, which holds absolute URLs.
# Chosen once per run, even if the tests run in several processes.
SITE_PORT = int(os.environ.setdefault("GUIDE_TEST_SITE_PORT", str(free_port())))
SITE_URL = f"http://127.0.0.1:{SITE_PORT}/"


def mkdocs_build(project: Path, site_dir: Path, site_url: str = SITE_URL):
    """The real ``mkdocs build --strict``, for the test site's address unless told otherwise."""
    return _mkdocs_build(project, site_dir, site_url)


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
