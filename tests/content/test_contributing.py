"""CONTRIBUTING.md, the editors' guide: its map of pages is complete and its error examples are real."""

from __future__ import annotations

import re

from common.site_map import HOME, page_url
from guide.catalog import REPO_ROOT, framework_names
from scripts.contributing_examples import MISTAKES, tagged_names, updated, without_positions

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


def test_the_error_examples_are_those_of_a_real_run():
    """Each example block is the output of the check on the mistake it names (scripts/contributing_examples.py
    rewrites them): a message that changes makes this test fail until the guide is updated. Positions (file:line:
    column, « ligne N ») are not compared: an editor's ordinary edit moves them, and must not fail the build."""
    assert without_positions(updated(CONTRIBUTING)) == without_positions(CONTRIBUTING), (
        "lancez .venv/bin/python scripts/contributing_examples.py")


def test_positions_aside_a_changed_example_is_still_seen():
    """What the comparison leaves aside is the position only: another message, field or file is still a change."""
    line = "frameworks/faq.yml:22:40: questions[1].question : ce champ est obligatoire (ligne 15)"
    assert without_positions(line) == without_positions(line.replace(":22:40:", ":31:7:").replace("ligne 15", "ligne 9"))
    for changed in (line.replace("questions[1]", "questions[2]"), line.replace("faq.yml", "phases.yml"),
                    line.replace("obligatoire", "requis")):
        assert without_positions(changed) != without_positions(line)


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
