"""The site search's worker files: Material's search worker, patched for French, with the readers' synonyms.

Material runs its search in a web worker (``assets/javascripts/workers/search.HASH.min.js``). The
page loads our wrapper ``guide-search.HASH.min.js`` instead (``overrides/main.html``), which imports:

1. Material's worker;
2. ``assets/javascripts/guide-search-synonyms.js``: the synonym groups of ``frameworks/glossaire.yml``
   (``synonymes_recherche``), as ``self.guideSearchSynonyms``, and the head-count ranges of the phases
   (``phases.yml``), as ``self.guideSearchHeadcounts``;
3. ``assets/javascripts/french-search-stemming.js`` (from ``docs/``): the patch that stems typed words,
   folds accents, leaves stop words out and expands synonyms (it stems the synonyms itself, with the
   index's own French stemmer: the data here stays as the editors wrote it).

The wrapper's name carries Material's hash and is cached for a year (``guide/cache_headers.py``): its
text never depends on the content. The synonyms change with the content, so they live in their own
file, whose name does not change and which browsers revalidate on every visit.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from html import escape
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

from common.site_map import HOME, page_url
from guide.model import FAQ_FRAMEWORK, FAQ_QUESTIONS_KEY, GLOSSARY_FRAMEWORK, SOURCES_FRAMEWORK, THRESHOLDS_FRAMEWORK

SYNONYMS_KEY = "synonymes_recherche"
TERMINOLOGY_KEY = "terminologie"  # the glossary's list of preferred terms (guide/terminology.py)
SEARCH_WORDS_KEY = "recherche"  # page.recherche of every framework: the readers' own questions, never shown
HEADCOUNT_GROUP = "employes"  # the id, in both glossary lists, of the words for a company's employees
SYNONYMS_SCRIPT = "guide-search-synonyms.js"  # in assets/javascripts/, beside french-search-stemming.js
PATCH_SCRIPT = "french-search-stemming.js"
WORKERS_DIR = Path("assets") / "javascripts" / "workers"

# Pages whose sections repeat or list what the other pages explain: the FAQ gathers the pages' own questions;
# the glossary, the figures and the sources have one section per term, figure or article, each titled by the
# word a reader types; the editors' guide speaks of files. Their sections rank below those of
# the page that answers in context (Material's ``search: boost`` front matter, 1 by default).
SEARCH_BOOSTS = {name: 0.5 for name in (FAQ_FRAMEWORK, GLOSSARY_FRAMEWORK, THRESHOLDS_FRAMEWORK, SOURCES_FRAMEWORK, "contribuer")}


# Marks around what the search index leaves out (guide/views.py: the calculators' widgets, whose fields' labels and
# help texts touch on every topic of the guide: /internalisation/ came first for unrelated questions). Material's
# own data-search-exclude stops at the first nested element of the same tag (its parser compares elements by tag),
# so at the widget's first inner </div>.
OUT_OF_SEARCH_START = "<!-- hors de la recherche -->"
OUT_OF_SEARCH_END = "<!-- fin de hors de la recherche -->"
_OUT_OF_SEARCH = re.compile(re.escape(OUT_OF_SEARCH_START) + ".*?" + re.escape(OUT_OF_SEARCH_END), re.DOTALL)
# Material's search plugin removes these attributes from the page it indexes (they only guide its parser).
_SEARCH_ATTRIBUTES = re.compile(r"\s?data-search-\w+=\"[^\"]+\"")


def out_of_search(html: str) -> str:
    """``html`` marked to be left out of the search index (shown on the page as it is).

    Each mark is a block of its own, between blank lines: Markdown keeps an HTML comment where it is only
    when it stands alone. Written on the widget's last line, the end mark was moved to the end of the page,
    and everything after the widget (the formula, the assumptions, the worked example) left the index too.
    """
    return f"\n\n{OUT_OF_SEARCH_START}\n\n{html}\n\n{OUT_OF_SEARCH_END}\n\n"


# Blocks of a page that answer a question of their own (a card, a divergence, a step of a timeline, a cycle or a
# flow), by a class of theirs. With an id, each is a result of its own: the search indexes it as a section titled by
# its first bold words (its first paragraph without any), and a result opens the page at the block, not at the top
# of the section around it, screens away on a phone.
ITEM_CLASSES = frozenset({"card", "guide-divergence", "guide-timeline__step", "guide-flow__item", "guide-cycle__step"})
ITEM_HEADING = "h6"
# Blocks titled by their whole first paragraph: a divergence's bold words are the same on every page (« Ce que disent
# les sources »), its subject follows them.
PARAGRAPH_TITLED = frozenset({"guide-divergence"})  # in the indexed copy only; any heading not in the page's table of contents does


class _Items(HTMLParser):
    """Where each block of ``ITEM_CLASSES`` with an id starts, and its title's text (see ``item_sections``)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        # each block: {"id", "end": the offset after its start tag, "strong": the texts of its first <strong>,
        # "p": those of its first <p>} (None until found)
        self.items: list[dict[str, Any]] = []
        self.open: list[tuple[str, dict[str, Any] | None]] = []  # the elements open, each with the item it starts
        self._lines = [0]

    def feed_text(self, text: str) -> list[dict]:
        offset = 0
        for line in text.split("\n")[:-1]:  # the parser counts lines at "\n" only
            offset += len(line) + 1
            self._lines.append(offset)
        self.feed(text)
        self.close()
        return self.items

    def _offset(self) -> int:
        line, column = self.getpos()
        return self._lines[line - 1] + column

    def _current(self) -> dict[str, Any] | None:
        for _, item in reversed(self.open):
            if item is not None:
                return item
        return None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        item: dict[str, Any] | None = None
        classes = set((values.get("class") or "").split())
        if values.get("id") and classes & ITEM_CLASSES:
            start_tag = self.get_starttag_text() or ""
            item = {"id": values["id"], "end": self._offset() + len(start_tag), "strong": None, "p": None,
                    "paragraph": bool(classes & PARAGRAPH_TITLED)}
            self.items.append(item)
        current = item or self._current()
        if current is not None and item is None:
            if tag == "strong" and current["strong"] is None:
                current["strong"] = []
                current["in"] = "strong"
            elif tag == "p" and current["p"] is None:
                current["p"] = []
                current.setdefault("in_p", len(self.open))
        if tag not in _VOID:
            self.open.append((tag, item))

    def handle_endtag(self, tag: str) -> None:
        while self.open:
            name, item = self.open.pop()
            current = self._current()
            if current is not None:
                if name == "strong" and current.get("in") == "strong":
                    current["in"] = "done"
                if name == "p" and current.get("in_p") == len(self.open):
                    current["in_p"] = -1
            if name == tag:
                return

    def handle_data(self, data: str) -> None:
        current = self._current()
        if current is None:
            return
        if current.get("in") == "strong":
            current["strong"].append(data)
        if current.get("in_p", -1) >= 0:
            current["p"].append(data)

    def handle_entityref(self, name: str) -> None:
        self.handle_data(f"&{name};")

    def handle_charref(self, name: str) -> None:
        self.handle_data(f"&#{name};")


