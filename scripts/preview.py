"""The live preview of scripts/serve: ``mkdocs serve`` on this checkout, started again when its Python changes.

    .venv/bin/python scripts/preview.py [options of mkdocs serve]

MkDocs rebuilds the site when the content, a template or the theme changes, but it keeps the Python it imported:
the hook (hooks/guide_hooks.py, loaded once per process) and the packages the hook imports (guide, common,
calculators). A change there would rebuild the site with the old code. So this script runs ``mkdocs serve`` as a
child process, looks at the Python files of those four folders twice a second, and starts the child again when
one changes; the page open in the browser reloads by itself once the new server answers (MkDocs' livereload
script asks the server again every few seconds, and reloads when the site is newer).

The child runs this checkout's code, whatever .venv is: ``python -m mkdocs`` from this folder, with the folder
first on PYTHONPATH, so that a .venv shared through a link with another checkout (whose editable install points
there) does not preview this content with the other checkout's code. The script checks where the packages come
from before starting, says it, and refuses to start if they come from elsewhere.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # common.typography, of this checkout (standard library only)
try:
    from common.typography import print_console
except ImportError:  # a partial copy, without the packages (refused below): its messages as written
    def print_console(text: object, file=None) -> None:
        print(text, file=file)
# The Python that ``mkdocs serve`` imports once and keeps: the hook and the project's packages.
WATCHED = ("hooks", "guide", "common", "calculators")
PACKAGES = ("guide", "common", "calculators")
POLL_SECONDS = 0.5


def say(message: str) -> None:
    print_console(f"[aperçu] {message}", file=sys.stderr)
    sys.stderr.flush()


def python_files(root: Path) -> dict[Path, int]:
    """Every Python file the server runs, with the time it was last changed."""
    found = {}
    for folder in WATCHED:
        for path in (root / folder).rglob("*.py"):
            try:
                found[path] = path.stat().st_mtime_ns
            except FileNotFoundError:  # removed while listed (an editor's temporary file)
                continue
    return found


def changed(before: dict[Path, int], after: dict[Path, int]) -> list[Path]:
    return sorted(path for path in before.keys() | after.keys() if before.get(path) != after.get(path))


def child_environment(root: Path) -> dict[str, str]:
    paths = [str(root), *filter(None, os.environ.get("PYTHONPATH", "").split(os.pathsep))]
    return dict(os.environ, PYTHONPATH=os.pathsep.join(paths), NO_MKDOCS_2_WARNING="1")


def package_folders(root: Path, env: dict[str, str]) -> dict[str, Path]:
    """Where the child's Python finds each package of the project (run as the child will be)."""
    probe = "import importlib, pathlib\n" + "".join(
        f"print(pathlib.Path(importlib.import_module({name!r}).__file__).resolve().parent)\n" for name in PACKAGES)
    result = subprocess.run([sys.executable, "-c", probe], cwd=root, env=env, capture_output=True, text=True,
                            timeout=60)
    if result.returncode != 0:
        raise SystemExit(f"[aperçu] impossible d'importer le code du guide :\n{result.stderr}")
    return dict(zip(PACKAGES, map(Path, result.stdout.split()), strict=True))


def stop(child: subprocess.Popen) -> None:
    if child.poll() is None:
        child.send_signal(signal.SIGINT)  # mkdocs serve stops cleanly on Ctrl+C
        try:
            child.wait(timeout=15)
        except subprocess.TimeoutExpired:
            child.kill()
            child.wait()


def main(argv: list[str]) -> int:
    env = child_environment(ROOT)
    folders = package_folders(ROOT, env)
    elsewhere = {name: folder for name, folder in folders.items() if not folder.is_relative_to(ROOT)}
    if elsewhere:
        for name, folder in elsewhere.items():
            say(f"ATTENTION : le paquet {name} viendrait de {folder}, pas de ce dossier ({ROOT}).")
        say("L'aperçu mélangerait le contenu de ce dossier et le code d'un autre : il ne démarre pas.")
        return 1
    say(f"dossier servi : {ROOT} (contenu : frameworks/, code : {', '.join(WATCHED)}/ de ce dossier).")
    say("une modification d'un fichier .py de ces dossiers relance le serveur ; la page se recharge ensuite seule.")
    command = [sys.executable, "-m", "mkdocs", "serve", "--livereload", *argv]
    child: subprocess.Popen | None = None
    try:
        while True:
            snapshot = python_files(ROOT)
            child = subprocess.Popen(command, cwd=ROOT, env=env)
            reported_exit = False
            while True:
                time.sleep(POLL_SECONDS)
                now = python_files(ROOT)
                if changed(snapshot, now):
                    names = ", ".join(path.relative_to(ROOT).as_posix() for path in changed(snapshot, now)[:3])
                    say(f"{names} modifié : le serveur redémarre avec le nouveau code.")
                    stop(child)
                    break
                if child.poll() is not None and not reported_exit:
                    say(f"le serveur s'est arrêté (code {child.returncode}) ; corrigez l'erreur ci-dessus : il "
                        "redémarrera à la prochaine modification d'un fichier .py.")
                    reported_exit = True
    except KeyboardInterrupt:
        if child is not None:
            stop(child)
        return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
