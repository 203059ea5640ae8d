"""Stored XSS: a hostile string in any free-text field of any framework file is shown as text, or refused.

The fields are found from the JSON Schemas alongside the real YAML (tests/rendering/hostile_fields.py), never from
a hand-kept list: every string value whose schema lets a hostile text through gets
``x"'><img src=x onerror=alert(N)><script>alert(N)</script></title>&amp;`` (or a shorter payload where
``maxLength`` is short) before its text, N being the value's own number, so that whatever breaks out names its
field. One copy of the project carries all of them at once:

1. the check (``load_guide``, ``python -m guide check``) either accepts a value or refuses it, and then names it
   (each refused value is checked again alone, one file at a time: fast);
2. everything it accepts is built strictly once (tens of seconds), and served;
3. every built page is read with an HTML5 parser: no element, attribute or script a payload created, no JSON-LD
   broken, <head> holds the tags of an unpoisoned build, and each payload reads exactly as typed where it is
   shown (navigation, <title>, meta descriptions, « Modifier aussi », the article), never escaped twice;
4. Material's search index (inserted as innerHTML by the browser) holds every payload escaped once;
5. Debian's Chromium opens poisoned pages, a calculator, a glossary tooltip and the search: no alert ever opens.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from selectolax.lexbor import LexborHTMLParser

from common.site_map import HOME, nav_groups, site_pages
from guide.catalog import load_guide
from guide.errors import ContentErrors
from tests.rendering.hostile_fields import (
    MARKER,
    PAYLOADS,
    Finding,
    Plan,
    Poisoned,
    Verdict,
    all_fields,
    classify,
    format_path,
    head_signature,
    make_plan,
    read_frameworks,
    scan_markup,
    scan_text,
    shown,
    write_poisoned,
)
from tests.single_file import check_one_file
from tests.support import REPO, copy_project, mkdocs_build, serve_directory, watched_page

# One worker of pytest-xdist builds the poisoned site once and runs every test of this module (``-n 2 --dist
# loadgroup``). The mark is only set inside an xdist worker: under ``-p no:xdist`` the marker is not registered
# and --strict-markers would refuse it.
pytestmark = [pytest.mark.xdist_group("hostile-site")] if os.environ.get("PYTEST_XDIST_WORKER") else []


def kept_as_typed(item) -> bool:
    """The first written form of each glossary term stays as typed, so that the terms are still found in the pages'
    texts and their (poisoned) definitions reach the tooltips; the other forms are poisoned."""
    return item.file == "glossaire" and item.kind == "termes[].formes[]" and item.path[-1] == 0


@dataclass
class HostileSite:
    project: Path
    site: Path
    url: str
    plan: Plan  # every value given a payload, and the strings whose schema refuses any (ids, dates, references)
    verdict: Verdict  # what the check accepts and refuses
    built: list[Poisoned]  # the values in the built site
    build_failures: list[tuple[Poisoned, str]] = field(default_factory=list)  # accepted by the check, broke the build

    @property
    def numbers(self) -> dict[int, Poisoned]:
        return {item.number: item for item in self.plan.poisoned}


def restore_frameworks(project: Path) -> None:
    shutil.rmtree(project / "frameworks")
    shutil.copytree(REPO / "frameworks", project / "frameworks")


@pytest.fixture(scope="session")
def hostile_site(tmp_path_factory):
    root = tmp_path_factory.mktemp("hostile")
    project = copy_project(root / "project")
    plan = make_plan(all_fields(project), PAYLOADS["full"], kept=kept_as_typed)

    def load_errors(items):
        restore_frameworks(project)
        write_poisoned(project, items)
        try:
            load_guide(project)
        except ContentErrors as caught:
            return caught.errors
        return []

    verdict = classify(project, plan.poisoned, load_errors, check_one_file)
    built, failures = list(verdict.accepted), []
    site = root / "site"
    with serve_directory(site) as url:
        for _ in range(6):
            restore_frameworks(project)
            write_poisoned(project, built)
            shutil.rmtree(site, ignore_errors=True)
            site.mkdir()
            result = mkdocs_build(project, site, url)
            if result.returncode == 0:
                break
            # A value the check let through broke the build: its number is in the error; build without it.
            output = result.stdout + result.stderr
            tail = output[-4000:]
            broken = {int(number) for number in MARKER.findall(tail)}
            if not broken:
                pytest.fail("la construction du site piégé échoue sans nommer de valeur :\n" + tail)
            failures += [(item, tail.strip().splitlines()[-1]) for item in built if item.number in broken]
            built = [item for item in built if item.number not in broken]
        else:
            pytest.fail("la construction du site piégé échoue encore après 6 essais")
        yield HostileSite(project, site, url, plan, verdict, built, failures)


def pages(site: Path) -> list[tuple[str, LexborHTMLParser]]:
    """Every built HTML file (pages, redirects, 404), parsed."""
    return [(str(path.relative_to(site)), LexborHTMLParser(path.read_text(encoding="utf-8")))
            for path in sorted(site.rglob("*.html"))]


def report(findings: list[Finding], numbers: dict[int, Poisoned], limit: int = 60) -> str:
    """Findings grouped by field and kind of problem, each with where it happened (a few examples each)."""
    groups: dict[tuple[str, str], list[Finding]] = defaultdict(list)
    for finding in sorted(set(findings)):
        item = numbers.get(finding.number)
        name = f"{item.field.file}.yml: {item.field.kind}" if item else "?"
        groups[(name, finding.what.split(" : ")[0][:90])].append(finding)
    lines = [f"{len(set(findings))} problème(s), {len(groups)} groupe(s) (champ → où) :"]
    for (name, what), found in sorted(groups.items())[:limit]:
        examples = "; ".join(f"{numbers[f.number].field.where if f.number in numbers else '?'} → {f.page} : {f.what}"
                             for f in found[:2])
        lines.append(f"- {name} [{len(found)}×] {what} — ex. {examples}")
    return "\n".join(lines)


# --- The fields, from the schemas ---------------------------------------------------------------------------------


def test_every_schema_gives_hostile_values_to_its_free_text_fields(hostile_site):
    """Fields come from the schemas: every framework file has some, and every page's titles, description and
    introduction are among them; a string left alone is one whose schema refuses any hostile text."""
    poisoned = defaultdict(set)
    for item in hostile_site.plan.poisoned:
        poisoned[item.field.file].add(item.field.kind)
    frameworks = read_frameworks(REPO / "frameworks")
    assert sorted(poisoned) == sorted(frameworks)
    for name in frameworks:
        for kind in ("page.titre", "page.titre_court", "page.description", "page.introduction[]"):
            assert kind in poisoned[name], (name, kind)
    for item in hostile_site.plan.skipped:
        leaf = item.leaf
        assert leaf.structural or not leaf.accepts_string or [pattern for pattern in leaf.patterns if pattern != r"\S"], \
            f"{item.where} : chaîne libre laissée sans valeur piégée ({leaf})"
    # The short fields get a payload that fits (titre_court: 40 characters at most).
    short = [item for item in hostile_site.plan.poisoned if item.field.leaf.max_length]
    assert short and all(len(item.text) <= item.field.leaf.max_length for item in short)
    assert all("onerror=alert(" in item.payload or "onload=alert(" in item.payload for item in short)


def test_the_check_names_every_hostile_value_it_refuses(hostile_site):
    """Refusing a hostile value is allowed; the check must then point at that very field (the value alone
    poisoned, the rest of the repository as it is)."""
    unnamed = [f"{item.field.where} : le contrôle refuse mais nomme " + " | ".join(str(error)[:200] for error in errors[:2])
               for item, errors, named in hostile_site.verdict.refused if not named]
    assert not unnamed, "\n".join(unnamed)


def test_the_check_command_refuses_in_french_naming_the_refused_field(hostile_site, tmp_path):
    """``python -m guide check`` itself, on a copy holding one refused value (the first of each file, one file at a
    time: several at once may hide each other): exit 1, no traceback, the field named in French."""
    first: dict[str, Poisoned] = {}
    for item, _, named in hostile_site.verdict.refused:
        if named:
            first.setdefault(item.field.file, item)
    if not first:
        pytest.skip("le contrôle ne refuse aucune valeur piégée")
    project = copy_project(tmp_path / "project")
    missing = []
    for item in first.values():
        restore_frameworks(project)
        write_poisoned(project, [item])
        result = subprocess.run([sys.executable, "-m", "guide", "check", "--root", str(project)], cwd=REPO,
                                capture_output=True, text=True, timeout=300)
        output = result.stdout + result.stderr
        assert result.returncode == 1 and "Traceback" not in output, (item.field.where, output[-2000:])
        assert "dans le contenu" in output, output[-500:]
        path = format_path(item.field.path)
        parents = [path[:cut] for cut in range(len(path), 0, -1) if cut == len(path) or path[cut] in ".["]
        if not any(f"frameworks/{item.field.file}.yml:" in line
                   and (f"alert({item.number})" in line or any(f": {parent}\u202f:" in line for parent in parents))
                   for line in output.splitlines()):
            missing.append(f"{item.field.where} : {output.strip().splitlines()[:2]}")
    assert not missing, "\n".join(missing)


def test_the_strict_build_succeeds_with_everything_the_check_accepts(hostile_site):
    """A value the check lets through must not break the build (a traceback instead of a French error)."""
    assert not hostile_site.build_failures, "\n".join(
        f"{item.field.where} : accepté par le contrôle, la construction échoue : {line}"
        for item, line in hostile_site.build_failures)


# --- The built pages ----------------------------------------------------------------------------------------------


def test_no_hostile_value_becomes_markup_in_any_page(hostile_site):
    """No <img src=x>, no on* attribute, no javascript: address, no script holding a payload, no JSON-LD cut by
    « </script> » or holding a raw « < », one <title> in <head>: on every built HTML file."""
    findings = [finding for page, tree in pages(hostile_site.site) for finding in scan_markup(tree, page)]
    assert not findings, report(findings, hostile_site.numbers)


def test_every_page_head_holds_the_tags_of_an_unpoisoned_build(hostile_site, built_site):
    """No tag opened or closed early by a title or a description: <head> has the same tags, in the same order,
    as the repository's own build (meta description, og:*, title, JSON-LD…)."""
    different = []
    for page, tree in pages(hostile_site.site):
        clean = built_site / page
        assert clean.is_file(), page
        expected = head_signature(LexborHTMLParser(clean.read_text(encoding="utf-8")))
        actual = head_signature(tree)
        if actual != expected:
            extra = [tag for tag in actual if tag not in expected] + [("manque",) + tag for tag in expected if tag not in actual]
            different.append(f"{page} : {len(actual)} balises au lieu de {len(expected)} ; {extra[:4]}")
    assert not different, "\n".join(different)


