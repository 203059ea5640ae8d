/*
 * Calculators on the page: live recalculation in a Web Worker running Pyodide.
 *
 * One state machine per calculator shown, driven by the page's lifecycle under Material's
 * instant navigation (first load, Back/Forward, in-site link, restored URL):
 * - its inputs come from the URL, or the example values; the result shown is computed for exactly
 *   those inputs. The pre-rendered result (the example's) is marked « en cours » until the live
 *   result for the reader's inputs replaces it: never a result of other inputs shown as current.
 * - Readiness is a promise (the pattern of Pyodide's web-worker guide): a request waits for it.
 * - Every request carries the inputs it was computed for; an answer for inputs that have changed
 *   since is dropped. No fixed delay: each input is computed at once, and only the newest request
 *   is in flight (a newer input supersedes an older one).
 * - A number being typed (« 1, », an emptied field) is not an error yet: the last valid result stays,
 *   marked « en cours », and the error shows when the reader leaves the field or pauses.
 * - A calculator that leaves the page stops listening: it can never write another page's URL.
 * - Fields still holding the example's value are marked « exemple », and the results say which.
 * - Copy, CSV and print carry the reader's inputs; CSV numbers are numbers (decimal comma).
 * - The engine (the worker and Pyodide) starts downloading once the page has loaded and the browser is idle,
 *   wherever the calculator is on the page, and when instant navigation brings a calculator; a reader who types
 *   while it loads sees a cue right by the field being edited (on a phone the state line is far below), until
 *   the live result comes.
 * Text from the URL is only ever set as a field value or textContent. Nothing is sent anywhere.
 */
const SETTLE_MS = 900 // a pause in typing after which an unfinished entry is reported
// How long the engine may take to start before the page says the live calculation is unavailable (a first
// visit at 10 Mbit/s takes about 8 s; a slow phone network several times that). A test may shorten it.
const BOOT_TIMEOUT_MS = Number(globalThis.__guideBootTimeoutMs) || 45_000
// Texts shown to readers, in French typography (narrow no-break space before : ; ? !, curly apostrophe).
const STATE_TEXT = {
  loading: "Calcul en direct\u202f: chargement…",
  computing: "Calcul en cours pour vos valeurs… Le résultat ci-dessous est encore celui des valeurs précédentes.",
  typing: "Saisie en cours\u202f: le résultat ci-dessous correspond aux dernières valeurs complètes.",
  ready: "Calcul en direct\u202f: prêt. Le résultat se met à jour pendant la saisie.",
  failed: "Calcul en direct indisponible\u202f: le résultat affiché correspond aux valeurs d’exemple. La formule et un exemple figurent plus bas.",
  invalid: "Corrigez les champs signalés\u202f: le résultat affiché correspond aux dernières valeurs valides.",
}
// By the field being edited while the engine loads.
const ENGINE_CUE_TEXT = "Chargement du calcul en direct… Votre résultat s’affichera dès qu’il sera prêt."
// What a value from a link may contain before it is handed to the calculator.
const SAFE_VALUE = /^[0-9a-zA-Z \u00a0\u202f.,+\-\u2212€$%]{0,40}$/

let worker = null // one per visit, reused across instant navigation
let ready = null // the promise of a booted worker
let workerState = "idle" // idle, loading, ready, failed
let nextId = 1
const pending = new Map() // request id -> widget
const widgets = new Set()

