"""Entry points for the browser's Web Worker (Pyodide): JSON in, JSON out, never an exception.

The worker calls ``configure(settings_json)`` once, then ``handle(request_json)`` for each
recalculation. The response is the CLI's JSON plus ``html``: the results list rendered
by the same function as the build's pre-render.
"""

from __future__ import annotations

import json

from calculators.contract import CALCULATOR_NAMES, as_json, load_calculator, run
from calculators.html import render_results

_state: dict = {"settings": None, "calculators": {}}


def configure(settings_json: str) -> None:
    _state["settings"] = json.loads(settings_json)
    _state["calculators"] = {}


def _calculator(name: str):
    if name not in _state["calculators"]:
        _state["calculators"][name] = load_calculator(name, _state["settings"])
    return _state["calculators"][name]


def handle(request_json: str) -> str:
    try:
        request = json.loads(request_json)
        name = request.get("calculator")
        inputs = request.get("inputs")
        if name not in CALCULATOR_NAMES or not isinstance(inputs, dict):
            return json.dumps({"errors": {"_": "Requête invalide."}}, ensure_ascii=False)
        calculator = _calculator(name)
        result = run(calculator, inputs)
        response = as_json(calculator, result)
        if result.ok:
            response["html"] = render_results(calculator, result)
        return json.dumps(response, ensure_ascii=False)
    except Exception as exc:  # a bug must never freeze the page: report it as a general error
        return json.dumps({"errors": {"_": f"Erreur interne du calculateur ({exc.__class__.__name__})."}}, ensure_ascii=False)
