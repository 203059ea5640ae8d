"""The build: strict, and a content error stops it in French before the site is touched.

``scripts/build`` (a fresh folder swapped in only on success) is tested with one broken file per family of
error in tests/content/test_broken_content.py.
"""

from __future__ import annotations

import shutil

from tests.helpers import line_of, page_slugs, replace_field
from tests.support import mkdocs_build, tree_digest


def test_strict_build_of_the_repository_passes(built_site):
    assert (built_site / "index.html").exists()
    assert (built_site / "sitemap.xml").exists()
    for slug in page_slugs():
        assert (built_site / slug / "index.html").exists(), slug


def test_invalid_content_stops_the_build_in_french_and_keeps_the_last_good_site(built_site, project, tmp_path):
    site = tmp_path / "site"
    shutil.copytree(built_site, site)  # the last good site, as a previous build left it
    before = tree_digest(site)

    path = project / "frameworks" / "phases.yml"
    replace_field(path, ("phases", 1, "effectif_min"), "dix")
    result = mkdocs_build(project, site)

    assert result.returncode != 0
    output = result.stdout + result.stderr
    assert f"frameworks/phases.yml:{line_of(path, 'effectif_min: dix')}:19: phases[1].effectif_min\u202f: doit être un nombre entier" in output
    assert "Traceback" not in output
    assert tree_digest(site) == before


def test_yaml_syntax_error_stops_the_build_without_traceback(project, tmp_path):
    replace_field(project / "frameworks" / "faq.yml", ("questions", 1, "question"), "Recruter : interne ou externe ?")
    result = mkdocs_build(project, tmp_path / "site")
    assert result.returncode != 0
    assert "frameworks/faq.yml:" in result.stderr and "deux-points inattendu" in result.stderr
    assert "Traceback" not in result.stdout + result.stderr
    assert not (tmp_path / "site").exists()
