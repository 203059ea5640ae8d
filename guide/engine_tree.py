"""The site as any engine can build it: the source tree before the build, and what is done to the site after it.

Material for MkDocs reaches its end of life on 5 May 2027. The hooks (``hooks/guide_hooks.py``) call these functions
during an MkDocs build; another engine (Zensical) builds the tree that ``render_docs`` writes, then ``finish_site``
does to its output what the hooks do after an MkDocs build. Nothing here imports MkDocs.

- ``SiteSettings``: the few values of mkdocs.yml the core needs (addresses of the site and of the repository).
- ``page_metadata``: what a page carries besides its Markdown (JSON-LD, Open Graph type, calculator, YAML file and
  sections with their edit addresses); MkDocs' hook puts it in ``page.meta``, ``render_docs`` in the front matter.
- ``render_docs``: every page's Markdown with that front matter, the static assets, and a configuration whose
  navigation is the plan of accueil.yml.
- ``finish_site``: the calculators' files, the search worker wrapper, the redirect pages, the Content-Security-Policy
  and ``_headers``; with ``html_passes``, also the passes MkDocs' hook makes on each page's HTML.
"""

from __future__ import annotations

import re
import shutil
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urljoin

import yaml

from common.site_map import HOME, nav_groups, page_of, site_pages
from guide.admin import admin_policy, github_repository, site_admin_config, write_admin
from guide.anchors import faq_question_anchors, guide_page_ids
from guide.browser.assets import check_assets, write_check_assets
from guide.browser_assets import BrowserAssets, browser_assets, write_browser_assets
from guide.cache_headers import write_headers_file
from guide.catalog import FRAMEWORKS_DIR_NAME, SCHEMAS_DIR_NAME, load_guide
from guide.csp import secure_site
from guide.model import GLOSSARY_FRAMEWORK, PHASES_FRAMEWORK, Guide
from guide.rendering import RenderedPage, finish_page_html, render_pages, typeset_page
from guide.repository import repository_url
from guide.search import faq_question_locations, finish_search_index, search_words, write_search_worker
from guide.site import HOME_TITLE, navigation, write_redirect_pages
from guide.structured_data import json_for_script, structured_data_for


@dataclass(frozen=True)
class SiteSettings:
    """The values of the site's configuration (mkdocs.yml) the core reads."""

    root: Path  # the project's folder
    docs_dir: Path  # where the engine reads the pages (``root / "docs"``)
    site_name: str
    site_url: str | None
    repo_url: str | None
    edit_uri: str | None
    cms_auth_url: str | None = None  # the OAuth relay of the editors' forms (extra.cms_auth_url; empty: Netlify's)
    cms_site_domain: str | None = None  # the site that holds the OAuth application (extra.cms_site_domain)

    @classmethod
    def from_config(cls, config_file: Path) -> SiteSettings:
        """Read mkdocs.yml as MkDocs does for these keys (``!ENV [NAME, default]``: the variable, else the default)."""
        config_file = Path(config_file).resolve()
        config = yaml.load(config_file.read_text(encoding="utf-8"), Loader=_ConfigLoader)  # noqa: S506 (tags below)
        root = config_file.parent
        extra = config.get("extra") or {}
        return cls(root=root, docs_dir=root / config.get("docs_dir", "docs"), site_name=config["site_name"],
                   site_url=config.get("site_url"), repo_url=config.get("repo_url"), edit_uri=config.get("edit_uri"),
                   cms_auth_url=extra.get("cms_auth_url") or None, cms_site_domain=extra.get("cms_site_domain") or None)

    @property
    def has_admin(self) -> bool:
        """The site has the editors' forms (/admin/): they need a GitHub repository."""
        return github_repository(self.repo_url, self.edit_uri) is not None

    def absolute(self, url: str) -> str:
        return urljoin(self.site_url or "/", url)

    def edit_url(self, yaml_file: str, action: str = "edit") -> str | None:
        return repository_url(self.repo_url, self.edit_uri, self.root, self.docs_dir, yaml_file, action=action)


class _ConfigLoader(yaml.SafeLoader):
    """mkdocs.yml's tags: ``!ENV`` read from the environment; Python names (the emoji extension's) kept as text."""


def _env_tag(loader: yaml.SafeLoader, node: yaml.Node):
    import os

    if isinstance(node, yaml.SequenceNode):
        values = loader.construct_sequence(node)
    elif isinstance(node, yaml.ScalarNode):
        values = [loader.construct_scalar(node)]
    else:
        raise yaml.constructor.ConstructorError(None, None, "!ENV attend un nom ou une liste [NOM, défaut]", node.start_mark)
    *names, default = values if len(values) > 1 else (*values, None)
    return next((os.environ[name] for name in names if name in os.environ), default)


_ConfigLoader.add_constructor("!ENV", _env_tag)
_ConfigLoader.add_multi_constructor("tag:yaml.org,2002:python/name:", lambda loader, suffix, node: f"!!python/name:{suffix}")


