"""The editors' check before saving: the core's own check, run in Pyodide on the file being edited among the
other files as built, gives the messages the server's gives (``guide.browser``; the admin calls
``docs/assets/javascripts/content-check.mjs``).

In Pyodide under Node (offline), with the bundle and the trimmed standard library exactly as the build writes
them: a sample of the broken-content corpus (``tests/browser_check.py``), one variant of each kind and each
warned one, gets the same list of ``{file, line, column, field, message}`` as the same request on CPython; the
command's output says the same; the build writes the files the admin's module loads.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
import zipfile
from io import BytesIO

import pytest

from common.typography import console_typography
from guide.browser.assets import STDLIB_LIST, check_assets
from guide.browser.checker import check_file
from guide.browser_assets import browser_assets, stdlib_entries
from guide.catalog import REPO_ROOT
from guide.content_check import WARNING_SUFFIX
from tests.browser_check import FRAMEWORKS, run_in_pyodide, sample, write_assets


@pytest.fixture(scope="module")
def requests():
    return sample()


@pytest.fixture(scope="module")
def server(tmp_path_factory, requests) -> list[list[dict]]:
    """Each request checked on CPython, by the same function, in a copy of the content as built."""
    root = tmp_path_factory.mktemp("server")
    shutil.copytree(FRAMEWORKS, root / "frameworks")
    return [json.loads(check_file(name, text, root)) for name, text in requests]


@pytest.fixture(scope="module")
def browser(tmp_path_factory, requests) -> list[list[dict]]:
    bundle, stdlib = write_assets(tmp_path_factory.mktemp("browser"))
    result = run_in_pyodide(bundle, requests, stdlib)
    assert result.returncode == 0, result.stderr[-3000:]
    return json.loads(result.stdout)


def test_the_sample_covers_errors_warnings_and_a_valid_file(server, requests):
    assert len(requests) >= 30
    assert [] in server  # the file as built
    assert sum(1 for found in server if found and not found[0]["message"].endswith(WARNING_SUFFIX)) >= 25
    assert sum(1 for found in server if found and found[-1]["message"].endswith(WARNING_SUFFIX)) >= 3


def test_the_browser_gives_the_server_s_messages(server, browser, requests):
    assert len(browser) == len(requests)
    for (name, _), expected, found in zip(requests, server, browser, strict=True):
        assert found == expected, name


def test_the_findings_are_what_the_command_prints(tmp_path, requests, server):
    """One request with errors, one with warnings only: the command's lines are the findings, as it writes them."""
    for index in (1, len(requests) - 2):
        name, text = requests[index]
        root = tmp_path / str(index)
        shutil.copytree(FRAMEWORKS, root / "frameworks")
        (root / "frameworks" / name.removeprefix("frameworks/")).write_bytes(text.encode("utf-8"))
        result = subprocess.run([sys.executable, "-m", "guide", "check", "--root", str(root), "--seeds", str(tmp_path / "aucun")],
                                capture_output=True, text=True, cwd=REPO_ROOT, timeout=300)
        printed = [line for line in (result.stdout + result.stderr).splitlines() if line.startswith("frameworks/")]
        printed = [line for line in printed if "les textes des sources sont absents" not in line]
        expected = [f"{item['file']}:{item['line']}:{item['column']}: " + (f"{item['field']} : " if item["field"] else "")
                    + item["message"] for item in server[index]]
        assert printed == [console_typography(line) for line in expected] and expected  # typeset only when printed


def test_a_file_name_outside_the_frameworks_is_refused_in_french(server, requests):
    [(name, _)] = [request for request in requests if request[0].startswith("..")]
    [finding] = server[[request[0] for request in requests].index(name)]
    assert finding["message"].startswith("nom de fichier inattendu")


def test_the_snapshot_is_left_as_it_was(tmp_path):
    shutil.copytree(FRAMEWORKS, tmp_path / "frameworks")
    before = (tmp_path / "frameworks" / "faq.yml").read_bytes()
    assert json.loads(check_file("faq.yml", "", tmp_path))[0]["message"].startswith("le fichier est vide")
    assert (tmp_path / "frameworks" / "faq.yml").read_bytes() == before


def test_the_bundle_holds_the_core_its_libraries_and_the_content_as_built(guide):
    assets = check_assets(REPO_ROOT, browser_assets(REPO_ROOT, guide.frameworks))
    bundle = json.loads(assets.bundle)
    assert {"guide/browser/checker.py", "guide/content_check.py", "yaml/__init__.py", "jsonschema/validators.py",
            "referencing/_core.py", "rpds.py", "jinja2/__init__.py", "markdown/__init__.py"} <= set(bundle["files"])
    assert not [path for path in bundle["files"] if "/tests/" in path or path.endswith((".so", ".pyc"))]
    assert bundle["snapshot"]["frameworks/faq.yml"] == (FRAMEWORKS / "faq.yml").read_text(encoding="utf-8")
    assert set(bundle["snapshot"]) >= {f"frameworks/{path.name}" for path in FRAMEWORKS.glob("*.yml")}
    with zipfile.ZipFile(BytesIO(assets.stdlib)) as trimmed:
        assert sorted(trimmed.namelist()) == sorted(set(stdlib_entries(REPO_ROOT / STDLIB_LIST)))
    manifest = json.loads(assets.manifest)
    assert re.fullmatch(r"content-check/bundle\.[0-9a-f]{12}\.json", manifest["bundle"])
    assert manifest["runtime"].startswith("pyodide/")
