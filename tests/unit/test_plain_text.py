"""HTML and Markdown in a text are shown as typed: the check names each piece with what to write instead."""

from __future__ import annotations

import pytest

from guide.plain_text import markup_in, markup_in_texts
from guide.yaml_source import parse_yaml


@pytest.mark.parametrize(("text", "found"), [
    ("Faut-il <strong>recruter</strong> ?", [("<strong>recruter</strong>", "écrivez « recruter » sans les balises")]),
    ("Un<br>texte", [("<br>", "retirez la balise")]),
    ("Un **gras** et __souligné__", [("**gras**", "écrivez « gras » sans les astérisques"),
                                     ("__souligné__", "écrivez « souligné » sans les soulignés")]),
    ("Un *accent* et du `code`", [("*accent*", "écrivez « accent » sans les astérisques"),
                                  ("`code`", "écrivez « code » sans les accents graves")]),
    ("# Un titre", [("#", "retirez les « # » du début : la page a ses propres titres")]),
    ("40&nbsp;h &eacute;", [("&nbsp;", "écrivez une espace ordinaire : les espaces insécables de la typographie "
                                       "française sont ajoutées seules"),
                            ("&eacute;", "écrivez le caractère lui-même : é")]),
])
def test_each_piece_of_markup_is_named_with_what_to_write(text, found):
    assert list(markup_in(text)) == found


def test_a_link_is_one_piece_with_its_text_and_where_links_to_pages_go():
    [(written, advice)] = list(markup_in('Voir <a href="/phases/">les phases</a>.'))
    assert written == '<a href="/phases/">les phases</a>'
    assert advice.startswith("écrivez « les phases » seul et, pour renvoyer vers une page du guide, ajoutez-la à "
                             "page.voir_aussi")
    [(written, _)] = list(markup_in("Voir [les phases](/phases/)."))
    assert written == "[les phases](/phases/)"


@pytest.mark.parametrize("text", ["2 * 3 * 4 = 24", "le taux* indicatif", "un_nom_de_champ", "3 < 5 et 7 > 6",
                                  "« Citation » : 40 h ; 20 % ?", "AT&T", "C'est #1"])
def test_prose_that_only_looks_like_markup_is_left_alone(text):
    assert list(markup_in(text)) == []


def test_a_warning_names_file_line_column_and_field():
    text = 'page:\n  titre: "Un <em>titre</em>"\n  introduction:\n    - Un **paragraphe**.\n'
    parsed = parse_yaml(text, "frameworks/faq.yml")
    warnings = markup_in_texts({"faq": parsed.data}, {"faq": "frameworks/faq.yml"}, {"faq": parsed})
    assert [str(warning) for warning in warnings] == [
        "frameworks/faq.yml:2:14: page.titre : « <em>titre</em> » s'afficherait tel quel : le HTML et le Markdown ne "
        "sont pas interprétés dans les textes du guide ; écrivez « titre » sans les balises",
        "frameworks/faq.yml:4:10: page.introduction[0] : « **paragraphe** » s'afficherait tel quel : le HTML et le "
        "Markdown ne sont pas interprétés dans les textes du guide ; écrivez « paragraphe » sans les astérisques",
    ]
