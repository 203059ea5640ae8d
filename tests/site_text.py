"""Read the built site as a reader sees it: text without tags, typography normalised."""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser
from pathlib import Path


def normalise(text: str) -> str:
    text = html.unescape(text)
    text = text.replace("\u202f", " ").replace("\u00a0", " ").replace("\u2019", "'")
    return re.sub(r"\s+", " ", text).strip()


class _TextOfArticle(HTMLParser):
    """Collects the text of the page's main content (Material's <article>)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.depth = 0
        self.parts: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag == "article" or self.depth:
            self.depth += 1
        if tag in ("p", "li", "td", "th", "h1", "h2", "h3", "br", "div") and self.depth:
            self.parts.append(" ")

    def handle_endtag(self, tag):
        if self.depth:
            self.depth -= 1

    def handle_data(self, data):
        if self.depth:
            self.parts.append(data)


def page_html(site: Path, page: str) -> str:
    path = site / ("index.html" if page in ("", "index") else f"{page}/index.html")
    return path.read_text(encoding="utf-8")


def article_text(site: Path, page: str) -> str:
    parser = _TextOfArticle()
    parser.feed(page_html(site, page))
    return normalise("".join(parser.parts))
