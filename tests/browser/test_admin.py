"""The editors' admin (/admin/) as an editor uses it on a laptop (scripts/edit): Decap CMS in French, against
decap-server in git mode on a scratch git copy of the project. A save in the form is a commit on a cms/ branch
whose diff is the one line edited, and the content check passes on that branch.

The admin asks for decap-server at http://localhost:8081 (config.yml: local_backend); each test starts its own
on a free port and the browser's requests to localhost:8081 are answered by it (Playwright's routing), so that
test processes never share one. Nothing else may leave the served site."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path

import pytest

from guide.admin import DECAP_SERVER_PORT, entry_address
from guide.catalog import REPO_ROOT
from guide.yaml_source import parse_yaml
from scripts.project_tools import copy_project, free_port
from tests.support import TEST_EDIT_URI, watched_page

pytestmark = pytest.mark.browser

LOCAL_BACKEND = f"http://localhost:{DECAP_SERVER_PORT}/api/v1"
BRANCH = TEST_EDIT_URI.split("/")[1]  # the branch the served site's admin works on (edit/BRANCH/docs/)
DECAP_SERVER = REPO_ROOT / "node_modules" / "decap-server" / "dist" / "index.js"


def git(repo: Path, *args: str) -> str:
    result = subprocess.run(["git", "-C", str(repo), *args], capture_output=True, text=True, timeout=60, check=True)
    return result.stdout


@pytest.fixture
def repository(tmp_path):
    """A scratch git copy of the project, on the branch the admin works on."""
    project = copy_project(tmp_path / "project")
    (project / "node_modules").unlink()  # a link to the real one: not content
    git(project, "init", "-q", "-b", BRANCH)
    git(project, "add", "-A")
    git(project, "-c", "user.name=Test", "-c", "user.email=test@example.invalid", "commit", "-q", "-m", "Contenu")
    return project


@pytest.fixture
def decap_server(repository):
    """decap-server in git mode on the scratch copy; yields its API's address."""
    port = free_port()
    env = dict(os.environ, PORT=str(port), MODE="git", GIT_REPO_DIRECTORY=str(repository), BIND_HOST="127.0.0.1",
               GIT_AUTHOR_NAME="Rédaction", GIT_AUTHOR_EMAIL="redaction@example.invalid",
               GIT_COMMITTER_NAME="Rédaction", GIT_COMMITTER_EMAIL="redaction@example.invalid")
    server = subprocess.Popen(["node", str(DECAP_SERVER)], env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                              text=True)
    url = f"http://127.0.0.1:{port}/api/v1"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                import urllib.request

                request = urllib.request.Request(url, data=b'{"action":"info"}', headers={"Content-Type": "application/json"})
                with urllib.request.urlopen(request, timeout=2) as answer:
                    if answer.status == 200:
                        break
            except OSError:
                if server.poll() is not None or time.monotonic() > deadline:
                    raise AssertionError("decap-server n'a pas démarré : " + (server.stdout.read() if server.stdout else "")) from None
                time.sleep(0.2)
        yield url
    finally:
        server.terminate()
        server.wait(timeout=10)


def admin_page(browser, site_url, backend_url):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="fr-FR")
    page = watched_page(context, site_url)
    page.backend_errors = []

    def forward(route):
        response = route.fetch(url=route.request.url.replace(LOCAL_BACKEND, backend_url))
        if response.status >= 400:
            page.backend_errors.append((route.request.post_data_json or {}).get("action"))
        route.fulfill(response=response)

    # With a route, Playwright matches every request of the context in this process: the tests wait with
    # page.wait_for_timeout, never time.sleep, or every request waits too (the in-browser check's Pyodide first).
    context.route(LOCAL_BACKEND, forward)
    return context, page


def close(context, page):
    context.unroute_all(behavior="ignoreErrors")  # a request still on its way to decap-server is dropped
    context.close()


def signed_in(page, site_url):
    """The admin opened and signed in to decap-server (its « Se connecter » button, no account): the collections."""
    page.goto(site_url + "admin/")
    page.get_by_role("button", name="Se connecter").click(timeout=60_000)
    page.get_by_text("Contenus", exact=True).first.wait_for(timeout=60_000)


