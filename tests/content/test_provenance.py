"""Trust: every figure traced to its source's sentence, the sources paraphrased, our own assumptions
labelled, credits derived from what a page shows, French typography on every text a reader sees.

The sources' text is not in the repository: CI lays it beside the clone (guide.source_text.SEEDS_DIR).
These tests fail, rather than skip, when it is missing: a check that silently does nothing is no check.
"""

from __future__ import annotations

import re
from collections import Counter

import pytest
from selectolax.lexbor import LexborHTMLParser

from common.site_map import site_pages
from guide.source_text import (
    SEEDS_DIR,
    SourceIndex,
    article_text,
    copied_runs,
    found_verbatim,
    normalise,
    unverified_citations,
)
from guide.template_helpers import french_date
from tests.helpers import framework_data, page_slugs, plan
from tests.site_text import article_text as reader_text
from tests.site_text import normalise as reader_normalise
from tests.site_text import page_file, select, text_of

MONTHS = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre",
          "décembre"]
# The figures of seuils.yml, by id, to name their tests (each test reads the loaded guide).
SOURCED = [item["id"] for item in framework_data("seuils")["seuils"] if "source" in item]


@pytest.fixture(scope="module")
def sources(guide) -> dict[str, dict]:
    return {source["id"]: source for source in guide.frameworks["sources"]["sources"]}


@pytest.fixture(scope="module")
def thresholds(guide) -> dict[str, dict]:
    return {item["id"]: item for item in guide.frameworks["seuils"]["seuils"]}


def seed_text(sources: dict, source_id: str) -> str:
    path = SEEDS_DIR / sources[source_id]["fichier"]
    assert path.exists(), f"texte de la source introuvable : {path} (le dossier partagé doit être à côté du clone)"
    return path.read_text(encoding="utf-8")


# --- Provenance of the figures ---------------------------------------------------------------

def test_the_figures_are_both_sourced_and_assumed(thresholds):
    assert len([item for item in thresholds.values() if "source" in item]) >= 15
    assert len([item for item in thresholds.values() if "hypothese" in item]) >= 3
    assert SOURCED == [item["id"] for item in thresholds.values() if "source" in item]


def test_every_sourced_figure_quotes_its_source_word_for_word(guide):
    """The check's own comparison (python -m guide check), whose errors name the citation's line in French; the
    sources' folder must be there (no warning that nothing was compared)."""
    assert SEEDS_DIR.is_dir(), f"{SEEDS_DIR} manque : le dossier partagé doit être à côté du clone"
    errors, warnings = unverified_citations(guide.frameworks, guide.files, guide.parsed, SEEDS_DIR)
    assert [str(error) for error in errors + warnings] == []


@pytest.mark.parametrize("threshold_id", SOURCED)
def test_the_figure_itself_is_in_its_citation(thresholds, threshold_id):
    """The citation is the sentence that gives the figure, not any sentence of the article."""
    item = thresholds[threshold_id]
    value = item["valeur"]
    number = f"{value:g}" if value < 1000 else f"{value:,.0f}".replace(",", " ")
    quoted = normalise(item["citation"]).replace("\u202f", " ")
    if number not in quoted:  # a large amount may be quoted in thousands or millions: « 80 k€ », « 1 million »
        assert value >= 1000 and ("k€" in quoted or "million" in quoted), number


def test_a_citation_not_in_the_source_is_caught(sources):
    text = seed_text(sources, "blot-externaliser-marketing")
    assert found_verbatim("présence de 40 heures par semaine", text)
    assert not found_verbatim("présence de 35 heures par semaine", text)


def test_the_figures_page_shows_each_value_its_citation_and_its_article(built_site, thresholds, sources):
    quotes = [normalise(text_of(quote)) for quote in select(built_site, "seuils", "blockquote")]
    for item in thresholds.values():
        if "source" in item:
            assert any(normalise(item["citation"]) in quote and normalise(sources[item["source"]]["titre"]) in quote
                       for quote in quotes), item["id"]


def test_the_guide_s_own_assumptions_are_labelled_with_their_reason_and_date(built_site, thresholds):
    text = normalise(reader_text(built_site, "seuils"))
    assumed = [item for item in thresholds.values() if "hypothese" in item]
    for item in assumed:
        assert normalise(item["hypothese"]["raison"]) in text
    dates = Counter(item["hypothese"]["date"] for item in assumed)  # each assumption's own date, as YAML gives it
    for date, count in dates.items():
        year, month, day = (int(part) for part in date.split("-"))
        day_text = "1er" if day == 1 else str(day)
        assert text.count(f"hypothèse du guide, posée le {day_text} {MONTHS[month - 1]} {year}") == count, date


def test_a_page_quoting_an_assumption_names_it_in_its_credits(guide, rendered_pages, thresholds):
    pages = rendered_pages
    # The figures' page itself shows every assumption with its reason and date (tested above).
    quoting = [name for name, quoted in guide.quoted_thresholds.items()
               if name in pages and name != "seuils" and any("hypothese" in thresholds[item_id] for item_id in quoted)]
    assert "internalisation" in quoting and "roi" in quoting
    for name in quoting:
        assert "Hypothèse" in pages[name].markdown.split('class="guide-credits"')[1], name


