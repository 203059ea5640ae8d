"""Loading and validating the real frameworks, and one test per kind of editor's fault."""

from __future__ import annotations

import re
import string

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from guide.catalog import REPO_ROOT, load_guide
from guide.errors import ContentErrors, format_field_path
from scripts.yaml_edits import remove_field, replaced
from tests.helpers import line_of, load_errors, replace_field, replace_in
from tests.single_file import check_one_file

EXPECTED_IDS = {
    ("phases", "phases"): ["amorcage", "structuration", "orchestration"],
    ("signaux", "signaux"): ["messages-incoherents", "marketing-disperse", "decisions-reactives", "kpis-non-interpretes"],
    ("modeles", "modeles"): ["full-stack", "centralise", "decentralise", "hub-and-spoke"],
    ("typologies", "typologies"): ["volume", "precision", "systemie", "hybride-evolutif"],
    ("sourcing", "situations"): ["freelances-fondateur", "hybride", "interne", "interne-specialistes"],
}


def test_every_real_framework_file_validates():
    guide = load_guide(REPO_ROOT)
    assert {"phases", "signaux", "modeles", "sourcing", "typologies", "matrice-decision", "role-cmo", "faq",
            "fondations", "sources"} <= set(guide.frameworks)


def test_stable_ids_required_by_other_frameworks_exist(guide):
    for key, ids in EXPECTED_IDS.items():
        assert guide.ids[key] == ids


def test_every_framework_file_declares_its_schema_for_editors():
    for path in (REPO_ROOT / "frameworks").glob("*.yml"):
        first_line = path.read_text(encoding="utf-8").splitlines()[0]
        assert first_line == f"# yaml-language-server: $schema=schemas/{path.stem}.schema.json"
        assert (REPO_ROOT / "frameworks" / "schemas" / f"{path.stem}.schema.json").exists()


def test_yaml_syntax_error(project):
    path = project / "frameworks" / "phases.yml"
    line = replace_field(path, ("phases", 0, "objectif"), "Objectif : valider l'offre")
    [error] = load_errors(project)
    assert error.file == "frameworks/phases.yml"
    assert error.line == line
    assert "deux-points inattendu" in error.message


def test_missing_field(project):
    path = project / "frameworks" / "phases.yml"
    remove_field(project, "phases", ("phases", 1, "risques"))
    [error] = load_errors(project)
    assert str(error).startswith(f"frameworks/phases.yml:{line_of(path, 'id: structuration')}:5: phases[1].risques : ")
    assert error.message == "ce champ est obligatoire"


def test_wrong_type(project):
    path = project / "frameworks" / "phases.yml"
    line = replace_field(path, ("phases", 1, "effectif_min"), "dix")
    [error] = load_errors(project)
    assert (error.line, error.field) == (line, "phases[1].effectif_min")
    assert error.message == "doit être un nombre entier"


def test_unknown_key_suggests_the_closest_field(project):
    path = project / "frameworks" / "modeles.yml"
    replace_in(path, "    limites:\n      - Dépendance", "    limite:\n      - Dépendance")
    errors = load_errors(project)
    unknown = next(error for error in errors if error.field == "modeles[0].limite")
    assert unknown.line == line_of(path, "limite:")
    assert unknown.message == "champ inconnu : vouliez-vous dire « limites » ?"
    assert any(error.field == "modeles[0].limites" and error.message == "ce champ est obligatoire" for error in errors)


def test_duplicate_key(project):
    path = project / "frameworks" / "signaux.yml"
    line = replace_field(path, ("signaux", 1, "titre"), "Un titre")
    title = path.read_text(encoding="utf-8").splitlines()[line - 1]
    replace_in(path, title, f"{title}\n{title.replace('Un titre', 'Autre titre')}")
    [error] = load_errors(project)
    assert (error.file, error.line, error.field) == ("frameworks/signaux.yml", line_of(path, "titre: Autre titre"), "signaux[1].titre")
    assert error.message.startswith("champ en double (déjà défini ligne ")


