"""Every framework's content reaches its page, escaped, with cross-links and credits."""

from __future__ import annotations

import pytest

from common.figures import headcount_range
from common.site_map import site_pages
from guide.catalog import REPO_ROOT, framework_names
from guide.template_helpers import french_date
from tests.helpers import framework_data, page_slug, plan
from tests.site_text import (
    article_text,
    heading_text,
    in_section,
    normalise,
    page_html,
    page_tree,
    parse_file,
    select,
    select_one,
    text_of,
)
from tests.support import INJECTED_OBJECTIVE

# Fields that hold identifiers, references or metadata rather than text a reader sees in the article.
NOT_SHOWN = {"id", "cadre", "themes", "source", "sources", "phase", "option", "typologie", "ambition", "ressources",
             "fichier", "url", "type", "format", "calculateurs", "formes", "date_publication", "date_mise_a_jour", "date", "titre_court", "description",
             "etapes_processus", "cadres", "sections",
             # calculators: defaults, option sources and rule parameters (ids), shown through their labels
             "defaut", "options_depuis", "signals", "resources", "modele", "modele_plusieurs_bu", "sourcing", "seuil",
             "resume", "visible_si",
             # the diagnostic's rule table: ids, shown through the names of what they name
             "tranche", "structure", "cellule", "equipe", "a_partir_de", "au_dela_de", "sur", "divergence", "voir",
             "signaux_comptes", "ratio_internaliser", "garde_fou",
             # the glossary's synonyms and each page's readers' questions feed the site search only (guide/search.py)
             "synonymes_recherche", "recherche"}


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


@pytest.mark.parametrize("name", framework_names(REPO_ROOT / "frameworks"))
def test_every_text_of_a_framework_appears_on_its_page(built_site, guide, name):
    text = article_text(built_site, slug(name))
    missing = [item for item in shown_texts(guide.frameworks[name]) if normalise(item) not in text]
    assert missing == []


HOSTS = sorted(page.host for page in site_pages(plan()))
SECTIONS = sorted(name for page in site_pages(plan()) for name in page.sections)


@pytest.mark.parametrize("name", SECTIONS)
def test_a_framework_shown_as_a_section_has_its_title_as_a_heading_of_the_page(built_site, guide, name):
    heading = select_one(built_site, slug(name), f"h2#{name}")
    assert heading_text(heading) == normalise(guide.frameworks[name]["page"]["titre"])


@pytest.mark.parametrize("name", HOSTS)
def test_every_page_has_its_title_and_meta_description(built_site, guide, name):
    tree = page_tree(built_site, slug(name))
    page = guide.frameworks[name]["page"]
    [description] = tree.css('head meta[name="description"]')
    assert normalise(description.attributes["content"]) == normalise(page["description"])
    [title] = tree.css("head title")
    expected = page["titre"] if name == "accueil" else page["titre_court"]
    assert text_of(title) == normalise(expected) + " - Structurer son marketing"


def test_headcount_ranges_of_the_phases_are_shown(built_site, guide):
    text = article_text(built_site, "phases")
    for expected in ("0 à 10 employés", "10 à 50 employés", "50 employés et plus"):
        assert expected in text
    assert [headcount_range(phase) for phase in guide.frameworks["phases"]["phases"]] == [
        "0 à 10 employés", "10 à 50 employés", "50 employés et plus"]


def test_the_sources_figures_are_shown_on_their_pages(built_site):
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
    [table] = select(built_site, slug("matrice-decision"), "div.guide-matrix table")
    rows = table.css("tr")
    assert len(rows) == 3  # header + two ambitions
    assert [len(row.css("td")) for row in rows[1:]] == [3, 3]
    links = [link.attributes["href"] for link in table.css("a")]
    # The typologies are on the same page.
    assert links == ["./#precision", "./#systemie", "./#volume", "./#hybride-evolutif"]


def test_cross_links_between_related_frameworks(built_site):
    for page, target in [("modeles", "../phases/#amorcage"), ("phases", "../modeles/#full-stack"),
                         ("phases", "../typologies/#volume"), ("sourcing", "#modele-hybride"),
                         ("signaux", "../phases/")]:
        assert select(built_site, page, f'a[href="{target}"]'), (page, target)


def test_faq_has_its_page_and_per_topic_sections(built_site, guide):
    faq = guide.frameworks["faq"]["questions"]
    faq_text = article_text(built_site, "faq")
    for question in faq:
        assert normalise(question["question"]) in faq_text
        for theme in question["themes"]:
            assert normalise(question["question"]) in article_text(built_site, slug(theme))
    assert select(built_site, "faq", "h2#signaux")  # a section per topic


def test_each_framework_page_credits_its_source(built_site, guide):
    for name, data in guide.frameworks.items():
        for source_id in data["page"].get("sources", []):
            source = next(s for s in guide.frameworks["sources"]["sources"] if s["id"] == source_id)
            text = article_text(built_site, slug(name))
            assert normalise(source["titre"]) in text
            assert normalise(source.get("auteur", source.get("organisation"))) in text


