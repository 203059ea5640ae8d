"""MkDocs hooks: thin adapters between MkDocs and the plain-Python core in ``guide/``.

- on_config: load and validate every framework; on any error print them all in French
  and stop the build before the site directory is touched (``mkdocs serve`` shows them
  in the preview instead).
- on_files: add one generated page per framework; its edit link opens the YAML file that feeds it.
- on_env: every value the theme's templates print is escaped unless marked as HTML (guide/theme_html.py).
- on_page_content: keep the glossary's tooltip on the first use of each term only.
- on_page_context: attach JSON-LD, Open Graph and the YAML file that feeds the page.
- on_post_build: write the calculators' browser files, the search worker wrapper (French
  stemming of typed words, readers' synonyms: guide/search.py), a redirect page at each former
  address of a merged page, the Content-Security-Policy of every page (computed from the inline code
  the templates are known to write: guide/csp.py; not in the live preview), and the ``_headers`` file
  (security headers and cache lifetimes for static hosts).
- The navigation comes from the plan in accueil.yml (``guide.site.navigation``), not from mkdocs.yml.
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path
from typing import TypedDict
from urllib.parse import urljoin

from mkdocs.exceptions import Abort
from mkdocs.structure.files import File

# The core, through its one facade (the project's packages are importable: scripts/setup puts the
# project on the environment's path, as an editable install would).
from guide.shell import (
    FRAMEWORKS_DIR_NAME,
    GLOSSARY_FRAMEWORK,
    PHASES_FRAMEWORK,
    BrowserAssets,
    ContentErrors,
    Guide,
    MissingRuntime,
    RenderedPage,
    UnknownInlineCode,
    browser_assets,
    escape_theme_values,
    finish_page_html,
    framework_names,
    json_for_script,
    load_guide,
    mark_page_html,
    navigation,
    path_from_docs,
    render_error_pages,
    render_pages,
    repository_url,
    searchable_html,
    secure_site,
    shown_html,
    structured_data_for,
    typeset_page,
    write_browser_assets,
    write_headers_file,
    write_redirect_pages,
    write_search_worker,
)

log = logging.getLogger("mkdocs.hooks.guide")


class _BuildState(TypedDict):
    guide: Guide | None  # None while the content has errors (mkdocs serve shows them instead)
    pages: dict[str, RenderedPage]  # generated pages by their path under docs/
    command: str  # build, serve or gh-deploy
    assets: BrowserAssets | None


# State of the current build only; rebuilt on every on_config.
_build: _BuildState = {"guide": None, "pages": {}, "command": "build", "assets": None}


def on_startup(*, command, dirty):
    _build["command"] = command


def on_config(config, **kwargs):
    root = Path(config.config_file_path).resolve().parent
    try:
        guide = load_guide(root)
    except ContentErrors as errors:
        if _build["command"] == "serve":
            # Live preview: show the errors in the browser rather than leave MkDocs' server stuck.
            print(errors.report(), file=sys.stderr)
            _build["guide"] = None
            names = framework_names(root / FRAMEWORKS_DIR_NAME)
            _build["pages"] = {page.path: page for page in render_error_pages(names, errors.errors)}
            return config
        for line in errors.report().splitlines():
            log.error(line)
        raise Abort("Contenu invalide : le site n'a pas été reconstruit.") from None
    try:
        assets = browser_assets(root, guide.frameworks)
    except MissingRuntime as exc:
        raise Abort(str(exc)) from None
    _build["guide"] = guide
    _build["assets"] = assets
    editors_guide_url = repository_url(config.repo_url, config.edit_uri, root, Path(config.docs_dir),
                                       "CONTRIBUTING.md", action="blob")
    _build["pages"] = {page.path: page for page in render_pages(guide, assets, editors_guide_url=editors_guide_url)}
    config.nav = navigation(guide)  # the plan of accueil.yml is the only definition of the navigation
    return config


def on_files(files, /, *, config):
    for path, page in _build["pages"].items():
        if files.get_file_from_path(path) is not None:
            raise Abort(f"docs/{path} existe déjà alors que cette page est produite à partir de {page.yaml_file}")
        generated = File.generated(config, path, content=page.markdown)
        # « Modifier cette page » opens the YAML file that feeds the page, not the generated Markdown.
        root = Path(config.config_file_path).resolve().parent
        generated.edit_uri = path_from_docs(root, Path(config.docs_dir), page.yaml_file)
        files.append(generated)
    return files


def on_post_build(*, config):
    """Write the calculators' browser files, the search worker wrapper, then ``_headers`` (lists them all)."""
    if _build["assets"] is not None and _build["guide"] is not None:
        try:
            write_browser_assets(_build["assets"], Path(config.site_dir))
        except MissingRuntime as exc:
            raise Abort(str(exc)) from None
    guide = _build["guide"]
    write_search_worker(Path(config.site_dir), guide.frameworks[GLOSSARY_FRAMEWORK] if guide else None,
                        guide.frameworks.get(PHASES_FRAMEWORK) if guide else None)
    if guide is not None:
        write_redirect_pages(guide, Path(config.site_dir))  # former addresses of merged pages
    policy_text = None
    if _build["command"] != "serve":  # the preview's live-reload script is injected inline by MkDocs' server
        try:
            policy_text = secure_site(Path(config.site_dir), config.theme.dirs).text(header=True)
        except UnknownInlineCode as unknown:
            raise Abort(unknown.report()) from None
    write_headers_file(Path(config.site_dir), policy_text)


def _absolute(config, url: str) -> str:
    return urljoin(config.site_url or "/", url)


def on_env(env, /, *, config, files):
    return escape_theme_values(env)  # every value the theme prints is escaped unless marked as HTML


def on_page_content(html, /, *, page, config, files):
    # Material's search indexes page.content in its own on_page_context, which runs before this file's: it gets
    # the page without what is marked out of the search, and on_page_context below puts the whole page back.
    page.guide_shown_content = finish_page_html(html)
    return searchable_html(page.guide_shown_content)


def on_post_page(output, /, *, page, config):
    return typeset_page(output)


def on_post_template(output_content, /, *, template_name, config):
    return typeset_page(output_content) if template_name.endswith(".html") else output_content


def on_page_context(context, /, *, page, config, nav):
    page.content = shown_html(page.guide_shown_content)
    mark_page_html(page)  # the body and its table of contents are HTML; every other value is escaped
    rendered = _build["pages"].get(page.file.src_uri) if _build["guide"] else None
    url = _absolute(config, page.url)
    trail = [("Accueil", _absolute(config, ""))]
    for ancestor in page.ancestors[::-1]:
        first_page = next((child for child in ancestor.children if getattr(child, "is_page", False)), None)
        if first_page is not None:
            trail.append((ancestor.title, _absolute(config, first_page.url)))
    if not page.is_homepage:
        trail.append((page.title, url))
    page.meta["guide_jsonld"] = [
        json_for_script(data) for data in structured_data_for(rendered, url, trail, _build["guide"], config.site_name)
    ]
    page.meta["guide_og_type"] = "article" if rendered and rendered.source_ids and not page.is_homepage else "website"
    if rendered is not None:
        page.meta["guide_yaml_file"] = rendered.yaml_file
        page.meta["guide_calculator"] = rendered.has_calculator
        root = Path(config.config_file_path).resolve().parent
        page.meta["guide_sections"] = [
            {"title": title, "yaml_file": yaml_file,
             "edit_url": repository_url(config.repo_url, config.edit_uri, root, Path(config.docs_dir), yaml_file)}
            for _, title, yaml_file in rendered.sections
        ]
    return context
