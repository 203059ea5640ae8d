"""SEO: canonical URLs, Open Graph, sitemap and valid JSON-LD made of the page's own text."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from guide.structured_data import json_for_script
from tests.helpers import page_slugs
from tests.site_text import article_text, normalise, page_tree, parse_file


def jsonld(site: Path, page: str) -> list[dict]:
    return [json.loads(script.text(deep=True)) for script in page_tree(site, page).css('script[type="application/ld+json"]')]


def head_values(site: Path, page: str, selector: str, attribute: str) -> list[str]:
    return [node.attributes[attribute] for node in page_tree(site, page).css(f"head {selector}")]


@pytest.mark.parametrize("page", page_slugs())
def test_every_page_has_canonical_url_open_graph_and_breadcrumbs(built_site, site_url, page):
    url = f"{site_url}{page + '/' if page else ''}"
    assert head_values(built_site, page, 'link[rel="canonical"]', "href") == [url]
    properties = head_values(built_site, page, "meta[property]", "property")
    for prop in ("og:title", "og:description", "og:type", "og:locale", "og:site_name"):
        assert properties.count(prop) == 1, prop
    assert head_values(built_site, page, 'meta[property="og:url"]', "content") == [url]
    [breadcrumbs] = [data for data in jsonld(built_site, page) if data["@type"] == "BreadcrumbList"]
    items = breadcrumbs["itemListElement"]
    assert items[0] == {"@type": "ListItem", "position": 1, "name": "Accueil", "item": site_url}
    assert items[-1]["item"] == url


def test_faq_page_json_ld_holds_every_question_with_the_page_text(built_site, guide):
    [faq] = [data for data in jsonld(built_site, "faq") if data["@type"] == "FAQPage"]
    questions = guide.frameworks["faq"]["questions"]
    assert len(faq["mainEntity"]) == len(questions)
    text = article_text(built_site, "faq")
    for entity, question in zip(faq["mainEntity"], questions, strict=True):
        assert normalise(entity["name"]) == normalise(question["question"])
        assert normalise(entity["name"]) in text
        assert normalise(entity["acceptedAnswer"]["text"]) in text


def test_framework_pages_are_articles_credited_to_their_sources(built_site, guide, rendered_pages):
    [article] = [data for data in jsonld(built_site, "phases") if data["@type"] == "Article"]
    sources = {source["id"]: source for source in guide.frameworks["sources"]["sources"]}
    used = [sources[ident] for ident in rendered_pages["phases"].source_ids]
    # Credits derived from what the page shows: its own sources, those its « Ce que disent les sources » box names
    # and those of the FAQ questions it shows (whatever phases.yml and faq.yml say today).
    shown = set(guide.frameworks["phases"]["page"]["sources"])
    shown |= {position["source"] for divergence in guide.frameworks["phases"]["page"].get("divergences", [])
              for position in divergence["positions"]}
    shown |= {question["source"] for question in guide.frameworks["faq"]["questions"] if "phases" in question["themes"]}
    assert {source["id"] for source in used} == shown
    names = [author["name"] for author in article["author"]]
    assert len(names) == len(set(names))
    assert set(names) == {source.get("auteur") or source["organisation"] for source in used}
    people = {source["auteur"] for source in used if "auteur" in source}
    assert all(author["@type"] == ("Person" if author["name"] in people else "Organization") for author in article["author"])
    # Dated from its sources: the earliest publication and the latest update.
    assert article["datePublished"] == min(source["date_publication"] for source in used if "date_publication" in source)
    assert article["dateModified"] == max(source.get("date_mise_a_jour", source["date_publication"])
                                          for source in used if "date_publication" in source)
    assert normalise(article["headline"]) in article_text(built_site, "phases")
    assert article["isBasedOn"] == [source["url"] for source in used if "url" in source]


def test_sitemap_lists_every_page(built_site, site_url):
    sitemap = (built_site / "sitemap.xml").read_text(encoding="utf-8")
    locations = re.findall(r"<loc>([^<]*)</loc>", sitemap)  # an XML file, not a page
    for page in page_slugs():
        assert f"{site_url}{page + '/' if page else ''}" in locations


def test_json_for_script_cannot_close_the_script_element():
    text = json_for_script({"a": "</script><script>alert(1)</script> & <!--"})
    assert "<" not in text and ">" not in text
    assert json.loads(text) == {"a": "</script><script>alert(1)</script> & <!--"}


def test_no_page_loads_anything_from_another_site(built_site):
    pages = sorted(built_site.rglob("*.html"))
    assert len(pages) > 20
    for path in pages:
        tree = parse_file(path)
        external = [node.html for node in tree.css("script[src], img[src], iframe[src], source[src], link[href]")
                    if re.match(r"(?:https?:)?//", node.attributes.get("src") or node.attributes.get("href") or "")
                    and node.attributes.get("rel") != "canonical"]
        assert external == [], path
