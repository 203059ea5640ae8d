"""The site's Content-Security-Policy (guide/csp.py), on pages and templates of the test's own: the inline
scripts the templates write are allowed by their hash, anything else stops the build, and the policy sits
right after the charset of every page."""

from __future__ import annotations

import pytest

from guide.cache_headers import headers_file_text
from guide.csp import META_CHARSET, UnknownInlineCode, secure_site, sha256, site_policy

TEMPLATE = '<head><meta charset="utf-8"><script>var scope=new URL("{{ base_url }}",location)</script></head>'


def page(body: str, scope: str = "..") -> str:
    return (f'<!doctype html><html><head>{META_CHARSET}<script>var scope=new URL("{scope}",location)</script>'
            f'<script type="application/ld+json">{{"name": "x"}}</script></head><body>{body}</body></html>')


@pytest.fixture
def site(tmp_path):
    templates = tmp_path / "templates"
    templates.mkdir()
    (templates / "base.html").write_text(TEMPLATE, encoding="utf-8")
    built = tmp_path / "site"
    (built / "a").mkdir(parents=True)
    return built, templates


def test_a_known_script_is_allowed_by_the_hash_of_each_variant_the_pages_carry(site):
    built, templates = site
    (built / "index.html").write_text(page('<p style="text-align: left;">x</p>', scope="."), encoding="utf-8")
    (built / "a" / "index.html").write_text(page("<p>y</p>"), encoding="utf-8")
    policy = site_policy(built, [templates])
    assert set(policy.script_hashes) == {sha256('var scope=new URL(".",location)'), sha256('var scope=new URL("..",location)')}
    assert policy.style_hashes == (sha256("text-align: left;"),)
    assert "frame-ancestors" not in policy.text() and "frame-ancestors 'none'" in policy.text(header=True)


@pytest.mark.parametrize("injected", [
    "<script>alert(1)</script>",
    '<script>var scope=new URL("x"+alert(1)+"",location)</script>',  # a value that is not an address
    '<img src="x" onerror="alert(1)">',
    '<p style="background: url(https://example.org/x)">x</p>',
])
def test_any_other_inline_code_stops_the_build_and_names_its_page(site, injected):
    built, templates = site
    (built / "index.html").write_text(page("<p>ok</p>"), encoding="utf-8")
    (built / "a" / "index.html").write_text(page(injected), encoding="utf-8")
    with pytest.raises(UnknownInlineCode) as stopped:
        site_policy(built, [templates])
    assert [finding.split(" : ")[0] for finding in stopped.value.findings] == ["a/index.html"]
    assert stopped.value.report().startswith("Code en ligne inconnu")


def test_the_policy_is_written_right_after_the_charset_of_every_page_and_in_the_headers(site):
    built, templates = site
    for folder in (built, built / "a"):
        (folder / "index.html").write_text(page("<p>ok</p>"), encoding="utf-8")
    policy = secure_site(built, [templates])
    for folder in (built, built / "a"):
        html = (folder / "index.html").read_text(encoding="utf-8")
        assert html.count("Content-Security-Policy") == 1
        assert html.index(META_CHARSET) + len(META_CHARSET) == html.index('<meta http-equiv="Content-Security-Policy"')
    headers = headers_file_text(built, policy.text(header=True))
    block = headers.split("/*\n")[1].split("\n#")[0]
    assert f"  Content-Security-Policy: {policy.text(header=True)}" in block.splitlines()
    for name in ("X-Content-Type-Options", "Referrer-Policy", "Permissions-Policy", "Cross-Origin-Opener-Policy",
                 "Cross-Origin-Resource-Policy"):
        assert any(line.startswith(f"  {name}: ") for line in block.splitlines()), name
