"""Files the calculators need in the browser: the self-hosted Pyodide runtime and a bundle
of the ``calculators`` and ``common`` packages with the frameworks’ data (its settings).

Names carry a version or a content hash, so they can be cached for ever.
"""

from __future__ import annotations

import hashlib
import io
import json
import shutil
import tokenize
import zipfile
from dataclasses import dataclass
from pathlib import Path

from calculators.contract import CALCULATOR_NAMES, SHARED_FRAMEWORKS

# The runtime files of the npm package ``pyodide`` (core only; calculators need no wheel). The standard
# library archive is not copied whole: the build writes one with only the modules the calculators import.
PYODIDE_FILES = ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "pyodide-lock.json")
STDLIB_ARCHIVE = "python_stdlib.zip"
STDLIB_LIST = Path("calculators") / "browser-stdlib.txt"
# The Python packages the browser runs: the calculators and what they share with the guide.
BROWSER_PACKAGES = ("common", "calculators")


class MissingRuntime(Exception):
    """The npm package is not installed; the message says what to run."""


@dataclass(frozen=True)
class BrowserAssets:
    runtime_dir: str  # relative to the site's assets/ folder, e.g. "pyodide/314.0.7/"
    bundle_file: str  # relative to assets/, e.g. "calculators/bundle.0123456789ab.json"
    bundle: bytes
    pyodide_dir: Path
    stdlib: bytes  # the trimmed standard library archive


def browser_assets(root: Path, frameworks: dict) -> BrowserAssets:
    pyodide_dir = Path(root) / "node_modules" / "pyodide"
    package = pyodide_dir / "package.json"
    if not package.exists():
        raise MissingRuntime("node_modules/pyodide est absent : lancez scripts/setup (il installe les paquets npm)")
    version = json.loads(package.read_text(encoding="utf-8"))["version"]
    stdlib = trimmed_stdlib(pyodide_dir / STDLIB_ARCHIVE, Path(root) / STDLIB_LIST)
    sources = {
        f"{package}/{path.name}": path.read_text(encoding="utf-8")
        for package in BROWSER_PACKAGES
        for path in sorted((Path(root) / package).glob("*.py"))
    }
    settings = {name: frameworks[name] for name in (*CALCULATOR_NAMES, *SHARED_FRAMEWORKS) if name in frameworks}
    bundle = json.dumps({"files": sources, "settings": settings}, ensure_ascii=False, sort_keys=True).encode("utf-8")
    digest = hashlib.sha256(bundle).hexdigest()[:12]
    return BrowserAssets(
        # The trimmed archive's hash in the folder name: cached for ever, replaced when the list changes.
        runtime_dir=f"pyodide/{version}-{hashlib.sha256(stdlib).hexdigest()[:8]}/",
        bundle_file=f"calculators/bundle.{digest}.json",
        bundle=bundle,
        pyodide_dir=pyodide_dir,
        stdlib=stdlib,
    )


def stdlib_entries(list_path: Path) -> list[str]:
    lines = list_path.read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip() and not line.startswith("#")]


def without_comment_lines(source: bytes) -> bytes:
    """A module's source without its comment-only lines (about a sixth of the archive). Only lines the
    tokenizer reads as comments go, never a line inside a string; a source it cannot read stays whole."""
    try:
        tokens = list(tokenize.tokenize(io.BytesIO(source).readline))
    except (tokenize.TokenError, SyntaxError, UnicodeDecodeError):
        return source
    comments = {token.start[0] for token in tokens
                if token.type == tokenize.COMMENT and token.line.lstrip().startswith("#")}
    lines = source.split(b"\n")
    return b"\n".join(line for number, line in enumerate(lines, start=1) if number not in comments)


_TRIMMED: dict[tuple, bytes] = {}


def trimmed_stdlib(archive: Path, list_path: Path) -> bytes:
    """Pyodide's standard library archive with only the listed entries, their comment lines left out, byte
    for byte the same each build. Made once per process for a given archive and list (about 0,9 s): the
    live preview rebuilds without paying for it again."""
    key = (str(archive), archive.stat().st_size if archive.exists() else 0, archive.stat().st_mtime_ns
           if archive.exists() else 0, list_path.read_text(encoding="utf-8"))
    if key not in _TRIMMED:
        _TRIMMED.clear()
        _TRIMMED[key] = _trim(archive, list_path)
    return _TRIMMED[key]


def _trim(archive: Path, list_path: Path) -> bytes:
    if not archive.exists():
        raise MissingRuntime(f"{archive} est absent : réinstallez les paquets npm (scripts/setup)")
    output = io.BytesIO()
    with zipfile.ZipFile(archive) as source, zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as target:
        available = set(source.namelist())
        for name in sorted(set(stdlib_entries(list_path))):
            if name not in available:
                raise MissingRuntime(f"{name} (calculators/browser-stdlib.txt) n'est pas dans {archive} : "
                                     "relancez scripts/trace-stdlib")
            info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            data = source.read(name)
            target.writestr(info, without_comment_lines(data) if name.endswith(".py") else data)
    return output.getvalue()


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
    (target / STDLIB_ARCHIVE).write_bytes(assets.stdlib)
    bundle_path = Path(site_dir) / "assets" / assets.bundle_file
    bundle_path.parent.mkdir(parents=True, exist_ok=True)
    bundle_path.write_bytes(assets.bundle)
