"""The Content-Security-Policy of the built site, computed by the build.

Every page runs under one policy: scripts, styles, images, fonts, requests and workers from the site only;
WebAssembly allowed (Pyodide); no plugin, no ``<base>``, no form posted anywhere. The few inline scripts
and style attributes the site needs are allowed by their hash, and only those the templates are known to
write: each inline ``<script>`` of the theme's template files (Material's and ``overrides/``) and the core's
redirect script, a Jinja value inside them standing for a relative address; and the style attributes of
Markdown's tables and of the guide's timeline. Any other inline script or style attribute found in a
built page stops the build, named with its page: hashing whatever is found would bless an injected one.

The policy is written in each page as ``<meta http-equiv="Content-Security-Policy">`` right after the
charset (GitHub Pages sends no headers of ours), and in ``_headers`` for hosts that read it, with
``frame-ancestors``, which a ``<meta>`` cannot carry.
"""

from __future__ import annotations

import base64
import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

from guide.site import REDIRECT_SCRIPT

META_CHARSET = '<meta charset="utf-8">'
# Pages that carry their own policy, written with them: the editors' admin (guide/admin.py), which runs Decap CMS.
OWN_POLICY_DIRS = ("admin/",)
# Scripts a browser runs: no type, or a JavaScript one. JSON-LD and Material's JSON config are data.
_EXECUTABLE_TYPES = {"", "text/javascript", "application/javascript", "module"}
# An inline script as a template writes it: <script> with no attribute, up to </script>.
_TEMPLATE_SCRIPT = re.compile(r"<script>(.*?)</script>", re.S)
_JINJA_VALUE = re.compile(r"\{\{.*?\}\}", re.S)
# What a Jinja value inside a known script may be in a built page: a relative address (Material's scope).
_ADDRESS = r"[A-Za-z0-9./_-]*"
# Style attributes the pages are known to carry.
KNOWN_STYLES = (
    re.compile(r"text-align: (?:left|right|center);"),  # Markdown's table columns
    re.compile(r"--guide-(?:timeline|step)-months: \d{1,3}"),  # the case study's timeline (etude-de-cas)
)

DIRECTIVES = (
    ("default-src", ["'none'"]),
    ("script-src", ["'self'", "'wasm-unsafe-eval'"]),  # Pyodide compiles WebAssembly
    ("style-src", ["'self'", "'unsafe-hashes'"]),  # 'unsafe-hashes': style attributes, by their hash only
    ("img-src", ["'self'", "data:"]),
    ("font-src", ["'self'"]),
    ("connect-src", ["'self'"]),
    ("worker-src", ["'self'"]),
    ("manifest-src", ["'self'"]),
    ("object-src", ["'none'"]),
    ("base-uri", ["'none'"]),
    ("form-action", ["'none'"]),
)
HEADER_ONLY = (("frame-ancestors", ["'none'"]),)  # ignored (and reported) in a <meta>


class UnknownInlineCode(Exception):
    """An inline script or style attribute that no template is known to write: the build stops."""

    def __init__(self, findings: list[str]):
        super().__init__("\n".join(findings))
        self.findings = findings

    def report(self) -> str:
        lines = [f"- {finding}" for finding in self.findings]
        return ("Code en ligne inconnu dans le site construit : la politique de sécurité (CSP) ne l'autorise pas. "
                "Un texte du contenu a peut-être été inséré tel quel dans la page :\n" + "\n".join(lines))


@dataclass(frozen=True)
class Policy:
    script_hashes: tuple[str, ...]
    style_hashes: tuple[str, ...]

    def text(self, header: bool = False) -> str:
        """The policy as one line; ``header``: with the directives a ``<meta>`` cannot carry."""
        parts = []
        for name, values in DIRECTIVES + (HEADER_ONLY if header else ()):
            extra = self.script_hashes if name == "script-src" else self.style_hashes if name == "style-src" else ()
            parts.append(" ".join([name, *values, *extra]))
        return "; ".join(parts)

    def meta(self) -> str:
        return f'<meta http-equiv="Content-Security-Policy" content="{self.text()}">'