# --- Paraphrase ---------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def source_index() -> SourceIndex:
    assert SEEDS_DIR.is_dir(), f"{SEEDS_DIR} manque : le dossier partagé doit être à côté du clone"
    return SourceIndex.from_dir(SEEDS_DIR)


def test_the_detector_finds_a_copied_sentence_and_spares_a_quotation(source_index):
    sentence = ("Pour une organisation dont le chiffre d'affaires se situe sous la barre du million de dollars, "
                "l'embauche d'un Directeur Marketing permanent est souvent une erreur stratégique")
    runs = copied_runs(f"Notre avis. {sentence}.", source_index)
    assert [run.source[:3] for run in runs] == ["002"] and runs[0].length >= 25
    assert copied_runs(f"Antoine Blot l'écrit : « {sentence} ».", source_index) == []
    assert copied_runs(sentence.replace("souvent", "toujours"), source_index) != []  # one word changed: still a copy


def test_no_page_repeats_a_source_word_for_word_outside_a_quotation(built_site, source_index):
    copied = []
    for slug in page_slugs():
        text = article_text(page_file(built_site, slug).read_text(encoding="utf-8"))
        copied += [f"{slug or 'accueil'} ({run.length} mots, source {run.source[:3]}) : {run.text}"
                   for run in copied_runs(text, source_index)]
    assert copied == []


# --- Credits -----------------------------------------------------------------------------------



@pytest.mark.parametrize("name", sorted(page.host for page in site_pages(plan())))
def test_a_page_credits_the_source_of_every_faq_answer_and_figure_it_shows(guide, rendered_pages, thresholds, name):
    page = rendered_pages[name]
    shown = {question["source"] for question in page.questions}
    shown |= {thresholds[item_id]["source"] for item_id in guide.quoted_thresholds.get(name, [])
              if "source" in thresholds[item_id]}
    assert shown <= set(page.source_ids)


def test_the_faq_page_credits_the_article_on_outsourcing(rendered_pages):
    assert "blot-externaliser-marketing" in rendered_pages["faq"].source_ids


def test_every_faq_answer_names_its_source(built_site, guide, sources):
    """Each question's heading (its id) is followed by its answer's source, whatever order the page files them in."""
    questions = {question["id"]: question for question in guide.frameworks["faq"]["questions"]}
    answered: dict[str, str] = {}
    heading = None
    for node in select(built_site, "faq", "h3[id], p.guide-answer-source"):
        if node.tag == "h3":
            heading = node.attributes["id"]
        else:
            assert heading in questions and heading not in answered, heading
            answered[heading] = text_of(node)
    assert answered.keys() == questions.keys()
    for ident, answer in answered.items():
        assert normalise(sources[questions[ident]["source"]]["titre"]) in normalise(answer), ident


def test_credit_lines_read_as_french_for_each_kind_of_source(built_site, guide):
    text = article_text(page_file(built_site, "sources").read_text(encoding="utf-8"))
    assert "guide en ligne non daté." in text
    # A podcast's date is its episode's: it follows « épisode », before the podcast is named.
    podcasts = [source for source in guide.frameworks["sources"]["sources"] if source.get("type") == "podcast"]
    assert podcasts
    for source in podcasts:
        date, podcast = reader_normalise(french_date(source["date_publication"])), reader_normalise(source["organisation"])
        assert re.search(rf"épisode [^.«»]*\b{re.escape(date)} de {re.escape(podcast)}", reader_normalise(text)), source["id"]
    assert " ." not in text and "guide ." not in text


# --- French typography on every text a reader sees --------------------------------------------

# Elements whose text is not prose: code, scripts, styles, form values.
RAW = ["script", "style", "code", "pre", "kbd", "textarea"]


def visible_text(html_text: str) -> str:
    """Every text node of a page (head, header, navigation, article, footer), code and scripts aside."""
    tree = LexborHTMLParser(html_text)
    tree.strip_tags(RAW)
    return tree.root.text(separator="")


TYPOGRAPHY_FAULT = re.compile(r"[ \u00a0][;:!?»]|«[ \u00a0]|'")


def typography_faults(html_text: str) -> list[str]:
    text = visible_text(html_text)
    return [text[max(0, match.start() - 30):match.end() + 10] for match in TYPOGRAPHY_FAULT.finditer(text)]


def test_the_typography_check_can_fail():
    assert len(typography_faults("<p>Objectif : l'essai « x »</p>")) == 4
    assert typography_faults("<p>Objectif\u202f: l’essai <code>a : b</code></p>") == []


def test_every_page_of_the_site_has_french_typography(built_site):
    faults = {}
    for path in sorted(built_site.rglob("*.html")):
        if "assets" in path.relative_to(built_site).parts:
            continue
        found = typography_faults(path.read_text(encoding="utf-8"))
        if found:
            faults[path.relative_to(built_site).as_posix()] = found[:3]
    assert faults == {}
