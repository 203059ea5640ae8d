"""Command line of the calculators.

    python -m calculators --list
    python -m calculators roi --json '{"marketing_spend": "10 000", "attributed_revenue": 50000}'

Prints the outputs as one JSON object: raw numbers (unrounded), ``display`` (French
strings), ``notes`` and ``statuses``, and ``valeurs_par_defaut``: the inputs left out of
``--json``, which took their example value. Every error is French JSON on standard output,
``{"errors": {"champ": "message"}}``, with exit status 2: an unreadable or invalid input, a
duplicate key, an unknown calculator or option (the closest one suggested), an option given twice, a
missing settings file. ``--help`` answers in French too. Messages are French prose around commands and
JSON kept verbatim (``Verbatim``): every example they give can be pasted into a shell as it is.

Settings (labels, defaults, thresholds) come from the frameworks YAML through the guide's
loader, or from a JSON export (``--settings FILE``, made by ``python -m guide export-json``)
where PyYAML is not loaded (the self-hosted Pyodide core: its distribution has PyYAML, we load no package).
"""

from __future__ import annotations

import json
import re
import sys
from decimal import Decimal

from calculators.contract import CALCULATOR_NAMES, as_json, load_calculator, run
from common.numbers import character_kind, describe_character
from common.suggestions import did_you_mean
from common.typography import french_typography, print_console

# One example per calculator, as a reader would type it (the README's; a test runs each).
EXAMPLES = {
    "roi": '{"marketing_spend": "12 500,50 €", "attributed_revenue": 50000}',
    "internalisation": '{"day_rate": 1000, "days_per_week": 2, "gross_salary": 100000, "employer_charges_pct": 43}',
    "diagnostic": '{"employees": 25, "signals": "messages-incoherents", "ambition": "ciblee", "resources": "limitees"}',
}


class Verbatim(str):
    """A command, JSON or a typed character, shown exactly: French typography is for the prose around it (a curly
    apostrophe or a narrow no-break space in a command would break it once pasted into a shell)."""


def french(*parts: str) -> str:
    """The prose parts typeset the French way, the ``Verbatim`` ones left as they are."""
    return "".join(part if isinstance(part, Verbatim) else french_typography(part) for part in parts)


def command(name: str) -> Verbatim:
    """The example command of calculator ``name``, to paste into a shell (straight quotes)."""
    return Verbatim(f"python -m calculators {name} --json '{EXAMPLES[name]}'")


OPTIONS = ("--json", "--settings", "--list", "--help")
SYNOPSIS = Verbatim("""python -m calculators NOM --json '{"champ": "valeur"}'""")


def usage(name: str | None = None) -> tuple[str, ...]:
    """The usage in one sentence, ending with an example command (no punctuation after it: it is pasted whole)."""
    return ("Utilisation : ", SYNOPSIS, " (NOM : " + ", ".join(CALCULATOR_NAMES)
            + " ; --list donne les champs de chacun). Exemple : ", command(name or CALCULATOR_NAMES[0]))


def help_text() -> str:
    """What ``--help`` prints: French prose, and commands a reader can paste as they are."""
    indent = Verbatim("  ")
    lines = [
        ("Calculateurs du guide, en ligne de commande : le résultat est un objet JSON sur la sortie standard.",),
        ("",),
        ("Utilisation :",),
        (indent, SYNOPSIS, Verbatim(" [--settings FICHIER]")),
        (indent, Verbatim("python -m calculators --list")),
        ("NOM : " + ", ".join(CALCULATOR_NAMES) + " ; --list donne les champs de chacun. Sans --settings, les réglages "
         "viennent des fichiers YAML du guide (sinon, d'un export de python -m guide export-json).",),
        ("Une erreur donne ", Verbatim('{"errors": {"champ": "message"}}'), " et le code de sortie 2.",),
        ("",),
        ("Exemples, à coller dans un terminal :",),
        *((indent, command(name)) for name in CALCULATOR_NAMES),
    ]
    return "\n".join(french(*line) for line in lines)


class UsageError(Exception):
    """A mistake in the command line: reported as French JSON, exit status 2. ``parts`` are prose, typeset the
    French way, and ``Verbatim`` commands or JSON, shown as they are."""

    def __init__(self, field: str, *parts: str):
        self.field = field
        self.message = french(*parts)
        super().__init__(self.message)


