"""The form opens on the worked example printed on the page: the results a reader sees before typing are the
example's, whatever values the YAML holds. Runs on CPython and inside Pyodide."""

from __future__ import annotations

import pytest

from calculators.contract import CALCULATOR_NAMES, load_calculator, run


@pytest.mark.parametrize("name", CALCULATOR_NAMES)
def test_the_pre_filled_form_is_the_worked_example(settings, name):
    example = settings[name]["calculateur"].get("exemple", {}).get("entrees")
    if not example:
        pytest.skip(f"{name} n'a pas d'exemple chiffré")
    calculator = load_calculator(name, settings)
    assert run(calculator, {}).outcomes == run(calculator, example).outcomes
    assert run(calculator, {}).values == run(calculator, example).values
