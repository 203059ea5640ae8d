"""« Ce que disent les sources »: where the sources disagree, each page sets them side by side (who says
what, in which context) and gives the guide's own reading, labelled as such; the sources named are credited."""

from __future__ import annotations

from common.site_map import HOME, page_of
from tests.helpers import page_slug
from tests.site_text import normalise, select, select_one, text_of

# The disagreements a close reading found (issue 13): each has its note on the page where a reader meets it.
EXPECTED_PAGES = {"processus-marketing", "phases", "externalisation", "cmo-fractionne", "modeles", "typologies"}


def divergences(guide) -> list[tuple[str, dict]]:
    return [(name, item) for name, data in guide.frameworks.items() for item in data["page"].get("divergences", [])]


def test_every_disagreement_found_has_its_note(guide):
    assert {name for name, _ in divergences(guide)} >= EXPECTED_PAGES


def test_a_note_names_each_source_says_what_it_says_and_gives_the_guide_s_reading(built_site, guide, rendered_pages):
    sources = {source["id"]: source for source in guide.frameworks["sources"]["sources"]}
    for name, item in divergences(guide):
        box = text_of(select_one(built_site, page_slug(name), f"div.guide-divergence#{item['id']}"))
        assert box.startswith("Ce que disent les sources"), (name, item["id"])
        credits = rendered_pages[page_of(guide.frameworks[HOME], name).host].source_ids
        for position in item["positions"]:
            assert normalise(sources[position["source"]]["titre"]) in box, (item["id"], position["source"])
            assert normalise(position["dit"]) in box, (item["id"], position["source"])
            assert position["source"] in credits, (item["id"], position["source"])  # set side by side: credited
        # The guide's advice, in its own paragraph, labelled as the guide's (not a source's).
        [advice] = select(built_site, page_slug(name), f"div.guide-divergence#{item['id']} p.guide-divergence__advice")
        label, _, said = text_of(advice).partition(" : ")
        assert "guide" in label and said == normalise(item["conseil"]), item["id"]
