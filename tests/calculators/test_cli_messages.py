"""The command line answers in French only: json's English messages (« Expecting ',' delimiter ») are said
again in French with the line and column, bytes that are not UTF-8 are named, and the usage's example is a
command a reader can paste into a shell (straight quotes: typography is for the prose around it). Runs on
CPython and inside Pyodide (in process; tests/builds/test_calculators_cli.py runs the real command)."""

from __future__ import annotations

import contextlib
import io
import json
import re
import shlex

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from calculators.__main__ import _json_problem, help_text, main

# What json (or Python) would say in English: none of it may reach a reader.
ENGLISH = re.compile(r"Expecting|delimiter|Invalid|Unterminated|Extra data|Illegal|trailing|property name|"
                     r"enclosed|double quotes|escape|control character|\bline \d|\bcolumn\b|\bchar \d|BOM|"
                     r"Traceback|Error\b")
# The commands in a message: « python -m calculators … '…' », up to the closing straight apostrophe.
COMMAND = re.compile(r"python -m calculators [^']*'[^']*'")


def cli(capsys, *argv: str) -> tuple[int, dict]:
    code = main(list(argv))
    return code, json.loads(capsys.readouterr().out)


def json_error(capsys, text: str) -> str:
    code, data = cli(capsys, "roi", "--json", text)
    assert code == 2 and list(data["errors"]) == ["--json"]
    return data["errors"]["--json"]


EXAMPLE = (" Exemple\u202f: python -m calculators roi --json "
           """'{"marketing_spend": "12 500,50 €", "attributed_revenue": 50000}'""")


