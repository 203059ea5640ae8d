"""Command line of the guide's core.

    python -m guide check            vérifie tous les cadres (code de sortie 1 en cas d'erreur)
    python -m guide check --github   ajoute des annotations GitHub Actions (::error file=...)
    python -m guide check --seeds D  compare les citations de seuils.yml aux textes des sources du dossier D (par
                                     défaut guide.source_text.SEEDS_DIR, à côté du projet ; absent : un avertissement)
    python -m guide format [FICHIERS]  réécrit les caractères invisibles que la vérification signale (fins de ligne
                                     Windows, BOM, espaces insécables dans l'indentation), et rien d'autre
    python -m guide export-json OUT  écrit tous les cadres en JSON (réglages des calculateurs)
    python -m guide render-docs OUT  écrit l'arborescence complète du site avant construction (pages Markdown avec
                                     leurs métadonnées, ressources, configuration avec la navigation) pour un autre
                                     moteur que MkDocs (Zensical)
    python -m guide finish-site SITE fait au site qu'un autre moteur a construit depuis cette arborescence ce que les
                                     hooks font après une construction MkDocs (calculateurs, recherche, redirections,
                                     CSP, _headers, passes sur le HTML)
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

from common.typography import print_console
from guide.argparse_fr import FrenchParser, french
from guide.catalog import FRAMEWORKS_DIR_NAME, REPO_ROOT, load_guide
from guide.content_check import WARNING_SUFFIX, run_check
from guide.errors import ContentErrors
from guide.source_text import SEEDS_DIR
from guide.yaml_source import normalised


def check(root: Path, github: bool, seeds_dir: Path = SEEDS_DIR) -> int:
    result = run_check(root, seeds_dir)
    if result.errors:
        print_console(ContentErrors(result.errors).report(), file=sys.stderr)
        if github:
            for error in result.errors:
                print_console(error.as_github_annotation())  # its ::error file=…:: part left as it is
        return 1
    for warning in result.warnings:
        print_console(f"{warning}{WARNING_SUFFIX}")
        if github:
            print_console(warning.as_github_annotation().replace("::error ", "::warning ", 1))
    print_console(f"Contenu valide : {result.checked} fichiers de frameworks/ vérifiés, aucune erreur.")
    return 0


def format_files(root: Path, files: list[Path]) -> int:
    """Rewrite, in each file (every frameworks/*.yml by default), only the bytes ``normalised`` changes."""
    paths = files or sorted((root / FRAMEWORKS_DIR_NAME).glob("*.yml"))
    failed = 0
    for path in paths:
        shown = _shown(path, root)
        try:
            original = path.read_bytes()
            text = original.decode("utf-8")
        except FileNotFoundError:
            print_console(f"{shown} : fichier introuvable", file=sys.stderr)
            failed += 1
            continue
        except UnicodeDecodeError:
            print_console(f"{shown} : le fichier n'est pas en UTF-8 ; enregistrez-le en « UTF-8 » puis relancez la commande",
                  file=sys.stderr)
            failed += 1
            continue
        new, changes = normalised(text)
        if changes:
            path.write_bytes(new.encode("utf-8"))
            print_console(f"{shown} : " + " ; ".join(changes) + ".")
    if not failed:
        print_console(f"{len(paths)} fichier{'s' if len(paths) > 1 else ''} vérifié{'s' if len(paths) > 1 else ''}.")
    return 1 if failed else 0


def _shown(path: Path, root: Path) -> str:
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return str(path)


def export_json(root: Path, output: Path) -> int:
    """Every framework as JSON, for the calculators where PyYAML is not loaded (the Pyodide core we self-host)."""
    try:
        guide = load_guide(root)
    except ContentErrors as errors:
        print_console(errors.report(), file=sys.stderr)
        return 1
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(json.dumps(guide.frameworks, ensure_ascii=False), encoding="utf-8")
    return 0


def render_docs_command(root: Path, output: Path) -> int:
    from guide.engine_tree import SiteSettings, render_docs

    try:
        guide = load_guide(root)
    except ContentErrors as errors:
        print_console(errors.report(), file=sys.stderr)
        return 1
    pages = render_docs(SiteSettings.from_config(root / "mkdocs.yml"), output, guide)
    print_console(f"{len(pages)} pages écrites dans {output / 'docs'}, configuration dans {output / 'mkdocs.yml'}.")
    return 0


def finish_site_command(root: Path, site: Path, theme_dirs: list[Path]) -> int:
    from guide.admin import MissingAdmin
    from guide.browser_assets import MissingRuntime
    from guide.csp import UnknownInlineCode
    from guide.engine_tree import SiteSettings, finish_built_site

    if not (site / "index.html").exists():
        print_console(f"{site} : pas de index.html ; construisez d'abord le site (par exemple : zensical build)", file=sys.stderr)
        return 1
    try:
        finish_built_site(SiteSettings.from_config(root / "mkdocs.yml"), site, theme_dirs)
    except ContentErrors as errors:
        print_console(errors.report(), file=sys.stderr)
        return 1
    except UnknownInlineCode as unknown:
        print_console(unknown.report(), file=sys.stderr)
        return 1
    except (MissingRuntime, MissingAdmin) as missing:
        print_console(missing, file=sys.stderr)
        return 1
    print_console(f"Site terminé dans {site}.")
    return 0


def main(argv: list[str] | None = None) -> int:
    with french():  # argparse's own messages (usage, headings, errors) in French too
        args = read_command_line(argv)
    return run_command(args)


def read_command_line(argv: list[str] | None) -> argparse.Namespace:
    parser = FrenchParser(prog="python -m guide", description="Outils du guide.")
    commands = parser.add_subparsers(dest="command", required=True, title="commandes", metavar="COMMANDE")
    check_parser = commands.add_parser("check", help="vérifier les fichiers YAML des cadres")
    check_parser.add_argument("--root", type=Path, default=REPO_ROOT, metavar="DOSSIER",
                              help="dossier du projet (par défaut : celui-ci)")
    check_parser.add_argument(
        "--github",
        action="store_true",
        default=os.environ.get("GITHUB_ACTIONS") == "true",
        help="écrire aussi les erreurs comme annotations GitHub Actions",
    )
    format_parser = commands.add_parser(
        "format", help="réécrire les fins de ligne Windows, le BOM et les espaces insécables de l'indentation")
    format_parser.add_argument("files", nargs="*", type=Path, metavar="FICHIER",
                               help="fichiers à réécrire (par défaut : tous les frameworks/*.yml)")
    format_parser.add_argument("--root", type=Path, default=REPO_ROOT, metavar="DOSSIER",
                               help="dossier du projet (par défaut : celui-ci)")
    check_parser.add_argument("--seeds", type=Path, default=SEEDS_DIR, metavar="DOSSIER",
                              help="dossier des textes des sources (par défaut : shared/seeds à côté du projet)")
    export_parser = commands.add_parser("export-json", help="écrire tous les cadres en JSON (pour les calculateurs)")
    export_parser.add_argument("output", type=Path, metavar="FICHIER", help="fichier JSON à écrire")
    export_parser.add_argument("--root", type=Path, default=REPO_ROOT, metavar="DOSSIER",
                               help="dossier du projet (par défaut : celui-ci)")
    render_parser = commands.add_parser("render-docs", help="écrire l'arborescence du site pour un autre moteur")
    render_parser.add_argument("output", type=Path, metavar="DOSSIER", help="dossier où écrire les pages et mkdocs.yml")
    render_parser.add_argument("--root", type=Path, default=REPO_ROOT, metavar="DOSSIER",
                               help="dossier du projet (par défaut : celui-ci)")
    finish_parser = commands.add_parser("finish-site", help="terminer un site construit par un autre moteur")
    finish_parser.add_argument("site", type=Path, metavar="SITE", help="dossier du site construit")
    finish_parser.add_argument("--root", type=Path, default=REPO_ROOT, metavar="DOSSIER",
                               help="dossier du projet (par défaut : celui-ci)")
    finish_parser.add_argument("--theme-dir", type=Path, action="append", default=[], dest="theme_dirs", metavar="DOSSIER",
                               help="dossier de gabarits du thème (ses scripts en ligne sont autorisés par la CSP)")
    return parser.parse_args(argv)


def run_command(args: argparse.Namespace) -> int:
    if args.command == "render-docs":
        return render_docs_command(args.root, args.output)
    if args.command == "finish-site":
        return finish_site_command(args.root, args.site, args.theme_dirs)
    if args.command == "export-json":
        return export_json(args.root, args.output)
    if args.command == "format":
        return format_files(args.root, args.files)
    return check(args.root, args.github, args.seeds)


if __name__ == "__main__":
    sys.exit(main())
