/*
 * The guide's only script on every page (Material's own aside), kept small: run after each page that
 * Material's instant navigation shows (document$), or once without it.
 *
 * 1. After an in-site link to another page with a #fragment, bring the target into view. Material
 *    does so for headings, but a link to a card or a table row (for example « Full-stack » in
 *    modeles/#full-stack) stayed at the previous page's scroll offset. Back and forward (popstate)
 *    keep Material's own scroll restoration; a full page load is left to the browser.
 * 2. Names that Material's templates leave out, found by axe-core (tests/browser/test_accessibility.py): the
 *    search dialog needs a name, and the breadcrumb reuses the main menu's « Navigation » where each
 *    navigation landmark needs a name of its own.
 * 3. The calculators' code (calculators.mjs, its worker and Pyodide) is loaded only on a page that
 *    shows a calculator, the first time one is shown: other pages run none of it.
 * 4. Material's search reads the query on keyup only: a query pasted with the mouse, completed by the
 *    browser or a phone's keyboard (an input event without a key) was never searched. Each such change
 *    now tells Material as a key would (it ignores a value it has already searched).
 * 5. The light/dark toggle. Material's palette component is not mounted (overrides/partials/palette.html:
 *    as it starts, it restyles the whole page twice); the page's colours are chosen before its content is
 *    parsed, and the reader's choice is applied here as Material applies it: colours on <body> without
 *    transitions, the other toggle shown, the choice kept for the next pages, Enter on the focused option,
 *    the browser's bar in the header's colour. Until the reader chooses, the page follows the system's
 *    light or dark setting.
 * 6. The glossary's tooltips. Material would mount a tooltip component on each term's <abbr> as the page
 *    starts, inside its start-up task (23 terms on the FAQ); the page marks them data-preview,
 *    which Material skips (overrides/main.html), and the tooltip is built here when the reader points at
 *    (or taps) a term: Material's own tooltip element and styles, placed under the term as Material
 *    places it, the title lifted meanwhile so that the browser's own tooltip does not show as well.
 * 7. A search result leads to the section that answers. Material links each result's title to the top of its
 *    page, lists below it the page's sections that scored as high as the best of them and folds the others under
 *    « more »: when the best section matched the question as well as the page's title and introduction (Material's
 *    extra weight for a page's top set aside: SECTION_VERSUS_PAGE), the title's link goes to that section too, so
 *    that the reader lands on the answer instead of two to seven screens above it (Enter already opened the
 *    best-scored link).
 * 8. A page opens at its own scroll offset. Material saves the reader's offset in the current history entry
 *    100 ms after they stop scrolling, so as to restore it on Back; a link followed within those 100 ms (a tap
 *    right after a flick) had the offset of the page being left saved in the entry of the page being opened
 *    (pushed meanwhile), and that page opened as far down, its first screen skipped; Back right after a scroll
 *    returned to the previous page at the offset of the one being left. An offset is now saved only in the
 *    entry of the page it was read on.
 * 9. A page opened at a target (point 1, a search result, a link with a #fragment) keeps Material's « Retour en
 *    haut de la page » hidden until the reader moves: the page's own moves to keep the target in place are not
 *    the reader's scrolling up, and the button covered the target's heading.
 */
let firstPage = true
let fromHistory = false

// Point 8. The page (path) whose offset Material is about to save: the one shown at the last scroll, or at the
// last click (Material saves the offset as a link is followed, before its address changes). Material saves an
// offset alone (replaceState(offset, "")), without an address; a calculator's replaceState, with an address, is
// left as it is.
let scrolledOn = window.location.pathname
const offsetRead = () => {
  scrolledOn = window.location.pathname
}
window.addEventListener("scroll", offsetRead, { passive: true })
window.addEventListener("click", offsetRead, { capture: true })
const replaceState = History.prototype.replaceState
History.prototype.replaceState = function (state, unused, url) {
  const offsetOnly = url === undefined && state !== null && typeof state === "object" && "y" in state
  if (offsetOnly && scrolledOn !== window.location.pathname) return undefined
  return replaceState.apply(this, arguments)
}
// Back and forward only: Material's instant navigation to a page's #fragment ends with a fragment navigation
// (a popstate too), to an entry without Material's saved scroll offset (state null).
window.addEventListener("popstate", event => {
  fromHistory = event.state !== null
})
// A search result on the page being read changes only the #fragment: no new page, so no onPage.
window.addEventListener("hashchange", () => {
  if (document.body.hasAttribute("data-md-scrolllock")) afterScrollLock(revealTarget)
})

