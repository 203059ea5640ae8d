"""Fuzz corpus: broken variants of the real framework files are all rejected, in French, at their line.

The variants are generated from every ``frameworks/*.yml`` (see ``tests/broken_content.py``), so a new
framework file is covered without touching this test. Each is checked at the unit level: the broken file is
parsed and validated on its own against the rest of the repository's guide (``tests/single_file.py``),
which is proved to report exactly what loading the whole guide reports, on one variant of every kind.
Then one variant per family of error (syntax, schema, cross-file rule) goes through the check command and
through ``scripts/build``, which must leave the last good site exactly as it was.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from common.typography import console_typography
from guide.catalog import framework_names, load_guide
from guide.errors import ContentErrors, format_field_path
from guide.plain_text import markup_in_texts
from guide.source_text import SEEDS_DIR, unverified_citations
from guide.yaml_source import parse_yaml
from tests.broken_content import (
    EXPECTED_MESSAGES,
    FRAMEWORKS_DIR,
    IDS_ALL_NAMED_ELSEWHERE,
    _dump,
    _id_taken_by_another_anchor,
    citation_variant,
    corpus,
    warned_corpus,
    warned_message,
)
from tests.single_file import check_one_file, parse, repository
from tests.support import REPO, copy_project, tree_digest

ENGLISH = ("required property", "is not of type", "additional properties", "mapping values", "found character",
           "expected", "while scanning", "while parsing", "traceback", "could not", "does not match",
           "is not valid", "is too", "unexpected", "error")
FRENCH = re.compile(r"[éèêàùçî«»]|\b(?:le|la|les|un|une|des|de|du|par|avec|pas|est|doit|champ|ce|cette|dans|fichier)\b")
CORPUS = corpus()  # named cheaply: each variant's text is made when its test runs
# One variant per family of error, end to end (the command line and the build script).
END_TO_END = ["signaux-tabulation",  # syntax: the YAML parser
              "kpis-texte-remplace-par-un-nombre",  # the file's schema
              "expansion-internationale-voir-aussi-cadre-inconnu"]  # a rule across files


def variant_named(variant_id: str):
    [variant] = [variant for variant in CORPUS if variant.id == variant_id]
    return variant


def one_per_kind() -> list:
    """The first variant of each kind of mistake, and ids changed in a file that other files point to."""
    chosen = {}
    for variant in CORPUS:
        family = next(part for part, _ in EXPECTED_MESSAGES if part in variant.kind)
        chosen.setdefault(family, variant)
    for variant_id in ("typologies-typologies-identifiant-mal-ecrit", "phases-phases-identifiant-en-double"):
        chosen[variant_id] = variant_named(variant_id)
    return list(chosen.values())


def assert_french(message: str) -> None:
    lowered = message.lower()
    assert not any(word in lowered for word in ENGLISH), message
    assert FRENCH.search(message), message


def test_the_corpus_covers_every_framework_file_with_every_kind_of_mistake():
    assert len(CORPUS) >= 50
    names = framework_names(FRAMEWORKS_DIR)
    assert {variant.framework for variant in CORPUS} == set(names)
    assert len({variant.id for variant in CORPUS}) == len(CORPUS)
    kinds = {variant.kind for variant in CORPUS}
    for kind in ("fichier-vide", "tabulation", "indentation", "champ-trop-indente", "deux-points-sans-guillemets",
                 "guillemet-non-ferme", "apostrophe-entre-guillemets-simples", "champ-en-double", "seuil-inconnu",
                 "page-champ-inconnu", "tiret-oublie", "tabulation-dans-le-texte", "fins-de-ligne-windows",
                 "marque-bom", "espace-insecable-dans-l-indentation", "texte-vide", "premiere-ligne-effacee",
                 "accolade-ouverte", "lien-vers-une-page-absente"):
        assert kind in kinds
    for family in ("page-sans-", "-sans-", "-identifiant-en-double", "-champ-inconnu", "texte-remplace-par-",
                   "source-inconnue", "voir-aussi-cadre-inconnu", "-nombre-avec-unite", "-nombre-a-virgule",
                   "element-colle", "bloc-moins-indente", "date-jj-mm-aaaa", "identifiant-deja-ancre"):
        assert any(family in kind for kind in kinds), family
    for name in names:  # each schema rejects, at least, a missing field and a wrong type
        kinds_of_file = {variant.kind for variant in CORPUS if variant.framework == name}
        assert any("-sans-" in kind for kind in kinds_of_file), name
        assert any("texte-remplace-par-" in kind for kind in kinds_of_file), name
    print(f"corpus : {len(CORPUS)} variantes cassées de {len(names)} fichiers")


@pytest.mark.parametrize("name", IDS_ALL_NAMED_ELSEWHERE)
def test_the_files_left_without_a_taken_anchor_variant_have_no_id_to_change_alone(name):
    with pytest.raises(AssertionError, match="aucun identifiant écrit comme ancre sur sa page"):
        _id_taken_by_another_anchor(name, (FRAMEWORKS_DIR / f"{name}.yml").read_text(encoding="utf-8"))


@pytest.mark.parametrize("name", framework_names(FRAMEWORKS_DIR))
def test_the_real_data_written_back_still_loads(name):
    """Control: data variants fail because of their one change, not because of the rewriting."""
    original = (FRAMEWORKS_DIR / f"{name}.yml").read_text(encoding="utf-8")
    data = parse_yaml(original, name).data
    assert check_one_file(name, original) == []
    assert check_one_file(name, _dump(data, [line for line in original.splitlines()[:2] if line.startswith("#")])) == []


@pytest.mark.parametrize("variant", CORPUS, ids=[variant.id for variant in CORPUS])
def test_every_broken_variant_is_rejected_in_french_at_its_line(variant):
    errors = check_one_file(variant.framework, variant.text)
    assert errors
    for error in errors:
        assert error.line > 0 and error.column > 0, error
        assert_french(error.message)
        assert str(error).startswith(f"{error.file}:{error.line}:{error.column}: ")
    mine = [error for error in errors if error.file == variant.filename]
    assert mine, errors
    if variant.line is not None:
        assert variant.line in [error.line for error in mine], (variant.line, mine)
    if variant.field is not None:
        assert variant.field in [error.field for error in mine], (variant.field, mine)
    assert any(variant.message in error.message for error in mine), (variant.message, mine)


WARNED = warned_corpus()


@pytest.mark.parametrize("variant", WARNED, ids=[variant.id for variant in WARNED])
def test_markup_shown_as_typed_is_warned_in_french_at_its_line_and_the_file_stays_valid(variant):
    assert check_one_file(variant.framework, variant.text) == []
    parsed = parse(variant.text, variant.filename)
    warnings = markup_in_texts({variant.framework: parsed.data}, {variant.framework: variant.filename},
                               {variant.framework: parsed})
    [warning] = warnings
    assert (warning.file, warning.line, warning.field) == (variant.filename, variant.line, variant.field)
    assert warned_message(variant) in warning.message
    assert_french(warning.message)


def test_a_citation_changed_by_one_word_loads_but_the_check_refuses_it_at_its_line():
    variant = citation_variant((FRAMEWORKS_DIR / "seuils.yml").read_text(encoding="utf-8"))
    assert check_one_file("seuils", variant.text) == []
    repo = repository()
    parsed = {**repo.parsed, "seuils": parse(variant.text, variant.filename)}
    frameworks = {name: value.data for name, value in parsed.items()}
    errors, warnings = unverified_citations(frameworks, repo.guide.files, parsed, SEEDS_DIR)
    assert warnings == []
    [error] = errors
    assert (error.file, error.line) == (variant.filename, variant.line) and error.field.endswith(".citation")
    assert error.message.startswith("cette citation n'est pas, mot pour mot, dans l'article « ")
    assert_french(error.message)


@pytest.fixture(scope="module")
def scratch_project(tmp_path_factory) -> Path:
    return copy_project(tmp_path_factory.mktemp("fuzz") / "project")


@pytest.mark.parametrize("variant", one_per_kind(), ids=lambda variant: variant.id)
def test_checking_one_file_reports_exactly_what_loading_the_whole_guide_reports(scratch_project, variant):
    path = scratch_project / variant.filename
    original = path.read_bytes()
    path.write_text(variant.text, encoding="utf-8")
    try:
        with pytest.raises(ContentErrors) as caught:
            load_guide(scratch_project)
    finally:
        path.write_bytes(original)
    assert check_one_file(variant.framework, variant.text) == caught.value.errors


def test_a_changed_id_is_checked_again_in_the_files_that_point_to_it(guide):
    """The shortcut's one cross-file step before the rules: renaming an id breaks the references to it."""
    assert "typologies" in repository().referrers and "matrice-decision" in repository().referrers["typologies"]
    text = (FRAMEWORKS_DIR / "typologies.yml").read_text(encoding="utf-8").replace("  - id: volume\n", "  - id: volumes\n")
    errors = check_one_file("typologies", text)
    expected = sorted((guide.files[name], format_field_path(path)) for name, paths in guide.references.items()
                      for path, target in paths.items()
                      if target == ("typologies", "typologies") and guide.value_at(name, path) == "volume")
    assert ("frameworks/matrice-decision.yml", "cellules[2].typologie") in expected
    assert sorted((error.file, error.field) for error in errors) == expected


