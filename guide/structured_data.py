"""SEO metadata for a page: JSON-LD (BreadcrumbList, Article, FAQPage) and Open Graph.

Plain functions over plain data; the MkDocs hook gives them the page's URL and
breadcrumb trail.
"""

from __future__ import annotations

import json

from markupsafe import Markup

from common.typography import french_typography
from guide.model import FAQ_FRAMEWORK, HOME, SOURCES_FRAMEWORK, Guide, by_id
from guide.rendering import RenderedPage


def breadcrumb_list(trail: list[tuple[str, str]]) -> dict:
    """``trail`` is [(name, absolute URL), ...] from the home page to the current page."""
    return {
        "@context": "https://schema.org",
        "@type": "BreadcrumbList",
        "itemListElement": [
            {"@type": "ListItem", "position": index, "name": name, "item": url}
            for index, (name, url) in enumerate(trail, start=1)
        ],
    }


def _person_or_organisation(source: dict) -> dict:
    if "auteur" in source and not source["auteur"].startswith("l'"):
        return {"@type": "Person", "name": source["auteur"]}
    return {"@type": "Organization", "name": source.get("organisation") or source["auteur"]}


def article(page: RenderedPage, url: str, sources: dict[str, dict], site_name: str) -> dict:
    """An Article crediting the authors of the page's sources, dated from them."""
    used = [sources[source_id] for source_id in page.source_ids if source_id in sources]
    published = sorted(source["date_publication"] for source in used if "date_publication" in source)
    modified = sorted(
        source.get("date_mise_a_jour", source["date_publication"]) for source in used if "date_publication" in source
    )
    authors = []
    for source in used:
        author = _person_or_organisation(source)
        if author not in authors:
            authors.append(author)
    data = {
        "@context": "https://schema.org",
        "@type": "Article",
        "headline": french_typography(page.heading),
        "description": page.description,
        "inLanguage": "fr",
        "mainEntityOfPage": url,
        "url": url,
        "author": authors,
        "publisher": {"@type": "Organization", "name": site_name},
        "isBasedOn": [source["url"] for source in used if "url" in source] or None,
    }
    if published:
        data["datePublished"] = published[0]
        data["dateModified"] = modified[-1]
    return {key: value for key, value in data.items() if value is not None}


def faq_page(page: RenderedPage, url: str) -> dict:
    return {
        "@context": "https://schema.org",
        "@type": "FAQPage",
        "url": url,
        "inLanguage": "fr",
        "mainEntity": [
            {
                "@type": "Question",
                "name": french_typography(question["question"]),
                "acceptedAnswer": {"@type": "Answer", "text": french_typography(question["reponse"])},
            }
            for question in page.questions
        ],
    }


def structured_data_for(
    page: RenderedPage | None,
    url: str,
    trail: list[tuple[str, str]],
    guide: Guide | None,
    site_name: str,
) -> list[dict]:
    """All JSON-LD objects for a page: breadcrumbs everywhere, Article or FAQPage where they apply
    (``guide``: None while the content has errors)."""
    objects = [breadcrumb_list(trail)]
    if page is None or guide is None:
        return objects
    sources = by_id(guide.items(SOURCES_FRAMEWORK))
    if page.name == FAQ_FRAMEWORK:
        objects.append(faq_page(page, url))
    elif page.source_ids and page.name != HOME:  # a framework page: an article crediting its sources
        objects.append(article(page, url, sources, site_name))
    return objects


def json_for_script(data: dict) -> Markup:
    """JSON safe to place inside <script type="application/ld+json"> (no "</script>" possible), marked as
    such for the theme's escaping templates."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return Markup(text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026"))