# Spaces collapsed in a block's title: the ordinary ones only, the narrow no-break space before « : » kept
# (str.split() took it for a space: « Signal 2 : Marketing dispersé » in the results, not as on the page).
_ASCII_SPACES = re.compile(r"[ \t\n\r\f\v]+")
_VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"})


def item_sections(html: str) -> str:
    """``html`` with a heading at the start of each block of ``ITEM_CLASSES`` that has an id, for the search index.

    Material's search makes a section of each heading with an id; one nested in a block ends with the block, and
    the text after it goes back to the section around it. The heading carries the block's id (a result opens the
    page there) and its title: its first bold words, or its first paragraph (without bold words, or for the classes
    of ``PARAGRAPH_TITLED``). Only the indexed copy has it.
    """
    items = _Items().feed_text(html)
    pieces, done = [], 0
    for item in items:
        words = item["p"] if item["paragraph"] or not item["strong"] else item["strong"]
        title = _ASCII_SPACES.sub(" ", "".join(words or [])).strip(" ")
        if not title:
            continue
        pieces.append(html[done:item["end"]])
        pieces.append(f'<{ITEM_HEADING} id="{escape(item["id"])}">{title}</{ITEM_HEADING}>')
        done = item["end"]
    pieces.append(html[done:])
    return "".join(pieces)


