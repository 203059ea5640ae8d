"""The glossary page, and its terms explained as tooltips wherever a page uses them."""

from __future__ import annotations

import re

from guide.glossary import abbreviations, explain_first_use_only, tooltip
from tests.helpers import load_errors, replace_in
from tests.site_text import article_text, page_tree, select, text_of

KPI = {"terme": "KPI", "developpe": "key performance indicator", "definition": "Un indicateur.", "formes": ["KPIs", "KPI"]}


def test_a_form_is_found_as_a_whole_word_only():
    assert abbreviations("Suivre les KPIs du mois.", [KPI]) == "*[KPIs]: Key performance indicator. Un indicateur."
    assert abbreviations("Le KPI principal", [KPI]) == "*[KPI]: Key performance indicator. Un indicateur."
    assert abbreviations("KPIS, MKPI, KPI-like, kpi", [KPI]) == ""


def test_a_definition_reaches_the_tooltip_as_typed_entities_and_markup_included():
    import markdown

    term = {"terme": "KPI", "definition": "A &amp; B <b>gras</b> \"cité\" & C.", "formes": ["KPI"]}
    html = markdown.markdown("Le KPI.\n\n" + abbreviations("Le KPI.", [term]), extensions=["abbr"])
    [title] = re.findall(r'title="([^"]*)"', html)
    from html import unescape
    assert unescape(title) == 'A &amp; B <b>gras</b> "cité" & C.'


def test_a_term_without_expansion_shows_its_definition():
    assert tooltip({"terme": "SWOT", "definition": "Une matrice."}) == "Une matrice."


def test_terms_used_on_a_page_are_explained_on_hover(built_site, guide):
    romi = next(term for term in guide.frameworks["glossaire"]["termes"] if term["id"] == "romi")
    titles = {text_of(abbr): abbr.attributes["title"] for abbr in select(built_site, "roi", "abbr[title]")}
    assert "ROMI" in titles
    assert titles["ROMI"].startswith("Return On Marketing Investment, retour sur investissement marketing.")
    assert romi["definition"][:20].replace("'", "’") in titles["ROMI"]


def test_the_glossary_page_lists_every_term_in_alphabetical_order(built_site, guide):
    terms = guide.frameworks["glossaire"]["termes"]
    text = article_text(built_site, "glossaire")
    positions = [text.index(term["terme"] + " ") for term in sorted(terms, key=lambda term: term["terme"].lower())]
    assert positions == sorted(positions)
    assert len(terms) >= 25
    ids = {node.attributes["id"] for node in select(built_site, "glossaire", "[id]")}
    for term in terms:
        assert term["id"] in ids


def test_a_term_pointing_to_an_unknown_page_is_an_error(project):
    replace_in(project / "frameworks" / "glossaire.yml", "cadre: role-cmo", "cadre: role-cm")
    [error] = load_errors(project)
    assert error.file == "frameworks/glossaire.yml" and error.field == "termes[0].cadre"
    assert "vouliez-vous dire « role-cmo » ?" in error.message


def test_only_the_first_use_of_a_term_carries_its_tooltip():
    html = '<p><abbr title="a">CAC</abbr> et <abbr title="b">LTV</abbr>, puis <abbr title="a">CAC</abbr>.</p>'
    assert explain_first_use_only(html) == '<p><abbr title="a">CAC</abbr> et <abbr title="b">LTV</abbr>, puis CAC.</p>'


def test_each_built_page_explains_a_term_once(built_site):
    for page in ("roi", "hypercroissance", "kpis"):
        terms = [text_of(abbr) for abbr in page_tree(built_site, page).css("abbr[title]")]  # anywhere on the page
        assert terms and len(terms) == len(set(terms)), page


# --- The matcher: one pass over the text, the same answer as a search for each form ----------------

from hypothesis import given  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from guide.glossary import GlossaryMatcher  # noqa: E402

MATCHER_FORMS = ["CMO", "Fractional CMO", "CMO fractionné", "test & learn", "go / no go", "4P/4C", "Shadow IT", "LTV", "ROI"]
MATCHER_TERMS = [{"formes": [form], "definition": f"Définition {index}."} for index, form in enumerate(MATCHER_FORMS)]


def by_search(text: str) -> list[int]:
    """The definition the matcher must agree with: each form searched on its own, as whole words."""
    return [index for index, form in enumerate(MATCHER_FORMS)
            if re.search(r"(?<![\w-])" + re.escape(form) + r"(?![\w-])", text)]


@given(st.lists(st.sampled_from(MATCHER_FORMS + ["le", "-", "CMOs", "xCMO", "ROI-", " ", ",", "é", "Fractional", "\n"]),
                max_size=30).map(" ".join) | st.text(alphabet="CMOROILTV -/&4Pé\n", max_size=40))
def test_the_matcher_finds_exactly_the_forms_a_search_finds(text):
    assert GlossaryMatcher(MATCHER_TERMS).found(text) == by_search(text)


def test_the_glossary_credits_every_source_its_entries_name(guide, rendered_pages):
    """An entry that names a source's author (Antoine Blot, Advalians, Partoo's former CMO, the Bannouze episode)
    lists one of that author's sources in ``sources``, and the page credits every source its entries list: the
    credits are derived from the entries, not written by hand."""
    sources = guide.frameworks["sources"]["sources"]

    def names(source: dict) -> set[str]:
        signed = {source.get("auteur"), (source.get("organisation") or "").split(",")[0] or None}
        if source.get("invite"):
            signed.add("Partoo")
        return {name for name in signed if name}

    credited = set(rendered_pages["glossaire"].source_ids)
    listed = set()
    glossary = guide.frameworks["glossaire"]
    for entry in glossary["termes"] + glossary.get("terminologie", []):
        text = " ".join(str(entry.get(key, "")) for key in ("definition", "note", "developpe"))
        for source in sources:
            if any(name in text for name in names(source)):
                authors = {other["id"] for other in sources if names(other) & names(source)}
                assert authors & set(entry.get("sources", [])), (entry["id"], source["id"])
        listed |= set(entry.get("sources", []))
    assert len(listed) >= 2 and listed <= credited
