"""Command line of the calculators.

    python -m calculators --list
    python -m calculators roi --json '{"marketing_spend": "10 000", "attributed_revenue": 50000}'

Prints the outputs as one JSON object: raw numbers (unrounded), ``display`` (French
strings), ``notes`` and ``statuses``, and ``valeurs_par_defaut``: the inputs left out of
``--json``, which took their example value. Every error is French JSON on standard output,
``{"errors": {"champ": "message"}}``, with exit status 2: an unreadable or invalid input, a
duplicate key, an unknown calculator or option, a missing settings file.

Settings (labels, defaults, thresholds) come from the frameworks YAML through the guide's
loader, or from a JSON export (``--settings FILE``, made by ``python -m guide export-json``)
where PyYAML is not loaded (the self-hosted Pyodide core: its distribution has PyYAML, we load no package).
"""

from __future__ import annotations

import json
import sys
from decimal import Decimal

from calculators.contract import CALCULATOR_NAMES, as_json, load_calculator, run
from common.typography import french_typography

USAGE = ("Utilisation : python -m calculators NOM --json '{\"champ\": valeur}' [--settings FICHIER], "
         "ou python -m calculators --list. Calculateurs : " + ", ".join(CALCULATOR_NAMES) + ".")


class UsageError(Exception):
    """A mistake in the command line: reported as French JSON, exit status 2."""

    def __init__(self, field: str, message: str):
        super().__init__(message)
        self.field = field
        self.message = message


def _no_duplicates(pairs: list) -> dict:
    keys = [key for key, _ in pairs]
    repeated = sorted({key for key in keys if keys.count(key) > 1})
    if repeated:
        raise UsageError("--json", "Champ donné deux fois : " + ", ".join(f"« {key} »" for key in repeated)
                         + ". Gardez une seule valeur par champ.")
    return dict(pairs)


def parse_inputs(text: str) -> dict:
    """The ``--json`` object, its numbers kept exact (Decimal), duplicate keys refused."""
    try:
        raw = json.loads(text, object_pairs_hook=_no_duplicates, parse_float=Decimal, parse_int=Decimal)
    except json.JSONDecodeError as exc:
        raise UsageError("--json", f"JSON illisible : {exc.msg} (colonne {exc.colno}). "
                         "Exemple : {\"marketing_spend\": \"10 000\"}") from None
    except (ValueError, RecursionError):
        raise UsageError("--json", "JSON illisible : un nombre ou une imbrication trop longs.") from None
    if not isinstance(raw, dict):
        raise UsageError("--json", "Donnez un objet JSON, par exemple {\"marketing_spend\": 10000}")
    return raw


def parse_arguments(argv: list[str]) -> dict:
    """Our own reading of the command line (argparse would answer in English)."""
    options = {"name": None, "inputs": "{}", "list": False, "settings": None}
    index = 0
    while index < len(argv):
        argument = argv[index]
        if argument in ("-h", "--help"):
            options["help"] = True
        elif argument == "--list":
            options["list"] = True
        elif argument in ("--json", "--settings") or argument.startswith(("--json=", "--settings=")):
            key = "inputs" if argument.startswith("--json") else "settings"
            if "=" in argument:
                options[key] = argument.split("=", 1)[1]
            elif index + 1 < len(argv):
                index += 1
                options[key] = argv[index]
            else:
                raise UsageError(argument, f"Il manque la valeur de {argument}. {USAGE}")
        elif argument.startswith("-"):
            raise UsageError(argument, f"Option inconnue « {argument} ». {USAGE}")
        elif options["name"] is None:
            if argument not in CALCULATOR_NAMES:
                raise UsageError("calculateur", f"Calculateur inconnu « {argument} » ; calculateurs possibles : "
                                 + ", ".join(CALCULATOR_NAMES) + ".")
            options["name"] = argument
        else:
            raise UsageError(argument, f"Argument en trop « {argument} ». {USAGE}")
        index += 1
    return options


def load_settings(path: str | None) -> dict:
    if path:
        try:
            with open(path, encoding="utf-8") as handle:
                return json.load(handle)
        except OSError:
            raise UsageError("--settings", f"Fichier de réglages introuvable ou illisible : « {path} ».") from None
        except ValueError:
            raise UsageError("--settings", f"Fichier de réglages illisible (JSON attendu) : « {path} ».") from None
    from guide.catalog import load_guide  # CPython with PyYAML: read the YAML itself

    return load_guide().frameworks


def _print_json(data: dict) -> None:
    print(json.dumps(data, ensure_ascii=False))


def main(argv: list[str] | None = None) -> int:
    try:
        options = parse_arguments(sys.argv[1:] if argv is None else argv)
        if options.get("help"):
            print(french_typography(f"{__doc__.strip().splitlines()[0]}\n{USAGE}"))
            return 0
        if not options["list"] and not options["name"]:
            raise UsageError("calculateur", f"Indiquez un calculateur ou --list. {USAGE}")
        raw = parse_inputs(options["inputs"])  # usage errors first, before reading any settings
        try:
            settings = load_settings(options["settings"])
        except UsageError:
            raise
        except Exception as exc:  # the guide's own French report for invalid content
            print(str(exc), file=sys.stderr)
            return 1
        if options["list"]:
            for name in CALCULATOR_NAMES:
                calculator = load_calculator(name, settings)
                inputs = ", ".join(spec.id for spec in calculator.inputs)
                outputs = ", ".join(spec.id for spec in calculator.outputs)
                print(french_typography(f"{name} : {calculator.title}\n  entrées : {inputs}\n  sorties : {outputs}"))
            return 0
        calculator = load_calculator(options["name"], settings)
    except UsageError as problem:
        _print_json({"errors": {problem.field: french_typography(problem.message)}})
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
