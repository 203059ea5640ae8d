// The trimmed standard library against Pyodide's own, in Pyodide's Python (Node, offline): the build lightens
// each module with CPython 3.11's tokenizer (guide/browser_assets.py, lighter_source), older than the Python
// that runs it. Each module of the trimmed archive must have the same syntax tree as the original once the
// statements made of a string literal alone (docstrings) and `pass` are set aside, and no docstring left.
// Prints each module that differs, one a line, and exits with status 1 if any does.
//
//   node tests/pyodide/compare-stdlib.mjs TRIMMED_ZIP
import path from "node:path"
import { readFileSync } from "node:fs"
import { loadPyodide } from "pyodide"

const [trimmed] = process.argv.slice(2)
const pyodide = await loadPyodide()
pyodide.FS.writeFile("/tmp/trimmed.zip", readFileSync(path.resolve(trimmed)))
const output = pyodide.runPython(`
import ast, sys, zipfile

def without_docstrings(tree):
    for node in ast.walk(tree):
        for name, value in ast.iter_fields(node):
            if isinstance(value, list) and value and all(isinstance(item, ast.stmt) for item in value):
                setattr(node, name, [item for item in value if not isinstance(item, ast.Pass) and not (
                    isinstance(item, ast.Expr) and isinstance(item.value, ast.Constant)
                    and isinstance(item.value.value, (str, bytes)))])
    return ast.dump(tree, include_attributes=False)

def docstrings(tree):
    return [node for node in ast.walk(tree)
            if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef))
            and ast.get_docstring(node, clean=False) is not None]

original = zipfile.ZipFile(next(entry for entry in sys.path if entry.endswith(".zip")))
different = []
with zipfile.ZipFile("/tmp/trimmed.zip") as archive:
    for name in archive.namelist():
        if not name.endswith(".py"):
            if archive.read(name) != original.read(name):
                different.append(name)
            continue
        try:
            light = ast.parse(archive.read(name), name)
        except SyntaxError as error:
            different.append(f"{name}: {error}")
            continue
        if docstrings(light) or without_docstrings(light) != without_docstrings(ast.parse(original.read(name), name)):
            different.append(name)
"\\n".join(different)
`)
if (output) {
  console.log(output)
  process.exit(1)
}
