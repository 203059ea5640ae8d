"""The error examples of CONTRIBUTING.md, produced by real runs of the check on broken copies of the files.

    .venv/bin/python scripts/contributing_examples.py           rewrite the examples in CONTRIBUTING.md
    .venv/bin/python scripts/contributing_examples.py --check   exit 1 if one of them is out of date

Each example of the editors' guide is a ```text block preceded by a comment naming the mistake below:

    <!-- erreur: NAME -->         the error lines the check prints for mistake NAME (positions included)
    <!-- sortie: NAME -->         the whole output of the check, with its last line (« N erreurs… »)
    <!-- avertissement: NAME -->  the warning lines the check prints (the content stays valid)

A mistake is a list of edits ``(file of frameworks/, text, replaced by)`` made on a copy of the real files:
when the content moves, the positions follow; when a message changes, the guide shows the new one.
tests/content/test_contributing.py fails while an example is out of date.
"""

from __future__ import annotations

import contextlib
import io
import re
import shutil
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
CONTRIBUTING = REPO / "CONTRIBUTING.md"

Edits = list[tuple[str, str, str]]

MISTAKES: dict[str, Edits] = {
    "trois-fichiers": [
        ("faq.yml", "    question: Faut-il recruter en interne ou externaliser ?",
         "    question: Recruter ou externaliser : que choisir ?"),
        ("phases.yml", "    objectif: \"Valider l'offre et trouver les premiers clients.\"",
         "    objectif: 'Valider l'offre et trouver les premiers clients.'"),
        ("seuils.yml", "  - id: honoraires-part-basse\n", "  - id: heures-coordination\n"),
        ("seuils.yml", "    valeur: 40\n", "    valeur: quarante\n"),
    ],
    "deux-points": [("faq.yml", "    question: Faut-il recruter en interne ou externaliser ?",
                     "    question: Recruter ou externaliser : que choisir ?")],
    "guillemet": [("phases.yml", "    objectif: \"Valider l'offre et trouver les premiers clients.\"",
                   "    objectif: \"Valider l'offre et trouver les premiers clients.")],
    "apostrophe": [("phases.yml", "    objectif: \"Valider l'offre et trouver les premiers clients.\"",
                    "    objectif: 'Valider l'offre et trouver les premiers clients.'")],
    "trop-indente": [("faq.yml", "    question: Faut-il recruter", "     question: Faut-il recruter")],
    "pas-assez-indente": [("faq.yml", "    question: Faut-il recruter", "   question: Faut-il recruter")],
    "tabulation": [("phases.yml", "      - Prendre le trafic", "\t- Prendre le trafic")],
    "tabulation-dans-le-texte": [("phases.yml", "    nom: Amorçage", "    nom: Phase\tAmorçage")],
    "tiret-oublie": [("faq.yml", "  - id: recruter-ou-externaliser\n", "    id: recruter-ou-externaliser\n")],
    "espace-insecable": [("faq.yml", "    question: Faut-il recruter", "\u00a0   question: Faut-il recruter")],
    "bom": [("faq.yml", "# yaml-language-server", "\ufeff# yaml-language-server")],
    "cadre-inconnu": [("faq.yml", "      - signaux\n", "      - signal\n")],
    "source-inconnue": [("faq.yml", "    source: blot-structurer-fonction-marketing\n", "    source: blot-structurer\n")],
    "seuil-inconnu": [("faq.yml", "    reponse: \"Pour Antoine Blot, il est temps dès que",
                       "    reponse: \"Au-delà de {seuil:heure-coordination}, pour Antoine Blot, il est temps dès que")],
    "balise-mal-ecrite": [("faq.yml", "    reponse: \"Pour Antoine Blot, il est temps dès que",
                           "    reponse: \"{seuils:heures-coordination} Pour Antoine Blot, il est temps dès que")],
    "accolade-ouverte": [("faq.yml", "{seuil:heures-coordination}", "{seuil:heures-coordination")],
    "premiere-ligne": [("faq.yml", "# yaml-language-server: $schema=schemas/faq.schema.json\n", "")],
    "guillemets-courbes": [("faq.yml", "    reponse: \"Pour Antoine Blot, il est temps dès que des signaux d'alerte se manifestent : les messages se contredisent d'un support à l'autre, les actions partent dans tous les sens, les décisions se prennent en réaction aux urgences et les données ne servent pas à piloter.\"",
                            "    reponse: “Pour Antoine Blot, il est temps dès que des signaux d'alerte se manifestent : les messages se contredisent d'un support à l'autre, les actions partent dans tous les sens, les décisions se prennent en réaction aux urgences et les données ne servent pas à piloter.”")],
    "identifiant-ancre": [("faq.yml", "  - id: recruter-ou-externaliser\n", "  - id: signaux\n")],
    "lien-vers-une-page-absente": [("faq.yml", "    question: Faut-il recruter en interne ou externaliser ?",
                                    "    question: \"Faut-il recruter en interne ou externaliser ? Voir [les phases](/phase/)\"")],
    "identifiant-en-double": [("faq.yml", "  - id: recruter-ou-externaliser\n", "  - id: quand-structurer\n")],
    "champ-oublie": [("faq.yml", "    source: blot-structurer-fonction-marketing\n", "")],
    "citation": [("seuils.yml", "présence de 40 heures par semaine", "présence de 35 heures par semaine")],
    "nombre-a-virgule": [("seuils.yml", "    valeur: 40\n", "    valeur: 37,5\n")],
    "texte-vide": [("faq.yml", "    question: Faut-il recruter en interne ou externaliser ?\n", "    question:\n")],
    "date-a-la-francaise": [("seuils.yml", '      date: "2026-11-29"\n', "      date: 29/11/2026\n")],
    "nombre-avec-unite": [("phases.yml", "    effectif_min: 10\n", "    effectif_min: 10 employés\n")],
    "balise-html": [("faq.yml", "    question: Faut-il recruter en interne ou externaliser ?",
                     "    question: Faut-il <strong>recruter</strong> en interne ou externaliser ?")],
    "terme-prefere": [("faq.yml", "un CMO à temps partagé apporte la vision stratégique",
                       "un Fractional CMO apporte la vision stratégique")],
    "ancien-commentaire": [("faq.yml", 'Fractional CMO ?\n    termes_de_la_source: ["Fractional CMO"]\n',
                            "Fractional CMO ?  # terme de la source\n")],
}