def test_french_dates():
    assert french_date("2025-07-25") == "25 juillet 2025"
    assert french_date("2025-08-01") == "1er août 2025"


def test_rendering_is_plain_python_without_mkdocs(rendered_pages):
    pages = {page.path: page for page in rendered_pages.values()}
    assert "index.md" in pages and "phases.md" in pages
    assert pages["phases.md"].yaml_file == "frameworks/phases.yml"
    assert pages["phases.md"].markdown.startswith("---\ntitle: Les phases de maturité\n")


@pytest.mark.xdist_group("injected-site")
def test_text_with_html_or_markdown_in_yaml_is_shown_as_text(injected_site):
    """A phase's objective written as HTML and Markdown (tests.support.inject_markup): escaped, never markup."""
    site, _ = injected_site
    html = page_html(site, "phases")
    assert "<script>window.__pirate" not in html and "<img src=x" not in html
    assert not [link for link in page_tree(site, "phases").css("a[href]")
                if link.attributes["href"].lower().startswith("javascript")]
    assert "&lt;script&gt;window.__pirate = 1&lt;/script&gt; **gras** [clic](javascript:alert(1))" in html
    assert not select(site, "phases", "img[src=x], script:not([type='application/ld+json'])")


@pytest.mark.xdist_group("injected-site")
def test_an_edited_text_reaches_its_page_on_the_next_build(injected_site):
    """The same objective, changed in the YAML, is on the page of that build, as the reader reads it."""
    site, _ = injected_site
    assert normalise(INJECTED_OBJECTIVE) in article_text(site, "phases")
    replaced = framework_data("phases")["phases"][1]["objectif"]  # the objective the injection replaced, as it is today
    assert normalise(replaced) not in article_text(site, "phases")


def test_externalisation_pages_show_their_cards_and_numbered_steps(built_site, guide):
    cards = [card.attributes["id"] for card in select(built_site, slug("externalisation"), "div.card")]
    for pillar in guide.frameworks["externalisation"]["piliers"]:
        assert pillar["id"] in cards
    assert select(built_site, slug("externalisation"), 'a[href="../roi/"]')
    tipping_point = [card.attributes["id"] for card in select(built_site, "bascule-internalisation", "div.card")]
    for indicator in guide.frameworks["bascule-internalisation"]["indicateurs"]:
        assert indicator["id"] in tipping_point
    steps = select(built_site, "bascule-internalisation", "div.guide-steps > ol > li > p.guide-steps__name")
    assert [step.attributes["id"] for step in steps] == [
        step["id"] for step in guide.frameworks["bascule-internalisation"]["etapes"]]


def test_a_page_that_a_calculator_applies_leads_to_it_first(built_site, guide):
    """A link to a calculator is under « Avec vos chiffres », never under « Pour aller plus loin »."""
    calculators = {name for name, data in guide.frameworks.items() if "calculateur" in data}
    applied = sorted(name for name, data in guide.frameworks.items()
                     if any(link["cadre"] in calculators for link in data["page"].get("voir_aussi", [])))
    assert applied  # pages do lead to calculators
    for name in applied:
        with_figures = {link.attributes["href"] for link in in_section(built_site, slug(name), "avec-vos-chiffres", "a")}
        further = {link.attributes["href"] for link in in_section(built_site, slug(name), "pour-aller-plus-loin", "a")}
        for link in guide.frameworks[name]["page"]["voir_aussi"]:
            target = f"../{link['cadre']}/"
            assert (target in with_figures) == (link["cadre"] in calculators), (name, link["cadre"])
            if link["cadre"] in calculators:
                assert target not in further, (name, link["cadre"])



def test_material_s_script_waits_for_the_parsed_page_and_runs_before_the_guide_s_modules(built_site):
    """Material's script is deferred on every page (overrides/main.html), so it never runs inside the parser's
    task, before the page's first layout and paint; deferred scripts and modules run in document order, so it
    still comes before guide.mjs (and calculators.mjs), which subscribe to its document$."""
    pages = [path for path in sorted(built_site.rglob("*.html")) if parse_file(path).css_first("script#__config")]
    # Material's pages (the redirects left by the reorganisation are not): the guide's pages and 404.html.
    assert {"index.html", "faq/index.html", "roi/index.html", "404.html"} <= {
        str(path.relative_to(built_site)) for path in pages}
    for path in pages:
        scripts = parse_file(path).css("script[src]")
        sources = [script.attributes["src"] for script in scripts]
        assert [source.rsplit("/", 1)[-1].split(".")[0] for source in sources][:2] == ["bundle", "guide"], path
        assert "defer" in scripts[0].attributes, (path, sources)
        assert all(script.attributes.get("type") == "module" for script in scripts[1:]), (path, sources)