def test_hostile_values_read_exactly_as_typed_wherever_they_are_shown(hostile_site):
    """Each text node and attribute holding a payload shows it as the editor typed it: « < » as « < », never
    « &lt; » (escaped twice), « &amp; » kept."""
    findings = [finding for page, tree in pages(hostile_site.site)
                for finding in scan_text(tree, page, hostile_site.numbers)[0]]
    assert not findings, report(findings, hostile_site.numbers)


def value_of(hostile_site, name: str, path: tuple) -> Poisoned | None:
    for item in hostile_site.built:
        if item.field.file == name and item.field.path == path:
            return item
    return None


def contains(text: str, item: Poisoned) -> bool:
    return shown(item.payload).casefold() in shown(text).casefold()


def test_titles_descriptions_navigation_and_edit_links_show_their_payload_as_text(hostile_site):
    """Where the issue found them raw: each page's short title in the navigation of every page and in its <title>
    (the home page: its title), its description in both description meta tags, the navigation groups' titles, the
    sections' titles under « Modifier aussi »."""
    home = read_frameworks(REPO / "frameworks")[HOME]
    parsed = dict(pages(hostile_site.site))
    problems = []

    def expect(condition, message):
        if not condition:
            problems.append(message)

    groups = [(value_of(hostile_site, HOME, (key, index, "titre")))
              for key in ("parcours", "rubriques") for index, _ in enumerate(home.get(key, []))]
    assert len(groups) == len(nav_groups(home))
    every_page = [page for page in site_pages(home)]
    short_titles = {page.host: value_of(hostile_site, page.host, ("page", "titre_court")) for page in every_page}
    for page in every_page:
        file = f"{page.url}index.html"
        tree = parsed[file]
        nav_links = [node.text(deep=True) for node in tree.css("nav.md-nav--primary .md-nav__link")]
        for host, short in short_titles.items():
            if short is not None and host != HOME:
                expect(any(contains(text, short) for text in nav_links),
                       f"{short.field.where} : absent tel quel de la navigation de {file}")
        for group in groups:
            if group is not None:
                expect(any(contains(text, group) for text in nav_links),
                       f"{group.field.where} : absent tel quel de la navigation de {file}")
        [title] = [node.text() for node in tree.css("head > title")]
        shown_title = (value_of(hostile_site, HOME, ("page", "titre")) if page.host == HOME
                       else short_titles[page.host])
        expect(shown_title is None or contains(title, shown_title),
               f"{shown_title and shown_title.field.where} : <title> de {file} = {title!r}")
        description = value_of(hostile_site, page.host, ("page", "description"))
        if description is not None:
            for selector in ('meta[name="description"]', 'meta[property="og:description"]'):
                contents = [node.attributes.get("content") or "" for node in tree.css(f"head {selector}")]
                expect(len(contents) == 1 and contains(contents[0], description),
                       f"{description.field.where} : {selector} de {file} = {contents!r}")
        edit_sections = [node.text(deep=True) for node in tree.css(".guide-edit__sections a")]
        expect(len(edit_sections) == len(page.sections), f"{file} : « Modifier aussi » a {len(edit_sections)} liens")
        for text in edit_sections:
            expect(MARKER.search(text) and any(contains(text, item) for item in hostile_site.built
                                               if item.field.file in page.sections),
                   f"{file} : « Modifier aussi » montre {text!r}")
    assert not problems, "\n".join(problems)