_BLOCK = re.compile(r"(<!-- (erreur|sortie|avertissement): ([a-z0-9-]+) -->\n```text\n)(.*?)(```)", re.S)


def check_output(edits: Edits, root: Path = REPO) -> tuple[int, list[str], list[str]]:
    """(exit code, stdout lines, stderr lines) of ``python -m guide check`` on a copy with ``edits`` made."""
    with tempfile.TemporaryDirectory() as tmp:
        copy = Path(tmp)
        shutil.copytree(root / "frameworks", copy / "frameworks")
        for filename, old, new in edits:
            path = copy / "frameworks" / filename
            text = path.read_text(encoding="utf-8")
            if old not in text:
                raise ValueError(f"{filename} ne contient plus {old!r} : mettez à jour MISTAKES")
            path.write_text(text.replace(old, new, 1), encoding="utf-8")
        code, stdout, stderr = run_check(copy)
    return code, stdout.splitlines(), stderr.splitlines()


def run_check(root: Path) -> tuple[int, str, str]:
    """``python -m guide check --root ROOT``, run in this process (the command's own ``main``, its output
    captured): the same messages as a separate run, without starting Python once per example."""
    from guide.__main__ import main as guide_main

    stdout, stderr = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(stdout), contextlib.redirect_stderr(stderr):
        code = guide_main(["check", "--root", str(root)])
    return code, stdout.getvalue(), stderr.getvalue()


def example(kind: str, name: str, root: Path = REPO) -> str:
    """The text of one example block."""
    code, stdout, stderr = check_output(MISTAKES[name], root)
    if kind == "avertissement":
        if code != 0:
            raise ValueError(f"{name} : le contenu devait rester valide ({stderr})")
        lines = [line for line in stdout if line.startswith("frameworks/")]
    else:
        if code == 0:
            raise ValueError(f"{name} : la vérification n'a signalé aucune erreur")
        lines = stderr if kind == "sortie" else [line for line in stderr if line.startswith("frameworks/")]
    if not lines:
        raise ValueError(f"{name} : aucune ligne à montrer")
    return "\n".join(lines) + "\n"


def updated(text: str, root: Path = REPO) -> str:
    """CONTRIBUTING.md with every tagged example replaced by the output of a real run."""
    return _BLOCK.sub(lambda match: match.group(1) + example(match.group(2), match.group(3), root) + match.group(5),
                      text)


def tagged_names(text: str) -> list[str]:
    return [match.group(3) for match in _BLOCK.finditer(text)]


def main(argv: list[str]) -> int:
    text = CONTRIBUTING.read_text(encoding="utf-8")
    new = updated(text)
    if "--check" in argv:
        if new != text:
            print("Les exemples d'erreurs de CONTRIBUTING.md ne sont plus à jour : lancez "
                  "« .venv/bin/python scripts/contributing_examples.py ».", file=sys.stderr)
            return 1
        return 0
    CONTRIBUTING.write_text(new, encoding="utf-8")
    print(f"CONTRIBUTING.md : {len(tagged_names(new))} exemples produits par la vérification.")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
