"""Fixtures of the calculator tests. These files run twice: on CPython (pytest) and inside
Pyodide (tests/pyodide/run-calculator-tests.mjs), so they use the standard library only.

Settings are the frameworks as plain data: read from the YAML through the guide's loader on
CPython, or from the JSON export named by CALCULATOR_SETTINGS (our Pyodide core loads no package, PyYAML included).
"""

from __future__ import annotations

import json
import os
import sys

import pytest
from hypothesis import settings as hypothesis_settings

from calculators.contract import load_calculator

# No timing in assertions: Pyodide is slower than CPython, and the examples stay the same.
hypothesis_settings.register_profile("calculateurs", deadline=None, database=None, max_examples=150)
hypothesis_settings.load_profile("calculateurs")

RUNTIME = "pyodide" if sys.platform == "emscripten" else "cpython"


def load_settings() -> dict:
    path = os.environ.get("CALCULATOR_SETTINGS")
    if path:
        with open(path, encoding="utf-8") as handle:
            return json.load(handle)
    from guide.catalog import load_guide

    return load_guide().frameworks


SETTINGS = load_settings()


@pytest.fixture(scope="session")
def settings() -> dict:
    return SETTINGS


@pytest.fixture(scope="session")
def with_threshold():
    """``with_threshold(settings, id, value)``: a deep copy of the settings with one figure of seuils.yml changed."""

    def changed_settings(settings: dict, threshold_id: str, value: float) -> dict:
        changed = json.loads(json.dumps(settings))
        [item] = [item for item in changed["seuils"]["seuils"] if item["id"] == threshold_id]
        item["valeur"] = value
        return changed

    return changed_settings


@pytest.fixture(scope="session")
def roi():
    return load_calculator("roi", SETTINGS)


@pytest.fixture(scope="session")
def settings_file(tmp_path_factory) -> str:
    """The settings as a JSON file, for the CLI's --settings (the same on both runtimes)."""
    path = tmp_path_factory.mktemp("reglages") / "settings.json"
    path.write_text(json.dumps(SETTINGS, ensure_ascii=False), encoding="utf-8")
    return str(path)


@pytest.fixture(scope="session")
def internalisation():
    return load_calculator("internalisation", SETTINGS)


@pytest.fixture(scope="session")
def diagnostic():
    return load_calculator("diagnostic", SETTINGS)
