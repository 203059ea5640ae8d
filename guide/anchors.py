"""The HTML ids each page of the site will have, computed in one place: from the pages as the templates render them.

A page's ids come from three places, and none is listed again here:

- the site map (``common.site_map``): a framework shown as a section of another page has its name as anchor, and
  the FAQ's page files its questions under their first theme, by name;
- the templates: ``{#id}`` after a heading or ``id="…"`` on an element, often an item's ``id`` from YAML, sometimes
  a word of the template (``#questions-frequentes``);
- Python-Markdown's table of contents, which gives every other heading an id made from its text (``toc``'s
  ``slugify``, as mkdocs.yml configures it), made unique against the ids already on the page (« _1 » added).

So this module renders the pages (``guide.rendering.render_pages``) and reads the ids in their Markdown: what it
finds is what the built site has (tests/rendering/test_site_map.py compares them, page by page). The rules of
``guide.rules`` that read the pages (two anchors alike, a link to a page or an anchor that does not exist) use it.
"""

from __future__ import annotations

import html
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from markdown.extensions.toc import slugify

from common.site_map import HOME, redirects, site_pages
from common.suggestions import closest
from guide.browser_assets import BrowserAssets
from guide.model import FAQ_FRAMEWORK, FAQ_QUESTIONS_KEY, Guide
from guide.rendering import RenderedPage, render_pages

# The calculators' pre-rendered forms name the browser's files (the Pyodide runtime, the bundle); their ids do not
# depend on those names, and checking the content must not need the npm packages: none are given here.
NO_BROWSER_FILES = BrowserAssets(runtime_dir="", bundle_file="", bundle=b"", pyodide_dir=Path(), stdlib=b"", lock=b"")

# An attribute list (attr_list): « {#id .class key=value} », never after a backslash (editors' text is escaped).
_ATTRIBUTES = re.compile(r"(?<!\\)\{:?([^{}\n]*)\}")
_ID_IN_ATTRIBUTES = re.compile(r"(?:^|\s)#([\w-]+)")
_HTML_ID = re.compile(r"<[a-zA-Z][^<>]*?\sid=\"([^\"]+)\"")
_HEADING = re.compile(r"^ {0,3}(#{1,6})[ \t]+(.*?)[ \t#]*$")
_HEADING_ATTRIBUTES = re.compile(r"\s*(?<!\\)\{:?[^{}\n]*\}\s*$")
_FENCE = re.compile(r"^ {0,3}(```|~~~)")
_TOC_SEPARATOR = "-"  # Python-Markdown's default, which mkdocs.yml keeps


def _reader_text(markdown_text: str) -> str:
    """A heading's Markdown as a reader reads it: links as their text, no tags, no emphasis marks, no escapes."""
    text = re.sub(r"!?\[([^\]]*)\]\([^)]*\)", r"\1", markdown_text)
    text = re.sub(r"<[^<>]+>", "", text)
    text = re.sub(r"(?<!\\)[*_`]", "", text)
    return html.unescape(re.sub(r"\\(.)", r"\1", text)).strip()


def heading_id(markdown_text: str) -> str:
    """The id Python-Markdown's table of contents makes from a heading's Markdown (before « _1 » for uniqueness)."""
    return slugify(_reader_text(markdown_text), _TOC_SEPARATOR)


def _unique(base: str, used: set[str]) -> str:
    """Python-Markdown's ``toc.unique``: « base », else « base_1 », « base_2 »…"""
    candidate, count = base, 0
    while candidate in used or not candidate:
        count += 1
        candidate = f"{base}_{count}"
    used.add(candidate)
    return candidate


@dataclass(frozen=True)
class Heading:
    """A heading without an id of its own: the id the table of contents gives it."""

    title: str  # its text, as a reader sees it
    base: str  # the id its text makes
    id: str  # the id it gets (``base``, or ``base_1``… when the page already has ``base``)


@dataclass(frozen=True)
class PageIds:
    """The ids of one page's content, where they come from."""

    url: str  # from the site's root: ``faq/``, ``""`` for the home page
    frameworks: tuple[str, ...]  # the frameworks the page shows: its host, then its sections
    written: tuple[str, ...]  # the ids the page writes itself (templates, site map), in order, repeats kept
    headings: tuple[Heading, ...]  # the ids the table of contents makes for the other headings

    @property
    def ids(self) -> set[str]:
        return set(self.written) | {heading.id for heading in self.headings}

    def repeated(self) -> set[str]:
        """The ids written twice or more on the page: a link to one of them lands on the first."""
        return {item for item, count in Counter(self.written).items() if count > 1}

    def shifted(self) -> dict[str, Heading]:
        """The headings whose id changed because the page writes the one their text makes: by that id."""
        return {heading.base: heading for heading in self.headings if heading.id != heading.base}


