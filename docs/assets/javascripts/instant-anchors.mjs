/*
 * After Material's instant navigation to another page with a #fragment, bring the target
 * into view. Material does so for headings, but a link to a card or a table row (for example
 * « Full-stack » in modeles/#full-stack) stayed at the previous page's scroll offset.
 * Back and forward (popstate) keep Material's own scroll restoration; a full page load
 * is left to the browser.
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

if (typeof window.document$ !== "undefined") {
  window.document$.subscribe(() => {
    const skip = firstPage || fromHistory
    firstPage = false
    fromHistory = false
    if (!skip) window.requestAnimationFrame(() => window.requestAnimationFrame(revealTarget))
  })
}
