"""scripts/setup tries a download cut by the network again (its ``retry``), three times in all, then stops."""

from __future__ import annotations

import subprocess

from guide.catalog import REPO_ROOT

SETUP = (REPO_ROOT / "scripts" / "setup").read_text(encoding="utf-8")


def run_retry(failures: int) -> subprocess.CompletedProcess:
    """``retry`` of scripts/setup on a command that fails ``failures`` times before it succeeds (no real pause)."""
    start, end = SETUP.index("\nsay() {"), SETUP.index("\n}\n", SETUP.index("\nretry() {")) + 3
    script = (SETUP[start:end] + "sleep() { :; }\ncalls=0\n"
              f"download() {{ calls=$((calls + 1)); [ \"$calls\" -gt {failures} ]; }}\n"
              "retry download\nstatus=$?\necho \"$calls $status\"\n")
    return subprocess.run(["bash", "-c", script], capture_output=True, text=True, timeout=30)


def test_a_download_that_fails_once_is_tried_again_and_the_setup_goes_on():
    result = run_retry(1)
    assert result.stdout.split() == ["2", "0"]
    assert result.stderr == "[setup] téléchargement interrompu, nouvel essai dans 10 s (essai 2 sur 3)\n"


def test_a_download_that_keeps_failing_stops_after_three_tries():
    result = run_retry(5)
    assert result.stdout.split() == ["3", "1"]
    assert result.stderr.count("nouvel essai") == 2
