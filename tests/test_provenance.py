"""Trust: every figure traced to its source's sentence, the sources paraphrased, our own assumptions
labelled, credits derived from what a page shows, French typography on every text a reader sees.

The sources' text is not in the repository: CI lays it beside the clone (guide.source_text.SEEDS_DIR).
These tests fail, rather than skip, when it is missing: a check that silently does nothing is no check.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from guide.browser_assets import browser_assets
from guide.catalog import REPO_ROOT, load_guide
from guide.rendering import render_pages
from guide.source_text import (
    SEEDS_DIR,
    SourceIndex,
    article_text,
    copied_runs,
    found_verbatim,
    normalise,
)
from tests.helpers import page_slug

GUIDE = load_guide(REPO_ROOT)
SOURCES = {source["id"]: source for source in GUIDE.frameworks["sources"]["sources"]}
THRESHOLDS = GUIDE.frameworks["seuils"]["seuils"]
RENDERED = {page.name: page for page in render_pages(GUIDE, browser_assets(REPO_ROOT, GUIDE.frameworks))}
SOURCED = [item for item in THRESHOLDS if "source" in item]
ASSUMED = [item for item in THRESHOLDS if "hypothese" in item]


def seed_text(source_id: str) -> str:
    path = SEEDS_DIR / SOURCES[source_id]["fichier"]
    assert path.exists(), f"texte de la source introuvable : {path} (le dossier partagé doit être à côté du clone)"
    return path.read_text(encoding="utf-8")


slug = page_slug


def page_file(site: Path, name: str) -> Path:
    return site / (f"{slug(name)}/index.html" if slug(name) else "index.html")


# --- Provenance of the figures ---------------------------------------------------------------

def test_the_figures_are_both_sourced_and_assumed():
    assert len(SOURCED) >= 15 and len(ASSUMED) >= 3


@pytest.mark.parametrize("item", SOURCED, ids=[item["id"] for item in SOURCED])
def test_a_sourced_figure_quotes_its_source_word_for_word(item):
    assert found_verbatim(item["citation"], seed_text(item["source"]))


@pytest.mark.parametrize("item", SOURCED, ids=[item["id"] for item in SOURCED])
def test_the_figure_itself_is_in_its_citation(item):
    """The citation is the sentence that gives the figure, not any sentence of the article."""
    value = item["valeur"]
    number = f"{value:g}" if value < 1000 else f"{value:,.0f}".replace(",", " ")
    quoted = normalise(item["citation"]).replace("\u202f", " ")
    assert number in quoted or (value >= 1000 and ("k€" in quoted or "million" in quoted)), number


def test_a_citation_not_in_the_source_is_caught():
    text = seed_text("blot-externaliser-marketing")
    assert found_verbatim("présence de 40 heures par semaine", text)
    assert not found_verbatim("présence de 35 heures par semaine", text)


def test_the_figures_page_shows_each_value_its_citation_and_its_article(built_site):
    page = page_file(built_site, "seuils").read_text(encoding="utf-8")
    quotes = [normalise(text) for text in _Blockquotes.of(page)]
    for item in SOURCED:
        assert any(normalise(item["citation"]) in quote and normalise(SOURCES[item["source"]]["titre"]) in quote
                   for quote in quotes), item["id"]


def test_the_guide_s_own_assumptions_are_labelled_with_their_reason_and_date(built_site):
    text = normalise(article_text(page_file(built_site, "seuils").read_text(encoding="utf-8")))
    for item in ASSUMED:
        assert normalise(item["hypothese"]["raison"]) in text
    assert text.count("hypothèse du guide, posée le 29 novembre 2026") == len(ASSUMED)


def test_a_page_quoting_an_assumption_names_it_in_its_credits():
    pages = RENDERED
    # The figures' page itself shows every assumption with its reason and date (tested above).
    quoting = [name for name, quoted in GUIDE.quoted_thresholds.items()
               if name in pages and name != "seuils" and any("hypothese" in item for item in THRESHOLDS if item["id"] in quoted)]
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
    for name in GUIDE.frameworks:
        text = article_text(page_file(built_site, name).read_text(encoding="utf-8"))
        copied += [f"{slug(name) or 'accueil'} ({run.length} mots, source {run.source[:3]}) : {run.text}"
                   for run in copied_runs(text, source_index)]
    assert copied == []


# --- Credits -----------------------------------------------------------------------------------



@pytest.mark.parametrize("name", sorted(RENDERED))
def test_a_page_credits_the_source_of_every_faq_answer_and_figure_it_shows(name):
    page = RENDERED[name]
    shown = {question["source"] for question in page.questions}
    shown |= {item["source"] for item in THRESHOLDS
              if item["id"] in GUIDE.quoted_thresholds.get(name, []) and "source" in item}
    assert shown <= set(page.source_ids)


def test_the_faq_page_credits_the_article_on_outsourcing():
    assert "blot-externaliser-marketing" in RENDERED["faq"].source_ids


def test_every_faq_answer_names_its_source(built_site):
    page = page_file(built_site, "faq").read_text(encoding="utf-8")
    answers = re.findall(r'<p class="guide-answer-source">(.*?)</p>', page, re.S)
    questions = GUIDE.frameworks["faq"]["questions"]
    assert len(answers) == len(questions)
    for question, answer in zip(questions, answers, strict=True):
        assert normalise(SOURCES[question["source"]]["titre"]) in normalise(re.sub(r"<[^>]+>", "", answer))


def test_credit_lines_read_as_french_for_each_kind_of_source(built_site):
    text = article_text(page_file(built_site, "sources").read_text(encoding="utf-8"))
    assert "guide en ligne non daté." in text
    assert "épisode de Bannouze, le podcast du marketing digital publié le 16 octobre 2024, avec l’ancien CMO de Partoo pour invité." in text
    assert " ." not in text and "guide ." not in text


# --- French typography on every text a reader sees --------------------------------------------

class _Blockquotes(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.depth = 0
        self.quotes: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag == "blockquote":
            self.depth += 1
            self.quotes.append("")

    def handle_endtag(self, tag):
        if tag == "blockquote":
            self.depth -= 1

    def handle_data(self, data):
        if self.depth:
            self.quotes[-1] += data

    @classmethod
    def of(cls, html_text: str) -> list[str]:
        parser = cls()
        parser.feed(html_text)
        return parser.quotes


class _VisibleText(HTMLParser):
    """Every text node of a page (header, navigation, article, footer), code and scripts aside."""

    RAW = {"script", "style", "code", "pre", "kbd", "textarea"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.raw: list[str] = []
        self.texts: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag in self.RAW:
            self.raw.append(tag)

    def handle_endtag(self, tag):
        if self.raw and self.raw[-1] == tag:
            self.raw.pop()

    def handle_data(self, data):
        if not self.raw:
            self.texts.append(data)


TYPOGRAPHY_FAULT = re.compile(r"[ \u00a0][;:!?»]|«[ \u00a0]|'")


def typography_faults(html_text: str) -> list[str]:
    parser = _VisibleText()
    parser.feed(html_text)
    text = "".join(parser.texts)
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
