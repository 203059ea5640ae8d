"""The test helper that reads a page as a reader sees it stays inside the article, whatever the page holds
(void elements such as <input>, <br> and <img> once made a hand-made depth count run on into the footer)."""

from __future__ import annotations

import pytest

from tests.site_text import article_text, article_text_of_html, page_tree, select, text_of

PAGE = """<!doctype html><html><head><title>Titre : x</title></head><body>
<header class="md-header">Texte de l'en-tête</header>
<nav class="md-nav">Texte du menu</nav>
<main><div class="md-content"><article class="md-content__inner md-typeset">
  <h1>Le calcul</h1>
  <p>Avant<br>le champ <input id="a" value="10"> et <img src="x.png" alt="image"> l'image</p>
  <label>Montant <input id="b"></label><hr>
  <p>Un <strong>mot</strong>, un <a href="#">lien</a>.</p><script>texte du script</script>
</article></div></main>
<footer class="md-footer">Texte du pied de page <a href="../roi/">Calculateur voisin</a></footer>
</body></html>"""


def test_text_outside_the_article_is_never_in_the_article_text_even_after_void_elements():
    text = article_text_of_html(PAGE)
    assert text == "Le calcul Avant le champ et l'image Montant Un mot, un lien."
    for outside in ("pied de page", "Calculateur voisin", "en-tête", "menu", "Titre", "script"):
        assert outside not in text


@pytest.mark.parametrize(("page", "void"), [("roi", "input"), ("internalisation", "input"), ("diagnostic", "input"),
                                            ("modeles", "br"), ("sourcing", "br")])
def test_article_text_never_reaches_the_footer_or_the_navigation(built_site, page, void):
    assert select(built_site, page, void)  # the void elements that once derailed the reading are there
    footer = text_of(page_tree(built_site, page).css_first("footer.md-footer"))
    assert "Site construit avec" in footer and "Textes reformulés à partir des sources" in footer
    text = article_text(built_site, page)
    assert text  # the article itself is read, but not the footer's text
    assert "Site construit avec" not in text and "Textes reformulés à partir des sources" not in text
    assert "Passer à l'échelle" not in text  # a section of the navigation, not of these articles
