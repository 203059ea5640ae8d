"""What the command lines print for a person is typeset the French way (narrow no-break spaces before ; : ! ? and
inside « », curly apostrophes), and what they quote for the editor to type is printed byte for byte.

The real commands run on copies of the project with a few mistakes each (``GROUPS``), and on the help and the
calculators' list. Everything they print is read here with the test's own reading of what is literal: what « » quote,
"…", `…`, a YAML '…' (an apostrophe that starts a word), a location ``file:line:column:``, a GitHub command's
``::error …::`` part, a word holding a ``/`` (a path, a URL).
"""

from __future__ import annotations

import re
import subprocess
import sys

import pytest

from tests.broken_content import corpus, warned_corpus
from tests.support import REPO, copy_project

NNBSP = "\u202f"
# Mistakes whose messages quote YAML, a date, a command or a suggestion, each on its own file; in three groups, as
# the check reports them: a file's syntax error hides the schema's errors, which hide the rules across files.
GROUPS = {
    "syntaxe": ("apostrophe-entre-guillemets-simples", "deux-points-sans-guillemets", "fins-de-ligne-windows",
                "tiret-oublie", "guillemet-non-ferme", "texte-vide", "date-jj-mm-aaaa"),
    "schema": ("voir-aussi-cadre-inconnu", "nombre-a-virgule", "source-inconnue", "identifiant-en-double",
               "nombre-avec-unite"),
    "regles": ("premiere-ligne-effacee", "seuil-inconnu"),
}


def run(*argv: str, cwd=REPO) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, *argv], capture_output=True, text=True, cwd=cwd, timeout=300)


def _closing(line: str, start: int) -> int:
    depth = 0
    for index in range(start, len(line)):
        depth += {"«": 1, "»": -1}.get(line[index], 0)
        if not depth:
            return index
    return -1


def prose_of(line: str) -> str:
    """The line without its literal spans; each outermost « » checked for its narrow no-break spaces on the way."""
    line = re.sub(r"^(::[a-z]+ [^:]*::|[^\s:]+:\d+:\d+:)", "", line)
    kept, index = [], 0
    while index < len(line):
        char = line[index]
        end = None
        if char == "«" and _closing(line, index) > 0:
            end = _closing(line, index) + 1
            assert line[index + 1] == NNBSP and line[end - 2] == NNBSP, line
        elif char in "\"`" and line.find(char, index + 1) > 0:
            end = line.find(char, index + 1) + 1
        elif char == "'" and (not index or not line[index - 1].isalnum()):
            quoted = re.compile(r"'(?:[^'\n]|''|'(?=\w))*'(?![\w'])").match(line, index)
            end = quoted.end() if quoted else index + 1  # a YAML text in single quotes, or a lone quote to type
        if end is None:
            kept.append(char)
            index += 1
        else:
            kept.append("L")  # a letter in its place: neither a space nor punctuation
            index = end
    return re.sub(r"[^\s\"'«»`]*/[^\s\"'«»`]*", "L", "".join(kept))  # paths and URLs


def assert_typeset(output: str) -> None:
    for line in output.splitlines():
        prose = prose_of(line)
        assert not re.search(r"[ \u00a0][;:!?]", prose), line
        assert "'" not in prose, line
        assert not re.search(r"«[ \u00a0]|[ \u00a0]»", prose), line


def broken_copy(folder, kinds) -> object:
    project = copy_project(folder / "project")
    used = set()
    for kind in kinds:
        variant = next(variant for variant in corpus() if kind in variant.kind and variant.framework not in used)
        used.add(variant.framework)
        (project / variant.filename).write_bytes(variant.text.encode("utf-8"))
    return project


@pytest.fixture(scope="module")
def checked(tmp_path_factory) -> dict[str, subprocess.CompletedProcess]:
    """What ``python -m guide check --github`` prints on each group of mistakes."""
    results = {}
    for group, kinds in GROUPS.items():
        project = broken_copy(tmp_path_factory.mktemp(group), kinds)
        results[group] = run("-m", "guide", "check", "--root", str(project), "--github")
        assert results[group].returncode == 1 and "Traceback" not in results[group].stderr, results[group].stderr
    return results


@pytest.fixture(scope="module")
def broken_project(tmp_path_factory):
    return broken_copy(tmp_path_factory.mktemp("syntaxe"), GROUPS["syntaxe"])


@pytest.mark.parametrize("group", GROUPS)
def test_the_check_s_errors_and_annotations_are_typeset(checked, group):
    result = checked[group]
    assert len(result.stderr.splitlines()) == len(GROUPS[group]) + 1  # each mistake, then the count
    assert_typeset(result.stdout + result.stderr)
    assert f"dans le contenu{NNBSP}: corrigez-les avant de publier." in result.stderr
    assert "\u2019" in result.stderr  # the prose's apostrophes are curly
    annotations = [line for line in result.stdout.splitlines() if line.startswith("::error ")]
    assert len(annotations) == len(GROUPS[group])
    assert all(re.match(r"::error file=frameworks/[\w-]+\.yml,line=\d+,col=\d+::\S", line) for line in annotations)


