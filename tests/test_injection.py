"""Editors' text is shown as text: HTML, <script> and Markdown in YAML are never interpreted."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from guide.yaml_source import parse_yaml
from tests.site_text import normalise
from tests.support import copy_project, free_port, mkdocs_build, serve_directory, watched_page

pytestmark = pytest.mark.browser

PAYLOADS = [
    "<script>window.__pwned=1</script>",
    '<img src=x onerror="window.__pwned=2">',
    "[lien](javascript:window.__pwned=3)",
    "**gras**",
    "<a href=\"javascript:window.__pwned=4\">clic</a>",
]
INJECTED = "Texte piégé " + " ".join(PAYLOADS)


def rewrite(path: Path, change) -> None:
    text = path.read_text(encoding="utf-8")
    data = parse_yaml(text, path.name).data
    change(data)
    header = "\n".join(line for line in text.splitlines()[:2] if line.startswith("#"))
    path.write_text(header + "\n" + yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=1_000_000),
                    encoding="utf-8")


@pytest.fixture(scope="module")
def injected_site(tmp_path_factory):
    """A copy of the project whose first FAQ answer and first phase risk carry HTML and Markdown, built and served."""
    root = tmp_path_factory.mktemp("injection")
    project = copy_project(root / "project")

    def faq(data):
        data["questions"][0]["reponse"] = INJECTED

    def phases(data):
        data["phases"][0]["risques"][0] = INJECTED

    rewrite(project / "frameworks" / "faq.yml", faq)
    rewrite(project / "frameworks" / "phases.yml", phases)
    site = root / "site"
    port = free_port()
    result = mkdocs_build(project, site, site_url=f"http://127.0.0.1:{port}/")
    assert result.returncode == 0, result.stderr
    with serve_directory(site, port) as url:
        yield url


@pytest.mark.parametrize("path", ["faq/", "phases/"])
def test_html_script_and_markdown_in_yaml_are_shown_literally_and_never_run(browser, injected_site, path):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="fr-FR")
    tab = watched_page(context, injected_site)
    tab.goto(injected_site + path)
    tab.wait_for_load_state("networkidle")
    tab.wait_for_timeout(300)
    assert tab.evaluate("window.__pwned") is None  # no script ran, no handler fired

    article = tab.locator("article")
    text = normalise(article.inner_text())
    for payload in PAYLOADS:
        assert normalise(payload) in text, payload  # visible, as the editor typed it
    assert article.locator("script:not([type='application/ld+json'])").count() == 0
    assert article.locator("img[src='x']").count() == 0
    assert article.locator("a[href^='javascript']").count() == 0
    assert tab.locator("strong", has_text="gras").count() == 0  # ** stays two asterisks
    for href in tab.evaluate("[...document.querySelectorAll('a[href]')].map(a => a.getAttribute('href'))"):
        assert not href.lower().startswith("javascript"), href
    # Clicking the text that looks like a link does nothing either.
    tab.get_by_text("[lien](javascript", exact=False).first.click()
    assert tab.evaluate("window.__pwned") is None
    assert tab.console_errors == []
    assert tab.outside_requests == []
    context.close()
