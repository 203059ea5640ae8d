"""Benchmark of the site search: do readers' questions reach the page and the section that answer them?

    scripts/benchmark --recherche [--avant CHEMIN [--avant-seulement]] [--reserve] [--detail]

Builds the site (and, with ``--avant CHEMIN``, another checkout of the project, for example a worktree of
``main``, served under /avant/ of the same server), opens it in Debian's Chromium and puts each question into
Material's search box, as a pasted question (the input event guide.mjs passes on to Material): the real search
worker of the built site answers (Material's lunr worker, our French stemming, stop words and synonyms), and the
results are read as the reader sees them, in the page: the result groups in their order (one per page), the
address of each group's first link (where a click on the result leads).

Question sets (each a JSON list of ``{question, page, section, also, kind}``):
- ``anciennes``: the 42 questions of tests/browser/test_search_questions.py (page only);
- ``reglage``: tests/search/questions-reglage.json, the tuning half of the independent question set;
- ``reglage2``: tests/search/questions-reglage-2.json, more tuning questions (90: full questions, figures,
  symptoms; written by another helper under the same rules), read and tuned against like the tuning half;
- ``validation``: tests/search/questions-validation.json, a second independent set (another writer, who read
  neither the other sets nor the readers' questions of the pages): a check that a change measured on the tuning half
  holds on questions nobody tuned against, run more often than the held-out half. Its questions are never printed
  nor written either, only its totals;
- ``reserve``: tests/search/questions-reserve.json, the held-out half, only with ``--reserve``. Nobody tunes
  against it: its questions are never printed nor written, only its aggregate figures.

Figures per set: top-1 and top-3 (the expected page is the first result, one of the first three), mean
reciprocal rank over the first ten results (Material draws ten result groups before the reader scrolls; a page
further down counts 0), and « section » : how often the first result's link opens the expected page at the
expected section (``section``: the heading's or FAQ entry's anchor, with or without « # », or its title).
« page ou also » counts a result on a page listed in ``also`` (a page that answers in part) as found. Then each
set's top-3 by kind of question (``kind``: mots-cles, question, chiffres, symptome, familier, fautes), as totals,
but the held-out half's.
Never asserted by a test. Writes .cache/benchmark-recherche.json.
"""

from __future__ import annotations

import ast
import json
import os
import sys
import tempfile
import unicodedata
from pathlib import Path
from urllib.parse import unquote, urlsplit

from common.typography import print_console
from scripts.project_tools import CHROMIUM, CHROMIUM_ARGS, free_port, mkdocs_build, serve_directory

REPO = Path(__file__).resolve().parent.parent

QUESTIONS_DIR = REPO / "tests" / "search"
SETS = {"reglage": QUESTIONS_DIR / "questions-reglage.json", "reglage2": QUESTIONS_DIR / "questions-reglage-2.json",
        "validation": QUESTIONS_DIR / "questions-validation.json",
        "reserve": QUESTIONS_DIR / "questions-reserve.json"}
HELD_OUT = "reserve"
TOTALS_ONLY = {HELD_OUT, "validation"}  # sets whose questions are never printed
BEFORE_DIR = "avant/"
TOP = 10  # result groups Material draws at once

# Counts what the page asks the search worker and what it answers; keeps the last query asked.
WATCH_SEARCH_WORKER = """
(() => {
  const Native = window.Worker
  window.guideSearch = {asked: 0, answered: 0, query: null}
  window.Worker = class extends Native {
    constructor(url, options) {
      super(url, options)
      if (!String(url).includes("search")) return
      this.addEventListener("message", () => { window.guideSearch.answered += 1 })
      const post = this.postMessage.bind(this)
      this.postMessage = (message, ...rest) => {
        window.guideSearch.asked += 1
        if (message && typeof message.data === "string") window.guideSearch.query = message.data
        post(message, ...rest)
      }
    }
  }
})()
"""
ASK = """(field, text) => {
  field.value = text
  field.dispatchEvent(new InputEvent("input", { bubbles: true, inputType: "insertFromPaste", data: text }))
}"""
FINAL = """question => window.guideSearch.query === question
    && window.guideSearch.asked === window.guideSearch.answered"""
TWO_FRAMES = "() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))"
# Each result group: the address of its first link (where the result leads).
RESULTS = """() => [...document.querySelectorAll(".md-search-result__item")].map(item =>
  item.querySelector("a.md-search-result__link").href)"""


OLD_QUESTIONS = REPO / "tests" / "browser" / "test_search_questions.py"


