"""The editors' live preview: a YAML change shows up, an error shows in the page, a fix brings the page back."""

from __future__ import annotations

import os
import subprocess
import sys
import time
import urllib.request

import pytest

from scripts.project_tools import free_port
from tests.helpers import replace_in
from tests.site_text import normalise


def fetch(url: str) -> str:
    with urllib.request.urlopen(url, timeout=30) as response:
        return response.read().decode("utf-8")


class ServerGone(Exception):
    """The server stopped before serving the page (its error output is the message)."""


def wait_for(url: str, text: str, seconds: float = 60, server: subprocess.Popen | None = None) -> str:
    deadline = time.monotonic() + seconds
    body = ""
    while time.monotonic() < deadline:
        if server is not None and server.poll() is not None:
            raise ServerGone(f"mkdocs serve s'est arrêté (code {server.returncode})")
        try:
            body = fetch(url)
            if text in body:
                return body
        except OSError:
            pass
        time.sleep(0.5)
    raise AssertionError(f"{text!r} absent de {url} après {seconds} s")


@pytest.fixture
def preview(project):
    """``mkdocs serve`` on the project, on a port the system had free (tried again on another one in the rare
    case where another process took it in between)."""
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    log = project.parent / "mkdocs-serve.log"
    for _attempt in range(3):
        port = free_port()
        with log.open("w", encoding="utf-8") as output:
            server = subprocess.Popen(
                [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}", "--livereload"],
                cwd=project, env=env, stdout=output, stderr=subprocess.STDOUT, text=True,
            )
        url = f"http://127.0.0.1:{port}/phases/"
        try:
            wait_for(url, "Industrialiser la croissance", server=server)
        except ServerGone:
            if "Address already in use" not in log.read_text(encoding="utf-8"):
                raise
            continue
        break
    else:
        pytest.fail("aucun port libre pour mkdocs serve")
    try:
        yield project, url, server
    finally:
        server.terminate()
        server.wait(timeout=30)


def test_preview_reloads_on_yaml_change_and_shows_errors_in_the_page(preview):
    project, url, server = preview
    path = project / "frameworks" / "phases.yml"

    replace_in(path, "objectif: Industrialiser la croissance.", "objectif: Industrialiser la croissance, pas à pas.")
    wait_for(url, "Industrialiser la croissance, pas à pas.")

    replace_in(path, "    numero: 2", "    numero: deux")
    body = wait_for(url, "Le contenu contient des erreurs")
    assert "frameworks/phases.yml:" in body and "phases[1].numero" in body and "doit être un nombre entier" in body

    replace_in(path, "    numero: deux", "    numero: 2")
    wait_for(url, "Industrialiser la croissance, pas à pas.")


def test_an_editor_changes_a_faq_answer_and_a_threshold_as_contributing_explains(preview):
    """The walk-through of CONTRIBUTING.md: a FAQ answer, then a figure of seuils.yml, then a typo in a {seuil:…}."""
    project, url, server = preview
    base = url.removesuffix("phases/")
    faq = project / "frameworks" / "faq.yml"
    replace_in(faq, 'reponse: "Pour Antoine Blot, il est temps dès que', 'reponse: "Sans attendre : pour Antoine Blot, il est temps dès que')
    wait_for(base + "faq/", "Sans attendre : pour Antoine Blot, il est temps dès que")

    replace_in(project / "frameworks" / "seuils.yml", "valeur: 40\n", "valeur: 35\n")
    wait_for(base + "bascule-internalisation/", "35\u00a0h par semaine")
    wait_for(base + "seuils/", "35\u00a0h par semaine")

    replace_in(faq, "{seuil:heures-coordination}", "{seuil:heures-coordinations}")
    body = normalise(wait_for(base + "faq/", "Le contenu contient des erreurs"))
    assert "frameworks/faq.yml:" in body and "repère inconnu « heures-coordinations »" in body
    assert "vouliez-vous dire « heures-coordination » ?" in body
