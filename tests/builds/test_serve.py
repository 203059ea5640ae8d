"""The editors' live preview: a YAML change shows up, an error shows in the page, a fix brings the page back; scripts/serve
runs this checkout's code and restarts itself when that Python changes."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
import urllib.request

import pytest

from scripts.project_tools import free_port
from tests.helpers import framework_data, replace_field, replace_in
from tests.site_text import normalise


def fetch(url: str) -> str:
    with urllib.request.urlopen(url, timeout=30) as response:
        return response.read().decode("utf-8")


# The second phase's objective, written by these tests (fixture content of their own) whatever the guide says.
OBJECTIVE = "Industrialiser la croissance."


def with_known_objective(project) -> None:
    replace_field(project / "frameworks" / "phases.yml", ("phases", 1, "objectif"), f'"{OBJECTIVE}"')


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
    with_known_objective(project)
    for _attempt in range(3):
        port = free_port()
        with log.open("w", encoding="utf-8") as output:
            server = subprocess.Popen(
                [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}", "--livereload"],
                cwd=project, env=env, stdout=output, stderr=subprocess.STDOUT, text=True,
            )
        url = f"http://127.0.0.1:{port}/phases/"
        try:
            wait_for(url, OBJECTIVE, server=server)
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

    replace_field(path, ("phases", 1, "objectif"), '"Industrialiser la croissance, pas à pas."')
    wait_for(url, "Industrialiser la croissance, pas à pas.")

    replace_field(path, ("phases", 1, "numero"), "deux")
    body = wait_for(url, "Le contenu contient des erreurs")
    assert "frameworks/phases.yml:" in body and "phases[1].numero" in body and "doit être un nombre entier" in body

    replace_field(path, ("phases", 1, "numero"), "2")
    wait_for(url, "Industrialiser la croissance, pas à pas.")


def test_an_editor_changes_a_faq_answer_and_a_threshold_as_contributing_explains(preview):
    """The walk-through of CONTRIBUTING.md: a FAQ answer, then a figure of seuils.yml, then a typo in a {seuil:…}."""
    project, url, server = preview
    base = url.removesuffix("phases/")
    faq = project / "frameworks" / "faq.yml"
    answer = framework_data("faq")["questions"][0]["reponse"]  # whatever it says, with « Sans attendre » before
    replace_field(faq, ("questions", 0, "reponse"), json.dumps("Sans attendre, répond le guide. " + answer, ensure_ascii=False))
    wait_for(base + "faq/", "Sans attendre, répond le guide.")

    coordination = next(item for item in framework_data("seuils")["seuils"] if item["id"] == "heures-coordination")
    changed = coordination["valeur"] + 5
    replace_field(project / "frameworks" / "seuils.yml", ("seuils", {"id": "heures-coordination"}, "valeur"), str(changed))
    wait_for(base + "bascule-internalisation/", f"{changed}\u00a0{coordination['unite']}")
    wait_for(base + "seuils/", f"{changed}\u00a0{coordination['unite']}")

    replace_in(faq, "{seuil:heures-coordination}", "{seuil:heures-coordinations}")
    body = normalise(wait_for(base + "faq/", "Le contenu contient des erreurs"))
    assert "frameworks/faq.yml:" in body and "repère inconnu « heures-coordinations »" in body
    assert "vouliez-vous dire « heures-coordination » ?" in body


@pytest.fixture
def served_checkout(tmp_path):
    """scripts/serve as an editor runs it (setup stubbed: installed already), on a copy of the project whose .venv is a
    link to the repository's environment, where the project is installed editable from the repository: the other
    checkout. Yields (project, base URL, log file)."""
    import shutil
    import signal

    from tests.support import REPO, copy_project

    project = copy_project(tmp_path / "checkout")
    (project / "scripts").mkdir()
    for name in ("serve", "preview.py"):
        shutil.copy2(REPO / "scripts" / name, project / "scripts" / name)
    (project / "scripts" / "setup").write_text("#!/usr/bin/env bash\n", encoding="utf-8")
    (project / "scripts" / "setup").chmod(0o755)
    (project / ".venv").symlink_to(REPO / ".venv")
    with_known_objective(project)
    # This checkout's code differs from the other's before the server starts: the page must show this one.
    replace_in(project / "guide" / "rendering.py", 'HEADERLINK_NAME = "Lien vers cette section"',
               'HEADERLINK_NAME = "Lien vers ce passage"')
    log = tmp_path / "serve.log"
    port = free_port()
    with log.open("w", encoding="utf-8") as output:
        server = subprocess.Popen([str(project / "scripts" / "serve"), "--dev-addr", f"127.0.0.1:{port}"], cwd=project,
                                  stdout=output, stderr=subprocess.STDOUT, start_new_session=True)
    try:
        yield project, f"http://127.0.0.1:{port}/", log, server
    finally:
        os.killpg(server.pid, signal.SIGINT)  # the script and the mkdocs serve it started (their own group)
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait()


def test_serve_runs_this_checkout_s_code_and_restarts_when_its_python_changes(served_checkout):
    """A change to a Python file of guide/, common/ or calculators/ shows in the page without restarting by hand; and
    the page is made by this checkout's code even though its .venv is another checkout's."""
    project, base, log, server = served_checkout
    body = wait_for(base + "phases/", OBJECTIVE, seconds=120, server=server)
    assert 'aria-label="Lien vers ce passage"' in body
    assert f"dossier servi\u202f: {project}" in log.read_text(encoding="utf-8")

    replace_in(project / "common" / "typography.py", '    return "".join(parts)\n',
               '    return "".join(parts).replace("Industrialiser la croissance.", "Industrialiser la croissance (common).")\n')
    wait_for(base + "phases/", "Industrialiser la croissance (common).", seconds=120, server=server)

    replace_in(project / "calculators" / "html.py", '"Préremplir : "', '"Préremplir (nouveau code) : "')
    wait_for(base + "internalisation/", "Préremplir (nouveau code)", seconds=120, server=server)

    replace_in(project / "guide" / "rendering.py", '"Lien vers ce passage"', '"Lien vers ce paragraphe"')
    wait_for(base + "phases/", 'aria-label="Lien vers ce paragraphe"', seconds=120, server=server)
    assert "modifié\u202f: le serveur redémarre avec le nouveau code" in log.read_text(encoding="utf-8")


def test_serve_refuses_to_preview_this_content_with_another_checkout_s_code(tmp_path):
    """A folder without the packages (a partial copy): its Python would find them in the checkout the environment
    was installed from. The script names that checkout and does not start."""
    import shutil

    from tests.support import REPO

    project = tmp_path / "checkout"
    (project / "scripts").mkdir(parents=True)
    shutil.copy2(REPO / "scripts" / "preview.py", project / "scripts" / "preview.py")
    result = subprocess.run([sys.executable, str(project / "scripts" / "preview.py")], cwd=project,
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 1
    assert f"ATTENTION\u202f: le paquet guide viendrait de {REPO / 'guide'}, pas de ce dossier ({project})." in result.stderr
    assert "il ne démarre pas" in result.stderr
