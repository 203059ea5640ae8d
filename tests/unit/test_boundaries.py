"""Package boundaries: the MkDocs hooks reach the core through one facade, without editing sys.path;
the core and the calculators never import MkDocs, the tests or the scripts; the scripts never import the
tests, and no test imports conftest.py (shared helpers live in tests/support.py and scripts/)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from guide.catalog import REPO_ROOT

HOOKS = REPO_ROOT / "hooks" / "guide_hooks.py"


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
    return found


def test_the_hooks_import_the_core_through_its_facade_only():
    core = {module for module in imported_modules(HOOKS) if module.split(".")[0] in ("common", "guide", "calculators")}
    assert core == {"guide.shell"}
    assert "sys.path" not in HOOKS.read_text(encoding="utf-8")


@pytest.mark.parametrize("path", sorted([*(REPO_ROOT / "common").glob("*.py"), *(REPO_ROOT / "guide").glob("*.py"),
                                         *(REPO_ROOT / "calculators").glob("*.py")]),
                         ids=lambda path: f"{path.parent.name}/{path.name}")
def test_the_core_never_imports_mkdocs_the_tests_or_the_scripts(path):
    roots = {module.split(".")[0] for module in imported_modules(path)}
    assert not roots & {"mkdocs", "material", "tests", "scripts", "hooks"}


# The command line (python -m calculators) runs on CPython only and may read the YAML through the guide.
BROWSER_MODULES = sorted(path for path in (REPO_ROOT / "calculators").glob("*.py") if path.name != "__main__.py")


@pytest.mark.parametrize("path", BROWSER_MODULES, ids=lambda path: path.name)
def test_the_calculators_import_only_the_standard_library_and_themselves(path):
    import sys

    roots = {module.split(".")[0] for module in imported_modules(path)}
    assert roots <= set(sys.stdlib_module_names) | {"common", "calculators", "__future__"}, roots


@pytest.mark.parametrize("path", sorted((REPO_ROOT / "common").glob("*.py")), ids=lambda path: path.name)
def test_the_shared_package_imports_only_the_standard_library_and_itself(path):
    """common/ is what guide/ and calculators/ share: it runs in the browser too, and depends on neither."""
    import sys

    roots = {module.split(".")[0] for module in imported_modules(path)}
    assert roots <= set(sys.stdlib_module_names) | {"common", "__future__"}, roots


@pytest.mark.parametrize("path", sorted((REPO_ROOT / "scripts").glob("*.py")), ids=lambda path: path.name)
def test_the_scripts_never_import_the_tests(path):
    assert not {module.split(".")[0] for module in imported_modules(path)} & {"tests"}


def test_no_test_module_imports_conftest():
    """(tests/calculators/ keeps its own conftest import: the same files run inside Pyodide, where it is the
    only module beside them.)"""
    importers = [path.name for path in (REPO_ROOT / "tests").rglob("*.py") if "calculators" not in path.parts
                 if any(module.endswith("conftest") for module in imported_modules(path))]
    assert importers == []


def test_the_project_is_installed_editable_so_its_packages_import_from_anywhere():
    """scripts/setup's pip install -e . : from a directory outside the project, the environment's Python finds the
    three packages in this checkout (what the hook, loaded by path, relies on)."""
    import subprocess
    import sys

    found = subprocess.run(
        [sys.executable, "-c", "import common, guide, calculators; print(guide.__file__, common.__file__, calculators.__file__)"],
        cwd="/", capture_output=True, text=True, env={"PATH": "/usr/bin:/bin"})
    assert found.returncode == 0, found.stderr
    assert all(Path(file).resolve().is_relative_to(REPO_ROOT) for file in found.stdout.split())