# A line break inside a paragraph or a table cell (« Agilité.<br>Adaptation rapide. »): the search's parser keeps
# only the text around it, which ran together in the results (« Agilité.Adaptation rapide. »).
_LINE_BREAK = re.compile(r"<br\s*/?>(?!\s)")


# A table's cells: the search's parser keeps their text only, which read as one run-on line in the results
# (« Situation Modèle recommandé Rôle du CMO Startup early-stage Freelances + fondateur Absent… »). Each cell but
# a table's last ends with « · » in the indexed copy (a separator of the search, mkdocs.yml: not a word).
CELL_SEPARATOR = " ·"
_CELL_FOLLOWED = re.compile(r"(?=</t[dh]>(?:\s*</?(?:tr|thead|tbody)>)*\s*<t[dh][\s>])")


def searchable_html(html: str) -> str:
    """A page's HTML as the search indexes it: the marked blocks left out, each item a section of its own, a space
    after each line break, a separator after each table cell followed by another."""
    html = _LINE_BREAK.sub(lambda found: found.group(0) + " ", _OUT_OF_SEARCH.sub("", html))
    return item_sections(_CELL_FOLLOWED.sub(CELL_SEPARATOR, html))


def shown_html(html: str) -> str:
    """A page's full HTML as Material's search plugin leaves it for the theme (its data-search-* attributes out)."""
    return _SEARCH_ATTRIBUTES.sub("", html)


SEARCH_INDEX = Path("search") / "search_index.json"
# A section's key in the search index, read by french-search-stemming.js: its page's title, indexed with its own.
PAGE_TITLE_KEY = "page_title"
# A block's key in the search index (``ITEM_CLASSES``), read by french-search-stemming.js: the location of the section
# around it, which also holds its text. The block decides where a result opens, never which pages come first.
ITEM_KEY = "item"


def with_page_titles(documents: list[dict]) -> list[dict]:
    """The search index's documents, each section whose title several pages share with its page's title.

    A heading that stands on several pages (« La formule », « Un exemple chiffré », « Questions fréquentes ») says
    nothing of its subject: the search indexes it with its page's title after it (shown as it is). The pages that
    weigh less (``SEARCH_BOOSTS``: the FAQ repeats the pages' own questions) do not make a heading shared.
    """
    titles = {document["location"]: document["title"] for document in documents if "#" not in document["location"]}
    pages_by_title: dict[str, set[str]] = {}
    for document in documents:
        page, _, anchor = document["location"].partition("#")
        if anchor and document.get("boost", 1) >= 1:
            pages_by_title.setdefault(document["title"], set()).add(page)
    marked = []
    for document in documents:
        page, _, anchor = document["location"].partition("#")
        if anchor and len(pages_by_title.get(document["title"], ())) > 1 and titles.get(page):
            document = {**document, PAGE_TITLE_KEY: titles[page]}
        marked.append(document)
    return marked


def item_ids(html: str) -> set[str]:
    """The ids of the blocks of ``ITEM_CLASSES`` in a page's HTML (each a section of the search index)."""
    return {item["id"] for item in _Items().feed_text(html)}


def with_items_in_sections(documents: list[dict], items: dict[str, set[str]]) -> list[dict]:
    """The search index's documents, the text of each block (``items``: page location -> its blocks' ids) also in
    the section around it, as on the page.

    Material's search gives a heading's section only the text up to the next heading: cut out of the section around
    them, the blocks took its words away (« calcul cac formule » no longer found the section of the three financial
    indicators). The block stays a result of its own, which opens the page at the block.
    """
    joined: list[dict] = []
    around = None  # the place in ``joined`` of the last section that is not a block
    for document in documents:
        page, _, anchor = document["location"].partition("#")
        if anchor and anchor in items.get(page, ()):
            if around is not None and joined[around]["location"].partition("#")[0] == page:
                section = joined[around]
                joined[around] = {**section, "text": " ".join(filter(None, (section["text"], document["text"])))}
                document = {**document, ITEM_KEY: section["location"]}
        else:
            around = len(joined)
        joined.append(document)
    return joined


