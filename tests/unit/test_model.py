"""The loaded guide: frozen once built, built afresh on every load, its references followed both ways."""

from __future__ import annotations

import copy
import dataclasses

import pytest

from common.suggestions import did_you_mean
from guide.catalog import REPO_ROOT, load_guide
from guide.model import Guide
from guide.thresholds import resolve_placeholders
from guide.yaml_source import parse_yaml
from tests.helpers import texts_in


def test_a_loaded_guide_cannot_be_changed(guide):
    with pytest.raises(dataclasses.FrozenInstanceError):
        guide.frameworks = {}  # type: ignore[misc]
    with pytest.raises(dataclasses.FrozenInstanceError):
        guide.quoted_thresholds = {}  # type: ignore[misc]


def test_loading_twice_gives_equal_guides_that_share_nothing():
    first, second = load_guide(REPO_ROOT), load_guide(REPO_ROOT)
    assert first == second
    assert first.frameworks is not second.frameworks
    assert all(first.frameworks[name] is not second.frameworks[name] for name in first.frameworks)
    assert all(first.parsed[name].data is not second.parsed[name].data for name in first.parsed)
    first.frameworks["phases"]["phases"][0]["nom"] = "changé ici seulement"  # a test's own copy, thrown away
    assert second.frameworks["phases"]["phases"][0]["nom"] != "changé ici seulement"
    assert load_guide(REPO_ROOT) == second


def test_placeholders_are_replaced_in_new_data_and_the_parsed_text_is_left_as_written(guide):
    assert any("{seuil:" in text for text in texts_in(guide.parsed["faq"].data))
    assert not any("{seuil:" in text for text in texts_in(guide.frameworks["faq"]))
    assert guide.frameworks["faq"] is not guide.parsed["faq"].data


def test_resolving_placeholders_does_not_change_the_data_it_is_given():
    parsed = parse_yaml("texte: Au-delà de {seuil:heures} et {seuil:inconnu}\n", "frameworks/essai.yml")
    data = {"essai": parsed.data, "seuils": {"seuils": [{"id": "heures", "valeur": 40, "unite": "h par semaine"}]}}
    before = copy.deepcopy(data)
    resolved = resolve_placeholders(data, {"essai": parsed, "seuils": parsed},
                                    {"essai": "frameworks/essai.yml", "seuils": "frameworks/seuils.yml"})
    assert data == before
    assert resolved.frameworks["essai"]["texte"] == "Au-delà de 40\u00a0h par semaine et {seuil:inconnu}"
    assert resolved.quoted == {"essai": ["heures"], "seuils": []}
    [error] = resolved.errors
    assert (error.file, error.line, error.field) == ("frameworks/essai.yml", 1, "texte")
    assert error.message.startswith("repère inconnu « inconnu »")




# --- References, declared in the schemas, followed both ways ---------------------------------------------


def test_every_reference_of_the_schemas_is_recorded_where_it_sits(guide):
    references = guide.references
    assert references["modeles"][("modeles", 1, "phase")] == ("phases", "phases")
    assert references["sourcing"][("situations", 1, "option")] == ("sourcing", "options")
    assert references["diagnostic"][("regles", "grille", 0, "equipe")] == ("sourcing", "situations")
    assert references["faq"][("questions", 0, "source")] == ("sources", "sources")
    # Every value recorded as a reference is an id of the list it names.
    for name, paths in references.items():
        for path, (framework, list_key) in paths.items():
            assert guide.value_at(name, path) in guide.ids[(framework, list_key)], (name, path)


def test_following_a_reference_gives_the_item_it_names(guide):
    model = guide.frameworks["modeles"]["modeles"][1]
    assert guide.target("modeles", ("modeles", 1, "phase")) == guide.item("phases", None, model["phase"])
    followed = guide.follow("modeles", ("modeles",))
    assert followed[1]["phase"]["nom"] == guide.item("phases", None, model["phase"])["nom"]
    assert guide.frameworks["modeles"]["modeles"][1]["phase"] == model["phase"]  # the guide's data is left as it is


def test_what_refers_to_an_item_is_found_without_naming_the_files(guide):
    for phase in guide.items("phases"):
        found = guide.referrers("phases", phase["id"])
        for framework in ("modeles", "typologies"):
            expected = [item["id"] for item in guide.items(framework) if item.get("phase") == phase["id"]]
            assert [item["id"] for item in found.get(framework, [])] == expected
    structure = guide.items("typologies")[0]
    cells = guide.referrers("typologies", structure["id"])["matrice-decision"]
    assert cells and all(cell["typologie"]["id"] == structure["id"] and "libelle" in cell["ambition"] for cell in cells)


def test_an_item_is_looked_up_by_id_with_its_list_named_in_the_error(guide):
    assert guide.item("sourcing", "options", guide.items("sourcing", "options")[0]["id"])["id"]
    with pytest.raises(KeyError, match="sourcing#options: absente"):
        guide.item("sourcing", "options", "absente")


def test_a_guide_holds_data_only():
    assert [field.name for field in dataclasses.fields(Guide)] == [
        "frameworks", "files", "ids", "quoted_thresholds", "references", "parsed"]


# --- « Vouliez-vous dire » ------------------------------------------------------------------------------


@pytest.mark.parametrize(("value", "choices", "possible", "lead", "expected"), [
    ("modele", ["modeles", "phases"], None, " ; ", " ; vouliez-vous dire « modeles » ?"),
    ("titr", ["titre", "texte"], "champs possibles ici", " : ", " : vouliez-vous dire « titre » ?"),
    ("zzz", ["modeles", "phases"], "cadres possibles", " ; ", " ; cadres possibles : modeles, phases"),
    ("zzz", ["modeles", "phases"], None, " ; ", ""),
])
def test_did_you_mean_suggests_the_closest_choice_or_lists_them(value, choices, possible, lead, expected):
    assert did_you_mean(value, choices, possible, lead) == expected
