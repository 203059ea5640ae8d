"""The admin's save format (admin/format.mjs) on every framework file, run in node as the admin runs it:
read then saved without an edit, the file is the same bytes; one text edited, one line changes; a list item
removed, moved or inserted, only its own lines change; and the content check passes on what was saved."""

from __future__ import annotations

import difflib
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from guide.catalog import REPO_ROOT
from guide.yaml_source import parse_yaml
from scripts.project_tools import copy_project

WALK = REPO_ROOT / "tests" / "admin" / "format_walk.mjs"
FILES = sorted(path.name for path in (REPO_ROOT / "frameworks").glob("*.yml"))


def walk(frameworks: Path, out: Path) -> list[dict]:
    result = subprocess.run(["node", str(WALK), str(frameworks), str(out)], capture_output=True, text=True,
                            timeout=120, cwd=REPO_ROOT)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


@pytest.fixture(scope="module")
def saved(tmp_path_factory):
    """(results by (file, change), folder of the saved files)."""
    out = tmp_path_factory.mktemp("saved")
    return {(item["file"], item["change"]): item for item in walk(REPO_ROOT / "frameworks", out)}, out


def load(text: str):
    """The data as the guide reads it (dates stay text, only true and false are booleans)."""
    parsed = parse_yaml(text, "cadre.yml")
    assert not parsed.errors
    return parsed.data


def changes(before: str, after: str) -> tuple[list[str], list[str]]:
    diff = list(difflib.unified_diff(before.splitlines(), after.splitlines(), lineterm="", n=0))
    removed = [line[1:] for line in diff if line.startswith("-") and not line.startswith("---")]
    added = [line[1:] for line in diff if line.startswith("+") and not line.startswith("+++")]
    return removed, added


def hunks(before: str, after: str) -> int:
    return sum(1 for line in difflib.unified_diff(before.splitlines(), after.splitlines(), lineterm="", n=0)
               if line.startswith("@@"))


def original(name: str) -> str:
    return (REPO_ROOT / "frameworks" / name).read_text(encoding="utf-8")


def result(out: Path, change: str, name: str) -> str:
    return (out / change / name).read_text(encoding="utf-8")


@pytest.mark.parametrize("name", FILES)
def test_a_file_saved_without_an_edit_is_the_same_bytes(saved, name):
    _, out = saved
    assert (out / "aucune" / name).read_bytes() == (REPO_ROOT / "frameworks" / name).read_bytes()


@pytest.mark.parametrize("name", FILES)
def test_one_edited_text_changes_one_line(saved, name):
    results, out = saved
    removed, added = changes(original(name), result(out, "texte", name))
    assert len(removed) == 1 and len(added) == 1
    edit = results[(name, "texte")]
    assert load(result(out, "texte", name))["page"]["introduction"][0] == edit["after"]


@pytest.mark.parametrize("name", FILES)
def test_a_text_that_yaml_1_1_would_read_as_a_number_stays_a_text(saved, name):
    _, out = saved
    after = result(out, "ambigu", name)
    assert load(after)["page"]["titre_court"] == "3:1"
    removed, added = changes(original(name), after)
    assert len(removed) == len(added) == 1


def _list_cases():
    return [name for name in FILES if any(isinstance(value, list) and len(value) >= 2
                                          for key, value in load(original(name)).items() if key != "page")]


@pytest.mark.parametrize("name", _list_cases())
def test_a_removed_item_takes_only_its_own_lines(saved, name):
    results, out = saved
    case = results[(name, "retrait")]
    expected = load(original(name))
    del expected[case["list"]][case["index"]]
    after = result(out, "retrait", name)
    assert load(after) == expected
    removed, added = changes(original(name), after)
    assert added == [] and removed and hunks(original(name), after) == 1


@pytest.mark.parametrize("name", _list_cases())
def test_a_moved_item_keeps_its_lines_as_written(saved, name):
    results, out = saved
    case = results[(name, "deplacement")]
    expected = load(original(name))
    expected[case["list"]].insert(0, expected[case["list"]].pop())
    after = result(out, "deplacement", name)
    assert load(after) == expected
    removed, added = changes(original(name), after)
    assert removed and removed == added  # the same lines, comments and quoting included, elsewhere
    assert hunks(original(name), after) == 2


