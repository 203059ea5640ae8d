"""The « Mesurer » pages: KPIs with their call to the ROI calculator, MarTech audit, the case study's timeline."""

from __future__ import annotations

import re

from calculators.contract import threshold_text
from guide.catalog import REPO_ROOT, load_guide
from guide.thresholds import thresholds_by_id
from tests.helpers import line_of, load_errors, replace_in
from tests.site_text import article_text, normalise, page_html

GUIDE = load_guide(REPO_ROOT)


def test_kpi_page_sends_readers_to_the_roi_calculator(built_site):
    html = page_html(built_site, "kpis")
    call = re.search(r'<div class="guide-call-to-action">(.*?)</div>', html, re.S).group(1)
    # ROMI inside the button is wrapped in the glossary's tooltip (<abbr>).
    assert re.search(r'<a class="md-button md-button--primary" href="\.\./roi/">Calculez votre (<abbr [^>]*>)?ROMI(</abbr>)?…</a>', call)
    assert 'href="../kpis/"' in page_html(built_site, "roi")  # and back


def test_ltv_cac_ratio_is_quoted_from_the_thresholds(built_site):
    ratio = threshold_text(thresholds_by_id(GUIDE.frameworks)["ltv-cac-minimum"])
    assert f"ratio LTV/CAC supérieur à {ratio}." in article_text(built_site, "kpis")


def test_case_study_timeline_lists_the_steps_in_order_with_their_months(built_site):
    html = page_html(built_site, "etude-de-cas")
    timeline = re.search(r'<ol class="guide-timeline"[^>]*>(.*)</ol>', html, re.S).group(1)
    periods = [normalise(text) for text in re.findall(r'<p class="guide-timeline__period">(.*?)</p>', timeline)]
    assert periods == ["Mois 1 à 2", "Mois 3 à 5", "Mois 6 à 9"]
    widths = re.findall(r'style="--guide-step-months: (\d+)"', timeline)
    assert widths == ["2", "3", "4"]
    values = re.findall(r'<span class="guide-figure__value">(.*?)</span>', html)
    assert [normalise(value) for value in values][-3:] == ["+18 %", "-25 %", "Chaque mois"]


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