/** The worker, booted once; the promise resolves when it can compute, rejects if it cannot. */
function whenReady(widget) {
  if (ready) return ready
  workerState = "loading"
  broadcastState()
  ready = new Promise((resolve, reject) => {
    // Without WebAssembly (switched off by a browser's policy or a hardened mode), say so at once.
    if (typeof WebAssembly !== "object" || typeof WebAssembly.instantiate !== "function") {
      reject(new Error("WebAssembly indisponible"))
      return
    }
    try {
      worker = new Worker(new URL("calculator-worker.mjs", import.meta.url), { type: "module" })
    } catch (error) {
      reject(error)
      return
    }
    // An engine that neither starts nor fails (a download that stalls) is reported after a while; if it
    // starts later all the same, the calculators come back to life.
    const watchdog = setTimeout(() => reject(new Error("délai dépassé")), BOOT_TIMEOUT_MS)
    worker.addEventListener("message", (event) => {
      const message = event.data
      if (message.type === "ready") {
        clearTimeout(watchdog)
        if (workerState === "failed") lateStart()
        resolve()
      }
      else if (message.type === "failed") reject(new Error(message.message))
      else if (message.type === "result") {
        const target = pending.get(message.id)
        pending.delete(message.id)
        if (target) target.receive(message.id, message.response)
      }
    })
    worker.addEventListener("error", (event) => reject(event.error || new Error("worker")))
    worker.postMessage({ type: "boot", runtime: widget.runtime, bundle: widget.bundle })
  })
  ready.then(() => {
    workerState = "ready"
    broadcastState()
  }, () => {
    workerState = "failed"
    broadcastState()
  })
  return ready
}

/** The engine starts once the page has loaded and the browser is idle, without waiting for the reader to
 * scroll to the calculator or use it: a reader who types after a few seconds waits only for what is left.
 * After instant navigation the page is loaded already: it starts at the next idle moment. A reader who asked
 * to save data (Save-Data) downloads it only by using the form. */
function startWhenIdle(widget) {
  if (navigator.connection && navigator.connection.saveData) return
  const start = () => widget.live && whenReady(widget).catch(() => {})
  const idle = () => ("requestIdleCallback" in window ? requestIdleCallback(start, { timeout: 2000 }) : setTimeout(start, 200))
  if (document.readyState === "complete") idle()
  else window.addEventListener("load", idle, { once: true })
}

/** The engine started after its watchdog had given up: every calculator on the page computes again. */
function lateStart() {
  ready = Promise.resolve()
  workerState = "ready"
  broadcastState()
  for (const widget of widgets) widget.compute(null)
}

function broadcastState() {
  for (const widget of widgets) widget.showState()
}

class CalculatorWidget {
  constructor(root) {
    this.root = root
    this.path = window.location.pathname // the page this calculator belongs to
    this.name = root.dataset.calculator
    this.runtime = root.dataset.runtime
    this.bundle = root.dataset.bundle
    this.defaults = JSON.parse(root.dataset.defaults || "{}")
    this.form = root.querySelector(".guide-calculator__form")
    this.results = root.querySelector(".guide-calculator__results")
    this.state = root.querySelector(".guide-calculator__state[data-state]")
    this.notice = root.querySelector(".guide-calculator__notice")
    this.copied = root.querySelector(".guide-calculator__copied")
    this.summary = root.querySelector(".guide-calculator__summary")
    this.examples = root.querySelector(".guide-calculator__examples")
    this.printInputs = root.querySelector(".guide-calculator__print-inputs")
    this.fields = new Map()
    for (const field of root.querySelectorAll("[data-input]")) {
      // Several checkboxes: the fieldset stands for the field; its value is the checked ids, comma-separated.
      const control = field.dataset.kind === "choix_multiple" ? field : field.querySelector("input, select")
      this.fields.set(field.dataset.input, control)
    }
    this.fromReader = new Set() // fields typed by the reader or given by the link
    this.lifecycle = new AbortController()
    this.inFlight = null // {id, key} of the request being computed
    this.queued = null // {editing} of a newer request waiting for it
    // The inputs of the result on screen: the example's, as the page was built (a reader can type before this
    // code runs, on a slow phone or while instant navigation finishes: those values are not the example's).
    this.shownKey = JSON.stringify(this.builtValues())
    this.editing = null
    this.phase = "initial" // initial, computing, typing, ready, invalid
    this.settleTimer = null
    this.shownValues = null // the inputs of the result on screen, as read by the calculator
    this.cue = null // the engine's cue by the field being edited, while it loads
  }

  get live() {
    return !this.lifecycle.signal.aborted && document.body.contains(this.root) && window.location.pathname === this.path
  }

