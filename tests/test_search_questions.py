"""The site search answers a founder's questions, typed in French the way a reader types them.

Each question is typed character by character into Material's search box of the built site, in
Debian's Chromium; the page that answers must be among the first three result pages (results
grouped by page, in the order they are shown). The questions mix accents and no accents, the
guide's words and the readers' own (« salariés », « embaucher », « combien », « Fractional CMO »):
stemming, accent folding, stop words and synonyms all run in the search worker
(docs/assets/javascripts/french-search-stemming.js, synonyms from frameworks/glossaire.yml).
With Material's worker alone, about half of these questions miss their page.
"""

from __future__ import annotations

import re
import time
from urllib.parse import parse_qs, urlsplit

import pytest

pytestmark = pytest.mark.browser

# (question as a reader types it, the page that answers it)
QUESTIONS = [
    ("quand recruter un directeur marketing", "bascule-internalisation/"),
    ("PME 50 salariés", "phases/"),
    # /cmo-fractionne/ describes the model but gives no cost; the calculator page puts a figure on it
    # (daily rate × days × weeks, with a worked example) and compares it with a salaried direction.
    ("combien coûte un CMO à temps partiel", "internalisation/"),
    ("signaux d'alerte marketing", "signaux/"),
    ("embaucher ou prendre une agence", "sourcing/"),
    ("calculer le ROI marketing", "roi/"),
    ("quels KPI suivre", "kpis/"),
    ("outils martech", "martech/"),
    ("organisation centralisée ou décentralisée", "modeles/"),
    ("missions du CMO", "role-cmo/"),
    ("pôles d'une équipe marketing", "poles/"),
    ("hypercroissance marketing", "hypercroissance/"),
    ("s'implanter à l'étranger", "expansion-internationale/"),
    ("recycler du contenu", "recyclage-contenu/"),
    ("étapes du marketing management", "marketing-management/"),
    ("diagnostic maturité marketing", "diagnostic/"),
    ("fractional CMO", "cmo-fractionne/"),
    ("garder en interne ou externaliser", "sourcing/"),
    # Typed without accents
    ("difference entre un CMO et un responsable marketing", "role-cmo/"),
    ("directeur marketing a temps partage", "cmo-fractionne/"),
    ("organisation centralisee ou decentralisee", "modeles/"),
    ("phases de maturite", "phases/"),
    ("strategie marketing a l'international", "expansion-internationale/"),
    ("matrice de decision marketing", "typologies/"),
    ("faut-il embaucher des salaries ou des freelances", "sourcing/"),
    ("combien d'employes pour passer en phase de structuration", "phases/"),
    ("combien de jours par semaine pour un CMO fractionne", "cmo-fractionne/"),
    ("role du CMO dans une PME", "role-cmo/"),
    # The readers' words for the guide's
    ("CMO freelance", "cmo-fractionne/"),
    ("tableau de bord marketing", "kpis/"),
    ("stack marketing", "martech/"),
    ("trop d'outils marketing", "martech/"),
    ("sous-traiter son marketing", "sourcing/"),
    ("quel modèle d'organisation choisir", "modeles/"),
    ("premiers recrutements marketing", "sourcing/"),
    # The guide's own terms
    ("quand structurer son marketing", "signaux/"),
    ("modèle hub and spoke", "modeles/"),
    ("volume précision systémie", "typologies/"),
    ("dette marketing", "hypercroissance/"),
    ("lead nurturing", "recyclage-contenu/"),
    ("OKR startup", "hypercroissance/"),
    ("restructurer la direction marketing d'une ETI", "etude-de-cas/"),
]


def open_search(page, site_url: str) -> None:
    page.goto(site_url)
    page.locator("label.md-search__icon, .md-search__input").first.click()
    # The index is built in a worker: wait until the search says it is ready for typing.
    page.locator(".md-search-result__meta", has_text="Taper pour démarrer la recherche").wait_for(timeout=20_000)


