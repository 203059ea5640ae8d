/*
 * The content check in the editors' browser: checkFile(fileName, yamlText) resolves to the list of
 * {file, line, column, field, message} that `python -m guide check` gives once that file holds that text, among
 * the other files as built (warnings end with « (attention, pas une erreur) », as the command prints them).
 * The same Python runs, in a Web Worker (content-check-worker.mjs) on the site's own Pyodide; the first call
 * starts it (a few seconds), the next ones reuse it. Nothing is sent anywhere.
 *
 *   import { checkFile } from "/assets/javascripts/content-check.mjs"
 *   const findings = await checkFile("faq.yml", textOfTheForm)
 *
 * A failure to start (no network, an old browser) rejects each call with a French message: the pull request's
 * check still runs.
 */
let worker = null
let nextId = 0
const pending = new Map()

function failAll(message) {
  for (const { reject } of pending.values()) reject(new Error(message))
  pending.clear()
}

function start() {
  if (worker) return worker
  worker = new Worker(new URL("content-check-worker.mjs", import.meta.url), { type: "module" })
  worker.addEventListener("message", (event) => {
    const message = event.data
    if (message.type === "failed") {
      failAll(`La vérification n'a pas pu démarrer dans le navigateur (${message.message}) : elle aura lieu sur la pull request.`)
      worker = null
      return
    }
    const waiting = pending.get(message.id)
    if (!waiting) return
    pending.delete(message.id)
    if (message.type === "result") waiting.resolve(message.findings)
    else waiting.reject(new Error(message.message))
  })
  worker.addEventListener("error", () => {
    failAll("La vérification n'a pas pu démarrer dans le navigateur : elle aura lieu sur la pull request.")
    worker = null
  })
  worker.postMessage({ type: "boot", manifest: new URL("../content-check/manifest.json", import.meta.url).href })
  return worker
}

export function checkFile(fileName, yamlText) {
  const running = start()
  return new Promise((resolve, reject) => {
    nextId += 1
    pending.set(nextId, { resolve, reject })
    running.postMessage({ type: "check", id: nextId, fileName: String(fileName), yamlText: String(yamlText) })
  })
}
