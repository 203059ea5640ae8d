"""The tuning half of the independent question set, typed key by key as a reader types it (issue 25, point 1).

tests/search/questions-reglage.json: questions written by a tester who read the sources and the pages but neither
the search code nor the guide's own question list (tests/browser/test_search_questions.py), each with the page
that answers it. Each question is typed character by character into Material's search box of the built site; the
test asserts that a high share of them (TOP3_SHARE) find their page among the first three result pages, and names
the ones that do not. The held-out half (questions-reserve.json) is never read here: only scripts/benchmark
--recherche --reserve measures it, as totals. Figures of both halves, before and after: scripts/benchmark
--recherche.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.browser.test_search_questions import (
    FINAL,
    TWO_FRAMES,
    WATCH_SEARCH_WORKER,
    clear_search,
    open_search,
    result_pages,
    type_keys,
)
from tests.support import watched_page

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("search-box")]

QUESTIONS_FILE = Path(__file__).resolve().parent.parent / "search" / "questions-reglage.json"
# Measured on 5 December 2026: 88 % of the tuning half in the top 3 (main: 61 %), then 91 % (branch search2); the goal
# on the held-out half is 90 %. Below this share, a change made the search worse for readers' own words.
TOP3_SHARE = 0.85


def page_of(value: str) -> str:
    path = value.strip().strip("/")
    return f"{path}/" if path else ""


def test_the_tuning_questions_are_many_and_their_pages_exist(built_site):
    questions = json.loads(QUESTIONS_FILE.read_text(encoding="utf-8"))
    assert len(questions) >= 60
    for item in questions:
        assert (built_site / page_of(item["page"]) / "index.html").exists(), item["page"]


def test_most_tuning_questions_typed_key_by_key_find_their_page_among_the_first_three(browser, site_url):
    questions = json.loads(QUESTIONS_FILE.read_text(encoding="utf-8"))
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="fr-FR")
    context.add_init_script(WATCH_SEARCH_WORKER)
    page = watched_page(context, site_url)
    open_search(page, site_url)
    box = page.locator("input.md-search__input")
    missed = []
    for item in questions:
        question, expected = item["question"], page_of(item["page"])
        clear_search(page)
        box.focus()
        type_keys(page, question)
        assert box.input_value() == question
        page.wait_for_function(FINAL, arg=question, timeout=15_000)
        page.evaluate(TWO_FRAMES)
        links = page.eval_on_selector_all(".md-search-result__link", "links => links.map(l => l.href)")
        pages = result_pages(site_url, links)
        if expected not in pages[:3]:
            missed.append(f"« {question} » -> {expected} ; premiers : {pages[:3]}")
    share = 1 - len(missed) / len(questions)
    print(f"\n{share:.1%} des questions de réglage dans le top 3 ; manquées :\n" + "\n".join(missed))
    assert share >= TOP3_SHARE, "\n".join(missed)
    assert page.console_errors == []
    assert page.outside_requests == []
    context.close()
