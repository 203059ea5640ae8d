"""Compare what a reader sees with the sources' own words.

Three uses, all outside the build (the sources are not part of the repository; CI has them
beside the clone, in ``../shared/seeds/``):

- ``copied_runs(page_text, index)``: the passages of a page that repeat a source word for
  word (``RUN_WORDS`` words or more) outside a marked quotation. The guide rewrites its
  sources; their exact words appear only quoted (« … » or a blockquote), with their author.
- ``found_verbatim(citation, source_text)``: a citation is the source's own sentence, checked
  with spaces, apostrophes and case normalised only;
- ``unverified_citations(…)``: ``python -m guide check`` runs it on every figure of seuils.yml and reports, in
  French at the citation's line, one not found in its source, with the source's closest sentence.

``article_text(html)`` reads a built page as a reader sees its main content (Material's
``<article>``), through a real HTML parser; ``unquoted_text`` leaves out blockquotes and the
text between « and ».
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Mapping
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

from guide.errors import ContentError, format_field_path
from guide.model import SOURCES_FRAMEWORK, THRESHOLDS_FRAMEWORK
from guide.yaml_source import ParsedYaml

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


# --- The figures' citations, checked by ``python -m guide check`` --------------------------------------------

_SENTENCE_END = re.compile(r"(?<=[.!?…])\s+|\n+")


def closest_sentence(citation: str, source_text: str) -> str:
    """The sentence of the source that shares the most with ``citation``, as the source writes it."""
    wanted = words(citation)
    best, best_score = "", 0.0
    for sentence in _SENTENCE_END.split(source_text):
        candidate = words(sentence)
        if not candidate:
            continue
        score = difflib.SequenceMatcher(None, wanted, candidate, autojunk=False).ratio()
        if score > best_score:
            best, best_score = sentence.strip(), score
    return best


def _shortened(text: str, limit: int = 240) -> str:
    text = re.sub(r"\s+", " ", text.replace("*", "")).strip()
    return text if len(text) <= limit else text[:limit].rsplit(" ", 1)[0] + "…"


def unverified_citations(frameworks: Mapping[str, Any], files: Mapping[str, str], parsed: Mapping[str, ParsedYaml],
                         seeds_dir: Path = SEEDS_DIR) -> tuple[list[ContentError], list[ContentError]]:
    """(errors, warnings) about the ``citation`` of each figure of seuils.yml: not found word for word in its
    source's text (``found_verbatim``), at the citation, with the source's closest sentence; a source's text
    missing from ``seeds_dir``, at the citation too. Without ``seeds_dir`` at all (a clone without the shared
    folder beside it), one warning says that nothing was compared."""
    thresholds = frameworks.get(THRESHOLDS_FRAMEWORK, {}).get(THRESHOLDS_FRAMEWORK, [])
    sources = {source["id"]: source for source in frameworks.get(SOURCES_FRAMEWORK, {}).get(SOURCES_FRAMEWORK, [])}
    quoted = [(index, item) for index, item in enumerate(thresholds) if "citation" in item and item.get("source") in sources]
    if not quoted:
        return [], []
    where = files[THRESHOLDS_FRAMEWORK]
    if not seeds_dir.is_dir():
        path = (THRESHOLDS_FRAMEWORK, quoted[0][0], "citation")
        line, column = parsed[THRESHOLDS_FRAMEWORK].position_of(path)
        return [], [ContentError(where, line, column, "", (
            f"les textes des sources sont absents ({seeds_dir}) : les citations de seuils.yml n'ont pas été comparées "
            "à leurs articles ; placez le dossier partagé shared/seeds à côté du dossier du projet, comme la CI"))]
    errors = []
    for index, item in quoted:
        path = (THRESHOLDS_FRAMEWORK, index, "citation")
        line, column = parsed[THRESHOLDS_FRAMEWORK].position_of(path)
        source = sources[item["source"]]
        text_path = seeds_dir / source["fichier"]
        if not text_path.is_file():
            errors.append(ContentError(where, line, column, format_field_path(path), (
                f"le texte de la source « {source['titre']} » est introuvable : {text_path} n'existe pas ; vérifiez "
                f"le champ fichier de « {source['id']} » dans sources.yml")))
            continue
        text = text_path.read_text(encoding="utf-8")
        if found_verbatim(item["citation"], text):
            continue
        errors.append(ContentError(where, line, column, format_field_path(path), (
            f"cette citation n'est pas, mot pour mot, dans l'article « {source['titre']} » ({source['fichier']}) : "
            "recopiez la phrase de l'article telle quelle (seuls les espaces, les apostrophes, les guillemets et les "
            f"majuscules peuvent différer) ; la phrase la plus proche de l'article : « {_shortened(closest_sentence(item['citation'], text))} »")))
    return errors, []
