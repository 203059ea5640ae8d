"""The content check keeps the guide trustworthy: each figure's provenance, no mistyped placeholder shown
raw, no word-processor quotes taken for YAML delimiters, hand-typed figures pointed to seuils.yml; and
the sentences that used to read as machine output now read as French."""

from __future__ import annotations

import re
import subprocess
import sys

from guide.catalog import REPO_ROOT, load_guide
from guide.thresholds import hand_typed_figures
from tests.helpers import line_of, load_errors, prefix_field, replace_in
from tests.site_text import article_text, select_one


def test_a_mistyped_placeholder_is_an_error_at_its_line(project):
    path = project / "frameworks" / "faq.yml"
    text = path.read_text(encoding="utf-8")
    first_answer = text.index('reponse: "') + len('reponse: "')
    path.write_text(text[:first_answer] + "{seuils:heures-coordination} " + text[first_answer:], encoding="utf-8")
    errors = load_errors(project)
    assert [(error.file, error.line) for error in errors] == [("frameworks/faq.yml", line_of(path, "{seuils:"))]
    assert "balise inconnue « {seuils:heures-coordination} »" in errors[0].message
    assert "{seuil:identifiant}" in errors[0].message


def test_curly_quotes_used_as_yaml_delimiters_say_what_to_type(project):
    path = project / "frameworks" / "faq.yml"
    text = path.read_text(encoding="utf-8")
    start = text.index('reponse: "') + len("reponse: ")
    end = text.index('"\n', start + 1)
    path.write_text(text[:start] + "“" + text[start + 1:end] + "”" + text[end + 1:], encoding="utf-8")
    errors = load_errors(project)
    assert len(errors) == 1 and errors[0].line == line_of(path, "reponse: “")
    assert "guillemets typographiques “" in errors[0].message and "guillemets droits" in errors[0].message


def test_a_figure_must_have_a_source_sentence_or_be_an_assumption(project):
    path = project / "frameworks" / "seuils.yml"
    replace_in(path, '    contexte: PME québécoise en croissance\n    citation: "Lorsque', '    citation: "Lorsque')
    errors = load_errors(project)
    assert len(errors) == 1 and "ajoutez « contexte »" in errors[0].message
    assert errors[0].field == "seuils[0]"


def test_a_figure_cannot_be_both_sourced_and_assumed(project):
    path = project / "frameworks" / "seuils.yml"
    replace_in(path, "    calculateurs: [internalisation]\n", "    hypothese:\n      raison: Parce que.\n      date: \"2026-11-29\"\n"
               "    calculateurs: [internalisation]\n")
    errors = load_errors(project)
    assert len(errors) == 1 and "pas les deux" in errors[0].message


def test_dollars_always_say_which_dollars(project):
    replace_in(project / "frameworks" / "seuils.yml", 'unite: "$ CAD"', 'unite: "$"')
    errors = load_errors(project)
    assert len(errors) == 1 and "« $ CAD » pour des dollars canadiens" in errors[0].message


def test_a_hand_typed_figure_is_reported_with_the_placeholder_to_use(project):
    replace_in(project / "frameworks" / "faq.yml", 'reponse: "', 'reponse: "Comptez 40 h par semaine. ')
    result = subprocess.run([sys.executable, "-m", "guide", "check", "--root", str(project)],
                            capture_output=True, text=True, cwd=REPO_ROOT)
    assert result.returncode == 0  # reported, not blocking: « 2 jours par semaine » may be a case's own fact
    line = line_of(project / "frameworks" / "faq.yml", "Comptez 40 h")
    assert f"frameworks/faq.yml:{line}:" in result.stdout
    assert "écrivez {seuil:heures-coordination}" in result.stdout


def test_a_figure_its_block_lists_as_not_a_threshold_is_spared_there_only(project):
    """``pas_un_repere`` (guide.markers) spares the figure in its own block's texts; the same figure typed in another
    block is still reported, and the old comment « # pas un repère » is refused with the field to write."""
    faq = project / "frameworks" / "faq.yml"
    number = prefix_field(faq, ("questions", 3, "reponse"), "40 h par semaine : ")  # whatever the answers say
    other = prefix_field(faq, ("questions", 0, "reponse"), "40\u00a0h par semaine : ")
    text = faq.read_text(encoding="utf-8").splitlines()
    text.insert(number, '    pas_un_repere: ["40 h par semaine"]')
    faq.write_text("\n".join(text) + "\n", encoding="utf-8")
    guide = load_guide(project)
    [found] = hand_typed_figures(guide.parsed, guide.files)
    assert (found.field, found.line) == ("questions[0].reponse", other)
    assert found.column == text[found.line - 1].index("40") + 1
    assert found.message.endswith('sinon, ajoutez à son bloc le champ « pas_un_repere: ["40\u00a0h par semaine"] »')
    text[number] = ""
    text[number - 1] += "  # pas un repère"
    faq.write_text("\n".join(text) + "\n", encoding="utf-8")
    [error] = load_errors(project)
    assert (error.line, error.column) == (number, text[number - 1].index("# pas") + 1)
    assert error.message.endswith('ajoutez au même niveau que « reponse: » le champ « pas_un_repere: ["40 h par semaine"] »')


def test_the_internalisation_rule_is_labelled_as_the_guide_s_own(built_site):
    text = article_text(built_site, "internalisation")
    rule = text[text.index("La règle de recommandation"):]
    assert "Hypothèse du guide" in rule and "La règle ci-dessous est la nôtre" in rule


def test_figures_read_as_a_french_editor_writes_them(built_site):
    diagnostic = article_text(built_site, "diagnostic")  # normalised: no-break spaces as spaces, ’ as '
    assert "dès qu'un signal d'alerte est présent" in diagnostic
    assert re.search(r"(?<!\d)0 employés", diagnostic) is None and "dès 1 signal" not in diagnostic
    internalisation = article_text(built_site, "internalisation")
    assert "1 à 2 jours par semaine" in internalisation
    assert "employés à" not in internalisation


def test_the_typology_cards_are_lists(built_site, guide):
    for structure in guide.frameworks["typologies"]["typologies"]:
        card = select_one(built_site, "typologies", f"div.card#{structure['id']}")
        assert card.css("ul > li"), structure["id"]
        assert "\n- " not in card.text(deep=True), structure["id"]  # no Markdown list left as text


def test_a_hyphen_used_as_a_minus_sign_is_named_at_its_field(project):
    """« -25 % » takes the minus sign (U+2212) or words; a range (« 1-2 ») or a date keeps its hyphen."""
    path = project / "frameworks" / "etude-de-cas.yml"
    replace_in(path, 'chiffre: "\u221225 %"', 'chiffre: "-25 %"')
    [error] = load_errors(project)
    assert (error.file, error.line, error.field) == ("frameworks/etude-de-cas.yml", line_of(path, '"-25 %"'),
                                                     "resultats.chiffres[1].chiffre")
    assert "« -25 % »" in error.message and "\u221225 %" in error.message
