"""The content check enforces the diagnostic's rule table: an editor who gives a row two elements that the file
declares incompatible, or removes the reading that explains a row's departure from the sources, gets a French
error at the line of that row's field, and the check fails. The rows and readings are found in the data."""

from __future__ import annotations

from calculators import diagnostic
from guide.catalog import load_guide
from tests.helpers import load_errors


def diagnostic_file(project):
    return project / "frameworks" / "diagnostic.yml"


def set_line(path, line: int, old: str, new: str) -> None:
    lines = path.read_text(encoding="utf-8").split("\n")
    assert old in lines[line - 1], (lines[line - 1], old)
    lines[line - 1] = lines[line - 1].replace(old, new, 1)
    path.write_text("\n".join(lines), encoding="utf-8")


def test_a_row_pairing_declared_incompatible_elements_is_an_error_at_its_line(project):
    guide = load_guide(project)
    settings = guide.frameworks
    rules = settings["diagnostic"]["regles"]
    # A declared pair « structure × phase »: give that structure to a row of a band of that phase.
    pair = next(pair for pair in rules["incompatibilites"] if set(diagnostic.conditions(pair)) == {"structure", "phase"})
    band = next(band for band in diagnostic.bands(settings) if band.phase["id"] == pair["phase"])
    index, row = next((index, row) for index, row in enumerate(rules["grille"]) if row["tranche"] == band.id)
    line, _ = guide.parsed["diagnostic"].position_of(("regles", "grille", index, "structure"))
    set_line(diagnostic_file(project), line, f"structure: {row['structure']}", f"structure: {pair['structure']}")
    errors = [error for error in load_errors(project) if "incompatibles" in error.message]
    assert errors and {error.file for error in errors} == {"frameworks/diagnostic.yml"}
    assert any(error.line == line and error.field == f"regles.grille[{index}].structure" for error in errors), errors
    assert all(pair["raison"].split(" ; ")[0][:40] in error.message.replace("\u2019", "'") for error in errors)


def test_a_departure_without_its_reading_is_an_error_at_the_row(project):
    guide = load_guide(project)
    settings = guide.frameworks
    rules = settings["diagnostic"]["regles"]
    band, ambition, resources, several = next(
        cell for cell in diagnostic.grid(settings)
        if diagnostic.deviations(diagnostic.elements_of(cell[0], diagnostic.rule_row(cell[0].id, cell[1], cell[2], settings),
                                                        cell[3], settings), settings))
    row = diagnostic.rule_row(band.id, ambition, resources, settings)
    elements = diagnostic.elements_of(band, row, several, settings)
    deviation = diagnostic.deviations(elements, settings)[0]
    reading = next(reading for reading in diagnostic.readings_for(elements, settings)
                   if deviation.explained_by(reading, settings))
    index = rules["lectures"].index(reading)
    line, _ = guide.parsed["diagnostic"].position_of(("regles", "lectures", index, "sur"))
    set_line(diagnostic_file(project), line, f"sur: {reading['sur']}", "sur: equipe" if reading["sur"] != "equipe" else "sur: modele")
    errors = load_errors(project)
    row_index = rules["grille"].index(row)
    assert any(error.field.startswith(f"regles.grille[{row_index}]") and "regles.lectures" in error.message for error in errors)
    assert all(error.file == "frameworks/diagnostic.yml" for error in errors)
