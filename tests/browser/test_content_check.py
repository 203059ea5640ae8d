"""The editors' check in a real browser (Debian's Chromium), on the built site, under its Content-Security-Policy:
``checkFile`` of ``assets/javascripts/content-check.mjs`` gives the findings the server gives for the same file,
with nothing fetched outside the site and no console error. (The sample of the broken-content corpus is compared
in Pyodide under Node: tests/builds/test_browser_check.py.)"""

from __future__ import annotations

import json
import shutil

import pytest

from guide.browser.checker import check_file
from scripts.yaml_edits import quoted, read_value, replaced
from tests.browser_check import FRAMEWORKS
from tests.support import watched_page

pytestmark = pytest.mark.browser
BOOT_TIMEOUT = 180_000  # Pyodide and the check's bundle on a small shared machine; not a performance assertion
CHECK = """async ([name, text]) => {
  const { checkFile } = await import(new URL("assets/javascripts/content-check.mjs", document.baseURI).href)
  return await checkFile(name, text)
}"""


def test_check_file_in_the_browser_gives_the_server_s_findings(browser, site_url, tmp_path):
    # The first entry's fields found by their place, whatever they say today: a colon typed in the question left
    # unquoted (an error of YAML), a threshold that does not exist named in the answer (an error of the guide's
    # rules, found with the other files), and the file as it is (no finding).
    faq = (FRAMEWORKS / "faq.yml").read_text(encoding="utf-8")
    question = read_value(FRAMEWORKS.parent, "faq", ("questions", 0, "question"))
    answer = read_value(FRAMEWORKS.parent, "faq", ("questions", 0, "reponse"))
    requests = [("faq.yml", replaced(faq, ("questions", 0, "question"), "Question: " + " ".join(question.split()))[0]),
                ("frameworks/faq.yml", replaced(faq, ("questions", 0, "reponse"),
                                                quoted("{seuil:repere-inexistant} " + answer))[0]),
                ("faq.yml", faq)]
    shutil.copytree(FRAMEWORKS, tmp_path / "frameworks")
    expected = [json.loads(check_file(name, text, tmp_path)) for name, text in requests]
    assert expected[0] and expected[1] and expected[2] == []
    page = watched_page(browser.new_context(locale="fr-FR"), site_url)
    page.set_default_timeout(BOOT_TIMEOUT)
    page.goto(site_url)
    found = [page.evaluate(CHECK, list(request)) for request in requests]
    assert found == expected
    assert page.outside_requests == [] and page.console_errors == []
    page.context.close()
