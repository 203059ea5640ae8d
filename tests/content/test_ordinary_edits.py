"""An editor's ordinary edits (tests/ordinary_edits.py) pass the check and the build, and reach the pages.

Issue 24: a change fails only for the editor's own mistake. The edits follow CONTRIBUTING.md (reword texts,
change dated assumptions the calculators read, add and remove a risk and a FAQ entry, add a glossary term and a
figure with its source's sentence); on a copy of the project, ``guide check`` passes without a warning, the
strict build passes, and each edit shows on its page (so that an edit that went nowhere fails this test).
The whole suite on such a copy: ``python -m tests.ordinary_edits DIR`` on a fresh clone, then ``scripts/test``.
"""

from __future__ import annotations

import subprocess
import sys

import pytest

from guide.source_text import SEEDS_DIR
from tests.helpers import page_slug
from tests.ordinary_edits import EDITS, EditError, add_field, append_item, apply_edits, remove_item, set_text
from tests.site_text import article_text, normalise
from tests.support import copy_project, mkdocs_build


@pytest.fixture(scope="module")
def edited(tmp_path_factory):
    """A copy of the project with every ordinary edit applied: (project folder, the edits as applied)."""
    root = tmp_path_factory.mktemp("edited")
    project = copy_project(root / "project")
    edits = apply_edits(project)
    return project, edits


@pytest.fixture(scope="module")
def edited_site(edited, tmp_path_factory):
    project, _ = edited
    site = tmp_path_factory.mktemp("edited-site") / "site"
    result = mkdocs_build(project, site)
    assert result.returncode == 0, result.stdout + result.stderr
    return site


def test_every_edit_changes_the_content(edited):
    """Each edit changes something (none silently does nothing), in frameworks/ only."""
    from tests.support import REPO

    project, edits = edited
    assert [edit.name for edit in edits] == [edit.name for edit in EDITS]
    assert all(edit.shows or edit.hides for edit in edits)
    changed = {path.name for path in (project / "frameworks").glob("*.yml")
               if path.read_bytes() != (REPO / "frameworks" / path.name).read_bytes()}
    assert {"phases.yml", "faq.yml", "seuils.yml", "glossaire.yml", "signaux.yml", "accueil.yml"} <= changed


