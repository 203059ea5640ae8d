"""The site search answers a founder's questions, typed in French the way a reader types them.

Each question is typed character by character into Material's search box of the built site, in
Debian's Chromium; the page that answers must be among the first three result pages (results
grouped by page, in the order they are shown). One page serves all the questions: the box is
emptied, then the next question typed, so each question costs its typing, not a page load. The questions mix accents and no accents, the
guide's words and the readers' own (« salariés », « embaucher », « combien », « Fractional CMO »):
stemming, accent folding, stop words and synonyms all run in the search worker
(docs/assets/javascripts/french-search-stemming.js, synonyms from frameworks/glossaire.yml).
With Material's worker alone, about half of these questions miss their page.
"""

from __future__ import annotations

import json
import re
from urllib.parse import parse_qs, urlsplit

import pytest
from selectolax.lexbor import LexborHTMLParser

from scripts.benchmark_search import ASK, WATCH_SEARCH_WORKER
from tests.support import watched_page

# One worker of pytest-xdist takes the whole module: its questions share one page.
pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("search-box")]
READY = "Taper pour démarrer la recherche"  # Material's search box, index loaded and nothing typed
# The page's search worker watched (scripts.benchmark_search.WATCH_SEARCH_WORKER, the benchmark's own script):
# once the worker has answered the query of the whole question, its results are final.
FINAL = """question => window.guideSearch.query === question
    && window.guideSearch.asked === window.guideSearch.answered"""
TWO_FRAMES = "() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))"

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
    """The site's home page with its search box open and ready (the page must watch the search worker:
    ``page.add_init_script(WATCH_SEARCH_WORKER)`` first)."""
    page.goto(site_url)
    assert page.evaluate("() => typeof window.guideSearch") == "object", "WATCH_SEARCH_WORKER manque"
    page.locator("label.md-search__icon, .md-search__input").first.click()
    # The index is built in a worker: wait until the search says it is ready for typing.
    page.locator(".md-search-result__meta", has_text=READY).wait_for(timeout=20_000)


def clear_search(page) -> None:
    """Empty the search box, as a reader selecting the question and deleting it: no result left on screen."""
    box = page.locator("input.md-search__input")
    box.press("Control+A")
    box.press("Backspace")
    page.locator(".md-search-result__meta", has_text=READY).wait_for(timeout=10_000)
    page.wait_for_function("() => document.querySelectorAll('.md-search-result__link').length === 0")
    assert box.input_value() == ""


def type_keys(page, text: str) -> None:
    """Type ``text`` into the focused field key by key, each key pressed and released as on a French keyboard.

    Playwright types a character missing from its US layout (é, à, ô, «) as inserted text, without the
    keyup that Material's search listens to: a question ending in « é » would be searched without it.
    Those keys go through Chromium's own input events instead (trusted, with their keydown and keyup)."""
    session = None
    for character in text:
        if character.isascii():
            page.keyboard.press(character)
            continue
        session = session or page.context.new_cdp_session(page)
        session.send("Input.dispatchKeyEvent", {"type": "keyDown", "key": character, "text": character,
                                                "unmodifiedText": character})
        session.send("Input.dispatchKeyEvent", {"type": "keyUp", "key": character})
    if session:
        session.detach()


def type_question(page, question: str) -> list[str]:
    """Type like a reader, key by key (Material searches again at each key), then return the result links once
    the search worker has answered the query of the whole question and the page has drawn its answer."""
    clear_search(page)
    page.locator("input.md-search__input").focus()
    type_keys(page, question)
    assert page.locator("input.md-search__input").input_value() == question
    page.wait_for_function(FINAL, arg=question, timeout=15_000)
    page.evaluate(TWO_FRAMES)
    links = page.eval_on_selector_all(".md-search-result__link", "links => links.map(l => l.href)")
    assert links, f"aucun résultat pour « {question} »"
    return links


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