@contextmanager
def faq_answer(browser, site_url, decap_server, repository, index: int, before=None):
    """The admin signed in, on the FAQ's form, question ``index`` of the scratch copy unfolded: yields the page,
    the question as the file gives it, and its « Réponse » field; the browser is closed after. ``before(page)``
    runs first (a route of the test's own)."""
    faq = parse_yaml((repository / "frameworks" / "faq.yml").read_text(encoding="utf-8"), "faq.yml").data
    question = faq["questions"][index]
    context, page = admin_page(browser, site_url, decap_server)
    try:
        if before:
            before(page)
        signed_in(page, site_url)
        page.goto(site_url + entry_address("faq"))
        item = page.locator("[class*=SortableListItem]", has_text=question["question"]).first
        item.locator("button").first.click()  # unfold the question
        yield page, question, item.get_by_label("Réponse", exact=True)
    finally:
        close(context, page)


def outside(page) -> list[str]:
    """Requests that left the served site other than to decap-server on this computer."""
    return [url for url in page.outside_requests if not url.startswith(LOCAL_BACKEND)]


def test_the_admin_opens_in_french_with_nothing_from_outside_and_no_error(browser, site_url, decap_server):
    context, page = admin_page(browser, site_url, decap_server)
    try:
        signed_in(page, site_url)
        page.get_by_role("link", name="Flux", exact=True).wait_for()  # the editorial workflow, in Decap's French
        assert page.evaluate("() => document.documentElement.lang") == "fr"
        assert page.get_by_role("link", name="Questions fréquentes").count() >= 1  # a collection: its schema's title
        assert outside(page) == []
        assert page.console_errors == []
    finally:
        close(context, page)


def test_a_form_edit_is_a_commit_on_a_cms_branch_whose_diff_is_that_line(browser, site_url, decap_server, repository):
    added = " Phrase ajoutée dans le formulaire."
    with faq_answer(browser, site_url, decap_server, repository, 0) as (page, question, answer):
        assert answer.input_value() == question["reponse"]
        answer.fill(question["reponse"] + added)
        page.get_by_role("button", name="Enregistrer", exact=True).click()
        deadline = time.monotonic() + 120  # the check runs first in the browser (Pyodide starts: a few seconds)
        # decap-server commits on the branch in the working copy, then goes back to the editor's branch.
        while ("cms/faq/faq" not in git(repository, "branch", "--list", "cms/*")
               or git(repository, "rev-parse", "--abbrev-ref", "HEAD").strip() != BRANCH):
            assert time.monotonic() < deadline, f"pas de branche cms/faq/faq, ou la copie pas revenue sur {BRANCH}"
            page.wait_for_timeout(500)  # not time.sleep: Playwright answers the routed requests meanwhile
        assert outside(page) == []
        # Opening a published entry, the editorial workflow first asks decap-server for a draft of it: « none » is
        # its 404 (the only one the browser logs as an error).
        assert set(page.backend_errors) <= {"unpublishedEntry"}
        assert len(page.console_errors) == len(page.backend_errors)
    # decap-server in git mode checks a cms/ branch out to read it: a request it was answering as the admin closed
    # can hold the copy there a moment. Once it has answered, the copy is back on the editor's branch, untouched.
    deadline = time.monotonic() + 30
    while git(repository, "rev-parse", "--abbrev-ref", "HEAD").strip() != BRANCH and time.monotonic() < deadline:
        time.sleep(0.2)  # the browser is closed: no routed request waits on this
    assert git(repository, "rev-parse", "--abbrev-ref", "HEAD").strip() == BRANCH
    numstat = git(repository, "diff", "--numstat", BRANCH, "cms/faq/faq").split()
    assert numstat == ["1", "1", "frameworks/faq.yml"]
    diff = git(repository, "diff", "-U0", BRANCH, "cms/faq/faq")
    [new_line] = [line for line in diff.splitlines() if line.startswith("+") and not line.startswith("+++")]
    assert new_line.rstrip().endswith(added + '"') or new_line.rstrip().endswith(added)
    # The content check passes on the branch, as it will on its pull request.
    git(repository, "checkout", "-q", "cms/faq/faq")
    check = subprocess.run([sys.executable, "-m", "guide", "check", "--root", str(repository)], capture_output=True,
                           text=True, timeout=120)
    assert check.returncode == 0, check.stdout + check.stderr


