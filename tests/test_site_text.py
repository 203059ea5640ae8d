"""The test helper that reads a page as a reader sees it stays inside the article, whatever the page holds
(void elements such as <input> and <br> once made it run on into the footer)."""

from __future__ import annotations

import pytest

from tests.site_text import article_text


@pytest.mark.parametrize("page", ["roi", "internalisation", "diagnostic", "modeles", "sourcing"])
def test_article_text_never_reaches_the_footer_or_the_navigation(built_site, page):
    text = article_text(built_site, page)
    assert text  # the article itself is read
    assert "Site construit avec" not in text and "Textes reformulés à partir des sources" not in text
    assert "Passer à l'échelle" not in text  # a section of the navigation, not of these articles
