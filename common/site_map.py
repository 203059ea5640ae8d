"""The guide's map: which page shows each framework, and at which address (one place for every URL).

Standard library only: the calculators use it in the browser, the guide's core at build time.

The plan is written once, in ``frameworks/accueil.yml`` (the home page's file):

- ``parcours``: the reader's questions in order, each a navigation section with its pages;
- ``rubriques``: the other navigation sections (questions fréquentes, glossaire, sources…).

A page is ``{cadre: NAME}``, published at ``NAME/`` from ``frameworks/NAME.yml``. It may take other
frameworks as ``sections``: their content is shown on that page, under a heading whose anchor is the
framework's name, and their former address ``OTHER/`` becomes a redirect to ``NAME/#OTHER``. The home
page is the framework that holds the plan; it is published at the site's root.
"""

from __future__ import annotations

from dataclasses import dataclass

HOME = "accueil"
HOME_FILE = "index.md"  # the home page's Markdown file (every other page: NAME.md)


@dataclass(frozen=True)
class SitePage:
    """One page of the site: its host framework (title, introduction, edit link) and its sections."""

    host: str
    sections: tuple[str, ...] = ()
    group: str | None = None  # the navigation section's title (None: the home page)

    @property
    def frameworks(self) -> tuple[str, ...]:
        return (self.host, *self.sections)

    @property
    def url(self) -> str:
        """Address from the site's root: ``sourcing/``, ``""`` for the home page."""
        return "" if self.host == HOME else f"{self.host}/"

    @property
    def source_file(self) -> str:
        """The Markdown page MkDocs builds: ``sourcing.md``, ``index.md`` for the home page."""
        return source_file(self.host)


def source_file(name: str) -> str:
    """The Markdown page that hosts framework ``name``: ``sourcing.md``, ``index.md`` for the home page."""
    return HOME_FILE if name == HOME else f"{name}.md"


@dataclass(frozen=True)
class NavGroup:
    id: str
    title: str
    pages: tuple[SitePage, ...]
    question: str | None = None  # a stage of the reading path asks one


def nav_groups(home: dict) -> list[NavGroup]:
    """The navigation's sections, in order: the reading path's stages, then the other sections."""
    groups = []
    for key in ("parcours", "rubriques"):
        for group in home.get(key, []):
            pages = tuple(
                SitePage(entry["cadre"], tuple(entry.get("sections", [])), group["titre"]) for entry in group["pages"]
            )
            groups.append(NavGroup(group["id"], group["titre"], pages, group.get("question")))
    return groups


def plan_entries(home: dict):
    """Every framework the plan places, in order, as (path of the field in accueil.yml, name, shown as a section):
    ``(("parcours", 0, "pages", 1, "cadre"), "phases", False)``."""
    for key in ("parcours", "rubriques"):
        for index, group in enumerate(home.get(key, [])):
            for page_index, entry in enumerate(group["pages"]):
                at = (key, index, "pages", page_index)
                yield at + ("cadre",), entry["cadre"], False
                for section_index, section in enumerate(entry.get("sections", [])):
                    yield at + ("sections", section_index), section, True


def site_pages(home: dict) -> list[SitePage]:
    """Every page of the site, the home page first, then in navigation order."""
    return [SitePage(HOME)] + [page for group in nav_groups(home) for page in group.pages]


def page_of(home: dict, name: str) -> SitePage:
    """The page that shows framework ``name`` (as its host or as one of its sections)."""
    for page in site_pages(home):
        if name in page.frameworks:
            return page
    raise KeyError(f"le cadre « {name} » n'a pas de page dans le plan (frameworks/{HOME}.yml)")


def anchor_of(home: dict, name: str, item_id: str | None = None) -> str | None:
    """The anchor to aim at: an item's, else the section's when ``name`` is a section of its page."""
    if item_id:
        return item_id
    return None if page_of(home, name).host == name else name


def page_url(home: dict, name: str, item_id: str | None = None) -> str:
    """Address from the site's root of a framework (and one of its items): ``sourcing/#externalisation``."""
    anchor = anchor_of(home, name, item_id)
    url = page_of(home, name).url
    return f"{url}#{anchor}" if anchor else url


def redirects(home: dict) -> dict[str, str]:
    """Former addresses of the frameworks shown as sections -> their place now (both from the root)."""
    return {f"{name}/": page_url(home, name) for page in site_pages(home) for name in page.sections}
