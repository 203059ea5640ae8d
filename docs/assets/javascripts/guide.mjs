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
 */
let firstPage = true
let fromHistory = false
window.addEventListener("popstate", () => {
  fromHistory = true
})

function revealTarget() {
  if (!window.location.hash) return
  let id
  try {
    id = decodeURIComponent(window.location.hash.slice(1))
  } catch (error) {
    return
  }
  const target = document.getElementById(id)
  if (!target) return
  const top = target.getBoundingClientRect().top
  if (top < 0 || top > window.innerHeight * 0.6) target.scrollIntoView({ block: "start" })
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

let calculators = null
function loadCalculators() {
  // calculators.mjs subscribes to document$ itself; Material replays the current page to a late subscriber.
  if (!calculators && document.querySelector(".guide-calculator")) {
    calculators = import(new URL("calculators.mjs", import.meta.url).href)
  }
}

function onPage() {
  const skip = firstPage || fromHistory
  firstPage = false
  fromHistory = false
  if (!skip) window.requestAnimationFrame(() => window.requestAnimationFrame(revealTarget))
  nameThemeLandmarks()
  loadCalculators()
}

document.addEventListener("input", event => {
  const field = event.target
  if (field instanceof HTMLInputElement && field.matches("[data-md-component=search-query]")) {
    field.dispatchEvent(new KeyboardEvent("keyup", { bubbles: true }))
  }
}, true)

if (typeof window.document$ !== "undefined") window.document$.subscribe(onPage)
else onPage()
