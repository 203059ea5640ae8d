"""The error examples of CONTRIBUTING.md, produced by real runs of the check on broken copies of the files.

    .venv/bin/python scripts/contributing_examples.py           rewrite the examples in CONTRIBUTING.md
    .venv/bin/python scripts/contributing_examples.py --check   exit 1 if a message of one of them is out of date

Each example of the editors' guide is a ```text block preceded by a comment naming the mistake below:

    <!-- erreur: NAME -->         the error lines the check prints for mistake NAME (positions included)
    <!-- sortie: NAME -->         the whole output of the check, with its last line (« N erreurs… »)
    <!-- avertissement: NAME -->  the warning lines the check prints (the content stays valid)

A mistake is a list of edits made on a copy of the real files, each on a field found by the structure of the YAML
(scripts/yaml_edits.py), whatever it says today. Remade, the examples show the positions of a real run; checked
(``--check``, tests/content/test_contributing.py), they are compared without positions (file:line:column, « ligne N »),
so that an editor's ordinary edit (a reworded text, an added risk) never makes them out of date, and a changed
message always does.
"""

from __future__ import annotations

import contextlib
import io
import re
import shutil
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

if __package__:  # imported by the tests (scripts.contributing_examples)
    from scripts import yaml_edits
else:  # run as a script: its folder is the first on the path
    import yaml_edits

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))  # this checkout's guide and common, run as a script too
from common.typography import print_console  # noqa: E402

CONTRIBUTING = REPO / "CONTRIBUTING.md"

# One gesture of a mistake, made on the copy's frameworks/ folder.
Edit = Callable[[Path], None]
Edits = list[Edit]


def value(filename: str, path: tuple, raw: str | Callable[[Path], str]) -> Edit:
    """The value of the field at ``path`` (found by the structure of the YAML) typed as ``raw``: fixed, or made from
    the copy as it is (``raw(root)``), so that the mistake is the same whatever the text says today."""
    def edit(root: Path) -> None:
        yaml_edits.set_raw(root, Path(filename).stem, path, raw(root) if callable(raw) else raw)
    return edit


def prefixed(filename: str, path: tuple, prefix: str) -> Edit:
    """``prefix`` typed before the text of the field at ``path``, whatever it says."""
    return value(filename, path, lambda root: yaml_edits.quoted(prefix + yaml_edits.read_value(root, Path(filename).stem, path)))


def line(filename: str, path: tuple, change: Callable[[str], str]) -> Edit:
    """The line where the value at ``path`` starts (for a list item, the line of its « - »), changed by ``change``."""
    def edit(root: Path) -> None:
        file = root / "frameworks" / filename
        text = file.read_text(encoding="utf-8")
        number = yaml_edits.start_line(text, path)
        lines = text.split("\n")
        lines[number - 1] = change(lines[number - 1])
        file.write_text("\n".join(lines), encoding="utf-8")
    return edit


def removed(filename: str, path: tuple) -> Edit:
    return lambda root: yaml_edits.remove_field(root, Path(filename).stem, path)


def first_line(filename: str, change: Callable[[str], str]) -> Edit:
    """The file's first line (the one that names its schema), changed by ``change``."""
    def edit(root: Path) -> None:
        file = root / "frameworks" / filename
        first, _, rest = file.read_text(encoding="utf-8").partition("\n")
        file.write_text(change(first + "\n") + rest, encoding="utf-8")
    return edit


def _fewer_hours(root: Path) -> str:
    """The coordination figure's citation with another number of hours than the article's."""
    [item] = [item for item in yaml_edits.read_value(root, "seuils", ("seuils",)) if item["id"] == "heures-coordination"]
    hours = f"{item['valeur']} heures"
    if hours not in item["citation"]:
        raise ValueError(f"seuils.yml : la citation de heures-coordination ne contient plus « {hours} »")
    return yaml_edits.quoted(item["citation"].replace(hours, f"{item['valeur'] - 5} heures"))


def _first_id(root: Path) -> str:
    return yaml_edits.read_value(root, "faq", ("questions", 0, "id"))


def _first_assumption_date(root: Path) -> tuple:
    items = yaml_edits.read_value(root, "seuils", ("seuils",))
    index = next(number for number, item in enumerate(items) if "hypothese" in item)
    return ("seuils", index, "hypothese", "date")


def _old_comment(root: Path) -> None:
    """An editor's old habit: the first question that lists a source's term marked by a comment instead."""
    questions = yaml_edits.read_value(root, "faq", ("questions",))
    index = next(number for number, item in enumerate(questions) if item.get("termes_de_la_source"))
    yaml_edits.remove_field(root, "faq", ("questions", index, "termes_de_la_source"))
    line("faq.yml", ("questions", index, "question"), lambda text: text + "  # terme de la source")(root)


def _french_date(filename: str) -> Edit:
    """The first dated assumption's date written the French way (always the same date: the message quotes it)."""
    def edit(root: Path) -> None:
        yaml_edits.set_raw(root, Path(filename).stem, _first_assumption_date(root), "29/11/2026")
    return edit