// On a phone, Material fixes the page in place while its search is open, and frees it 100 ms after the search
// closes, scrolling back to where the reader was: a result followed meanwhile (its #fragment set while the page
// could not move) opened at the top of the page, or where the previous one had been read. Wait for that.
function afterScrollLock(callback) {
  if (!document.body.hasAttribute("data-md-scrolllock")) return false
  const observer = new MutationObserver(() => {
    if (document.body.hasAttribute("data-md-scrolllock")) return
    observer.disconnect()
    window.requestAnimationFrame(callback)
  })
  observer.observe(document.body, { attributes: true, attributeFilter: ["data-md-scrolllock"] })
  return true
}

// The page just shown is watched for up to MAX_FRAMES frames: on a phone, as Material's search closes, the
// layout viewport can be taller than the screen for a few frames (seen 2 658 px, then 1 463 px, for 844 px), and
// a target aligned then ended half-way down. It is aligned once the viewport is the screen's size again, until
// it has stayed in place STILL_FRAMES frames; watching stops as soon as the reader scrolls, touches or types.
// Material shows « Retour en haut de la page » when the page scrolls up: the page scrolled up to keep the target
// in place (a calculator above it changing height as it starts: seen 45 px on /internalisation/#formule) drew
// that button over the target's heading. It stays hidden (LANDING, guide.css) until the reader scrolls, touches
// or types.
const MAX_FRAMES = 90
const STILL_FRAMES = 5
const LANDING = "guide-landing"
let revealing = 0

function stopRevealing() {
  revealing += 1
  document.documentElement.classList.remove(LANDING)
}
for (const type of ["wheel", "touchstart", "keydown", "mousedown"]) {
  window.addEventListener(type, stopRevealing, { passive: true, capture: true })
}

function revealTarget() {
  if (!window.location.hash || afterScrollLock(revealTarget)) return
  let id
  try {
    id = decodeURIComponent(window.location.hash.slice(1))
  } catch (error) {
    return
  }
  const target = document.getElementById(id)
  if (!target) return
  const run = ++revealing
  document.documentElement.classList.add(LANDING)
  let frames = 0
  let still = 0
  // At the top of the screen, below the sticky header (the target's scroll-margin-top), as a browser places the
  // target of a link it loads itself.
  const reveal = () => {
    if (run !== revealing) return
    const screen = window.visualViewport
    const settled = !screen || Math.abs(window.innerHeight - screen.height * screen.scale) <= 1
    if (settled) {
      const margin = parseFloat(window.getComputedStyle(target).scrollMarginTop) || 0
      const top = target.getBoundingClientRect().top
      if (Math.abs(top - margin) > 2) target.scrollIntoView({ block: "start" })
      // Still: in place, or as near as the page can scroll (a target at its very end).
      still = Math.abs(target.getBoundingClientRect().top - top) < 1 ? still + 1 : 0
    }
    if (still < STILL_FRAMES && ++frames < MAX_FRAMES) window.requestAnimationFrame(reveal)
  }
  reveal()
}

function nameThemeLandmarks() {
  const labels = [
    [".md-search", "Recherche dans le guide"],
    [".md-path", "Fil d’Ariane"],
  ]
  for (const [selector, label] of labels) {
    for (const element of document.querySelectorAll(selector)) element.setAttribute("aria-label", label)
  }
}

