/*
 * The editors' content check installed in a booted Pyodide: the bundle's files (the core's Python and the
 * pure-Python libraries it imports, guide/browser/assets.py) under /guide, the content as built under /projet
 * (guide.browser.checker.SNAPSHOT_ROOT); returns the module guide.browser.checker. Shared by the browser's worker
 * (content-check-worker.mjs) and the check's test under Node (tests/pyodide/run-check.mjs).
 */
export function installCheck(pyodide, bundle) {
  const install = (root, files) => {
    for (const [name, text] of Object.entries(files)) {
      const full = `${root}/${name}`
      pyodide.FS.mkdirTree(full.slice(0, full.lastIndexOf("/")))
      pyodide.FS.writeFile(full, text)
    }
  }
  install("/guide", bundle.files)
  install("/projet", bundle.snapshot)
  pyodide.runPython("import sys\nsys.path.insert(0, '/guide')")
  return pyodide.pyimport("guide.browser.checker")
}
