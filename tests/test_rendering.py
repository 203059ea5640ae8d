"""Every framework's content reaches its page, escaped, with cross-links and credits."""

from __future__ import annotations

import re

import pytest

from calculators.diagnostic import headcount_range
from calculators.site_map import HOME, site_pages
from guide.browser_assets import browser_assets
from guide.catalog import REPO_ROOT, load_guide
from guide.rendering import render_pages
from guide.template_helpers import french_date
from tests.helpers import page_slug, replace_in
from tests.site_text import article_text, normalise, page_html
from tests.support import mkdocs_build

GUIDE = load_guide(REPO_ROOT)

# Fields that hold identifiers, references or metadata rather than text a reader sees in the article.
NOT_SHOWN = {"id", "cadre", "themes", "source", "sources", "phase", "option", "typologie", "ambition", "ressources",
             "fichier", "url", "type", "format", "calculateurs", "formes", "date_publication", "date_mise_a_jour", "date", "titre_court", "description",
             "etapes_processus", "cadres", "sections",
             # calculators: defaults, option sources and rule parameters (ids), shown through their labels
             "defaut", "options_depuis", "signals", "resources", "modele", "modele_plusieurs_bu", "sourcing", "seuil",
             "cmo_fractionne", "roles_cmo", "resume", "visible_si",
             "signaux_comptes", "ratio_internaliser", "garde_fou",
             # the glossary's synonyms feed the site search only (guide/search.py)
             "synonymes_recherche"}


def shown_texts(value, key=None):
    """Every text of a framework that its page must show."""
    if isinstance(value, dict):
        for child_key, child in value.items():
            if child_key == "description" and key != "page":
                yield from shown_texts(child, child_key)  # an item's description is shown; the page's is metadata
            elif child_key not in NOT_SHOWN:
                yield from shown_texts(child, child_key)
    elif isinstance(value, list):
        for child in value:
            yield from shown_texts(child, key)
    elif isinstance(value, str):
        yield value


slug = page_slug


@pytest.mark.parametrize("name", sorted(GUIDE.frameworks))
def test_every_text_of_a_framework_appears_on_its_page(built_site, name):
    text = article_text(built_site, slug(name))
    missing = [item for item in shown_texts(GUIDE.frameworks[name]) if normalise(item) not in text]
    assert missing == []


HOSTS = sorted(page.host for page in site_pages(GUIDE.frameworks[HOME]))
SECTIONS = sorted(name for page in site_pages(GUIDE.frameworks[HOME]) for name in page.sections)


@pytest.mark.parametrize("name", SECTIONS)
def test_a_framework_shown_as_a_section_has_its_title_as_a_heading_of_the_page(built_site, name):
    html = page_html(built_site, slug(name))
    heading = re.search(rf'<h2 id="{name}">(.*?)<a class="headerlink"', html).group(1)
    assert normalise(heading) == normalise(GUIDE.frameworks[name]["page"]["titre"])


@pytest.mark.parametrize("name", HOSTS)
def test_every_page_has_its_title_and_meta_description(built_site, name):
    html = page_html(built_site, slug(name))
    page = GUIDE.frameworks[name]["page"]
    description = re.search(r'<meta name="description" content="([^"]*)"', html).group(1)
    assert normalise(description) == normalise(page["description"])
    title = normalise(re.search(r"<title>(.*?)</title>", html).group(1))
    expected = page["titre"] if name == "accueil" else page["titre_court"]
    assert title == normalise(expected) + " - Structurer son marketing"


def test_headcount_ranges_of_the_phases_are_shown(built_site):
    text = article_text(built_site, "phases")
    for expected in ("0 à 10 employés", "10 à 50 employés", "50 employés et plus"):
        assert expected in text
    assert [headcount_range(phase) for phase in GUIDE.frameworks["phases"]["phases"]] == [
        "0 à 10 employés", "10 à 50 employés", "50 employés et plus"]


def test_figures_of_seed_000_are_shown(built_site):
    checks = {
        "signaux": ["20 % en moyenne selon MediaLake (2025)", "« instrumenté mais aveugle »"],
        "phases": ["3-6 mois", "(COMEX)"],
        "modeles": ["Phase 2 (20 employés et plus)", "Une ou deux personnes"],
        "sourcing": ["depuis 2018", "Freelances + fondateur", "CMO stratégique au COMEX"],
    }
    for page, figures in checks.items():
        text = article_text(built_site, page)
        for figure in figures:
            assert figure in text, (page, figure)


def test_decision_matrix_is_a_two_by_two_grid_linking_to_the_typologies(built_site):
    html = page_html(built_site, slug("matrice-decision"))
    table = re.search(r'<div class="guide-matrix">(.*?)</div>', html, re.S).group(1)
    rows = re.findall(r"<tr>(.*?)</tr>", table, re.S)
    assert len(rows) == 3  # header + two ambitions
    body = [re.findall(r"<td[^>]*>(.*?)</td>", row, re.S) for row in rows[1:]]
    assert [len(cells) for cells in body] == [3, 3]
    links = re.findall(r'href="\./#([a-z-]+)"', table)  # the typologies are on the same page
    assert links == ["precision", "systemie", "volume", "hybride-evolutif"]