  attach() {
    const signal = this.lifecycle.signal
    // Typed before this code ran: the reader's, kept, written in the link and computed below.
    const typedEarly = [...this.fields].filter(([id, control]) => valueOf(control) !== builtValueOf(control))
    for (const [id] of typedEarly) this.fromReader.add(id)
    this.restoreFromURL()
    if (typedEarly.length && !window.location.search) this.writeURL()
    this.form.addEventListener("input", (event) => this.typed(event.target), { signal })
    this.form.addEventListener("change", (event) => this.settled(event.target), { signal })
    this.form.addEventListener("submit", (event) => {
      event.preventDefault()
      this.settled(null)
    }, { signal })
    // A form with several text fields and no submit button has no implicit submission:
    // Enter in a field recalculates at once.
    this.form.addEventListener("keydown", (event) => {
      if (event.key === "Enter" && event.target.matches("input")) {
        event.preventDefault()
        this.settled(event.target)
      }
    }, { signal })
    this.form.addEventListener("focusin", () => whenReady(this), { once: true, signal })
    const actions = {
      "copy-link": () => this.copyLink(),
      "copy-text": () => this.copyText(),
      "export-csv": () => this.exportCSV(),
      print: () => window.print(),
    }
    for (const [action, run] of Object.entries(actions)) {
      const button = this.root.querySelector(`[data-action="${action}"]`)
      if (!button) continue
      button.hidden = false
      button.addEventListener("click", run, { signal })
    }
    for (const suggestions of this.root.querySelectorAll(".guide-field__suggestions")) suggestions.hidden = false
    this.form.addEventListener("click", (event) => {
      const button = event.target.closest("[data-fill]")
      if (!button) return
      const control = this.fields.get(button.dataset.fill)
      if (!control) return
      control.value = button.dataset.value
      this.typed(control)
      this.settled(control)
    }, { signal })
    window.addEventListener("beforeprint", () => this.fillPrintInputs(), { signal })
    startWhenIdle(this)
    this.markExamples()
    this.fillSummary()
    this.fillPrintInputs()
    // Inputs from the link (or restored on Back): the example's result on screen is not theirs.
    if (JSON.stringify(this.values()) !== this.shownKey) this.compute(null)
    this.showState()
  }

  detach() {
    this.lifecycle.abort()
    clearTimeout(this.settleTimer)
  }

  values() {
    const values = {}
    for (const [id, control] of this.fields) values[id] = valueOf(control)
    return values
  }

  builtValues() {
    const values = {}
    for (const [id, control] of this.fields) values[id] = builtValueOf(control)
    return values
  }

  fieldOf(control) {
    const field = control && control.closest("[data-input]")
    return field && this.fields.has(field.dataset.input) ? field.dataset.input : null
  }

  restoreFromURL() {
    const params = new URLSearchParams(window.location.search)
    const ignored = []
    const repeated = new Map() // a field given more than once: its first value is used, and the page says so
    for (const key of new Set(params.keys())) {
      const value = params.get(key)
      const control = this.fields.get(key)
      if (control && params.getAll(key).length > 1) repeated.set(key, params.getAll(key).length)
      if (!control) {
        ignored.push(key)
      } else if (control.tagName === "FIELDSET") {
        const boxes = [...control.querySelectorAll("input[type=checkbox]")]
        const wanted = value.split(",").map((item) => item.trim()).filter(Boolean)
        if (wanted.every((item) => boxes.some((box) => box.value === item))) {
          for (const box of boxes) box.checked = wanted.includes(box.value)
          this.fromReader.add(key)
        } else ignored.push(key)
      } else if (control.tagName === "SELECT") {
        if ([...control.options].some((option) => option.value === value)) {
          control.value = value
          this.fromReader.add(key)
        } else ignored.push(key)
      } else if (SAFE_VALUE.test(value)) {
        control.value = value
        this.fromReader.add(key)
      } else {
        ignored.push(key)
      }
    }
    // A link only carries the fields the reader changed, so the others keep their example values.
    const changed = params.get("_saisis")
    if (changed !== null) {
      ignored.splice(ignored.indexOf("_saisis"), 1)
      const typed = new Set(changed.split(",").filter((id) => this.fields.has(id)))
      for (const id of [...this.fromReader]) if (!typed.has(id)) this.fromReader.delete(id)
    }
    const notes = []
    if (ignored.length) {
      // Three names at most, and a count: a link cannot write a long text of its own on the page.
      const names = ignored.slice(0, 3).map((key) => `«\u202f${key.slice(0, 30)}\u202f»`).join(", ")
      const more = ignored.length > 3 ? ` et ${ignored.length - 3} autre${ignored.length > 4 ? "s" : ""}` : ""
      notes.push(`${ignored.length > 1 ? `${ignored.length} paramètres` : "Paramètre"} du lien ignoré${ignored.length > 1 ? "s" : ""}\u202f: ${names}${more}.`)
    }
    for (const [key, count] of [...repeated].slice(0, 3)) {
      const field = this.fields.get(key).closest("[data-input]")
      notes.push(`«\u202f${fieldName(field)}\u202f» figure ${count} fois dans le lien\u202f: la première valeur est utilisée.`)
    }
    if (notes.length) {
      this.notice.textContent = notes.join(" ")
      this.notice.hidden = false
    }
  }

