"""« Ce que disent les sources »: where the sources disagree, each page sets them side by side (who says
what, in which context) and gives the guide's own reading, labelled as such; the sources named are credited."""

from __future__ import annotations

from html.parser import HTMLParser

import pytest

from common.site_map import HOME, page_of
from guide.browser_assets import browser_assets
from guide.catalog import REPO_ROOT, load_guide
from guide.rendering import render_pages
from tests.helpers import page_slug
from tests.site_text import normalise

GUIDE = load_guide(REPO_ROOT)
HOME_DATA = GUIDE.frameworks[HOME]
SOURCES = {source["id"]: source for source in GUIDE.frameworks["sources"]["sources"]}
DIVERGENCES = [(name, item) for name, data in GUIDE.frameworks.items()
               for item in data["page"].get("divergences", [])]
CREDITS = {page.name: page.source_ids for page in render_pages(GUIDE, browser_assets(REPO_ROOT, GUIDE.frameworks))}
# The disagreements a close reading found (issue 13): each has its note on the page where a reader meets it.
EXPECTED_PAGES = {"processus-marketing", "phases", "externalisation", "cmo-fractionne", "modeles", "typologies"}


class _Boxes(HTMLParser):
    """The text of each « Ce que disent les sources » box, by its id."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.depth = 0
        self.current = None
        self.boxes: dict[str, str] = {}

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "div" and "guide-divergence" in (attributes.get("class") or "").split():
            self.current, self.depth = attributes["id"], 1
            self.boxes[self.current] = ""
        elif tag == "div" and self.current:
            self.depth += 1

    def handle_endtag(self, tag):
        if tag == "div" and self.current:
            self.depth -= 1
            if not self.depth:
                self.current = None

    def handle_data(self, data):
        if self.current:
            self.boxes[self.current] += data


def test_every_disagreement_found_has_its_note():
    assert {name for name, _ in DIVERGENCES} >= EXPECTED_PAGES


@pytest.mark.parametrize(("name", "item"), DIVERGENCES, ids=[f"{name}:{item['id']}" for name, item in DIVERGENCES])
def test_a_note_names_each_source_says_what_it_says_and_gives_the_guide_s_reading(built_site, name, item):
    parser = _Boxes()
    parser.feed((built_site / page_slug(name) / "index.html").read_text(encoding="utf-8"))
    box = normalise(parser.boxes[item["id"]])
    assert box.startswith("Ce que disent les sources")
    for position in item["positions"]:
        assert normalise(SOURCES[position["source"]]["titre"]) in box
        assert normalise(position["dit"]) in box
        assert position["source"] in CREDITS[page_of(HOME_DATA, name).host]  # a source set side by side is credited
    assert f"Notre lecture (l'avis du guide) : {normalise(item['conseil'])}" in box
