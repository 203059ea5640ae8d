// The standard library modules the calculators use in the browser, from an import trace inside
// Pyodide (Node, offline): boot, configure calculators.browser with the frameworks, then run every
// calculator through its browser entry with the example values, every field empty, an unreadable value
// in each field and a field being typed. Prints the stdlib zip's entries those imports need, one a line.
//
//   node tests/pyodide/trace-stdlib.mjs SETTINGS_JSON [STDLIB_ZIP]
//
// With STDLIB_ZIP (a trimmed archive), the same run is a check: it fails if any import is missing.
import path from "node:path"
import { readdirSync, readFileSync } from "node:fs"
import { fileURLToPath } from "node:url"
import { loadPyodide } from "pyodide"

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..")
const [settingsArg, stdlibZip] = process.argv.slice(2)
const options = stdlibZip ? { stdLibURL: path.resolve(stdlibZip) } : {}
const pyodide = await loadPyodide(options)
for (const pkg of ["common", "calculators"]) { // guide/browser_assets.py BROWSER_PACKAGES
  pyodide.FS.mkdirTree(`/guide/${pkg}`)
  for (const file of readdirSync(path.join(repo, pkg)).filter((name) => name.endsWith(".py"))) {
    pyodide.FS.writeFile(`/guide/${pkg}/${file}`, readFileSync(path.join(repo, pkg, file), "utf8"))
  }
}
pyodide.globals.set("settings_json", readFileSync(settingsArg, "utf8"))
pyodide.runPython(readFileSync(new URL("imported_stdlib.py", import.meta.url), "utf8"))
const output = await pyodide.runPythonAsync(`
import json, sys
sys.path.insert(0, "/guide")
from calculators import browser
from calculators.contract import CALCULATOR_NAMES, load_calculator
browser.configure(settings_json)
settings = json.loads(settings_json)
failures = []
for name in CALCULATOR_NAMES:
    calculator = load_calculator(name, settings)
    requests = [{}, settings[name]["calculateur"]["exemple"]["entrees"], {spec.id: "" for spec in calculator.inputs}]
    requests += [{spec.id: "12.500 $ ¤"} for spec in calculator.inputs]
    requests += [{"inputs": {spec.id: "1,"}, "editing": spec.id} for spec in calculator.inputs]
    for request in requests:
        body = request if "editing" in request else {"inputs": request}
        answer = json.loads(browser.handle(json.dumps({"calculator": name, **body})))
        if "_" in answer.get("errors", {}):
            failures.append(f"{name}: {answer['errors']['_']}")
if failures:
    raise SystemExit("\\n".join(failures))
"\\n".join(imported_stdlib())
`)
console.log(output)
