"""SEO: canonical URLs, Open Graph, sitemap and valid JSON-LD made of the page's own text."""

from __future__ import annotations

import json
import re

import pytest

from guide.catalog import REPO_ROOT, load_guide
from guide.structured_data import json_for_script
from tests.helpers import page_slugs
from tests.site_text import article_text, normalise, page_html
from tests.support import SITE_URL

GUIDE = load_guide(REPO_ROOT)
PAGES = page_slugs()


def jsonld(html: str) -> list[dict]:
    return [json.loads(block) for block in re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)]


@pytest.mark.parametrize("page", PAGES)
def test_every_page_has_canonical_url_open_graph_and_breadcrumbs(built_site, page):
    html = page_html(built_site, page)
    url = f"{SITE_URL}{page + '/' if page else ''}"
    assert f'<link rel="canonical" href="{url}">' in html
    for prop in ("og:title", "og:description", "og:type", "og:locale", "og:site_name"):
        assert f'<meta property="{prop}"' in html
    assert f'<meta property="og:url" content="{url}">' in html
    [breadcrumbs] = [data for data in jsonld(html) if data["@type"] == "BreadcrumbList"]
    items = breadcrumbs["itemListElement"]
    assert items[0] == {"@type": "ListItem", "position": 1, "name": "Accueil", "item": SITE_URL}
    assert items[-1]["item"] == url


def test_faq_page_json_ld_holds_every_question_with_the_page_text(built_site):
    html = page_html(built_site, "faq")
    [faq] = [data for data in jsonld(html) if data["@type"] == "FAQPage"]
    questions = GUIDE.frameworks["faq"]["questions"]
    assert len(faq["mainEntity"]) == len(questions)
    text = article_text(built_site, "faq")
    for entity, question in zip(faq["mainEntity"], questions, strict=True):
        assert normalise(entity["name"]) == normalise(question["question"])
        assert normalise(entity["name"]) in text
        assert normalise(entity["acceptedAnswer"]["text"]) in text


def test_framework_pages_are_articles_credited_to_their_sources(built_site):
    [article] = [data for data in jsonld(page_html(built_site, "phases")) if data["@type"] == "Article"]
    # Credits derived from what the page shows: its article, and the podcast its « Ce que disent les sources » cites.
    assert article["author"] == [{"@type": "Person", "name": "Antoine Blot"},
                                 {"@type": "Organization", "name": "Bannouze, le podcast du marketing digital"}]
    # Dated from its sources: the earliest publication (the podcast's) and the latest update (Blot's).
    assert article["datePublished"] == "2024-10-16" and article["dateModified"] == "2025-08-05"
    assert normalise(article["headline"]) in article_text(built_site, "phases")
    assert article["isBasedOn"] == ["https://www.antoine-blot.com/blogue/structurer-fonction-marketing-pme/"]


def test_sitemap_lists_every_page(built_site):
    sitemap = (built_site / "sitemap.xml").read_text(encoding="utf-8")
    for page in PAGES:
        assert f"<loc>{SITE_URL}{page + '/' if page else ''}</loc>" in sitemap


def test_json_for_script_cannot_close_the_script_element():
    text = json_for_script({"a": "</script><script>alert(1)</script> & <!--"})
    assert "<" not in text and ">" not in text
    assert json.loads(text) == {"a": "</script><script>alert(1)</script> & <!--"}


def test_no_page_loads_anything_from_another_site(built_site):
    for path in built_site.rglob("*.html"):
        html = path.read_text(encoding="utf-8")
        loaded = re.findall(r'<(?:script|img|iframe|source|link)[^>]+(?:src|href)="(https?:)?//[^"]+"', html)
        external = [tag for tag in re.findall(r'<(?:script|img|iframe|link)[^>]*>', html)
                    if re.search(r'(?:src|href)="(?:https?:)?//', tag) and 'rel="canonical"' not in tag]
        assert external == [], (path, loaded)
