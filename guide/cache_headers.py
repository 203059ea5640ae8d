"""The ``_headers`` file of the built site: how long browsers and CDNs may keep each file.

Netlify / Cloudflare Pages syntax: a URL path, then indented ``Name: value`` lines.
Both hosts apply *every* rule whose path matches a request and join the values of a
header set twice, so the rules written here never overlap: each file of the site is
covered by exactly one rule.

- Long-lived and immutable: files whose name changes with their content, namely
  the Pyodide runtime under ``assets/pyodide/VERSION/``, the calculators bundle
  ``assets/calculators/bundle.HASH.json``, Material's ``*.HASH.min.js|css`` (with
  the search worker and our ``guide-search.HASH.min.js`` wrapper) and their maps.
- Short (revalidated on every visit): HTML pages, the sitemap, the search index and
  every asset whose name does not change (``guide.css``, ``calculators.mjs``...),
  so that a new deployment is seen at once and never points at a removed file.
"""

from __future__ import annotations

import re
from pathlib import Path

HEADERS_FILE = "_headers"
IMMUTABLE = "public, max-age=31536000, immutable"
SHORT = "public, max-age=0, must-revalidate"

# Names that carry a hash of their content: bundle.a5f9d56c.min.js, search.a7633da7.min.js.map,
# main.57a0d79d.min.css, calculators/bundle.67a6c259bf79.json.
_HASHED_NAME = re.compile(r"\.[0-9a-f]{8,}\.(?:min\.(?:js|css)(?:\.map)?|json)$")
_PYODIDE_DIR = re.compile(r"^assets/pyodide/[^/]+/")


def is_immutable(path: str) -> bool:
    """``path`` relative to the site root, with forward slashes."""
    return bool(_HASHED_NAME.search(path)) or bool(_PYODIDE_DIR.match(path))


def _files(site_dir: Path) -> list[str]:
    return sorted(
        path.relative_to(site_dir).as_posix()
        for path in site_dir.rglob("*")
        if path.is_file() and path.name != HEADERS_FILE
    )


def cache_rules(site_dir: Path) -> list[tuple[str, str]]:
    """``(url path, Cache-Control)`` for every file of the built site, without overlapping rules."""
    site_dir = Path(site_dir)
    files = _files(site_dir)
    immutable: list[str] = []
    short: list[str] = []
    for pyodide in sorted({found.group(0) for path in files if (found := _PYODIDE_DIR.match(path))}):
        immutable.append(f"/{pyodide}*")
    immutable += [f"/{path}" for path in files if _HASHED_NAME.search(path) and not _PYODIDE_DIR.match(path)]

    def covered_by_one_splat(directory: str) -> bool:
        """A folder with no page and no immutable file inside: one ``/folder/*`` rule covers it."""
        inside = [path for path in files if path.startswith(directory + "/")]
        return bool(inside) and not any(is_immutable(path) or path.endswith(".html") for path in inside)

    def visit(directory: str) -> None:
        prefix = f"{directory}/" if directory else ""
        children = {path[len(prefix):].split("/", 1)[0] for path in files if path.startswith(prefix)}
        for child in sorted(children):
            path = prefix + child
            if path in files:  # a file directly in this folder
                if is_immutable(path):
                    continue
                if child == "index.html":
                    short.append(f"/{prefix}")
                else:
                    short.append(f"/{path}")
            elif covered_by_one_splat(path):
                short.append(f"/{path}/*")
            else:
                visit(path)

    visit("")
    return [(rule, IMMUTABLE) for rule in immutable] + [(rule, SHORT) for rule in short]


def headers_file_text(site_dir: Path) -> str:
    lines = [
        "# Durées de cache (Netlify, Cloudflare Pages), écrit par la construction : ne pas modifier.",
        "# Fichiers dont le nom change avec le contenu : un an, immuables. Le reste : revalidé à chaque visite.",
    ]
    for rule, value in cache_rules(site_dir):
        lines += [rule, f"  Cache-Control: {value}"]
    return "\n".join(lines) + "\n"


def write_headers_file(site_dir: Path) -> Path:
    target = Path(site_dir) / HEADERS_FILE
    target.write_text(headers_file_text(site_dir), encoding="utf-8")
    return target
