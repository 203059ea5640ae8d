""".ci/pages, the workflow's publication on the gh-pages branch, run against a local bare repository and a
stand-in for the gh command (which records its calls and keeps the pull request's comments): the site and
each pull request's preview live side by side, a preview is replaced then removed, its one comment is
written once then updated, a site built for another address is refused, a push that lost a race is retried."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

from guide.catalog import REPO_ROOT

MARKER = "<!-- apercu-du-site -->"
BASE = "https://exemple.github.io/guide"

FAKE_GH = r'''#!PYTHON
"""Stand-in for gh: records each call; keeps the comments of pull requests in a JSON file."""
import json, os, shutil, sys
from pathlib import Path

state = Path(os.environ["FAKE_GH_STATE"])
data = json.loads(state.read_text()) if state.exists() else {"calls": [], "comments": [], "next": 100}
args = sys.argv[1:]
data["calls"].append(args)

def option(name):
    return args[args.index(name) + 1]

if args[:2] == ["run", "download"]:
    shutil.copytree(os.environ["FAKE_ARTIFACT"], option("--dir"))
elif args[0] == "api":
    method = option("--method") if "--method" in args else "GET"
    path = [arg for arg in args[1:] if arg.startswith("repos/")][0]
    if method == "GET":
        jq = option("--jq")
        assert '"github-actions[bot]"' in jq and "<!-- apercu-du-site -->" in jq, jq
        number = int(path.split("/")[4])
        for comment in data["comments"]:
            if (comment["issue"] == number and comment["user"] == "github-actions[bot]"
                    and comment["body"].startswith("<!-- apercu-du-site -->")):
                print(comment["id"])
    elif method == "POST":
        data["next"] += 1
        data["comments"].append({"id": data["next"], "issue": int(path.split("/")[4]),
                                 "user": "github-actions[bot]", "body": option("-f").split("=", 1)[1]})
    elif method == "PATCH":
        [comment] = [c for c in data["comments"] if c["id"] == int(path.rsplit("/", 1)[1])]
        comment["body"] = option("-f").split("=", 1)[1]
state.write_text(json.dumps(data))
'''


def git(*args: str, cwd: Path) -> str:
    return subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True, text=True).stdout.strip()


def a_site(folder: Path, address: str, pages: dict[str, str]) -> Path:
    folder.mkdir(parents=True)
    (folder / "index.html").write_text(f'<html><head><link rel="canonical" href="{address}"></head></html>\n',
                                       encoding="utf-8")
    for name, text in pages.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(text, encoding="utf-8")
    return folder


class Pages:
    """A checkout holding .ci/pages, its origin (a bare repository) and the gh stand-in."""

    def __init__(self, root: Path):
        self.root = root
        self.remote = root / "remote.git"
        self.checkout = root / "checkout"
        git("init", "--quiet", "--bare", str(self.remote), cwd=root)
        git("init", "--quiet", "-b", "main", str(self.checkout), cwd=root)
        (self.checkout / ".ci").mkdir()
        shutil.copy2(REPO_ROOT / ".ci" / "pages", self.checkout / ".ci" / "pages")
        bin_dir = root / "bin"
        bin_dir.mkdir()
        (bin_dir / "gh").write_text(FAKE_GH.replace("PYTHON", sys.executable), encoding="utf-8")
        (bin_dir / "gh").chmod(0o755)
        self.state = root / "gh.json"
        self.env = dict(os.environ, PATH=f"{bin_dir}{os.pathsep}{os.environ['PATH']}", FAKE_GH_STATE=str(self.state),
                        GITHUB_REPOSITORY="o/r", GITHUB_RUN_ID="77", GH_TOKEN="jeton", PR_HEAD_SHA="abcdef0123456789",
                        GIT_AUTHOR_NAME="t", GIT_AUTHOR_EMAIL="t@example.org", GIT_COMMITTER_NAME="t",
                        GIT_COMMITTER_EMAIL="t@example.org", GIT_CONFIG_GLOBAL="/dev/null", GIT_CONFIG_NOSYSTEM="1")
        for variable in ("GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE"):
            self.env.pop(variable, None)
        subprocess.run(["git", "add", "."], cwd=self.checkout, env=self.env, check=True)
        subprocess.run(["git", "commit", "--quiet", "-m", "init"], cwd=self.checkout, env=self.env, check=True)
        git("remote", "add", "origin", str(self.remote), cwd=self.checkout)

    def run(self, *args: str | Path, artifact: Path | None = None) -> subprocess.CompletedProcess:
        env = dict(self.env, FAKE_ARTIFACT=str(artifact or ""))
        return subprocess.run(["bash", str(self.checkout / ".ci" / "pages"), *map(str, args)], cwd=self.root,
                              env=env, capture_output=True, text=True, timeout=120)

    def files(self) -> list[str]:
        return git("ls-tree", "-r", "--name-only", "gh-pages", cwd=self.remote).splitlines()

    def show(self, name: str) -> str:
        return git("show", f"gh-pages:{name}", cwd=self.remote)

    def commits(self) -> int:
        return int(git("rev-list", "--count", "gh-pages", cwd=self.remote))

    def gh(self) -> dict:
        return json.loads(self.state.read_text()) if self.state.exists() else {"calls": [], "comments": []}


@pytest.fixture
def pages(tmp_path) -> Pages:
    return Pages(tmp_path)


def test_a_preview_is_published_in_its_folder_and_linked_in_one_comment(pages, tmp_path):
    site = a_site(tmp_path / "v1", f"{BASE}/pr-12/", {"roi/index.html": "roi v1"})
    result = pages.run("apercu", "12", site)
    assert result.returncode == 0, result.stderr
    assert pages.files() == [".nojekyll", "pr-12/index.html", "pr-12/roi/index.html"]
    [comment] = pages.gh()["comments"]
    assert comment["issue"] == 12 and comment["body"].startswith(MARKER + "\n")
    assert f"{BASE}/pr-12/" in comment["body"] and "abcdef0" in comment["body"]
    assert "pull request*\u202f:**" in comment["body"] and " :" not in comment["body"]

    again = a_site(tmp_path / "v2", f"{BASE}/pr-12/", {"faq/index.html": "faq v2"})
    result = pages.run("apercu", "12", again)
    assert result.returncode == 0, result.stderr
    assert pages.files() == [".nojekyll", "pr-12/faq/index.html", "pr-12/index.html"]
    assert pages.commits() == 1  # the branch is one commit, whatever was published before
    assert [c["id"] for c in pages.gh()["comments"]] == [comment["id"]]  # updated, not a second comment
    methods = [call[call.index("--method") + 1] for call in pages.gh()["calls"] if "--method" in call]
    assert methods == ["POST", "PATCH"]


def test_the_site_and_the_previews_live_side_by_side(pages, tmp_path):
    pages.run("apercu", "12", a_site(tmp_path / "p12", f"{BASE}/pr-12/", {}))
    pages.run("apercu", "7", a_site(tmp_path / "p7", f"{BASE}/pr-7/", {}))
    first = a_site(tmp_path / "main1", f"{BASE}/", {"ancienne/index.html": "partie retirée", "CNAME": "x"})
    assert pages.run("site", first).returncode == 0
    second = a_site(tmp_path / "main2", f"{BASE}/", {"roi/index.html": "roi"})
    result = pages.run("site", second)
    assert result.returncode == 0, result.stderr
    # The old site's pages are gone, the previews and the custom domain's CNAME stay.
    assert pages.files() == [".nojekyll", "CNAME", "index.html", "pr-12/index.html", "pr-7/index.html",
                             "roi/index.html"]
    assert pages.show("index.html").count(f'href="{BASE}/"') == 1


def test_closing_a_pull_request_removes_its_preview_and_says_so_in_the_same_comment(pages, tmp_path):
    pages.run("apercu", "12", a_site(tmp_path / "p12", f"{BASE}/pr-12/", {}))
    pages.run("site", a_site(tmp_path / "main", f"{BASE}/", {}))
    result = pages.run("retirer", "12")
    assert result.returncode == 0, result.stderr
    assert pages.files() == [".nojekyll", "index.html"]
    [comment] = pages.gh()["comments"]
    assert comment["body"].startswith(MARKER + "\n**Aperçu du site retiré\u202f:**")
    # A pull request that never had a preview (from a fork, say) gets no comment when closed.
    assert pages.run("retirer", "31").returncode == 0
    assert len(pages.gh()["comments"]) == 1 and pages.files() == [".nojekyll", "index.html"]


def test_a_site_built_for_another_address_is_refused(pages, tmp_path):
    result = pages.run("apercu", "12", a_site(tmp_path / "a", f"{BASE}/pr-13/", {}))
    assert result.returncode == 1 and "pas pour …/pr-12/" in result.stderr
    result = pages.run("apercu", "12", a_site(tmp_path / "b", "https://structurer-marketing.example/", {}))
    assert result.returncode == 1
    result = pages.run("site", a_site(tmp_path / "c", f"{BASE}/pr-12/", {}))
    assert result.returncode == 1 and "aperçu" in result.stderr
    assert pages.run("apercu", "../x", tmp_path / "a").returncode == 1
    assert pages.run("retirer", "").returncode == 1
    assert not git("ls-remote", str(pages.remote), cwd=tmp_path)  # nothing was pushed


def test_a_push_that_lost_a_race_is_tried_again_on_the_new_branch(pages, tmp_path):
    pages.run("apercu", "7", a_site(tmp_path / "p7", f"{BASE}/pr-7/", {}))
    hook = pages.remote / "hooks" / "pre-receive"
    hook.write_text('#!/bin/sh\n[ -e "$GIT_DIR/refused-once" ] && exit 0\ntouch "$GIT_DIR/refused-once"\nexit 1\n')
    hook.chmod(0o755)
    result = pages.run("apercu", "12", a_site(tmp_path / "p12", f"{BASE}/pr-12/", {}))
    assert result.returncode == 0, result.stderr
    assert "nouvel essai" in result.stderr
    assert pages.files() == [".nojekyll", "pr-12/index.html", "pr-7/index.html"]


def test_the_artifact_is_downloaded_from_this_run(pages, tmp_path):
    artifact = a_site(tmp_path / "artifact", f"{BASE}/", {})
    result = pages.run("telecharger", "site-apercu", "site", artifact=artifact)
    assert result.returncode == 0, result.stderr
    [call] = pages.gh()["calls"]
    assert call[:3] == ["run", "download", "77"] and call[call.index("--name") + 1] == "site-apercu"
    assert (pages.checkout / "site" / "index.html").exists()  # relative to the checkout, as scripts/build's DIR


def test_shellcheck_finds_nothing_in_the_ci_scripts():
    tools = Path(sysconfig.get_path("scripts"))
    result = subprocess.run([str(tools / "shellcheck"), ".ci/pages", ".ci/run"], cwd=REPO_ROOT,
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stdout
