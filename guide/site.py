"""The site's shell, computed from the plan of accueil.yml: the navigation and the redirect pages.

The hooks hand these to MkDocs as they are; nothing here imports MkDocs.
"""

from __future__ import annotations

import json
import re
from html import escape
from pathlib import Path

from common.site_map import HOME, HOME_FILE, nav_groups, page_of, redirects
from common.typography import french_typography
from guide.model import Guide

HOME_TITLE = "Accueil"  # the home page in the navigation and the first step of every page's breadcrumb


def navigation(guide: Guide) -> list:
    """MkDocs' ``nav``: the home page, then each stage of the path and each other section with its pages."""
    home = guide.frameworks[HOME]
    nav: list = [{HOME_TITLE: HOME_FILE}]
    for group in nav_groups(home):
        nav.append({group.title: [{guide.frameworks[page.host]["page"]["titre_court"]: page.source_file}
                                  for page in group.pages]})
    return nav


# The one script a redirect page carries (allowed by the site's CSP, guide/csp.py): a relative page address,
# then the reader's anchor or the section's.
REDIRECT_SCRIPT = re.compile(r'location\.replace\("(?:\.\./)*[a-z0-9-]+/" \+ \(location\.hash \|\| "(?:#[a-z0-9-]+)?"\)\)')


def redirect_page(target: str, title: str) -> str:
    """A page left at a former address: it sends the reader (and search engines) to ``target``, relative to
    the former page's folder, keeping an anchor the reader had (``#piliers``); a link if nothing runs."""
    base, _, default_anchor = target.partition("#")
    text = french_typography(f"Cette page fait désormais partie de « {title} ».")
    link_text = french_typography(f"Aller à « {title} »")
    return (
        "<!doctype html>\n"
        '<html lang="fr">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{escape(french_typography(title))}</title>\n"
        '<meta name="robots" content="noindex">\n'
        f'<link rel="canonical" href="{escape(target)}">\n'
        f'<meta http-equiv="refresh" content="0; url={escape(target)}">\n'
        f"<script>location.replace({json.dumps(base)} + (location.hash || "
        f"{json.dumps(f'#{default_anchor}' if default_anchor else '')}))</script>\n"
        "</head>\n<body>\n"
        f'<p>{escape(text)} <a href="{escape(target)}">{escape(link_text)}</a></p>\n'
        "</body>\n</html>\n"
    )


def redirect_pages(guide: Guide) -> dict[str, str]:
    """``{"externalisation/index.html": html}``: one page per former address, sending to its new place."""
    home = guide.frameworks[HOME]
    pages = {}
    for former, current in redirects(home).items():
        depth = former.count("/")
        title = guide.frameworks[page_of(home, former.rstrip("/")).host]["page"]["titre_court"]
        pages[f"{former}index.html"] = redirect_page("../" * depth + current, title)
    return pages


def write_redirect_pages(guide: Guide, site_dir: Path) -> list[Path]:
    """Write the redirect page of each former address into the built site; return the files written."""
    written = []
    for path, html in redirect_pages(guide).items():
        target = Path(site_dir) / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(html, encoding="utf-8")
        written.append(target)
    return written