def test_cross_links_between_related_frameworks(built_site):
    assert 'href="../phases/#amorcage"' in page_html(built_site, "modeles")
    assert 'href="../modeles/#full-stack"' in page_html(built_site, "phases")
    assert 'href="../typologies/#volume"' in page_html(built_site, "phases")
    assert 'href="#modele-hybride"' in page_html(built_site, "sourcing")
    assert 'href="../phases/"' in page_html(built_site, "signaux")


def test_faq_has_its_page_and_per_topic_sections(built_site):
    faq = GUIDE.frameworks["faq"]["questions"]
    faq_text = article_text(built_site, "faq")
    for question in faq:
        assert normalise(question["question"]) in faq_text
        for theme in question["themes"]:
            assert normalise(question["question"]) in article_text(built_site, slug(theme))
    assert 'id="signaux"' in page_html(built_site, "faq")  # a section per topic


def test_each_framework_page_credits_its_source(built_site):
    for name, data in GUIDE.frameworks.items():
        for source_id in data["page"].get("sources", []):
            source = next(s for s in GUIDE.frameworks["sources"]["sources"] if s["id"] == source_id)
            text = article_text(built_site, slug(name))
            assert normalise(source["titre"]) in text
            assert normalise(source.get("auteur", source.get("organisation"))) in text


def test_french_dates():
    assert french_date("2025-07-25") == "25 juillet 2025"
    assert french_date("2025-08-01") == "1er août 2025"


def test_rendering_is_plain_python_without_mkdocs():
    pages = {page.path: page for page in render_pages(GUIDE, browser_assets(REPO_ROOT, GUIDE.frameworks))}
    assert "index.md" in pages and "phases.md" in pages
    assert pages["phases.md"].yaml_file == "frameworks/phases.yml"
    assert pages["phases.md"].markdown.startswith("---\ntitle: Les phases de maturité\n")


def test_text_with_html_or_markdown_in_yaml_is_shown_as_text(project, tmp_path):
    injected = "<script>window.__pirate = 1</script> **gras** [clic](javascript:alert(1)) <img src=x onerror=alert(1)>"
    replace_in(project / "frameworks" / "phases.yml", 'objectif: Industrialiser la croissance.', f"objectif: '{injected}'")
    result = mkdocs_build(project, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    html = page_html(tmp_path / "site", "phases")
    assert "<script>window.__pirate" not in html and "<img src=x" not in html and "javascript:alert" not in html.split("href=")[0]
    assert not re.search(r'href="javascript:', html)
    assert "&lt;script&gt;window.__pirate = 1&lt;/script&gt; **gras** [clic](javascript:alert(1))" in html


def test_editing_a_yaml_file_changes_the_page_on_the_next_build(project, tmp_path):
    replace_in(project / "frameworks" / "phases.yml", "objectif: Industrialiser la croissance.",
               "objectif: Industrialiser la croissance, sans précipitation.")
    assert mkdocs_build(project, tmp_path / "site").returncode == 0
    assert "Industrialiser la croissance, sans précipitation." in article_text(tmp_path / "site", "phases")


def test_externalisation_pages_show_their_cards_and_numbered_steps(built_site):
    roi_cards = page_html(built_site, slug("externalisation"))
    for pillar in GUIDE.frameworks["externalisation"]["piliers"]:
        assert f'<div class="card" id="{pillar["id"]}">' in roi_cards
    assert 'href="../roi/"' in roi_cards
    tipping_point = page_html(built_site, "bascule-internalisation")
    for indicator in GUIDE.frameworks["bascule-internalisation"]["indicateurs"]:
        assert f'<div class="card" id="{indicator["id"]}">' in tipping_point
    steps = re.search(r'<div class="guide-steps">\s*<ol>(.*?)</ol>', tipping_point, re.S).group(1)
    ids = re.findall(r'<li>\s*<p class="guide-steps__name" id="([a-z-]+)">', steps)
    assert ids == [step["id"] for step in GUIDE.frameworks["bascule-internalisation"]["etapes"]]


CALCULATORS = {name for name, data in GUIDE.frameworks.items() if "calculateur" in data}


@pytest.mark.parametrize("name", sorted(name for name, data in GUIDE.frameworks.items()
                                        if any(link["cadre"] in CALCULATORS for link in data["page"].get("voir_aussi", []))))
def test_a_page_that_a_calculator_applies_leads_to_it_first(built_site, name):
    html = page_html(built_site, slug(name))
    section = html.split('id="avec-vos-chiffres"', 1)[1].split('id="pour-aller-plus-loin"', 1)[0]
    for link in GUIDE.frameworks[name]["page"]["voir_aussi"]:
        target = f'href="../{link["cadre"]}/"'
        assert (target in section) == (link["cadre"] in CALCULATORS), link["cadre"]