def shown(text: str, limit: int = 60) -> Verbatim:
    """An argument as typed, to quote in a message: bytes that are not UTF-8 as ``\\xff``, a long one cut."""
    try:
        readable = text.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    except UnicodeEncodeError:  # a lone surrogate that no byte gave (only from Python itself)
        readable = text.encode("utf-8", "backslashreplace").decode("utf-8")
    return Verbatim(readable if len(readable) <= limit else readable[:limit] + "…")


def _no_duplicates(pairs: list) -> dict:
    keys = [key for key, _ in pairs]
    repeated = sorted({key for key in keys if keys.count(key) > 1})
    if repeated:
        raise UsageError("--json", "Champ donné deux fois : " + ", ".join(f"« {key} »" for key in repeated)
                         + ". Gardez une seule valeur par champ.")
    return dict(pairs)


def _line_and_column(text: str, position: int) -> str:
    line = text.count("\n", 0, position) + 1
    column = position - text.rfind("\n", 0, position)
    return f"ligne {line}, colonne {column}"


def _container(text: str, position: int) -> str:
    """``{`` or ``[``: the object or list still open at ``position`` (strings skipped), ``""`` at the top level."""
    opened: list[str] = []
    in_string = escaped = False
    for char in text[:position]:
        if in_string:
            in_string = escaped or char != '"'
            escaped = not escaped and char == "\\"
        elif char == '"':
            in_string = True
        elif char in "{[":
            opened.append(char)
        elif char in "}]" and opened:
            opened.pop()
    return opened[-1] if opened else ""


QUOTES = {"'": "apostrophe", "\u2018": "apostrophe typographique", "\u2019": "apostrophe typographique",
          "\u201c": "guillemet typographique", "\u201d": "guillemet typographique", "\u201e": "guillemet typographique",
          "\u00ab": "guillemet français", "\u00bb": "guillemet français"}


# Spaces a number may hold (common.numbers) but JSON may not, between its tokens.
SPACES = {"\u00a0": "espace insécable U+00A0", "\u202f": "espace fine insécable U+202F", "\u2009": "espace fine U+2009",
          "\u2007": "espace tabulaire U+2007"}


def _found(char: str) -> tuple[str, ...]:
    """What stands at the error's position, in French: « x », an invisible character by name, the end of the text."""
    if not char:
        return ("la fin du texte",)
    if character_kind(char) or char in SPACES:
        return (SPACES.get(char) or describe_character(char),)
    return ("« ", Verbatim(char), " »")


