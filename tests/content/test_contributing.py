"""CONTRIBUTING.md, the editors' guide: its map of pages is complete and its error examples are real."""

from __future__ import annotations

import re

from common.site_map import HOME, page_url
from guide.catalog import REPO_ROOT, framework_names
from scripts.contributing_examples import MISTAKES, tagged_names, updated

CONTRIBUTING = (REPO_ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
NAMES = framework_names(REPO_ROOT / "frameworks")


def without_position(line: str) -> str:
    return re.sub(r"^(frameworks/[\w.-]+):\d+:\d+: ", r"\1:L:C: ", line)


def documented_errors() -> set[str]:
    blocks = re.findall(r"```text\n(.*?)```", CONTRIBUTING, re.S)
    return {without_position(line) for block in blocks for line in block.splitlines() if line.startswith("frameworks/")}


def test_every_framework_file_is_in_the_map_with_its_page_address(guide):
    rows = re.findall(r"^\| (.+?) \| `(/[^`]*)` \| `frameworks/([\w-]+)\.yml` \|$", CONTRIBUTING, re.M)
    assert sorted(name for _, _, name in rows) == NAMES, "mettez à jour le tableau « Quel fichier pour quelle page »"
    for title, address, name in rows:
        assert address == f"/{page_url(guide.frameworks[HOME], name)}", name
        assert title == guide.frameworks[name]["page"]["titre_court"], name


def test_the_readme_and_the_site_lead_to_it():
    assert "[CONTRIBUTING.md](CONTRIBUTING.md)" in (REPO_ROOT / "README.md").read_text(encoding="utf-8")
    assert "CONTRIBUTING.md" in (REPO_ROOT / "frameworks" / "contribuer.yml").read_text(encoding="utf-8")


def test_yaml_examples_quote_thresholds_that_exist(guide):
    known = {item["id"] for item in guide.frameworks["seuils"]["seuils"]}
    examples = "".join(re.findall(r"```yaml\n(.*?)```", CONTRIBUTING, re.S))
    quoted = set(re.findall(r"\{seuil:([^}]+)\}", examples))
    assert quoted and quoted <= known


def test_the_error_examples_are_those_of_a_real_run_positions_included():
    """Each example block is the output of the check on the mistake it names (scripts/contributing_examples.py
    rewrites them): a message or a position that changes makes this test fail until the guide is updated."""
    assert updated(CONTRIBUTING) == CONTRIBUTING, "lancez .venv/bin/python scripts/contributing_examples.py"


def test_every_example_of_a_message_is_one_the_script_produces():
    blocks = re.findall(r"(<!-- [a-z]+: [a-z0-9-]+ -->\n)?```text\n(.*?)```", CONTRIBUTING, re.S)
    untagged = [body for tag, body in blocks if not tag and "frameworks/" in body]
    assert untagged == []
    assert sorted(set(tagged_names(CONTRIBUTING))) == sorted(MISTAKES)  # every mistake is shown, once at least


def test_the_table_of_contents_lists_every_section_in_order():
    sections = re.findall(r"^## (.+)$", CONTRIBUTING, re.M)
    contents = re.findall(r"^\d+\. \[(.+?)\]\(#([^)]+)\)$", CONTRIBUTING, re.M)
    assert [title for title, _ in contents] == sections
    for title, target in contents:
        assert target == re.sub(r"[^\w\- ]", "", title.lower()).replace(" ", "-"), title  # GitHub's anchor