@pytest.mark.parametrize(("text", "message"), [
    ('{"a": 1,}', "JSON illisible, ligne 1, colonne 8\u202f: virgule en trop avant «\u202f}\u202f», retirez-la."),
    ('[1, 2,]', "JSON illisible, ligne 1, colonne 6\u202f: virgule en trop avant «\u202f]\u202f», retirez-la."),
    ("{bad", 'JSON illisible, ligne 1, colonne 2\u202f: nom de champ attendu entre guillemets droits doubles ("champ"), '
             "trouvé «\u202fb\u202f»."),
    ('{"a" 1}', "JSON illisible, ligne 1, colonne 6\u202f: deux-points «\u202f:\u202f» attendu après le nom du champ, "
                "trouvé «\u202f1\u202f»."),
    ('{\n"a": 1\n"b": 2}', "JSON illisible, ligne 3, colonne 1\u202f: virgule attendue entre deux champs, "
                           'ou «\u202f}\u202f» pour finir, trouvé «\u202f"\u202f».'),
    ('{"a": [1, 2}', "JSON illisible, ligne 1, colonne 12\u202f: virgule attendue entre deux éléments, "
                     "ou «\u202f]\u202f» pour finir, trouvé «\u202f}\u202f»."),
    ('{"marketing_spend": 12 500}', "JSON illisible, ligne 1, colonne 24\u202f: un nombre JSON s’écrit sans espace\u202f; "
                                    'écrivez-le entre guillemets droits doubles ("12 500").'),
    ('{"a": "x', "JSON illisible, ligne 1, colonne 7\u202f: ce guillemet ouvre un texte qui n’est jamais refermé\u202f; "
                 'ajoutez le guillemet droit double (") de fin.'),
    ('{"a": "x\ty"}', "JSON illisible, ligne 1, colonne 9\u202f: caractère de contrôle U+0009 (tabulation) dans un texte "
                      "entre guillemets, supprimez-le."),
    ('{"a": "\\q"}', "JSON illisible, ligne 1, colonne 8\u202f: barre oblique inverse suivie de «\u202fq\u202f»\u202f; "
                     "pour écrire la barre elle-même en JSON, doublez-la (\\\\)."),
    ('{"a": "\\u12"}', "JSON illisible, ligne 1, colonne 9\u202f: échappement \\u incomplet, il faut quatre chiffres "
                       "hexadécimaux (\\u00e9)."),
    ("\ufeff{}", "JSON illisible, ligne 1, colonne 1\u202f: caractère invisible U+FEFF (indicateur d’ordre des octets) "
                 "au début du texte, supprimez-le."),
    ('{"a": 1}}', "JSON illisible, ligne 1, colonne 9\u202f: texte en trop après la fin de l’objet JSON, "
                  "à partir de «\u202f}\u202f»."),
    ("{", "JSON illisible, ligne 1, colonne 2\u202f: le texte s’arrête avant la fin de l’objet, il manque «\u202f}\u202f»."),
    ('{"a":', "JSON illisible, ligne 1, colonne 6\u202f: le texte s’arrête là où une valeur est attendue."),
    ('{"a": 1', "JSON illisible, ligne 1, colonne 8\u202f: le texte s’arrête avant la fin, il manque «\u202f}\u202f»."),
    ('{"a": }', "JSON illisible, ligne 1, colonne 7\u202f: valeur manquante avant «\u202f}\u202f»."),
    ("{'a': 1}", "JSON illisible, ligne 1, colonne 2\u202f: apostrophe «\u202f'\u202f»\u202f; en JSON, noms et textes "
                 's’écrivent entre guillemets droits doubles ("champ").'),
    ("{\u201ca\u201d: 1}", "JSON illisible, ligne 1, colonne 2\u202f: guillemet typographique «\u202f\u201c\u202f»\u202f; "
                           'en JSON, noms et textes s’écrivent entre guillemets droits doubles ("champ").'),
    ('{"a": abc}', "JSON illisible, ligne 1, colonne 7\u202f: valeur attendue, trouvé «\u202fa\u202f»\u202f; un texte "
                   's’écrit entre guillemets droits doubles ("texte"), un nombre en chiffres, ou true, false, null.'),
    ('{"a":\u00a01}', "JSON illisible, ligne 1, colonne 6\u202f: espace insécable U+00A0 entre deux éléments du JSON, "
                      "remplacez-la par une espace ordinaire."),
    ('{"a": 1\u200b}', "JSON illisible, ligne 1, colonne 8\u202f: caractère invisible U+200B (espace sans largeur), "
                       "supprimez-le."),
    ('{"a": \u0661\u0662}', "JSON illisible, ligne 1, colonne 7\u202f: chiffre arabe-indien «\u202f\u0661\u202f» (U+0661), "
                            "tapez les chiffres de 0 à 9."),
    ("{marketing_spend: 10}", "JSON illisible, ligne 1, colonne 2\u202f: nom de champ attendu entre guillemets droits "
                              'doubles ("champ"), trouvé «\u202fm\u202f». Le shell a peut-être retiré les guillemets\u202f: '
                              "entourez le JSON d’apostrophes droites, comme dans l’exemple."),
    ("", "L’argument --json est vide\u202f: donnez un objet JSON."),
])
def test_each_json_message_is_said_in_french_with_line_and_column(capsys, text, message):
    assert json_error(capsys, text) == message + EXAMPLE


def test_json_that_is_not_an_object_is_asked_for_one(capsys):
    assert json_error(capsys, "[1]") == 'Donnez un objet JSON, par exemple {"marketing_spend": 10000}'


def test_bytes_that_are_not_utf8_are_named(capsys):
    text = b'{"a\xff": 1}'.decode("utf-8", "surrogateescape")  # what Python puts in sys.argv for these bytes
    assert json_error(capsys, text) == ("L’argument --json n’est pas du texte UTF-8\u202f: octet 0xFF à la position 4. "
                                        "Vérifiez l’encodage du terminal ou du script." + EXAMPLE)


# Texts close to JSON, so that json fails in every way it can: each of its messages must have a French one.
NEAR_JSON = st.text(alphabet='{}[]:," \\\n\tabentrul0123456789.-+eE\u00a0\u200b\ufeff\'\u201c', max_size=14)


@given(NEAR_JSON)
def test_every_message_json_gives_has_a_french_one(text):
    try:
        json.loads(text)
    except json.JSONDecodeError as error:
        said = "".join(_json_problem(error))
        assert "ce n'est pas du JSON valide" not in said, (error.msg, said)
        assert not ENGLISH.search(said), said
    except (ValueError, RecursionError):
        pass


