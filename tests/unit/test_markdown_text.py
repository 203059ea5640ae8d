"""Editors' text is shown as text: no HTML, no Markdown, French typography."""

import markdown
import pytest
from hypothesis import given
from hypothesis import strategies as st

from common.typography import NARROW_NBSP, NBSP, french_typography
from guide.markdown_text import anchor, escape_text, inline_code

EXTENSIONS = ["tables", "attr_list", "md_in_html", "admonition", "toc"]


def to_html(text: str) -> str:
    return markdown.markdown(escape_text(text), extensions=EXTENSIONS)


@pytest.mark.parametrize(
    "text",
    [
        "<script>alert(1)</script>",
        "**gras** et _italique_",
        "[lien](javascript:alert(1))",
        "![image](https://exemple.test/x.png)",
        "# Titre",
        "- élément",
        "1. élément",
        "| a | b |",
        "`code`",
        "!!! note",
        "{: .classe #id}",
        "&lt;déjà échappé&gt;",
    ],
)
def test_markup_in_editors_text_is_shown_literally(text):
    html = to_html(text)
    assert "<script" not in html and "<a " not in html and "<img" not in html and "<strong>" not in html
    assert "<h1" not in html and "<li>" not in html and "<code>" not in html and "<table" not in html


def test_script_is_visible_as_text():
    assert to_html("<script>alert(1)</script>") == "<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>"


@given(st.text(max_size=200))
def test_any_text_renders_to_a_single_paragraph_without_tags_of_its_own(text):
    html = to_html(text)
    inner = html.removeprefix("<p>").removesuffix("</p>")
    assert "<" not in inner


def test_french_typography():
    assert french_typography("Objectif : valider ; vite ! Pourquoi ?") == (
        f"Objectif{NARROW_NBSP}: valider{NARROW_NBSP}; vite{NARROW_NBSP}! Pourquoi{NARROW_NBSP}?"
    )
    assert french_typography("« instrumenté mais aveugle »") == f"«{NARROW_NBSP}instrumenté mais aveugle{NARROW_NBSP}»"
    assert french_typography("20 % et 100 €") == f"20{NBSP}% et 100{NBSP}€"
    assert french_typography("l'offre") == "l\u2019offre"


def test_anchor_accepts_only_identifiers():
    assert anchor("hub-and-spoke") == "hub-and-spoke"
    with pytest.raises(ValueError):
        anchor('x" onclick="alert(1)')


def test_inline_code_refuses_backticks():
    assert inline_code("frameworks/phases.yml") == "`frameworks/phases.yml`"
    with pytest.raises(ValueError):
        inline_code("a`b")


def test_typography_keeps_no_break_spaces_and_groups_digits():
    assert french_typography("40\u00a0h et 1\u202f000\u00a0$") == "40\u00a0h et 1\u202f000\u00a0$"
    assert french_typography("une base de 40 000 contacts") == "une base de 40\u202f000 contacts"
    assert french_typography("de 10 à 80  employés") == "de 10 à 80 employés"
