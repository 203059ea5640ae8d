"""Command line of the calculators.

    python -m calculators --list
    python -m calculators roi --json '{"marketing_spend": "10 000", "attributed_revenue": 50000}'

Prints the outputs as one JSON object: raw numbers (unrounded), ``display`` (French
strings), ``notes`` and ``statuses``. Inputs not given take their default value. On
invalid input: exit status 2 and ``{"errors": {"input_id": "message en français"}}``.

Settings (labels, defaults, thresholds) come from the frameworks YAML through the guide's
loader, or from a JSON export (``--settings FILE``, made by ``python -m guide export-json``)
where PyYAML is not available.
"""

from __future__ import annotations

import argparse
import json
import sys

from calculators.contract import CALCULATOR_NAMES, as_json, load_calculator, run


def load_settings(path: str | None) -> dict:
    if path:
        with open(path, encoding="utf-8") as handle:
            return json.load(handle)
    from guide.catalog import load_guide  # CPython with PyYAML: read the YAML itself

    return load_guide().frameworks


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m calculators", description="Calculateurs du guide.")
    parser.add_argument("name", nargs="?", choices=CALCULATOR_NAMES, help="calculateur à lancer")
    parser.add_argument("--json", dest="inputs", default="{}", help="valeurs d'entrée, objet JSON")
    parser.add_argument("--list", action="store_true", help="lister les calculateurs")
    parser.add_argument("--settings", help="réglages exportés en JSON (sinon lus dans frameworks/*.yml)")
    args = parser.parse_args(argv)

    try:
        settings = load_settings(args.settings)
    except Exception as exc:  # the guide's own French report for invalid content
        print(str(exc), file=sys.stderr)
        return 1

    if args.list:
        for name in CALCULATOR_NAMES:
            calculator = load_calculator(name, settings)
            inputs = ", ".join(spec.id for spec in calculator.inputs)
            outputs = ", ".join(spec.id for spec in calculator.outputs)
            print(f"{name} : {calculator.title}\n  entrées : {inputs}\n  sorties : {outputs}")
        return 0
    if not args.name:
        parser.error("indiquez un calculateur ou --list")

    calculator = load_calculator(args.name, settings)
    try:
        raw = json.loads(args.inputs)
    except json.JSONDecodeError as exc:
        print(json.dumps({"errors": {"--json": f"JSON illisible : {exc.msg} (colonne {exc.colno})"}}, ensure_ascii=False))
        return 2
    if not isinstance(raw, dict):
        print(json.dumps({"errors": {"--json": "Donnez un objet JSON, par exemple {\"marketing_spend\": 10000}"}}, ensure_ascii=False))
        return 2
    result = run(calculator, raw)
    print(json.dumps(as_json(calculator, result), ensure_ascii=False))
    return 2 if result.errors else 0


if __name__ == "__main__":
    sys.exit(main())