def finish_search_index(site_dir: Path | str) -> bool:
    """Rewrite the built search index with ``with_page_titles`` and ``with_items_in_sections`` (the blocks read from
    each built page); False if the site has none (another engine)."""
    path = Path(site_dir) / SEARCH_INDEX
    if not path.is_file():
        return False
    index = json.loads(path.read_text(encoding="utf-8"))
    items = {}
    for location in {document["location"].partition("#")[0] for document in index["docs"]}:
        page = Path(site_dir) / location / "index.html"
        if page.is_file():
            items[location] = item_ids(page.read_text(encoding="utf-8"))
    index["docs"] = with_items_in_sections(with_page_titles(index["docs"]), items)
    path.write_text(json.dumps(index, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    return True


def _expression(text: str) -> str:
    return " ".join(text.split())


def search_boost(name: str) -> float | None:
    """The search weight of the page of framework ``name`` (``None``: Material's default)."""
    return SEARCH_BOOSTS.get(name)


def search_synonyms(glossary: dict | None) -> list[dict]:
    """The synonym groups as the worker reads them: ``{"id", "mots", "guide"?}``, spaces normalised.

    ``mots``: what readers type; ``guide``: the expressions the guide uses for them. A question that
    contains every word of one expression of a group also searches for the words of ``guide`` (of
    every expression of the group, when there is no ``guide``).
    """
    groups = []
    # The terminology list first: each variant a source uses (« Fractional CMO ») finds the page that
    # writes the preferred term (« CMO à temps partagé »).
    for entry in (glossary or {}).get(TERMINOLOGY_KEY, []):
        groups.append({"id": f"terme-{entry['id']}", "mots": [_expression(word) for word in entry["variantes"]],
                       "guide": [_expression(entry["terme"])]})
    for group in (glossary or {}).get(SYNONYMS_KEY, []):
        entry = {"id": group["id"], "mots": [_expression(word) for word in group["mots"]]}
        if group.get("guide"):
            entry["guide"] = [_expression(word) for word in group["guide"]]
        groups.append(entry)
    return groups


def search_headcounts(glossary: dict | None, phases: dict | None) -> dict:
    """A head count typed in figures (« on est 35 salariés ») as the worker reads it: ``{"mots", "tranches"}``.

    ``mots``: the words that make a number a head count, the glossary's own for employees (the terminology
    entry ``employes``, its term and variants, and the synonym group ``employes``); ``tranches``: each phase of
    phases.yml as ``{"min", "max", "mots"}`` (``max`` None: « et plus »), its name as the words to search. A
    question with one of ``mots`` and a number from ``min`` to ``max`` also searches for the phase's name.
    """
    words: list[str] = []
    for entry in (glossary or {}).get(TERMINOLOGY_KEY, []):
        if entry["id"] == HEADCOUNT_GROUP:
            words += [entry["terme"], *entry["variantes"]]
    for group in (glossary or {}).get(SYNONYMS_KEY, []):
        if group["id"] == HEADCOUNT_GROUP:
            words += [*group["mots"], *group.get("guide", [])]
    ranges = [{"min": phase["effectif_min"], "max": phase["effectif_max"], "mots": [_expression(phase["nom"])]}
              for phase in (phases or {}).get("phases", [])]
    return {"mots": list(dict.fromkeys(_expression(word) for word in words)), "tranches": ranges if words else []}


def is_readers_words(path: tuple) -> bool:
    """Whether a field's path is in readers' own words (``page.recherche``, or ``recherche`` of an FAQ question),
    never shown, which the rules on the guide's texts (preferred terms, figures of seuils.yml) leave as the readers
    write them."""
    path = tuple(path)
    return path[:2] == ("page", SEARCH_WORDS_KEY) or (len(path) > 2 and path[0] == FAQ_QUESTIONS_KEY
                                                       and path[2] == SEARCH_WORDS_KEY)


def faq_question_locations(frameworks: Mapping[str, Any], elsewhere: Mapping[str, str] | None = None
                           ) -> dict[str, tuple[str, ...]]:
    """Every address that shows each FAQ question in full, by its id: on the FAQ's page (``faq/#id``), then where
    the page of its first theme shows it (``elsewhere``, by question id: ``guide.anchors.faq_question_anchors``, an
    anchor made from the question's words, which follows them when an editor rewords the question)."""
    home = frameworks.get(HOME)
    if home is None:
        return {}
    return {question["id"]: tuple(dict.fromkeys(
                location for location in (page_url(home, FAQ_FRAMEWORK, question["id"]),
                                          (elsewhere or {}).get(question["id"])) if location is not None))
            for question in (frameworks.get(FAQ_FRAMEWORK) or {}).get(FAQ_QUESTIONS_KEY) or []}


def search_words(frameworks: Mapping[str, Any],
                 faq_locations: Mapping[str, tuple[str, ...]] | None = None) -> dict[str, list[str]]:
    """The readers' own questions, by the address they aim at.

    ``page.recherche`` of each framework: an entry without ``section`` aims at the framework itself, its page or its
    part of the page that shows it (``common.site_map.page_url``); with one, at that anchor of the page.
    ``recherche`` of an FAQ question (faq.yml): at every address that shows the question (``faq_locations``:
    ``faq_question_locations``; without it, the FAQ's page only). Spaces normalised; the order kept.
    """
    home = frameworks.get(HOME)
    words: dict[str, list[str]] = {}
    if home is None:
        return words
    for name, data in frameworks.items():
        for entry in ((data or {}).get("page") or {}).get(SEARCH_WORDS_KEY) or []:
            location = page_url(home, name, entry.get("section"))
            words.setdefault(location, []).extend(_expression(text) for text in entry["mots"])
    locations = faq_locations if faq_locations is not None else faq_question_locations(frameworks)
    for question in (frameworks.get(FAQ_FRAMEWORK) or {}).get(FAQ_QUESTIONS_KEY) or []:
        texts = [_expression(text) for text in question.get(SEARCH_WORDS_KEY) or []]
        for location in locations.get(question["id"], ()) if texts else ():
            words.setdefault(location, []).extend(texts)
    return words


def synonyms_script(glossary: dict | None, phases: dict | None = None,
                    words: dict[str, list[str]] | None = None) -> str:
    """The text of ``guide-search-synonyms.js``."""
    data = json.dumps(search_synonyms(glossary), ensure_ascii=False, separators=(",", ":"))
    headcounts = json.dumps(search_headcounts(glossary, phases), ensure_ascii=False, separators=(",", ":"))
    questions = json.dumps(words or {}, ensure_ascii=False, separators=(",", ":"))
    return (
        "// Written by the build from frameworks/glossaire.yml (synonymes_recherche), phases.yml and each page's\n"
        "// readers' questions (page.recherche): do not edit.\n"
        f"self.guideSearchSynonyms = {data};\n"
        f"self.guideSearchHeadcounts = {headcounts};\n"
        f"self.guideSearchWords = {questions};\n"
    )


def worker_wrapper(worker_name: str) -> str:
    """The text of ``guide-search.HASH.min.js`` for Material's ``search.HASH.min.js``."""
    return f'importScripts("{worker_name}", "../{SYNONYMS_SCRIPT}", "../{PATCH_SCRIPT}");\n'


def write_search_worker(site_dir: Path | str, glossary: dict | None, phases: dict | None = None,
                        words: dict[str, list[str]] | None = None) -> list[Path]:
    """Write the synonyms script and a wrapper beside each Material search worker; return the files written."""
    workers = Path(site_dir) / WORKERS_DIR
    written: list[Path] = []
    if not workers.is_dir():
        return written
    synonyms = workers.parent / SYNONYMS_SCRIPT
    synonyms.write_text(synonyms_script(glossary, phases, words), encoding="utf-8")
    written.append(synonyms)
    for worker in sorted(workers.glob("search.*.min.js")):
        wrapper = workers / worker.name.replace("search.", "guide-search.", 1)
        wrapper.write_text(worker_wrapper(worker.name), encoding="utf-8")
        written.append(wrapper)
    return written

