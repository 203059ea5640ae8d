"""The files the browser's content check needs, written by the build beside the calculators' Pyodide.

- ``content-check/bundle.HASH.json``: the Python that runs (the core ``guide`` with its templates, ``common``,
  ``calculators``, and the pure-Python libraries the core imports, as pinned in requirements.txt), and the
  snapshot of the content as built (every ``frameworks/*.yml`` and schema). One download, cached for ever.
- ``content-check/python_stdlib.HASH.zip``: Pyodide's standard library with the modules the check imports
  (``guide/browser/stdlib.txt``), the calculators' runtime being trimmed to theirs; the worker starts Pyodide
  with it (``stdLibURL``).
- ``content-check/manifest.json``: where those two and the runtime are (a small file, revalidated).

What Pyodide cannot install from the package registry (measured with Pyodide 314.0.7, Python 3.14): PyYAML and
MarkupSafe have no wheel for it, but their wheels carry their pure-Python code, which runs without the compiled
accelerator (PyYAML's libyaml binding, MarkupSafe's speedups); rpds-py (for ``referencing``, which jsonschema
uses) is Rust only, so the browser gets ``guide/browser/rpds.py`` under its name. jsonschema, referencing,
attrs, jsonschema-specifications, Jinja2 and Markdown are pure-Python wheels.
"""

from __future__ import annotations

import hashlib
import importlib
import json
from dataclasses import dataclass
from pathlib import Path

from guide.browser_assets import BrowserAssets, stdlib_subset

# The core and what it imports; third-party packages by import name (their code as installed from the pins).
OWN_PACKAGES = ("guide", "common", "calculators")
LIBRARIES = ("yaml", "jsonschema", "referencing", "attr", "attrs", "jsonschema_specifications", "jinja2",
             "markupsafe", "markdown")
SHIM = Path(__file__).resolve().parent / "rpds.py"
STDLIB_LIST = Path("guide") / "browser" / "stdlib.txt"
CHECK_DIR = "content-check"
_SKIPPED_PARTS = {"tests", "_tests", "benchmarks", "__pycache__", "browser_tests"}


@dataclass(frozen=True)
class CheckAssets:
    bundle_file: str  # relative to the site's assets/ folder
    bundle: bytes
    stdlib_file: str
    stdlib: bytes
    manifest: bytes


def _library_files(name: str) -> dict[str, bytes]:
    module = importlib.import_module(name)
    if module.__file__ is None:
        raise ModuleNotFoundError(f"{name} n'est pas installé comme un dossier de fichiers : relancez scripts/setup")
    folder = Path(module.__file__).resolve().parent
    found = {}
    for path in sorted(folder.rglob("*")):
        relative = path.relative_to(folder.parent)
        if not path.is_file() or _SKIPPED_PARTS & set(relative.parts) or path.suffix in (".so", ".pyd", ".c", ".pyi"):
            continue
        if path.suffix == ".py" or (name == "jsonschema_specifications" and path.suffix == ".json") or \
                path.name == "py.typed":
            found[relative.as_posix()] = path.read_bytes()
    return found


def python_files(root: Path) -> dict[str, str]:
    """Every file of the check's Python, by its path in the browser's import folder, as written: lightening them
    like the calculators' (``guide.browser_assets.lighter_source``) takes seconds of every build for a fifth of
    the gzipped size, on a page (the admin) that loads Decap's 13 MB anyway."""
    files: dict[str, bytes] = {}
    for package in OWN_PACKAGES:
        for path in sorted((Path(root) / package).rglob("*")):
            relative = path.relative_to(root)
            if not path.is_file() or "__pycache__" in relative.parts or relative.name == "__main__.py":
                continue
            if path.suffix == ".py" or (package == "guide" and "templates" in relative.parts):
                files[relative.as_posix()] = path.read_bytes()
    for name in LIBRARIES:
        files.update(_library_files(name))
    files["rpds.py"] = SHIM.read_bytes()
    return {path: data.decode("utf-8") for path, data in sorted(files.items())}


def snapshot(root: Path) -> dict[str, str]:
    """The content as built: every framework file and schema, by path from the project's folder, as written."""
    frameworks = Path(root) / "frameworks"
    return {path.relative_to(root).as_posix(): path.read_bytes().decode("utf-8")
            for pattern in ("*.yml", "schemas/*.schema.json") for path in sorted(frameworks.glob(pattern))}


def check_stdlib(archive: Path, list_path: Path) -> bytes:
    """Pyodide's standard library archive with only the listed entries, copied as they are (the same bytes each
    build; see ``python_files`` for why nothing is lightened)."""
    return stdlib_subset(archive, list_path, list_path.name, "« .venv/bin/python -m tests.browser_check »",
                         lighten=False, compresslevel=6)


def check_assets(root: Path, calculators: BrowserAssets) -> CheckAssets:
    root = Path(root)
    bundle = json.dumps({"files": python_files(root), "snapshot": snapshot(root)},
                        ensure_ascii=False, sort_keys=True).encode("utf-8")
    stdlib = check_stdlib(calculators.pyodide_dir / "python_stdlib.zip", root / STDLIB_LIST)
    bundle_file = f"{CHECK_DIR}/bundle.{hashlib.sha256(bundle).hexdigest()[:12]}.json"
    stdlib_file = f"{CHECK_DIR}/python_stdlib.{hashlib.sha256(stdlib).hexdigest()[:12]}.zip"
    manifest = json.dumps({"runtime": calculators.runtime_dir, "stdlib": stdlib_file, "bundle": bundle_file},
                          sort_keys=True).encode("utf-8")
    return CheckAssets(bundle_file, bundle, stdlib_file, stdlib, manifest)


def write_check_assets(assets: CheckAssets, site_dir: Path) -> None:
    base = Path(site_dir) / "assets"
    for name, data in ((assets.bundle_file, assets.bundle), (assets.stdlib_file, assets.stdlib),
                       (f"{CHECK_DIR}/manifest.json", assets.manifest)):
        (base / name).parent.mkdir(parents=True, exist_ok=True)
        (base / name).write_bytes(data)
