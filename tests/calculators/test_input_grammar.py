"""What a reader types is read exactly, or refused with a French message that says what to type:
never read silently as something else. Runs on CPython and inside Pyodide."""

from __future__ import annotations

import json
import re
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from calculators.__main__ import main
from calculators.contract import run
from common.numbers import NumberError, parse_number


@pytest.mark.parametrize(("text", "unit", "expected"), [
    ("12 500,50 €", "€", Decimal("12500.50")),
    ("12 500,50 euros", "€", Decimal("12500.50")),
    ("€ 120", "€", Decimal("120")),
    ("1.000.000", "€", Decimal("1000000")),
    ("12.500,50", "€", Decimal("12500.50")),
    ("12,500.50", "€", Decimal("12500.50")),
    ("12.50", "€", Decimal("12.50")),
    ("15 %", "%", Decimal("15")),
    ("2,5 j", "jours", Decimal("2.5")),
    ("EUR 12 500", "€", Decimal("12500")),
    ("40 pour cent", "%", Decimal("40")),
    ("40 h", "h", Decimal("40")),
])
def test_reads_exactly_what_people_type(text, unit, expected):
    assert parse_number(text, unit) == expected


@pytest.mark.parametrize(("text", "unit", "reason"), [
    ("12.500", "€", "point ambigu"),
    ("45.000", "€", "point ambigu"),
    ("100 50", "€", "espaces mal placés"),
    ("1 00 000", "€", "espaces mal placés"),
    ("15 %", "€", "unité"),
    ("40 h", "%", "unité"),
    ("12 500 $", "€", "unité"),
    ("12 500 CAD", "€", "unité"),
    ("USD", "€", "unité"),
    ("12 500 dollars", "€", "unité"),
    ("12 500 £", "€", "unité"),
    ("CHF 12 500", "€", "unité"),
    ("12 k€", "€", "abréviation"),
    ("1,5 M€", "€", "abréviation"),
    ("12k", "€", "abréviation"),
    ("12 500 balles", "€", "unité inconnue"),
    ("12 500 € HT", "€", "unité inconnue"),
    ("500 €/mois", "€", "unité inconnue"),
    ("\u0661\u0662", "€", "chiffre non ASCII"),  # Arabic-Indic digits
    ("\u0967\u0968", "€", "chiffre non ASCII"),  # Devanagari digits
    ("\uff11\uff12", "€", "chiffre non ASCII"),  # full-width digits
    ("1,", "€", "inachevé"),
    ("9" * 40, "€", "nombre trop long"),
])
def test_refuses_what_it_cannot_read_unambiguously(text, unit, reason):
    with pytest.raises(NumberError) as refused:
        parse_number(text, unit)
    assert refused.value.reason == reason


def test_each_refusal_says_what_to_type(roi):
    errors = run(roi, {"marketing_spend": "45.000", "attributed_revenue": "12 500 $", "gross_margin_pct": "40 h",
                       "sales_spend": "100 50"}).errors
    assert "écrivez 45 000 s’il s’agit de milliers, ou 45 avec une virgule" in errors["marketing_spend"].replace("'", "’")
    assert errors["attributed_revenue"].startswith("Ce champ est en € : « $ » (dollars) n'y est pas accepté")
    assert errors["gross_margin_pct"].startswith("Ce champ est en % : « h » n'y est pas accepté")
    assert errors["sales_spend"].startswith("Les espaces groupent les chiffres par trois")


@pytest.mark.parametrize(("text", "message"), [
    ("12 500 $", "Ce champ est en € : « $ » (dollars) n'y est pas accepté : convertissez d'abord le montant en euros. "
                 "Saisissez un montant en chiffres, par exemple 12 500,50"),
    ("12 500 USD", "Ce champ est en € : « USD » (dollars américains) n'y est pas accepté : convertissez d'abord le montant "
                   "en euros. Saisissez un montant en chiffres, par exemple 12 500,50"),
    ("12 500 dollars", "Ce champ est en € : « dollars » n'y est pas accepté : convertissez d'abord le montant en euros. "
                       "Saisissez un montant en chiffres, par exemple 12 500,50"),
    ("15 %", "Ce champ est en € : « % » n'y est pas accepté. Saisissez un montant en chiffres, par exemple 12 500,50"),
    ("12 k€", "« k€ » est une abréviation : écrivez le nombre en entier, ici 12\u202f000"),
    ("1,5 M€", "« M€ » est une abréviation : écrivez le nombre en entier, ici 1\u202f500\u202f000"),
    ("12 500 balles", "Ce champ est en € : retirez « balles » et saisissez un montant en chiffres, par exemple 12 500,50"),
])
def test_a_unit_gets_a_message_about_the_unit(roi, text, message):
    """Which unit was typed, which the field takes; converting is asked only between currencies."""
    assert run(roi, {"marketing_spend": text}).errors["marketing_spend"] == message


