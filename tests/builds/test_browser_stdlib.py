"""The browser gets a trimmed standard library: only the modules the calculators import in Pyodide, without
their docstrings, comments and blank lines. The list (calculators/browser-stdlib.txt) must match a fresh import
trace, every calculator must run on the trimmed archive alone, and each lightened module must keep the syntax
tree of Pyodide's own but for its docstrings (in Pyodide under Node, offline). The lightening itself is checked
on CPython below, on sources made to hold each case."""

from __future__ import annotations

import ast
import json
import subprocess
import zipfile
from io import BytesIO

import pytest

from guide.browser_assets import LOCK_FILE, STDLIB_LIST, browser_assets, lighter_source, stdlib_entries
from guide.catalog import REPO_ROOT

TRACE = REPO_ROOT / "tests" / "pyodide" / "trace-stdlib.mjs"
COMPARE = REPO_ROOT / "tests" / "pyodide" / "compare-stdlib.mjs"
PYODIDE_STDLIB = REPO_ROOT / "node_modules" / "pyodide" / "python_stdlib.zip"


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


def compare(archive) -> subprocess.CompletedProcess:
    return subprocess.run(["node", str(COMPARE), str(archive)], capture_output=True, text=True, cwd=REPO_ROOT,
                          timeout=300)


def test_each_lightened_module_keeps_its_syntax_tree_but_for_its_docstrings(tmp_path, guide):
    """The build reads Python 3.14's sources with CPython 3.11's tokenizer: Pyodide's own parser checks the result."""
    archive = tmp_path / "python_stdlib.zip"
    archive.write_bytes(browser_assets(REPO_ROOT, guide.frameworks).stdlib)
    result = compare(archive)
    assert result.returncode == 0, result.stdout + result.stderr[-2000:]


def test_a_changed_module_or_a_docstring_left_is_caught(tmp_path, guide):
    """The comparison can fail: a default changed in json, keyword.py shipped with its docstring."""
    output = BytesIO()
    with zipfile.ZipFile(BytesIO(browser_assets(REPO_ROOT, guide.frameworks).stdlib)) as source, \
            zipfile.ZipFile(PYODIDE_STDLIB) as original, zipfile.ZipFile(output, "w") as target:
        for name in source.namelist():
            data = source.read(name)
            if name == "json/__init__.py":
                assert b"indent=None" in data
                data = data.replace(b"indent=None", b"indent=2", 1)
            elif name == "keyword.py":
                data = original.read(name)
            target.writestr(name, data)
    archive = tmp_path / "python_stdlib.zip"
    archive.write_bytes(output.getvalue())
    result = compare(archive)
    assert result.returncode == 1 and result.stdout.split() == ["json/__init__.py", "keyword.py"]


def run(source: bytes) -> dict:
    """The module's globals once run (on CPython: these sources are written for it)."""
    namespace: dict = {}
    exec(compile(source, "module.py", "exec"), namespace)
    return namespace


def test_docstrings_and_string_statements_go_and_the_code_stays():
    source = b'''"""The module's docstring, before a future import."""
from __future__ import annotations
# A comment line.

def documented():
    """Only a docstring: the body becomes pass."""


class Shape:  # a trailing comment
    """A class docstring."""
    "A string used as a comment."
    sides = 4  # sides

    def area(self, side):
        \'\'\'Two lines,

        with a blank one.\'\'\'
        return side * side
'''
    light = lighter_source(source)
    assert b"docstring" not in light and b"comment" not in light and b"#" not in light
    assert b"\n\n" not in light  # no blank line left
    assert run(source)["__doc__"] == "The module's docstring, before a future import."
    namespace = run(light)
    assert "__doc__" not in namespace and namespace["documented"]() is None
    shape = namespace["Shape"]
    assert shape.__doc__ is None and shape.area.__doc__ is None
    assert shape.sides == 4 and shape().area(3) == 9
    assert light.startswith(b"from __future__ import annotations")


def test_strings_in_code_hash_signs_in_strings_and_f_strings_stay():
    source = b'''text = """first line

# not a comment, and the blank line above is part of the text
"""
joined = ("a"
          "b")  # implicit concatenation inside an expression
def noisy():
    f"{print('called')}"
    return text
call = "#" + joined
'''
    namespace = run(lighter_source(source))
    assert namespace["text"] == "first line\n\n# not a comment, and the blank line above is part of the text\n"
    assert namespace["joined"] == "ab" and namespace["call"] == "#ab"
    assert b"print(\'called\')" in lighter_source(source)  # an f-string statement may call code: it stays


def test_a_source_not_in_utf8_or_not_readable_stays_whole():
    latin = "# -*- coding: latin-1 -*-\n\"\"\"Docstring \xe9.\"\"\"\nvalue = \"\xe9\"  # \xe9\n".encode("latin-1")
    assert lighter_source(latin) == latin
    broken = b'def f(:\n    """doc"""\n'
    assert lighter_source(broken) == broken


def test_the_lock_file_keeps_its_info_and_lists_no_package(guide):
    assets = browser_assets(REPO_ROOT, guide.frameworks)
    lock = json.loads(assets.lock)
    original = json.loads((REPO_ROOT / "node_modules" / "pyodide" / LOCK_FILE).read_text(encoding="utf-8"))
    assert original["packages"] and lock == {"info": original["info"], "packages": {}}


def without_docstrings(tree: ast.AST) -> str:
    """The tree's dump once each statement made of a string literal alone, and each ``pass``, is set aside."""
    for node in ast.walk(tree):
        for name, value in ast.iter_fields(node):
            if isinstance(value, list) and value and all(isinstance(item, ast.stmt) for item in value):
                setattr(node, name, [item for item in value if not isinstance(item, ast.Pass) and not (
                    isinstance(item, ast.Expr) and isinstance(item.value, ast.Constant)
                    and isinstance(item.value.value, (str, bytes)))])
    return ast.dump(tree, include_attributes=False)


def test_the_bundle_holds_the_browser_modules_lightened_with_the_same_code(guide):
    files = json.loads(browser_assets(REPO_ROOT, guide.frameworks).bundle)["files"]
    expected = sorted(f"{package}/{path.name}" for package in ("common", "calculators")
                      for path in (REPO_ROOT / package).glob("*.py") if path.name != "__main__.py")
    assert sorted(files) == expected
    originals = {name: (REPO_ROOT / name).read_text(encoding="utf-8") for name in files}
    assert sum(map(len, files.values())) < sum(map(len, originals.values())) * 0.8
    for name, source in files.items():
        assert without_docstrings(ast.parse(source)) == without_docstrings(ast.parse(originals[name])), name
