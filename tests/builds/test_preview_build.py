"""A pull request's preview: the site built for a sub-folder's address (SITE_URL …/pr-12/, as the workflow
builds it before .ci/pages puts it in pr-12/ of the gh-pages branch) works from that sub-folder: every link
and resource of every page, Material's own paths, the sitemap and the canonical URLs stay inside it and lead
to a file that exists."""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

from selectolax.lexbor import LexborHTMLParser

from tests.support import REPO, mkdocs_build

PREVIEW = "https://exemple.github.io/guide/pr-12/"
ATTRIBUTES = {"a": "href", "link": "href", "script": "src", "img": "src", "source": "src", "iframe": "src",
              "form": "action"}


def target(site: Path, url: str) -> Path | None:
    """The file an address of the preview leads to, or None for an address elsewhere."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or parts.netloc != urlsplit(PREVIEW).netloc:
        return None
    prefix = urlsplit(PREVIEW).path
    assert parts.path.startswith(prefix), f"{url} sort de l'aperçu"
    path = site / unquote(parts.path[len(prefix):])
    return path / "index.html" if parts.path.endswith("/") else path


def test_a_preview_built_for_its_folder_keeps_every_link_inside_it(tmp_path):
    site = tmp_path / "pr-12"
    result = mkdocs_build(REPO, site, PREVIEW)
    assert result.returncode == 0, result.stdout + result.stderr
    followed = 0
    for page in sorted(site.rglob("*.html")):
        page_url = urljoin(PREVIEW, page.relative_to(site).as_posix())
        tree = LexborHTMLParser(page.read_text(encoding="utf-8"))
        addresses = [node.attributes.get(attribute) for tag, attribute in ATTRIBUTES.items()
                     for node in tree.css(f"{tag}[{attribute}]")]
        config = tree.css_first("script#__config")
        if config:  # Material's search worker and base, from its JSON configuration
            settings = json.loads(config.text())
            addresses += [settings["search"], urljoin(settings["base"].rstrip("/") + "/", "index.html")]
        for address in addresses:
            assert address is not None
            path = target(site, urljoin(page_url, address.split("#")[0].split("?")[0]))
            if path is not None:
                assert path.is_file(), f"{page.relative_to(site)} : {address} ne mène à aucun fichier"
                followed += 1
    assert followed > 1000, followed
    locations = re.findall(r"<loc>([^<]+)</loc>", (site / "sitemap.xml").read_text(encoding="utf-8"))
    assert locations and all(target(site, location).is_file() for location in locations)
    assert f'<link rel="canonical" href="{PREVIEW}">' in (site / "index.html").read_text(encoding="utf-8")
