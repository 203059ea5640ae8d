"""Tools to build and serve a copy of the project, shared by the tests and the benchmark.

No test framework here: the benchmark (scripts/benchmark_calculators.py) and the tests' fixtures
(tests/conftest.py, tests/support.py) import these, so that no script depends on the tests.
"""

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
import urllib.parse
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
# What a build needs; copied so that a test or a benchmark can change the content without touching the repo.
PROJECT_PARTS = ("mkdocs.yml", "docs", "frameworks", "hooks", "common", "guide", "calculators", "overrides", "admin")
CHROMIUM = "/usr/bin/chromium"  # Debian's, driven by Playwright (nothing downloaded)
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


def mkdocs_build(project: Path, site_dir: Path, site_url: str,
                 env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    """Run the real ``mkdocs build --strict`` on a project directory, for the address it will be served at
    (``env``: more variables of mkdocs.yml, such as REPO_URL and EDIT_URI)."""
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", SITE_URL=site_url, **(env or {}))
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site_dir)],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


def _rule_matches(rule: str, url_path: str) -> bool:
    return url_path.startswith(rule[:-1]) if rule.endswith("*") else url_path == rule


def site_headers(directory: Path, url_path: str = "/") -> list[tuple[str, str]]:
    """The headers the site's ``_headers`` file gives the file at ``url_path``, as Cloudflare Pages sends them: every
    rule that matches adds its headers; ``! Name`` in a matching rule drops the ``Name`` the other rules set."""
    path = Path(directory) / "_headers"
    if not path.is_file():
        return []
    rules: list[tuple[str, list[tuple[str, str]]]] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#"):
            continue
        if not line.startswith(" "):
            rules.append((line.strip(), []))
        elif line.strip().startswith("! "):
            rules[-1][1].append(("!", line.strip()[2:]))
        else:
            name, value = line.strip().split(": ", 1)
            rules[-1][1].append((name, value))
    matching = [(rule, headers) for rule, headers in rules if _rule_matches(rule, url_path)]
    headers = []
    for rule, own in matching:
        dropped = {value.lower() for other, others in matching if other != rule for name, value in others if name == "!"}
        headers += [(name, value) for name, value in own if name != "!" and name.lower() not in dropped]
    return headers


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    """Static files, quietly, with the site's own headers (``_headers``, rule by rule: the site's
    Content-Security-Policy, the admin's own under /admin/);
    a missing page gets the site's own 404.html with status 404, as static hosts do."""

    def log_message(self, *args):
        pass

    def end_headers(self):
        url_path = urllib.parse.urlsplit(self.path).path
        for name, value in site_headers(Path(self.directory), url_path):  # read afresh: the site may be built after
            self.send_header(name, value)
        super().end_headers()

    def send_error(self, code, message=None, explain=None):
        page = Path(self.directory) / "404.html"
        if code != 404 or self.command != "GET" or not page.is_file():
            super().send_error(code, message, explain)
            return
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


class _QuietServer(http.server.ThreadingHTTPServer):
    """A browser that closes a page drops its pending downloads: not an error worth a traceback."""

    def handle_error(self, request, client_address):
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


@contextlib.contextmanager
def serve_directory(directory: Path, port: int = 0):
    """Serve a folder on 127.0.0.1 (a free port unless given); yields the base URL."""
    handler = functools.partial(_QuietHandler, directory=str(directory))
    server = _QuietServer(("127.0.0.1", port), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
