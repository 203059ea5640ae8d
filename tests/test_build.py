"""The build: strict, and a content error stops it in French before the site is touched."""

from __future__ import annotations

import hashlib
import os
import subprocess
from pathlib import Path

from tests.helpers import line_of, page_slugs, replace_in
from tests.support import REPO, mkdocs_build


def tree_digest(directory: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(directory.rglob("*")):
        digest.update(str(path.relative_to(directory)).encode())
        if path.is_file():
            digest.update(path.read_bytes())
    return digest.hexdigest()


def test_strict_build_of_the_repository_passes(built_site):
    assert (built_site / "index.html").exists()
    assert (built_site / "sitemap.xml").exists()
    for slug in page_slugs():
        assert (built_site / slug / "index.html").exists(), slug


def test_invalid_content_stops_the_build_in_french_and_keeps_the_last_good_site(project, tmp_path):
    site = tmp_path / "site"
    assert mkdocs_build(project, site).returncode == 0
    before = tree_digest(site)

    path = project / "frameworks" / "phases.yml"
    replace_in(path, "effectif_min: 10", "effectif_min: dix")
    result = mkdocs_build(project, site)

    assert result.returncode != 0
    output = result.stdout + result.stderr
    assert f"frameworks/phases.yml:{line_of(path, 'effectif_min: dix')}:19: phases[1].effectif_min : doit être un nombre entier" in output
    assert "Traceback" not in output
    assert tree_digest(site) == before


def test_yaml_syntax_error_stops_the_build_without_traceback(project, tmp_path):
    replace_in(project / "frameworks" / "faq.yml", "question: Faut-il recruter en interne ou externaliser ?",
               "question: Recruter : interne ou externe ?")
    result = mkdocs_build(project, tmp_path / "site")
    assert result.returncode != 0
    assert "frameworks/faq.yml:" in result.stderr and "deux-points inattendu" in result.stderr
    assert "Traceback" not in result.stdout + result.stderr
    assert not (tmp_path / "site").exists()


def test_build_script_leaves_the_previous_site_when_content_is_broken(project, tmp_path):
    """scripts/build builds into a fresh folder and only then replaces the site."""
    scripts = project / "scripts"
    scripts.mkdir()
    (scripts / "build").write_text((REPO / "scripts" / "build").read_text(encoding="utf-8"), encoding="utf-8")
    (scripts / "setup").write_text("#!/usr/bin/env bash\n", encoding="utf-8")  # packages are already installed
    (scripts / "build").chmod(0o755)
    (scripts / "setup").chmod(0o755)
    (project / ".venv").symlink_to(REPO / ".venv")
    site = tmp_path / "published"
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")

    first = subprocess.run([str(scripts / "build"), str(site)], cwd=project, env=env, capture_output=True, text=True)
    assert first.returncode == 0, first.stderr
    before = tree_digest(site)

    replace_in(project / "frameworks" / "signaux.yml", "  - id: marketing-disperse\n", "  - id: Marketing Dispersé\n")
    second = subprocess.run([str(scripts / "build"), str(site)], cwd=project, env=env, capture_output=True, text=True)
    assert second.returncode != 0
    assert "signaux[1].id : un identifiant s'écrit en minuscules" in second.stderr
    assert tree_digest(site) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["project", "published"]  # no half-written folder left
