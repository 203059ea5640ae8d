"""Requests for the editors' check in the browser (``guide.browser.checker``), and their run in Pyodide.

The sample: the first broken variant of each kind of the corpus (``tests/broken_content.py``), each warned one,
and what only the browser's callers send: a file unchanged, an old comment (« # terme de la source »), a variant
of a preferred term and a hand-typed figure (warnings), an unexpected file name.

    .venv/bin/python -m tests.browser_check   rewrite guide/browser/stdlib.txt from an import trace in Pyodide
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from guide.browser.assets import STDLIB_LIST, check_assets
from guide.browser_assets import browser_assets
from guide.catalog import REPO_ROOT, load_guide
from tests.broken_content import EXPECTED_MESSAGES, corpus, warned_corpus

RUN_CHECK = REPO_ROOT / "tests" / "pyodide" / "run-check.mjs"
FRAMEWORKS = REPO_ROOT / "frameworks"


def sample() -> list[tuple[str, str]]:
    """(file name as the admin sends it, text) of each request."""
    chosen: dict[str, object] = {}
    for variant in corpus():
        family = next(part for part, _ in EXPECTED_MESSAGES if part in variant.kind)
        chosen.setdefault(family, variant)
    requests = [(f"{variant.framework}.yml", variant.text) for variant in chosen.values()]
    requests += [(f"frameworks/{variant.framework}.yml", variant.text) for variant in warned_corpus()[:3]]
    faq = (FRAMEWORKS / "faq.yml").read_text(encoding="utf-8")
    requests.append(("faq.yml", faq))
    requests.append(("faq.yml", faq.replace('Fractional CMO ?\n    termes_de_la_source: ["Fractional CMO"]\n',
                                            "Fractional CMO ?  # terme de la source\n", 1)))
    requests.append(("faq.yml", faq.replace('reponse: "', 'reponse: "Un CMO externalisé, 40 h par semaine. ', 1)))
    requests.append(("../mkdocs.yml", faq))
    return requests


def write_assets(folder: Path) -> tuple[Path, Path]:
    """The bundle and the standard library as the build writes them, in ``folder``: (bundle, stdlib)."""
    guide = load_guide(REPO_ROOT)
    assets = check_assets(REPO_ROOT, browser_assets(REPO_ROOT, guide.frameworks))
    bundle, stdlib = folder / "bundle.json", folder / "python_stdlib.zip"
    bundle.write_bytes(assets.bundle)
    stdlib.write_bytes(assets.stdlib)
    return bundle, stdlib


def run_in_pyodide(bundle: Path, requests: list[tuple[str, str]], stdlib: Path | None = None,
                   trace: bool = False) -> subprocess.CompletedProcess:
    with tempfile.TemporaryDirectory() as folder:
        requests_file = Path(folder) / "requests.json"
        requests_file.write_text(json.dumps(requests, ensure_ascii=False), encoding="utf-8")
        command = ["node", str(RUN_CHECK), str(bundle), str(requests_file)] + ([str(stdlib)] if stdlib else [])
        env = dict(os.environ, TRACE="1" if trace else "0")
        return subprocess.run(command, capture_output=True, text=True, cwd=REPO_ROOT, env=env, timeout=1200)


def traced_stdlib(bundle: Path) -> list[str]:
    result = run_in_pyodide(bundle, sample(), trace=True)
    if result.returncode:
        raise SystemExit(result.stderr[-3000:])
    return sorted(line for line in result.stdout.splitlines() if line.strip())


HEADER = """# Standard library modules the editors' content check needs in the browser (entries of Pyodide's python_stdlib.zip).
# Made by « .venv/bin/python -m tests.browser_check » from an import trace inside Pyodide over tests/browser_check.py's
# sample; the build keeps only these in the archive the admin loads. tests/builds/test_browser_check.py checks both.
"""


if __name__ == "__main__":
    with tempfile.TemporaryDirectory() as folder:
        # The trace runs on Pyodide's whole standard library: the list may need a module the current one lacks.
        (REPO_ROOT / STDLIB_LIST).write_text(HEADER + "__future__.py\n", encoding="utf-8")
        bundle, _ = write_assets(Path(folder))
        entries = traced_stdlib(bundle)
    (REPO_ROOT / STDLIB_LIST).write_text(HEADER + "\n".join(entries) + "\n", encoding="utf-8")
    print(f"{STDLIB_LIST} : {len(entries)} modules", file=sys.stderr)
