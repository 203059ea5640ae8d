"""Read the built site as a reader sees it, through a real HTML5 parser with CSS selectors.

selectolax (lexbor engine) parses each page once (cached while the file is unchanged); page assertions
select elements (``select(site, page, "ol.guide-timeline li")``) instead of matching regexes over HTML.
``article_text`` is the text of Material's article only (``article.md-content__inner``): never the header,
the navigation or the footer, whatever void elements (<input>, <br>, <img>) the article holds.
"""

from __future__ import annotations

import functools
import html
import re
from pathlib import Path

from selectolax.lexbor import LexborHTMLParser, LexborNode

ARTICLE = "article.md-content__inner"
# Elements whose text a reader never sees as text.
_SKIPPED = {"script", "style", "template"}
# Elements that end a line of text: their text never runs into the next one's.
_BLOCKS = {"address", "article", "aside", "blockquote", "br", "caption", "dd", "details", "div", "dl", "dt",
           "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr",
           "label", "legend", "li", "main", "nav", "ol", "output", "p", "pre", "section", "summary", "table",
           "tbody", "td", "tfoot", "th", "thead", "tr", "ul"}


def normalise(text: str) -> str:
    """Typography made uniform: entities decoded, no-break spaces as spaces, ’ as ', spaces collapsed."""
    text = html.unescape(text)
    text = text.replace("\u202f", " ").replace("\u00a0", " ").replace("\u2019", "'")
    return re.sub(r"\s+", " ", text).strip()


def page_file(site: Path, page: str) -> Path:
    """The file of a page: ``""`` (or ``"index"``) is the home page, ``"roi"`` or ``"roi/"`` is roi/index.html."""
    page = page.strip("/")
    return site / ("index.html" if page in ("", "index") else f"{page}/index.html")


def page_html(site: Path, page: str) -> str:
    return page_file(site, page).read_text(encoding="utf-8")


@functools.lru_cache(maxsize=256)
def _parsed(path: str, modified: int, size: int) -> LexborHTMLParser:
    return LexborHTMLParser(Path(path).read_text(encoding="utf-8"))


def parse_file(path: Path) -> LexborHTMLParser:
    """The parsed document of an HTML file (parsed again only if the file changed). Read it, never change it."""
    stat = path.stat()
    return _parsed(str(path), stat.st_mtime_ns, stat.st_size)


def page_tree(site: Path, page: str) -> LexborHTMLParser:
    """The whole parsed page (head included: title, meta, JSON-LD)."""
    return parse_file(page_file(site, page))


def article(site: Path, page: str) -> LexborNode:
    """The page's article: its main content, without header, navigation or footer."""
    [node] = page_tree(site, page).css(ARTICLE)
    return node


def select(site: Path, page: str, selector: str) -> list[LexborNode]:
    """The elements of the page's article that match a CSS selector, in document order."""
    return article(site, page).css(selector)


def select_one(site: Path, page: str, selector: str) -> LexborNode:
    """The one element of the page's article that matches (fails if none or several)."""
    found = select(site, page, selector)
    assert len(found) == 1, f"{selector!r} : {len(found)} éléments sur la page {page!r}"
    return found[0]


def _text_parts(node: LexborNode, parts: list[str]) -> None:
    child = node.child
    while child is not None:
        if child.is_text_node:
            parts.append(child.text_content or "")
        elif child.is_element_node and child.tag not in _SKIPPED:
            block = child.tag in _BLOCKS
            if block:
                parts.append(" ")
            _text_parts(child, parts)
            if block:
                parts.append(" ")
        child = child.next


def text_of(node: LexborNode) -> str:
    """What a reader reads in an element: inline text joined as shown, blocks separated, normalised."""
    parts: list[str] = []
    _text_parts(node, parts)
    return normalise("".join(parts))


def texts(nodes: list[LexborNode]) -> list[str]:
    return [text_of(node) for node in nodes]


def article_text(site: Path, page: str) -> str:
    """The text of the page's article only (never the footer or the navigation), blocks joined by spaces."""
    return text_of(article(site, page))


def article_text_of_html(html_text: str) -> str:
    """``article_text`` of a page given as HTML."""
    [node] = LexborHTMLParser(html_text).css(ARTICLE)
    return text_of(node)


def in_section(site: Path, page: str, heading_id: str, selector: str) -> list[LexborNode]:
    """The elements of the article matching ``selector`` in the section under ``<h2 id=heading_id>``, up to
    the next ``<h2>`` (fails if the page has no such section)."""
    found, inside, seen = [], False, False
    for node in select(site, page, f"h2, {selector}"):
        if node.tag == "h2":
            inside = node.attributes.get("id") == heading_id
            seen = seen or inside
        elif inside:
            found.append(node)
    assert seen, f"pas de section h2#{heading_id} sur la page {page!r}"
    return found


def heading_text(node: LexborNode) -> str:
    """A heading's text without its « ¶ » permalink."""
    return text_of(node).removesuffix("¶").rstrip()
