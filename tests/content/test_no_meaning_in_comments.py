"""No meaning in comments: a form (the CMS) that drops every comment of the framework files changes neither what
the check reports nor what the pages say.

What the check used to read in comments (« # terme de la source », « # pas un repère ») is now a field of the
block (``guide.markers``). The only comment left with a use is the first line, which names the file's schema for
the editor's completion: the check names it where it is missing, and nothing else depends on it.
"""

from __future__ import annotations

import contextlib
import io
import re

import pytest
import yaml

from guide.__main__ import check
from guide.browser_assets import browser_assets
from guide.catalog import REPO_ROOT, framework_names, load_guide
from guide.rendering import render_pages
from guide.rules import SCHEMA_LINE
from tests.helpers import load_errors, page_slugs
from tests.site_text import article_text
from tests.support import TEST_EDIT_URI, TEST_REPOSITORY, copy_project, mkdocs_build


def without_comments(text: str, keep_first_line: bool = False) -> str:
    """``text`` with every YAML comment removed, as a form that drops them would save it: a comment-only line is
    gone, a comment at a line's end is cut with the spaces before it. A « # » inside a text is not a comment: the
    texts' places come from the YAML scanner itself."""
    inside = []
    for token in yaml.scan(text, Loader=yaml.SafeLoader):
        if isinstance(token, yaml.ScalarToken):
            inside.append((token.start_mark.index, token.end_mark.index))
    kept, offset = [], 0
    for number, line in enumerate(text.split("\n"), start=1):
        cut = None
        for match in re.finditer("#", line):
            index = offset + match.start()
            before = line[match.start() - 1] if match.start() else " "
            if before in " \t" and not any(start <= index < end for start, end in inside):
                cut = match.start()
                break
        offset += len(line) + 1
        if cut is None or (keep_first_line and number == 1):
            kept.append(line)
        elif line[:cut].strip():
            kept.append(line[:cut].rstrip())
    return "\n".join(kept)


def test_the_stripping_removes_comments_and_nothing_else():
    text = ('# en-tête\na: "x # pas un commentaire"  # commentaire\n# seul\nb:\n  - c # d\n  - "#e"\n'
            'f: |\n  # texte\n')
    assert without_comments(text) == 'a: "x # pas un commentaire"\nb:\n  - c\n  - "#e"\nf: |\n  # texte\n'
    assert yaml.safe_load(without_comments(text)) == yaml.safe_load(text)


def strip_every_file(project, keep_first_line: bool = False) -> None:
    for path in sorted((project / "frameworks").glob("*.yml")):
        text = path.read_text(encoding="utf-8")
        stripped = without_comments(text, keep_first_line)
        assert stripped.count("#") < text.count("#") or keep_first_line, path.name  # each file has comments
        path.write_text(stripped, encoding="utf-8")


def check_output(root) -> tuple[int, list[str]]:
    """The check's exit code and what it prints, each line without its line and column (removing comment lines
    moves the lines below them)."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = check(root, github=False)
    lines = (out.getvalue() + err.getvalue()).splitlines()
    return code, [re.sub(r"^(frameworks/[^:]+):\d+:\d+:", r"\1:", line) for line in lines]


@pytest.fixture(scope="module")
def stripped_project(tmp_path_factory):
    """A copy of the project whose framework files lost every comment but the first line (the schema's name)."""
    project = copy_project(tmp_path_factory.mktemp("stripped") / "project")
    strip_every_file(project, keep_first_line=True)
    return project


def test_without_any_comment_the_check_only_names_each_missing_first_line(project):
    """Every comment removed, the first line too: the check reports that line in each file, and nothing else."""
    strip_every_file(project)
    names = framework_names(project / "frameworks")
    errors = load_errors(project)
    assert [(error.file, error.line, error.column) for error in errors] == [
        (f"frameworks/{name}.yml", 1, 1) for name in names]
    for error, name in zip(errors, names, strict=True):
        assert error.message.endswith(f"écrivez en tête du fichier « {SCHEMA_LINE.format(name=name)} »")


def test_without_comments_the_check_reports_the_same(stripped_project, repository_output):
    assert check_output(stripped_project) == repository_output


@pytest.fixture(scope="module")
def repository_output():
    code, lines = check_output(REPO_ROOT)
    assert code == 0 and lines[-1].startswith("Contenu valide\u202f: ")
    return code, lines


def test_without_comments_the_data_and_the_pages_are_the_same(stripped_project, guide, rendered_pages):
    stripped = load_guide(stripped_project)
    assert stripped.frameworks == guide.frameworks
    assets = browser_assets(stripped_project, stripped.frameworks)
    pages = {page.name: page.markdown for page in render_pages(stripped, assets)}
    assert pages == {name: page.markdown for name, page in rendered_pages.items()}


def test_without_comments_the_built_pages_say_the_same(stripped_project, served_site, tmp_path):
    built_site, site_url = served_site
    site = tmp_path / "site"
    result = mkdocs_build(stripped_project, site, site_url, {"REPO_URL": TEST_REPOSITORY, "EDIT_URI": TEST_EDIT_URI})
    assert result.returncode == 0, result.stdout + result.stderr
    for slug in page_slugs():
        assert article_text(site, slug) == article_text(built_site, slug), slug or "accueil"
