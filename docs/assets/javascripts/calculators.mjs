/*
 * Calculators on the page: live recalculation in a Web Worker running Pyodide.
 *
 * - The page already shows the result for the default values (pre-rendered at build).
 * - The worker starts when a calculator comes into view and the browser is idle, or at the
 *   first interaction, whichever comes first; it is created once per visit and reused
 *   across Material's instant navigation.
 * - Inputs are debounced; each result replaces the results region (role="status").
 * - The inputs live in the query string; unknown or malformed parameters are ignored with
 *   a notice. Text from the URL is only ever set as a field value or textContent.
 * - If Pyodide cannot load, the pre-rendered result stays and a message says so.
 * - Results can be copied as text or saved as CSV, built in the page (nothing is sent).
 */
const DEBOUNCE_MS = 250
const STATE_TEXT = {
  loading: "Calcul en direct : chargement…",
  ready: "Calcul en direct : prêt. Le résultat se met à jour pendant la saisie.",
  failed: "Calcul en direct indisponible : le résultat affiché correspond aux dernières valeurs calculées. La formule et un exemple figurent plus bas.",
  invalid: "Corrigez les champs signalés : le résultat affiché correspond aux dernières valeurs valides.",
}
// What a value from a link may contain before it is handed to the calculator.
const SAFE_VALUE = /^[0-9a-zA-Z \u00a0\u202f.,+\-\u2212€$%]{0,40}$/

let worker = null // one per visit
let workerState = "idle" // idle, loading, ready, failed
let nextId = 1
const pending = new Map() // request id -> widget
const widgets = new Set()

function startWorker(widget) {
  if (worker) return
  workerState = "loading"
  broadcastState()
  try {
    worker = new Worker(new URL("calculator-worker.mjs", import.meta.url), { type: "module" })
  } catch (error) {
    workerState = "failed"
    broadcastState()
    return
  }
  worker.addEventListener("message", (event) => {
    const message = event.data
    if (message.type === "ready") {
      workerState = "ready"
      broadcastState()
      for (const each of widgets) if (each.dirty) each.compute()
    } else if (message.type === "failed") {
      workerState = "failed"
      broadcastState()
    } else if (message.type === "result") {
      const target = pending.get(message.id)
      pending.delete(message.id)
      if (target) target.receive(message.id, message.response)
    }
  })
  worker.addEventListener("error", () => {
    workerState = "failed"
    broadcastState()
  })
  worker.postMessage({ type: "boot", runtime: widget.runtime, bundle: widget.bundle })
}

function broadcastState() {
  for (const widget of widgets) widget.showState()
}

class CalculatorWidget {
  constructor(root) {
    this.root = root
    this.name = root.dataset.calculator
    this.runtime = root.dataset.runtime
    this.bundle = root.dataset.bundle
    this.defaults = JSON.parse(root.dataset.defaults || "{}")
    this.form = root.querySelector(".guide-calculator__form")
    this.results = root.querySelector(".guide-calculator__results")
    this.state = root.querySelector(".guide-calculator__state[data-state]")
    this.notice = root.querySelector(".guide-calculator__notice")
    this.copied = root.querySelector(".guide-calculator__copied")
    this.fields = new Map()
    for (const field of root.querySelectorAll("[data-input]")) {
      // Several checkboxes: the fieldset stands for the field; its value is the checked ids, comma-separated.
      const control = field.dataset.kind === "choix_multiple" ? field : field.querySelector("input, select")
      this.fields.set(field.dataset.input, control)
    }
    this.latest = 0
    this.timer = null
    this.dirty = false
    this.invalid = false
  }

