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
# library archive is not copied whole: the build writes one with only the modules the calculators import; nor
# is the lock file, which lists the 350 packages of Pyodide's distribution: the calculators load none.
PYODIDE_FILES = ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm")
STDLIB_ARCHIVE = "python_stdlib.zip"
LOCK_FILE = "pyodide-lock.json"
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
    lock: bytes  # the lock file without packages


def browser_assets(root: Path, frameworks: dict) -> BrowserAssets:
    pyodide_dir = Path(root) / "node_modules" / "pyodide"
    package = pyodide_dir / "package.json"
    if not package.exists():
        raise MissingRuntime("node_modules/pyodide est absent : lancez scripts/setup (il installe les paquets npm)")
    version = json.loads(package.read_text(encoding="utf-8"))["version"]
    stdlib = trimmed_stdlib(pyodide_dir / STDLIB_ARCHIVE, Path(root) / STDLIB_LIST)
    lock = lock_without_packages(pyodide_dir / LOCK_FILE)
    # The modules as the standard library's (lighter_source); the command line (__main__.py) runs on CPython only.
    sources = {
        f"{package}/{path.name}": lighter_source(path.read_bytes()).decode("utf-8")
        for package in BROWSER_PACKAGES
        for path in sorted((Path(root) / package).glob("*.py"))
        if path.name != "__main__.py"
    }
    settings = {name: frameworks[name] for name in (*CALCULATOR_NAMES, *SHARED_FRAMEWORKS) if name in frameworks}
    bundle = json.dumps({"files": sources, "settings": settings}, ensure_ascii=False, sort_keys=True).encode("utf-8")
    digest = hashlib.sha256(bundle).hexdigest()[:12]
    return BrowserAssets(
        # The hash of what the build writes in the folder name: cached for ever, replaced when it changes.
        runtime_dir=f"pyodide/{version}-{hashlib.sha256(stdlib + lock).hexdigest()[:8]}/",
        bundle_file=f"calculators/bundle.{digest}.json",
        bundle=bundle,
        pyodide_dir=pyodide_dir,
        stdlib=stdlib,
        lock=lock,
    )


def lock_without_packages(path: Path) -> bytes:
    """Pyodide's lock file with its ``info`` (checked against the runtime as it starts) and no package: 0,3 kB
    instead of 27 kB gzip on the first visit. Only ``loadPackage`` reads the packages, and the calculators call
    it for none (``packages: []``)."""
    if not path.exists():
        raise MissingRuntime(f"{path} est absent : réinstallez les paquets npm (scripts/setup)")
    info = json.loads(path.read_text(encoding="utf-8"))["info"]
    return json.dumps({"info": info, "packages": {}}, sort_keys=True).encode("utf-8")


def stdlib_entries(list_path: Path) -> list[str]:
    lines = list_path.read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip() and not line.startswith("#")]