def sha256(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii") + "'"


def known_scripts(template_dirs: Iterable[Path]) -> list[re.Pattern]:
    """Every inline script the theme's templates write, as a pattern (a Jinja value: a relative address),
    and the core's redirect script."""
    patterns = [REDIRECT_SCRIPT]
    for folder in template_dirs:
        for template in sorted(Path(folder).rglob("*.html")):
            for body in _TEMPLATE_SCRIPT.findall(template.read_text(encoding="utf-8")):
                if "{%" in body:
                    continue  # a script assembled by template logic: never allowed by a pattern
                pieces = _JINJA_VALUE.split(body)
                patterns.append(re.compile(_ADDRESS.join(re.escape(piece) for piece in pieces), re.S))
    return patterns


class _InlineCode(HTMLParser):
    """The inline scripts (executable ones) and the style attributes of one page."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.scripts: list[str] = []
        self.styles: list[str] = []
        self.handlers: list[str] = []
        self._script: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        values = dict(attrs)
        if values.get("style") is not None:
            self.styles.append(values["style"])
        self.handlers += [name for name, _ in attrs if name.startswith("on")]
        if tag == "script" and "src" not in values and (values.get("type") or "").lower() in _EXECUTABLE_TYPES:
            self._script = []

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        self._script = None

    def handle_data(self, data):
        if self._script is not None:
            self._script.append(data)

    def handle_endtag(self, tag):
        if tag == "script" and self._script is not None:
            self.scripts.append("".join(self._script))
            self._script = None


def inline_code(html: str) -> _InlineCode:
    parser = _InlineCode()
    parser.feed(html)
    parser.close()
    return parser


def _excerpt(text: str) -> str:
    flat = " ".join(text.split())
    return f"« {flat[:80]}{'…' if len(flat) > 80 else ''} »"


def site_policy(site_dir: Path, template_dirs: Iterable[Path]) -> Policy:
    """The policy of the built site: the hashes of the inline code it carries, all of it known; else
    ``UnknownInlineCode`` naming each page and excerpt."""
    patterns = known_scripts(template_dirs)
    scripts: set[str] = set()
    styles: set[str] = set()
    findings = []
    for page in sorted(Path(site_dir).rglob("*.html")):
        name = page.relative_to(site_dir).as_posix()
        found = inline_code(page.read_text(encoding="utf-8"))
        for script in found.scripts:
            if any(pattern.fullmatch(script) for pattern in patterns):
                scripts.add(script)
            else:
                findings.append(f"{name} : script {_excerpt(script)}")
        for style in found.styles:
            if any(pattern.fullmatch(style) for pattern in KNOWN_STYLES):
                styles.add(style)
            else:
                findings.append(f"{name} : attribut style {_excerpt(style)}")
        findings += [f"{name} : attribut {handler}" for handler in found.handlers]
    if findings:
        raise UnknownInlineCode(findings)
    return Policy(tuple(sorted(sha256(text) for text in scripts)), tuple(sorted(sha256(text) for text in styles)))


def write_policy(site_dir: Path, policy: Policy) -> None:
    """The policy's ``<meta>`` right after the charset of every page (before any script can run)."""
    for page in Path(site_dir).rglob("*.html"):
        if page.relative_to(site_dir).as_posix().startswith(OWN_POLICY_DIRS):
            continue
        html = page.read_text(encoding="utf-8")
        if META_CHARSET not in html:
            raise UnknownInlineCode([f"{page.relative_to(site_dir).as_posix()} : pas de {META_CHARSET} où placer la politique"])
        page.write_text(html.replace(META_CHARSET, META_CHARSET + policy.meta(), 1), encoding="utf-8")


def secure_site(site_dir: Path, template_dirs: Iterable[Path]) -> Policy:
    """Compute the site's policy from what its pages carry, and write it into each page."""
    policy = site_policy(Path(site_dir), list(template_dirs))
    write_policy(Path(site_dir), policy)
    return policy
