"""Run inside Pyodide by tests/pyodide/run-check.mjs and trace-stdlib.mjs: the entries of the standard library's
zip archive that the modules imported so far came from, each module's packages included, sorted."""

import sys


def imported_stdlib() -> list[str]:
    zip_path = next(entry for entry in sys.path if entry.endswith(".zip"))
    entries = set()
    for module in list(sys.modules.values()):
        where = getattr(module, "__file__", None) or ""
        if where.startswith(zip_path + "/"):
            relative = where[len(zip_path) + 1:]
            entries.add(relative)
            parts = relative.split("/")[:-1]
            for depth in range(1, len(parts) + 1):  # a module of a package needs its package
                entries.add("/".join(parts[:depth]) + "/__init__.py")
    return sorted(entries)
