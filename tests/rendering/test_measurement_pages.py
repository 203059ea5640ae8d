"""The measuring pages: the KPIs with their call to the ROI calculator, the MarTech audit, the case study's
timeline, and the French errors of their data (roadmap, calculator link)."""

from __future__ import annotations

from calculators.contract import threshold_text
from guide.thresholds import thresholds_by_id
from tests.helpers import line_of, load_errors, replace_in
from tests.site_text import article_text, normalise, select, select_one, text_of, texts


def test_kpi_page_sends_readers_to_the_roi_calculator(built_site):
    call = select_one(built_site, "kpis", "div.guide-call-to-action")
    [button] = call.css("a.md-button.md-button--primary")
    assert button.attributes["href"] == "../roi/"
    assert text_of(button) == "Calculez votre ROMI…"  # ROMI may carry the glossary's tooltip (<abbr>)
    assert select(built_site, "roi", 'a[href="../kpis/"]')  # and back


def test_ltv_cac_ratio_is_quoted_from_the_thresholds(built_site, guide):
    ratio = threshold_text(thresholds_by_id(guide.frameworks)["ltv-cac-minimum"])
    assert f"ratio LTV/CAC supérieur à {ratio}." in article_text(built_site, "kpis")


def test_case_study_timeline_lists_the_steps_in_order_with_their_months(built_site, guide):
    steps = select(built_site, "etude-de-cas", "ol.guide-timeline > li.guide-timeline__step")
    assert texts([step.css_first("p.guide-timeline__period") for step in steps]) == [
        "Mois 1 à 2", "Mois 3 à 5", "Mois 6 à 9"]
    assert [step.attributes["style"] for step in steps] == [f"--guide-step-months: {months}" for months in (2, 3, 4)]
    values = texts(select(built_site, "etude-de-cas", "span.guide-figure__value"))
    figures = guide.frameworks["etude-de-cas"]["resultats"]["chiffres"]
    assert values[-len(figures):] == [normalise(figure["chiffre"]) for figure in figures]


def test_a_gap_in_the_roadmap_is_reported_in_french(project):
    path = project / "frameworks" / "etude-de-cas.yml"
    replace_in(path, "mois_debut: 3", "mois_debut: 4")
    [error] = load_errors(project)
    assert (error.file, error.line) == ("frameworks/etude-de-cas.yml", line_of(path, "mois_debut: 4"))
    assert "feuille_de_route[1].mois_debut" in str(error)
    assert "doit valoir 3" in str(error)


def test_a_roadmap_that_outlasts_the_mission_is_reported(project):
    replace_in(project / "frameworks" / "etude-de-cas.yml", "duree_mois: 9", "duree_mois: 10")
    [error] = load_errors(project)
    assert "feuille_de_route[2].mois_fin" in str(error) and "doit valoir 10" in str(error)


def test_an_unknown_calculator_in_the_kpis_is_reported(project):
    replace_in(project / "frameworks" / "kpis.yml", "    calculateur:\n      cadre: roi", "    calculateur:\n      cadre: rio")
    [error] = load_errors(project)
    assert "familles[0].calculateur.cadre" in str(error) and "vouliez-vous dire « roi »" in str(error)
