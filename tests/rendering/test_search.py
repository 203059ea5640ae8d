"""The site search's worker files and the readers' synonyms of frameworks/glossaire.yml (guide/search.py).

The search itself, in a browser, is tested by tests/browser/test_search_questions.py.
"""

from __future__ import annotations

import json
import re
import unicodedata

import pytest
from selectolax.lexbor import LexborHTMLParser

from common.site_map import HOME, page_url
from guide.anchors import faq_question_anchors, guide_page_ids
from guide.catalog import load_guide
from guide.model import FAQ_FRAMEWORK, FAQ_QUESTIONS_KEY, GLOSSARY_FRAMEWORK
from guide.search import (
    CELL_SEPARATOR,
    ITEM_CLASSES,
    ITEM_KEY,
    PAGE_TITLE_KEY,
    SEARCH_WORDS_KEY,
    SYNONYMS_KEY,
    SYNONYMS_SCRIPT,
    faq_question_locations,
    item_ids,
    item_sections,
    search_boost,
    search_headcounts,
    search_synonyms,
    search_words,
    searchable_html,
    shown_html,
    synonyms_script,
    with_items_in_sections,
    with_page_titles,
    worker_wrapper,
    write_search_worker,
)
from tests.helpers import line_of, load_errors, page_slugs, replace_in
from tests.ordinary_edits import add_field, append_item, quoted, read_value, reword, set_text
from tests.site_text import article_text, normalise, select, text_of

GLOSSARY_FILE = "frameworks/glossaire.yml"


SCRIPT = re.compile(r"(?://[^\n]*\n)+self\.guideSearchSynonyms = (.*);\nself\.guideSearchHeadcounts = (.*);\n"
                    r"self\.guideSearchWords = (.*);\n", re.DOTALL)


def script_data(text: str) -> list[dict]:
    match = SCRIPT.fullmatch(text)
    assert match, text
    return json.loads(match.group(1))


def script_words(text: str) -> dict:
    match = SCRIPT.fullmatch(text)
    assert match, text
    return json.loads(match.group(3))


def script_headcounts(text: str) -> dict:
    match = SCRIPT.fullmatch(text)
    assert match, text
    return json.loads(match.group(2))


@pytest.fixture(scope="module")
def glossary(guide) -> dict:
    return guide.frameworks["glossaire"]


# --- The data the worker reads ----------------------------------------------------------------------


def test_groups_keep_what_readers_type_and_what_the_guide_says():
    glossary = {"synonymes_recherche": [
        {"id": "employes", "mots": ["salariés", "  CMO  à temps\tpartiel "], "guide": ["employés"]},
        {"id": "sans-guide", "mots": ["start-up", "startup"]},
    ]}
    assert search_synonyms(glossary) == [
        {"id": "employes", "mots": ["salariés", "CMO à temps partiel"], "guide": ["employés"]},
        {"id": "sans-guide", "mots": ["start-up", "startup"]},
    ]


def test_no_glossary_or_no_synonyms_gives_an_empty_list():
    assert search_synonyms(None) == []
    assert search_synonyms({"termes": []}) == []
    assert script_data(synonyms_script(None)) == []


def test_the_script_sets_the_groups_for_the_worker_as_json_with_accents_kept(glossary):
    text = synonyms_script(glossary)
    assert script_data(text) == search_synonyms(glossary)
    assert "embaucher" in text and "coût" in text and "\\u00fb" not in text


def test_the_real_synonyms_cover_what_readers_type(glossary):
    groups = {group["id"]: group for group in search_synonyms(glossary)}
    assert len(groups) >= 15

    def maps(word: str, guide_word: str) -> bool:
        return any(word in group["mots"] and guide_word in group.get("guide", group["mots"]) for group in groups.values())

    assert maps("salarié", "employés")  # from the terminology list (guide/terminology.py)
    assert maps("embaucher", "recruter")
    for word in ("prix", "combien"):
        assert maps(word, "coût")
    for expression in ("CMO à temps partiel", "Fractional CMO", "CMO externalisé", "direction marketing externalisée",
                       "CMO freelance"):
        assert maps(expression, "CMO à temps partagé")
    assert maps("directeur marketing", "CMO")


