"""The browser gets a trimmed standard library: only the modules the calculators import in Pyodide.
The list (calculators/browser-stdlib.txt) must match a fresh import trace, and every calculator must run
on the trimmed archive alone (in Pyodide under Node, offline)."""

from __future__ import annotations

import json
import subprocess
import zipfile
from io import BytesIO

import pytest

from guide.browser_assets import STDLIB_LIST, browser_assets, stdlib_entries
from guide.catalog import REPO_ROOT

TRACE = REPO_ROOT / "tests" / "pyodide" / "trace-stdlib.mjs"


@pytest.fixture(scope="module")
def settings_file(tmp_path_factory, guide):
    path = tmp_path_factory.mktemp("stdlib") / "settings.json"
    path.write_text(json.dumps(guide.frameworks, ensure_ascii=False), encoding="utf-8")
    return path


def trace(settings_file, archive=None) -> subprocess.CompletedProcess:
    command = ["node", str(TRACE), str(settings_file)] + ([str(archive)] if archive else [])
    return subprocess.run(command, capture_output=True, text=True, cwd=REPO_ROOT, timeout=300)


def test_the_list_matches_a_fresh_import_trace(settings_file):
    result = trace(settings_file)
    assert result.returncode == 0, result.stderr
    traced = sorted(line for line in result.stdout.splitlines() if line.strip())
    assert traced == sorted(stdlib_entries(REPO_ROOT / STDLIB_LIST)), "relancez scripts/trace-stdlib"


def test_every_calculator_runs_on_the_trimmed_archive_and_the_bundle_alone(tmp_path, guide):
    """The archive and the bundle's settings as the browser gets them: nothing else."""
    assets = browser_assets(REPO_ROOT, guide.frameworks)
    settings_file = tmp_path / "bundle-settings.json"
    settings_file.write_text(json.dumps(json.loads(assets.bundle)["settings"], ensure_ascii=False), encoding="utf-8")
    archive = tmp_path / "python_stdlib.zip"
    archive.write_bytes(assets.stdlib)
    with zipfile.ZipFile(BytesIO(assets.stdlib)) as trimmed:
        assert sorted(trimmed.namelist()) == sorted(set(stdlib_entries(REPO_ROOT / STDLIB_LIST)))
    result = trace(settings_file, archive)
    assert result.returncode == 0, result.stderr[-2000:]


def test_a_missing_module_is_caught(settings_file, tmp_path, guide):
    """The check can fail: without json, the calculators cannot even start."""
    assets = browser_assets(REPO_ROOT, guide.frameworks)
    archive = tmp_path / "python_stdlib.zip"
    output = BytesIO()
    with zipfile.ZipFile(BytesIO(assets.stdlib)) as source, zipfile.ZipFile(output, "w") as target:
        for name in source.namelist():
            if not name.startswith("json/"):
                target.writestr(name, source.read(name))
    archive.write_bytes(output.getvalue())
    assert trace(settings_file, archive).returncode != 0
