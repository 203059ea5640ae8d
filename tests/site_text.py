"""Read the built site as a reader sees it: text without tags, typography normalised."""

from __future__ import annotations

import html
import re
from pathlib import Path

from guide.source_text import BREAK, QUOTE_MARK
from guide.source_text import article_text as source_article_text


def normalise(text: str) -> str:
    text = html.unescape(text)
    text = text.replace("\u202f", " ").replace("\u00a0", " ").replace("\u2019", "'")
    return re.sub(r"\s+", " ", text).strip()


def page_html(site: Path, page: str) -> str:
    path = site / ("index.html" if page in ("", "index") else f"{page}/index.html")
    return path.read_text(encoding="utf-8")


def article_text(site: Path, page: str) -> str:
    """The text of the page's <article> only (never the footer or the navigation), read by a real HTML
    parser that knows void elements (guide.source_text.article_text), blocks joined by spaces."""
    text = source_article_text(page_html(site, page)).replace(QUOTE_MARK, " ").replace(BREAK, " ")
    return normalise(text)