def breadcrumb(guide: Guide, rendered: RenderedPage, settings: SiteSettings, title: str) -> list[tuple[str, str]]:
    """Home, the navigation section (at its first page), the page: the plan of accueil.yml, not an engine's tree."""
    trail = [(HOME_TITLE, settings.absolute(""))]
    if rendered.name == HOME:
        return trail
    home = guide.frameworks[HOME]
    for group in nav_groups(home):
        if any(page.host == rendered.name for page in group.pages):
            trail.append((group.title, settings.absolute(group.pages[0].url)))
    trail.append((title, settings.absolute(page_of(home, rendered.name).url)))
    return trail


def nav_title(guide: Guide, rendered: RenderedPage) -> str:
    """The page's title in the navigation (and in its breadcrumb): the framework's short title."""
    return guide.frameworks[rendered.name]["page"]["titre_court"]


def page_metadata(guide: Guide, rendered: RenderedPage, settings: SiteSettings) -> dict:
    """What the page's templates read besides its Markdown (the ``guide_*`` keys of ``page.meta``)."""
    url = settings.absolute(page_of(guide.frameworks[HOME], rendered.name).url)
    trail = breadcrumb(guide, rendered, settings, nav_title(guide, rendered))
    is_home = rendered.name == HOME
    return {
        "guide_jsonld": [json_for_script(data)
                         for data in structured_data_for(rendered, url, trail, guide, settings.site_name)],
        "guide_og_type": "article" if rendered.source_ids and not is_home else "website",
        "guide_yaml_file": rendered.yaml_file,
        "guide_edit_url": settings.edit_url(rendered.yaml_file),
        "guide_calculator": rendered.has_calculator,
        "guide_sections": [{"title": title, "yaml_file": yaml_file, "edit_url": settings.edit_url(yaml_file)}
                           for _, title, yaml_file in rendered.sections],
    }


def render_site_pages(guide: Guide, assets: BrowserAssets | None, settings: SiteSettings) -> list[RenderedPage]:
    return render_pages(guide, assets, editors_guide_url=settings.edit_url("CONTRIBUTING.md", action="blob"),
                        admin=settings.has_admin)


# A link the core writes in raw HTML (a calculator's result, « Modifier ») is relative to the page's address, as the
# browser reads it (the same HTML is drawn again by the calculators in the browser). MkDocs leaves raw HTML alone;
# Zensical resolves every relative href against the Markdown file's folder, one level off for NAME.md at NAME/.
# render_docs hides them behind this prefix, which no engine resolves; finish_site puts them back.
RELATIVE_MARK = "guide-relative:"
_RAW_RELATIVE_HREF = re.compile(r'href="(?![a-z][a-z0-9+.-]*:|#|/)([^"]*)"')


def protect_relative_links(markdown: str) -> str:
    """Every relative ``href="…"`` written as HTML in the page, behind ``RELATIVE_MARK`` (Markdown links stay)."""
    return _RAW_RELATIVE_HREF.sub(lambda match: f'href="{RELATIVE_MARK}{match.group(1)}"', markdown)


FRONT_MATTER = re.compile(r"\A---\n(.*?)\n---\n", re.S)


def with_front_matter(markdown: str, extra: dict) -> str:
    """The page's Markdown with ``extra`` added to its front matter (kept as the core wrote it)."""
    match = FRONT_MATTER.match(markdown)
    meta = dict(yaml.safe_load(match.group(1)) or {}) if match else {}
    body = markdown[match.end():] if match else markdown
    meta.update(extra)
    if "guide_jsonld" in meta:  # JSON made safe for a <script> (json_for_script), kept as text
        meta["guide_jsonld"] = [str(item) for item in meta["guide_jsonld"]]
    text = yaml.safe_dump(meta, allow_unicode=True, sort_keys=False, width=10_000)
    return f"---\n{text}---\n{body}"


# The keys of mkdocs.yml an engine without the hooks needs as they are (the rest are MkDocs' own).
ENGINE_CONFIG_KEYS = ("site_name", "site_description", "site_url", "repo_url", "edit_uri", "repo_name", "copyright",
                      "theme", "plugins", "markdown_extensions", "extra_css", "extra_javascript", "extra")


