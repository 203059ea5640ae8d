"""The worker's entry point: JSON in, JSON out, never an exception."""

from __future__ import annotations

import json

from hypothesis import given
from hypothesis import strategies as st

from calculators import browser


def setup_module():
    from conftest import SETTINGS

    browser.configure(json.dumps(SETTINGS))


def ask(request) -> dict:
    return json.loads(browser.handle(json.dumps(request)))


def test_result_with_html():
    response = ask({"calculator": "roi", "inputs": {"marketing_spend": "10 000", "attributed_revenue": "8 000"}})
    assert response["romi"] == -0.2
    assert "\u221220\u00a0%" in response["html"]


def test_field_errors_without_html():
    response = ask({"calculator": "roi", "inputs": {"marketing_spend": "beaucoup"}})
    assert set(response) == {"errors"}


def test_bad_requests():
    assert ask({"calculator": "inconnu", "inputs": {}}) == {"errors": {"_": "Requête invalide."}}
    assert "errors" in json.loads(browser.handle("pas du json"))


@given(st.dictionaries(st.text(max_size=20), st.one_of(st.text(max_size=20), st.floats(), st.none()), max_size=4))
def test_any_inputs_give_json(inputs):
    response = ask({"calculator": "roi", "inputs": inputs})
    assert ("errors" in response) != ("html" in response)  # the result's HTML, or the errors: never both, never neither
