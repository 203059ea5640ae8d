"""One preferred term per concept (terminologie in glossaire.yml), and no English jargon left unexplained.

- The check (guide.terminology) reports a variant at its line, with its field and the term to write, and
  spares quotations, the words a block lists in its field ``termes_de_la_source``, the glossary's own words and verbatim quotes.
- The content has no variant left: CI blocks a new one (``guide check`` only warns).
- The templates and the calculators' messages use the preferred terms too.
- Every English word of the trade listed below that a page shows is a glossary term (tooltip on first use).
"""

from __future__ import annotations

import ast
import re
import subprocess
import sys
from pathlib import Path

import pytest

from guide.catalog import FRAMEWORKS_DIR_NAME, REPO_ROOT, load_guide
from guide.markers import SOURCE_TERMS, unused_markers
from guide.rendering import TEMPLATES_DIR, make_environment
from guide.terminology import TerminologyChecker, non_preferred_terms, quoted_spans, terminology
from tests.helpers import line_of, load_errors, page_slugs, prefix_field, replace_in
from tests.site_text import article_text


@pytest.fixture(scope="module")
def terms(guide) -> list[dict]:
    """The terminology list of glossaire.yml."""
    return terminology(guide.frameworks)


@pytest.fixture(scope="module")
def glossary(guide) -> list[dict]:
    return guide.frameworks["glossaire"]["termes"]


def warnings_of(root: Path):
    guide = load_guide(root)
    return non_preferred_terms(root / FRAMEWORKS_DIR_NAME, guide.frameworks, guide.files, guide.parsed)


# --- The check ---------------------------------------------------------------------------------------

def test_a_variant_is_reported_at_its_line_with_the_term_to_write(project):
    faq = project / "frameworks" / "faq.yml"
    prefix_field(faq, ("questions", 0, "reponse"), "Pour un Fractional CMO : ")
    [warning] = warnings_of(project)
    assert (warning.file, warning.line, warning.field) == ("frameworks/faq.yml", line_of(faq, "Pour un Fractional CMO"),
                                                           "questions[0].reponse")
    assert warning.column == faq.read_text(encoding="utf-8").splitlines()[warning.line - 1].index("Fractional CMO") + 1
    assert warning.message.startswith("écrivez « CMO à temps partagé » (terme préféré du guide) ; « Fractional CMO » "
                                      "n'apparaît que cité entre « » ou expliqué")
    assert f'« {SOURCE_TERMS}: ["Fractional CMO"] »' in warning.message  # what to type, and where