def engine_config(settings: SiteSettings, guide: Guide) -> dict:
    """mkdocs.yml as read, without the hooks, with the navigation of the plan and the tree's folders."""
    config = yaml.load((settings.root / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_ConfigLoader)  # noqa: S506
    kept = {key: config[key] for key in ENGINE_CONFIG_KEYS if key in config}
    if "theme" in kept and "custom_dir" in kept["theme"]:
        kept["theme"] = {**kept["theme"], "custom_dir": str(settings.root / kept["theme"]["custom_dir"])}
    for extension in kept.get("markdown_extensions", []):  # the emoji extension names Python callables
        if isinstance(extension, dict) and "pymdownx.emoji" in extension:
            extension["pymdownx.emoji"] = {}
    return {**kept, "docs_dir": "docs", "site_dir": "site", "nav": navigation(guide)}


def render_docs(settings: SiteSettings, out: Path, guide: Guide | None = None) -> list[Path]:
    """Write the complete source tree into ``out``: ``docs/`` (every page with its front matter, the static assets)
    and ``mkdocs.yml`` (the configuration with the navigation). Returns the pages written."""
    guide = guide or load_guide(settings.root)
    assets = browser_assets(settings.root, guide.frameworks)
    out = Path(out)
    docs = out / "docs"
    if docs.exists():
        shutil.rmtree(docs)
    shutil.copytree(settings.docs_dir, docs)  # the static assets (stylesheets, scripts)
    written = []
    for rendered in render_site_pages(guide, assets, settings):
        target = docs / rendered.path
        if target.exists():
            raise FileExistsError(f"docs/{rendered.path} existe déjà alors que cette page est produite à partir de "
                                  f"{rendered.yaml_file}")
        markdown = protect_relative_links(rendered.markdown)
        target.write_text(with_front_matter(markdown, page_metadata(guide, rendered, settings)), encoding="utf-8")
        written.append(target)
    config = engine_config(settings, guide)
    (out / "mkdocs.yml").write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return written


ARTICLE = re.compile(r'(<article class="md-content__inner md-typeset">)(.*?)(</article>)', re.S)


def finish_pages_html(site_dir: Path) -> int:
    """The passes MkDocs' hook makes on each page (glossary first use, heading links' names, typography), for a
    site another engine built, and the links ``protect_relative_links`` hid. Returns the number of pages changed."""
    changed = 0
    for page in sorted(Path(site_dir).rglob("*.html")):
        html = page.read_text(encoding="utf-8")
        finished = typeset_page(ARTICLE.sub(lambda m: m.group(1) + finish_page_html(m.group(2)) + m.group(3), html))
        finished = finished.replace(f'href="{RELATIVE_MARK}', 'href="')
        if finished != html:
            page.write_text(finished, encoding="utf-8")
            changed += 1
    return changed


def finish_site(guide: Guide | None, assets: BrowserAssets | None, settings: SiteSettings, site_dir: Path,
                theme_dirs: list | None, *, secure: bool = True, html_passes: bool = False) -> None:
    """Everything after the build: the calculators' browser files and the editors' check, the search worker wrapper,
    the redirect pages,
    the editors' forms at /admin/ (Decap CMS, configured from the schemas: guide/admin.py), then (``secure``; not in
    a live preview, whose reload script is inline) the Content-Security-Policy of every page, and ``_headers``.
    ``guide`` is None while the content has errors (the preview shows them)."""
    site_dir = Path(site_dir)
    if html_passes:
        finish_pages_html(site_dir)
    if assets is not None and guide is not None:
        write_browser_assets(assets, site_dir)
        # The editors' check before saving (the admin), on the same runtime: guide/browser/assets.py.
        write_check_assets(check_assets(settings.root, assets), site_dir)
    write_search_worker(site_dir, guide.frameworks[GLOSSARY_FRAMEWORK] if guide else None,
                        guide.frameworks.get(PHASES_FRAMEWORK) if guide else None,
                        search_words(guide.frameworks, faq_question_locations(
                            guide.frameworks, faq_question_anchors(guide.frameworks, guide_page_ids(guide))))
                        if guide else None)
    finish_search_index(site_dir)  # page titles on shared headings, blocks in their sections
    admin_written = False
    if guide is not None:
        write_redirect_pages(guide, site_dir)  # former addresses of merged pages
        admin_config = site_admin_config(settings.root / FRAMEWORKS_DIR_NAME / SCHEMAS_DIR_NAME, guide.ids,
                                         list(guide.files), settings.repo_url, settings.edit_uri,
                                         settings.cms_auth_url, settings.cms_site_domain)
        if admin_config is not None:
            write_admin(site_dir, settings.root, admin_config, with_policy=secure)
            admin_written = True
    policy_text = secure_site(site_dir, theme_dirs or []).text(header=True) if secure else None
    write_headers_file(site_dir, policy_text, admin_policy(header=True) if admin_written else None)


def finish_built_site(settings: SiteSettings, site_dir: Path, theme_dirs: list[Path]) -> None:
    """``finish-site`` for a site another engine built from ``render_docs``'s tree (with the HTML passes);
    ``theme_dirs``: the engine's template folders besides ``overrides/``."""
    guide = load_guide(settings.root)
    assets = browser_assets(settings.root, guide.frameworks)
    finish_site(guide, assets, settings, site_dir, [settings.root / "overrides", *theme_dirs], html_passes=True)


__all__ = ["SiteSettings", "finish_built_site", "finish_site", "page_metadata", "render_docs", "site_pages"]