def lighter_source(source: bytes) -> bytes:
    """A module's source as the browser needs it, with what ``python -OO`` would not run either left out: each
    statement that is only a string literal (docstrings, and strings used as comments) becomes ``pass`` (or
    nothing, for the module's own docstring, which may precede ``from __future__``), comments and blank lines
    go. Only what the tokenizer reads as such goes, never a character inside a string; an f-string (which may
    call code) stays; a source it cannot read, or not in UTF-8, stays whole. The standard library's docstrings
    and comments are about half of its compressed size. ``tests/pyodide/compare-stdlib.mjs`` checks, in Pyodide's
    own Python, that each module keeps the same syntax tree but for its docstrings."""
    try:
        tokens = list(tokenize.tokenize(io.BytesIO(source).readline))
    except (tokenize.TokenError, SyntaxError, UnicodeDecodeError):
        return source
    if not tokens or tokens[0].type != tokenize.ENCODING or tokens[0].string != "utf-8":
        return source
    edits = []  # (start, end, replacement), positions as the tokenizer gives them: (row from 1, column)
    kept_strings = []  # rows inside multi-line strings that stay: a blank line there is part of the text
    first_statement = True
    at_statement_start = True
    index = 0
    while index < len(tokens):
        token = tokens[index]
        if token.type == tokenize.COMMENT:
            edits.append((token.start, token.end, ""))
        elif token.type == tokenize.STRING and at_statement_start:
            end = index
            while end + 1 < len(tokens) and tokens[end + 1].type == tokenize.STRING:
                end += 1
            after = end + 1
            if after < len(tokens) and tokens[after].type == tokenize.COMMENT:
                after += 1
            literals = tokens[index:end + 1]
            plain = not any(set(literal.string[:literal.string.index(literal.string[-1])].lower()) & {"f", "t"}
                            for literal in literals)
            if plain and after < len(tokens) and tokens[after].type == tokenize.NEWLINE:
                edits.append((token.start, tokens[end].end, "" if first_statement else "pass"))
            else:
                kept_strings += [literal for literal in literals]
            index = end + 1
            at_statement_start = first_statement = False
            continue
        elif token.type == tokenize.STRING:
            kept_strings.append(token)
        if token.type in (tokenize.NEWLINE, tokenize.INDENT, tokenize.DEDENT):
            at_statement_start = True
        elif token.type not in (tokenize.NL, tokenize.COMMENT, tokenize.ENCODING, tokenize.ENDMARKER):
            at_statement_start = first_statement = False
        index += 1
    text = source.decode("utf-8")
    lines = text.split("\n")
    merged: set[int] = set()  # rows (from 1) of a string statement joined to the row where it began
    for (row, column), (end_row, end_column), replacement in reversed(edits):
        line = lines[row - 1][:column] + replacement + lines[end_row - 1][end_column:]
        lines[row - 1] = line if replacement else line.rstrip()
        merged.update(range(row + 1, end_row + 1))
    protected = {row for token in kept_strings for row in range(token.start[0] + 1, token.end[0] + 1)}
    kept = [line for number, line in enumerate(lines, start=1)
            if number not in merged and (line.strip() or number in protected)]
    return "\n".join(kept).encode("utf-8") + (b"\n" if text.endswith("\n") else b"")


_TRIMMED: dict[tuple, bytes] = {}


def trimmed_stdlib(archive: Path, list_path: Path) -> bytes:
    """Pyodide's standard library archive with only the listed entries, without their docstrings, comments and
    blank lines (``lighter_source``), byte for byte the same each build. Made once per process for a given
    archive and list (a few seconds): the live preview rebuilds without paying for it again."""
    key = (str(archive), archive.stat().st_size if archive.exists() else 0, archive.stat().st_mtime_ns
           if archive.exists() else 0, list_path.read_text(encoding="utf-8"))
    if key not in _TRIMMED:
        _TRIMMED.clear()
        _TRIMMED[key] = _trim(archive, list_path)
    return _TRIMMED[key]


def _trim(archive: Path, list_path: Path) -> bytes:
    return stdlib_subset(archive, list_path, "calculators/browser-stdlib.txt", "scripts/trace-stdlib",
                         lighten=True, compresslevel=9)


def stdlib_subset(archive: Path, list_path: Path, list_name: str, retrace: str, *, lighten: bool,
                  compresslevel: int) -> bytes:
    """Pyodide's standard library archive with only the entries of ``list_path`` (``list_name`` in messages),
    dated 1980 so that each build gives the same bytes; ``lighten``: Python files without their docstrings,
    comments and blank lines (``lighter_source``). A missing archive or entry says what to run (``retrace``)."""
    if not archive.exists():
        raise MissingRuntime(f"{archive} est absent : réinstallez les paquets npm (scripts/setup)")
    output = io.BytesIO()
    with zipfile.ZipFile(archive) as source, zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as target:
        available = set(source.namelist())
        for name in sorted(set(stdlib_entries(list_path))):
            if name not in available:
                raise MissingRuntime(f"{name} ({list_name}) n'est pas dans {archive} : relancez {retrace}")
            info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            data = source.read(name)
            if lighten and name.endswith(".py"):
                data = lighter_source(data)
            target.writestr(info, data, compresslevel=compresslevel)
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
    (target / LOCK_FILE).write_bytes(assets.lock)
    bundle_path = Path(site_dir) / "assets" / assets.bundle_file
    bundle_path.parent.mkdir(parents=True, exist_ok=True)
    bundle_path.write_bytes(assets.bundle)