def type_question(page, question: str) -> list[str]:
    """Type like a reader, then return the result links once the results of the whole question are shown.

    Material searches again at each key: the list is read once it has stopped changing for half a second.
    """
    page.locator("input.md-search__input").press_sequentially(question, delay=20)
    links, stable_since, deadline = None, time.monotonic(), time.monotonic() + 15
    while time.monotonic() < deadline:
        current = page.eval_on_selector_all(".md-search-result__link", "links => links.map(l => l.href)")
        if current != links:
            links, stable_since = current, time.monotonic()
        elif links and time.monotonic() - stable_since >= 0.5:
            return links
        page.wait_for_timeout(100)
    raise AssertionError(f"aucun résultat stable pour « {question} » : {links}")


def result_pages(site_url: str, links: list[str]) -> list[str]:
    """The pages of the results, in order of appearance, each once."""
    pages = []
    for link in links:
        path = urlsplit(link).path.removeprefix(urlsplit(site_url).path)
        if path not in pages:
            pages.append(path)
    return pages


def test_the_questions_are_many_and_their_pages_exist(built_site):
    assert len(QUESTIONS) >= 20
    assert len({question for question, _ in QUESTIONS}) == len(QUESTIONS)
    for _, expected in QUESTIONS:
        assert (built_site / expected / "index.html").exists(), expected


@pytest.mark.parametrize(("question", "expected"), QUESTIONS, ids=[question for question, _ in QUESTIONS])
def test_a_readers_question_finds_its_page_among_the_first_three(page, site_url, question, expected):
    open_search(page, site_url)
    pages = result_pages(site_url, type_question(page, question))
    rank = pages.index(expected) + 1 if expected in pages else None
    print(f"\n« {question} » -> {expected} : rang {rank} ; premières pages : {pages[:3]}")
    assert rank is not None and rank <= 3, (question, expected, pages[:6])
    assert page.console_errors == []
    assert page.outside_requests == []


# A stemmed word (« signaux » is indexed as « signal »), an elided stop word (« d' ») and a plain one.
SIGNALS_QUESTION = "signaux d'alerte marketing"
FORMS = {"signaux": ("signal", "signaux"), "alerte": ("alert",), "marketing": ("marketing",)}


def test_a_stemmed_word_is_not_reported_missing_and_is_highlighted(page, site_url):
    open_search(page, site_url)
    links = type_question(page, SIGNALS_QUESTION)
    assert result_pages(site_url, links)[0] == "signaux/"

    # « Non trouvé » (Material's md-search-result__terms) never names a word that the result contains.
    articles = page.locator(".md-search-result__article")
    checked = 0
    for index in range(articles.count()):
        article = articles.nth(index)
        missing = [word.lower() for word in article.locator(".md-search-result__terms del").all_inner_texts()]
        text = article.evaluate("""element => {
            const copy = element.cloneNode(true)
            copy.querySelectorAll(".md-search-result__terms").forEach(line => line.remove())
            return copy.textContent.toLowerCase()
        }""")
        for word, forms in FORMS.items():
            if any(form in text for form in forms):
                checked += 1
                assert word not in missing, (word, article.inner_text())
    assert checked >= 3

    # The link to the answer carries the typed words to highlight, stems found and stop words left out.
    first = links[0]
    assert urlsplit(first).path.endswith("/signaux/")
    highlight = parse_qs(urlsplit(first).query).get("h", [""])[0].split()
    assert {"signaux", "alerte", "marketing"} <= set(highlight), first
    assert "d" not in highlight, first

    # Opened, the page highlights the word as typed.
    page.goto(first)
    marks = page.locator("article mark[data-md-highlight]")
    marks.first.wait_for(timeout=10_000)
    assert any(re.match(r"signaux\b", mark.lower()) for mark in marks.all_inner_texts())
    assert page.console_errors == []
    assert page.outside_requests == []
