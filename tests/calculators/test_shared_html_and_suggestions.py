"""The shared package's HTML builder escapes by construction, and « vouliez-vous dire » suggests or lists
(common/html.py, common/suggestions.py; run on CPython and inside Pyodide, like the calculators)."""

from __future__ import annotations

import html
from html.parser import HTMLParser

import pytest
from hypothesis import given
from hypothesis import strategies as st

from common.html import Html, element, escape, escape_attribute
from common.suggestions import closest, did_you_mean


class _Collector(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.text: list[str] = []
        self.attrs: list[tuple[str, str | None]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.attrs.extend(attrs)

    def handle_data(self, data):
        self.text.append(data)


def parse(html: str) -> _Collector:
    collector = _Collector()
    collector.feed(html)
    collector.close()
    return collector


@given(st.text())
def test_any_text_child_stays_text(text):
    parsed = parse(element("p", text))
    assert parsed.tags == ["p"]
    assert "".join(parsed.text) == "".join(parse(f"<p>{escape(text)}</p>").text)


@given(st.text())
def test_any_attribute_value_stays_one_attribute(value):
    parsed = parse(element("a", "lien", href=value))
    assert parsed.tags == ["a"]
    assert len(parsed.attrs) == 1
    assert parsed.attrs[0] == ("href", value)


def test_markup_in_text_is_shown_not_run():
    assert element("p", "<script>alert(1)</script>") == "<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>"


def test_nested_elements_are_kept_and_text_is_typeset():
    html = element("p", element("strong", "Objectif"), " : ", "l'offre", class_="note", data_value="1,5")
    assert html == '<p class="note" data-value="1,5"><strong>Objectif</strong>\u202f: l’offre</p>'
    assert isinstance(html, Html)


def test_adding_text_to_html_escapes_the_text():
    assert Html("<br>") + "<i>" == "<br>&lt;i&gt;"
    assert isinstance(Html("<br>") + "x", Html)
    assert "<i>" + Html("<br>") == "&lt;i&gt;<br>"


def test_boolean_and_missing_attributes():
    assert element("input", type="checkbox", checked=True, disabled=False, title=None) == '<input type="checkbox" checked>'


def test_a_void_element_takes_no_content():
    with pytest.raises(ValueError, match="ne peut pas avoir de contenu"):
        element("br", "texte")


def test_a_close_name_is_suggested():
    assert closest("phase", ["phases", "poles"]) == "phases"
    assert did_you_mean("phase", ["phases", "poles"]) == " ; vouliez-vous dire « phases » ?"
    assert did_you_mean("phase", ["phases"], lead=" : ") == " : vouliez-vous dire « phases » ?"


def test_without_a_close_name_the_choices_are_listed_or_nothing_is_said():
    assert closest("zzz", ["phases", "poles"]) is None
    assert did_you_mean("zzz", ["phases", "poles"], possible="valeurs possibles") == " ; valeurs possibles : phases, poles"
    assert did_you_mean("zzz", ["phases", "poles"]) == ""
    assert did_you_mean("zzz", [], possible="valeurs possibles") == ""


@given(st.text())
def test_escaping_agrees_with_the_standard_librarys(text):
    """common.html escapes as html.escape(text, quote=True) does, without importing it (html.entities stays out
    of the browser's standard library)."""
    assert escape_attribute(text) == html.escape(text, quote=True)


def test_escaping_replaces_each_special_character_once():
    assert escape_attribute("&amp; <a href=\"x\" title='y'>") == \
        "&amp;amp; &lt;a href=&quot;x&quot; title=&#x27;y&#x27;&gt;"
