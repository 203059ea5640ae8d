"""The Python code passes ruff with the project's rules (pyproject.toml), as pre-commit runs it,
and mypy finds no type error in guide/, calculators/ and hooks/ (pyproject.toml, [tool.mypy])."""

from __future__ import annotations

import subprocess
import sys

from guide.catalog import REPO_ROOT


def test_ruff_finds_nothing():
    result = subprocess.run([sys.executable, "-m", "ruff", "check", "--no-cache", "."], cwd=REPO_ROOT,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr


def test_mypy_finds_nothing():
    result = subprocess.run([sys.executable, "-m", "mypy"], cwd=REPO_ROOT, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