def test_dangling_id_in_the_decision_matrix(project):
    path = project / "frameworks" / "matrice-decision.yml"
    replace_in(path, "typologie: precision", "typologie: precisoin")
    [error] = load_errors(project)
    assert (error.line, error.field) == (line_of(path, "typologie: precisoin"), "cellules[0].typologie")
    assert error.message == (
        "identifiant inconnu « precisoin » : il n'existe pas dans typologies.yml ; vouliez-vous dire « precision » ?"
    )


def test_dangling_id_in_the_sourcing_table(project):
    path = project / "frameworks" / "sourcing.yml"
    replace_in(path, "option: modele-hybride", "option: hybride-total")
    [error] = load_errors(project)
    assert error.field == "situations[1].option"
    assert "il n'existe pas dans sourcing.yml (options)" in error.message


def references_to(guide, framework: str, item_id: str) -> set[tuple[str, str]]:
    """(file, field) of every reference to an item, as the schemas declare them (the matrix, the diagnostic...)."""
    return {(guide.files[name], format_field_path(path)) for name, paths in guide.references.items()
            for path, target in paths.items() if target == (framework, framework) and guide.value_at(name, path) == item_id}


def test_removing_a_referenced_item_breaks_every_reference_to_it(project, guide):
    path = project / "frameworks" / "typologies.yml"
    replace_in(path, "  - id: volume\n", "  - id: volumes\n")
    errors = load_errors(project)
    expected = references_to(guide, "typologies", "volume")
    assert ("frameworks/matrice-decision.yml", "cellules[2].typologie") in expected
    assert {(error.file, error.field) for error in errors} == expected


def test_duplicate_id(project):
    path = project / "frameworks" / "phases.yml"
    replace_in(path, "  - id: structuration", "  - id: amorcage")
    errors = load_errors(project)
    duplicate = next(error for error in errors if "identifiant en double" in error.message)
    assert (duplicate.line, duplicate.field) == (line_of(path, "- id: amorcage", 2), "phases[1].id")


def test_unknown_framework_in_see_also(project):
    path = project / "frameworks" / "phases.yml"
    replace_in(path, "    - cadre: modeles", "    - cadre: modele")
    [error] = load_errors(project)
    assert error.field == "page.voir_aussi[0].cadre"
    assert error.message.startswith("cadre inconnu « modele » : aucun fichier frameworks/modele.yml ; vouliez-vous dire « modeles » ?")


def test_a_second_link_to_a_page_already_linked_from_the_same_page_is_named(project):
    """cmo-fractionne/ shows direction-temps-partage as a section: a link of the section to a page the host
    already leads to would make a second card for one page (only the first is shown)."""
    path = project / "frameworks" / "direction-temps-partage.yml"
    replace_in(path, "  sources:\n    - advalians-marketing-management\n",
               "  sources:\n    - advalians-marketing-management\n  voir_aussi:\n    - cadre: seuils\n"
               "      pourquoi: \"Les repères chiffrés du guide.\"\n")
    [error] = load_errors(project)
    assert (error.file, error.field, error.line) == ("frameworks/direction-temps-partage.yml", "page.voir_aussi[0].cadre",
                                                     line_of(path, "- cadre: seuils"))
    assert "mène déjà vers la page seuils/" in error.message and "frameworks/cmo-fractionne.yml" in error.message


def test_incomplete_decision_matrix(project):
    path = project / "frameworks" / "matrice-decision.yml"
    replace_in(path, "  - ambition: large\n    ressources: disponibles", "  - ambition: large\n    ressources: limitees")
    messages = [error.message for error in load_errors(project)]
    assert "il manque la cellule ambition « large » × ressources « disponibles »" in messages
    assert any("déjà remplie par cellules[2]" in message for message in messages)


def test_empty_file(project):
    (project / "frameworks" / "fondations.yml").write_text("", encoding="utf-8")
    errors = load_errors(project)
    assert [(error.file, error.line) for error in errors if "vide" in error.message] == [("frameworks/fondations.yml", 1)]