// The best section of a search result (the first one listed after the page's title, shown or folded under « more »),
// or null when the page's own title and introduction matched better. Material weighs a page's top above its
// sections (for the share s of the typed words a result holds, 1 + (1 + s)² against 1 + s², which the search
// patch doubles for sections: from 1,25 to 1,3 times more for the same match): a section whose own match is as good
// as the top's, that weight set aside, is where the answer is.
const SECTION_VERSUS_PAGE = 0.75
function bestSection(item) {
  const page = item.firstElementChild
  const next = item.querySelector(":scope > a.md-search-result__link ~ a.md-search-result__link, :scope > details a.md-search-result__link")
  if (!page || !next || !page.matches("a.md-search-result__link")) return null
  const pageScore = parseFloat(page.firstElementChild?.getAttribute("data-md-score"))
  const sectionScore = parseFloat(next.firstElementChild?.getAttribute("data-md-score"))
  return sectionScore >= pageScore * SECTION_VERSUS_PAGE && new URL(next.href).hash ? next : null
}

function leadToSection(item) {
  const section = bestSection(item)
  if (section) item.firstElementChild.href = section.href
}

let searchResults = null
function watchSearchResults() {
  const list = document.querySelector(".md-search-result__list")
  if (!list || list === searchResults) return
  searchResults = list
  new MutationObserver(records => {
    for (const record of records) {
      for (const node of record.addedNodes) if (node instanceof HTMLElement && node.matches("li")) leadToSection(node)
    }
  }).observe(list, { childList: true })
}

let calculators = null
function loadCalculators() {
  // calculators.mjs subscribes to document$ itself; Material replays the current page to a late subscriber.
  if (!calculators && document.querySelector(".guide-calculator")) {
    calculators = import(new URL("calculators.mjs", import.meta.url).href)
  }
}

function onPage() {
  const skip = firstPage || fromHistory
  // A page loaded at a target: the browser placed it, and keeps it in place as the page above it changes.
  if (firstPage && window.location.hash) document.documentElement.classList.add(LANDING)
  firstPage = false
  fromHistory = false
  if (!skip) window.requestAnimationFrame(() => window.requestAnimationFrame(revealTarget))
  nameThemeLandmarks()
  watchSearchResults()
  loadCalculators()
  hideTerm(true)
}

document.addEventListener("input", event => {
  const field = event.target
  if (field instanceof HTMLInputElement && field.matches("[data-md-component=search-query]")) {
    field.dispatchEvent(new KeyboardEvent("keyup", { bubbles: true }))
  }
}, true)

const PALETTE_KEYS = ["media", "scheme", "primary", "accent"]

function paletteOf(input) {
  return Object.fromEntries(PALETTE_KEYS.map(key => [key, input.getAttribute(`data-md-color-${key}`)]))
}

function metaNamed(name) {
  let meta = document.head.querySelector(`meta[name="${name}"]`)
  if (!meta) {
    meta = document.createElement("meta")
    meta.name = name
    document.head.append(meta)
  }
  return meta
}

function browserColours() {
  const header = document.querySelector("[data-md-component=header]")
  if (!header) return
  const style = window.getComputedStyle(header)
  const rgb = (style.backgroundColor.match(/\d+/g) || []).slice(0, 3)
  if (rgb.length === 3) metaNamed("theme-color").content = "#" + rgb.map(v => (+v).toString(16).padStart(2, "0")).join("")
  metaNamed("color-scheme").content = style.colorScheme
}

