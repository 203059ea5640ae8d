"""The registry of cross-file rules: a rule registered for a file gets that file's data and reports at the
line of the field it names."""

from __future__ import annotations

import pytest

from guide import rules
from guide.catalog import REPO_ROOT
from guide.rules import EVERY_FRAMEWORK, rule
from tests.helpers import line_of

PHASES_FILE = REPO_ROOT / "frameworks" / "phases.yml"


@pytest.fixture
def registry(monkeypatch):
    """An empty registry for the test's own rules (the real ones are put back afterwards)."""
    monkeypatch.setattr(rules, "RULES", [])
    return rules.RULES


def test_the_real_content_passes_every_rule(guide):
    assert rules.check(guide) == []


def test_a_rule_gets_its_files_data_and_reports_at_the_line_of_a_field(registry, guide):
    seen = []

    @rule("phases")
    def second_phase_is_refused(data, report):
        seen.append(data)
        report(("phases", 1, "objectif"), "refusée pour l'essai")

    [error] = rules.check(guide)
    assert seen == [guide.frameworks["phases"]]
    objective = guide.frameworks["phases"]["phases"][1]["objectif"]
    assert (error.file, error.line, error.field, error.message) == (
        "frameworks/phases.yml", line_of(PHASES_FILE, objective[:30]), "phases[1].objectif", "refusée pour l'essai")
    assert error.column == guide.parsed["phases"].position_of(("phases", 1, "objectif"))[1]


def test_a_rule_on_the_files_own_list_reports_inside_it(registry, guide):
    @rule("phases", own_list=True)
    def each_phase(phases, report):
        assert phases is guide.frameworks["phases"]["phases"]
        report((0, "numero"), "essai")

    [error] = rules.check(guide)
    assert error.field == "phases[0].numero"
    assert error.line == guide.parsed["phases"].position_of(("phases", 0, "numero"))[0]


def test_a_rule_for_every_file_knows_which_file_it_checks_and_may_read_the_guide(registry, guide):
    checked = []

    @rule(EVERY_FRAMEWORK, reads_guide=True)
    def every_file(data, report, guide):
        assert guide is guide and data is guide.frameworks[report.name]
        checked.append(report.name)

    assert rules.check(guide) == []
    assert checked == sorted(guide.frameworks)


def test_a_rule_for_a_file_that_does_not_exist_never_runs(registry, guide):
    @rule("absent")
    def never(data, report):
        raise AssertionError("aucun fichier absent.yml")

    assert rules.check(guide) == []


def report_on(text: str, name: str = "faq"):
    """A rule's ``report`` on a file of fixture content, and the errors it records."""
    from guide.rules import Report
    from guide.yaml_source import parse_yaml

    parsed = parse_yaml(text, f"frameworks/{name}.yml")
    assert parsed.errors == []
    errors: list = []
    return parsed.data, Report(name, f"frameworks/{name}.yml", parsed, errors), errors


def test_the_first_line_must_name_the_file_s_own_schema():
    for text in ("# yaml-language-server: $schema=schemas/faq.schema.json\npage: {}\n",
                 "# yaml-language-server: $schema=schemas/faq.schema.json  \npage: {}\n"):
        data, report, errors = report_on(text)
        rules.first_line_names_the_schema(data, report)
        assert errors == []
    data, report, errors = report_on("page: {}\n")
    rules.first_line_names_the_schema(data, report)
    [missing] = errors
    assert (missing.line, missing.column, missing.field) == (1, 1, "")
    assert missing.message.endswith("manque : écrivez en tête du fichier "
                                    "« # yaml-language-server: $schema=schemas/faq.schema.json »")
    data, report, errors = report_on("# yaml-language-server: $schema=schemas/phases.schema.json\npage: {}\n")
    rules.first_line_names_the_schema(data, report)
    assert errors[0].message == ("la première ligne nomme un autre schéma que celui de ce fichier : écrivez "
                                 "« # yaml-language-server: $schema=schemas/faq.schema.json »")


def test_an_accolade_left_open_or_alone_is_named_where_it_is_written_with_what_to_type():
    text = ('page:\n  titre: "Au-delà de {seuil:heures-coordination, internalisez."\n'
            '  introduction:\n    - "Un texte sans accolade."\n    - Cité seuil:ratio-ltv-cac} ici.\n')
    data, report, errors = report_on(text)
    rules.braces_come_in_pairs(data, report)
    assert [(error.line, error.column, error.field) for error in errors] == [
        (2, 22, "page.titre"), (5, 12, "page.introduction[1]")]
    assert errors[0].message == ("accolade ouverte et jamais refermée : « {seuil:heures-coordination » s'afficherait "
                                 "tel quel ; fermez-la : {seuil:heures-coordination}")
    assert errors[1].message == ("accolade fermante sans accolade ouvrante : « seuil:ratio-ltv-cac} » s'afficherait tel "
                                 "quel ; ajoutez « { » devant : {seuil:ratio-ltv-cac}")


def test_accolades_that_pair_are_left_alone():
    data, report, errors = report_on('page:\n  titre: "Un {mot} entre accolades"\n')
    rules.braces_come_in_pairs(data, report)
    assert errors == []


def test_a_section_whose_name_is_already_an_anchor_of_its_page_is_reported_at_its_place_in_the_plan(guide):
    """The pages as guide.anchors reads them, with the host's template writing #externalisation itself too."""
    from dataclasses import replace

    from guide.anchors import guide_page_ids
    from guide.rules import Report

    pages = guide_page_ids(guide)
    assert rules.check(guide) == []  # the real pages: no anchor twice
    pages["sourcing/"] = replace(pages["sourcing/"], written=(*pages["sourcing/"].written, "externalisation"))
    errors: list = []
    report = Report("accueil", guide.files["accueil"], guide.parsed["accueil"], errors)
    rules.anchors_are_unique_on_their_page(guide.frameworks["accueil"], report, guide, pages)
    [error] = errors
    assert error.field.startswith("rubriques[") or error.field.startswith("parcours[")
    assert error.field.endswith("].sections[1]")
    assert error.line == line_of(REPO_ROOT / "frameworks" / "accueil.yml", "sections: [internaliser-externaliser, externalisation]")
    assert error.message.startswith("« externalisation » sert d'ancre à sa partie sur la page /sourcing/, dont le gabarit "
                                    "écrit déjà l'ancre #externalisation : placez ce cadre sur une autre page")
