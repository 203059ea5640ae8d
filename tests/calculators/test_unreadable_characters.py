"""A character the reader cannot see, or a digit that is not 0-9, is never skipped nor read as a digit: the
message names it, with its code and position, in the CLI's JSON and in the page's field alike (the browser's
worker runs the same contract). Runs on CPython and inside Pyodide."""

from __future__ import annotations

import json
import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from calculators import browser
from calculators.__main__ import main
from calculators.contract import as_json, run
from common.numbers import NumberError, parse_number

ASCII_DIGITS = "0123456789"
# What people type in a number field, none of it unreadable: digits, separators, units, letters, edge spaces.
TYPED = st.text(alphabet=ASCII_DIGITS + " ,.'\u2019\u00a0\u202f-+€%$abcéjh", max_size=12)
# Invisible characters (format characters: zero-width space, U+FEFF, soft hyphen, bidi marks; line and
# paragraph separators; control characters but the tab and line ends strip() removes around a number), unusual spaces.
INVISIBLE = st.one_of(
    st.characters(categories=["Cf", "Zl", "Zp"]),
    st.characters(categories=["Cc"]).filter(lambda char: char not in "\t\n\r\x0b\x0c"),
    st.characters(categories=["Zs"]).filter(lambda char: char not in " \u00a0\u202f\u2009\u2007"),
    st.sampled_from("\u200b\u200c\u200d\u200e\u200f\ufeff\u00ad\u202a\u202e\u2066\u2069\u2060\u061c\u034f\ufe0f"),
)
# Digits of other scripts (Arabic-Indic, fullwidth, Devanagari…) and digits as superscripts, circled…
OTHER_DIGITS = st.characters(categories=["Nd", "No"]).filter(
    lambda char: char not in ASCII_DIGITS and unicodedata.digit(char, None) is not None)


def field_message(roi, text: str) -> str:
    """The message the CLI prints and the page shows for ``text`` typed as the marketing spend."""
    return as_json(roi, run(roi, {"marketing_spend": text}))["errors"]["marketing_spend"]


@given(TYPED, st.data(), INVISIBLE)
def test_an_invisible_character_is_named_with_its_code_and_position(roi, typed, data, char):
    index = data.draw(st.integers(min_value=0, max_value=len(typed)))
    text = typed[:index] + char + typed[index:]
    with pytest.raises(NumberError) as refused:
        parse_number(text, "€")
    assert (refused.value.reason, refused.value.character, refused.value.position) == (
        "caractère invisible", char, index + 1)
    message = field_message(roi, text)  # even alone in the field: an unusual space is not an empty field
    assert f"U+{ord(char):04X}" in message and f"à la position {index + 1}\u202f:" in message


@given(TYPED, st.data(), OTHER_DIGITS)
def test_a_digit_other_than_0_to_9_is_named_never_read(roi, typed, data, char):
    index = data.draw(st.integers(min_value=0, max_value=len(typed)))
    text = typed[:index] + char + typed[index:]
    with pytest.raises(NumberError) as refused:
        parse_number(text, "€")
    assert (refused.value.reason, refused.value.character, refused.value.position) == (
        "chiffre non ASCII", char, index + 1)
    message = field_message(roi, text)
    assert f"«\u202f{char}\u202f» (U+{ord(char):04X})" in message and "tapez les chiffres de 0 à 9" in message


@pytest.mark.parametrize(("text", "message"), [
    ("\u0661\u0662\u0663", "Chiffre arabe-indien «\u202f١\u202f» (U+0661) à la position 1\u202f: "
                           "tapez les chiffres de 0 à 9, ici 123"),
    ("\uff11\uff12\uff13", "Chiffre pleine chasse «\u202f１\u202f» (U+FF11) à la position 1\u202f: "
                           "tapez les chiffres de 0 à 9, ici 123"),
    ("\u06f1\u06f2\u06f5\u06f0\u06f0 €", "Chiffre arabe-indien étendu «\u202f۱\u202f» (U+06F1) à la position 1\u202f: "
                                         "tapez les chiffres de 0 à 9, ici 12500\u00a0€"),
    ("10\u00b2", "Chiffre en exposant «\u202f²\u202f» (U+00B2) à la position 3\u202f: tapez les chiffres de 0 à 9"),
    ("12\u200b500", "Caractère invisible U+200B (espace sans largeur) à la position 3\u202f: supprimez-le"),
    ("\ufeff12 500", "Caractère invisible U+FEFF (indicateur d’ordre des octets) à la position 1\u202f: supprimez-le"),
    ("12\u00ad500", "Caractère invisible U+00AD (trait d’union conditionnel) à la position 3\u202f: supprimez-le"),
    ("12 500\u200f", "Caractère invisible U+200F (marque droite-à-gauche) à la position 7\u202f: supprimez-le"),
    ("\u202e12", "Caractère invisible U+202E (forçage droite-à-gauche) à la position 1\u202f: supprimez-le"),
    ("12\t500", "Caractère de contrôle U+0009 (tabulation) à la position 3\u202f: supprimez-le"),
    ("12\u3000500", "Espace inhabituelle U+3000 (espace idéographique) à la position 3\u202f: "
                    "remplacez-la par une espace ordinaire"),
])
def test_each_character_is_named_in_french(roi, text, message):
    assert field_message(roi, text) == message


def test_spaces_and_line_ends_around_a_number_stay_harmless():
    assert parse_number(" 12 500\n") == parse_number("\u00a012 500\t") == 12500


def test_the_cli_and_the_page_say_the_same(roi, capsys, settings_file):
    assert main(["roi", "--settings", settings_file, "--json", '{"marketing_spend": "12\\u200b500"}']) == 2
    printed = json.loads(capsys.readouterr().out)["errors"]["marketing_spend"]
    browser.configure(json.dumps(roi.settings))
    shown = json.loads(browser.handle(json.dumps({"calculator": "roi", "inputs": {"marketing_spend": "12\u200b500"}})))
    assert printed == shown["errors"]["marketing_spend"] == field_message(roi, "12\u200b500")
