/*
 * Web Worker of the calculators: boots the self-hosted Pyodide, installs the calculators
 * package from the site's bundle, then answers each recalculation with the JSON of
 * calculators.browser.handle (computed and rendered by the same Python as the build).
 * Nothing is fetched outside the site.
 */
let handle = null

async function boot({ runtime, bundle }) {
  const assets = new URL("../", import.meta.url)
  const runtimeURL = new URL(runtime, assets)
  // The bundle downloads while Pyodide does, not after it: one round trip less before the first result.
  const bundled = fetch(new URL(bundle, assets)).then((response) => {
    if (!response.ok) throw new Error(`bundle ${response.status}`)
    return response.json()
  })
  bundled.catch(() => {}) // its failure is reported below, once awaited
  const { loadPyodide } = await import(new URL("pyodide.mjs", runtimeURL).href)
  const pyodide = await loadPyodide({ indexURL: runtimeURL.href, packages: [] })
  const data = await bundled
  for (const [path, source] of Object.entries(data.files)) {
    const full = `/guide/${path}`
    pyodide.FS.mkdirTree(full.slice(0, full.lastIndexOf("/")))
    pyodide.FS.writeFile(full, source)
  }
  pyodide.runPython("import sys\nsys.path.insert(0, '/guide')")
  const browser = pyodide.pyimport("calculators.browser")
  browser.configure(JSON.stringify(data.settings))
  handle = (request) => JSON.parse(browser.handle(JSON.stringify(request)))
}

self.addEventListener("message", async (event) => {
  const message = event.data
  if (message.type === "boot") {
    try {
      await boot(message)
      self.postMessage({ type: "ready" })
    } catch (error) {
      self.postMessage({ type: "failed", message: String(error && error.message || error) })
    }
  } else if (message.type === "run" && handle) {
    let response
    try {
      response = handle(message.request)
    } catch (error) {
      response = { errors: { _: "Erreur interne du calculateur." } }
    }
    self.postMessage({ type: "result", id: message.id, response })
  }
})
