/*
 * Names that Material's templates leave out, found by axe-core (tests/test_accessibility.py):
 * the search dialog needs a name, and the breadcrumb reuses the main menu's « Navigation »
 * where each navigation landmark needs a name of its own.
 * Set on every page, including after instant navigation.
 */
function nameThemeLandmarks() {
  const labels = [
    [".md-search", "Recherche dans le guide"],
    [".md-path", "Fil d’Ariane"],
  ]
  for (const [selector, label] of labels) {
    for (const element of document.querySelectorAll(selector)) element.setAttribute("aria-label", label)
  }
}

if (typeof window.document$ !== "undefined") window.document$.subscribe(nameThemeLandmarks)
else nameThemeLandmarks()
