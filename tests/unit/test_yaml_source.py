"""Parsing YAML with positions, duplicate keys and French syntax messages."""

import pytest

from guide.yaml_source import parse_yaml


def test_positions_are_one_based_lines_and_columns():
    parsed = parse_yaml("page:\n  titre: Bonjour\nliste:\n  - id: a\n    nom: A\n", "f.yml")
    assert parsed.errors == []
    assert parsed.value_positions[("page", "titre")] == (2, 10)
    assert parsed.key_positions[("page", "titre")] == (2, 3)
    assert parsed.value_positions[("liste", 0, "nom")] == (5, 10)


def test_only_true_and_false_are_booleans_and_dates_stay_text():
    parsed = parse_yaml("a: non\nb: no\nc: oui\nd: true\ne: 2025-07-25\n", "f.yml")
    assert parsed.data == {"a": "non", "b": "no", "c": "oui", "d": True, "e": "2025-07-25"}


def test_duplicate_key_is_reported_at_the_second_occurrence():
    parsed = parse_yaml("titre: A\nautre: B\ntitre: C\n", "f.yml")
    [error] = parsed.errors
    assert (error.line, error.column, error.field) == (3, 1, "titre")
    assert "champ en double (déjà défini ligne 1)" in error.message


def test_unquoted_colon_in_text_is_explained():
    parsed = parse_yaml("objectif: Objectif : valider l'offre\n", "f.yml")
    [error] = parsed.errors
    assert error.line == 1
    assert "mis entre guillemets" in error.message


def test_bad_indentation_is_explained():
    parsed = parse_yaml("page:\n  titre: A\n description: B\n", "f.yml")
    [error] = parsed.errors
    assert error.line == 3
    assert "indentation" in error.message


def test_unclosed_quote_points_at_the_opening_quote():
    parsed = parse_yaml('a: 1\nb: "texte\nc: 2\n', "f.yml")
    [error] = parsed.errors
    assert (error.line, error.column) == (2, 4)
    assert "guillemet non refermé" in error.message


def test_tab_indentation_is_explained():
    parsed = parse_yaml("a:\n\t- b\n", "f.yml")
    [error] = parsed.errors
    assert "tabulation" in error.message


def test_empty_and_comment_only_files_are_reported():
    for text in ("", "   \n", "# yaml-language-server: $schema=x.json\n"):
        [error] = parse_yaml(text, "f.yml").errors
        assert "vide" in error.message


def test_error_format_names_file_line_column_and_field():
    parsed = parse_yaml("x: 1\nx: 2\n", "frameworks/f.yml")
    assert str(parsed.errors[0]).startswith("frameworks/f.yml:2:1: x : champ en double")


def test_a_list_item_whose_dash_was_forgotten_is_one_error_at_its_first_line_not_duplicate_fields():
    text = "questions:\n  - id: a\n    texte: Un\n    id: b\n    texte: Deux\n"
    [error] = parse_yaml(text, "f.yml").errors
    assert (error.line, error.column) == (4, 5)
    assert error.message.startswith("il manque le tiret : un nouvel élément de la liste commence ici")
    assert "« - id: … »" in error.message and "(ligne 2)" in error.message


def test_a_field_really_written_twice_is_still_a_duplicate():
    [error] = parse_yaml("questions:\n  - id: a\n    texte: Un\n    texte: Deux\n", "f.yml").errors
    assert error.message.startswith("champ en double (déjà défini ligne 3)")


def test_a_tab_inside_a_sentence_asks_for_a_space_and_a_tab_in_the_indentation_for_spaces():
    [inside] = parse_yaml("titre: Un\ttitre\n", "f.yml").errors
    assert (inside.line, inside.column) == (1, 10)
    assert inside.message.startswith("tabulation dans la ligne : remplacez-la par une espace")
    [indent] = parse_yaml("liste:\n  - un\n\t- deux\n", "f.yml").errors
    assert (indent.line, indent.column) == (3, 1)
    assert indent.message.startswith("tabulation interdite : indentez avec des espaces")


def test_an_alias_is_refused_at_its_place_before_any_text_is_multiplied():
    paragraph = "Un long paragraphe. " * 1000
    text = f'texte: &long "{paragraph}"\n' + "".join(f"copie{index}: *long\n" for index in range(100))
    parsed = parse_yaml(text, "frameworks/x.yml")
    assert parsed.data is None and len(parsed.errors) == 100
    assert (parsed.errors[0].line, parsed.errors[0].column) == (2, 9)
    assert parsed.errors[0].message.startswith("un alias YAML (« *nom ») n'est pas accepté")


def test_a_python_tag_is_refused_in_french_and_never_constructed():
    [error] = parse_yaml("a: !!python/object/apply:os.system [echo]\n", "frameworks/x.yml").errors
    assert (error.line, error.column) == (1, 4)
    assert error.message.startswith("étiquette YAML « !!python/object/apply:os.system » non acceptée")
    assert "could not" not in error.message


@pytest.mark.parametrize("escape", ["\\0", "\\u202E", "\\u2066", "\\u2028", "\\x1b", "\\u200F"])
def test_a_control_or_bidirectional_character_written_as_an_escape_is_named_at_its_field(escape):
    parsed = parse_yaml(f'page:\n  titre: "Le guide{escape}"\n', "frameworks/x.yml")
    [error] = parsed.errors
    assert (error.line, error.field) == (2, "page.titre")
    code = {"\\0": "0000", "\\x1b": "001B"}.get(escape, escape[2:].upper())
    assert f"U+{code}" in error.message and error.message.endswith("supprimez-le")