def test_an_emptied_required_field_is_refused_in_french_and_nothing_is_saved(browser, site_url, decap_server, repository):
    with faq_answer(browser, site_url, decap_server, repository, 0) as (page, _, answer):
        answer.fill("")
        page.get_by_role("button", name="Enregistrer", exact=True).click()
        page.get_by_text("Le champ Réponse est requis.").first.wait_for(timeout=30_000)
        page.wait_for_timeout(1000)
    assert git(repository, "branch", "--list", "cms/*").strip() == ""


def test_the_check_called_before_a_save_can_stop_it_with_its_french_message(browser, site_url, decap_server, repository):
    """admin/check.mjs is the seam of the in-browser check: what it returns is shown and nothing is saved. Here a
    stand-in that finds one problem in any file, and records what it was given."""
    faq = parse_yaml((repository / "frameworks" / "faq.yml").read_text(encoding="utf-8"), "faq.yml").data
    problem = "questions[0].reponse : problème trouvé par la vérification"
    stand_in = ("export async function check({ path, collection, text, data }) {"
                " window.__checked = { path, collection, text, questions: data.questions.length };"
                f" return [{problem!r}]; }}")

    def stand_in_check(page):
        page.route(site_url + "admin/check.mjs",
                   lambda route: route.fulfill(body=stand_in, content_type="text/javascript; charset=utf-8"))

    with faq_answer(browser, site_url, decap_server, repository, 0, before=stand_in_check) as (page, question, answer):
        answer.fill(question["reponse"] + " Une phrase de plus.")
        page.get_by_role("button", name="Enregistrer", exact=True).click()
        page.get_by_text(problem).first.wait_for(timeout=30_000)
        checked = page.evaluate("() => window.__checked")
        assert checked["path"] == "frameworks/faq.yml" and checked["collection"] == "faq"
        assert checked["questions"] == len(faq["questions"])
        assert question["reponse"] + " Une phrase de plus." in checked["text"]  # the file as it would be written
        assert checked["text"].startswith("# yaml-language-server")
    assert git(repository, "branch", "--list", "cms/*").strip() == ""


def test_a_ready_draft_once_published_is_merged_with_that_one_line(browser, site_url, decap_server, repository):
    before = git(repository, "rev-parse", BRANCH).strip()
    with faq_answer(browser, site_url, decap_server, repository, -1) as (page, question, answer):
        answer.fill(question["reponse"] + " Publié depuis le formulaire.")
        page.get_by_role("button", name="Enregistrer", exact=True).click()
        page.get_by_role("button", name="Statut: Brouillon").click(timeout=60_000)
        page.get_by_role("menuitem", name="Prêt").click()
        page.get_by_role("button", name="Statut: Prêt").wait_for(timeout=30_000)
        page.get_by_role("button", name="Publier", exact=True).click()
        page.once("dialog", lambda dialog: dialog.accept())  # « Êtes-vous sûr de vouloir publier cette entrée ? »
        page.get_by_role("menuitem", name="Publier maintenant").click()
        deadline = time.monotonic() + 60
        while git(repository, "rev-parse", BRANCH).strip() == before:
            assert time.monotonic() < deadline, f"{BRANCH} n'a pas reçu la publication"
            page.wait_for_timeout(500)
    numstat = git(repository, "diff", "--numstat", before, BRANCH).split()
    assert numstat == ["1", "1", "frameworks/faq.yml"]
    published = parse_yaml((repository / "frameworks" / "faq.yml").read_text(encoding="utf-8"), "faq.yml").data
    assert published["questions"][-1]["reponse"] == question["reponse"] + " Publié depuis le formulaire."


def test_the_guides_own_check_stops_a_save_with_its_french_message_at_the_line(browser, site_url, decap_server,
                                                                               repository):
    """What no form can see (here a figure of seuils.yml that does not exist) is found before the save by the
    same check as the pull request's, run in the browser (admin/check.mjs → content-check.mjs): its French message,
    with the line and the field, is shown, and nothing is saved."""
    with faq_answer(browser, site_url, decap_server, repository, 0) as (page, question, answer):
        answer.fill(question["reponse"] + " Environ {seuil:repere-inexistant}.")
        page.get_by_role("button", name="Enregistrer", exact=True).click()
        shown = page.get_by_text("champ questions[0].reponse").first
        shown.wait_for(timeout=120_000)
        assert "repere-inexistant" in shown.inner_text()
        assert "Ligne " in shown.inner_text()
        assert outside(page) == []
    assert git(repository, "branch", "--list", "cms/*").strip() == ""
