"""A calculator's form opens on its worked example: a default that disagrees with the example is an editor's
mistake, named at the default's line with what to type. Whatever the content: the example's values are read
from the file, one of them is changed in a copy."""

from __future__ import annotations

import re

import pytest

from calculators.contract import CALCULATOR_NAMES
from guide.catalog import REPO_ROOT
from tests.single_file import check_one_file


@pytest.mark.parametrize("name", CALCULATOR_NAMES)
def test_a_default_that_disagrees_with_the_worked_example_is_named_at_its_line(name, guide):
    block = guide.frameworks[name]["calculateur"]
    numeric = [entry for entry in block["entrees"] if entry["id"] in block["exemple"]["entrees"]
               and entry["type"] in ("montant", "nombre", "entier", "pourcentage")
               and isinstance(block["exemple"]["entrees"][entry["id"]], (int, float))]
    if not numeric:
        pytest.skip(f"{name} : aucun champ chiffré dans l'exemple")
    entry = numeric[0]
    text = (REPO_ROOT / "frameworks" / f"{name}.yml").read_text(encoding="utf-8")
    lines = text.split("\n")
    start = next(index for index, line in enumerate(lines) if re.fullmatch(rf"\s*- id: {entry['id']}", line))
    at = next(index for index in range(start, len(lines)) if lines[index].strip().startswith("defaut:"))
    other = block["exemple"]["entrees"][entry["id"]] + 1
    lines[at] = re.sub(r"defaut: .*", f"defaut: {other}", lines[at])
    errors = check_one_file(name, "\n".join(lines))
    [error] = [error for error in errors if "exemple" in error.message]
    assert error.line == at + 1 and error.field.endswith(".defaut")
    assert "même valeur que dans l'exemple" in error.message