def test_what_the_check_says_to_type_is_printed_as_it_is_typed(checked):
    printed = "".join(result.stderr for result in checked.values())
    assert re.search(f"«{NNBSP}# yaml-language-server: \\$schema=schemas/[\\w-]+\\.schema\\.json{NNBSP}»", printed)
    assert """guillemets doubles ("l'offre") ou doublez l\u2019apostrophe ('l''offre')""" in printed
    assert """(par exemple\u202f: "Objectif : valider l'offre")""" in printed
    assert re.search(r'ici, écrivez "\d{4}-\d{2}-\d{2}"', printed)
    assert re.search(f"écrivez «{NNBSP}- [a-z_]+: …{NNBSP}»", printed)


def test_the_check_s_warnings_and_its_last_line_are_typeset(tmp_path):
    project = copy_project(tmp_path / "project")
    used = set()
    for variant in warned_corpus():
        if variant.framework not in used and len(used) < 3:
            used.add(variant.framework)
            (project / variant.filename).write_bytes(variant.text.encode("utf-8"))
    result = run("-m", "guide", "check", "--root", str(project), "--github")
    assert result.returncode == 0, result.stderr
    assert "(attention, pas une erreur)" in result.stdout and "::warning file=" in result.stdout
    assert_typeset(result.stdout + result.stderr)
    assert result.stdout.splitlines()[-1].startswith(f"Contenu valide{NNBSP}: ")


def test_the_other_commands_and_the_help_are_typeset(broken_project, tmp_path):
    outputs = [
        run("-m", "guide", "check", "--help"),
        run("-m", "guide", "format", "--root", str(broken_project), str(broken_project / "frameworks" / "absent.yml")),
        run("-m", "guide", "format", "--root", str(broken_project)),
        run("-m", "guide", "render-docs", str(tmp_path / "tree"), "--root", str(broken_project)),
        run("-m", "guide", "finish-site", str(tmp_path / "vide")),
        run("-m", "calculators", "--help"),
        run("-m", "calculators", "--list"),
    ]
    for result in outputs:
        assert "Traceback" not in result.stderr, result.args
        assert_typeset(result.stdout + result.stderr)
    assert f"absent.yml{NNBSP}: fichier introuvable" in outputs[1].stderr
    assert "fins de ligne Windows (CRLF) remplacée" in outputs[2].stdout
    assert f"dans le contenu{NNBSP}: corrigez-les" in outputs[3].stderr
    assert f"pas de index.html{NNBSP}; construisez d\u2019abord le site" in outputs[4].stderr


def test_the_reading_of_this_test_catches_plain_typography():
    """This test's own scan fails on what the commands printed before: it can fail."""
    for untypeset in ("Contenu valide : 32 fichiers", "le fichier n'est pas en UTF-8", "«x »"):
        with pytest.raises(AssertionError):
            assert_typeset(untypeset)
    assert_typeset("""écrivez « - cadre: NOM » ('l''offre') "l'offre" frameworks/a.yml:3:4: x""".replace("« ", "«" + NNBSP)
                   .replace(" »", NNBSP + "»"))


# argparse's own English, as Python 3.11 writes it (usage, headings, the help of -h, its errors).
ARGPARSE_ENGLISH = re.compile(r"usage:|error:|positional arguments|optional arguments|^options:|show this help|"
                              r"invalid choice|choose from|unrecognized arguments|arguments are required|"
                              r"expected one argument|\bROOT\b|\bSEEDS\b", re.MULTILINE)


@pytest.mark.parametrize("argv", [("--help",), ("check", "--help"), ("format", "--help"), ("export-json", "--help"),
                                  ("render-docs", "--help"), ("finish-site", "--help"), ("chek",),
                                  ("check", "--bogus"), ("render-docs",), ("check", "--root")],
                         ids=lambda argv: " ".join(argv))
def test_the_command_line_s_own_messages_are_french(argv):
    """The help of every command and argparse's errors (an unknown command, option or a missing argument) read in
    French, typeset: argparse writes them in English (guide/argparse_fr.py translates them)."""
    result = run("-m", "guide", *argv)
    assert result.returncode == (0 if "--help" in argv else 2), result
    text = result.stdout + result.stderr
    assert "Traceback" not in text
    assert ARGPARSE_ENGLISH.findall(text) == [], text
    assert f"utilisation{NNBSP}: python -m guide" in text
    assert_typeset(text)


def test_argparse_reads_english_again_after_the_command_line():
    """French only while the command line is read: nothing else in the process (pytest, a library) is changed."""
    import argparse

    from guide.argparse_fr import french

    with french():
        assert "utilisation" in argparse.ArgumentParser(prog="x").format_usage()
    assert argparse.ArgumentParser(prog="x").format_usage().startswith("usage: ")


@pytest.mark.parametrize("argv", [("--help",), ("--list",), ("--bogus",), ("dossier-absent",)],
                         ids=lambda argv: " ".join(argv))
def test_the_edits_tool_s_messages_are_french(argv):
    """``python -m tests.ordinary_edits`` (the editor's ordinary edits applied to a copy, by hand before a
    submission): its help, its list and its errors read in French, typeset like the other commands."""
    result = run("-m", "tests.ordinary_edits", *argv)
    assert result.returncode == {"--help": 0, "--list": 0, "--bogus": 2, "dossier-absent": 2}[argv[0]], result
    text = result.stdout + result.stderr
    assert "Traceback" not in text and text.strip()
    assert ARGPARSE_ENGLISH.findall(text) == [], text
    assert_typeset(text)
