"""« Modifier cette page »: each page opens the YAML file that feeds it, set by REPO_URL / EDIT_URI.

The session's site is built as CI builds it, for a repository and a branch (tests.support.TEST_REPOSITORY,
TEST_EDIT_URI: ``edit/trunk/docs/``)."""

from __future__ import annotations

import pytest

from common.site_map import page_of
from guide.catalog import REPO_ROOT, framework_names
from guide.repository import path_from_docs, repository_url
from tests.helpers import page_slug, plan
from tests.site_text import page_tree, select, select_one, text_of
from tests.support import TEST_REPOSITORY


def test_edit_path_climbs_out_of_the_docs_folder(tmp_path):
    assert path_from_docs(tmp_path, tmp_path / "docs", "frameworks/phases.yml") == "../frameworks/phases.yml"
    assert repository_url("https://github.com/o/r", "edit/main/docs/", tmp_path, tmp_path / "docs",
                          "frameworks/phases.yml") == "https://github.com/o/r/edit/main/frameworks/phases.yml"
    assert repository_url("https://github.com/o/r/", "edit/main/docs", tmp_path, tmp_path / "docs",
                          "CONTRIBUTING.md", action="blob") == "https://github.com/o/r/blob/main/CONTRIBUTING.md"
    assert repository_url(None, "edit/main/docs/", tmp_path, tmp_path / "docs", "CONTRIBUTING.md") is None


def in_footer(site, slug: str, selector: str) -> list:
    """The elements of the page's footer (Material's ``footer.md-footer``) that match a CSS selector."""
    return page_tree(site, slug).css(f"footer.md-footer {selector}")


@pytest.mark.parametrize("name", framework_names(REPO_ROOT / "frameworks"))
def test_every_page_links_to_the_yaml_file_that_feeds_it(built_site, name):
    """The page's main file behind « Modifier cette page », each section's file behind « Modifier aussi », in the
    footer: out of the reader's way, never in the article."""
    slug = page_slug(name)
    [link] = in_footer(built_site, slug, 'a.guide-edit__link[rel="edit"]')
    host = page_of(plan(), name).host
    assert link.attributes["href"] == f"{TEST_REPOSITORY}/edit/trunk/frameworks/{host}.yml"
    if name != host:
        [also] = in_footer(built_site, slug, "span.guide-edit__sections")
        assert [edit.attributes["href"] for edit in also.css('a[rel="edit"]')].count(
            f"{TEST_REPOSITORY}/edit/trunk/frameworks/{name}.yml") == 1
    assert text_of(link) == "Modifier cette page"
    if name != "contribuer":
        [help_link] = in_footer(built_site, slug, "a.guide-edit__help")
        assert help_link.attributes["href"].endswith("contribuer/")
    # Nothing for editors in the article but the small « Modifier » under each block another file feeds (a FAQ
    # entry, a figure: tests below), which opens that file's entry in the forms.
    in_article = [node for node in select(built_site, slug, '.guide-edit, a[rel="edit"]')
                  if not (node.parent is not None and "guide-edit-block" in (node.parent.attributes.get("class") or ""))]
    assert in_article == []


def test_contribuer_page_links_to_the_editors_guide(built_site):
    assert select(built_site, "contribuer", f'a[href="{TEST_REPOSITORY}/blob/trunk/CONTRIBUTING.md"]')


def test_repository_link_never_asks_github_for_its_stars(built_site):
    """Material's "source" component fetches api.github.com from the reader's browser: it must not be there."""
    # The readers' pages; the editors' admin (/admin/), whose GitHub backend talks to api.github.com, is not one.
    pages = [page for page in built_site.rglob("*.html") if not page.relative_to(built_site).as_posix().startswith("admin/")]
    assert pages
    for page in pages:
        html = page.read_text(encoding="utf-8")
        assert 'data-md-component="source"' not in html, page
        assert "api.github.com" not in html, page
    sources = page_tree(built_site, "phases").css("a.md-source")  # in the header, and in the phone's drawer
    assert sources
    assert {(source.attributes["href"], source.attributes["title"]) for source in sources} == {
        (TEST_REPOSITORY, "Aller au dépôt")}


def _resolved(page_url: str, href: str) -> str:
    from urllib.parse import urljoin

    return urljoin("https://site.test/" + page_url, href).removeprefix("https://site.test/")


def test_each_faq_entry_on_a_page_opens_its_entry_in_the_forms(built_site, rendered_pages):
    """« Modifier » under each question a page shows (the FAQ page and every theme page) opens faq.yml in the admin."""
    from guide.admin import entry_address

    pages = [page for page in rendered_pages.values() if page.questions]
    assert pages
    for page in pages:
        slug = page_slug(page.name)
        article = select_one(built_site, slug, "article")
        questions = [heading for heading in article.css("h3") if any(
            text_of(heading).startswith(question["question"].rstrip(" ?")[:30]) for question in page.questions)]
        links = article.css("p.guide-edit-block a[rel=edit]")
        faq_links = [link for link in links if _resolved(f"{slug}/" if slug else "", link.attributes["href"]) == entry_address("faq")]
        assert len(faq_links) >= len(page.questions) == len(questions), slug
        assert all(text_of(link) == "Modifier" for link in faq_links)
    assert (built_site / "admin" / "index.html").exists()


def test_the_figures_a_page_quotes_open_seuils_in_the_forms(built_site, guide):
    from guide.admin import entry_address
    from guide.views import page_figures

    names = [name for name in guide.frameworks if page_figures(guide, name) and name != "seuils"]
    assert names
    for name in names:
        slug = page_slug(name)
        credits = select_one(built_site, slug, "div.guide-credits")
        hrefs = [_resolved(f"{slug}/", link.attributes["href"]) for link in credits.css("p.guide-edit-block a[rel=edit]")]
        assert entry_address("seuils") in hrefs, slug
