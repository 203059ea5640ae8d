"""The ``_headers`` file: hashed and versioned files cached for a year; nothing else, so that pages and the
rest keep the host's default (revalidated on every visit)."""

from __future__ import annotations

from pathlib import Path

from guide.browser_assets import browser_assets
from guide.cache_headers import IMMUTABLE, cache_rules, headers_file_text, is_immutable
from guide.catalog import REPO_ROOT


def make_site(root: Path, paths: list[str]) -> Path:
    for path in paths:
        (root / path).parent.mkdir(parents=True, exist_ok=True)
        (root / path).write_text("x", encoding="utf-8")
    return root


def matches(rule: str, path: str) -> bool:
    """How Netlify and Cloudflare match a request path (``/phases/`` serves ``phases/index.html``)."""
    url = "/" + path.removesuffix("index.html") if path.endswith("index.html") else "/" + path
    if rule.endswith("*"):
        return url.startswith(rule[:-1]) and url != rule[:-1]
    return url == rule


def parse_all(text: str) -> list[tuple[str, str, str]]:
    """Every ``(path rule, header name, value)`` of the file."""
    headers, current = [], None
    for line in text.splitlines():
        if not line or line.startswith("#"):
            continue
        if not line.startswith(" "):
            current = line
        elif line.strip().startswith("! "):  # Cloudflare Pages: drop a header another rule sets
            headers.append((current, "!", line.strip()[2:]))
        else:
            name, value = line.strip().split(": ", 1)
            headers.append((current, name, value))
    return headers


def parse(text: str) -> list[tuple[str, str]]:
    """The cache rules; every header but the cache's is a security header of ``/*`` (one rule, no overlap), or the
    admin's own policy (``/admin/*``, which first drops the site's)."""
    headers = parse_all(text)
    assert all(rule in ("/*", ADMIN_RULE) for rule, name, _ in headers if name != "Cache-Control")
    assert all(rule != "/*" for rule, name, _ in headers if name == "Cache-Control")
    return [(rule, value) for rule, name, value in headers if name == "Cache-Control"]


ADMIN_RULE = "/admin/*"
HOST_DEFAULT = None  # no rule: the host's own default, which revalidates


def assert_each_file_has_at_most_one_rule(site: Path, rules: list[tuple[str, str]]) -> dict[str, str | None]:
    lifetimes = {}
    for path in (p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file() and p.name != "_headers"):
        matching = [value for rule, value in rules if matches(rule, path)]
        assert len(matching) <= 1, (path, matching)  # two rules would join their values
        lifetimes[path] = matching[0] if matching else HOST_DEFAULT
    return lifetimes


SAMPLE = [
    "index.html", "404.html", "sitemap.xml", "sitemap.xml.gz", "phases/index.html", "search/search_index.json",
    "assets/pyodide/314.0.7/pyodide.asm.wasm", "assets/pyodide/314.0.7/pyodide.mjs",
    "assets/calculators/bundle.0123456789ab.json", "assets/javascripts/bundle.a5f9d56c.min.js",
    "assets/javascripts/bundle.a5f9d56c.min.js.map", "assets/javascripts/calculators.mjs",
    "assets/javascripts/workers/search.a7633da7.min.js", "assets/javascripts/workers/guide-search.a7633da7.min.js",
    "assets/javascripts/lunr/min/lunr.fr.min.js", "assets/javascripts/lunr/tinyseg.js",
    "assets/stylesheets/main.57a0d79d.min.css", "assets/stylesheets/guide.css", "assets/images/favicon.png",
]


def test_hashed_and_versioned_files_are_immutable_and_nothing_else_has_a_rule(tmp_path):
    site = make_site(tmp_path, SAMPLE)
    rules = cache_rules(site)
    assert ("/assets/pyodide/314.0.7/*", IMMUTABLE) in rules
    assert ("/assets/calculators/bundle.0123456789ab.json", IMMUTABLE) in rules
    assert ("/assets/javascripts/workers/guide-search.a7633da7.min.js", IMMUTABLE) in rules
    lifetimes = assert_each_file_has_at_most_one_rule(site, rules)
    for path, value in lifetimes.items():
        assert value == (IMMUTABLE if is_immutable(path) else HOST_DEFAULT), path
    assert lifetimes["assets/javascripts/lunr/min/lunr.fr.min.js"] is HOST_DEFAULT  # "min.js" without a hash
    assert lifetimes["assets/stylesheets/guide.css"] is HOST_DEFAULT
    assert lifetimes["index.html"] is HOST_DEFAULT


def test_headers_file_round_trips(tmp_path):
    site = make_site(tmp_path, SAMPLE)
    assert parse(headers_file_text(site)) == cache_rules(site)


def test_the_build_writes_headers_for_every_file_of_the_site(built_site, guide):
    text = (built_site / "_headers").read_text(encoding="utf-8")
    rules = parse(text)
    assert len(rules) <= 100  # Cloudflare Pages reads at most 100 rules
    lifetimes = assert_each_file_has_at_most_one_rule(built_site, rules)
    assets = browser_assets(REPO_ROOT, guide.frameworks)
    assert (f"/assets/{assets.bundle_file}", IMMUTABLE) in rules  # the exact hashed name
    assert (f"/assets/{assets.runtime_dir}*", IMMUTABLE) in rules
    workers = sorted(p.name for p in (built_site / "assets/javascripts/workers").glob("*search.*.min.js"))
    assert workers and all((f"/assets/javascripts/workers/{name}", IMMUTABLE) in rules for name in workers)
    assert lifetimes["index.html"] is lifetimes["phases/index.html"] is lifetimes["sitemap.xml"] is HOST_DEFAULT
    assert lifetimes["search/search_index.json"] is HOST_DEFAULT
    security = {name: value for rule, name, value in parse_all(text) if rule == "/*"}
    assert security["Content-Security-Policy"].startswith("default-src 'none';")
    assert "frame-ancestors 'none'" in security["Content-Security-Policy"]
    assert security["Referrer-Policy"] == "same-origin" and security["X-Content-Type-Options"] == "nosniff"


def test_the_admin_has_its_own_policy_and_the_guide_s_pages_keep_theirs(built_site):
    """Decap CMS needs 'unsafe-eval' and inline styles: only /admin/ gets them, after dropping the site's policy
    (both would apply, and the stricter would win)."""
    headers = parse_all((built_site / "_headers").read_text(encoding="utf-8"))
    admin = [(name, value) for rule, name, value in headers if rule == ADMIN_RULE]
    assert admin[0] == ("!", "Content-Security-Policy")
    [policy] = [value for name, value in admin if name == "Content-Security-Policy"]
    assert "'unsafe-eval'" in policy and "frame-ancestors 'none'" in policy
    # The sign-in window (the OAuth relay) must be able to answer the admin that opened it.
    assert ("!", "Cross-Origin-Opener-Policy") in admin
    assert ("Cross-Origin-Opener-Policy", "same-origin-allow-popups") in admin
    [site_policy] = [value for rule, name, value in headers if rule == "/*" and name == "Content-Security-Policy"]
    assert "'unsafe-eval'" not in site_policy and "'unsafe-inline'" not in site_policy
