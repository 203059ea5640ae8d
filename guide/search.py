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
from pathlib import Path

from guide.model import FAQ_FRAMEWORK, GLOSSARY_FRAMEWORK, SOURCES_FRAMEWORK, THRESHOLDS_FRAMEWORK

SYNONYMS_KEY = "synonymes_recherche"
TERMINOLOGY_KEY = "terminologie"  # the glossary's list of preferred terms (guide/terminology.py)
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


def searchable_html(html: str) -> str:
    """A page's HTML as the search indexes it: the marked blocks left out."""
    return _OUT_OF_SEARCH.sub("", html)


def shown_html(html: str) -> str:
    """A page's full HTML as Material's search plugin leaves it for the theme (its data-search-* attributes out)."""
    return _SEARCH_ATTRIBUTES.sub("", html)


SEARCH_INDEX = Path("search") / "search_index.json"
# A section's key in the search index, read by french-search-stemming.js: its page's title, indexed with its own.
PAGE_TITLE_KEY = "page_title"


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


def add_page_titles(site_dir: Path | str) -> bool:
    """Rewrite the built search index with ``with_page_titles``; False if the site has none (another engine)."""
    path = Path(site_dir) / SEARCH_INDEX
    if not path.is_file():
        return False
    index = json.loads(path.read_text(encoding="utf-8"))
    index["docs"] = with_page_titles(index["docs"])
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


def synonyms_script(glossary: dict | None, phases: dict | None = None) -> str:
    """The text of ``guide-search-synonyms.js``."""
    data = json.dumps(search_synonyms(glossary), ensure_ascii=False, separators=(",", ":"))
    headcounts = json.dumps(search_headcounts(glossary, phases), ensure_ascii=False, separators=(",", ":"))
    return (
        "// Written by the build from frameworks/glossaire.yml (synonymes_recherche) and phases.yml: do not edit.\n"
        f"self.guideSearchSynonyms = {data};\n"
        f"self.guideSearchHeadcounts = {headcounts};\n"
    )


def worker_wrapper(worker_name: str) -> str:
    """The text of ``guide-search.HASH.min.js`` for Material's ``search.HASH.min.js``."""
    return f'importScripts("{worker_name}", "../{SYNONYMS_SCRIPT}", "../{PATCH_SCRIPT}");\n'


def write_search_worker(site_dir: Path | str, glossary: dict | None, phases: dict | None = None) -> list[Path]:
    """Write the synonyms script and a wrapper beside each Material search worker; return the files written."""
    workers = Path(site_dir) / WORKERS_DIR
    written: list[Path] = []
    if not workers.is_dir():
        return written
    synonyms = workers.parent / SYNONYMS_SCRIPT
    synonyms.write_text(synonyms_script(glossary, phases), encoding="utf-8")
    written.append(synonyms)
    for worker in sorted(workers.glob("search.*.min.js")):
        wrapper = workers / worker.name.replace("search.", "guide-search.", 1)
        wrapper.write_text(worker_wrapper(worker.name), encoding="utf-8")
        written.append(wrapper)
    return written

