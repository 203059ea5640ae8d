"""Entry points for the browser's Web Worker (Pyodide): JSON in, JSON out, never an exception.

The worker calls ``configure(settings_json)`` once, then ``handle(request_json)`` for each
recalculation. The response is the CLI's JSON plus ``html`` (the results list rendered by the
same function as the build's pre-render) and ``values`` (the inputs as read, plain numbers).
A request may name the field being typed (``editing``): an unfinished number there gives
``{"incomplete": id}`` rather than an error, so that the page does not flash one at each key.
"""

from __future__ import annotations

import json

from calculators.contract import CALCULATOR_NAMES, as_json, load_calculator, plain_number, run
from calculators.html import render_results
from common.numbers import NumberError, parse_number

_state: dict = {"settings": None, "calculators": {}}


def configure(settings_json: str) -> None:
    _state["settings"] = json.loads(settings_json)
    _state["calculators"] = {}


def _calculator(name: str):
    if name not in _state["calculators"]:
        _state["calculators"][name] = load_calculator(name, _state["settings"])
    return _state["calculators"][name]


def _unfinished(calculator, input_id: str, raw) -> bool:
    """True for a number still being typed: an emptied field, a lone sign, « 1, » or « 12 500, »."""
    spec = next((spec for spec in calculator.inputs if spec.id == input_id), None)
    if spec is None or spec.kind not in ("montant", "pourcentage", "nombre", "entier") or not isinstance(raw, str):
        return False
    text = raw.strip()
    if text in ("", "-", "+"):
        return True
    try:
        parse_number(text, None)
    except NumberError as problem:
        return problem.reason == "inachevé"
    return False


def handle(request_json: str) -> str:
    try:
        request = json.loads(request_json)
        name = request.get("calculator")
        inputs = request.get("inputs")
        if name not in CALCULATOR_NAMES or not isinstance(inputs, dict):
            return json.dumps({"errors": {"_": "Requête invalide."}}, ensure_ascii=False)
        calculator = _calculator(name)
        result = run(calculator, inputs)
        editing = request.get("editing")
        if editing in result.errors and _unfinished(calculator, editing, inputs.get(editing)):
            # A number being typed (« 1, » on the way to « 1,5 », an emptied field): not an error yet.
            # The page keeps the last valid result, marked « en cours », and shows other fields' errors.
            others = {key: message for key, message in as_json(calculator, result)["errors"].items() if key != editing}
            return json.dumps({"incomplete": editing, "errors": others} if others else {"incomplete": editing},
                              ensure_ascii=False)
        response = as_json(calculator, result)
        if result.ok:
            response["html"] = render_results(calculator, result)
            response["values"] = {key: plain_number(value) if not isinstance(value, (list, bool)) else value
                                  for key, value in result.values.items() if value is not None}
        return json.dumps(response, ensure_ascii=False)
    except Exception as exc:  # a bug must never freeze the page: report it as a general error
        return json.dumps({"errors": {"_": f"Erreur interne du calculateur ({exc.__class__.__name__})."}}, ensure_ascii=False)
