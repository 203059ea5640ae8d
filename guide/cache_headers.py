"""The ``_headers`` file of the built site: which files browsers and CDNs may keep for a year.

Netlify / Cloudflare Pages syntax: a URL path, then indented ``Name: value`` lines. Only the rule a
host cannot guess is written: files whose name changes with their content are immutable for a year,
namely the Pyodide runtime under ``assets/pyodide/VERSION-HASH/``, the calculators bundle
``assets/calculators/bundle.HASH.json``, Material's ``*.HASH.min.js|css`` (with the search worker and our
``guide-search.HASH.min.js`` wrapper) and their maps. Everything else (pages, the sitemap, the search
index, ``guide.css``, ``calculators.mjs``…) keeps the host's default, which revalidates on every visit, so
that a new deployment is seen at once. Both hosts join the values of rules that match the same path, so
no two rules written here overlap.
"""

from __future__ import annotations

import re
from pathlib import Path

HEADERS_FILE = "_headers"
IMMUTABLE = "public, max-age=31536000, immutable"

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
    """``(url path, Cache-Control)`` for the immutable files of the built site, one rule each (a folder of
    the Pyodide runtime is one ``/folder/*`` rule)."""
    files = _files(Path(site_dir))
    folders = {found.group(0) for path in files if (found := _PYODIDE_DIR.match(path))}
    immutable = [f"/{folder}*" for folder in sorted(folders)]
    immutable += [f"/{path}" for path in files if _HASHED_NAME.search(path) and not _PYODIDE_DIR.match(path)]
    return [(rule, IMMUTABLE) for rule in immutable]


# Security headers of every file (README, « Hébergement »: which host honours which). Calculator inputs live
# in the query string: no other site learns them through the Referer.
SECURITY_HEADERS = (
    ("X-Content-Type-Options", "nosniff"),
    ("Referrer-Policy", "same-origin"),
    ("Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=(), usb=()"),
    ("Cross-Origin-Opener-Policy", "same-origin"),
    ("Cross-Origin-Resource-Policy", "same-origin"),
    ("Strict-Transport-Security", "max-age=31536000"),  # sent by hosts over HTTPS only
)


def security_headers(policy_text: str | None) -> list[tuple[str, str]]:
    """The headers of every file: the site's CSP (with frame-ancestors) first when the build computed one."""
    return ([("Content-Security-Policy", policy_text)] if policy_text else []) + list(SECURITY_HEADERS)


def headers_file_text(site_dir: Path, policy_text: str | None = None, admin_policy_text: str | None = None) -> str:
    lines = [
        "# En-têtes HTTP (Netlify, Cloudflare Pages), écrit par la construction : ne pas modifier.",
        "# Sécurité, sur tous les fichiers : politique de contenu (CSP) calculée par la construction, et le reste.",
        "/*",
    ]
    lines += [f"  {name}: {value}" for name, value in security_headers(policy_text)]
    if admin_policy_text:
        # Cloudflare Pages joins the values of every rule a path matches: « ! Nom » first drops the site's policy.
        lines += [
            "# Les formulaires (/admin/, Decap CMS) ont leur propre politique, qui remplace celle du site.",
            "/admin/*",
            "  ! Content-Security-Policy",
            "  ! Cross-Origin-Opener-Policy",
            f"  Content-Security-Policy: {admin_policy_text}",
            # The sign-in to GitHub runs in a window the admin opens (the OAuth relay), which answers it by postMessage.
            "  Cross-Origin-Opener-Policy: same-origin-allow-popups",
        ]
    lines += [
        "# Durées de cache : les fichiers dont le nom change avec le contenu sont immuables pendant un an ;",
        "# le reste garde la règle par défaut de l'hébergeur (revalidé à chaque visite).",
    ]
    for rule, value in cache_rules(site_dir):
        lines += [rule, f"  Cache-Control: {value}"]
    return "\n".join(lines) + "\n"


def write_headers_file(site_dir: Path, policy_text: str | None = None, admin_policy_text: str | None = None) -> Path:
    target = Path(site_dir) / HEADERS_FILE
    target.write_text(headers_file_text(site_dir, policy_text, admin_policy_text), encoding="utf-8")
    return target
