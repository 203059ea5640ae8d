"""The theme's templates escape every value unless it is marked as HTML (guide/theme_html.py)."""

from __future__ import annotations

from types import SimpleNamespace

import jinja2
from markupsafe import Markup

from guide.structured_data import json_for_script
from guide.theme_html import escape_theme_values, mark_page_html

HOSTILE = 'x"><img src=x onerror=alert(1)></title><script>alert(2)</script>'


def _render(source: str, **values) -> str:
    env = escape_theme_values(jinja2.Environment(loader=jinja2.DictLoader({"t.html": source})))
    return env.get_template("t.html").render(**values)


def test_a_value_printed_by_a_theme_template_is_escaped_in_text_and_attributes():
    html = _render('<title>{{ title }}</title><meta content="{{ description }}">', title=HOSTILE, description=HOSTILE)
    assert "<img" not in html and "<script>" not in html and '"><' not in html
    assert html.count("&lt;img src=x onerror=alert(1)&gt;") == 2


def test_the_page_body_and_its_table_of_contents_are_marked_as_html_once():
    toc = [SimpleNamespace(title="A &amp; B", children=[SimpleNamespace(title="<code>x</code>", children=[])])]
    page = SimpleNamespace(content="<p>corps</p>", toc=toc)
    mark_page_html(page)
    html = _render("{{ page.content }}|{% for item in page.toc %}{{ item.title }}{% for child in item.children %}"
                   "{{ child.title }}{% endfor %}{% endfor %}", page=page)
    assert html == "<p>corps</p>|A &amp; B<code>x</code>"


def test_json_ld_is_printed_as_written_and_cannot_close_its_script():
    data = {"name": HOSTILE}
    html = _render("<script>{{ data }}</script>", data=json_for_script(data))
    assert isinstance(json_for_script(data), Markup)
    assert html.count("</script>") == 1 and "\\u003c/title\\u003e" in html
