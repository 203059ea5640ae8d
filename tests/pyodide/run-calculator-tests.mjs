// Runs the calculator tests (tests/calculators) inside Pyodide, in Node, offline: the same
// files as on CPython, against the same calculators package.
//
//   node tests/pyodide/run-calculator-tests.mjs SETTINGS_JSON [pytest arguments...]
//
// SETTINGS_JSON is the frameworks exported as JSON (python -m guide export-json), since
// the Pyodide core we self-host loads no package (not even PyYAML). pytest and hypothesis come from .cache/pyodide-site (pure-Python
// wheels installed by scripts/setup). The exit code is pytest's.
import path from "node:path"
import { existsSync } from "node:fs"
import { fileURLToPath } from "node:url"
import { loadPyodide } from "pyodide"

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..")
const sitePackages = path.join(repo, ".cache", "pyodide-site")
const [settingsArg, ...pytestArgs] = process.argv.slice(2)
if (!settingsArg || !existsSync(settingsArg) || !existsSync(sitePackages)) {
  console.error("usage: node tests/pyodide/run-calculator-tests.mjs SETTINGS_JSON (after scripts/setup)")
  process.exit(4)
}
const settings = path.relative(repo, path.resolve(settingsArg)).split(path.sep).join("/")

const pyodide = await loadPyodide()
pyodide.FS.mkdirTree("/deps")
pyodide.mountNodeFS("/deps", sitePackages)
pyodide.FS.mkdirTree("/project")
pyodide.mountNodeFS("/project", repo)
pyodide.globals.set("pytest_args", pyodide.toPy(pytestArgs))
pyodide.globals.set("settings_path", `/project/${settings}`)
const code = await pyodide.runPythonAsync(`
import os, sys
sys.dont_write_bytecode = True
sys.path[:0] = ["/deps", "/project"]
os.environ["CALCULATOR_SETTINGS"] = settings_path
os.chdir("/project")
import pytest
print(f"Pyodide : Python {sys.version.split()[0]} ({sys.platform}), pytest {pytest.__version__}")
int(pytest.main(["tests/calculators", "-p", "no:cacheprovider", "--confcutdir=tests/calculators", *pytest_args]))
`)
process.exit(code)