def test_all_errors_of_all_files_are_reported_at_once_sorted(project):
    replace_field(project / "frameworks" / "phases.yml", ("phases", 1, "effectif_min"), "dix")
    remove_field(project, "faq", ("questions", 0, "source"))
    replace_field(project / "frameworks" / "signaux.yml", ("signaux", 2, "titre"), "''")
    errors = load_errors(project)
    assert [error.file for error in errors] == ["frameworks/faq.yml", "frameworks/phases.yml", "frameworks/signaux.yml"]
    assert errors == sorted(errors)


def test_report_counts_errors_in_french(project):
    replace_field(project / "frameworks" / "phases.yml", ("phases", 1, "effectif_min"), "dix")
    with pytest.raises(ContentErrors) as raised:
        load_guide(project)
    assert raised.value.report().splitlines()[-1] == "1 erreur dans le contenu : corrigez-la avant de publier."


PHASES = REPO_ROOT / "frameworks" / "phases.yml"
YAML_TEXT = st.text(alphabet=string.printable + "éàçô«»’\u00a0", max_size=300)
# Each example checks phases.yml alone against the rest of the guide (tests/single_file.py, proved to
# report what load_guide reports): a few milliseconds, so as many examples as before or more.
PROPERTY = settings(max_examples=100, deadline=None)


@settings(max_examples=120, deadline=None)
@given(text=YAML_TEXT)
def test_any_text_in_a_framework_file_gives_located_french_errors_never_a_crash(text):
    errors = check_one_file("phases", text)
    assert errors  # random text is never a valid phases file
    for error in errors:
        assert error.line >= 1 and error.column >= 1
        assert error.file.startswith("frameworks/")


def with_objective(value) -> str:
    """phases.yml with the first phase's objective, whatever it says, written as ``value`` (in YAML's flow style)."""
    dumped = yaml.safe_dump({"objectif": value}, allow_unicode=True, default_flow_style=True,
                            width=1_000_000).strip()[1:-1]  # on one line, as the field it replaces
    return replaced(PHASES.read_text(encoding="utf-8"), ("phases", 0, "objectif"), dumped.removeprefix("objectif: "))[0]


NOT_TEXT = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True),
                     st.lists(st.integers(), max_size=3), st.dictionaries(st.text(max_size=5), st.integers(), max_size=2))
# A sentence as editors write them: words, figures and punctuation, starting with a word and ending with a full stop.
# Not a hyphen written as a minus sign before a figure (« Le -0. »): the content rules refuse it, by design.
SENTENCE = (st.lists(st.text(alphabet=string.ascii_letters + string.digits + "éèàçôÉ,.;:!?'’()%€-", min_size=1, max_size=12),
                     max_size=8).map(lambda words: " ".join(["Le", *words]) + ".")
            .filter(lambda sentence: not re.search(r"(?<![\w\-\u2212])-\s?\d", sentence)))


@PROPERTY
@given(value=NOT_TEXT)
def test_a_value_that_is_not_a_text_in_a_text_field_is_rejected_at_its_line(value):
    text = with_objective(value)
    line = next(number for number, row in enumerate(text.splitlines(), start=1) if row.lstrip().startswith("objectif:"))
    errors = check_one_file("phases", text)
    assert errors
    assert {(error.file, error.line, error.field) for error in errors} == {("frameworks/phases.yml", line, "phases[0].objectif")}


@PROPERTY
@given(value=SENTENCE)
def test_any_sentence_in_a_text_field_is_accepted(value):
    assert check_one_file("phases", with_objective(value)) == []


@PROPERTY
@given(value=st.text(max_size=30))
def test_any_text_in_a_text_field_is_accepted_or_reported_at_its_own_line(value):
    """Whatever the text (a brace, a tab, nothing at all): never a crash, and never an error elsewhere."""
    text = with_objective(value)
    line = next(number for number, row in enumerate(text.splitlines(), start=1) if row.lstrip().startswith("objectif:"))
    for error in check_one_file("phases", text):
        assert (error.file, error.line) == ("frameworks/phases.yml", line), error
