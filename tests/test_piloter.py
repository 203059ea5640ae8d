"""The « Piloter » pages (source 003, part A): the cycle and the flow are real lists, figures come from seuils.yml."""

from __future__ import annotations

import re

from guide.catalog import REPO_ROOT, load_guide
from tests.helpers import page_slug
from tests.site_text import article_text, normalise, page_html

GUIDE = load_guide(REPO_ROOT)


def list_items(html: str, list_class: str) -> list[str]:
    """The <li> of the <ol> whose class is ``list_class`` (no nested <ol> in these diagrams)."""
    block = re.search(rf'<ol [^>]*class="{list_class}"[^>]*>(.*?)</ol>', html, re.S).group(1)
    return re.findall(r'<li class="[^"]*"[^>]*>(.*?)</li>\n(?=<li class=|$)', block + "\n", re.S)


def test_the_four_pillars_form_an_ordered_cycle_with_the_measured_ones_marked(built_site):
    html = page_html(built_site, "marketing-management")
    pillars = GUIDE.frameworks["marketing-management"]["cycle"]["piliers"]
    steps = re.findall(r'<li class="guide-cycle__step( guide-cycle__step--mesure)?" id="([a-z-]+)"', html)
    assert [step_id for _, step_id in steps] == [pillar["id"] for pillar in pillars]
    assert [bool(marked) for marked, _ in steps] == [pillar["analyse_et_mesure"] for pillar in pillars]
    assert 'href="./#diagnostic"' in html  # the five steps are on the same page
    assert "Après le contrôle, le cycle reprend à l'analyse." in article_text(built_site, "marketing-management")


def test_the_five_steps_form_a_numbered_flow_with_their_tools(built_site):
    html = page_html(built_site, page_slug("processus-marketing"))
    steps = GUIDE.frameworks["processus-marketing"]["etapes"]
    items = list_items(html, "guide-flow__steps")
    assert len(items) == len(steps) == 5
    for item, step in zip(items, steps, strict=True):
        assert f'href="#{step["id"]}"' in item
        tags = [normalise(re.sub(r"<.*?>", "", tag)) for tag in re.findall(r"<li>(.*?)</li>", item)]
        assert tags == [normalise(tool) for tool in step["outils"]]
    assert [normalise(re.sub(r"<.*?>", "", cell)) for cell in re.findall(r"<td[^>]*><strong>(.*?)</strong></td>", html)][:4] == [
        "Produit", "Prix", "Distribution", "Communication"]


def test_figures_are_quoted_from_the_thresholds(built_site):
    assert "de 80 000 € à 120 000 € bruts par an" in article_text(built_site, page_slug("direction-temps-partage"))
    assert "50 % de son temps" in article_text(built_site, "marketing-management")
    assert "mesurer les résultats sous 15 jours" in article_text(built_site, page_slug("processus-marketing"))
    for name in ("marketing-management", "poles", "internaliser-externaliser", "direction-temps-partage", "processus-marketing"):
        text = "\n".join(str(value) for value in _strings(GUIDE.frameworks[name]))
        assert "{seuil:" not in text  # every placeholder was resolved
        for raw in ("80k", "80 000", "120 000", "50 %", "50%", "15 jours"):
            assert raw not in _raw_yaml(name), (name, raw)


def test_the_black_box_warning_follows_the_matrix(built_site):
    html = page_html(built_site, page_slug("internaliser-externaliser"))
    section = html[html.index('<h2 id="internaliser-externaliser">'):html.index('<h2 id="externalisation">')]
    assert section.index('class="guide-table guide-table--stack guide-insourcing"') < section.index('class="admonition warning"')


def _raw_yaml(name: str) -> str:
    return (REPO_ROOT / "frameworks" / f"{name}.yml").read_text(encoding="utf-8")


def _strings(value):
    if isinstance(value, dict):
        for child in value.values():
            yield from _strings(child)
    elif isinstance(value, list):
        for child in value:
            yield from _strings(child)
    elif isinstance(value, str):
        yield value