@given(st.one_of(NEAR_JSON, st.text(max_size=30),
                 st.binary(max_size=30).map(lambda raw: raw.decode("utf-8", "surrogateescape"))))
def test_any_json_argument_is_read_or_refused_in_french(text):
    """Whatever --json holds (random text, random bytes as the shell hands them over): exit 2 and French JSON,
    never a traceback nor an English word, unless it is an object the calculator could read."""
    try:
        assume(not isinstance(json.loads(text), dict))
    except ValueError:
        pass
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):
        code = main(["roi", "--json", text])
    data = json.loads(printed.getvalue())
    assert code == 2 and list(data) == ["errors"]
    for message in data["errors"].values():
        assert not ENGLISH.search(message), message


def test_the_help_is_french_and_its_examples_paste_into_a_shell(capsys, settings_file):
    assert main(["--help"]) == 0
    printed = capsys.readouterr().out
    assert printed == help_text() + "\n" and not ENGLISH.search(printed)
    commands = [line.strip() for line in printed.splitlines() if line.strip().startswith("python -m calculators")]
    examples = [command for command in commands if "NOM" not in command and "--list" not in command]
    assert len(examples) == 3
    for command in commands:
        assert not re.search("[\u2019\u00ab\u00bb\u202f\u00a0]", command), command  # typography stays in the prose
    for example in examples:
        argv = shlex.split(example)[3:]  # what a shell hands to « python -m calculators »
        assert main([*argv, "--settings", settings_file]) == 0, example
        capsys.readouterr()


@pytest.mark.parametrize("argv", [["roi", "--bizarre"], ["roi", "--json"], [], ["roi", "--json", "{bad"],
                                  ["diagnostic", "--json", "{bad"], ["roi", "en", "trop"]])
def test_the_example_in_an_error_pastes_into_a_shell(capsys, settings_file, argv):
    message = cli(capsys, *argv)[1]["errors"].popitem()[1]
    example = message.rsplit("Exemple\u202f: ", 1)[1]
    assert COMMAND.fullmatch(example), example
    name = argv[0] if argv and argv[0] != "roi" else "roi"
    assert shlex.split(example)[3] == name
    assert main([*shlex.split(example)[3:], "--settings", settings_file]) == 0
    capsys.readouterr()


@pytest.mark.parametrize(("argv", "field", "message"), [
    (["rio"], "calculateur", "Calculateur inconnu «\u202frio\u202f»\u202f; vouliez-vous dire «\u202froi\u202f»\u202f?"),
    (["roi", "--jsno", "{}"], "--jsno", "Option inconnue «\u202f--jsno\u202f»\u202f; vouliez-vous dire «\u202f--json\u202f»\u202f?"),
    (["roi", "--json", "{}", "--json", '{"marketing_spend": 1}'], "--json", "--json est donné deux fois\u202f: gardez-en un seul."),
    (["roi", "--json", "{marketing_spend:", "10}"], "10}", "Argument en trop «\u202f10}\u202f». S’il s’agit de la suite "
     "du JSON, entourez-le d’apostrophes droites (') pour qu’il reste un seul argument."),
    ([b"r\xffoi".decode("utf-8", "surrogateescape")], "calculateur",
     "Calculateur inconnu «\u202fr\\xffoi\u202f»\u202f; vouliez-vous dire «\u202froi\u202f»\u202f?"),
    ([b"\xfe\xff".decode("utf-8", "surrogateescape")], "calculateur",
     "Calculateur inconnu «\u202f\\xfe\\xff\u202f»\u202f; calculateurs possibles\u202f: roi, internalisation, diagnostic."),
])
def test_command_line_mistakes_are_named(capsys, argv, field, message):
    code, data = cli(capsys, *argv)
    assert code == 2 and data["errors"][field].startswith(message)


def test_the_list_keeps_one_line_per_kind(capsys, settings_file):
    assert main(["--list", "--settings", settings_file]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "roi\u202f: ROI marketing" and lines[1].startswith("  entrées\u202f: marketing_spend, ")
    assert lines[2].startswith("  sorties\u202f: romi, ")