@pytest.fixture(scope="module")
def search_box(browser, site_url):
    """One page of the site with its search open, for all the questions of this module."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="fr-FR")
    context.add_init_script(WATCH_SEARCH_WORKER)
    tab = watched_page(context, site_url)
    open_search(tab, site_url)
    yield tab
    context.close()


@pytest.mark.parametrize(("question", "expected"), QUESTIONS, ids=[question for question, _ in QUESTIONS])
def test_a_readers_question_finds_its_page_among_the_first_three(search_box, site_url, question, expected):
    pages = result_pages(site_url, type_question(search_box, question))
    print(f"\n« {question} » -> {expected} : premières pages : {pages[:3]}")
    assert expected in pages[:3], (question, expected, pages[:6])
    assert search_box.console_errors == []
    assert search_box.outside_requests == []


# A word of the page in another form: found among the results (not necessarily first).
OTHER_FORMS = [
    ("recrutements", "sourcing/"),  # the page says « recruter », « recrutement »
    ("incohérentes", "signaux/"),  # the page says « incohérents »
    ("incoherents", "signaux/"),  # typed without the accent
    ("orchestrer", "phases/"),  # the page says « orchestration »
    ("QQOQCCP", "marketing-management/"),  # the five steps' section
    ("recycler", "recyclage-contenu/"),  # the page says « recyclage »
    ("internaliser", "bascule-internalisation/"),
    ("fractionné", "cmo-fractionne/"),
]


@pytest.mark.parametrize(("query", "expected_page"), OTHER_FORMS, ids=[query for query, _ in OTHER_FORMS])
def test_search_finds_a_french_word_in_another_form(search_box, site_url, query, expected_page):
    pages = result_pages(site_url, type_question(search_box, query))
    assert expected_page in pages, pages
    assert search_box.console_errors == []
    assert search_box.outside_requests == []


# A stemmed word (« signaux » is indexed as « signal »), an elided stop word (« d' ») and a plain one.
SIGNALS_QUESTION = "signaux d'alerte marketing"
FORMS = {"signaux": ("signal", "signaux"), "alerte": ("alert",), "marketing": ("marketing",)}


def test_a_stemmed_word_is_not_reported_missing_and_is_highlighted(page, site_url):
    page.add_init_script(WATCH_SEARCH_WORKER)
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


# A reader's punctuation, stuck to the words as typed: Material's query lexer splits at spaces and hyphens only.
PUNCTUATED_QUESTION = "50% du temps à analyser, qu'est-ce que ça vaut ?"


def test_punctuation_stuck_to_a_word_is_never_a_missing_word(search_box, site_url):
    """« 50% », « analyser, », « qu'est » and « ? » are searched as the index splits its text (« 50 », « analyser »;
    « qu », « est » are stop words): no result says it lacks « ? » or « 50% » (« Non trouvé », Material's
    md-search-result__terms), which also counted against every result in Material's ranking."""
    type_question(search_box, PUNCTUATED_QUESTION)
    missing = search_box.locator(".md-search-result__article .md-search-result__terms del").all_text_contents()
    assert all(re.fullmatch(r"\w+", word) for word in missing), missing
    articles = search_box.locator(".md-search-result__article")
    assert articles.count() > 0
    assert search_box.console_errors == []


def test_a_question_word_joined_by_a_hyphen_is_left_out(search_box, site_url):
    """« faut-il » is a question word and a pronoun: left out like « faut » alone. Searched, « faut » matched every
    title that asks « Faut-il … ? » and, once an editor removed the FAQ entry « embaucher-ou-agence », put
    /sourcing/ fifth for this question of issue 24. No result link carries it to highlight (?h=)."""
    links = type_question(search_box, "faut-il embaucher des salaries ou des freelances")
    highlighted = {word for link in links for word in parse_qs(urlsplit(link).query).get("h", [""])[0].split()}
    assert "embaucher" in highlighted
    assert not highlighted & {"faut", "il", "faut-il"}, highlighted


def test_function_words_are_left_out_of_the_question(search_box, site_url):
    """« chaque », « tout », « alors » say nothing of what a reader asks (the common French stop word list): left
    out, they neither match nor count in Material's share of the typed words a result holds."""
    links = type_question(search_box, "chaque pôle fait tout le marketing, alors qui pilote")
    highlighted = {word for link in links for word in parse_qs(urlsplit(link).query).get("h", [""])[0].split()}
    assert "marketing" in highlighted
    assert not highlighted & {"chaque", "tout", "alors"}, highlighted