# --- Search -------------------------------------------------------------------------------------------------------


def test_the_search_index_holds_every_payload_escaped_once(hostile_site):
    """Material inserts each result's title and text as HTML: a payload there must be « &lt;img… » (shown as
    « <img… »), never a raw « <img », and never « &amp;lt; » (shown as « &lt; »)."""
    index = json.loads((hostile_site.site / "search" / "search_index.json").read_text(encoding="utf-8"))
    findings, seen = [], set()
    for document in index["docs"]:
        for key in ("title", "text"):
            fragment = LexborHTMLParser(f"<!doctype html><html><head></head><body>{document.get(key) or ''}</body></html>")
            where = f"search_index.json {document['location'] or '(accueil)'} [{key}]"
            findings += [Finding(f.number, where, f.what) for f in scan_markup(fragment, where)
                         if "éléments <title>" not in f.what]
            text_findings, shown_at = scan_text(fragment, where, hostile_site.numbers)
            findings += text_findings
            seen.update(shown_at)
    assert not findings, report(findings, hostile_site.numbers)
    titles = [item.number for item in hostile_site.built if item.field.kind == "page.titre"]
    assert set(titles) <= seen, "titres de page absents de l'index de recherche"


# --- In the browser -----------------------------------------------------------------------------------------------

BROWSER_PAGES = ["", "faq/", "sourcing/", "glossaire/", "sources/", "seuils/", "hypercroissance/", "roi/", "404.html"]