@pytest.mark.parametrize("name", _list_cases())
def test_an_inserted_item_adds_only_its_own_lines(saved, name):
    results, out = saved
    case = results[(name, "insertion")]
    expected = load(original(name))
    expected[case["list"]].insert(1, json.loads(json.dumps(case["item"])))
    after = result(out, "insertion", name)
    assert load(after) == expected
    removed, added = changes(original(name), after)
    assert removed == [] and added and hunks(original(name), after) == 1


@pytest.mark.parametrize("change", ["aucune", "texte"])
def test_the_content_check_passes_on_what_the_admin_saved(saved, tmp_path, change):
    _, out = saved
    project = copy_project(tmp_path / "project")
    for path in (out / change).glob("*.yml"):
        shutil.copy2(path, project / "frameworks" / path.name)
    check = subprocess.run([sys.executable, "-m", "guide", "check", "--root", str(project)],
                           capture_output=True, text=True, timeout=120)
    assert check.returncode == 0, check.stdout + check.stderr


def test_windows_line_endings_are_kept(tmp_path):
    folder = tmp_path / "crlf"
    folder.mkdir()
    text = original("faq.yml").replace("\n", "\r\n")
    (folder / "faq.yml").write_bytes(text.encode("utf-8"))
    walk(folder, tmp_path / "out")
    assert (tmp_path / "out" / "aucune" / "faq.yml").read_bytes() == text.encode("utf-8")
    after = (tmp_path / "out" / "texte" / "faq.yml").read_bytes().decode("utf-8")
    assert after.count("\r\n") == text.count("\r\n") and "\n" not in after.replace("\r\n", "")
    removed, added = changes(text, after)
    assert len(removed) == len(added) == 1




EDIT = """
import * as YAML from "yaml";
import { createFormat } from "./admin/format.mjs";
const { text, path, value } = JSON.parse(process.argv[1]);
const { fromFile, toFile } = createFormat(YAML);
const data = fromFile(text);
let target = data;
for (const key of path.slice(0, -1)) target = target[key];
target[path[path.length - 1]] = value;
process.stdout.write(toFile(data));
"""

FIXTURE = """\
# yaml-language-server: $schema=schemas/essai.schema.json
# Un commentaire d'en-tête.
page:
  titre: 'Un titre entre apostrophes'
  note: null
elements:
  - id: premier
    texte: Un texte simple.  # un commentaire de fin de ligne
    chiffre: 12
  - id: second
    texte: "Un texte : entre guillemets."
    vide:
"""


def edited(path: list, value) -> str:
    result = subprocess.run(["node", "--input-type=module", "-e", EDIT, json.dumps({"text": FIXTURE, "path": path, "value": value})],
                            capture_output=True, text=True, timeout=60, cwd=REPO_ROOT)
    assert result.returncode == 0, result.stderr
    return result.stdout


@pytest.mark.parametrize(("path", "value", "old", "new"), [
    (["elements", 0, "texte"], "Un autre texte.", "    texte: Un texte simple.  # un commentaire de fin de ligne",
     "    texte: Un autre texte.  # un commentaire de fin de ligne"),
    (["page", "titre"], "Un autre titre", "  titre: 'Un titre entre apostrophes'", "  titre: 'Un autre titre'"),
    (["elements", 1, "texte"], "Deux : points", '    texte: "Un texte : entre guillemets."', '    texte: "Deux : points"'),
    (["elements", 0, "chiffre"], 13, "    chiffre: 12", "    chiffre: 13"),
    (["page", "note"], "Une note", "  note: null", "  note: Une note"),
])
def test_an_edited_value_keeps_its_comment_quoting_and_place(path, value, old, new):
    after = edited(path, value)
    assert after == FIXTURE.replace(old + "\n", new + "\n", 1)
