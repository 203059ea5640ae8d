/*
 * Web Worker of the editors' content check (content-check.mjs): boots the site's Pyodide with the check's
 * standard library, installs the check's bundle (the core's Python, the pure-Python libraries it imports and the
 * content as built: guide/browser/assets.py), then answers each request with guide.browser.checker.check_file.
 * Requests that arrive while it boots wait for it. Nothing is fetched outside the site.
 */
import { installCheck } from "./content-check-install.mjs"

let checker = null
const waiting = []

async function boot(manifestURL) {
  const manifest = await (await fetch(manifestURL)).json()
  const assets = new URL("../", manifestURL)
  const runtimeURL = new URL(manifest.runtime, assets)
  const bundled = fetch(new URL(manifest.bundle, assets)).then((response) => {
    if (!response.ok) throw new Error(`bundle ${response.status}`)
    return response.json()
  })
  bundled.catch(() => {}) // its failure is reported below, once awaited
  const { loadPyodide } = await import(new URL("pyodide.mjs", runtimeURL).href)
  const pyodide = await loadPyodide({
    indexURL: runtimeURL.href, stdLibURL: new URL(manifest.stdlib, assets).href, packages: [],
  })
  const bundle = await bundled
  checker = installCheck(pyodide, bundle)
}

function answer({ id, fileName, yamlText }) {
  try {
    self.postMessage({ type: "result", id, findings: JSON.parse(checker.check_file(fileName, yamlText)) })
  } catch (error) {
    self.postMessage({ type: "error", id, message: `La vérification a échoué dans le navigateur : ${String(error && error.message || error).split("\n").pop()}` })
  }
}

self.addEventListener("message", async (event) => {
  const message = event.data
  if (message.type === "boot") {
    try {
      await boot(message.manifest)
    } catch (error) {
      self.postMessage({ type: "failed", message: String(error && error.message || error) })
      return
    }
    while (waiting.length) answer(waiting.shift())
  } else if (message.type === "check") {
    if (checker) answer(message)
    else waiting.push(message)
  }
})