ON_ATTRIBUTES = "[...document.querySelectorAll('*')].filter(e => [...e.attributes].some(a => a.name.startsWith('on')))" \
                ".map(e => e.outerHTML.slice(0, 80))"


@pytest.mark.browser
def test_no_alert_opens_in_the_browser_on_pages_calculators_tooltips_and_search(browser, hostile_site):
    """Poisoned pages, a glossary tooltip, a calculator recomputed by its worker, the search and a highlighted
    result, in Debian's Chromium: no dialog (alert) ever opens, no <img src=x>, no on* attribute in the DOM."""
    url = hostile_site.url
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="fr-FR")
    dialogs: list[str] = []
    problems: list[str] = []
    context.on("page", lambda tab: tab.on("dialog", lambda dialog: (dialogs.append(f"{tab.url} : {dialog.message}"),
                                                                    dialog.dismiss())))
    tab = watched_page(context, url)

    def look(where: str) -> None:
        if tab.locator("img[src='x']").count():
            problems.append(f"{where} : {tab.locator('img[src=x]').count()} <img src=x>")
        if created := tab.evaluate(ON_ATTRIBUTES):
            problems.append(f"{where} : {len(created)} éléments avec un attribut on*, ex. {created[:2]}")

    def step(where: str, action) -> None:
        try:
            action()
        except Exception as error:  # noqa: BLE001 - a step that cannot run is reported with the others
            problems.append(f"{where} : {type(error).__name__} {str(error).splitlines()[0][:200]}")
        look(where)

    try:
        for path in BROWSER_PAGES:
            step(path or "accueil", lambda path=path: (
                tab.goto(url + path),
                tab.locator(".md-search-result__meta").first.wait_for(state="attached", timeout=20_000)))

        def navigation():
            tab.goto(url + "faq/")
            text = tab.locator("nav.md-nav--primary").first.text_content()
            assert "<img src=x onerror=alert(" in text, "la navigation ne montre pas les titres courts tels quels"

        step("navigation de faq/", navigation)

        def tooltip():  # built by the guide's script from the term's poisoned definition: text, not markup
            tab.goto(url + "cmo-fractionne/")
            tab.locator("article abbr").first.hover()
            shown_tip = tab.locator(".md-tooltip2--active").first
            shown_tip.wait_for(timeout=5_000)
            assert "<img src=x onerror=alert(" in shown_tip.text_content(), shown_tip.inner_html()[:200]
            assert shown_tip.locator("img, script").count() == 0

        step("infobulle du glossaire", tooltip)

        def calculator():  # labels, help and results from YAML, rendered again by the worker
            tab.goto(url + "internalisation/")
            tab.locator('.guide-calculator__state[data-state="ready"]').wait_for(state="attached", timeout=90_000)
            computed = int(tab.locator(".guide-calculator").get_attribute("data-computed") or 0)
            tab.locator(".guide-calculator form input[inputmode]:visible").first.fill("1 234")
            tab.wait_for_function("n => Number(document.querySelector('.guide-calculator').dataset.computed || 0) > n",
                                  arg=computed, timeout=90_000)
            assert "<img src=x onerror=alert(" in tab.locator(".guide-calculator").first.text_content()

        step("calculateur internalisation/", calculator)

        def search():  # results whose titles and texts are poisoned, then the highlighted result page
            tab.goto(url)
            tab.locator(".md-search-result__meta", has_text="Taper pour démarrer la recherche").wait_for(
                state="attached", timeout=20_000)
            tab.locator("label.md-search__icon, .md-search__input").first.click()
            tab.locator("input.md-search__input").press_sequentially("onerror", delay=30)
            tab.locator(".md-search-result__link").first.wait_for(timeout=20_000)
            results = tab.locator(".md-search-result__list").first
            assert "<img src=x onerror=alert(" in results.text_content(), "résultats sans le texte piégé"
            assert results.locator("img").count() == 0, "<img> dans les résultats de recherche"
            tab.locator(".md-search-result__link").first.click()
            tab.wait_for_load_state("load")
            tab.wait_for_timeout(500)

        step("recherche « onerror »", search)
    finally:
        context.close()
    opened: dict[str, list[str]] = defaultdict(list)
    for dialog in dialogs:
        page, _, message = dialog.rpartition(" : ")
        item = hostile_site.numbers.get(int(message)) if message.isdigit() else None
        opened[item.field.where if item else message].append(page)
    assert not opened and not problems, "\n".join(
        [f"alerte ouverte par {where} ({len(seen)}×, ex. {seen[0]})" for where, seen in sorted(opened.items())] + problems)


def test_template_syntax_in_a_text_is_refused_by_the_check():
    """« {{7*7}} » in a text never reaches a template: the check refuses braces other than {seuil:…} (a value is
    never parsed as a template anyway: rendered, it is escaped text)."""
    import yaml

    from tests.single_file import check_one_file

    data = yaml.safe_load((REPO / "frameworks" / "faq.yml").read_text(encoding="utf-8"))
    for payload in ("{{7*7}}", "{{ config }}"):
        data["questions"][0]["reponse"] = f"Texte {payload} suite."
        text = "# yaml-language-server: $schema=schemas/faq.schema.json\n" + yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=10_000)
        errors = check_one_file("faq", text)
        assert errors and all(error.field == "questions[0].reponse" for error in errors), errors