def test_the_check_passes_on_the_edited_copy_without_a_warning(edited):
    project, _ = edited
    assert SEEDS_DIR.is_dir(), f"{SEEDS_DIR} manque : le dossier partagé doit être à côté du clone"
    result = subprocess.run([sys.executable, "-m", "guide", "check", "--root", str(project), "--seeds", str(SEEDS_DIR)],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    [line] = result.stdout.splitlines()  # no warning: the edits are written as CONTRIBUTING says
    assert line.startswith("Contenu valide\u202f: ")


@pytest.mark.parametrize("edit", EDITS, ids=[edit.name for edit in EDITS])
def test_each_edit_shows_on_its_pages_after_the_build(edit, edited, edited_site):
    _, edits = edited
    [applied] = [done for done in edits if done.name == edit.name]
    for seen in applied.shows:
        assert normalise(seen.text) in article_text(edited_site, page_slug(seen.page)), seen
    for gone in applied.hides:
        assert normalise(gone.text) not in article_text(edited_site, page_slug(gone.page)), gone


def test_the_command_line_applies_the_edits_to_a_checkout(tmp_path):
    """What the lead runs on a fresh clone before the whole suite (which, run there, applies them once more to its
    own copy: each edit has a second text for that round)."""
    project = copy_project(tmp_path / "project")
    before = {path.name: path.read_bytes() for path in (project / "frameworks").glob("*.yml")}
    result = subprocess.run([sys.executable, "-m", "tests.ordinary_edits", str(project)], capture_output=True,
                            text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert [line.split("\u202f: ")[0] for line in result.stdout.splitlines()] == [edit.name for edit in EDITS]
    changed = {name for name, data in before.items() if (project / "frameworks" / name).read_bytes() != data}
    assert {"phases.yml", "faq.yml", "seuils.yml", "glossaire.yml", "signaux.yml", "accueil.yml"} <= changed
    check = subprocess.run([sys.executable, "-m", "guide", "check", "--root", str(project), "--seeds", str(SEEDS_DIR)],
                           capture_output=True, text=True, timeout=120)
    assert check.returncode == 0 and check.stdout.startswith("Contenu valide\u202f: "), check.stdout + check.stderr


# The gestures themselves, on fixture content of their own.

SAMPLE = """\
# yaml-language-server: $schema=schemas/sample.schema.json
page:
  titre: Un titre  # un commentaire
items:
  - id: un
    texte: 'Premier'
    liste:
      - a
      - "b"
  # un commentaire entre deux éléments
  - id: deux
    texte: >-
      Deuxième,
      sur deux lignes
    liste: [c]
fin: oui
"""


@pytest.fixture
def sample(tmp_path):
    (tmp_path / "frameworks").mkdir()
    (tmp_path / "frameworks" / "sample.yml").write_text(SAMPLE, encoding="utf-8")
    return tmp_path


def read(root):
    return (root / "frameworks" / "sample.yml").read_text(encoding="utf-8")


def test_a_text_is_replaced_between_double_quotes_and_its_comment_kept(sample):
    assert set_text(sample, "sample", ("page", "titre"), "Un « autre » titre : l'essai") == "Un titre"
    assert '  titre: "Un « autre » titre : l\'essai"  # un commentaire\n' in read(sample)
    set_text(sample, "sample", ("items", {"id": "deux"}, "texte"), "Court")
    assert read(sample).count("\n") == SAMPLE.count("\n") - 2
    assert '    texte: "Court"\n    liste: [c]\n' in read(sample)


def test_an_item_is_added_after_the_last_one_aligned_on_its_dash(sample):
    append_item(sample, "sample", ("items", 0, "liste"), '"c"')
    assert '      - "b"\n      - "c"\n  # un commentaire' in read(sample)
    append_item(sample, "sample", ("items",), "id: trois\ntexte: \"Trois\"")
    assert read(sample).endswith('    liste: [c]\n  - id: trois\n    texte: "Trois"\nfin: oui\n')


def test_a_field_is_added_after_the_last_one_aligned_on_the_others(sample):
    add_field(sample, "sample", ("items", {"id": "un"}), "note", '"Une note"')
    assert '      - "b"\n    note: "Une note"\n  # un commentaire' in read(sample)
    add_field(sample, "sample", ("items", {"id": "deux"}), "mots", '\n- "x"\n- "y"')
    assert read(sample).endswith('    liste: [c]\n    mots:\n      - "x"\n      - "y"\nfin: oui\n')
    with pytest.raises(EditError):
        add_field(sample, "sample", ("items", {"id": "deux"}), "texte", '"deux fois"')


def test_an_item_is_removed_with_all_its_lines(sample):
    removed = remove_item(sample, "sample", ("items",), {"id": "deux"})
    assert removed.startswith("  - id: deux\n") and removed.endswith("    liste: [c]\n")
    assert read(sample).endswith('      - "b"\n  # un commentaire entre deux éléments\nfin: oui\n')
    remove_item(sample, "sample", ("items", 0, "liste"), 0)
    assert '    liste:\n      - "b"\n' in read(sample)


def test_an_edit_on_a_missing_field_or_item_is_refused(sample):
    with pytest.raises(EditError):
        set_text(sample, "sample", ("page", "sous_titre"), "x")
    with pytest.raises(EditError):
        remove_item(sample, "sample", ("items",), {"id": "quatre"})
    with pytest.raises(EditError):
        append_item(sample, "sample", ("items", 1, "liste"), "d")  # a list written [c]: not one line per item
    assert read(sample) == SAMPLE