# Each mistake is made on a field found by its place (the second question of the FAQ, the first phase's objective…),
# whatever that field says today: an editor's rewording, an added risk or question, never changes the examples but
# for their positions, which tests/content/test_contributing.py does not compare.
COLON = value("faq.yml", ("questions", 1, "question"), "Recruter ou externaliser : que choisir ?")
APOSTROPHE = value("phases.yml", ("phases", 0, "objectif"), "'Valider l'offre et trouver les premiers clients.'")
MISTAKES: dict[str, Edits] = {
    "trois-fichiers": [
        COLON,
        APOSTROPHE,
        value("seuils.yml", ("seuils", 1, "id"), lambda root: yaml_edits.read_value(root, "seuils", ("seuils", 0, "id"))),
        value("seuils.yml", ("seuils", 0, "valeur"), "quarante"),
    ],
    "deux-points": [COLON],
    "guillemet": [value("phases.yml", ("phases", 0, "objectif"), "\"Valider l'offre et trouver les premiers clients.")],
    "apostrophe": [APOSTROPHE],
    "trop-indente": [line("faq.yml", ("questions", 1, "question"), lambda text: " " + text)],
    "pas-assez-indente": [line("faq.yml", ("questions", 1, "question"), lambda text: text[1:])],
    "tabulation": [line("phases.yml", ("phases", 0, "risques", 0), lambda text: "\t" + text.lstrip(" "))],
    "tabulation-dans-le-texte": [value("phases.yml", ("phases", 0, "nom"), "Phase\tAmorçage")],
    "tiret-oublie": [line("faq.yml", ("questions", 1), lambda text: text.replace("- ", "  ", 1))],
    "espace-insecable": [line("faq.yml", ("questions", 1, "question"), lambda text: "\u00a0" + text[1:])],
    "bom": [first_line("faq.yml", lambda text: "\ufeff" + text)],
    "cadre-inconnu": [value("faq.yml", ("questions", 0, "themes", 0), "signal")],
    "source-inconnue": [value("faq.yml", ("questions", 0, "source"), "blot-structurer")],
    "seuil-inconnu": [prefixed("faq.yml", ("questions", 0, "reponse"), "Au-delà de {seuil:heure-coordination}, ")],
    "balise-mal-ecrite": [prefixed("faq.yml", ("questions", 0, "reponse"), "{seuils:heures-coordination} ")],
    "accolade-ouverte": [prefixed("faq.yml", ("questions", 0, "reponse"), "Au-delà de {seuil:heures-coordination ")],
    "premiere-ligne": [first_line("faq.yml", lambda text: "")],
    "guillemets-courbes": [value("faq.yml", ("questions", 0, "reponse"),
                                 lambda root: "“" + yaml_edits.read_value(root, "faq", ("questions", 0, "reponse")) + "”")],
    "identifiant-ancre": [value("faq.yml", ("questions", 1, "id"), "signaux")],
    "lien-vers-une-page-absente": [value("faq.yml", ("questions", 1, "question"),
                                         "\"Faut-il recruter en interne ou externaliser ? Voir [les phases](/phase/)\"")],
    "identifiant-en-double": [value("faq.yml", ("questions", 1, "id"), _first_id)],
    "champ-oublie": [removed("faq.yml", ("questions", 0, "source"))],
    "citation": [value("seuils.yml", ("seuils", {"id": "heures-coordination"}, "citation"), _fewer_hours)],
    "nombre-a-virgule": [value("seuils.yml", ("seuils", 0, "valeur"), "37,5")],
    "texte-vide": [value("faq.yml", ("questions", 1, "question"), "")],
    "date-a-la-francaise": [_french_date("seuils.yml")],
    "nombre-avec-unite": [value("phases.yml", ("phases", 1, "effectif_min"), "10 employés")],
    "balise-html": [value("faq.yml", ("questions", 1, "question"),
                          "Faut-il <strong>recruter</strong> en interne ou externaliser ?")],
    "terme-prefere": [prefixed("faq.yml", ("questions", 1, "reponse"), "Pour un Fractional CMO comme l'auteur : ")],
    "ancien-commentaire": [_old_comment],
}

# What depends on where the content sits rather than on what the check says: « fichier:ligne:colonne: » and « (ligne
# 15) » inside a message. tests/content/test_contributing.py compares the examples without them.
_POSITION = re.compile(r"^(frameworks/[\w.-]+):\d+:\d+: ", re.M)
_LINE_IN_MESSAGE = re.compile(r"\bligne \d+\b")


def without_positions(text: str) -> str:
    return _LINE_IN_MESSAGE.sub("ligne N", _POSITION.sub(r"\1:L:C: ", text))


_BLOCK = re.compile(r"(<!-- (erreur|sortie|avertissement): ([a-z0-9-]+) -->\n```text\n)(.*?)(```)", re.S)


def check_output(edits: Edits, root: Path = REPO) -> tuple[int, list[str], list[str]]:
    """(exit code, stdout lines, stderr lines) of ``python -m guide check`` on a copy with ``edits`` made."""
    with tempfile.TemporaryDirectory() as tmp:
        copy = Path(tmp)
        shutil.copytree(root / "frameworks", copy / "frameworks")
        for edit in edits:
            edit(copy)
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
        if without_positions(new) != without_positions(text):
            print_console("Les exemples d'erreurs de CONTRIBUTING.md ne sont plus à jour : lancez "
                  "« .venv/bin/python scripts/contributing_examples.py ».", file=sys.stderr)
            return 1
        return 0
    CONTRIBUTING.write_text(new, encoding="utf-8")
    print_console(f"CONTRIBUTING.md : {len(tagged_names(new))} exemples produits par la vérification.")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