def _json_problem(error: json.JSONDecodeError) -> tuple[str, ...]:
    """``json``'s English message (« Expecting ',' delimiter ») said in French, with what was found and where."""
    text, position, message = error.doc, error.pos, error.msg
    char = text[position] if position < len(text) else ""
    before = text[:position].rstrip()
    closing = {"{": "}", "[": "]"}.get(_container(text, position), "")
    where = _line_and_column(text, position)
    if message.startswith("Illegal trailing comma") or (
            char in ("}", "]") and before.endswith(",") and message.startswith(("Expecting property", "Expecting value"))):
        comma = position if message.startswith("Illegal") else len(before) - 1  # Python 3.13 points at the comma
        end = text[comma + 1:].lstrip()[:1]
        return (f"{_line_and_column(text, comma)} : virgule en trop avant « ", Verbatim(end), " », retirez-la",)
    if message.startswith("Unexpected UTF-8 BOM"):
        return (f"{where} : {describe_character(chr(0xFEFF))} au début du texte, supprimez-le",)
    if message.startswith("Unterminated string"):
        return (f"{where} : ce guillemet ouvre un texte qui n'est jamais refermé ; ajoutez le guillemet droit double (",
                Verbatim('"'), ") de fin",)
    if message.startswith("Invalid control character"):
        return (f"{where} : {describe_character(char) if char else 'caractère de contrôle'} dans un texte entre "
                "guillemets, supprimez-le",)
    if message.startswith("Invalid \\uXXXX"):
        return (f"{where} : échappement ", Verbatim("\\u"), " incomplet, il faut quatre chiffres hexadécimaux (",
                Verbatim("\\u00e9"), ")",)
    if message.startswith("Invalid \\escape"):
        backslash = position if char == "\\" else position - 1
        escaped = text[backslash + 1:backslash + 2]
        return (f"{_line_and_column(text, backslash)} : barre oblique inverse suivie de ", *_found(escaped),
                " ; pour écrire la barre elle-même en JSON, doublez-la (", Verbatim("\\\\"), ")",)
    if char in QUOTES:
        return (f"{where} : {QUOTES[char]} « ", Verbatim(char), " » ; en JSON, noms et textes s'écrivent entre "
                "guillemets droits doubles (", Verbatim('"champ"'), ")",)
    if char in SPACES:
        return (f"{where} : {SPACES[char]} entre deux éléments du JSON, remplacez-la par une espace ordinaire",)
    if character_kind(char):
        remedy = "tapez les chiffres de 0 à 9" if character_kind(char) == "chiffre" else "supprimez-le"
        return (f"{where} : {describe_character(char)}, {remedy}",)
    if message.startswith("Expecting value"):
        if not char:
            return (f"{where} : le texte s'arrête là où une valeur est attendue",)
        if char in ",}]":
            return (f"{where} : valeur manquante avant « ", Verbatim(char), " »",)
        if char.isalpha():
            return (f"{where} : valeur attendue, trouvé « ", Verbatim(char), " » ; un texte s'écrit entre guillemets "
                    "droits doubles (", Verbatim('"texte"'), "), un nombre en chiffres, ou true, false, null",)
        return (f"{where} : valeur attendue (un nombre, un texte entre guillemets droits doubles, true, false ou "
                "null), trouvé ", *_found(char),)
    if message.startswith("Expecting property name"):
        if not char:
            return (f"{where} : le texte s'arrête avant la fin de l'objet, il manque « ", Verbatim("}"), " »",)
        return (f"{where} : nom de champ attendu entre guillemets droits doubles (", Verbatim('"champ"'),
                "), trouvé ", *_found(char),)
    if message.startswith("Expecting ':'"):
        if not char:
            return (f"{where} : le texte s'arrête après un nom de champ, il manque « : » et la valeur",)
        return (f"{where} : deux-points « : » attendu après le nom du champ, trouvé ", *_found(char),)
    if message.startswith("Expecting ','"):
        number = re.search(r"[0-9][0-9 ]* $", text[:position])
        if number and char.isdigit():  # « 12 500 » typed as a JSON number
            rest = re.match(r"[0-9 ]*[0-9]", text[position:])
            whole = number.group() + (rest.group() if rest else "")
            return (f"{where} : un nombre JSON s'écrit sans espace ; écrivez-le entre guillemets droits doubles (",
                    Verbatim(f'"{whole}"'), ")",)
        if not char:
            return (f"{where} : le texte s'arrête avant la fin, il manque « ", Verbatim(closing or "}"), " »",)
        between = "deux champs" if closing == "}" else "deux éléments"
        return (f"{where} : virgule attendue entre {between}, ou « ", Verbatim(closing or "}"), " » pour finir, trouvé ",
                *_found(char),)
    if message.startswith("Extra data"):
        return (f"{where} : texte en trop après la fin de l'objet JSON, à partir de ", *_found(char),)
    return (f"{where} : ce n'est pas du JSON valide",)


def parse_inputs(text: str, name: str | None = None) -> dict:
    """The ``--json`` object, its numbers kept exact (Decimal), duplicate keys refused. Every refusal is French:
    json's own messages are English, so each is said again, with the line and column and what stands there."""
    example = (" Exemple : ", command(name or CALCULATOR_NAMES[0]))
    undecodable = re.search("[\udc80-\udcff]", text)  # bytes that are not UTF-8, as Python keeps them in argv
    if undecodable:
        byte = ord(undecodable.group()) - 0xDC00
        raise UsageError("--json", f"L'argument --json n'est pas du texte UTF-8 : octet 0x{byte:02X} à la position "
                         f"{undecodable.start() + 1}. Vérifiez l'encodage du terminal ou du script.", *example)
    if not text.strip():
        raise UsageError("--json", "L'argument --json est vide : donnez un objet JSON.", *example)
    try:
        raw = json.loads(text, object_pairs_hook=_no_duplicates, parse_float=Decimal, parse_int=Decimal)
    except json.JSONDecodeError as error:
        shell = (" Le shell a peut-être retiré les guillemets : entourez le JSON d'apostrophes droites, comme dans "
                 "l'exemple.") if re.match(r"\s*\{\s*\w+\s*:", text) else ""
        raise UsageError("--json", "JSON illisible, ", *_json_problem(error), ".", shell, *example) from None
    except (ValueError, RecursionError):
        raise UsageError("--json", "JSON illisible : un nombre ou une imbrication trop longs.", *example) from None
    if not isinstance(raw, dict):
        raise UsageError("--json", "Donnez un objet JSON, par exemple ", Verbatim('{"marketing_spend": 10000}'))
    return raw


def _sentence_end(suggestion: str) -> str:
    """« ; vouliez-vous dire « roi » ? » ends a sentence already; a list of what is possible needs its full stop."""
    return suggestion if suggestion.endswith("?") else suggestion + "."