FOREIGN_CURRENCIES = ["$", "USD", "$ US", "$ CAD", "CAD", "dollars", "£", "GBP", "CHF", "¥"]


@given(st.integers(min_value=0, max_value=10**9), st.sampled_from(FOREIGN_CURRENCIES), st.booleans())
def test_an_amount_in_another_currency_is_never_read_as_euros(roi, amount, currency, before):
    written_before = before and currency in ("$", "£", "¥", "USD", "CAD", "CHF", "GBP")  # « $ 12 », « CHF 12 »
    typed = f"{currency} {amount}" if written_before else f"{amount} {currency}"
    message = run(roi, {"marketing_spend": typed}).errors["marketing_spend"]
    assert message.startswith(f"Ce champ est en € : « {currency} »")
    assert "convertissez d'abord le montant en euros" in message


def test_the_typographic_apostrophe_groups_thousands_like_the_straight_one(roi):
    assert run(roi, {"marketing_spend": "12\u2019500"}).values["marketing_spend"] == Decimal("12500")
    assert run(roi, {"marketing_spend": "12'500"}).values["marketing_spend"] == Decimal("12500")
    message = run(roi, {"marketing_spend": "12\u201950"}).errors["marketing_spend"]
    assert message.startswith("Les apostrophes groupent les chiffres par trois (12'500)")


def test_a_huge_json_number_is_a_per_field_error_not_a_traceback(capsys, settings_file):
    code = main(["roi", "--settings", settings_file, "--json", '{"marketing_spend": 1' + "0" * 400 + "}"])
    data = json.loads(capsys.readouterr().out)
    assert code == 2 and list(data["errors"]) == ["marketing_spend"]


@given(st.text(max_size=20))
def test_any_text_is_a_number_or_a_french_error(roi, text):
    result = run(roi, {"marketing_spend": text})
    assert "marketing_spend" in result.errors or result.values["marketing_spend"] >= 0


@pytest.mark.parametrize(("argv", "field"), [
    (["roi", "--json", '{"marketing_spend": 1, "marketing_spend": 2}'], "--json"),
    (["inconnu"], "calculateur"),
    (["roi", "--bizarre"], "--bizarre"),
    (["roi", "--json"], "--json"),
    (["roi", "--settings", "/nulle/part.json"], "--settings"),
    ([], "calculateur"),
    (["roi", "--json", '{"a": 1,}'], "--json"),
    (["roi", "--json", "{}", "--json", "{}"], "--json"),
])
def test_every_usage_error_is_french_json_with_exit_2(capsys, argv, field):
    code = main(argv)
    out = capsys.readouterr().out
    data = json.loads(out)
    assert code == 2 and list(data["errors"]) == [field]
    message = data["errors"][field]
    prose = re.sub(r"python -m calculators [^']*'[^']*'", "", message)  # a command keeps its straight quotes
    assert " :" not in prose and "'" not in prose  # French typography: narrow no-break spaces, ’


def test_choice_errors_list_the_ids_the_cli_accepts(capsys, settings_file):
    assert main(["diagnostic", "--settings", settings_file, "--json", '{"ambition": "enorme"}']) == 2
    message = json.loads(capsys.readouterr().out)["errors"]["ambition"]
    assert "ciblee (Ambition ciblée)" in message and "large (Ambition large ou rapide)" in message


def test_the_output_lists_the_inputs_that_took_their_default(capsys, settings_file):
    assert main(["roi", "--settings", settings_file, "--json", '{"marketing_spend": "8 000"}']) == 0
    data = json.loads(capsys.readouterr().out)
    assert "marketing_spend" not in data["valeurs_par_defaut"]
    assert data["valeurs_par_defaut"]["attributed_revenue"] == "50 000"


def test_json_numbers_are_read_exactly(capsys, settings_file):
    """0.1 in JSON is one tenth, not the binary float nearest to it."""
    assert main(["roi", "--settings", settings_file, "--json",
                 '{"ad_spend": 0.1, "ad_revenue": 0.3, "gross_margin_pct": 50}']) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["display"]["roas"] == "3:1" and data["statuses"]["roas"]["status"] == "sain"


def test_money_fields_follow_the_chosen_currency(internalisation):
    in_dollars = run(internalisation, {"currency": "cad", "day_rate": "1 000 $", "gross_salary": "110 000 $ CAD"})
    assert in_dollars.ok and in_dollars.values["day_rate"] == 1000
    in_euros = run(internalisation, {"day_rate": "1 000 $"})
    assert in_euros.errors["day_rate"].startswith("Ce champ est en € : « $ »")
    assert run(internalisation, {"currency": "cad", "day_rate": "1 000 €"}).errors["day_rate"].startswith(
        "Ce champ est en $ CAD : « € »")