  writeURL() {
    if (!this.live) return // a form that left its page never writes another page's URL
    const params = new URLSearchParams()
    for (const [id, value] of Object.entries(this.values())) params.set(id, value)
    params.set("_saisis", [...this.fromReader].join(","))
    const url = `${this.path}?${params.toString()}${window.location.hash}`
    window.history.replaceState(window.history.state, "", url)
  }

  /** A key typed in a field: compute at once; an unfinished number there is not an error yet. */
  typed(control) {
    if (!this.live) return
    const id = this.fieldOf(control)
    if (id) this.fromReader.add(id)
    this.editing = id
    this.showEngineCue(control)
    this.writeURL()
    this.markExamples()
    this.results.setAttribute("aria-busy", "true") // screen readers hear the settled result, not each key
    clearTimeout(this.settleTimer)
    this.settleTimer = setTimeout(() => this.settled(null), SETTLE_MS)
    this.compute(id)
  }

  /** The reader left the field, pressed Enter or paused: compute and report every error. */
  settled(control) {
    if (!this.live) return
    const id = this.fieldOf(control)
    if (id && control.tagName !== "INPUT") this.fromReader.add(id) // a select or a checkbox changed
    clearTimeout(this.settleTimer)
    this.editing = null
    this.writeURL()
    this.markExamples()
    this.compute(null)
  }

  compute(editing) {
    if (!this.live) return
    const key = JSON.stringify(this.values())
    if (key !== this.shownKey && this.phase !== "typing") this.phase = "computing"
    this.showState()
    if (this.inFlight) {
      this.queued = { editing } // only the newest request waits; it supersedes any older one
      return
    }
    this.send(key, editing)
  }

  send(key, editing) {
    const id = nextId++
    this.inFlight = { id, key }
    pending.set(id, this)
    whenReady(this).then(() => {
      if (!this.live) {
        pending.delete(id)
        return
      }
      worker.postMessage({ type: "run", id, request: { calculator: this.name, inputs: JSON.parse(key), editing } })
    }, () => {
      pending.delete(id)
      this.inFlight = null
      this.showState()
    })
  }

