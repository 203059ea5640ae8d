"""Files the calculators need in the browser: the self-hosted Pyodide runtime and a bundle
of the ``calculators`` package with the frameworks' data (its settings).

Names carry a version or a content hash, so they can be cached for ever.
"""

from __future__ import annotations

import hashlib
import json
import shutil
from dataclasses import dataclass
from pathlib import Path

# The runtime files of the npm package ``pyodide`` (core only; calculators need no wheel).
PYODIDE_FILES = ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip", "pyodide-lock.json")


class MissingRuntime(Exception):
    """The npm package is not installed; the message says what to run."""


@dataclass(frozen=True)
class BrowserAssets:
    runtime_dir: str  # relative to the site's assets/ folder, e.g. "pyodide/314.0.7/"
    bundle_file: str  # relative to assets/, e.g. "calculators/bundle.0123456789ab.json"
    bundle: bytes
    pyodide_dir: Path


def browser_assets(root: Path, frameworks: dict) -> BrowserAssets:
    pyodide_dir = Path(root) / "node_modules" / "pyodide"
    package = pyodide_dir / "package.json"
    if not package.exists():
        raise MissingRuntime("node_modules/pyodide est absent : lancez scripts/setup (il installe les paquets npm)")
    version = json.loads(package.read_text(encoding="utf-8"))["version"]
    sources = {
        f"calculators/{path.name}": path.read_text(encoding="utf-8")
        for path in sorted((Path(root) / "calculators").glob("*.py"))
    }
    bundle = json.dumps({"files": sources, "settings": frameworks}, ensure_ascii=False, sort_keys=True).encode("utf-8")
    digest = hashlib.sha256(bundle).hexdigest()[:12]
    return BrowserAssets(
        runtime_dir=f"pyodide/{version}/",
        bundle_file=f"calculators/bundle.{digest}.json",
        bundle=bundle,
        pyodide_dir=pyodide_dir,
    )


def write_browser_assets(assets: BrowserAssets, site_dir: Path) -> None:
    """Copy the Pyodide runtime and write the calculators bundle into the built site."""
    target = Path(site_dir) / "assets" / assets.runtime_dir
    target.mkdir(parents=True, exist_ok=True)
    for name in PYODIDE_FILES:
        source = assets.pyodide_dir / name
        if not source.exists():
            raise MissingRuntime(f"{source} est absent : réinstallez les paquets npm (scripts/setup)")
        destination = target / name
        if not destination.exists() or destination.stat().st_size != source.stat().st_size:
            shutil.copyfile(source, destination)
    bundle_path = Path(site_dir) / "assets" / assets.bundle_file
    bundle_path.parent.mkdir(parents=True, exist_ok=True)
    bundle_path.write_bytes(assets.bundle)
