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


def test_a_list_item_indented_under_an_unquoted_item_is_not_merged_into_it_silently():
    """YAML reads « - b », deeper than « - a », as the rest of the text « a - b »: the guide says where the « - » goes."""
    parsed = parse_yaml("risques:\n  - Un risque.\n    - \"Un autre.\"\n  - Un dernier.\n", "frameworks/x.yml")
    [error] = parsed.errors
    assert (error.line, error.column, error.field) == (3, 5, "risques")
    assert error.message.startswith("élément de liste collé au précédent : ce « - » est plus indenté que celui de la ligne 2")
    assert "retirez 2 espaces devant ce « - »" in error.message and "(colonne 3)" in error.message


def test_when_the_item_above_is_the_one_out_of_line_it_is_the_one_named():
    line, column, message = only_error("a:\n  risques:\n   - Un risque.\n    - Un autre.\n    - Un dernier.\n")
    assert (line, column) == (3, 4)
    assert message.startswith("élément de liste mal aligné : ce « - » est moins indenté que celui de la ligne 4")
    assert "ajoutez 1 espace devant ce « - »" in message


def test_a_text_on_two_lines_and_a_dash_inside_a_sentence_are_not_list_items():
    parsed = parse_yaml("r:\n  - Un texte\n    sur deux lignes - avec un tiret.\n  - b\n", "frameworks/x.yml")
    assert parsed.errors == []
    assert parsed.data == {"r": ["Un texte sur deux lignes - avec un tiret.", "b"]}


def test_a_quoted_list_item_indented_deeper_than_the_one_above_is_named_as_such():
    line, column, message = only_error('r:\n  - "a"\n    - "b"\n')
    assert (line, column) == (3, 5)
    assert message.startswith("élément de liste mal aligné : ce « - » est plus indenté que celui de la ligne 2")


def test_a_nested_field_written_less_indented_is_blamed_not_the_untouched_field_below_it():
    """« raison » moved one space left: PyYAML stumbles on « date », the next line, which is where it should be."""
    text = "s:\n  - id: h\n    hypothese:\n     raison: x\n      date: y\n    calculateurs: []\n"
    line, column, message = only_error(text)
    assert (line, column) == (4, 6)
    assert message.startswith("indentation incohérente : ce champ est moins indenté que le suivant (ligne 5)")
    assert "ajoutez 1 espace devant ce champ" in message and "« hypothese »" in message
    # A field really written deeper than its block's first one is still that field's mistake.
    line, _, message = only_error("s:\n  - id: h\n    hypothese:\n      raison: x\n        date: y\n")
    assert line == 5 and message.startswith("indentation incohérente : ce champ est plus indenté que le champ au-dessus")
