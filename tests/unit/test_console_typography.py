"""French typography on console messages (common.typography.console_typography): the prose typeset, every
literal span (what the editor types, a location, a path, a machine's part) left byte for byte."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from common.typography import NARROW_NBSP, console_typography

NNBSP = NARROW_NBSP
LINE_BREAKS = "\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"  # what str.splitlines splits on


def chars(excluded: str = "") -> st.SearchStrategy[str]:
    return st.characters(blacklist_categories=("Cs",), blacklist_characters=LINE_BREAKS + excluded)


# Prose as the code writes it: words (some with an elision), separated by spaces and punctuation.
letters = st.text(alphabet="abcdeéèàçoiuAÉ", min_size=1, max_size=6)
words = st.one_of(letters, st.builds(lambda a, b: f"{a}'{b}", letters, letters))
separators = st.sampled_from([" ", ", ", " : ", " ; ", " ? ", " ! ", ". ", "\u00a0: ", " (", ") "])
prose = st.builds(lambda pairs: "".join(w + s for w, s in pairs), st.lists(st.tuples(words, separators), min_size=1,
                                                                            max_size=5))

# Literal spans, as written in a message, and how each must come out.
double_quoted = st.builds(lambda t: f'"{t}"', st.text(chars('"\\'), max_size=12))
backquoted = st.builds(lambda t: f"`{t}`", st.text(chars("`"), max_size=12))
single_quoted = st.builds(lambda parts: "'" + "".join(parts) + "'",
                          st.lists(st.one_of(st.just("''"), st.text(chars("'"), min_size=1, max_size=4)), max_size=4))
segment = st.text(alphabet="abcz_.-", min_size=1, max_size=6)
path = st.one_of(st.builds(lambda host, query: f"https://{host}.fr/?{query}", letters.filter(str.isascii),
                           st.text(alphabet="ab=&", max_size=5)),
                 st.builds(lambda start, parts: start + "/".join(parts), st.sampled_from(["", "./", "/"]),
                           st.lists(segment, min_size=2, max_size=4)))
guillemet_inside = st.text(chars("«»"), max_size=14)
location = st.builds(lambda folder, name, line, column: f"{folder}/{name}.yml:{line}:{column}:",
                     st.sampled_from(["frameworks", "tests"]), st.text(alphabet="abcdef_", min_size=1, max_size=8),
                     st.integers(1, 999), st.integers(1, 99))
LITERALS = {"double": double_quoted, "back": backquoted, "single": single_quoted, "path": path}


@st.composite
def messages(draw) -> tuple[str, list[str]]:
    """A message, and the literal texts that must appear in it, in order, once typeset."""
    text, literals = "", []
    if draw(st.booleans()):
        where = draw(location)
        text, literals = where + " ", [where]
    for _ in range(draw(st.integers(1, 4))):
        text += draw(prose)
        kind = draw(st.sampled_from(["double", "back", "single", "path", "guillemets", "none"]))
        if kind == "guillemets":
            inside = draw(guillemet_inside)
            text += f" « {inside} » "
            literals.append(f"«{NNBSP}{inside}{NNBSP}»")
        elif kind != "none":
            literal = draw(LITERALS[kind])
            text += f" {literal} "
            literals.append(literal)
    return text + draw(prose), literals


def prose_between(typeset: str, literals: list[str]) -> list[str]:
    """The parts of ``typeset`` outside the literals, found in order (each literal must be there)."""
    parts, position = [], 0
    for literal in literals:
        found = typeset.find(literal, position)
        assert found >= 0, (literal, typeset)
        parts.append(typeset[position:found])
        position = found + len(literal)
    return parts + [typeset[position:]]


@given(messages())
def test_literal_spans_come_out_identical_and_the_prose_typeset(message):
    text, literals = message
    typeset = console_typography(text)
    for part in prose_between(typeset, literals):
        assert "'" not in part
        assert not re.search(r"[ \u00a0][;:!?]", part), part
        assert not re.search(r"«[ \u00a0]|[ \u00a0]»", part), part


@given(messages())
def test_typesetting_a_message_twice_changes_nothing_more(message):
    once = console_typography(message[0])
    assert console_typography(once) == once


@given(st.text(chars() | st.sampled_from("'\"`«» :;?!/\n"), max_size=40))
def test_typesetting_any_text_twice_changes_nothing_more(text):
    once = console_typography(text)
    assert console_typography(once) == once


@given(st.lists(st.text(chars(), max_size=20), max_size=4))
def test_lines_stay_lines(lines):
    text = "\n".join(lines)
    assert console_typography(text).count("\n") == text.count("\n")


def test_the_messages_that_quote_yaml_keep_it_as_it_is_typed():
    assert console_typography("frameworks/faq.yml:1:1: écrivez en tête du fichier « # yaml-language-server: "
                              "$schema=schemas/faq.schema.json »") == (
        f"frameworks/faq.yml:1:1: écrivez en tête du fichier «{NNBSP}# yaml-language-server: "
        f"$schema=schemas/faq.schema.json{NNBSP}»")
    assert console_typography('ici, écrivez "2026-11-29" ; c\'est tout') == (
        f'ici, écrivez "2026-11-29"{NNBSP}; c\u2019est tout')
    assert console_typography("""de guillemets doubles ("l'offre") ou doublez l'apostrophe ('l''offre')""") == (
        """de guillemets doubles ("l'offre") ou doublez l\u2019apostrophe ('l''offre')""")
    assert console_typography('ajoutez « termes_de_la_source: ["CMO externalisé"] » ?') == (
        f'ajoutez «{NNBSP}termes_de_la_source: ["CMO externalisé"]{NNBSP}»{NNBSP}?')


def test_a_location_and_a_field_path_keep_their_colons_and_the_message_gets_its_space():
    assert console_typography("frameworks/phases.yml:12:5: phases[1].effectif_min : doit être un nombre entier") == (
        f"frameworks/phases.yml:12:5: phases[1].effectif_min{NNBSP}: doit être un nombre entier")


def test_a_github_annotation_keeps_its_machine_part():
    annotation = "::error file=frameworks/faq.yml,line=4,col=9::questions[0] : l'id « a'b » est déjà pris"
    assert console_typography(annotation) == (
        f"::error file=frameworks/faq.yml,line=4,col=9::questions[0]{NNBSP}: l\u2019id «{NNBSP}a'b{NNBSP}» est déjà pris")


def test_an_apostrophe_to_type_alone_stays_straight():
    assert console_typography("entourez-le d'apostrophes droites (') pour qu'il reste un seul argument") == (
        "entourez-le d\u2019apostrophes droites (') pour qu\u2019il reste un seul argument")
