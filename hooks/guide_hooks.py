"""MkDocs hooks: thin adapters between MkDocs and the plain-Python core in ``guide/``.

Each hook hands MkDocs what a function of the core computes; ``python -m guide render-docs`` and ``finish-site``
call the same functions for another engine (guide/engine_tree.py).

- on_config: load and validate every framework (on any error, print them all in French and stop the build
  before the site directory is touched; ``mkdocs serve`` shows them in the preview instead), render the pages,
  and set the navigation from the plan of accueil.yml (``guide.site.navigation``), not from mkdocs.yml.
- on_files: add the generated pages.
- on_env: every value the theme's templates print is escaped unless marked as HTML (guide/theme_html.py).
- on_page_content, on_post_page, on_post_template: the HTML passes (glossary first use, typography).
- on_page_context: the page's metadata (``guide.engine_tree.page_metadata``: JSON-LD, Open Graph, calculator,
  YAML file and sections with their edit addresses).
- on_post_build: ``guide.engine_tree.finish_site`` (calculators' files, search worker wrapper, redirect pages, the
  editors' forms at /admin/ with their own policy, Content-Security-Policy, ``_headers``).
"""

from __future__ import annotations

import logging
import sys
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urljoin

from mkdocs.exceptions import Abort
from mkdocs.structure.files import File

# The core, through its one facade (the project's packages are importable: scripts/setup puts the
# project on the environment's path, as an editable install would).
from guide.shell import (
    FRAMEWORKS_DIR_NAME,
    HOME_TITLE,
    BrowserAssets,
    ContentErrors,
    Guide,
    MissingAdmin,
    MissingRuntime,
    RenderedPage,
    SiteSettings,
    UnknownInlineCode,
    browser_assets,
    console_typography,
    escape_theme_values,
    finish_page_html,
    finish_site,
    framework_names,
    json_for_script,
    load_guide,
    mark_page_html,
    navigation,
    page_metadata,
    path_from_docs,
    print_console,
    render_error_pages,
    render_site_pages,
    searchable_html,
    shown_html,
    structured_data_for,
    typeset_page,
)

log = logging.getLogger("mkdocs.hooks.guide")


@dataclass
class GuideBuild:
    """The state of the current build, rebuilt on every on_config (``mkdocs serve`` rebuilds in one process)."""

    command: str = "build"  # build, serve or gh-deploy
    settings: SiteSettings | None = None  # set by on_config
    guide: Guide | None = None  # None while the content has errors (mkdocs serve shows them instead)
    assets: BrowserAssets | None = None
    pages: dict[str, RenderedPage] = field(default_factory=dict)  # generated pages by their path under docs/

    def configure(self, config) -> None:
        root = Path(config.config_file_path).resolve().parent
        extra = config.extra or {}
        self.settings = SiteSettings(root=root, docs_dir=Path(config.docs_dir), site_name=config.site_name,
                                     site_url=config.site_url, repo_url=config.repo_url, edit_uri=config.edit_uri,
                                     cms_auth_url=extra.get("cms_auth_url") or None,
                                     cms_site_domain=extra.get("cms_site_domain") or None)
        try:
            guide = load_guide(root)
        except ContentErrors as errors:
            if self.command == "serve":
                # Live preview: show the errors in the browser rather than leave MkDocs' server stuck.
                print_console(errors.report(), file=sys.stderr)
                self.guide, self.assets = None, None
                names = framework_names(root / FRAMEWORKS_DIR_NAME)
                self.pages = {page.path: page for page in render_error_pages(names, errors.errors)}
                return
            for line in errors.report().splitlines():
                log.error(console_typography(line))  # French typography, what a message quotes to type as it is
            raise Abort(console_typography("Contenu invalide : le site n'a pas été reconstruit.")) from None
        try:
            self.assets = browser_assets(root, guide.frameworks)
        except MissingRuntime as exc:
            raise Abort(console_typography(str(exc))) from None
        self.guide = guide
        self.pages = {page.path: page for page in render_site_pages(guide, self.assets, self.settings)}
        config.nav = navigation(guide)  # the plan of accueil.yml is the only definition of the navigation


build = GuideBuild()


def on_startup(*, command, dirty):
    build.command = command


def on_config(config, **kwargs):
    build.configure(config)
    return config


def on_files(files, /, *, config):
    assert build.settings is not None
    for path, page in build.pages.items():
        if files.get_file_from_path(path) is not None:
            raise Abort(console_typography(
                f"docs/{path} existe déjà alors que cette page est produite à partir de {page.yaml_file}"))
        generated = File.generated(config, path, content=page.markdown)
        # Material's own edit button, if enabled, opens the YAML file that feeds the page, not the generated Markdown.
        generated.edit_uri = path_from_docs(build.settings.root, build.settings.docs_dir, page.yaml_file)
        files.append(generated)
    return files


def on_post_build(*, config):
    assert build.settings is not None
    try:
        # The preview's live-reload script is injected inline by MkDocs' server: no policy in ``serve``.
        finish_site(build.guide, build.assets, build.settings, Path(config.site_dir), config.theme.dirs,
                    secure=build.command != "serve")
    except (MissingRuntime, MissingAdmin) as exc:
        raise Abort(console_typography(str(exc))) from None
    except UnknownInlineCode as unknown:
        raise Abort(console_typography(unknown.report())) from None


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
    rendered = build.pages.get(page.file.src_uri) if build.guide else None
    if rendered is not None and build.guide is not None and build.settings is not None:
        page.meta.update(page_metadata(build.guide, rendered, build.settings))
    else:  # the preview's error pages: a breadcrumb only
        url = urljoin(config.site_url or "/", page.url)
        trail = [(HOME_TITLE, urljoin(config.site_url or "/", ""))] + ([] if page.is_homepage else [(page.title, url)])
        page.meta["guide_jsonld"] = [json_for_script(data)
                                     for data in structured_data_for(None, url, trail, None, config.site_name)]
        page.meta["guide_og_type"] = "website"
    return context