  receive(id, response) {
    if (!this.inFlight || this.inFlight.id !== id) return
    const { key } = this.inFlight
    this.inFlight = null
    if (!this.live) return
    const current = JSON.stringify(this.values())
    if (this.queued || key !== current) {
      // The inputs changed while this was computed: its answer describes old inputs. Drop it.
      const { editing } = this.queued || { editing: this.editing }
      this.queued = null
      this.send(current, editing)
      return
    }
    this.showErrors(response.errors || {})
    if (response.incomplete) {
      this.phase = "typing"
      this.results.classList.add("is-stale")
    } else if (response.errors) {
      this.phase = "invalid"
      this.results.classList.add("is-stale")
      this.results.removeAttribute("aria-busy")
    } else {
      this.phase = "ready"
      this.results.innerHTML = response.html // rendered and escaped by calculators/html.py
      this.results.classList.remove("is-stale")
      this.shownKey = key
      this.shownValues = response.values || {}
      this.root.dataset.computed = String(id)
      if (!this.editing) this.results.removeAttribute("aria-busy")
      this.fillSummary()
      this.fillPrintInputs()
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
        hidden.textContent = "Erreur\u202f: "
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

  /** While the engine loads (or if it could not), a cue right by the field the reader is editing; it follows
   * them to the next one. */
  showEngineCue(control) {
    const field = control && control.closest("[data-input]")
    if (!field || workerState === "ready") return
    if (!this.cue) {
      this.cue = document.createElement("p")
      this.cue.className = "guide-field__engine"
      this.cue.setAttribute("role", "status")
    }
    // Right above the input (or the select), where a phone's keyboard does not hide it; in a group of
    // checkboxes, right under the box ticked.
    const input = this.fields.get(field.dataset.input)
    const box = input === field ? control.closest("label") || control : null
    if (box && box.nextElementSibling !== this.cue) box.after(this.cue)
    else if (!box && input.previousElementSibling !== this.cue) input.before(this.cue)
    // The cue pushes the field down by its line: a field typed in at the bottom of the screen stays in view.
    const below = control.getBoundingClientRect().bottom + 16 - window.innerHeight
    if (below > 0) window.scrollBy(0, below)
  }

  /** The cue says the engine is loading until the live result comes, or that it failed; then it goes. */
  updateEngineCue() {
    if (!this.cue || !this.cue.isConnected) return
    if (workerState === "failed") {
      this.cue.dataset.state = "failed"
      this.cue.textContent = STATE_TEXT.failed
    } else if (workerState === "ready" && !this.inFlight) {
      this.cue.remove()
    } else if (this.cue.dataset.state !== "loading") {
      this.cue.dataset.state = "loading"
      this.cue.textContent = ENGINE_CUE_TEXT
    }
  }

  showState() {
    this.updateEngineCue()
    if (!this.state) return
    let key = this.phase
    if (workerState === "failed") key = "failed"
    else if (key === "initial" || key === "ready") key = workerState === "ready" ? "ready" : workerState === "loading" ? "loading" : null
    else if (key === "computing" && workerState === "loading") key = "computing"
    if (key === "computing" || key === "typing") this.results.classList.add("is-stale")
    if (!key) return
    this.state.dataset.state = key
    this.state.textContent = STATE_TEXT[key]
  }

  /** A field that applies to one choice only (a billing mode) shows when that choice is made. */
  showApplicableFields() {
    const values = this.values()
    // Money fields follow a « currency » choice: their labels name the chosen currency.
    if (this.fields.has("currency")) {
      const unit = values.currency === "cad" ? "($\u00a0CAD)" : "(€)"
      for (const [, control] of this.fields) {
        const field = control.closest("[data-input]")
        if (field.dataset.unit !== "€") continue
        const label = field.querySelector("label")
        for (const node of label.childNodes) {
          if (node.nodeType === Node.TEXT_NODE) node.textContent = node.textContent.replace(/\((€|\$\u00a0CAD)\)/, unit)
        }
      }
    }
    for (const [, control] of this.fields) {
      const field = control.closest("[data-input]")
      const condition = field.dataset.showIf
      if (!condition) continue
      const [choice, allowed] = condition.split(":")
      field.hidden = !allowed.split(",").includes(values[choice])
    }
  }

  /** Fields that still hold the example's value are marked, and the results say which they are. */
  markExamples() {
    this.showApplicableFields()
    const names = []
    for (const [id, control] of this.fields) {
      const field = control.closest("[data-input]")
      const example = this.isExample(id)
      field.classList.toggle("guide-field--example", example)
      if (example) names.push(fieldName(field))
    }
    if (!this.examples) return
    if (this.allExamples()) {
      this.examples.textContent = "Tous les champs contiennent les valeurs d’exemple (marquées «\u202fexemple\u202f»)\u202f: " +
        "le résultat est celui de l’exemple. Remplacez-les par vos chiffres."
      this.examples.hidden = false
    } else if (names.length) {
      this.examples.textContent = `Valeurs d’exemple encore utilisées\u202f: ${names.join(", ")}. ` +
        "Les résultats qui en dépendent décrivent l’exemple, pas votre entreprise."
      this.examples.hidden = false
    } else {
      this.examples.hidden = true
    }
  }

  /** A shown field that still holds the example's value, not one the reader typed or the link gave. */
  isExample(id) {
    const control = this.fields.get(id)
    return !control.closest("[data-input]").hidden && !this.fromReader.has(id) && valueOf(control) !== ""
  }

  /** Every shown field holds the example's value: the results are the example's. */
  allExamples() {
    return [...this.fields.keys()].every((id) => this.fields.get(id).closest("[data-input]").hidden || this.isExample(id))
  }

  /** On a phone, the main results stay in view above the fields while the reader types (as the page
   * pre-renders them: calculators/html.py, render_summary), marked « exemple » until the reader (or the link)
   * gives a value of their own. */
  fillSummary() {
    if (!this.summary) return
    const ids = (this.summary.dataset.summary || "").split(",").filter(Boolean)
    this.summary.textContent = ""
    // Until the reader has given every shown field, the summary says which values are still the example's:
    // a recommendation can rest on an example day rate the reader never typed.
    const examples = [...this.fields.keys()].filter((id) => this.isExample(id))
      .map((id) => fieldName(this.fields.get(id).closest("[data-input]")))
    if (!this.fromReader.size || examples.length) {
      const badge = document.createElement("span")
      badge.className = "guide-calculator__summary-example"
      // Kept in view above the fields on a phone: two names at most, then a count (the results list them all).
      const named = examples.length > 3 ? `${examples.slice(0, 2).join(", ")} et ${examples.length - 2} autres champs`
        : examples.join(", ")
      badge.textContent = !this.fromReader.size ? "exemple" : `exemple pour\u202f: ${named}`
      this.summary.append(badge)
    }
    for (const result of this.results.querySelectorAll(".guide-result__examples")) result.remove()
    if (this.fromReader.size && examples.length) {
      for (const id of ids) {
        const value = this.results.querySelector(`.guide-result[data-output="${CSS.escape(id)}"] dd`)
        if (!value) continue
        const note = document.createElement("span")
        note.className = "guide-result__examples"
        note.textContent = `Calculé avec des valeurs d’exemple pour\u202f: ${examples.join(", ")}.`
        value.append(note)
      }
    }
    for (const id of ids) {
      const result = this.results.querySelector(`.guide-result[data-output="${CSS.escape(id)}"]`)
      if (!result) continue
      const item = document.createElement("span")
      item.className = "guide-calculator__summary-item"
      const label = document.createElement("span")
      label.className = "guide-calculator__summary-label"
      label.textContent = text(result.querySelector("dt")).replace(/\s*\(.*\)$/, "")
      const value = document.createElement("strong")
      const shown = result.querySelector(".guide-result__value")
      value.textContent = shown ? text(shown) : "non calculé"
      item.append(label, " ", value)
      this.summary.append(item)
    }
    this.summary.hidden = !this.summary.querySelector(".guide-calculator__summary-item")
  }

  /** The inputs as printed beside the results: the reader's values, and which are still examples. */
  fillPrintInputs() {
    if (!this.printInputs) return
    const table = document.createElement("table")
    const caption = document.createElement("caption")
    caption.textContent = "Vos valeurs"
    const head = document.createElement("tr")
    for (const title of ["Champ", "Valeur", "Origine"]) {
      const cell = document.createElement("th")
      cell.scope = "col"
      cell.textContent = title
      head.append(cell)
    }
    table.append(caption, head)
    for (const [id, control] of this.fields) {
      const field = control.closest("[data-input]")
      if (field.hidden) continue
      const row = document.createElement("tr")
      const label = document.createElement("th")
      label.scope = "row"
      label.textContent = fieldName(field, true)
      const value = document.createElement("td")
      value.textContent = shownValue(control) || "non renseigné"
      const origin = document.createElement("td")
      origin.textContent = this.fromReader.has(id) ? "votre valeur" : "valeur d’exemple"
      row.append(label, value, origin)
      table.append(row)
    }
    this.printInputs.textContent = ""
    this.printInputs.append(table)
  }

  async copyLink() {
    this.writeURL()
    const url = window.location.href
    try {
      await navigator.clipboard.writeText(url)
      this.copied.textContent = "Lien copié\u202f: il reproduit vos valeurs."
    } catch (error) {
      this.copied.textContent = `Copiez ce lien\u202f: ${url}`
    }
  }

  /** Rows of [kind, label, value as shown, number, unit, remark]: the inputs, then the results. */
  rows() {
    const rows = []
    for (const [id, control] of this.fields) {
      const field = control.closest("[data-input]")
      if (field.hidden) continue
      const label = fieldName(field, true)
      const read = (this.shownValues || {})[id] // as the calculator read it: a number, or a choice's id
      const number = typeof read === "string" && /^-?[0-9]+(\.[0-9]+)?$/.test(read) ? read : ""
      rows.push(["Saisie", label, shownValue(control), number, field.dataset.unit || "",
        this.fromReader.has(id) ? "" : "valeur d’exemple"])
    }
    for (const result of this.results.querySelectorAll(".guide-result")) {
      const value = result.querySelector(".guide-result__value")
      const status = result.querySelector(".guide-status")
      const note = result.querySelector(".guide-result__note")
      const number = /^-?[0-9]+(\.[0-9]+)?$/.test(result.dataset.value || "") ? result.dataset.value : ""
      rows.push([
        "Résultat",
        text(result.querySelector("dt")),
        value ? text(value) : "non calculé",
        number,
        result.dataset.unit || "",
        [status && text(status), note && text(note)].filter(Boolean).join(" – "),
      ])
    }
    return rows
  }

  title() {
    const heading = document.querySelector(".md-content h1")
    if (!heading) return this.name
    const copy = heading.cloneNode(true)
    for (const link of copy.querySelectorAll(".headerlink")) link.remove()
    return text(copy)
  }

  async copyText() {
    const lines = [this.title(), ""]
    for (const [kind, label, value, , , remark] of this.rows()) {
      lines.push(`${kind === "Saisie" ? "•" : "→"} ${label}\u202f: ${value}${remark ? ` (${remark})` : ""}`)
    }
    lines.push("", window.location.href)
    try {
      await navigator.clipboard.writeText(lines.join("\n"))
      this.copied.textContent = "Résultats copiés."
    } catch (error) {
      this.copied.textContent = "Copie impossible dans ce navigateur\u202f: utilisez l’export CSV."
    }
  }

  exportCSV() {
    const cell = (value) => `"${String(value).replace(/"/g, '""')}"`
    // Numbers as numbers, with the decimal comma a French spreadsheet expects; the unit in its own column.
    const number = (value) => (value === "" ? "" : value.replace(".", ","))
    const header = ["Type", "Intitulé", "Valeur", "Unité", "Valeur affichée", "Remarque"]
    const lines = [header.map(cell).join(";")]
    for (const [kind, label, shown, value, unit, remark] of this.rows()) {
      lines.push([cell(kind), cell(label), number(value), cell(unit), cell(shown), cell(remark)].join(";"))
    }
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

/** A field's label without the « exemple » badge (and without its unit unless ``withUnit``). */
function fieldName(field, withUnit = false) {
  const label = field.querySelector("legend, label").cloneNode(true)
  for (const badge of label.querySelectorAll(".guide-field__example")) badge.remove()
  const name = text(label)
  return withUnit ? name : name.replace(/\s*\([^)]*\)$/, "")
}

/** An element's text on one line. Only the spaces of the HTML source collapse: the no-break and narrow
 * no-break spaces of French typography (before « : », inside « … », in « 12 000 ») stay as they are. */
function text(element) {
  return element ? element.textContent.replace(/[ \t\n\r\f]+/g, " ").replace(/^ | $/g, "") : ""
}

function valueOf(control) {
  if (control.tagName === "FIELDSET") {
    return [...control.querySelectorAll("input[type=checkbox]:checked")].map((box) => box.value).join(",")
  }
  return control.value
}

// The value the page was built with (its HTML), whatever was typed since.
function builtValueOf(control) {
  if (control.tagName === "FIELDSET") {
    return [...control.querySelectorAll("input[type=checkbox]")].filter((box) => box.defaultChecked).map((box) => box.value).join(",")
  }
  if (control.tagName === "SELECT") {
    const option = [...control.options].find((choice) => choice.defaultSelected) || control.options[0]
    return option ? option.value : ""
  }
  return control.defaultValue
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