  attach() {
    this.restoreFromURL()
    this.form.addEventListener("input", () => this.changed())
    this.form.addEventListener("change", () => this.changed())
    this.form.addEventListener("submit", (event) => {
      event.preventDefault()
      this.changed(true)
    })
    // A form with several text fields and no submit button has no implicit submission:
    // Enter in a field recalculates at once.
    this.form.addEventListener("keydown", (event) => {
      if (event.key === "Enter" && event.target.matches("input")) {
        event.preventDefault()
        this.changed(true)
      }
    })
    this.form.addEventListener("focusin", () => startWorker(this), { once: true })
    this.root.querySelector('[data-action="copy-link"]').addEventListener("click", () => this.copyLink())
    const actions = { "copy-text": () => this.copyText(), "export-csv": () => this.exportCSV(), print: () => window.print() }
    for (const [action, run] of Object.entries(actions)) {
      const button = this.root.querySelector(`[data-action="${action}"]`)
      if (!button) continue
      button.hidden = false
      button.addEventListener("click", run)
    }
    for (const suggestions of this.root.querySelectorAll(".guide-field__suggestions")) suggestions.hidden = false
    this.form.addEventListener("click", (event) => {
      const button = event.target.closest("[data-fill]")
      if (!button) return
      const control = this.fields.get(button.dataset.fill)
      if (!control) return
      control.value = button.dataset.value
      this.changed(true)
    })
    const start = () => startWorker(this)
    if ("IntersectionObserver" in window) {
      const observer = new IntersectionObserver((entries) => {
        if (entries.some((entry) => entry.isIntersecting)) {
          observer.disconnect()
          if ("requestIdleCallback" in window) requestIdleCallback(start, { timeout: 2000 })
          else setTimeout(start, 200)
        }
      })
      observer.observe(this.root)
      this.observer = observer
    } else {
      setTimeout(start, 200)
    }
    if (this.dirty) startWorker(this)
    this.showState()
  }

  detach() {
    if (this.observer) this.observer.disconnect()
    clearTimeout(this.timer)
  }

  values() {
    const values = {}
    for (const [id, control] of this.fields) values[id] = valueOf(control)
    return values
  }

  restoreFromURL() {
    const params = new URLSearchParams(window.location.search)
    const ignored = []
    for (const [key, value] of params) {
      const control = this.fields.get(key)
      if (!control) {
        ignored.push(key)
      } else if (control.tagName === "FIELDSET") {
        const boxes = [...control.querySelectorAll("input[type=checkbox]")]
        const wanted = value.split(",").map((item) => item.trim()).filter(Boolean)
        if (wanted.every((item) => boxes.some((box) => box.value === item))) {
          for (const box of boxes) box.checked = wanted.includes(box.value)
          this.dirty = true
        } else ignored.push(key)
      } else if (control.tagName === "SELECT") {
        if ([...control.options].some((option) => option.value === value)) {
          control.value = value
          this.dirty = true
        } else ignored.push(key)
      } else if (SAFE_VALUE.test(value)) {
        control.value = value
        this.dirty = true
      } else {
        ignored.push(key)
      }
    }
    if (ignored.length) {
      const names = ignored.map((key) => `« ${key.slice(0, 30)} »`).join(", ")
      this.notice.textContent = `Paramètre${ignored.length > 1 ? "s" : ""} du lien ignoré${ignored.length > 1 ? "s" : ""} : ${names}.`
      this.notice.hidden = false
    }
  }

  writeURL() {
    const params = new URLSearchParams()
    for (const [id, value] of Object.entries(this.values())) params.set(id, value)
    const url = `${window.location.pathname}?${params.toString()}${window.location.hash}`
    window.history.replaceState(window.history.state, "", url)
  }

  changed(immediately = false) {
    this.dirty = true
    this.writeURL()
    startWorker(this)
    clearTimeout(this.timer)
    if (immediately) this.compute()
    else this.timer = setTimeout(() => this.compute(), DEBOUNCE_MS)
  }

  compute() {
    if (workerState !== "ready") return // computed as soon as the worker is ready
    this.dirty = false
    const id = nextId++
    this.latest = id
    pending.set(id, this)
    worker.postMessage({ type: "run", id, request: { calculator: this.name, inputs: this.values() } })
  }

  receive(id, response) {
    if (id !== this.latest) return // a newer request is on its way
    this.showErrors(response.errors || {})
    if (response.errors) {
      this.invalid = true
      this.results.classList.add("is-stale")
    } else {
      this.invalid = false
      this.results.innerHTML = response.html // rendered and escaped by calculators/html.py
      this.results.classList.remove("is-stale")
      this.root.dataset.computed = String(id)
    }
    this.showState()
  }

