"""What a site built by another engine must share with the MkDocs build: the comparison of the smoke build.

Both sites are read through an HTML parser: the pages (every ``index.html``), the redirect pages (byte for byte),
each page's JSON-LD (parsed), the glossary's abbreviations in the article (the first use of each term only),
where every link of the article leads from the page's address, the edit links (« Modifier cette page » and the sections' links), the Content-Security-Policy ``<meta>`` and ``_headers``.
Search is the engine's own (Zensical writes ``search.json``), so it is not compared.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin


@dataclass
class PageFacts:
    jsonld: list = field(default_factory=list)
    abbreviations: int = 0
    edit_links: list[str] = field(default_factory=list)
    links: list[str] = field(default_factory=list)  # every link of the article
    has_policy: bool = False
    is_redirect: bool = False


class _Facts(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.facts = PageFacts()
        self._jsonld: list[str] | None = None
        self._article_depth = 0

    def handle_starttag(self, tag, attrs):
        values = dict(attrs)
        if tag == "article":
            self._article_depth += 1
        if tag == "abbr" and self._article_depth:
            self.facts.abbreviations += 1
        if tag == "a" and self._article_depth and values.get("href") is not None:
            self.facts.links.append(values["href"])
        if tag == "script" and values.get("type") == "application/ld+json":
            self._jsonld = []
        if tag == "a" and values.get("rel") == "edit":
            self.facts.edit_links.append(values.get("href") or "")
        if tag == "meta" and values.get("http-equiv") == "Content-Security-Policy":
            self.facts.has_policy = True
        if tag == "meta" and values.get("http-equiv") == "refresh":
            self.facts.is_redirect = True

    def handle_endtag(self, tag):
        if tag == "article":
            self._article_depth -= 1
        if tag == "script" and self._jsonld is not None:
            self.facts.jsonld.append(json.loads("".join(self._jsonld)))
            self._jsonld = None

    def handle_data(self, data):
        if self._jsonld is not None:
            self._jsonld.append(data)


# The policy's hashes are those of the inline scripts each engine's templates write: not compared here.
_POLICY = re.compile(r'<meta http-equiv="Content-Security-Policy" content="[^"]*">')


def page_facts(html: str) -> PageFacts:
    parser = _Facts()
    parser.feed(html)
    parser.close()
    return parser.facts


def pages(site: Path) -> dict[str, Path]:
    """Every page of a built site by its address: ``phases/``, ``""`` for the home page."""
    return {path.parent.relative_to(site).as_posix().removesuffix(".") + ("/" if path.parent != site else ""): path
            for path in Path(site).rglob("index.html")}


def differences(reference: Path, other: Path) -> list[str]:
    """What ``other`` (a site built by another engine, then finished) lacks or shows otherwise than ``reference``
    (the MkDocs build), one French line each; empty when they agree."""
    found = []
    ours, theirs = pages(reference), pages(other)
    found += [f"page absente : /{address}" for address in sorted(ours.keys() - theirs.keys())]
    found += [f"page en trop : /{address}" for address in sorted(theirs.keys() - ours.keys())]
    if not (Path(other) / "_headers").is_file():
        found.append("_headers absent")
    for address in sorted(ours.keys() & theirs.keys()):
        expected = page_facts(ours[address].read_text(encoding="utf-8"))
        got = page_facts(theirs[address].read_text(encoding="utf-8"))
        if expected.is_redirect:
            if (_POLICY.sub("", ours[address].read_text(encoding="utf-8"))
                    != _POLICY.sub("", theirs[address].read_text(encoding="utf-8"))):
                found.append(f"/{address} : la page de redirection diffère")
            continue
        # Where each link leads from this page's address (« ./x/ » is « x/ »), the site under a folder as on GitHub
        # Pages (a link above the site's root then shows).
        base = f"http://host/site/{address}"
        expected.links = [urljoin(base, link) for link in expected.links]
        got.links = [urljoin(base, link) for link in got.links]
        for name in ("jsonld", "abbreviations", "links", "edit_links", "has_policy"):
            if getattr(expected, name) != getattr(got, name):
                found.append(f"/{address} : {name} diffère ({getattr(got, name)!r} au lieu de {getattr(expected, name)!r})")
    return found