def fold(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFD", text.lower()) if not unicodedata.combining(c))


def test_every_word_of_a_guide_expression_is_used_by_the_guide(built_site, glossary):
    """A synonym leads to the guide's own words: a word the pages never use would find nothing."""
    text = fold(" ".join(article_text(built_site, page) for page in page_slugs()))
    for group in search_synonyms(glossary):
        for expression in group.get("guide", []):
            for word in re.split(r"[\s'’-]+", fold(expression)):
                if len(word) > 2:  # « la », « de »: stop words, left out by the search
                    assert re.search(rf"\b{re.escape(word[:5])}", text), (group["id"], expression, word)


def test_head_counts_take_the_glossarys_words_for_employees_and_the_phases_ranges():
    glossary = {"terminologie": [{"id": "employes", "terme": "employés", "variantes": ["salariés"]},
                                 {"id": "kpi", "terme": "KPI", "variantes": ["indicateurs"]}],
                "synonymes_recherche": [{"id": "employes", "mots": ["collaborateurs", " salariés "], "guide": ["employés"]},
                                        {"id": "recruter", "mots": ["embaucher"], "guide": ["recruter"]}]}
    phases = {"phases": [{"id": "a", "nom": "Amorçage", "effectif_min": 0, "effectif_max": 10},
                         {"id": "b", "nom": "Orchestration  stratégique", "effectif_min": 10, "effectif_max": None}]}
    assert search_headcounts(glossary, phases) == {
        "mots": ["employés", "salariés", "collaborateurs"],
        "tranches": [{"min": 0, "max": 10, "mots": ["Amorçage"]},
                     {"min": 10, "max": None, "mots": ["Orchestration stratégique"]}],
    }


def test_without_words_for_employees_a_number_is_never_a_head_count():
    phases = {"phases": [{"id": "a", "nom": "Amorçage", "effectif_min": 0, "effectif_max": 10}]}
    assert search_headcounts({"synonymes_recherche": []}, phases) == {"mots": [], "tranches": []}
    assert search_headcounts(None, None) == {"mots": [], "tranches": []}
    assert script_headcounts(synonyms_script(None)) == {"mots": [], "tranches": []}


def test_the_built_site_has_the_phases_ranges(built_site, guide, glossary):
    text = (built_site / "assets" / "javascripts" / SYNONYMS_SCRIPT).read_text(encoding="utf-8")
    headcounts = script_headcounts(text)
    phases = guide.frameworks["phases"]["phases"]
    assert [(r["min"], r["max"]) for r in headcounts["tranches"]] == [(p["effectif_min"], p["effectif_max"]) for p in phases]
    assert "employés" in headcounts["mots"]


# --- The worker files ---------------------------------------------------------------------------------


def test_the_wrapper_loads_materials_worker_then_the_synonyms_then_the_patch():
    assert worker_wrapper("search.a7633da7.min.js") == (
        'importScripts("search.a7633da7.min.js", "../guide-search-synonyms.js", "../french-search-stemming.js");\n'
    )


def test_write_search_worker_writes_a_wrapper_per_worker_and_the_synonyms(tmp_path, glossary):
    workers = tmp_path / "assets" / "javascripts" / "workers"
    workers.mkdir(parents=True)
    (workers / "search.a7633da7.min.js").write_text("// Material", encoding="utf-8")
    (workers / "search.a7633da7.min.js.map").write_text("{}", encoding="utf-8")
    written = write_search_worker(tmp_path, glossary)
    wrapper = workers / "guide-search.a7633da7.min.js"
    synonyms = tmp_path / "assets" / "javascripts" / SYNONYMS_SCRIPT
    assert written == [synonyms, wrapper]
    assert wrapper.read_text(encoding="utf-8") == worker_wrapper("search.a7633da7.min.js")
    assert script_data(synonyms.read_text(encoding="utf-8")) == search_synonyms(glossary)
    assert not (workers / "guide-search.a7633da7.min.js.map").exists()


def test_the_wrapper_does_not_change_with_the_content(tmp_path, glossary):
    """Its name carries Material's hash and is cached for a year: only the synonyms file may change."""
    workers = tmp_path / "assets" / "javascripts" / "workers"
    workers.mkdir(parents=True)
    (workers / "search.a7633da7.min.js").write_text("// Material", encoding="utf-8")
    write_search_worker(tmp_path, glossary)
    before = (workers / "guide-search.a7633da7.min.js").read_bytes()
    write_search_worker(tmp_path, None)
    assert (workers / "guide-search.a7633da7.min.js").read_bytes() == before
    assert script_data((workers.parent / SYNONYMS_SCRIPT).read_text(encoding="utf-8")) == []


def test_no_workers_folder_writes_nothing(tmp_path, glossary):
    assert write_search_worker(tmp_path, glossary) == []
    assert list(tmp_path.iterdir()) == []


def test_the_built_site_has_the_wrapper_and_the_synonyms(built_site, glossary):
    workers = built_site / "assets" / "javascripts" / "workers"
    [worker] = workers.glob("search.*.min.js")
    wrapper = workers / worker.name.replace("search.", "guide-search.", 1)
    assert wrapper.read_text(encoding="utf-8") == worker_wrapper(worker.name)
    assert script_data((workers.parent / SYNONYMS_SCRIPT).read_text(encoding="utf-8")) == search_synonyms(glossary)
    assert (workers.parent / "french-search-stemming.js").exists()


# --- The weight of the reference pages in the index ---------------------------------------------------


def test_reference_pages_weigh_less_in_the_search_index(built_site):
    assert search_boost("faq") == 0.5 and search_boost("phases") is None
    index = json.loads((built_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    boosts = {}
    for doc in index["docs"]:
        boosts.setdefault(doc["location"].split("#")[0], set()).add(doc.get("boost"))
    for page in ("faq/", "glossaire/", "seuils/", "sources/", "contribuer/"):
        assert boosts[page] == {0.5}, page  # the page and each of its sections
    for page in ("", "phases/", "signaux/", "sourcing/"):
        assert boosts[page] == {None}, page


# --- What the index holds of a calculator page --------------------------------------------------------

WIDGET = ".guide-calculator"


def search_documents(site) -> list[dict]:
    return json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]


def calculator_pages(site) -> list[str]:
    return [page for page in page_slugs() if select(site, page, WIDGET)]


def within(node, ancestor) -> bool:
    while node is not None:
        if node.mem_id == ancestor.mem_id:
            return True
        node = node.parent
    return False


def test_every_calculator_page_is_found(built_site, guide):
    assert len(calculator_pages(built_site)) == sum("calculateur" in data for data in guide.frameworks.values())


def test_the_sections_after_a_calculator_are_in_the_index(built_site):
    """The widget is out of the index, what follows it is not: the formula, the assumptions, the worked example
    and the limits are where a reader's question about the calculation finds its answer."""
    indexed = {document["location"] for document in search_documents(built_site)}
    for page in calculator_pages(built_site):
        [widget] = select(built_site, page, WIDGET)
        after, seen = [], False
        for node in select(built_site, page, f"h2, {WIDGET}"):
            if node.mem_id == widget.mem_id:
                seen = True
            elif seen and not within(node, widget) and "data-search-exclude" not in node.attributes:
                after.append(node.attributes["id"])
        assert after, page
        assert [f"{page}/#{anchor}" for anchor in after if f"{page}/#{anchor}" not in indexed] == [], page


def test_a_calculators_own_labels_are_not_in_the_index(built_site):
    """The widget's fields touch on every topic of the guide: their labels and help texts, where the page does not
    say them outside the widget, are not indexed (/internalisation/ came first for unrelated questions)."""
    documents = search_documents(built_site)
    for page in calculator_pages(built_site):
        [widget] = select(built_site, page, WIDGET)
        outside = normalise(article_text(built_site, page).replace(text_of(widget), " "))
        own = {text_of(node) for node in widget.css("label, .guide-field__hint, .guide-result__help, legend")} - {""}
        own = {text for text in own if text not in outside}
        assert own, page
        indexed = normalise(" ".join(text_of(LexborHTMLParser(document["text"]).body) for document in documents
                                     if document["location"].split("#")[0] == f"{page}/"))
        assert indexed and [text for text in own if text in indexed] == [], page


def test_a_cells_column_name_shown_on_phones_is_not_in_the_index_and_its_text_is(built_site):
    """A wide table becomes one card per row on a phone, each cell then showing its column's name (``cell_label``).
    The index keeps the cell's text, not that name: it repeated the column's name in every row, run into the cell's
    text (« Ce qu’apporte le CMOVision, cadrage et gouvernance » in a result)."""
    documents = search_documents(built_site)
    labelled = [page for page in page_slugs() if select(built_site, page, ".guide-cell-label")]
    assert labelled
    for page in labelled:
        indexed = " ".join(text_of(LexborHTMLParser(document["text"]).body) for document in documents
                           if document["location"].split("#")[0] == f"{page}/")
        for label in select(built_site, page, ".guide-cell-label"):
            cell, name = text_of(label.parent), text_of(label)
            assert cell.startswith(name) and cell[len(name):].strip(), (page, cell)
            assert cell not in indexed, (page, cell)
            assert cell[len(name):].strip() in indexed, (page, cell)


def test_a_heading_several_pages_share_gets_its_pages_title_and_no_other_does():
    documents = [
        {"location": "a/", "title": "Page A", "text": ""},
        {"location": "a/#formule", "title": "La formule", "text": "x"},
        {"location": "a/#propre", "title": "Propre à A", "text": "x"},
        {"location": "b/", "title": "Page &lt;B&gt;", "text": ""},
        {"location": "b/#formule", "title": "La formule", "text": "y"},
        {"location": "b/#autre", "title": "La formule bis", "text": "y"},
        {"location": "faq/", "title": "Questions", "text": "", "boost": 0.5},
        {"location": "faq/#propre", "title": "Propre à A", "text": "x", "boost": 0.5},
    ]
    marked = with_page_titles(documents)
    assert {document["location"]: document.get(PAGE_TITLE_KEY) for document in marked} == {
        "a/": None, "a/#formule": "Page A", "a/#propre": None, "b/": None, "b/#formule": "Page &lt;B&gt;",
        "b/#autre": None, "faq/": None, "faq/#propre": None}  # the FAQ repeats a page's question: not shared
    unmarked = [{key: value for key, value in document.items() if key != PAGE_TITLE_KEY} for document in marked]
    assert unmarked == documents


def test_the_built_index_gives_the_calculators_shared_headings_their_pages_title(built_site):
    documents = search_documents(built_site)
    titles = {document["location"]: document["title"] for document in documents if "#" not in document["location"]}
    for page in calculator_pages(built_site):
        shared = [document for document in documents if document["location"].startswith(f"{page}/#")
                  and PAGE_TITLE_KEY in document]
        assert len(shared) >= 3, page  # the formula, the assumptions, the example, the limits
        assert {document[PAGE_TITLE_KEY] for document in shared} == {titles[f"{page}/"]}


# --- Blocks (cards, divergences, steps) as results of their own -------------------------------------------


BLOCKS = """<h2 id="s">Section</h2>
<p>Avant.</p>
<div class="grid guide-cards">
<div class="card guide-kpi" id="cac">
<p class="kicker">CAC</p>
<p><strong>Coût d’acquisition <abbr title="t">client</abbr> &amp; co</strong></p>
<p>Le total investi, rapporté aux clients acquis.</p>
</div>
<div class="card" id="chiffre">
<p><span>+18 %</span>
<span>de leads qualifiés</span></p>
</div>
<div class="card"><p><strong>Sans ancre</strong></p></div>
<div class="autre" id="pas-un-bloc"><p><strong>Autre</strong></p></div>
</div>
<div class="guide-divergence" id="ecart">
<p><strong>Ce que disent les sources</strong> — L’effectif du modèle centralisé</p>
</div>
<p>Après.</p>
"""


def test_a_block_with_an_id_gets_a_heading_with_its_id_and_its_first_bold_words_or_first_paragraph():
    indexed = LexborHTMLParser(item_sections(BLOCKS))
    headings = [(node.attributes.get("id"), node.text()) for node in indexed.css("h6")]
    assert headings == [("cac", "Coût d’acquisition client & co"), ("chiffre", "+18 % de leads qualifiés"),
                        ("ecart", "Ce que disent les sources — L’effectif du modèle centralisé")]
    [cac] = indexed.css("div#cac")
    assert cac.child.tag == "h6"  # the heading opens the block: its section starts there and ends with it


def test_a_blocks_title_keeps_its_no_break_spaces_and_collapses_the_others():
    html = '<div class="card" id="signal"><p><strong>Signal\u00a02\u202f:\n   Marketing  dispersé</strong></p></div>'
    [title] = LexborHTMLParser(item_sections(html)).css("h6")
    assert title.text() == "Signal\u00a02\u202f: Marketing dispersé"


def test_only_the_blocks_classes_with_an_id_are_blocks():
    assert item_ids(BLOCKS) == {"cac", "chiffre", "ecart"}
    assert "card" in ITEM_CLASSES and "autre" not in ITEM_CLASSES


def test_the_indexed_copy_differs_from_the_page_by_the_headings_only():
    indexed = item_sections(BLOCKS)
    assert re.sub(r"<h6 id=\"[^\"]*\">.*?</h6>", "", indexed) == BLOCKS
    assert item_sections("<p>Rien.</p>") == "<p>Rien.</p>"


def test_the_indexed_copy_has_a_space_after_each_line_break_and_the_page_none():
    """The search's parser keeps only the text around a <br>: « Agilité.<br>Adaptation » ran together in results."""
    page = "<td>Agilité.<br>Adaptation rapide.<br/>Souple.<br> Déjà espacé.</td>"
    assert searchable_html(page) == "<td>Agilité.<br> Adaptation rapide.<br/> Souple.<br> Déjà espacé.</td>"
    assert shown_html(page) == page


TABLE = ("<table><thead><tr><th>Situation</th><th>Modèle</th></tr></thead><tbody>"
         "<tr><td>Startup</td><td><p>Freelances</p></td></tr>\n<tr><td>PME</td><td>Hybride</td></tr></tbody></table>")


def test_the_indexed_copy_separates_a_tables_cells_and_the_page_does_not():
    """The search's parser keeps a cell's text only: a table read as one run-on line in the results."""
    indexed = searchable_html(TABLE)
    assert text_of(LexborHTMLParser(indexed).body) == "Situation · Modèle · Startup · Freelances · PME · Hybride"
    assert indexed.replace(CELL_SEPARATOR, "") == TABLE
    assert shown_html(TABLE) == TABLE


def test_the_cells_separator_is_no_word_for_the_search(built_site):
    """mkdocs.yml gives the search its separator of words (lunr's, in the browser): the cells' one is in it."""
    separator = json.loads((built_site / "search" / "search_index.json").read_text(encoding="utf-8"))["config"]["separator"]
    assert [word for word in re.split(separator, f"Startup{CELL_SEPARATOR} PME") if word] == ["Startup", "PME"]


def test_a_blocks_title_stays_escaped_text():
    html = '<div class="card" id="x&amp;y"><p><strong>&lt;script&gt;alert(1)&lt;/script&gt;</strong></p></div>'
    indexed = LexborHTMLParser(item_sections(html))
    assert indexed.css("script") == []
    [heading] = indexed.css("h6")
    assert (heading.attributes["id"], heading.text()) == ("x&y", "<script>alert(1)</script>")


def test_the_searchable_copy_has_the_blocks_headings_and_not_what_is_out_of_search():
    from guide.search import out_of_search
    html = searchable_html(BLOCKS + out_of_search('<div class="card" id="hors"><p><strong>Hors</strong></p></div>'))
    assert [node.attributes["id"] for node in LexborHTMLParser(html).css("h6")] == ["cac", "chiffre", "ecart"]


def test_a_blocks_text_is_also_in_the_section_around_it_which_its_key_names():
    documents = [
        {"location": "a/", "title": "Page A", "text": "<p>Intro</p>"},
        {"location": "a/#carte", "title": "Carte", "text": "<p>Mot de la carte</p>"},
        {"location": "a/#s", "title": "Section", "text": "<p>Début</p>"},
        {"location": "a/#c1", "title": "Un", "text": "<p>un</p>"},
        {"location": "a/#c2", "title": "Deux", "text": "<p>deux</p>"},
        {"location": "b/#c1", "title": "Autre page", "text": "<p>b</p>"},
    ]
    joined = with_items_in_sections(documents, {"a/": {"carte", "c1", "c2"}, "b/": set()})
    assert [(document["location"], document["text"], document.get(ITEM_KEY)) for document in joined] == [
        ("a/", "<p>Intro</p> <p>Mot de la carte</p>", None),
        ("a/#carte", "<p>Mot de la carte</p>", "a/"),
        ("a/#s", "<p>Début</p> <p>un</p> <p>deux</p>", None),
        ("a/#c1", "<p>un</p>", "a/#s"),
        ("a/#c2", "<p>deux</p>", "a/#s"),
        ("b/#c1", "<p>b</p>", None),  # another page's section of the same id is no block
    ]


def test_the_built_index_has_each_block_with_an_id_as_a_result_inside_its_section(built_site):
    """Every card, divergence and step with an id is a result of its own, its words also in the section around it."""
    documents = search_documents(built_site)
    by_location = {document["location"]: document for document in documents}
    blocks = [document for document in documents if ITEM_KEY in document]
    assert blocks
    pages = {document["location"].partition("#")[0] for document in documents}
    for page in sorted(pages):
        ids = {node.attributes["id"] for node in select(built_site, page.rstrip("/"), "[id]")
               if set((node.attributes.get("class") or "").split()) & ITEM_CLASSES
               and not any(within(node, widget) for widget in select(built_site, page.rstrip("/"), WIDGET))}
        indexed = {document["location"].partition("#")[2] for document in blocks
                   if document["location"].partition("#")[0] == page}
        assert indexed == ids, page
    for block in blocks:
        around = by_location[block[ITEM_KEY]]
        assert around["location"].partition("#")[0] == block["location"].partition("#")[0]
        assert block["title"] and block["text"] in around["text"], block["location"]


# --- Mistakes in the synonyms: French errors at their line --------------------------------------------


def add_group(project, lines: str) -> tuple[int, int]:
    """Add a synonym group as an editor types it, after the last one: (its index in the list, its first line)."""
    groups = read_value(project, GLOSSARY_FRAMEWORK, (SYNONYMS_KEY,))
    append_item(project, GLOSSARY_FRAMEWORK, (SYNONYMS_KEY,), lines)
    return len(groups), line_of(project / GLOSSARY_FILE, "  - id: essai-lecteurs")


def test_a_misspelt_field_in_a_group_is_reported_at_its_line(project):
    index, line = add_group(project, "id: essai-lecteurs\nmot: [salariés, équipiers]\nguide: [employés]")
    errors = load_errors(project)
    unknown = next(error for error in errors if error.field == f"synonymes_recherche[{index}].mot")
    assert unknown.file == GLOSSARY_FILE and unknown.line == line + 1
    assert unknown.message == "champ inconnu : vouliez-vous dire « mots » ?"
    missing = next(error for error in errors if error.field == f"synonymes_recherche[{index}].mots")
    assert missing.line == line and missing.message == "ce champ est obligatoire"


def test_a_wildcard_in_a_word_is_reported_at_its_line(project):
    index, line = add_group(project, "id: essai-lecteurs\nmots: [embaucher, engag*]\nguide: [recruter]")
    [error] = load_errors(project)
    assert (error.file, error.line) == (GLOSSARY_FILE, line + 1)
    assert error.field == f"synonymes_recherche[{index}].mots[1]"
    assert error.message == "un mot ou une expression sur une seule ligne, sans astérisque (par exemple : CMO à temps partiel)"


def test_a_group_without_guide_needs_two_words(project):
    index, line = add_group(project, "id: essai-lecteurs\nmots: [embaucher]")
    [error] = load_errors(project)
    assert (error.line, error.field) == (line + 1, f"synonymes_recherche[{index}].mots")
    assert error.message == "la liste doit contenir au moins 2 éléments"


def test_a_guide_written_as_a_text_instead_of_a_list_is_an_error(project):
    index, line = add_group(project, "id: essai-lecteurs\nmots: [embaucher, engager]\nguide: recruter")
    [error] = load_errors(project)
    assert (error.line, error.field) == (line + 2, f"synonymes_recherche[{index}].guide")
    assert error.message.startswith("doit être une liste")


def test_a_group_id_used_twice_is_an_error(project):
    first = read_value(project, GLOSSARY_FRAMEWORK, (SYNONYMS_KEY, 0, "id"))
    index, line = add_group(project, "id: essai-lecteurs\nmots: [embaucher, engager]\nguide: [recruter]")
    set_text(project, GLOSSARY_FRAMEWORK, (SYNONYMS_KEY, index, "id"), first)
    [error] = load_errors(project)
    assert (error.line, error.field) == (line, f"synonymes_recherche[{index}].id")
    assert f"identifiant en double « {first} »" in error.message


# --- The readers' questions (page.recherche) ---------------------------------------------------------------------


def test_readers_questions_aim_at_their_page_or_its_section(guide):
    """Without ``section``, a file's questions aim at its own place: its page, or its part of the page that shows
    it; with one, at that anchor of the page. Spaces are normalised, the order kept."""
    home = guide.frameworks[HOME]
    sections = [name for name in guide.frameworks if page_url(home, name).count("#")]
    assert sections  # a framework shown as a section of another page
    plan_only = {key: value for key, value in home.items() if key != "page"}  # the plan, without the home's questions
    frameworks = {
        HOME: plan_only,
        "signaux": {"page": {"recherche": [{"mots": [" tout  va   mal ", "b"]}, {"section": "x", "mots": ["c"]}]}},
        sections[0]: {"page": {"recherche": [{"mots": ["d"]}]}},
        "kpis": {"page": {"titre": "sans questions"}},
    }
    assert search_words(frameworks) == {
        page_url(home, "signaux"): ["tout va mal", "b"],
        page_url(home, "signaux", "x"): ["c"],
        page_url(home, sections[0]): ["d"],
    }
    assert search_words({"signaux": frameworks["signaux"]}) == {}  # no plan, no address


def test_the_script_gives_the_worker_the_readers_questions(guide, glossary):
    words = search_words(guide.frameworks)
    assert len(words) >= 20
    assert script_words(synonyms_script(glossary, None, words)) == words
    assert script_words(synonyms_script(glossary)) == {}


def test_every_readers_question_aims_at_a_result_of_the_built_index(built_site, guide, glossary):
    """Each address the questions aim at is a result of the search index: the page, a section or a block."""
    locations = {document["location"] for document in search_documents(built_site)}
    words = script_words((built_site / "assets" / "javascripts" / SYNONYMS_SCRIPT).read_text(encoding="utf-8"))
    assert words == search_words(guide.frameworks, faq_question_locations(
        guide.frameworks, faq_question_anchors(guide.frameworks, guide_page_ids(guide))))
    assert sorted(set(words) - locations) == []


TEST_WORDS = "mots d'un lecteur pour ce test"


def faq_question_with_readers_words(project) -> tuple[dict, dict]:
    """(the first FAQ question that a theme's page shows, given readers' words of this test's own, the guide), read
    from a copy of the content: whatever words the questions have today."""
    guide = load_guide(project)
    anchors = faq_question_anchors(guide.frameworks, guide_page_ids(guide))
    index, question = next((index, question) for index, question in enumerate(guide.frameworks[FAQ_FRAMEWORK][
        FAQ_QUESTIONS_KEY]) if question["id"] in anchors)
    path = (FAQ_QUESTIONS_KEY, index)
    if question.get(SEARCH_WORDS_KEY):
        append_item(project, FAQ_FRAMEWORK, (*path, SEARCH_WORDS_KEY), quoted(TEST_WORDS))
    else:
        add_field(project, FAQ_FRAMEWORK, path, SEARCH_WORDS_KEY, "\n- " + quoted(TEST_WORDS))
    guide = load_guide(project)
    return guide.frameworks[FAQ_FRAMEWORK][FAQ_QUESTIONS_KEY][index], guide


def test_an_faq_question_s_readers_words_follow_it_when_an_editor_rewords_it(project):
    """Its words aim at the question on the FAQ's page and where its first theme's page shows it, an anchor made of
    its words: reworded in faq.yml, the question keeps them at its new anchor, and the content stays valid."""
    question, guide = faq_question_with_readers_words(project)
    home = guide.frameworks[HOME]
    assert TEST_WORDS in question[SEARCH_WORDS_KEY]
    before = faq_question_anchors(guide.frameworks, guide_page_ids(guide))[question["id"]]
    reword(project, FAQ_FRAMEWORK, (FAQ_QUESTIONS_KEY, {"id": question["id"]}, "question"),
           lambda text: "Vraiment, " + text.rstrip(" ?").lower() + " ?")
    guide = load_guide(project)  # no error: an ordinary rewording
    after = faq_question_anchors(guide.frameworks, guide_page_ids(guide))[question["id"]]
    words = search_words(guide.frameworks, faq_question_locations(
        guide.frameworks, faq_question_anchors(guide.frameworks, guide_page_ids(guide))))
    assert after != before and after.startswith(before.partition("#")[0] + "#vraiment-")
    expected = [" ".join(text.split()) for text in question[SEARCH_WORDS_KEY]]
    assert set(expected) <= set(words[after])
    assert set(expected) <= set(words[page_url(home, FAQ_FRAMEWORK, question["id"])])
    assert not set(expected) & set(words.get(before, []))


def test_readers_words_aimed_at_an_faq_question_s_anchor_on_a_page_are_an_error_sent_to_faq_yml(project):
    """Written in the page's file, they would break when the question is reworded in faq.yml: the error says where
    they go instead."""
    question, guide = faq_question_with_readers_words(project)
    page, _, anchor = faq_question_anchors(guide.frameworks, guide_page_ids(guide))[question["id"]].partition("#")
    [name] = [name for name in guide.frameworks if page_url(guide.frameworks[HOME], name, None) == page]
    path = project / "frameworks" / f"{name}.yml"
    entries = ((guide.frameworks[name] or {}).get("page") or {}).get(SEARCH_WORDS_KEY) or []
    entry = f'section: {anchor}\nmots:\n  - "test"'
    if entries:
        append_item(project, name, ("page", SEARCH_WORDS_KEY), entry)
    else:
        add_field(project, name, ("page",), SEARCH_WORDS_KEY, "\n- " + entry.replace("\n", "\n  "))
    [error] = [error for error in load_errors(project) if "recherche" in error.field]
    assert (error.file, error.line, error.field) == (f"frameworks/{name}.yml", line_of(path, f"section: {anchor}"),
                                                     f"page.recherche[{len(entries)}].section")
    assert "faq.yml" in error.message and f"« {question['id']} »" in error.message


def first_section_of_readers_questions(project):
    """(file, line, anchor) of the first ``section:`` of a page.recherche in the content, found by the YAML."""
    import yaml

    for path in sorted((project / "frameworks").glob("*.yml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        for entry in ((data or {}).get("page") or {}).get("recherche") or []:
            if entry.get("section"):
                needle = f"- section: {entry['section']}"
                return path, line_of(path, needle), entry["section"]
    raise AssertionError("aucune section dans les questions des lecteurs")


def test_a_readers_question_aimed_at_an_anchor_the_page_lacks_is_an_error_at_its_line(project):
    path, line, anchor = first_section_of_readers_questions(project)
    replace_in(path, f"- section: {anchor}\n", f"- section: {anchor}x\n")
    errors = load_errors(project)
    [error] = [error for error in errors if error.field.endswith(".section") and "recherche" in error.field]
    assert (error.file, error.line) == (f"frameworks/{path.name}", line)
    assert f"« {anchor}x » n'est pas une ancre de la page" in error.message
    assert f"vouliez-vous dire « {anchor} » ?" in error.message
