// The editors' content check in Pyodide's Python (Node, offline), as the admin runs it: the bundle the build
// writes (guide/browser/assets.py) is installed as the browser's worker installs it
// (docs/assets/javascripts/content-check-worker.mjs), then each request is checked by guide.browser.checker.
//
//   node tests/pyodide/run-check.mjs BUNDLE_JSON REQUESTS_JSON [STDLIB_ZIP]
//
// REQUESTS_JSON: [[fileName, yamlText], …]. Prints the JSON list of the results, one list of
// {file, line, column, field, message} per request. With STDLIB_ZIP, Pyodide starts with that standard library
// (the trimmed one the build writes) instead of its whole one. With the environment variable TRACE=1, prints
// instead the standard library's entries the checks imported, one a line (scripts/trace-stdlib writes them to
// guide/browser/stdlib.txt).
import path from "node:path"
import { readFileSync } from "node:fs"
import { loadPyodide } from "pyodide"
import { installCheck } from "../../docs/assets/javascripts/content-check-install.mjs"

const [bundlePath, requestsPath, stdlib] = process.argv.slice(2)
const options = stdlib ? { stdLibURL: path.resolve(stdlib) } : {}
const pyodide = await loadPyodide(options)
const bundle = JSON.parse(readFileSync(path.resolve(bundlePath), "utf-8"))
const checker = installCheck(pyodide, bundle)
const requests = JSON.parse(readFileSync(path.resolve(requestsPath), "utf-8"))
const results = requests.map(([fileName, text]) => JSON.parse(checker.check_file(fileName, text)))
if (process.env.TRACE === "1") {
  pyodide.runPython(readFileSync(new URL("imported_stdlib.py", import.meta.url), "utf-8"))
  process.stdout.write(pyodide.runPython("imported_stdlib()").toJs().join("\n") + "\n")
} else {
  process.stdout.write(JSON.stringify(results))
}