def ids_in_markdown(markdown_text: str) -> tuple[list[str], list[Heading]]:
    """(ids written by attribute lists and HTML, in order; headings given an id by the table of contents)."""
    written: list[str] = []
    headings: list[tuple[str, str]] = []  # (title, base)
    fenced = False
    front_matter = re.match(r"---\n.*?\n---\n", markdown_text, re.S)  # the page's title and description: no ids
    for line in markdown_text[front_matter.end() if front_matter else 0:].split("\n"):
        if _FENCE.match(line):
            fenced = not fenced
            continue
        if fenced:
            continue
        for attributes in _ATTRIBUTES.finditer(line):
            written += _ID_IN_ATTRIBUTES.findall(attributes.group(1))
        written += _HTML_ID.findall(line)
        heading = _HEADING.match(line)
        if heading and not _HEADING_ATTRIBUTES.search(heading.group(2)):
            text = heading.group(2)
            headings.append((_reader_text(text), heading_id(text)))
    used = set(written)
    return written, [Heading(title, base, _unique(base, used)) for title, base in headings]


def page_ids(pages: list[RenderedPage], home: dict) -> dict[str, PageIds]:
    """The ids of every page, by address (``faq/``), from the rendered pages and the plan (accueil.yml)."""
    by_host = {page.name: page for page in pages}
    found = {}
    for site_page in site_pages(home):
        written, headings = ids_in_markdown(by_host[site_page.host].markdown)
        found[site_page.url] = PageIds(site_page.url, site_page.frameworks, tuple(written), tuple(headings))
    return found


def guide_page_ids(guide: Guide) -> dict[str, PageIds]:
    """Render the guide's pages (without the browser's files) and read their ids."""
    return page_ids(render_pages(guide, NO_BROWSER_FILES), guide.frameworks[HOME])


def faq_question_anchors(frameworks: dict, pages: dict[str, PageIds]) -> dict[str, str]:
    """Where each FAQ question is shown in full besides the FAQ's page, by its id: the page that shows its first theme
    (faq.yml), at the anchor its heading's words make there (``sourcing/#dois-je-embaucher-ou-prendre-une-agence``).
    A question no such page shows is left out."""
    found = {}
    for question in (frameworks.get(FAQ_FRAMEWORK) or {}).get(FAQ_QUESTIONS_KEY) or []:
        theme = question["themes"][0]
        base = heading_id(question["question"])
        for page in pages.values():
            if theme in page.frameworks:
                heading = next((heading for heading in page.headings if heading.base == base), None)
                if heading is not None:
                    found[question["id"]] = f"{page.url}#{heading.id}"
                break
    return found


def page_addresses(home: dict) -> dict[str, str]:
    """Every address a link may name, from the site's root, with the page it lands on: each page, and each
    former address of a framework now shown as a section (a redirect, which keeps the anchor)."""
    found = {page.url: page.url for page in site_pages(home)}
    for former, target in redirects(home).items():
        found[former] = target.partition("#")[0]
    return found


# A link written in Markdown (« [texte](adresse) ») or in HTML (« <a href="adresse"> ») inside an editor's text.
MARKDOWN_LINK = re.compile(r"!?\[([^\]\n]*)\]\(\s*<?([^)\s>]*)>?(?:\s+[\"'][^\"'\n]*[\"'])?\s*\)")
HTML_LINK = re.compile(r"<a\s[^<>]*?href=[\"']([^\"']*)[\"'][^<>]*>", re.IGNORECASE)


def links_in(text: str) -> list[tuple[str, str]]:
    """(as written, address) of each link written in Markdown or HTML in a text."""
    return ([(match.group(0), match.group(2)) for match in MARKDOWN_LINK.finditer(text)]
            + [(match.group(0), match.group(1)) for match in HTML_LINK.finditer(text)])


def _address(path: str) -> str:
    """A link's path as an address from the site's root: ``../phases/``, ``/phases``, ``phases.md`` -> ``phases/``."""
    while path.startswith(("../", "./", "/")):
        path = path.removeprefix("../").removeprefix("./").removeprefix("/")
    for index_page in ("index.html", "index.md"):
        path = path.removesuffix(index_page)
    for extension in (".md", ".html"):
        if path.endswith(extension):
            path = path.removesuffix(extension) + "/"
    return path if not path or path.endswith("/") else path + "/"


@dataclass(frozen=True)
class MissingTarget:
    """What a link misses, for the message: ``what`` (« une page qui n'existe pas (« /phase/ ») »), the closest
    existing target if one is close (``/phases/``, ``#amorcage``) and the page it is on (``phases/``)."""

    what: str
    closest: str | None = None
    page: str | None = None


def missing_target(target: str, current: str, addresses: dict[str, str],
                   pages: dict[str, PageIds]) -> MissingTarget | None:
    """What a link to ``target``, written on the page at ``current``, misses: the page, or the anchor on it
    (``None`` if both exist, or if the link leaves the site)."""
    if re.match(r"[a-zA-Z][\w+.-]*:", target) or target.startswith("//"):
        return None  # another site, a mail address: not ours to check
    path, _, anchor = target.partition("#")
    path = path.partition("?")[0]
    if path in ("", "."):
        url = current
    else:
        address = _address(path)
        if address not in addresses:
            match = closest(address, list(addresses))
            return MissingTarget(f"une page qui n'existe pas (« /{address} »)", match and f"/{match}",
                                 match and addresses[match])
        url = addresses[address]
    if anchor and anchor not in pages[url].ids:
        match = closest(anchor, sorted(pages[url].ids))
        return MissingTarget(f"une ancre qui n'existe pas sur la page /{url} (« #{anchor} »)",
                             match and f"/{url}#{match}", url)
    return None
