"""Compare what a reader sees with the sources' own words.

Two uses, both outside the build (the sources are not part of the repository; CI has them
beside the clone, in ``../shared/seeds/``):

- ``copied_runs(page_text, index)``: the passages of a page that repeat a source word for
  word (``RUN_WORDS`` words or more) outside a marked quotation. The guide rewrites its
  sources; their exact words appear only quoted (« … » or a blockquote), with their author.
- ``found_verbatim(citation, source_text)``: a citation is the source's own sentence, checked
  with spaces, apostrophes and case normalised only.

``article_text(html)`` reads a built page as a reader sees its main content (Material's
``<article>``), through a real HTML parser; ``unquoted_text`` leaves out blockquotes and the
text between « and ».
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

RUN_WORDS = 12
# The sources' text, beside the repository's clone (as CI lays it out); the one place that names it.
SEEDS_DIR = Path(__file__).resolve().parent.parent.parent / "shared" / "seeds"

_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
_BLOCK = {"p", "li", "td", "th", "h1", "h2", "h3", "h4", "h5", "h6", "div", "dt", "dd", "tr", "caption",
          "figcaption", "summary", "details", "table", "ul", "ol", "section", "blockquote", "label", "legend"}
_SKIPPED = {"script", "style", "template"}
_WORD = re.compile(r"[0-9a-zàâäçéèêëîïôöùûüÿœæ]+")
QUOTE_MARK = "\u241e"  # stands for a blockquote's text in unquoted_text (never a word)
BREAK = " | "  # between two blocks (paragraphs, cells, items): a copied run never spans one


def normalise(text: str) -> str:
    """Case, apostrophes, quotation marks, dashes and every kind of space made uniform."""
    text = text.lower()
    text = re.sub(r"[\u2019\u2018`´]", "'", text)
    text = re.sub(r"[\u201c\u201d]", '"', text)
    text = re.sub(r"[\u2013\u2014]", "-", text)
    return re.sub(r"[\s\u00a0\u202f\u2009]+", " ", text).strip()


def words(text: str) -> list[str]:
    return _WORD.findall(normalise(text))


class _Article(HTMLParser):
    """Text of the page's <article>, with blockquotes marked so they can be left out."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.in_article = 0
        self.parts: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag in _VOID:
            if self.in_article and tag == "br":
                self.parts.append(" ")
            return
        self.stack.append(tag)
        if tag == "article":
            self.in_article += 1
        if self.in_article:
            if tag == "blockquote":
                self.parts.append(f" {QUOTE_MARK}")
            elif tag in _BLOCK:
                self.parts.append(BREAK)

    def handle_startendtag(self, tag, attrs):
        if self.in_article and tag == "br":
            self.parts.append(" ")

    def handle_endtag(self, tag):
        if tag in _VOID or tag not in self.stack:
            return
        while self.stack:
            open_tag = self.stack.pop()
            if self.in_article and open_tag == "blockquote":
                self.parts.append(f"{QUOTE_MARK} ")
            elif self.in_article and open_tag in _BLOCK:
                self.parts.append(BREAK)
            if open_tag == "article":
                self.in_article -= 1
            if open_tag == tag:
                break

    def handle_data(self, data):
        if self.in_article and not any(tag in _SKIPPED for tag in self.stack):
            self.parts.append(data)


def article_text(html_text: str) -> str:
    """The main content of a built page, as text: blocks separated by `` | ``, blockquotes between two ``QUOTE_MARK``."""
    parser = _Article()
    parser.feed(html_text)
    parser.close()
    text = re.sub(r"[\s\u00a0\u202f]+", " ", "".join(parser.parts))
    return re.sub(r"( \|)+ ", " | ", text).strip(" |")


def unquoted_text(text: str) -> str:
    """The text without its marked quotations: blockquotes and « … » spans (each a break)."""
    text = re.sub(f"{QUOTE_MARK}.*?{QUOTE_MARK}", " | ", text, flags=re.S)
    return re.sub(r"«[^«»]*»", " | ", text)


@dataclass(frozen=True)
class CopiedRun:
    source: str  # the seed's file name
    length: int  # words
    text: str  # the page's words, as normalised


class SourceIndex:
    """Every run of ``RUN_WORDS`` consecutive words of the sources, to find copies fast."""

    def __init__(self, sources: dict[str, str], run_words: int = RUN_WORDS):
        self.run_words = run_words
        self.grams: dict[tuple[str, ...], str] = {}
        for name, text in sources.items():
            tokens = words(text)
            for start in range(len(tokens) - run_words + 1):
                self.grams.setdefault(tuple(tokens[start:start + run_words]), name)

    @classmethod
    def from_dir(cls, seeds_dir: Path, run_words: int = RUN_WORDS) -> SourceIndex:
        return cls({path.name: path.read_text(encoding="utf-8") for path in sorted(seeds_dir.glob("*.txt"))},
                   run_words)


def copied_runs(text: str, index: SourceIndex) -> list[CopiedRun]:
    """Maximal passages of ``text`` (quotations left out) found word for word in a source."""
    runs = []
    for segment in unquoted_text(text).split(" | "):
        tokens = words(segment)
        n = index.run_words
        start = 0
        while start + n <= len(tokens):
            source = index.grams.get(tuple(tokens[start:start + n]))
            if source is None:
                start += 1
                continue
            end = start + n
            while end < len(tokens) and tuple(tokens[end - n + 1:end + 1]) in index.grams:
                end += 1
            runs.append(CopiedRun(source, end - start, " ".join(tokens[start:end])))
            start = end
    return runs


def found_verbatim(citation: str, source_text: str) -> bool:
    """True if the citation is the source's text, spaces, apostrophes, quotes and case aside."""
    def flat(value: str) -> str:
        value = normalise(value).replace("*", "")  # the sources' Markdown emphasis
        value = re.sub(r"\s*([«»])\s*", r"\1", value)
        return re.sub(r"\s+", " ", value)
    return flat(citation) in flat(source_text)
