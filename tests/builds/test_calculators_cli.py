"""The calculators' command line as a shell runs it (a real process): whatever bytes --json holds, a French
JSON answer and exit status 2, never a traceback nor English; the examples of --help, pasted into bash, run."""

from __future__ import annotations

import json
import os
import re
import shlex
import subprocess
import sys

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from guide.catalog import REPO_ROOT

ENGLISH = re.compile(r"Expecting|delimiter|Invalid|Unterminated|Extra data|Illegal|trailing|property name|"
                     r"enclosed|double quotes|escape|control character|\bline \d|\bcolumn\b|\bchar \d|BOM|"
                     r"Traceback|Error\b")


@pytest.fixture(scope="module")
def settings_file(tmp_path_factory, guide):
    path = tmp_path_factory.mktemp("cli") / "settings.json"
    path.write_text(json.dumps(guide.frameworks, ensure_ascii=False), encoding="utf-8")
    return path


def calculators(*argv: str | bytes, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "calculators", *argv], capture_output=True, cwd=REPO_ROOT,
                          timeout=60, env=env)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.one_of(st.binary(max_size=40), st.text(max_size=20).map(str.encode)).filter(lambda raw: b"\0" not in raw))
def test_random_bytes_as_json_exit_2_in_french(settings_file, raw):
    try:
        assume(not isinstance(json.loads(raw.decode("utf-8", "surrogateescape")), dict))
    except ValueError:
        pass
    result = calculators("roi", "--settings", str(settings_file), "--json", raw)
    assert result.returncode == 2 and result.stderr == b"", result.stderr.decode("utf-8", "replace")
    data = json.loads(result.stdout.decode("utf-8"))
    assert list(data) == ["errors"]
    for message in data["errors"].values():
        assert not ENGLISH.search(message), message


def test_the_field_messages_named_in_issue_22(settings_file):
    def field(value: str) -> str:
        result = calculators("roi", "--settings", str(settings_file), "--json",
                             json.dumps({"marketing_spend": value}, ensure_ascii=False))
        assert result.returncode == 2
        return json.loads(result.stdout)["errors"]["marketing_spend"]

    assert field("12 500 $").startswith("Ce champ est en\u00a0€\u202f: «\u202f$\u202f» (dollars) n’y est pas accepté\u202f: "
                                        "convertissez d’abord le montant en euros.")
    assert field("\u0661\u0662\u0663").startswith("Chiffre arabe-indien «\u202f١\u202f» (U+0661) à la position 1")
    assert field("12\u200b500") == "Caractère invisible U+200B (espace sans largeur) à la position 3\u202f: supprimez-le"
    # « 12’500 » reads exactly like « 12'500 » and « 12 500 » (whatever the defaults of the other fields).
    reads = [calculators("roi", "--settings", str(settings_file), "--json", json.dumps({"marketing_spend": typed}))
             for typed in ("12\u2019500", "12'500", "12 500")]
    assert [read.returncode for read in reads] == [0, 0, 0]
    assert json.loads(reads[0].stdout) == json.loads(reads[1].stdout) == json.loads(reads[2].stdout)
    assert "marketing_spend" not in json.loads(reads[0].stdout)["valeurs_par_defaut"]


def test_an_output_that_is_not_utf8_still_gets_json(settings_file):
    env = {**os.environ, "PYTHONIOENCODING": "ascii"}
    result = calculators("roi", "--settings", str(settings_file), "--json", '{"marketing_spend": "12 k€"}', env=env)
    assert result.returncode == 2 and result.stderr == b""
    assert json.loads(result.stdout)["errors"]["marketing_spend"].startswith("«\u202fk€\u202f» est une abréviation")


def test_the_help_examples_run_when_pasted_into_bash():
    result = calculators("--help")
    assert result.returncode == 0 and result.stderr == b""
    examples = [line.strip() for line in result.stdout.decode("utf-8").splitlines()
                if line.strip().startswith("python -m calculators ") and "NOM" not in line and "--json" in line]
    assert len(examples) == 3
    for example in examples:
        pasted = shlex.quote(sys.executable) + example.removeprefix("python")  # the project's Python for « python »
        run = subprocess.run(["bash", "-c", pasted], capture_output=True, cwd=REPO_ROOT, timeout=120)
        assert run.returncode == 0, (example, run.stdout, run.stderr)
        assert "display" in json.loads(run.stdout)