  showErrors(errors) {
    for (const [id, control] of this.fields) {
      const field = control.closest("[data-input]")
      const message = field.querySelector(".guide-field__error")
      if (errors[id]) {
        message.textContent = ""
        const hidden = document.createElement("span")
        hidden.className = "guide-visually-hidden"
        hidden.textContent = "Erreur : "
        message.append(hidden, document.createTextNode(errors[id]))
        message.hidden = false
        field.classList.add("guide-field--error")
        if (control !== field) control.setAttribute("aria-invalid", "true")
      } else {
        message.hidden = true
        message.textContent = ""
        field.classList.remove("guide-field--error")
        if (control !== field) control.removeAttribute("aria-invalid")
      }
    }
  }

  showState() {
    if (!this.state) return
    if (workerState === "idle") return
    const key = workerState === "ready" && this.invalid ? "invalid" : workerState
    this.state.dataset.state = key
    this.state.textContent = STATE_TEXT[key]
  }

  async copyLink() {
    this.writeURL()
    const url = window.location.href
    try {
      await navigator.clipboard.writeText(url)
      this.copied.textContent = "Lien copié : il reproduit vos valeurs."
    } catch (error) {
      this.copied.textContent = `Copiez ce lien : ${url}`
    }
  }

  /** Rows of [what, value, remark]: the inputs, then the results as shown. */
  rows() {
    const rows = []
    for (const [, control] of this.fields) {
      const field = control.closest("[data-input]")
      const label = field.querySelector("legend, label")
      rows.push(["Saisie", text(label), shownValue(control), ""])
    }
    for (const result of this.results.querySelectorAll(".guide-result")) {
      const value = result.querySelector(".guide-result__value")
      const status = result.querySelector(".guide-status")
      const note = result.querySelector(".guide-result__note")
      rows.push([
        "Résultat",
        text(result.querySelector("dt")),
        value ? text(value) : "non calculé",
        [status && text(status), note && text(note)].filter(Boolean).join(" – "),
      ])
    }
    return rows
  }

  async copyText() {
    const title = text(document.querySelector(".md-content h1")) || this.name
    const lines = [title, ""]
    for (const [kind, label, value, remark] of this.rows()) {
      lines.push(`${kind === "Saisie" ? "•" : "→"} ${label} : ${value}${remark ? ` (${remark})` : ""}`)
    }
    lines.push("", window.location.href)
    try {
      await navigator.clipboard.writeText(lines.join("\n"))
      this.copied.textContent = "Résultats copiés."
    } catch (error) {
      this.copied.textContent = "Copie impossible dans ce navigateur : utilisez l'export CSV."
    }
  }

  exportCSV() {
    const cell = (value) => `"${String(value).replace(/"/g, '""')}"`
    const lines = [["Type", "Intitulé", "Valeur", "Remarque"], ...this.rows()].map((row) => row.map(cell).join(";"))
    // A byte order mark and semicolons: spreadsheets set to French open it as is.
    const blob = new Blob(["\ufeff" + lines.join("\r\n") + "\r\n"], { type: "text/csv;charset=utf-8" })
    const link = document.createElement("a")
    link.href = URL.createObjectURL(blob)
    link.download = `calculateur-${this.name}.csv`
    document.body.append(link)
    link.click()
    link.remove()
    setTimeout(() => URL.revokeObjectURL(link.href), 1000)
    this.copied.textContent = "Fichier CSV enregistré."
  }
}

function text(element) {
  return element ? element.textContent.replace(/\s+/g, " ").trim() : ""
}

function valueOf(control) {
  if (control.tagName === "FIELDSET") {
    return [...control.querySelectorAll("input[type=checkbox]:checked")].map((box) => box.value).join(",")
  }
  return control.value
}

function shownValue(control) {
  if (control.tagName === "FIELDSET") {
    const checked = [...control.querySelectorAll("input[type=checkbox]:checked")]
    return checked.length ? checked.map((box) => text(box.closest("label"))).join(", ") : "aucun"
  }
  if (control.tagName === "SELECT") return text(control.selectedOptions[0])
  return control.value
}

function initCalculators() {
  for (const widget of widgets) {
    if (!document.body.contains(widget.root)) {
      widget.detach()
      widgets.delete(widget)
    }
  }
  for (const root of document.querySelectorAll(".guide-calculator:not([data-live])")) {
    root.dataset.live = "true"
    const widget = new CalculatorWidget(root)
    widgets.add(widget)
    widget.attach()
  }
}

// Material's instant navigation swaps the page without re-running scripts: document$ says when.
if (typeof window.document$ !== "undefined") window.document$.subscribe(initCalculators)
else initCalculators()
