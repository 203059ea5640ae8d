"""Every fact and figure of each source reaches the built site, on a page that credits that source.

``tests/rendering/source_facts/<source id>.txt`` lists, one per line, a fact of that source exactly as a reader
must find it (typography normalised: no-break spaces count as spaces, ’ as '). Lines starting with
``#`` are comments. Each fact must appear in the article text of at least one page whose credits
name the source (credits derived from what the page shows: guide.rendering.page_sources).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers import page_slug
from tests.site_text import article_text, normalise

FACTS_DIR = Path(__file__).resolve().parent / "source_facts"
# One list of facts per source (the first test checks that they are the sources of sources.yml).
FACT_LISTS = sorted(path.stem for path in FACTS_DIR.glob("*.txt"))


def facts_of(source_id: str) -> list[str]:
    path = FACTS_DIR / f"{source_id}.txt"
    lines = path.read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip() and not line.lstrip().startswith("#")]


def test_every_source_has_its_list_of_facts(guide):
    assert FACT_LISTS == sorted(source["id"] for source in guide.frameworks["sources"]["sources"])


@pytest.mark.parametrize("source_id", FACT_LISTS)
def test_every_fact_of_a_source_is_on_a_page_that_credits_it(built_site, rendered_pages, source_id):
    slugs = [page_slug(name) for name, page in rendered_pages.items() if source_id in page.source_ids]
    assert slugs, f"aucune page ne crédite {source_id}"
    text = " ".join(article_text(built_site, slug) for slug in slugs)
    facts = facts_of(source_id)
    assert len(facts) >= 10, f"listez les faits et chiffres de {source_id}"
    missing = [fact for fact in facts if normalise(fact) not in text]
    assert missing == []
