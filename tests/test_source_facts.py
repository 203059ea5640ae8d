"""Every fact and figure of each source reaches the built site, on a page that credits that source.

``tests/source_facts/<source id>.txt`` lists, one per line, a fact of that source exactly as a reader
must find it (typography normalised: no-break spaces count as spaces, ’ as '). Lines starting with
``#`` are comments. Each fact must appear in the article text of at least one page whose credits
name the source (credits derived from what the page shows: guide.rendering.page_sources).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from guide.browser_assets import browser_assets
from guide.catalog import REPO_ROOT, load_guide
from guide.rendering import render_pages
from tests.helpers import page_slug
from tests.site_text import article_text, normalise

FACTS_DIR = Path(__file__).resolve().parent / "source_facts"
GUIDE = load_guide(REPO_ROOT)
SOURCE_IDS = [source["id"] for source in GUIDE.frameworks["sources"]["sources"]]
CREDITS = {page.name: page.source_ids for page in render_pages(GUIDE, browser_assets(REPO_ROOT, GUIDE.frameworks))}


def facts_of(source_id: str) -> list[str]:
    path = FACTS_DIR / f"{source_id}.txt"
    lines = path.read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip() and not line.lstrip().startswith("#")]


def pages_crediting(source_id: str) -> list[str]:
    return [page_slug(name) for name in CREDITS if source_id in CREDITS[name]]


def test_every_source_has_its_list_of_facts():
    assert sorted(path.stem for path in FACTS_DIR.glob("*.txt")) == sorted(SOURCE_IDS)


@pytest.mark.parametrize("source_id", SOURCE_IDS)
def test_every_fact_of_a_source_is_on_a_page_that_credits_it(built_site, source_id):
    slugs = pages_crediting(source_id)
    assert slugs, f"aucune page ne crédite {source_id}"
    text = " ".join(article_text(built_site, slug) for slug in slugs)
    facts = facts_of(source_id)
    assert len(facts) >= 10, f"listez les faits et chiffres de {source_id}"
    missing = [fact for fact in facts if normalise(fact) not in text]
    assert missing == []