def old_questions() -> list[dict]:
    """The 42 questions of the browser test, read from its file as data (a script never imports the tests)."""
    tree = ast.parse(OLD_QUESTIONS.read_text(encoding="utf-8"))
    [value] = [node.value for node in tree.body if isinstance(node, ast.Assign)
               and any(isinstance(target, ast.Name) and target.id == "QUESTIONS" for target in node.targets)]
    QUESTIONS = ast.literal_eval(value)
    return [{"question": question, "page": page, "section": None, "also": [], "kind": "anciennes"}
            for question, page in QUESTIONS]


def load_set(name: str) -> list[dict]:
    path = SETS[name]
    if not path.is_file():
        raise SystemExit(f"{path.relative_to(REPO)} manque : copiez-y le jeu de questions")
    return json.loads(path.read_text(encoding="utf-8"))


def page_path(value: str | None) -> str:
    """« /phases/ », « phases », « phases/index.html », « phases/#x » -> « phases/ »; the home page -> « »."""
    path = (value or "").split("#", 1)[0].strip().strip("/")
    path = path.removesuffix("index.html").strip("/")
    return f"{path}/" if path else ""


def folded(text: str) -> str:
    text = unicodedata.normalize("NFD", text or "").lower()
    return " ".join("".join(c for c in text if not unicodedata.combining(c)).replace("’", "'").split())


def section_matches(expected: str | None, anchor: str, titles: dict[str, str], page: str) -> bool:
    """The first result opens ``page`` at ``anchor``; is it the expected section (an anchor or a title)?
    No expected section: the top of the page (no anchor)."""
    if not expected:
        return anchor == ""
    wanted = expected.strip().lstrip("#")
    if "#" in wanted:  # « page/#anchor »
        wanted = wanted.split("#", 1)[1]
    return anchor == wanted or (anchor != "" and folded(titles.get(f"{page}#{anchor}", "")) == folded(expected))


class SearchBox:
    """A page of the served site with Material's search open, ready for questions."""

    def __init__(self, browser, url: str):
        self.url = url
        self.context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="fr-FR")
        self.context.add_init_script(WATCH_SEARCH_WORKER)
        self.page = self.context.new_page()
        self.page.goto(url)
        self.page.locator("label.md-search__icon, .md-search__input").first.click()
        self.page.locator(".md-search-result__meta", has_text="Taper pour démarrer la recherche").wait_for(timeout=30_000)
        self.box = self.page.locator("input.md-search__input")

    def results(self, question: str) -> list[tuple[str, str]]:
        """(page, anchor) of each result group, in order."""
        self.box.evaluate(ASK, question)
        self.page.wait_for_function(FINAL, arg=question, timeout=20_000)
        self.page.evaluate(TWO_FRAMES)
        base = urlsplit(self.url).path
        found = []
        for href in self.page.evaluate(RESULTS):
            parts = urlsplit(href)
            found.append((page_path(unquote(parts.path).removeprefix(base)), unquote(parts.fragment)))
        return found

    def close(self):
        self.context.close()


def measure(box: SearchBox, questions: list[dict], titles: dict[str, str], keep_details: bool) -> dict:
    """Aggregate figures of one question set on one site; with ``keep_details``, each question's outcome."""
    n = len(questions)
    top1 = top3 = top3_also = section = 0
    reciprocal = 0.0
    details = []
    kinds: dict[str, list[int]] = {}  # kind -> [questions, in the top 3]
    for item in questions:
        expected = page_path(item["page"])
        accepted = {expected, *(page_path(page) for page in item.get("also") or [])}
        results = box.results(item["question"])
        pages = [page for page, _ in results][:TOP]
        rank = pages.index(expected) + 1 if expected in pages else None
        top1 += rank == 1
        top3 += rank is not None and rank <= 3
        kind = kinds.setdefault(item.get("kind") or "—", [0, 0])
        kind[0] += 1
        kind[1] += rank is not None and rank <= 3
        top3_also += any(page in accepted for page in pages[:3])
        reciprocal += 1 / rank if rank else 0.0
        on_section = rank == 1 and section_matches(item.get("section"), results[0][1], titles, expected)
        section += on_section
        if keep_details:
            details.append({"question": item["question"], "attendu": expected, "section": item.get("section"),
                            "rang": rank, "section_atteinte": on_section,
                            "premiers": [f"{page}#{anchor}" if anchor else page for page, anchor in results[:3]]})
    with_sections = any(item.get("section") for item in questions)  # the old questions name a page only
    figures = {"questions": n, "top1": round(top1 / n, 3), "top3": round(top3 / n, 3),
               "mrr": round(reciprocal / n, 3), "section_du_premier": round(section / n, 3) if with_sections else None,
               "top3_page_ou_also": round(top3_also / n, 3),
               "top3_par_sorte": {name: f"{found}/{count}" for name, (count, found) in sorted(kinds.items())}}
    if keep_details:
        figures["detail"] = details
    return figures


