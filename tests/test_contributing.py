"""CONTRIBUTING.md, the editors' guide: its map of pages is complete and its error examples are real."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from calculators.site_map import HOME, page_url
from guide.catalog import REPO_ROOT, framework_names, load_guide
from guide.errors import ContentErrors
from tests.conftest import copy_project

CONTRIBUTING = (REPO_ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
NAMES = framework_names(REPO_ROOT / "frameworks")


def without_position(line: str) -> str:
    return re.sub(r"^(frameworks/[\w.-]+):\d+:\d+: ", r"\1:L:C: ", line)


def documented_errors() -> set[str]:
    blocks = re.findall(r"```text\n(.*?)```", CONTRIBUTING, re.S)
    return {without_position(line) for block in blocks for line in block.splitlines() if line.startswith("frameworks/")}


def test_every_framework_file_is_in_the_map_with_its_page_address():
    rows = re.findall(r"^\| (.+?) \| `(/[^`]*)` \| `frameworks/([\w-]+)\.yml` \|$", CONTRIBUTING, re.M)
    assert sorted(name for _, _, name in rows) == NAMES, "mettez à jour le tableau « Quel fichier pour quelle page »"
    guide = load_guide(REPO_ROOT)
    for title, address, name in rows:
        assert address == f"/{page_url(guide.frameworks[HOME], name)}", name
        assert title == guide.frameworks[name]["page"]["titre_court"], name


def test_the_readme_and_the_site_lead_to_it():
    assert "[CONTRIBUTING.md](CONTRIBUTING.md)" in (REPO_ROOT / "README.md").read_text(encoding="utf-8")
    assert "CONTRIBUTING.md" in (REPO_ROOT / "frameworks" / "contribuer.yml").read_text(encoding="utf-8")


def test_yaml_examples_quote_thresholds_that_exist():
    known = {item["id"] for item in load_guide(REPO_ROOT).frameworks["seuils"]["seuils"]}
    examples = "".join(re.findall(r"```yaml\n(.*?)```", CONTRIBUTING, re.S))
    quoted = set(re.findall(r"\{seuil:([^}]+)\}", examples))
    assert quoted and quoted <= known


# The mistakes shown in CONTRIBUTING.md, made on a copy of the real files: (file, text, replaced by).
MISTAKES = {
    "trois-fichiers": [
        ("faq.yml", "    question: Faut-il recruter en interne ou externaliser ?",
         "    question: Recruter ou externaliser : que choisir ?"),
        ("phases.yml", "    objectif: \"Valider l'offre et trouver les premiers clients.\"",
         "    objectif: 'Valider l'offre et trouver les premiers clients.'"),
        ("seuils.yml", "  - id: honoraires-part-basse\n", "  - id: heures-coordination\n"),
        ("seuils.yml", "    valeur: 40\n", "    valeur: quarante\n"),
    ],
    "guillemet": [("phases.yml", "    objectif: \"Valider l'offre et trouver les premiers clients.\"",
                   "    objectif: \"Valider l'offre et trouver les premiers clients.")],
    "trop-indente": [("faq.yml", "    question: Faut-il recruter", "     question: Faut-il recruter")],
    "pas-assez-indente": [("faq.yml", "    question: Faut-il recruter", "   question: Faut-il recruter")],
    "tabulation": [("phases.yml", "      - Prendre le trafic", "\t- Prendre le trafic")],
    "cadre-inconnu": [("faq.yml", "      - signaux\n", "      - signal\n")],
    "source-inconnue": [("faq.yml", "    source: blot-structurer-fonction-marketing\n", "    source: blot-structurer\n")],
    "seuil-inconnu": [("faq.yml", "    reponse: \"Pour Antoine Blot, il est temps dès que",
                       "    reponse: \"Au-delà de {seuil:heure-coordination}, pour Antoine Blot, il est temps dès que")],
    "balise-mal-ecrite": [("faq.yml", "    reponse: \"Pour Antoine Blot, il est temps dès que",
                           "    reponse: \"{seuils:heures-coordination} Pour Antoine Blot, il est temps dès que")],
    "guillemets-courbes": [("faq.yml", "    reponse: \"Pour Antoine Blot, il est temps dès que des signaux d'alerte se manifestent : les messages se contredisent d'un support à l'autre, les actions partent dans tous les sens, les décisions se prennent en réaction aux urgences et les données ne servent pas à piloter.\"",
                            "    reponse: “Pour Antoine Blot, il est temps dès que des signaux d'alerte se manifestent : les messages se contredisent d'un support à l'autre, les actions partent dans tous les sens, les décisions se prennent en réaction aux urgences et les données ne servent pas à piloter.”")],
    "identifiant-en-double": [("faq.yml", "  - id: recruter-ou-externaliser\n", "  - id: quand-structurer\n")],
    "champ-oublie": [("faq.yml", "    source: blot-structurer-fonction-marketing\n", "")],
}


# The mistakes CONTRIBUTING.md shows with a warning of the check (not an error): a variant of a preferred term.
WARNINGS = {
    "terme-prefere": [("faq.yml", "un CMO à temps partagé apporte la vision stratégique",
                       "un Fractional CMO apporte la vision stratégique")],
}


@pytest.fixture(scope="module")
def scratch(tmp_path_factory) -> Path:
    return copy_project(tmp_path_factory.mktemp("contributing") / "project")


def errors_of(project: Path, edits) -> list[str]:
    originals = {}
    for filename, old, new in edits:
        path = project / "frameworks" / filename
        originals.setdefault(path, path.read_text(encoding="utf-8"))
        text = path.read_text(encoding="utf-8")
        assert old in text, (filename, old)
        path.write_text(text.replace(old, new, 1), encoding="utf-8")
    try:
        with pytest.raises(ContentErrors) as caught:
            load_guide(project)
    finally:
        for path, text in originals.items():
            path.write_text(text, encoding="utf-8")
    return [str(error) for error in caught.value.errors]


def warnings_of(project: Path, edits) -> list[str]:
    """The lines ``python -m guide check`` prints for the warnings of the changed content (it succeeds)."""
    originals = {}
    for filename, old, new in edits:
        path = project / "frameworks" / filename
        originals.setdefault(path, path.read_text(encoding="utf-8"))
        text = path.read_text(encoding="utf-8")
        assert old in text, (filename, old)
        path.write_text(text.replace(old, new, 1), encoding="utf-8")
    try:
        result = subprocess.run([sys.executable, "-m", "guide", "check", "--root", str(project)],
                                capture_output=True, text=True, timeout=120)
    finally:
        for path, text in originals.items():
            path.write_text(text, encoding="utf-8")
    assert result.returncode == 0, result.stderr
    return [line for line in result.stdout.splitlines() if line.startswith("frameworks/")]


def test_the_error_messages_shown_are_the_real_ones(scratch):
    produced = set()
    for name, edits in MISTAKES.items():
        lines = {without_position(line) for line in errors_of(scratch, edits)}
        assert lines & documented_errors(), (name, lines)  # each mistake's message is the one documented
        produced |= lines
    for name, edits in WARNINGS.items():
        lines = {without_position(line) for line in warnings_of(scratch, edits)}
        assert lines & documented_errors(), (name, lines)
        produced |= lines
    assert documented_errors() <= produced  # no example in the guide that the check no longer writes