def test_asking_for_a_definition_or_a_difference_searches_the_subject_only(search_box, site_url):
    """« définition », « différence » say what kind of answer a reader wants, not its subject: searched, they matched
    every title that asks « Quelle différence entre … ? » or reads « Définition », and such a section came first for
    two terms it never names. Left out like question words, the terms decide."""
    links = type_question(search_box, "différence entre romi et roas")
    highlighted = {word for link in links for word in parse_qs(urlsplit(link).query).get("h", [""])[0].split()}
    assert {"romi", "roas"} <= highlighted, highlighted
    assert not highlighted & {"différence", "difference"}, highlighted
    first = search_box.locator(".md-search-result__item").first.inner_text().lower()
    assert "romi" in first or "roas" in first, first
    links = type_question(search_box, "définition arr")
    assert "définition" not in {word for link in links for word in parse_qs(urlsplit(link).query).get("h", [""])[0].split()}


def test_a_stop_word_ending_the_question_is_left_out_too(search_box, site_url):
    """« quelqu'un » ends the question with « un »: searched as the start of a word being typed, it found « unité »,
    « unique », « business unit » (the glossary came first). A stop word that ends a question is left out as the
    others are; alone in the box, it is still searched."""
    links = type_question(search_box, "je veux déléguer le marketing à quelqu'un")
    highlighted = {word for link in links for word in parse_qs(urlsplit(link).query).get("h", [""])[0].split()}
    assert "marketing" in highlighted
    assert not highlighted & {"un", "quelqu", "quelqu'un"}, highlighted
    assert result_pages(site_url, type_question(search_box, "un"))


def test_a_number_typed_without_its_thousands_spaces_finds_what_it_finds_with_them(search_box, site_url):
    """The guide writes « 100 000 » (French typography: a space between thousands, which the index splits); a
    reader types « 100000 »: both find the same pages, in the same order."""
    with_spaces = result_pages(site_url, type_question(search_box, "budget de 100 000 par an"))
    without = result_pages(site_url, type_question(search_box, "budget de 100000 par an"))
    assert without[:5] == with_spaces[:5]


def test_a_whole_word_typed_last_finds_itself_before_the_longer_words_it_starts(search_box, site_url):
    """« interne », typed last, is a word of the index: its own stem counts fully and the longer words it starts
    (« international ») half, as for the words before it. It used to count as the start of any of them: the page on
    going abroad, which says « international » throughout, came second for an in-house team."""
    pages = result_pages(site_url, type_question(search_box, "équipe marketing interne"))
    assert "expansion-internationale/" not in pages[:3], pages[:6]


def test_a_pasted_query_is_searched(search_box, site_url):
    """A query pasted with the mouse (or completed by a phone's keyboard) comes as an input event without any
    key: Material listens to keyup only, and guide.mjs passes the change on (without it, no result at all)."""
    clear_search(search_box)
    box = search_box.locator("input.md-search__input")
    box.evaluate("""(field, text) => {
        field.value = text
        field.dispatchEvent(new InputEvent("input", { bubbles: true, inputType: "insertFromPaste", data: text }))
    }""", "matrice de décision")
    search_box.wait_for_function(FINAL, arg="matrice de décision", timeout=15_000)
    search_box.evaluate(TWO_FRAMES)
    links = search_box.eval_on_selector_all(".md-search-result__link", "links => links.map(l => l.href)")
    assert "typologies/" in result_pages(site_url, links)[:3]


def paste_question(page, question: str) -> list[str]:
    """The question pasted in the box (one search, as scripts/benchmark --recherche asks): the result links."""
    clear_search(page)
    page.locator("input.md-search__input").evaluate(ASK, question)
    page.wait_for_function(FINAL, arg=question, timeout=15_000)
    page.evaluate(TWO_FRAMES)
    return page.eval_on_selector_all(".md-search-result__link", "links => links.map(l => l.href)")