def index_titles(site: Path) -> dict[str, str]:
    docs = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]
    return {doc["location"]: doc["title"] for doc in docs}


def percent(value: float) -> str:
    return f"{value * 100:.1f} %".replace(".", ",")


def main() -> int:
    from playwright.sync_api import sync_playwright

    names = (["anciennes", "reglage"] + [name for name in ("reglage2", "validation") if SETS[name].is_file()]
             + ([HELD_OUT] if "--reserve" in sys.argv else []))
    if not SETS["reglage"].is_file() and "--reserve" not in sys.argv:
        print_console(f"{SETS['reglage'].relative_to(REPO)} manque : seules les questions anciennes sont posées", file=sys.stderr)
        names.remove("reglage")
    sets = {name: old_questions() if name == "anciennes" else load_set(name) for name in names}
    before = None
    if "--avant" in sys.argv:
        index = sys.argv.index("--avant") + 1
        if index >= len(sys.argv) or not (Path(sys.argv[index]) / "mkdocs.yml").is_file():
            raise SystemExit("--avant attend le chemin d’un autre exemplaire du projet (un dossier qui contient mkdocs.yml)")
        before = Path(sys.argv[index]).resolve()
    port = free_port()
    figures: dict = {"jeux": {name: len(questions) for name, questions in sets.items()}, "sites": {}}
    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp) / "site"
        site.mkdir()
        with serve_directory(site, port) as url:
            sites = {"après": (REPO, site, url)}
            if before is not None:
                sites = {"avant": (before, site / BEFORE_DIR, url + BEFORE_DIR), **sites}
            if "--avant-seulement" in sys.argv:  # the state before only (the held-out half's « before », once)
                if before is None:
                    raise SystemExit("--avant-seulement va avec --avant CHEMIN")
                del sites["après"]
                site.joinpath("index.html").write_text("", encoding="utf-8")
            # The current checkout first: the other is built inside its folder, under /avant/.
            for _label, (project, target, address) in reversed(list(sites.items())):
                target.mkdir(parents=True, exist_ok=True)
                build = mkdocs_build(project, target, address)
                if build.returncode != 0:
                    print(build.stdout + build.stderr, file=sys.stderr)  # mkdocs writes some errors to its output
                    return 1
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
                for label, (project, target, address) in sites.items():
                    box = SearchBox(browser, address)
                    titles = index_titles(target)
                    figures["sites"][label] = {"projet": str(project), **{
                        name: measure(box, questions, titles, keep_details=name not in TOTALS_ONLY and "--detail" in sys.argv)
                        for name, questions in sets.items()}}
                    if HELD_OUT in sets:  # its totals only: not even by kind, which would say where to tune
                        del figures["sites"][label][HELD_OUT]["top3_par_sorte"]
                    box.close()
                browser.close()
    out = REPO / ".cache" / "benchmark-recherche.json"
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps(figures, indent=2, ensure_ascii=False), encoding="utf-8")
    for label, measured in figures["sites"].items():
        for name in sets:
            if "detail" not in measured[name]:
                continue
            for row in measured[name]["detail"]:
                if row["rang"] != 1 or not row["section_atteinte"]:
                    print_console(f"[{label} · {name}] rang {row['rang']} · « {row['question']} » -> {row['attendu']}"
                          f"{'#' + row['section'] if row['section'] else ''} ; premiers : {', '.join(row['premiers'])}")
    print(f"\n{'site':7} {'jeu':10} {'n':>4} {'top-1':>8} {'top-3':>8} {'MRR':>6} {'section':>8} {'top-3 +also':>12}")
    for label, measured in figures["sites"].items():
        for name in sets:
            f = measured[name]
            print(f"{label:7} {name:10} {f['questions']:>4} {percent(f['top1']):>8} {percent(f['top3']):>8} "
                  f"{f['mrr']:>6.3f} {percent(f['section_du_premier']) if f['section_du_premier'] is not None else '—':>8} "
                  f"{percent(f['top3_page_ou_also']):>12}")
    print_console("\ntop-3 par sorte de question :")
    for label, measured in figures["sites"].items():
        for name in sets:
            kinds = measured[name].get("top3_par_sorte", {})
            if len(kinds) > 1:
                print_console(f"{label:7} {name:10} " + " · ".join(f"{kind} {share}" for kind, share in kinds.items()))
    return 0


if __name__ == "__main__":
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    sys.exit(main())