def test_the_check_command_prints_it_as_a_warning_and_succeeds(project):
    prefix_field(project / "frameworks" / "signaux.yml", ("signaux", 0, "symptome"), "Faute de CMO externalisé : ")
    result = subprocess.run([sys.executable, "-m", "guide", "check", "--root", str(project)],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    [line] = [line for line in result.stdout.splitlines() if line.startswith("frameworks/")]
    assert "signaux[0].symptome\u202f: écrivez «\u202fCMO à temps partagé\u202f» (terme préféré du guide)\u202f; «\u202fCMO externalisé\u202f»" in line
    assert line.endswith("(attention, pas une erreur)")
    assert result.stdout.splitlines()[-1].startswith("Contenu valide\u202f: ")


def test_a_quoted_variant_and_a_variant_its_block_lists_are_not_reported(project):
    faq = project / "frameworks" / "faq.yml"
    prefix_field(faq, ("questions", 0, "reponse"), "Pour Antoine Blot (« Fractional CMO ») : ")
    number = prefix_field(faq, ("questions", 3, "reponse"), "Pour Antoine Blot, Fractional CMO : ")
    assert [warning.field for warning in warnings_of(project)] == ["questions[3].reponse"]
    text = faq.read_text(encoding="utf-8").splitlines()
    text.insert(number, f'    {SOURCE_TERMS}: ["fractional  CMO"]')  # written in another case, with two spaces
    faq.write_text("\n".join(text) + "\n", encoding="utf-8")
    assert warnings_of(project) == []


def test_a_listed_source_term_spares_only_its_own_block(project):
    faq = project / "frameworks" / "faq.yml"
    number = prefix_field(faq, ("questions", 3, "reponse"), "Fractional CMO : ")  # whatever the answers say
    prefix_field(faq, ("questions", 0, "reponse"), "CMO externalisé : ")
    text = faq.read_text(encoding="utf-8").splitlines()
    text.insert(number, f'    {SOURCE_TERMS}: ["CMO externalisé"]')
    faq.write_text("\n".join(text) + "\n", encoding="utf-8")
    # The other question's « CMO externalisé » is not spared, nor this one's « Fractional CMO », which its block does
    # not list; the block's listed word that none of its texts writes is named.
    reported = sorted((warning.field, warning.message.split(";")[1].split("»")[0]) for warning in warnings_of(project))
    assert reported == [("questions[0].reponse", " « CMO externalisé "), ("questions[3].reponse", " « Fractional CMO ")]
    guide = load_guide(project)
    [unused] = unused_markers(guide.frameworks, guide.files, guide.parsed)
    assert (unused.field, unused.line) == (f"questions[3].{SOURCE_TERMS}[0]", line_of(faq, SOURCE_TERMS + ': ["CMO ext'))
    assert unused.message.startswith("« CMO externalisé » n'est écrit dans aucun texte de ce bloc : retirez-le")


def test_the_old_comment_is_an_error_that_says_what_to_type_instead(project):
    """Editors' old habit: « # terme de la source » at a line's end. A form would drop it: it is refused at its place,
    with the field to add, beside the text of that line, and the words that text needs listed."""
    faq = project / "frameworks" / "faq.yml"
    replace_in(faq, 'reponse: "Non, répond Antoine Blot', 'reponse: "Non, répond Antoine Blot, Fractional CMO')
    text = faq.read_text(encoding="utf-8").splitlines()
    number = line_of(faq, "Non, répond Antoine Blot, Fractional CMO")
    text[number - 1] += "  # Terme de la source"
    faq.write_text("\n".join(text) + "\n", encoding="utf-8")
    [error] = load_errors(project)
    assert (error.file, error.line, error.column) == ("frameworks/faq.yml", number, text[number - 1].index("# Terme") + 1)
    assert error.message == ("le commentaire « # terme de la source » n'est plus lu (un formulaire l'effacerait) : "
                             "retirez-le et, pour dire que ce texte explique le mot d'une source, ajoutez au même "
                             f"niveau que « reponse: » le champ « {SOURCE_TERMS}: [\"Fractional CMO\"] »")


def test_the_old_comment_on_a_line_of_its_own_names_no_field_beside(project):
    faq = project / "frameworks" / "faq.yml"
    replace_in(faq, "questions:\n", "questions:\n  # terme de la source\n")
    [error] = load_errors(project)
    assert (error.line, error.column) == (line_of(faq, "  # terme de la source"), 3)
    assert error.message.endswith(f"ajoutez au bloc de ce texte le champ « {SOURCE_TERMS}: [\"le mot de la source\"] »")


def test_a_text_that_quotes_the_old_comment_is_not_a_comment(project):
    faq = project / "frameworks" / "faq.yml"
    replace_in(faq, 'reponse: "Non, répond Antoine Blot', 'reponse: "Non (pas de # terme de la source ici), répond Antoine Blot')
    assert load_guide(project).frameworks["faq"]["questions"][3]["reponse"].startswith("Non (pas de # terme")


CHECKER = TerminologyChecker([
    {"id": "cmo", "terme": "CMO à temps partagé", "variantes": ["Fractional CMO", "CMO fractionné"]},
    {"id": "martech", "terme": "MarTech", "variantes": ["Martech", "martech"], "sensible_a_la_casse": True},
    {"id": "kpi", "terme": "KPI", "variantes": ["KPIs"]},
    {"id": "evolutif", "terme": "modèle hybride évolutif", "variantes": ["hybride évolutif"]},
])


def found(text: str) -> list[str]:
    return [text[start:end] for start, end, _ in CHECKER.find(text)]


@pytest.mark.parametrize(("text", "expected"), [
    ("Un Fractional CMO.", ["Fractional CMO"]),
    ("Un fractional cmo, puis un FRACTIONAL CMO.", ["fractional cmo", "FRACTIONAL CMO"]),  # case-insensitive entry
    ("Des CMO fractionnés.", ["CMO fractionnés"]),  # each word may take its plural
    ("Le CMO\u202ffractionné", ["CMO\u202ffractionné"]),  # any space between words
    ("Les KPIs, les KPI.", ["KPIs"]),  # the preferred term's plural is the variant: reported
    ("Les outils MarTech.", []),
    ("Les outils Martech, les outils martech.", ["Martech", "martech"]),  # case-sensitive entry
    ("Les outils MARTECH.", []),  # … which matches only the listed forms (and their capitalised first letter)
    ("Le modèle hybride évolutif, le hybride évolutif.", ["hybride évolutif"]),  # inside a preferred term: spared
    ("Un Fractional-CMO, des Fractional CMOx.", []),  # whole words only
    ("Il l'appelle « Fractional CMO », ou “CMO fractionné”.", []),  # quotations
    ("Une « citation « imbriquée » avec Fractional CMO » puis Fractional CMO.", ["Fractional CMO"]),
    ("{seuil:cmo-fractionne-jours-min}", []),
])
def test_what_the_checker_finds(text, expected):
    assert found(text) == expected


def test_quoted_spans_count_nested_quotations_once():
    assert quoted_spans("a « b « c » d » e « f") == [(2, 15), (18, 21)]


def test_the_glossary_s_own_words_and_verbatim_quotes_are_spared(project):
    glossary = project / "frameworks" / "glossaire.yml"
    replace_in(glossary, 'definition: "Le terme en usage au Québec', 'definition: "Une impartition : le terme en usage au Québec')
    replace_in(glossary, 'definition: "Personne qui dirige le marketing.', 'definition: "Personne qui dirige le marketing, ou une impartition.')
    replace_in(project / "frameworks" / "seuils.yml", 'citation: "Lorsque les interactions', 'citation: "Un Fractional CMO. Lorsque les interactions')
    [warning] = warnings_of(project)  # the term « Impartition » explains its own word; « Head of Marketing » does not
    assert warning.file == "frameworks/glossaire.yml" and warning.field == "termes[2].definition"
    assert "écrivez « externalisation »" in warning.message


# --- The content -------------------------------------------------------------------------------------

def test_the_content_uses_the_preferred_terms(guide):
    assert non_preferred_terms(REPO_ROOT / FRAMEWORKS_DIR_NAME, guide.frameworks, guide.files, guide.parsed) == []


def test_the_decided_preferred_terms_are_listed(terms):
    preferred = {entry["terme"]: entry for entry in terms}
    assert {"CMO à temps partagé", "employés", "KPI", "MarTech", "externalisation", "modèle hybride",
            "modèle hybride évolutif", "gouvernance hybride"} <= set(preferred)
    assert {"Fractional CMO", "CMO fractionné", "CMO externalisé", "CMO à temps partiel", "direction fractionnée",
            "direction marketing externalisée"} <= set(preferred["CMO à temps partagé"]["variantes"])
    assert preferred["MarTech"].get("sensible_a_la_casse") is True
    by_entry = [{variant.casefold() for variant in entry["variantes"]} for entry in terms]
    assert sum(map(len, by_entry)) == len(set().union(*by_entry)), "une variante appartient à une seule notion"


def test_the_three_hybrids_each_have_their_glossary_definition_telling_them_apart(glossary):
    terms = {term["id"]: term for term in glossary}
    for own, others in [("modele-hybride", ["modèle hybride évolutif", "gouvernance hybride"]),
                        ("gouvernance-hybride", ["modèle hybride"]), ("modele-hybride-evolutif", ["modèle hybride"])]:
        assert all(other in terms[own]["definition"] for other in others), own
    assert "hypothèse" in terms["modele-hybride-evolutif"]["definition"]


def _template_texts():
    env = make_environment()
    for path in sorted(TEMPLATES_DIR.glob("*.j2")):
        for line, kind, value in env.lex(path.read_text(encoding="utf-8")):
            if kind in ("data", "string"):
                yield f"{path.name}:{line}", value


def _calculator_texts():
    for path in sorted((REPO_ROOT / "calculators").glob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        skipped = set()
        for node in ast.walk(tree):
            body = getattr(node, "body", None)
            if isinstance(body, list) and body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
                skipped.add(id(body[0].value))  # docstrings: for developers
            if isinstance(node, ast.Dict):
                skipped.update(id(key) for key in node.keys)  # keys: what a reader may type (« 25 salariés »)
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in skipped:
                yield f"{path.name}:{node.lineno}", node.value


def test_the_templates_and_the_calculators_messages_use_the_preferred_terms(terms):
    checker = TerminologyChecker(terms)
    left = [(where, text[start:end]) for where, text in [*_template_texts(), *_calculator_texts()]
            for start, end, _ in checker.find(text)]
    assert left == []


# --- English jargon ----------------------------------------------------------------------------------

# Words of the trade a French founder may not know: a page that shows one explains it through the glossary
# (a form of a glossary term, with its tooltip on first use), or says it in French.
JARGON = [
    "funnel", "pipeline", "scale-up", "scale-ups", "early-stage", "inbound", "outbound", "nurturing", "SaaS",
    "mid-market", "enterprise", "playbook", "playbooks", "stack", "growth", "lead", "leads", "churn", "roadmap",
    "dashboard", "dashboards", "reporting", "feedback", "workflow", "workflows", "template", "templates",
    "checklist", "process", "full-stack", "mid-management", "sales-led", "webinar", "webinars", "scoring",
    "analytics", "onboarding", "benchmark", "insights", "tracking", "retargeting", "growth hacking",
]


def _whole(word: str, flags: int = 0) -> re.Pattern:
    return re.compile(r"(?<![\w-])" + re.escape(word) + r"(?![\w-])", flags)


def unexplained_jargon(text: str, forms: list[str]) -> list[str]:
    covered = [(match.start(), match.end()) for form in forms for match in _whole(form).finditer(text)]
    return [match.group(0) for word in JARGON for match in _whole(word, re.IGNORECASE).finditer(text)
            if not any(start <= match.start() and match.end() <= end for start, end in covered)]


def test_the_jargon_test_finds_an_unexplained_word():
    assert unexplained_jargon("Un funnel, un Lead, des leads.", ["leads"]) == ["funnel", "Lead"]


def test_every_english_jargon_word_on_a_page_is_a_glossary_term(built_site, glossary):
    forms = [form for term in glossary for form in term.get("formes", [])]
    unexplained = {}
    for slug in page_slugs():
        # On the glossary page, each term's own heading names it.
        allowed = forms + ([term["terme"] for term in glossary] if slug == "glossaire" else [])
        words = unexplained_jargon(article_text(built_site, slug), allowed)
        if words:
            unexplained[slug or "accueil"] = sorted(set(words))
    assert unexplained == {}, "traduisez ces mots ou ajoutez-les aux « formes » d'un terme du glossaire"
