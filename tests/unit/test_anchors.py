"""The ids a page will have, read from its Markdown as the templates render it (guide/anchors.py), and the links
that name a page or an anchor that does not exist."""

from __future__ import annotations

import re

import markdown
import pytest

from guide.anchors import Heading, PageIds, heading_id, ids_in_markdown, links_in, missing_target

PAGE = """---
title: Essai {#pas-une-ancre}
---

# Le titre de la page

Un texte d'éditeur échappé \\{\\#pas-non-plus\\} et &lt;p id=&quot;pas-une-ancre&quot;&gt;.

<div class="card" id="carte" markdown>

Une carte.

</div>

## Une section {#section data-search-exclude}

## Questions fréquentes

### Quelle différence entre un CMO et un \\*responsable\\* ?

```text
## Pas un titre {#ni-une-ancre}
```

## Carte

## Questions fréquentes
"""


def test_the_ids_a_page_writes_and_those_its_headings_get():
    written, headings = ids_in_markdown(PAGE)
    assert written == ["carte", "section"]
    assert headings == [
        Heading("Le titre de la page", "le-titre-de-la-page", "le-titre-de-la-page"),
        Heading("Questions fréquentes", "questions-frequentes", "questions-frequentes"),
        Heading("Quelle différence entre un CMO et un *responsable* ?",
                "quelle-difference-entre-un-cmo-et-un-responsable",
                "quelle-difference-entre-un-cmo-et-un-responsable"),
        Heading("Carte", "carte", "carte_1"),  # the page writes « carte » already
        Heading("Questions fréquentes", "questions-frequentes", "questions-frequentes_1"),
    ]


def test_they_are_the_ids_python_markdown_gives_the_same_page():
    """Checked here on fixture Markdown; tests/rendering/test_site_map.py checks every page of the built site."""
    body = PAGE.split("---\n", 2)[2]
    html = markdown.markdown(body, extensions=["attr_list", "md_in_html", "toc", "fenced_code"])
    written, headings = ids_in_markdown(PAGE)
    assert sorted(re.findall(r'\sid="([^"]+)"', html)) == sorted(written + [heading.id for heading in headings])


@pytest.mark.parametrize(("heading", "expected"), [
    ("Phase 1 : Amorçage (0 à 10 employés)", "phase-1-amorcage-0-a-10-employes"),
    ("L&#x27;offre \\[en bref\\]", "loffre-en-bref"),
    ("[Un lien](../phases/) et **du gras**", "un-lien-et-du-gras"),
])
def test_a_heading_s_id_comes_from_its_text_as_a_reader_reads_it(heading, expected):
    assert heading_id(heading) == expected


def test_a_page_knows_its_repeated_ids_and_the_headings_they_displaced():
    page = PageIds("faq/", ("faq",), ("signaux", "quand-structurer", "signaux"),
                   (Heading("Carte", "carte", "carte_1"),))
    assert page.repeated() == {"signaux"}
    assert page.shifted() == {"carte": Heading("Carte", "carte", "carte_1")}
    assert page.ids == {"signaux", "quand-structurer", "carte_1"}


PAGES = {"": PageIds("", ("accueil",), ("parcours",), ()),
         "phases/": PageIds("phases/", ("phases",), ("amorcage", "structuration"), ()),
         "sourcing/": PageIds("sourcing/", ("sourcing", "externalisation"), ("externalisation", "piliers"), ())}
ADDRESSES = {"": "", "phases/": "phases/", "sourcing/": "sourcing/", "externalisation/": "sourcing/"}


@pytest.mark.parametrize(("target", "what", "closest"), [
    ("/phase/", "une page qui n'existe pas (« /phase/ »)", "/phases/"),
    ("../phases/#amorsage", "une ancre qui n'existe pas sur la page /phases/ (« #amorsage »)", "/phases/#amorcage"),
    ("#piliers", "une ancre qui n'existe pas sur la page /phases/ (« #piliers »)", None),
    ("/externalisation/#parcours", "une ancre qui n'existe pas sur la page /sourcing/ (« #parcours »)", None),
])
def test_a_link_to_a_page_or_an_anchor_that_does_not_exist_is_found(target, what, closest):
    missing = missing_target(target, "phases/", ADDRESSES, PAGES)
    assert (missing.what, missing.closest) == (what, closest)


@pytest.mark.parametrize("target", ["/phases/", "phases.md#amorcage", "../sourcing/#externalisation", "/", "index.md",
                                    "/externalisation/#piliers", "#structuration", "https://exemple.fr/x",
                                    "mailto:a@b.fr"])
def test_a_link_to_a_page_or_an_anchor_that_exists_or_to_another_site_is_not(target):
    assert missing_target(target, "phases/", ADDRESSES, PAGES) is None


def test_links_are_found_written_in_markdown_or_in_html():
    text = 'Voir [les phases](/phases/ "titre"), ![image](x.png) et <a class="x" href="#piliers">ici</a>.'
    assert links_in(text) == [('[les phases](/phases/ "titre")', "/phases/"), ("![image](x.png)", "x.png"),
                              ('<a class="x" href="#piliers">', "#piliers")]
