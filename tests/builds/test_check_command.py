"""The editors' check command: French errors, every file at once, a non-zero exit."""

from __future__ import annotations

import subprocess
import sys

from tests.helpers import framework_data, replace_field, replace_in


def run_check(root, *args):
    return subprocess.run([sys.executable, "-m", "guide", "check", "--root", str(root), *args],
                          capture_output=True, text=True, timeout=120)


def test_check_passes_on_the_repository(project):
    result = run_check(project)
    assert result.returncode == 0
    assert result.stdout.startswith("Contenu valide\u202f: ")  # no warning either: each hand-typed figure is marked


def test_check_reports_every_error_and_exits_non_zero(project):
    replace_field(project / "frameworks" / "phases.yml", ("phases", 1, "effectif_min"), "dix")
    replace_field(project / "frameworks" / "modeles.yml", ("modeles", 3, "ideal_pour"), "''")
    result = run_check(project)
    assert result.returncode == 1
    lines = result.stderr.splitlines()
    assert lines[0].startswith("frameworks/modeles.yml:") and "modeles[3].ideal_pour\u202f: le texte ne doit pas être vide" in lines[0]
    assert lines[1].startswith("frameworks/phases.yml:") and "phases[1].effectif_min\u202f: doit être un nombre entier" in lines[1]
    assert lines[-1] == "2 erreurs dans le contenu\u202f: corrigez-les avant de publier."
    assert "Traceback" not in result.stderr


def test_check_writes_github_annotations(project):
    replace_field(project / "frameworks" / "phases.yml", ("phases", 1, "effectif_min"), "dix")
    result = run_check(project, "--github")
    [annotation] = [line for line in result.stdout.splitlines() if line.startswith("::error ")]
    assert annotation.startswith("::error file=frameworks/phases.yml,line=")
    assert annotation.endswith("::phases[1].effectif_min\u202f: doit être un nombre entier")


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
    # The copy has no sources' folder beside it, as an editor's clone: the check says once it compared no citation.
    *warnings, last = result.stdout.splitlines()
    assert last.startswith("Contenu valide\u202f: ")
    assert len(warnings) == 1 and "les textes des sources sont absents" in warnings[0]
    assert not (project / "node_modules").exists() and not (project / ".cache" / "pyodide-site").exists()


def test_invisible_bytes_are_named_and_the_format_command_rewrites_only_them(project):
    """A file saved by Windows' Notepad (CRLF, byte order mark) and a line pasted from a word processor (no-break
    spaces in its indentation): each named at its line, then put right by « python -m guide format », byte for byte."""
    faq = project / "frameworks" / "faq.yml"
    phases = project / "frameworks" / "phases.yml"
    faq_before, phases_before = faq.read_bytes(), phases.read_bytes()
    faq.write_bytes(b"\xef\xbb\xbf" + faq_before.replace(b"\n", b"\r\n"))
    lines = phases_before.decode("utf-8").split("\n")
    number = next(index for index, line in enumerate(lines) if line.startswith("    objectif: "))
    lines[number] = "\u00a0\u00a0  " + lines[number].lstrip(" ")
    phases.write_text("\n".join(lines), encoding="utf-8")

    result = run_check(project)
    assert result.returncode == 1
    errors = result.stderr.splitlines()
    assert errors[0].startswith("frameworks/faq.yml:1:1: marque d’ordre des octets (BOM)")
    assert errors[1].startswith("frameworks/faq.yml:1:") and "fins de ligne Windows (CRLF) sur " in errors[1]
    assert errors[2].startswith(f"frameworks/phases.yml:{number + 1}:1: espace insécable (U+00A0) dans l’indentation")
    assert all("scripts/format" in line for line in errors[:3])

    formatted = subprocess.run([sys.executable, "-m", "guide", "format", "--root", str(project)], cwd=project,
                               capture_output=True, text=True, timeout=120)
    assert formatted.returncode == 0, formatted.stderr
    assert faq.read_bytes() == faq_before and phases.read_bytes() == phases_before
    assert "frameworks/faq.yml\u202f: marque d’ordre des octets (BOM) retirée\u202f; " in formatted.stdout
    assert "frameworks/phases.yml\u202f: 2 espaces insécables remplacées par des espaces ordinaires." in formatted.stdout
    assert run_check(project).returncode == 0


def test_the_format_command_leaves_french_typography_inside_texts_and_a_clean_file_alone(project):
    faq = project / "frameworks" / "faq.yml"
    question = framework_data("faq")["questions"][0]["question"]  # whatever it says: a no-break space inside
    text = faq.read_text(encoding="utf-8").replace(question, question.replace(" ", "\u00a0", 1), 1)
    assert question.replace(" ", "\u00a0", 1) in text and "\u00a0" not in question
    faq.write_text(text, encoding="utf-8")
    formatted = subprocess.run([sys.executable, "-m", "guide", "format", str(faq)], cwd=project,
                               capture_output=True, text=True, timeout=120)
    assert formatted.returncode == 0 and formatted.stdout == "1 fichier vérifié.\n"
    assert faq.read_text(encoding="utf-8") == text


def test_scripts_format_runs_this_checkout_s_code_on_files_named_from_anywhere(tmp_path):
    """The editors' wrapper: setup (stubbed here: installed already), then this checkout's ``python -m guide format``
    on the files given relative to the folder it is run from."""
    import shutil

    from tests.support import REPO, copy_project

    project = copy_project(tmp_path / "project")
    (project / "scripts").mkdir()
    shutil.copy2(REPO / "scripts" / "format", project / "scripts" / "format")
    (project / "scripts" / "setup").write_text("#!/usr/bin/env bash\n", encoding="utf-8")
    (project / "scripts" / "setup").chmod(0o755)
    (project / ".venv").symlink_to(REPO / ".venv")
    faq = project / "frameworks" / "faq.yml"
    before = faq.read_bytes()
    faq.write_bytes(before.replace(b"\n", b"\r\n"))
    result = subprocess.run([str(project / "scripts" / "format"), "faq.yml"], cwd=project / "frameworks",
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert faq.read_bytes() == before
    assert result.stdout.startswith("frameworks/faq.yml\u202f: ") and "fins de ligne Windows (CRLF) remplacées" in result.stdout


def test_a_citation_not_in_its_source_is_an_error_of_the_check_in_french_at_its_line(project):
    from tests.helpers import line_of

    seuils = project / "frameworks" / "seuils.yml"
    replace_in(seuils, "présence de 40 heures par semaine", "présence de 35 heures par semaine")
    result = run_check(project, "--github")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    line = line_of(seuils, "présence de 35 heures par semaine")
    [error, summary] = result.stderr.splitlines()
    assert error.startswith(f"frameworks/seuils.yml:{line}:") and ": seuils[0].citation\u202f: cette citation n’est pas, mot " \
        "pour mot, dans l’article «\u202f" in error
    assert "40 heures par semaine" in error  # the source's sentence, to copy
    assert summary == "1 erreur dans le contenu\u202f: corrigez-la avant de publier."
    assert f"::error file=frameworks/seuils.yml,line={line}," in result.stdout


def test_without_the_sources_text_the_check_says_so_once_and_passes(project, tmp_path):
    result = run_check(project, "--seeds", str(tmp_path / "absent"))
    assert result.returncode == 0
    [warning] = [line for line in result.stdout.splitlines() if "attention, pas une erreur" in line]
    assert warning.startswith("frameworks/seuils.yml:") and "les textes des sources sont absents" in warning
