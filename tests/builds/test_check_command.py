"""The editors' check command: French errors, every file at once, a non-zero exit."""

from __future__ import annotations

import subprocess
import sys

from tests.helpers import replace_in


def run_check(root, *args):
    return subprocess.run([sys.executable, "-m", "guide", "check", "--root", str(root), *args],
                          capture_output=True, text=True, timeout=120)


def test_check_passes_on_the_repository(project):
    result = run_check(project)
    assert result.returncode == 0
    assert result.stdout.startswith("Contenu valide : ")  # no warning either: each hand-typed figure is marked


def test_check_reports_every_error_and_exits_non_zero(project):
    replace_in(project / "frameworks" / "phases.yml", "effectif_min: 10", "effectif_min: dix")
    replace_in(project / "frameworks" / "modeles.yml", "ideal_pour: Les scale-ups et les groupes.", "ideal_pour: ''")
    result = run_check(project)
    assert result.returncode == 1
    lines = result.stderr.splitlines()
    assert lines[0].startswith("frameworks/modeles.yml:") and "modeles[3].ideal_pour : le texte ne doit pas être vide" in lines[0]
    assert lines[1].startswith("frameworks/phases.yml:") and "phases[1].effectif_min : doit être un nombre entier" in lines[1]
    assert lines[-1] == "2 erreurs dans le contenu : corrigez-les avant de publier."
    assert "Traceback" not in result.stderr


def test_check_writes_github_annotations(project):
    replace_in(project / "frameworks" / "phases.yml", "effectif_min: 10", "effectif_min: dix")
    result = run_check(project, "--github")
    [annotation] = [line for line in result.stdout.splitlines() if line.startswith("::error ")]
    assert annotation.startswith("::error file=frameworks/phases.yml,line=")
    assert annotation.endswith("::phases[1].effectif_min : doit être un nombre entier")


def test_the_editors_check_needs_only_the_python_packages(tmp_path):
    """scripts/check installs the Python packages only: no npm package, no Pyodide wheel, no browser."""
    import shutil

    from tests.support import REPO, copy_project

    project = copy_project(tmp_path / "project")
    (project / "node_modules").unlink()  # copy_project links the real one; an editor's clone has none
    shutil.copytree(REPO / "scripts", project / "scripts")
    for name in ("requirements.txt", "package.json", "package-lock.json"):
        shutil.copy2(REPO / name, project / name)
    (project / ".venv").symlink_to(REPO / ".venv")  # installed already: setup has nothing to install
    result = subprocess.run(["bash", str(project / "scripts" / "check")], cwd=project, capture_output=True,
                            text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("Contenu valide : ")
    assert not (project / "node_modules").exists() and not (project / ".cache" / "pyodide-site").exists()
