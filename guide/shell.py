"""Everything a site shell needs from the guide's core, in one place.

Today's shell is MkDocs with Material (``hooks/guide_hooks.py``); Material reaches its end of life on
5 May 2027 and MkDocs 1.x is unmaintained. A new shell imports this module only: load and check the
content, render the pages, compute the navigation and the redirects, finish each page's HTML, and write
the files the built site needs besides the pages. Nothing here imports MkDocs.
"""

from __future__ import annotations

from common.typography import console_typography, print_console
from guide.admin import MissingAdmin, admin_policy, entry_address, github_repository, site_admin_config, write_admin
from guide.browser.assets import check_assets, write_check_assets
from guide.browser_assets import BrowserAssets, MissingRuntime, browser_assets, write_browser_assets
from guide.cache_headers import write_headers_file
from guide.catalog import FRAMEWORKS_DIR_NAME, framework_names, load_guide
from guide.csp import UnknownInlineCode, secure_site
from guide.engine_tree import SiteSettings, finish_site, page_metadata, render_docs, render_site_pages
from guide.errors import ContentErrors
from guide.model import GLOSSARY_FRAMEWORK, PHASES_FRAMEWORK, Guide
from guide.rendering import RenderedPage, finish_page_html, render_error_pages, render_pages, typeset_page
from guide.repository import path_from_docs, repository_url
from guide.search import searchable_html, shown_html, write_search_worker
from guide.site import HOME_TITLE, navigation, redirect_pages, write_redirect_pages
from guide.structured_data import json_for_script, structured_data_for
from guide.theme_html import escape_theme_values, mark_page_html

__all__ = [
    "MissingAdmin", "admin_policy", "entry_address", "github_repository", "site_admin_config", "write_admin",
    "FRAMEWORKS_DIR_NAME", "GLOSSARY_FRAMEWORK", "HOME_TITLE", "PHASES_FRAMEWORK", "SiteSettings", "finish_site", "page_metadata", "render_docs",
    "render_site_pages", "BrowserAssets", "ContentErrors", "Guide", "MissingRuntime", "RenderedPage", "UnknownInlineCode",
    "browser_assets", "check_assets", "escape_theme_values", "finish_page_html", "framework_names", "json_for_script", "load_guide", "mark_page_html", "navigation",
    "path_from_docs", "redirect_pages", "render_error_pages", "render_pages", "repository_url", "searchable_html", "secure_site", "shown_html",
    "structured_data_for", "typeset_page", "console_typography", "print_console", "write_browser_assets", "write_check_assets", "write_headers_file", "write_redirect_pages", "write_search_worker",
]