def test_a_heading_several_pages_share_typed_with_its_pages_title_opens_that_section(search_box, built_site,
                                                                                      site_url):
    """« La formule », « Un exemple chiffré »: a heading several pages share says nothing of its subject. The search
    indexes such a title with its page's title after it (guide/search.py, french-search-stemming.js): the heading
    and the page's subject lead to that section (5 December 2026: 6 of the 14 such sections; none before, each
    question opened the page's top), while the results show the section's title as the page does. The FAQ, which
    repeats the pages' questions, does not make a heading shared (guide/search.py)."""
    docs = json.loads((built_site / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]

    def text(value: str) -> str:
        return " ".join(LexborHTMLParser(value).text().split())

    titles = {doc["location"]: text(doc["title"]) for doc in docs if "#" not in doc["location"]}
    pages_of: dict[str, set[str]] = {}
    for doc in docs:
        page, _, anchor = doc["location"].partition("#")
        if anchor and doc["text"].strip() and doc.get("boost", 1) >= 1:
            pages_of.setdefault(doc["title"], set()).add(page)
    shared = [doc for doc in docs if doc["location"].partition("#")[2] and doc["text"].strip()
              and len(pages_of.get(doc["title"], ())) > 1]
    assert len(shared) >= 10
    landed = 0
    for doc in shared:
        page, _, anchor = doc["location"].partition("#")
        links = paste_question(search_box, f"{text(doc['title'])} {titles[page]}")
        first = urlsplit(links[0])
        landed += first.path == urlsplit(site_url + page).path and first.fragment == anchor
        # The section's title shown as the page shows it: the page's title is indexed, never added to it.
        shown = search_box.locator(f".md-search-result__link[href$='#{anchor}'] h2")
        for title in shown.all_text_contents():  # the page's other results are folded: their text, not shown
            assert " ".join(title.split()) in {text(other["title"]) for other in docs}, title
    assert landed >= len(shared) / 3, (landed, len(shared))
    assert search_box.console_errors == []


def test_the_title_of_a_card_or_step_opens_the_page_at_that_block(search_box, built_site, site_url):
    """A block with an id (a card, a divergence, a step: guide/search.py, ITEM_CLASSES) is a result of its own inside
    the section around it: when it holds every word that section matched, the result opens the page at the block,
    not at the top of its section, screens above on a phone. 5 December 2026: of the 87 blocks, 51 have their page
    first when their title is typed, and 40 of those open at the block; none did before, when a block was no result
    of its own. A title shared by another section (« Mois 3 à 5 », « Le contrôle ») may open that one instead."""
    docs = json.loads((built_site / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]

    def text(value: str) -> str:
        return " ".join(LexborHTMLParser(value).text().split())

    blocks = [doc for doc in docs if "item" in doc]
    assert len(blocks) >= 20
    first_page, landed = [], []
    for doc in blocks:
        page, _, anchor = doc["location"].partition("#")
        links = paste_question(search_box, text(doc["title"]))
        first = urlsplit(links[0])
        if first.path == urlsplit(site_url + page).path:
            first_page.append(doc["location"])
            if first.fragment == anchor:
                landed.append(doc["location"])
    assert len(first_page) >= len(blocks) / 3, (len(first_page), len(blocks))
    assert len(landed) >= len(first_page) / 2, (len(landed), len(first_page), len(blocks))
    assert search_box.console_errors == []



RESULT_ITEM = """([page, section, folded]) => {
  const list = document.querySelector(".md-search-result__list")
  const link = (href, score, tag) => `<a href="${href}" class="md-search-result__link" tabindex="-1">
    <article class="md-search-result__article" data-md-score="${score}"><${tag}>Titre</${tag}></article></a>`
  const sections = link("./roi/#formule", section, "h2")
  const item = document.createElement("li")
  item.className = "md-search-result__item"
  item.innerHTML = link("./roi/", page, "h1") + (folded ? `<details class="md-search-result__more"><summary>1</summary>${sections}</details>` : sections)
  list.append(item)
  return new Promise(done => requestAnimationFrame(() => done(new URL(item.firstElementChild.href).hash)))
}"""


@pytest.mark.parametrize("folded", [False, True], ids=["listed", "folded"])
def test_a_result_opens_at_its_best_section_when_its_match_is_as_good_as_the_pages_top(search_box, folded):
    """Material weighs a page's top above its sections (1 + (1 + s)² against 1 + s², s the share of the typed words
    a result holds; sections weighed twice by the search patch) and folds the sections that scored below the best
    under « more ». A section that scored at least 0,75 of the top (guide.mjs, SECTION_VERSUS_PAGE) matched as well
    once that weight is set aside: the result opens there, listed or folded; lower, at the page's top."""
    paste_question(search_box, "roi")
    assert search_box.evaluate(RESULT_ITEM, [10, 8, folded]) == "#formule"
    assert search_box.evaluate(RESULT_ITEM, [10, 7, folded]) == ""
    assert search_box.console_errors == []



def test_a_readers_own_question_finds_the_page_it_was_written_for(search_box, site_url, guide):
    """page.recherche: the questions readers type in their own words, written for a page or a section. The first
    question of each finds its page among the first three results, most of the time (5 December 2026: 146 of the
    203 addresses; a question shares most of its words with others, and those pages may answer it too)."""
    from guide.search import search_words

    words = search_words(guide.frameworks)
    assert len(words) >= 20
    found = 0
    for location, questions in words.items():
        found += location.partition("#")[0] in result_pages(site_url, paste_question(search_box, questions[0]))[:3]
    assert found >= len(words) * 0.6, (found, len(words))
    assert search_box.console_errors == []


def test_a_result_whose_readers_question_is_the_one_typed_comes_first(page, site_url):
    """The search worker weighs a result by the readers' question most like the one typed (french-search-stemming.js,
    self.guideSearchWords): given the question a reader typed, the second result comes first.
    The worker's questions are replaced for this page only (its guide-search-synonyms.js)."""
    page.add_init_script(WATCH_SEARCH_WORKER)
    open_search(page, site_url)
    question = "équipe marketing organisation"
    links = paste_question(page, question)
    pages = result_pages(site_url, links)
    assert len(pages) >= 2
    second = next(link for link in links if urlsplit(link).path.endswith("/" + pages[1]) or pages[1] == "")
    target = urlsplit(second).path.removeprefix(urlsplit(site_url).path) + (
        f"#{urlsplit(second).fragment}" if urlsplit(second).fragment else "")

    def with_question(route):
        original = route.fetch().text()
        route.fulfill(body=original + f"self.guideSearchWords = {json.dumps({target: [question]})};\n",
                      content_type="text/javascript")

    page.route("**/guide-search-synonyms.js", with_question)
    page.add_init_script(WATCH_SEARCH_WORKER)
    open_search(page, site_url)
    links = paste_question(page, question)
    assert result_pages(site_url, links)[0] == pages[1], (target, links[:4])
    assert page.console_errors == []


RESULT_SCORES = """() => Object.fromEntries([...document.querySelectorAll(".md-search-result__link")].map(link => [
  new URL(link.href).pathname + new URL(link.href).hash, Number(link.querySelector("[data-md-score]").dataset.mdScore)]))"""


def test_a_blocks_readers_question_raises_the_section_around_it(page, site_url, built_site):
    """A block (a card, a divergence, a step: its « item » in the index) sits inside a section, whose text holds
    the block's: a readers' question written for the block counts for that section too (french-search-stemming.js).
    The worker's questions are replaced for this page only: none, then the question typed for one block alone, whose
    section the search found; that section scores higher. Before, a block's question only raised the block, which
    is scored no higher than its section: « des stagiaires pour l'international » left its page 4th."""
    docs = json.loads((built_site / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]
    blocks = {doc["item"]: doc["location"] for doc in docs if "item" in doc and "#" in doc["item"]}
    question = "équipe marketing organisation"
    base = urlsplit(site_url).path

    def scores_with(words: dict) -> dict[str, float]:
        def replaced(route):
            original = route.fetch().text()
            route.fulfill(body=original + f"self.guideSearchWords = {json.dumps(words)};\n",
                          content_type="text/javascript")

        page.unroute("**/guide-search-synonyms.js")
        page.route("**/guide-search-synonyms.js", replaced)
        open_search(page, site_url)
        paste_question(page, question)
        return {location.removeprefix(base): score for location, score in page.evaluate(RESULT_SCORES).items()}

    page.add_init_script(WATCH_SEARCH_WORKER)
    before = scores_with({})
    section = next(location for location in before if location in blocks)
    after = scores_with({blocks[section]: [question]})
    assert after[section] > before[section], (section, blocks[section], before[section], after[section])
    assert page.console_errors == []