@pytest.mark.parametrize("variant_id", END_TO_END)
def test_the_check_command_reports_each_family_of_error_in_french_without_traceback(tmp_path, variant_id):
    variant = variant_named(variant_id)
    project = copy_project(tmp_path / "project")
    (project / variant.filename).write_text(variant.text, encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "guide", "check", "--root", str(project), "--github"],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 1
    assert "Traceback" not in result.stdout + result.stderr
    lines = result.stderr.splitlines()
    assert re.match(r"\d+ erreurs? dans le contenu\u202f: corrigez-(la|les) avant de publier\.$", lines[-1])
    assert lines[:-1] == [console_typography(str(error)) for error in check_one_file(variant.framework, variant.text)]
    assert any(line.startswith(f"::error file={variant.filename},line=") for line in result.stdout.splitlines())


@pytest.fixture(scope="module")
def build_script_project(tmp_path_factory):
    """A project with scripts/build (setup stubbed: packages are installed) and a first good build."""
    project = copy_project(tmp_path_factory.mktemp("fuzz-build") / "project")
    scripts = project / "scripts"
    scripts.mkdir()
    shutil.copy2(REPO / "scripts" / "build", scripts / "build")
    (scripts / "setup").write_text("#!/usr/bin/env bash\n", encoding="utf-8")
    (scripts / "setup").chmod(0o755)
    (project / ".venv").symlink_to(REPO / ".venv")
    site = project.parent / "published"
    result = run_build(project, site)
    assert result.returncode == 0, result.stderr
    assert (site / "index.html").exists()
    return project, site


def run_build(project: Path, site: Path) -> subprocess.CompletedProcess:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    return subprocess.run([str(project / "scripts" / "build"), str(site)], cwd=project, env=env,
                          capture_output=True, text=True, timeout=300)


@pytest.mark.xdist_group("build-script")  # one worker of pytest-xdist, one first good build
@pytest.mark.parametrize("variant_id", END_TO_END)
def test_a_failed_build_leaves_the_last_good_site_untouched(build_script_project, variant_id):
    variant = variant_named(variant_id)
    project, site = build_script_project
    before = tree_digest(site)
    path = project / variant.filename
    original = path.read_bytes()
    path.write_text(variant.text, encoding="utf-8")
    try:
        result = run_build(project, site)
    finally:
        path.write_bytes(original)
    assert result.returncode != 0
    assert f"{variant.filename}:" in result.stderr and console_typography(variant.message) in result.stderr
    assert "Traceback" not in result.stdout + result.stderr
    assert "n’a pas été modifié" in result.stderr
    assert tree_digest(site) == before
    assert sorted(p.name for p in site.parent.iterdir()) == ["project", "published"]  # no half-written folder
