"""A figure's citation is its source's sentence, word for word: the check says so in French, at the citation's line,
with the source's closest sentence; without the sources' folder, it says once that nothing was compared."""

from __future__ import annotations

from pathlib import Path

import pytest

from guide.source_text import closest_sentence, unverified_citations
from guide.yaml_source import parse_yaml

SEUILS = """# entête
seuils:
  - id: heures-coordination
    citation: "Une présence de 40 heures par semaine pour éviter les goulots d'étranglement."
    source: blot
  - id: hypothese
    hypothese: {raison: "Aucune source.", date: "2026-11-29"}
"""
SOURCES = """sources:
  - id: blot
    titre: Externaliser son marketing
    fichier: 002_blot.txt
"""
ARTICLE = ("Le seuil de complexité. Les interactions quotidiennes nécessitent une PRÉSENCE de 40 heures par semaine pour "
           "éviter les goulots d’étranglement. Une autre phrase.\n")


def check(seeds: Path, citations: str = SEUILS):
    parsed = {"seuils": parse_yaml(citations, "frameworks/seuils.yml"), "sources": parse_yaml(SOURCES, "frameworks/sources.yml")}
    frameworks = {name: value.data for name, value in parsed.items()}
    files = {name: f"frameworks/{name}.yml" for name in parsed}
    return unverified_citations(frameworks, files, parsed, seeds)


@pytest.fixture
def seeds(tmp_path) -> Path:
    (tmp_path / "002_blot.txt").write_text(ARTICLE, encoding="utf-8")
    return tmp_path


def test_a_citation_written_as_the_source_writes_it_passes_case_and_apostrophes_aside(seeds):
    assert check(seeds) == ([], [])


def test_a_citation_not_in_its_source_is_an_error_at_its_line_with_the_closest_sentence(seeds):
    errors, warnings = check(seeds, SEUILS.replace("40 heures", "35 heures"))
    assert warnings == []
    [error] = errors
    assert (error.file, error.line, error.column, error.field) == ("frameworks/seuils.yml", 4, 15, "seuils[0].citation")
    assert error.message == (
        "cette citation n'est pas, mot pour mot, dans l'article « Externaliser son marketing » (002_blot.txt) : "
        "recopiez la phrase de l'article telle quelle (seuls les espaces, les apostrophes, les guillemets et les "
        "majuscules peuvent différer) ; la phrase la plus proche de l'article : « Les interactions quotidiennes "
        "nécessitent une PRÉSENCE de 40 heures par semaine pour éviter les goulots d’étranglement. »")


def test_a_source_whose_text_is_missing_is_an_error_at_the_citation(tmp_path):
    [error], _ = check(tmp_path)
    assert error.line == 4 and error.message.startswith("le texte de la source « Externaliser son marketing » est "
                                                        "introuvable : ")
    assert error.message.endswith("vérifiez le champ fichier de « blot » dans sources.yml")


def test_without_the_sources_folder_one_warning_says_nothing_was_compared(tmp_path):
    errors, [warning] = check(tmp_path / "absent", SEUILS.replace("40 heures", "35 heures"))
    assert errors == []
    assert (warning.file, warning.line) == ("frameworks/seuils.yml", 4)
    assert warning.message.startswith(f"les textes des sources sont absents ({tmp_path / 'absent'}) : les citations de "
                                      "seuils.yml n'ont pas été comparées à leurs articles")


def test_the_closest_sentence_is_the_one_sharing_the_most_words():
    assert closest_sentence("une présence de 35 heures", ARTICLE).startswith("Les interactions quotidiennes")
