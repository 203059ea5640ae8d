"""ROMI: the worked examples of the formula sheet, through the Python API and the CLI."""

from __future__ import annotations

import json

import pytest

from calculators.__main__ import main
from calculators.contract import run
from calculators.roi import romi


@pytest.mark.parametrize(
    ("revenue", "cost", "expected"),
    [(50000, 10000, 4.0), (8000, 10000, -0.2), (0, 10000, -1.0)],
)
def test_worked_examples(roi, revenue, cost, expected):
    assert romi(revenue, cost) == pytest.approx(expected)
    result = run(roi, {"attributed_revenue": str(revenue), "marketing_spend": str(cost)})
    assert result.outcomes["romi"].value == pytest.approx(expected)


def test_zero_cost_is_undefined_and_explained(roi):
    assert romi(50000, 0) is None
    outcome = run(roi, {"attributed_revenue": "50 000", "marketing_spend": "0"}).outcomes["romi"]
    assert outcome.value is None
    assert outcome.note == "Le ROMI n'est pas défini pour un coût marketing de 0 : saisissez le coût de la période."


def test_explanations(roi):
    assert "a rapporté 40\u202f000\u00a0€ de plus" in run(roi, {}).outcomes["romi"].note
    assert "il manque 2\u202f000\u00a0€" in run(roi, {"attributed_revenue": 8000}).outcomes["romi"].note


def cli(capsys, *argv):
    code = main(list(argv))
    return code, json.loads(capsys.readouterr().out)


def test_cli_prints_unrounded_outputs_and_french_display(capsys, settings_file):
    code, data = cli(capsys, "roi", "--settings", settings_file, "--json",
                     '{"marketing_spend": "12 500,50 €", "attributed_revenue": 50000}')
    assert code == 0
    assert data["romi"] == pytest.approx((50000 - 12500.5) / 12500.5)
    assert data["display"]["romi"] == "300\u00a0%"


@pytest.mark.parametrize(
    ("payload", "errors"),
    [
        ('{"marketing_spend": "abc"}', {"marketing_spend": "Saisissez un montant en chiffres, par exemple 12 500,50"}),
        ('{"marketing_spend": -1}', {"marketing_spend": "Saisissez une valeur entre 0\u00a0€ et 1\u202f000\u202f000\u202f000\u00a0€"}),
        ('[1, 2]', {"--json": "Donnez un objet JSON, par exemple {\"marketing_spend\": 10000}"}),
    ],
)
def test_cli_exits_2_with_errors_in_french(capsys, settings_file, payload, errors):
    code, data = cli(capsys, "roi", "--settings", settings_file, "--json", payload)
    assert code == 2
    assert data == {"errors": errors}


def test_cli_rejects_unreadable_json(capsys, settings_file):
    code, data = cli(capsys, "roi", "--settings", settings_file, "--json", "{marketing_spend: 1}")
    assert code == 2 and data["errors"]["--json"].startswith("JSON illisible")


def test_cli_lists_the_calculators(capsys, settings_file):
    assert main(["--list", "--settings", settings_file]) == 0
    assert "roi : ROI marketing" in capsys.readouterr().out
