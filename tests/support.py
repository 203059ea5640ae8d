"""What the tests share besides fixtures: builds, served sites, a watched browser page.

Test modules import from here (and from scripts/project_tools.py), never from conftest.py.
"""

from __future__ import annotations

import contextlib
import hashlib
from collections.abc import Callable, Iterator
from pathlib import Path

import yaml

from guide.yaml_source import parse_yaml
from scripts.project_tools import REPO, copy_project, serve_directory
from scripts.project_tools import mkdocs_build as _mkdocs_build

__all__ = ["INJECTED", "INJECTED_OBJECTIVE", "PAYLOADS", "REPO", "TEST_EDIT_URI", "TEST_REPOSITORY", "UNSERVED_URL",
           "copy_project", "inject_markup", "mkdocs_build", "serve_directory", "served_build", "tree_digest", "watched_page", "axe_violations"]

# The repository and branch the test site links to (« Modifier cette page »), as CI sets REPO_URL and EDIT_URI.
TEST_REPOSITORY = "https://github.com/acme/guide-marketing"
TEST_EDIT_URI = "edit/trunk/docs/"
# The address of a site that is built but never served.
UNSERVED_URL = "http://127.0.0.1/"


# Editors' text that looks like HTML or Markdown: the site must show it as typed and never run it.
PAYLOADS = [
    "<script>window.__pwned=1</script>",
    '<img src=x onerror="window.__pwned=2">',
    "[lien](javascript:window.__pwned=3)",
    "**gras**",
    "<a href=\"javascript:window.__pwned=4\">clic</a>",
]
INJECTED = "Texte piégé " + " ".join(PAYLOADS)
# A phase's objective edited to markup (an item's plain text field, through another template path).
INJECTED_OBJECTIVE = ("<script>window.__pirate = 1</script> **gras** [clic](javascript:alert(1)) "
                      "<img src=x onerror=alert(1)>")


def rewrite(path: Path, change: Callable[[dict], None]) -> None:
    """Change a framework file's data and write it back as YAML (its schema comment kept)."""
    text = path.read_text(encoding="utf-8")
    data = parse_yaml(text, path.name).data
    change(data)
    header = "\n".join(line for line in text.splitlines()[:2] if line.startswith("#"))
    path.write_text(header + "\n" + yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=1_000_000),
                    encoding="utf-8")


def inject_markup(project: Path) -> None:
    """The first FAQ answer and the first phase's first risk become ``INJECTED``; the second phase's objective,
    whatever it says, becomes ``INJECTED_OBJECTIVE``."""

    def faq(data):
        data["questions"][0]["reponse"] = INJECTED

    def phases(data):
        data["phases"][0]["risques"][0] = INJECTED
        data["phases"][1]["objectif"] = INJECTED_OBJECTIVE

    rewrite(project / "frameworks" / "faq.yml", faq)
    rewrite(project / "frameworks" / "phases.yml", phases)


def mkdocs_build(project: Path, site_dir: Path, site_url: str = UNSERVED_URL, env: dict[str, str] | None = None):
    """The real ``mkdocs build --strict``, for the given address (a site never served needs none)."""
    return _mkdocs_build(project, site_dir, site_url, env)


@contextlib.contextmanager
def served_build(project: Path, site_dir: Path, env: dict[str, str] | None = None) -> Iterator[str]:
    """Build ``project`` strictly into ``site_dir`` and serve it on 127.0.0.1; yields the base URL.

    The server takes a port the system gives it (no two test processes share one), then the site is built
    for that very address: Material's instant navigation only intercepts links found in sitemap.xml,
    which holds absolute URLs.
    """
    site_dir.mkdir(parents=True, exist_ok=True)
    with serve_directory(site_dir) as url:
        result = mkdocs_build(project, site_dir, url, env)
        assert result.returncode == 0, result.stdout + result.stderr
        yield url


def goto_with_instant_navigation(page, url: str) -> None:
    """Open ``url`` and wait until Material's instant navigation can take a link: it intercepts only the links
    sitemap.xml lists, and fetches it after the page has loaded; a link clicked before (a loaded machine) is
    followed by the browser itself, a whole new page."""
    with page.expect_response(lambda response: response.url.endswith("/sitemap.xml")):
        page.goto(url)
    page.evaluate("() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))")


def tree_digest(directory: Path) -> str:
    """A fingerprint of a folder: every path and every file's bytes."""
    digest = hashlib.sha256()
    for path in sorted(directory.rglob("*")):
        digest.update(str(path.relative_to(directory)).encode())
        if path.is_file():
            digest.update(path.read_bytes())
    return digest.hexdigest()


def watched_page(context, site_url):
    """A page of ``context`` that records console errors and every request leaving ``site_url``."""
    tab = context.new_page()
    tab.console_errors = []
    tab.outside_requests = []
    tab.on("console", lambda message: message.type == "error" and tab.console_errors.append(message.text))
    tab.on("pageerror", lambda error: tab.console_errors.append(str(error)))
    # Anything the site's Content-Security-Policy refuses is an error of the walk, whatever Chromium logs.
    tab.add_init_script("""document.addEventListener("securitypolicyviolation", e => console.error(
        "CSP refuse " + e.violatedDirective + " : " + (e.blockedURI || "") + " " + (e.sample || "")))""")

    def watch(request):
        if not request.url.startswith(site_url) and not request.url.startswith("data:"):
            tab.outside_requests.append(request.url)

    tab.on("request", watch)
    return tab


# No CSS transition or animation on its way (an endless one, such as a loading cue, is left running): a colour or an
# opacity half-way through its change (a header button's tooltip fading in after a click) is not what the reader
# reads, and axe measured its contrast on the way.
SETTLED = """() => document.getAnimations().every(animation => animation.playState !== "running"
  || animation.effect === null || animation.effect.getComputedTiming().endTime === Infinity)"""


def axe_violations(page, **options) -> list[str]:
    """What axe-core (shipped in axe-playwright-python, offline) finds wrong on the page as it is now, once its
    transitions have ended."""
    from axe_playwright_python.sync_playwright import Axe

    page.wait_for_function(SETTLED, timeout=10_000)
    result = Axe().run(page, **options)
    return [f"{item['id']}: {[node['target'] for node in item['nodes']]}" for item in result.response["violations"]]
