"""Ordinary edits an editor makes by following CONTRIBUTING.md, applied to a copy of the project.

Each edit is found by the structure of the YAML (a field path such as ``("phases", 0, "objectif")``, a list
item by its ``id``), never by a line number, and written as an editor writes it: only the text between the
quotes changes, a list item is a new line (or block) aligned on its neighbours, a removed item takes its lines
with it. Every edit keeps the content valid: ``guide check`` passes on the edited copy without a warning, and
the build succeeds. Each edit also says what a reader should then see (``shows``) or no longer see (``hides``)
on which page, so that a test can prove the edit really reached the built site.

The list covers issue 24's ordinary edits: reword texts in several files (the phases' objectives, as in
CONTRIBUTING's own example, a phase's name, a FAQ question and answer, a theme page, the home page's title),
change dated assumptions of seuils.yml that the calculators read (the exchange rate with its date, and the
other hypotheses with their reasons and dates), add and remove a phase's risk, add and remove a FAQ entry,
add a glossary term, add a figure with its citation (a seed's sentence, verbatim) and cite it in a text.

Used by tests/content/test_ordinary_edits.py, and by hand on a fresh clone, to run the whole suite on an
edited copy::

    python -m tests.ordinary_edits DIR        # DIR: a checkout (its frameworks/ folder is edited in place)
    python -m tests.ordinary_edits --list     # the edits, without applying them

Standard library and PyYAML only: nothing here imports the project's code, so the edits do not depend on
what they test.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

import yaml

FRAMEWORKS = "frameworks"
# The date an editor writes beside a dated assumption they have just checked (AAAA-MM-JJ, as seuils.yml does).
CHECKED_ON = "2026-12-01"


# --- Reading a file's structure -------------------------------------------------------------------------------

class _Loader(yaml.SafeLoader):
    """Composes nodes only; positions are character offsets into the text (``mark.index``)."""


def _root(text: str) -> yaml.Node:
    node = yaml.compose(text, Loader=_Loader)
    if node is None:
        raise EditError("fichier vide")
    return node


class EditError(Exception):
    """An edit that cannot be made on this content (a field or an item it names is missing)."""


def _child(node: yaml.Node, step) -> yaml.Node:
    if isinstance(step, int):
        if not isinstance(node, yaml.SequenceNode) or not -len(node.value) <= step < len(node.value):
            raise EditError(f"pas d'élément {step}")
        return node.value[step]
    if isinstance(step, dict):  # {"id": "taux-change-cad-eur"}: the list item whose field has this value
        [(key, wanted)] = step.items()
        if isinstance(node, yaml.SequenceNode):
            for item in node.value:
                if isinstance(item, yaml.MappingNode) and _scalar(item, key) == wanted:
                    return item
        raise EditError(f"aucun élément avec {key} = {wanted}")
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            if key_node.value == step:
                return value_node
    raise EditError(f"pas de champ « {step} »")


def _scalar(mapping: yaml.MappingNode, key: str):
    for key_node, value_node in mapping.value:
        if key_node.value == key and isinstance(value_node, yaml.ScalarNode):
            return value_node.value
    return None


def _node(text: str, path: tuple) -> yaml.Node:
    node = _root(text)
    for step in path:
        node = _child(node, step)
    return node


def _last_index(node: yaml.Node) -> int:
    """The character offset just after the last character written for a node (its last scalar)."""
    if isinstance(node, yaml.ScalarNode):
        return _scalar_end(node)
    children = node.value if isinstance(node, yaml.SequenceNode) else [part for pair in node.value for part in pair]
    if not children:
        return node.end_mark.index
    if node.flow_style:  # [a, b]: the closing bracket
        return node.end_mark.index
    return max(_last_index(child) for child in children)


def _scalar_end(node: yaml.ScalarNode) -> int:
    """Just after a scalar's last character: a block text (« >- », « | ») ends before the line breaks that PyYAML
    counts in it."""
    end = node.end_mark.index
    if node.style in ("|", ">"):
        text = node.end_mark.buffer
        while end > node.start_mark.index and text[end - 1] in " \n":
            end -= 1
    return end


def _line_start(text: str, index: int) -> int:
    return text.rfind("\n", 0, index) + 1


def _line_end(text: str, index: int) -> int:
    """The offset just after the line holding ``index`` (its newline included)."""
    end = text.find("\n", index)
    return len(text) if end == -1 else end + 1


def _quoted(value: str) -> str:
    """A text between double quotes, as CONTRIBUTING tells editors to write it."""
    return json.dumps(value, ensure_ascii=False)


# --- The editor's gestures ------------------------------------------------------------------------------------

def read_value(root: Path, name: str, path: tuple):
    """The value at ``path`` in frameworks/NAME.yml, as PyYAML reads it."""
    value = yaml.safe_load((root / FRAMEWORKS / f"{name}.yml").read_text(encoding="utf-8"))
    for step in path:
        if isinstance(step, dict):
            [(key, wanted)] = step.items()
            matches = [item for item in value if isinstance(item, dict) and item.get(key) == wanted]
            if not matches:
                raise EditError(f"{name}.yml : aucun élément avec {key} = {wanted}")
            value = matches[0]
        else:
            try:
                value = value[step]
            except (KeyError, IndexError, TypeError):
                raise EditError(f"{name}.yml : pas de champ {step} dans {path}") from None
    return value


def set_text(root: Path, name: str, path: tuple, new: str) -> str:
    """Replace the text at ``path`` (its quotes included) by ``new`` between double quotes; returns the old text."""
    file = root / FRAMEWORKS / f"{name}.yml"
    text = file.read_text(encoding="utf-8")
    node = _node(text, path)
    if not isinstance(node, yaml.ScalarNode):
        raise EditError(f"{name}.yml {path} n'est pas un texte")
    file.write_text(text[:node.start_mark.index] + _quoted(new) + text[_scalar_end(node):], encoding="utf-8")
    return node.value


def raw_value(root: Path, name: str, path: tuple) -> str:
    """A simple value as it is written in the file (its quotes included)."""
    text = (root / FRAMEWORKS / f"{name}.yml").read_text(encoding="utf-8")
    node = _node(text, path)
    if not isinstance(node, yaml.ScalarNode):
        raise EditError(f"{name}.yml {path} n'est pas une valeur simple")
    return text[node.start_mark.index:_scalar_end(node)]


def replaced(text: str, path: tuple, raw: str) -> tuple[str, int]:
    """``text`` (a framework file's) with ``raw`` written as typed (quotes, mistakes and all) in place of the value
    at ``path``, its comment kept; and the 1-based line where ``raw`` starts."""
    node = _node(text, path)
    if not isinstance(node, yaml.ScalarNode):
        raise EditError(f"{path} n'est pas une valeur simple")
    return text[:node.start_mark.index] + raw + text[_scalar_end(node):], node.start_mark.line + 1


def set_raw(root: Path, name: str, path: tuple, raw: str) -> tuple[str, int]:
    """``replaced`` on frameworks/NAME.yml, in place: for tests that break a field wherever it is and whatever it
    says. Returns the value as it was written and the line where ``raw`` starts."""
    file = root / FRAMEWORKS / f"{name}.yml"
    text = file.read_text(encoding="utf-8")
    before = raw_value(root, name, path)
    new_text, line = replaced(text, path, raw)
    file.write_text(new_text, encoding="utf-8")
    return before, line


def remove_field(root: Path, name: str, path: tuple) -> None:
    """Remove a field of a mapping written one field a line (``nom: valeur`` and the lines of its value)."""
    file = root / FRAMEWORKS / f"{name}.yml"
    text = file.read_text(encoding="utf-8")
    parent = _node(text, path[:-1])
    if not isinstance(parent, yaml.MappingNode) or parent.flow_style:
        raise EditError(f"{name}.yml {path[:-1]} n'est pas un bloc de champs")
    for key_node, value_node in parent.value:
        if key_node.value == path[-1]:
            start = _line_start(text, key_node.start_mark.index)
            if text[start:key_node.start_mark.index].strip():
                raise EditError(f"{name}.yml {path} : le champ ne commence pas sa ligne")
            file.write_text(text[:start] + text[_line_end(text, _last_index(value_node)):], encoding="utf-8")
            return
    raise EditError(f"{name}.yml : pas de champ {path}")


def set_number(root: Path, name: str, path: tuple, new: Decimal | int) -> str:
    """Replace a number (written without quotes, as CONTRIBUTING says) by ``new``; returns the old one as written."""
    file = root / FRAMEWORKS / f"{name}.yml"
    text = file.read_text(encoding="utf-8")
    node = _node(text, path)
    if not isinstance(node, yaml.ScalarNode) or node.style is not None:
        raise EditError(f"{name}.yml {path} n'est pas un nombre")
    file.write_text(text[:node.start_mark.index] + str(new) + text[node.end_mark.index:], encoding="utf-8")
    return node.value


def reword(root: Path, name: str, path: tuple, change: Callable[[str], str]) -> tuple[str, str]:
    """Change a text from what it says (``change`` gets the old text); returns (old, new)."""
    old = str(read_value(root, name, path))
    new = change(old)
    if new == old:
        raise EditError(f"{name}.yml {path} : la modification ne change rien")
    set_text(root, name, path, new)
    return old, new


def append_item(root: Path, name: str, path: tuple, item: str) -> None:
    """Add an item at the end of the block list at ``path``: ``item`` is the YAML an editor types after « - »
    (its later lines indented as the first one's fields), aligned on the list's other dashes."""
    file = root / FRAMEWORKS / f"{name}.yml"
    text = file.read_text(encoding="utf-8")
    node = _node(text, path)
    if not isinstance(node, yaml.SequenceNode) or node.flow_style or not node.value:
        raise EditError(f"{name}.yml {path} n'est pas une liste écrite une ligne par élément")
    last = node.value[-1]
    dash = text.rfind("-", _line_start(text, last.start_mark.index), last.start_mark.index)
    indent = " " * (dash - _line_start(text, last.start_mark.index))
    first, *rest = item.strip("\n").split("\n")
    block = f"{indent}- {first}\n" + "".join(f"{indent}  {line}\n" for line in rest)
    where = _line_end(text, _last_index(last))
    file.write_text(text[:where] + block + text[where:], encoding="utf-8")


def remove_item(root: Path, name: str, path: tuple, step) -> str:
    """Remove one item of the block list at ``path`` (``step``: its index or {"id": …}) with all its lines;
    returns the removed item's text as written."""
    file = root / FRAMEWORKS / f"{name}.yml"
    text = file.read_text(encoding="utf-8")
    node = _node(text, path)
    item = _child(node, step)
    start = _line_start(text, item.start_mark.index)
    end = _line_end(text, _last_index(item))
    if text[start:item.start_mark.index].strip() != "-":
        raise EditError(f"{name}.yml {path} : l'élément ne commence pas sa ligne par « - »")
    file.write_text(text[:start] + text[end:], encoding="utf-8")
    return text[start:end]


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


def _phases_objectives(root: Path, edit: Edit) -> None:
    """CONTRIBUTING's own example on phase 1, then every other phase's objective reworded."""
    new = {0: "Valider l'offre, puis trouver les premiers clients payants.",
           1: "Rendre la croissance reproductible, canal par canal.",
           2: "Mettre le marketing au service de la stratégie de toute l'entreprise."}
    phases = read_value(root, "phases", ("phases",))
    for index in range(len(phases)):
        text = new.get(index, f"Objectif reformulé de la phase {index + 1}.")
        old = set_text(root, "phases", ("phases", index, "objectif"), text)
        edit.shows.append(Seen("phases", text))
        edit.hides.append(Seen("phases", old))


def _phase_name(root: Path, edit: Edit) -> None:
    old = set_text(root, "phases", ("phases", 1, "nom"), "Première structuration")
    edit.shows.append(Seen("phases", "Première structuration"))
    edit.hides.append(Seen("phases", old))


def _faq_texts(root: Path, edit: Edit) -> None:
    question = "Recruter en interne ou confier le marketing à l'extérieur ?"
    answer = ("Dès que des signaux d'alerte apparaissent, répond Antoine Blot : des messages qui se contredisent, "
              "des actions sans fil conducteur, des décisions prises dans l'urgence, des données qui ne guident rien.")
    old_question = set_text(root, "faq", ("questions", 1, "question"), question)
    old_answer = set_text(root, "faq", ("questions", 0, "reponse"), answer)
    edit.shows += [Seen("faq", question), Seen("faq", answer)]
    edit.hides += [Seen("faq", old_question), Seen("faq", old_answer)]


def _theme_page(root: Path, edit: Edit) -> None:
    """The signals' page: its introduction and one signal's symptom, reworded."""
    intro = ("Un marketing sans organisation finit par montrer ses limites. Antoine Blot en relève quatre signes, "
             "et recommande de structurer la fonction dès le premier d'entre eux.")
    symptom = "Chaque équipe ou prestataire agit de son côté, sans pilote commun."
    old_intro = set_text(root, "signaux", ("page", "introduction", 0), intro)
    old_symptom = set_text(root, "signaux", ("signaux", {"id": "marketing-disperse"}, "symptome"), symptom)
    edit.shows += [Seen("signaux", intro), Seen("signaux", symptom)]
    edit.hides += [Seen("signaux", old_intro), Seen("signaux", old_symptom)]


def _home_title(root: Path, edit: Edit) -> None:
    title = "Organiser le marketing d'une PME ou d'une startup"
    old = set_text(root, "accueil", ("page", "titre"), title)
    edit.shows.append(Seen("accueil", title))
    edit.hides.append(Seen("accueil", old))


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
    reword(root, "seuils", where + ("explication",), lambda text: text.replace(old_example, new_example))
    set_text(root, "seuils", where + ("hypothese", "date"), CHECKED_ON)
    edit.shows.append(Seen("seuils", new_example))
    edit.hides.append(Seen("seuils", old_example))


# The guide's other dated assumptions that calculators read: a new value, and the figure their reason quotes
# written again (an editor who changes a figure rereads its reason).
HYPOTHESES = {
    "charges-patronales-france": (45, [("43 % est le milieu", "45 % est le haut"),
                                       ("(environ 42 à 45 % du brut)", "(environ 42 à 46 % du brut)")]),
    "horizon-ltv": (24, [("trois ans est un horizon prudent", "deux ans est un horizon prudent")]),
    "delai-arrivee": (4, [("Trois mois est le préavis courant d'un cadre en France ; la recherche peut l'allonger.",
                           "Trois mois est le préavis courant d'un cadre en France ; la recherche l'allonge souvent "
                           "d'un mois.")]),
    "efficacite-montee-en-competence": (60, [("la moitié est un ordre de grandeur prudent",
                                              "un peu plus de la moitié est un ordre de grandeur prudent")]),
}


def _hypotheses(root: Path, edit: Edit) -> None:
    for ident, (value, rewordings) in HYPOTHESES.items():
        where = ("seuils", {"id": ident})
        if not read_value(root, "seuils", where + ("calculateurs",)):
            raise EditError(f"seuils.yml : {ident} n'est plus lu par un calculateur")
        set_number(root, "seuils", where + ("valeur",), value)

        def change(text, rewordings=rewordings, ident=ident):
            for old, new in rewordings:
                if old not in text:
                    raise EditError(f"seuils.yml : « {old} » absent de la raison de {ident}")
                text = text.replace(old, new)
            return text

        reword(root, "seuils", where + ("hypothese", "raison"), change)
        set_text(root, "seuils", where + ("hypothese", "date"), CHECKED_ON)
        edit.shows.append(Seen("seuils", rewordings[0][1]))
    _worked_example_follows(root, edit, "charges-patronales-france")


def _worked_example_follows(root: Path, edit: Edit, ident: str) -> None:
    """A calculator's worked example opens the form, so it takes a changed default: the check names the field
    (« valeur par défaut différente de l'exemple chiffré »), and the editor writes the new value there and in the
    example's sentence."""
    value = HYPOTHESES[ident][0]
    for name in read_value(root, "seuils", ("seuils", {"id": ident}, "calculateurs")):
        fields = read_value(root, name, ("calculateur", "entrees"))
        example = read_value(root, name, ("calculateur", "exemple"))
        for field_ in fields:
            if field_.get("defaut") == f"{{seuil:{ident}}}" and field_["id"] in example["entrees"]:
                old = example["entrees"][field_["id"]]
                set_number(root, name, ("calculateur", "exemple", "entrees", field_["id"]), value)
                unit = " %" if "%" in str(read_value(root, "seuils", ("seuils", {"id": ident}, "unite"))) else ""
                if f"{old}{unit}" in example["texte"]:
                    reword(root, name, ("calculateur", "exemple", "texte"),
                           lambda text, old=old, unit=unit: text.replace(f"{old}{unit}", f"{value}{unit}"))


NEW_RISK = "Recruter un profil senior avant d'avoir clarifié le positionnement."  # CONTRIBUTING's example


def _add_risk(root: Path, edit: Edit) -> None:
    append_item(root, "phases", ("phases", 0, "risques"), _quoted(NEW_RISK))
    edit.shows.append(Seen("phases", NEW_RISK))


def _remove_risk(root: Path, edit: Edit) -> None:
    risks = read_value(root, "phases", ("phases", 2, "risques"))
    remove_item(root, "phases", ("phases", 2, "risques"), 1)
    edit.hides.append(Seen("phases", risks[1]))


NEW_QUESTION = """\
id: budget-marketing-pme
question: "Quel budget consacrer au marketing quand on structure la fonction ?"
reponse: "Pour Antoine Blot, une coordination qui réclame une présence de {seuil:heures-coordination} est l'un des signaux qu'il est temps d'avoir une direction marketing interne."
themes:
  - sourcing
  - phases
source: blot-externaliser-marketing
"""  # CONTRIBUTING's example, as it tells an editor to add it: at the end of the list


def _add_question(root: Path, edit: Edit) -> None:
    append_item(root, "faq", ("questions",), NEW_QUESTION)
    question = yaml.safe_load(NEW_QUESTION)["question"]
    edit.shows += [Seen("faq", question), Seen("sourcing", question), Seen("phases", question)]


REMOVED_QUESTION = "embaucher-ou-agence"


def _remove_question(root: Path, edit: Edit) -> None:
    """A question whose id no other file names; its answer leaves the FAQ and its themes' pages (its question's
    words may stay, quoted by a page)."""
    answer = read_value(root, "faq", ("questions", {"id": REMOVED_QUESTION}, "reponse"))
    themes = read_value(root, "faq", ("questions", {"id": REMOVED_QUESTION}, "themes"))
    if "{" in answer:
        raise EditError(f"faq.yml : la réponse de {REMOVED_QUESTION} cite un repère : choisissez-en une autre")
    remove_item(root, "faq", ("questions",), {"id": REMOVED_QUESTION})
    edit.hides += [Seen("faq", answer)] + [Seen(theme, answer) for theme in themes]


NEW_TERM = """\
id: cdi
terme: CDI
developpe: contrat à durée indéterminée
definition: "Le contrat de travail sans date de fin : la forme habituelle d'un recrutement permanent en France."
formes: [CDI]
cadre: internalisation
"""


def _add_term(root: Path, edit: Edit) -> None:
    append_item(root, "glossaire", ("termes",), NEW_TERM)
    edit.shows += [Seen("glossaire", "contrat à durée indéterminée"),
                   Seen("glossaire", "Le contrat de travail sans date de fin")]


NEW_FIGURE = """\
id: surcouts-marketing-disperse
nom: "Surcoûts d'un marketing dispersé, en moyenne"
valeur: 20
unite: "%"
explication: "Quand les actions marketing sont morcelées sans pilotage central, Antoine Blot rapporte des surcoûts de 20 % en moyenne, d'après une étude de MediaLake (2025)."
source: blot-structurer-fonction-marketing
contexte: "Organisations marketing informelles (chiffre de MediaLake, 2025, cité par la source)"
citation: "Résultat : inefficacité opérationnelle et surcoûts (20% en moyenne selon MediaLake, 2025)."
calculateurs: []
"""  # a sentence of the first seed, verbatim; CONTRIBUTING's « Ajouter un seuil »


def _add_figure(root: Path, edit: Edit) -> None:
    """A figure from a source, with its sentence, then cited where the signals' page typed it by hand."""
    append_item(root, "seuils", ("seuils",), NEW_FIGURE)
    figure = yaml.safe_load(NEW_FIGURE)
    consequence = ("Résultat : moins d'efficacité et des surcoûts, de {seuil:surcouts-marketing-disperse} "
                   "en moyenne selon MediaLake (2025).")
    set_text(root, "signaux", ("signaux", {"id": "marketing-disperse"}, "consequence"), consequence)
    edit.shows += [Seen("seuils", figure["nom"]), Seen("seuils", figure["citation"]),
                   Seen("signaux", "Résultat : moins d'efficacité et des surcoûts, de 20 % en moyenne")]


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
    Edit("retrait-d-un-risque", "phases.yml : un risque retiré de la phase 3", _remove_risk),
    Edit("retrait-d-une-question", f"faq.yml : la question « {REMOVED_QUESTION} » retirée", _remove_question),
    Edit("ajout-d-une-question", "faq.yml : une question ajoutée à la fin (l'exemple de CONTRIBUTING)",
         _add_question),
    Edit("ajout-d-un-terme", "glossaire.yml : le terme « CDI » ajouté", _add_term),
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
        done.append(edit)
    return done


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.ordinary_edits",
                                     description="Applique les modifications ordinaires d'un rédacteur à une copie.")
    parser.add_argument("root", type=Path, nargs="?", help="dossier d'une copie du projet (modifié sur place)")
    parser.add_argument("--list", action="store_true", help="liste les modifications sans rien changer")
    args = parser.parse_args(argv)
    if args.list or args.root is None:
        for edit in EDITS:
            print(f"{edit.name} : {edit.what}")
        return 0 if args.list else 2
    if not (args.root / FRAMEWORKS).is_dir():
        print(f"{args.root} : pas de dossier {FRAMEWORKS}/", file=sys.stderr)
        return 2
    try:
        edits = apply_edits(args.root)
    except EditError as error:
        print(f"modification impossible : {error}", file=sys.stderr)
        return 1
    for edit in edits:
        print(f"{edit.name} : {edit.what}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
