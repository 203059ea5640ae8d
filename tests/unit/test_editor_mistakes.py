"""Syntax mistakes editors make, reported at the line they made them, with what to do."""

from __future__ import annotations

from guide.yaml_source import parse_yaml


def only_error(text: str):
    [error] = parse_yaml(text, "frameworks/x.yml").errors
    return error.line, error.column, error.message


def test_a_quote_left_open_is_blamed_on_its_own_line_not_where_yaml_gives_up():
    text = 'page:\n  titre: "Le guide\n  titre_court: Guide\n  description: "Un résumé."\n'
    line, column, message = only_error(text)
    assert (line, column) == (2, 10)
    assert message.startswith("guillemet non refermé")


def test_an_apostrophe_inside_single_quotes_is_explained():
    line, column, message = only_error("page:\n  titre: 'Valider l'offre'\n  titre_court: Guide\n")
    assert (line, column) == (2, 20)  # the apostrophe of « l'offre »
    assert message.startswith("apostrophe dans un texte entre guillemets simples")
    assert "'l''offre'" in message and '"l\'offre"' in message


def test_a_field_indented_deeper_than_the_one_above_is_an_indentation_mistake():
    for above in ("titre: Le guide", 'titre: "Le guide"'):
        line, column, message = only_error(f"page:\n  {above}\n    titre_court: Guide\n")
        assert (line, column) == (3, 5)
        assert message.startswith("indentation incohérente : ce champ est plus indenté que le champ au-dessus")


def test_a_colon_in_a_text_is_still_a_colon_mistake():
    line, _, message = only_error("page:\n  titre: Objectif : valider\n")
    assert line == 2 and message.startswith("deux-points inattendu")


def test_a_doubled_apostrophe_and_a_quoted_paragraph_over_two_lines_are_fine():
    parsed = parse_yaml("a: 'l''offre'\nb: \"un texte\n  sur deux lignes\"\nc: 1\n", "frameworks/x.yml")
    assert parsed.errors == []
    assert parsed.data == {"a": "l'offre", "b": "un texte sur deux lignes", "c": 1}