function setUpPalette() {
  const form = document.querySelector("[data-guide-palette]")
  if (!form) return
  const inputs = [...form.querySelectorAll("input")]
  // The option whose toggle is shown is the current one (chosen by the partial's script).
  let current = Math.max(0, inputs.findIndex(input => input.nextElementSibling?.hidden === false))

  function show(index) {
    current = index
    const body = document.body
    body.setAttribute("data-md-color-switching", "") // Material's CSS: no transition while colours change
    for (const [key, value] of Object.entries(paletteOf(inputs[index]))) body.setAttribute(`data-md-color-${key}`, value)
    inputs.forEach((input, position) => {
      input.checked = position === index // as Material: the arrow keys move from the current option
      const label = input.nextElementSibling
      if (label instanceof HTMLLabelElement) label.hidden = position !== index
    })
    browserColours()
    window.setTimeout(() => body.removeAttribute("data-md-color-switching"))
  }

  form.addEventListener("change", event => {
    const index = inputs.indexOf(event.target)
    if (index < 0) return
    show(index)
    window.__md_set("__palette", { index, color: paletteOf(inputs[index]) })
  })
  form.addEventListener("keydown", event => {
    if (event.key !== "Enter") return
    const next = inputs[(current + 1) % inputs.length]
    next.click()
    next.focus()
  })
  inputs.forEach((input, index) => {
    const query = window.matchMedia(input.getAttribute("data-md-color-media"))
    query.addEventListener("change", () => {
      const chosen = window.__md_get("__palette")
      if (!(chosen && chosen.color) && query.matches && index !== current) show(index)
    })
  })
  // The browser's bar: once the page is shown and idle, when reading the header's style costs nothing.
  if ("requestIdleCallback" in window) window.requestIdleCallback(browserColours, { timeout: 3000 })
  else window.setTimeout(browserColours, 1000)
}

const TERM_TOOLTIP_ID = "__guide_term"
let term = null // the <abbr> whose tooltip is shown
let bubble = null

function placeBubble() {
  if (!term || !bubble) return
  const host = term.getBoundingClientRect()
  bubble.style.setProperty("--md-tooltip-host-x", `${host.x + window.scrollX}px`)
  bubble.style.setProperty("--md-tooltip-host-y", `${host.y + window.scrollY}px`)
  bubble.style.setProperty("--md-tooltip-x", `${host.width / 2}px`)
  bubble.style.setProperty("--md-tooltip-y", `${8 + host.height}px`)
}

function hideTerm(now = false) {
  if (!term) return
  const [shown, node] = [term, bubble]
  term = bubble = null
  shown.removeAttribute("aria-describedby")
  if (shown.dataset.guideTitle !== undefined) {
    shown.setAttribute("title", shown.dataset.guideTitle)
    delete shown.dataset.guideTitle
  }
  window.removeEventListener("scroll", placeBubble, true)
  node.removeAttribute("id")
  node.classList.remove("md-tooltip2--active")
  if (now) node.remove()
  else window.setTimeout(() => node.remove(), 250) // Material's fade-out
}

function showTerm(abbr) {
  if (term === abbr) return
  hideTerm(true)
  const text = abbr.getAttribute("title")
  if (!text) return
  abbr.dataset.guideTitle = text
  abbr.removeAttribute("title")
  term = abbr
  bubble = document.createElement("div")
  bubble.className = "md-tooltip2 md-tooltip2--bottom"
  bubble.setAttribute("role", "tooltip")
  bubble.id = TERM_TOOLTIP_ID
  const inner = document.createElement("div")
  inner.className = "md-tooltip2__inner md-typeset"
  inner.textContent = text
  bubble.append(inner)
  document.body.append(bubble)
  placeBubble()
  // As Material does for a tooltip that only informs: as wide as its text, without a tail.
  bubble.style.setProperty("--md-tooltip-width", `${inner.offsetWidth}px`)
  bubble.style.setProperty("--md-tooltip-tail", "0px")
  abbr.setAttribute("aria-describedby", TERM_TOOLTIP_ID)
  window.addEventListener("scroll", placeBubble, { capture: true, passive: true })
  const shown = bubble
  window.requestAnimationFrame(() => shown.classList.add("md-tooltip2--active"))
}

function termAt(target) {
  return target instanceof Element ? target.closest(".md-content abbr[data-preview]") : null
}

document.addEventListener("mouseover", event => {
  const abbr = termAt(event.target)
  if (abbr) showTerm(abbr)
})
document.addEventListener("mouseout", event => {
  const abbr = termAt(event.target)
  if (abbr && abbr === term && !abbr.contains(event.relatedTarget)) hideTerm()
})

setUpPalette()
if (typeof window.document$ !== "undefined") window.document$.subscribe(onPage)
else onPage()