def parse_arguments(argv: list[str]) -> dict:
    """Our own reading of the command line (argparse would answer in English)."""
    options: dict = {"name": None, "inputs": "{}", "list": False, "settings": None}
    given: set[str] = set()
    index = 0
    while index < len(argv):
        argument = argv[index]
        if argument in ("-h", "--help"):
            options["help"] = True
        elif argument == "--list":
            options["list"] = True
        elif argument in ("--json", "--settings") or argument.startswith(("--json=", "--settings=")):
            option = argument.split("=", 1)[0]
            key = "inputs" if option == "--json" else "settings"
            if option in given:
                raise UsageError(option, f"{option} est donné deux fois : gardez-en un seul. ", *usage(options["name"]))
            given.add(option)
            if "=" in argument:
                options[key] = argument.split("=", 1)[1]
            elif index + 1 < len(argv):
                index += 1
                options[key] = argv[index]
            else:
                raise UsageError(argument, f"Il manque la valeur de {argument}. ", *usage(options["name"]))
        elif argument.startswith("-"):
            raise UsageError(shown(argument), "Option inconnue « ", shown(argument), " »",
                             _sentence_end(did_you_mean(argument, OPTIONS, "options possibles")), " ", *usage(options["name"]))
        elif options["name"] is None:
            if argument not in CALCULATOR_NAMES:
                raise UsageError("calculateur", "Calculateur inconnu « ", shown(argument), " »",
                                 _sentence_end(did_you_mean(argument, CALCULATOR_NAMES, "calculateurs possibles")))
            options["name"] = argument
        else:
            split = (" S'il s'agit de la suite du JSON, entourez-le d'apostrophes droites (", Verbatim("'"),
                     ") pour qu'il reste un seul argument.") if "--json" in given and re.search(r'[{}":,]', argument) else ()
            raise UsageError(shown(argument), "Argument en trop « ", shown(argument), " ».", *split, " ",
                             *usage(options["name"]))
        index += 1
    return options


def load_settings(path: str | None) -> dict:
    if path:
        try:
            with open(path, encoding="utf-8") as handle:
                return json.load(handle)
        except OSError:
            raise UsageError("--settings", "Fichier de réglages introuvable ou illisible : « ", shown(path, 200),
                             " ».") from None
        except ValueError:
            raise UsageError("--settings", "Fichier de réglages illisible (JSON attendu) : « ", shown(path, 200),
                             " ».") from None
    from guide.catalog import load_guide  # CPython with PyYAML: read the YAML itself

    return load_guide().frameworks


def _print_json(data: dict) -> None:
    try:
        print(json.dumps(data, ensure_ascii=False))
    except UnicodeEncodeError:  # an output that is not UTF-8, or a lone surrogate typed in a value: the same JSON, escaped
        print(json.dumps(data))


def main(argv: list[str] | None = None) -> int:
    try:
        options = parse_arguments(sys.argv[1:] if argv is None else argv)
        if options.get("help"):
            print(help_text())
            return 0
        if not options["list"] and not options["name"]:
            raise UsageError("calculateur", "Indiquez un calculateur ou --list. ", *usage())
        raw = parse_inputs(options["inputs"], options["name"])  # usage errors first, before reading any settings
        try:
            settings = load_settings(options["settings"])
        except UsageError:
            raise
        except Exception as exc:  # the guide's own French report for invalid content, its YAML quoted as it is
            print_console(exc, file=sys.stderr)
            return 1
        if options["list"]:
            for name in CALCULATOR_NAMES:
                calculator = load_calculator(name, settings)
                inputs = ", ".join(spec.id for spec in calculator.inputs)
                outputs = ", ".join(spec.id for spec in calculator.outputs)
                print("\n".join(french(*line) for line in ((f"{name} : {calculator.title}",),
                                                              (Verbatim("  "), f"entrées : {inputs}"),
                                                              (Verbatim("  "), f"sorties : {outputs}"))))
            return 0
        calculator = load_calculator(options["name"], settings)
    except UsageError as problem:
        _print_json({"errors": {problem.field: problem.message}})
        return 2
    result = run(calculator, raw)
    data = as_json(calculator, result)
    if result.ok:
        data["valeurs_par_defaut"] = {spec.id: spec.display(spec.default) for spec in calculator.inputs
                                      if spec.id not in raw}
    _print_json(data)
    return 2 if result.errors else 0


if __name__ == "__main__":
    sys.exit(main())
