"""Ordinary edits an editor makes by following CONTRIBUTING.md, applied to a copy of the project.

Each edit is found by the structure of the YAML (a field path such as ``("phases", 0, "objectif")``, a list
item by its ``id``), never by a line number, and written as an editor writes it: only the text between the
quotes changes, a list item is a new line (or block) aligned on its neighbours, a removed item takes its lines
with it. Every edit keeps the content valid: ``guide check`` passes on the edited copy without a warning, and
the build succeeds. Each edit also says what a reader should then see (``shows``) or no longer see (``hides``)
on which page, so that a test can prove the edit really reached the built site.

The list covers issue 24's ordinary edits: reword texts in several files (the phases' objectives, as in
CONTRIBUTING's own example, a phase's name, a FAQ question and answer, a theme page, the home page's title),
change dated assumptions of seuils.yml that the calculators read (the exchange rate with its date, the other
hypotheses with their reasons and dates, and the calculator's worked example that opens on a changed default, as
the check asks), add and remove a phase's risk, add and remove a FAQ entry,
add a glossary term, add a figure with its citation (a seed's sentence, verbatim) and cite it in a text.

Used by tests/content/test_ordinary_edits.py, and by hand on a fresh clone, to run the whole suite on an
edited copy::

    python -m tests.ordinary_edits DIR        # DIR: a checkout (its frameworks/ folder is edited in place)
    python -m tests.ordinary_edits --list     # the edits, without applying them

Each edit has a second text for a second round (the suite, run on an edited clone, applies them to its own copy).
Standard library, PyYAML and scripts/yaml_edits.py only: nothing here imports the guide's code, so the edits do not
depend on what they test.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

import yaml

from common.typography import print_console
from guide.argparse_fr import FrenchParser, french
from scripts.yaml_edits import (  # noqa: F401 (the gestures, for the tests that import them from here)
    FRAMEWORKS,
    EditError,
    add_field,
    append_item,
    quoted,
    raw_value,
    read_value,
    remove_field,
    remove_item,
    replaced,
    reword,
    set_number,
    set_raw,
    set_text,
)

# The date an editor writes beside a dated assumption they have just checked (AAAA-MM-JJ, as seuils.yml does;
# the first of a month, which the page writes « 1er »).
CHECKED_ON = "2026-12-01"


# --- The edits ------------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Seen:
    """Text a reader finds (or no longer finds) in the article of a page, once the edited copy is built."""

    page: str  # the framework whose page shows it
    text: str


@dataclass
class Edit:
    name: str
    what: str  # in French, for the list the CLI prints
    apply: Callable[[Path], None]
    shows: list[Seen] = field(default_factory=list)
    hides: list[Seen] = field(default_factory=list)


def _reword_to(root: Path, edit: Edit, page: str, name: str, path: tuple, candidates: list[str]) -> None:
    """Write the first of ``candidates`` that differs from what the field says (the edits apply again to an edited
    copy); the reader sees it on ``page`` and no longer sees the old text there."""
    old = read_value(root, name, path)
    new = next(text for text in candidates if text != old)
    set_text(root, name, path, new)
    edit.shows.append(Seen(page, new))
    edit.hides.append(Seen(page, old))


def _phases_objectives(root: Path, edit: Edit) -> None:
    """CONTRIBUTING's own example on phase 1, then every other phase's objective reworded."""
    new = {0: ["Valider l'offre, puis trouver les premiers clients payants.", "Valider l'offre auprès de premiers clients."],
           1: ["Rendre la croissance reproductible, canal par canal.", "Rendre la croissance reproductible."],
           2: ["Mettre le marketing au service de la stratégie de toute l'entreprise.",
               "Mettre le marketing au service de la stratégie."]}
    for index in range(len(read_value(root, "phases", ("phases",)))):
        candidates = new.get(index, [f"Objectif reformulé de la phase {index + 1}.", f"Objectif de la phase {index + 1}."])
        _reword_to(root, edit, "phases", "phases", ("phases", index, "objectif"), candidates)


def _phase_name(root: Path, edit: Edit) -> None:
    _reword_to(root, edit, "phases", "phases", ("phases", 1, "nom"), ["Première structuration", "Structuration de départ"])


def _faq_texts(root: Path, edit: Edit) -> None:
    _reword_to(root, edit, "faq", "faq", ("questions", 1, "question"),
               ["Recruter en interne ou confier le marketing à l'extérieur ?", "Recruter ou faire appel à l'extérieur ?"])
    _reword_to(root, edit, "faq", "faq", ("questions", 0, "reponse"), [
        "Dès que des signaux d'alerte apparaissent, répond Antoine Blot : des messages qui se contredisent, des actions "
        "sans fil conducteur, des décisions prises dans l'urgence, des données qui ne guident rien.",
        "Au premier signal d'alerte, répond Antoine Blot : des messages incohérents, des actions dispersées, des "
        "décisions prises dans l'urgence ou des données inutilisées."])


def _theme_page(root: Path, edit: Edit) -> None:
    """The signals' page: its introduction and one signal's symptom, reworded."""
    _reword_to(root, edit, "signaux", "signaux", ("page", "introduction", 0), [
        "Un marketing sans organisation finit par montrer ses limites. Antoine Blot en relève quatre signes, et "
        "recommande de structurer la fonction dès le premier d'entre eux.",
        "Antoine Blot relève quatre signes qui montrent les limites d'un marketing sans organisation."])
    _reword_to(root, edit, "signaux", "signaux", ("signaux", {"id": "marketing-disperse"}, "symptome"),
               ["Chaque équipe ou prestataire agit de son côté, sans pilote commun.",
                "Les équipes et les prestataires agissent chacun de leur côté."])


def _home_title(root: Path, edit: Edit) -> None:
    _reword_to(root, edit, "accueil", "accueil", ("page", "titre"),
               ["Organiser le marketing d'une PME ou d'une startup", "Organiser son marketing de PME ou de startup"])


def _french(number: Decimal) -> str:
    """A number as the guide prints it (« 650 000 », « 0,65 »): narrow no-break spaces are normalised away by
    the reading of pages, so plain spaces here."""
    whole, _, decimals = f"{number.normalize():f}".partition(".")
    groups = f"{int(whole):,}".replace(",", " ")
    return groups + ("," + decimals if decimals else "")


def _exchange_rate(root: Path, edit: Edit) -> None:
    """The dated exchange rate: a new value, the example in its explanation recomputed, a new date."""
    where = ("seuils", {"id": "taux-change-cad-eur"})
    old = Decimal(str(read_value(root, "seuils", where + ("valeur",))))
    new = old + Decimal("0.02")
    set_number(root, "seuils", where + ("valeur",), new)
    old_example, new_example = f"{_french(old * 1_000_000)} €", f"{_french(new * 1_000_000)} €"
    if old_example in read_value(root, "seuils", where + ("explication",)):
        reword(root, "seuils", where + ("explication",), lambda text: text.replace(old_example, new_example))
        edit.hides.append(Seen("seuils", old_example))
    set_text(root, "seuils", where + ("hypothese", "date"), CHECKED_ON)
    edit.shows.append(Seen("seuils", new_example if edit.hides else f"{_french(new)} €"))


# The guide's other dated assumptions that calculators read: a new value from the old one; the figure their
# reason quotes written again where it is written as such (an editor who changes a figure rereads its reason).
HYPOTHESES: dict[str, Callable[[int], int]] = {
    "charges-patronales-france": lambda old: old + 2,
    "horizon-ltv": lambda old: old - 12 if old > 12 else old + 12,
    "delai-arrivee": lambda old: old + 1,
    "efficacite-montee-en-competence": lambda old: old + 10 if old <= 80 else old - 10,
}


def _hypotheses(root: Path, edit: Edit) -> None:
    for ident, change in HYPOTHESES.items():
        where = ("seuils", {"id": ident})
        if not read_value(root, "seuils", where + ("calculateurs",)):
            raise EditError(f"seuils.yml : {ident} n'est plus lu par un calculateur")
        old = read_value(root, "seuils", where + ("valeur",))
        new = change(old)
        set_number(root, "seuils", where + ("valeur",), new)
        unit = read_value(root, "seuils", where + ("unite",))
        written = f"{old} {unit}"
        if written in read_value(root, "seuils", where + ("hypothese", "raison")):
            reword(root, "seuils", where + ("hypothese", "raison"), lambda text, a=written, b=f"{new} {unit}": text.replace(a, b))
        set_text(root, "seuils", where + ("hypothese", "date"), CHECKED_ON)
        _worked_example_follows(root, ident, old, new)
    edit.shows.append(Seen("seuils", f"posée le {_french_date(CHECKED_ON)}"))


def _french_date(iso: str) -> str:
    year, month, day = (int(part) for part in iso.split("-"))
    months = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre",
              "novembre", "décembre"]
    return f"{'1er' if day == 1 else day} {months[month - 1]} {year}"


def _worked_example_follows(root: Path, ident: str, old, new) -> None:
    """A calculator's worked example opens the form, so it takes a changed default: the check names the field
    (« valeur par défaut différente de l'exemple chiffré »), and the editor writes the new value there and in the
    example's sentence."""
    unit = " %" if "%" in str(read_value(root, "seuils", ("seuils", {"id": ident}, "unite"))) else ""
    for name in read_value(root, "seuils", ("seuils", {"id": ident}, "calculateurs")):
        fields = read_value(root, name, ("calculateur", "entrees"))
        example = read_value(root, name, ("calculateur", "exemple"))
        for field_ in fields:
            if field_.get("defaut") == f"{{seuil:{ident}}}" and example["entrees"].get(field_["id"]) == old:
                set_number(root, name, ("calculateur", "exemple", "entrees", field_["id"]), new)
                if f"{old}{unit}" in example["texte"]:
                    reword(root, name, ("calculateur", "exemple", "texte"),
                           lambda text, unit=unit: text.replace(f"{old}{unit}", f"{new}{unit}"))


# CONTRIBUTING's example first; the next one when the first is there already (an edited copy).
NEW_RISKS = ["Recruter un profil senior avant d'avoir clarifié le positionnement.",
             "Confier la marque à un prestataire différent pour chaque support."]


def _add_risk(root: Path, edit: Edit) -> None:
    risks = read_value(root, "phases", ("phases", 0, "risques"))
    risk = next(text for text in NEW_RISKS if text not in risks)
    append_item(root, "phases", ("phases", 0, "risques"), quoted(risk))
    edit.shows.append(Seen("phases", risk))


def _remove_risk(root: Path, edit: Edit) -> None:
    """The second risk of the phase that lists the most (the last phase, in the guide as it is)."""
    phases = read_value(root, "phases", ("phases",))
    index = max(range(len(phases)), key=lambda number: (len(phases[number]["risques"]), number))
    risks = phases[index]["risques"]
    if len(risks) < 2:
        raise EditError("phases.yml : aucune phase n'a deux risques")
    remove_item(root, "phases", ("phases", index, "risques"), 1)
    edit.hides.append(Seen("phases", risks[1]))


NEW_QUESTIONS = ["""\
id: budget-marketing-pme
question: "Quel budget consacrer au marketing quand on structure la fonction ?"
reponse: "Pour Antoine Blot, une coordination qui réclame une présence de {seuil:heures-coordination} est l'un des signaux qu'il est temps d'avoir une direction marketing interne."
themes:
  - sourcing
  - phases
source: blot-externaliser-marketing
""", """\
id: recruter-en-hypercroissance
question: "Qui recruter d'abord quand l'entreprise grandit très vite ?"
reponse: "L'ancien CMO de Partoo regrette d'avoir d'abord embauché des juniors pour économiser : à son avis, il faut des experts dès les premiers recrutements."
themes:
  - hypercroissance
source: bannouze-hypercroissance
"""]  # CONTRIBUTING's example first, as it tells an editor to add it: at the end of the list


def _add_question(root: Path, edit: Edit) -> None:
    ids = {question["id"] for question in read_value(root, "faq", ("questions",))}
    item = next(text for text in NEW_QUESTIONS if yaml.safe_load(text)["id"] not in ids)
    append_item(root, "faq", ("questions",), item)
    question = yaml.safe_load(item)
    edit.shows += [Seen("faq", question["question"])] + [Seen(theme, question["question"]) for theme in question["themes"]]


REMOVED_QUESTION = "embaucher-ou-agence"


def _removable_question(root: Path) -> str:
    """``REMOVED_QUESTION`` while it is there; else the last question that no other file names, whose answer cites
    no figure and that none of the other edits adds."""
    questions = read_value(root, "faq", ("questions",))
    ids = [question["id"] for question in questions]
    if REMOVED_QUESTION in ids:
        return REMOVED_QUESTION
    others = "".join(path.read_text(encoding="utf-8") for path in (root / FRAMEWORKS).glob("*.yml") if path.stem != "faq")
    added = {yaml.safe_load(text)["id"] for text in NEW_QUESTIONS}
    for question in reversed(questions[4:]):  # the first ones are those CONTRIBUTING's examples break
        if question["id"] not in others and "{" not in question["reponse"] and question["id"] not in added:
            return question["id"]
    raise EditError("faq.yml : aucune question à retirer")


def _remove_question(root: Path, edit: Edit) -> None:
    """A question whose id no other file names; its answer leaves the FAQ and its themes' pages (its question's
    words may stay, quoted by a page)."""
    ident = _removable_question(root)
    answer = read_value(root, "faq", ("questions", {"id": ident}, "reponse"))
    themes = read_value(root, "faq", ("questions", {"id": ident}, "themes"))
    remove_item(root, "faq", ("questions",), {"id": ident})
    edit.hides += [Seen("faq", answer)] + [Seen(theme, answer) for theme in themes]


NEW_TERMS = ["""\
id: cdi
terme: CDI
developpe: contrat à durée indéterminée
definition: "Le contrat de travail sans date de fin : la forme habituelle d'un recrutement permanent en France."
formes: [CDI]
cadre: internalisation
""", """\
id: etp
terme: ETP
developpe: équivalent temps plein
definition: "Une unité de mesure du travail : deux personnes à mi-temps font un ETP."
formes: [ETP]
"""]


def _add_term(root: Path, edit: Edit) -> None:
    ids = {term["id"] for term in read_value(root, "glossaire", ("termes",))}
    item = next(text for text in NEW_TERMS if yaml.safe_load(text)["id"] not in ids)
    append_item(root, "glossaire", ("termes",), item)
    term = yaml.safe_load(item)
    edit.shows += [Seen("glossaire", term["developpe"]), Seen("glossaire", term["definition"])]


# Figures from a source, each with its sentence recopied from the seed (CONTRIBUTING's « Ajouter un seuil »), and
# the text that then cites it instead of typing it by hand (or None).
NEW_FIGURES = [("""\
id: surcouts-marketing-disperse
nom: "Surcoûts d'un marketing dispersé, en moyenne"
valeur: 20
unite: "%"
explication: "Quand les actions marketing sont morcelées sans pilotage central, Antoine Blot rapporte des surcoûts de 20 % en moyenne, d'après une étude de MediaLake (2025)."
source: blot-structurer-fonction-marketing
contexte: "Organisations marketing informelles (chiffre de MediaLake, 2025, cité par la source)"
citation: "Résultat : inefficacité opérationnelle et surcoûts (20% en moyenne selon MediaLake, 2025)."
calculateurs: []
""", ("signaux", ("signaux", {"id": "marketing-disperse"}, "consequence"),
      "Résultat : moins d'efficacité et des surcoûts, de {seuil:surcouts-marketing-disperse} en moyenne selon "
      "MediaLake (2025).", "Résultat : moins d'efficacité et des surcoûts, de 20 % en moyenne")), ("""\
id: actions-a-fort-effet
nom: "Part des actions qui font l'essentiel des résultats"
valeur: 20
unite: "% des actions"
explication: "Pour l'ancien CMO de Partoo, il faut repérer vite la petite part des actions qui produit l'essentiel des résultats, et y concentrer ses moyens."
source: bannouze-hypercroissance
contexte: "Scale-up en hypercroissance (Partoo)"
citation: "Il faut identifier rapidement les 20% d'actions qui génèrent 80% des résultats et concentrer toute sa puissance de feu dessus."
calculateurs: []
""", None)]


def _add_figure(root: Path, edit: Edit) -> None:
    """A figure from a source, with its sentence, then cited where a page typed it by hand."""
    ids = {item["id"] for item in read_value(root, "seuils", ("seuils",))}
    item, citing = next((text, citing) for text, citing in NEW_FIGURES if yaml.safe_load(text)["id"] not in ids)
    append_item(root, "seuils", ("seuils",), item)
    figure = yaml.safe_load(item)
    edit.shows += [Seen("seuils", figure["nom"]), Seen("seuils", figure["citation"])]
    if citing:
        page, path, text, shown = citing
        set_text(root, page, path, text)
        edit.shows.append(Seen(page, shown))


EDITS = [
    Edit("objectifs-des-phases", "phases.yml : l'objectif de chaque phase reformulé (l'exemple de CONTRIBUTING)",
         _phases_objectives),
    Edit("nom-d-une-phase", "phases.yml : le nom de la phase 2 reformulé", _phase_name),
    Edit("textes-de-la-faq", "faq.yml : une question et une réponse reformulées", _faq_texts),
    Edit("page-thematique", "signaux.yml : l'introduction et un symptôme reformulés", _theme_page),
    Edit("titre-de-l-accueil", "accueil.yml : le titre de la page d'accueil reformulé", _home_title),
    Edit("taux-de-change", "seuils.yml : le taux de change daté changé, son exemple recalculé, sa date mise à jour",
         _exchange_rate),
    Edit("hypotheses-des-calculateurs",
         "seuils.yml : quatre hypothèses lues par les calculateurs changées, avec leur raison et leur date",
         _hypotheses),
    Edit("ajout-d-un-risque", "phases.yml : un risque ajouté à la phase 1 (l'exemple de CONTRIBUTING)", _add_risk),
    Edit("retrait-d-un-risque", "phases.yml : un risque retiré de la phase qui en a le plus", _remove_risk),
    Edit("retrait-d-une-question", f"faq.yml : une question retirée (« {REMOVED_QUESTION} », ou une autre qu'aucun fichier ne nomme)", _remove_question),
    Edit("ajout-d-une-question", "faq.yml : une question ajoutée à la fin (l'exemple de CONTRIBUTING)",
         _add_question),
    Edit("ajout-d-un-terme", "glossaire.yml : un terme ajouté (« CDI »)", _add_term),
    Edit("ajout-d-un-seuil", "seuils.yml : un chiffre ajouté avec la phrase de sa source, puis cité dans signaux.yml",
         _add_figure),
]


def apply_edits(root: Path) -> list[Edit]:
    """Apply every edit to the checkout at ``root``, in order; returns the edits with what each makes seen."""
    done = []
    for template in EDITS:
        edit = Edit(template.name, template.what, template.apply)
        try:
            edit.apply(root, edit)
        except EditError as error:
            raise EditError(f"{edit.name} : {error}") from error
        except StopIteration:  # each edit has texts for two rounds: the content, then an edited copy of it
            raise EditError(f"{edit.name} : déjà appliquée à ce contenu plus de fois qu'elle n'a de textes") from None
        done.append(edit)
    return done


def main(argv: list[str] | None = None) -> int:
    with french():  # the parser's own texts (its groups, the help of -h) are written when it is made
        parser = FrenchParser(prog="python -m tests.ordinary_edits",
                              description="Applique les modifications ordinaires d’un rédacteur à une copie.")
        parser.add_argument("root", type=Path, nargs="?", metavar="DOSSIER",
                            help="dossier d’une copie du projet (modifié sur place)")
        parser.add_argument("--list", action="store_true", help="liste les modifications sans rien changer")
        args = parser.parse_args(argv)
    if args.list or args.root is None:
        for edit in EDITS:
            print_console(f"{edit.name} : {edit.what}")
        return 0 if args.list else 2
    if not (args.root / FRAMEWORKS).is_dir():
        print_console(f"{args.root} : pas de dossier {FRAMEWORKS}/", file=sys.stderr)
        return 2
    try:
        edits = apply_edits(args.root)
    except EditError as error:
        print_console(f"modification impossible : {error}", file=sys.stderr)
        return 1
    for edit in edits:
        print_console(f"{edit.name} : {edit.what}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
