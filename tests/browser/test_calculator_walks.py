"""Calculators as a prospect walks through them, on a phone and a laptop, under Material's instant
navigation: never a stale result shown as current, never a lost input, typing character by character,
examples told apart from the reader's data, the printout and the exports with the reader's inputs,
both colour themes and JavaScript off."""

from __future__ import annotations

import json

import pytest
from selectolax.lexbor import LexborHTMLParser

from calculators.contract import load_calculator, run
from calculators.html import render_form, render_results
from tests.helpers import framework_data, phase_heading, phase_of
from tests.site_text import normalise
from tests.support import axe_violations, goto_with_instant_navigation, watched_page

pytestmark = pytest.mark.browser
LIVE_TIMEOUT = 90_000  # booting Pyodide on a small machine; not a performance assertion
PHONE = {"width": 390, "height": 844}

def shown_value(guide, name: str, inputs: dict, output: str) -> str:
    """The value the calculator ``name`` shows for ``output`` (its example's inputs, ``inputs`` changed), as the page
    writes it, spaces as one: computed by the calculator itself from the YAML, never today's figure copied here."""
    calculator = load_calculator(name, guide.frameworks)
    html = str(render_results(calculator, run(calculator, inputs)))
    [value] = LexborHTMLParser(html).css(f'.guide-result[data-output="{output}"] .guide-result__value')
    return " ".join(value.text().split())


def example_input(guide, name: str, field: str) -> str:
    """The worked example's value of ``field`` as the form shows it before the reader types (spaces as one)."""
    calculator = load_calculator(name, guide.frameworks)
    [value] = LexborHTMLParser(render_form(calculator, {})).css(f'input[id$="-{field}"]')
    return " ".join(value.attributes["value"].split())



@pytest.fixture
def phone(browser, site_url):
    context = browser.new_context(viewport=PHONE, locale="fr-FR", has_touch=True, is_mobile=True)
    yield watched_page(context, site_url)
    context.close()


def results(page) -> str:
    return normalise(page.locator(".guide-calculator__results").inner_text())


def state(page) -> str:
    return page.locator(".guide-calculator__state[data-state]").get_attribute("data-state")


def wait_until_ready_for(page, text: str):
    """The live result for the inputs on screen: the text shown and the state « prêt »."""
    page.wait_for_function(
        """text => {
            const results = document.querySelector('.guide-calculator__results')
            const state = document.querySelector('.guide-calculator__state[data-state]')
            return state.dataset.state === 'ready' && !results.classList.contains('is-stale')
                && results.textContent.replace(/\\s+/g, ' ').includes(text)
        }""", arg=text, timeout=LIVE_TIMEOUT)


def type_slowly(page, selector: str, text: str):
    field = page.locator(selector)
    field.click()
    field.press("Control+A")
    field.press("Backspace")
    field.press_sequentially(text, delay=60)


# Reports every change of the ROI calculator's (state, result shown) to the test, in every document the page
# loads, from the moment the DOM is there: an invariant is then checked at every instant, not once.
WATCH_ROI_RESULT = """
document.addEventListener("DOMContentLoaded", () => {
  let last = null
  const report = () => {
    const state = document.querySelector(".guide-calculator__state[data-state]")
    const results = document.querySelector(".guide-calculator__results")
    if (!state || !results || !location.pathname.endsWith("/roi/")) return
    const seen = [state.dataset.state, results.textContent.replace(/\\s+/g, " ").includes(window.guideRoiExpected)]
    if (last && seen[0] === last[0] && seen[1] === last[1]) return
    last = seen
    window.guideRoiShown(seen[0], seen[1])
  }
  new MutationObserver(report).observe(document.body, {subtree: true, childList: true, attributes: true,
                                                       characterData: true})
  report()
})
"""


def test_back_after_typing_shows_the_result_of_the_inputs_shown(page, site_url, guide):
    typed = shown_value(guide, "roi", {"marketing_spend": "8 000"}, "romi")
    example = shown_value(guide, "roi", {}, "romi")
    assert typed != example
    page.add_init_script(f"window.guideRoiExpected = {json.dumps(typed)}")
    shown = []  # (state, whether the result shown is the one of 8 000 €), as the page reports them
    page.expose_function("guideRoiShown", lambda state, current: shown.append((state, current)))
    page.add_init_script(WATCH_ROI_RESULT)
    page.goto(site_url + "roi/")
    type_slowly(page, "#calc-roi-marketing_spend", "8 000")
    wait_until_ready_for(page, typed)
    page.locator('.md-nav__link[href$="/internalisation/"]').first.click()
    page.wait_for_url("**/internalisation/**")
    page.locator("#calc-internalisation-day_rate").wait_for()
    back = len(shown)
    page.go_back()
    page.wait_for_url("**/roi/**")
    page.locator("#calc-roi-marketing_spend").wait_for()
    assert page.locator("#calc-roi-marketing_spend").input_value() == "8 000"
    wait_until_ready_for(page, typed)
    assert example not in results(page)
    page.wait_for_function("() => true")  # the last reports are delivered
    after_back = shown[back:]
    assert after_back and after_back[-1] == ("ready", True)
    # Until the live result is there, the example's result is never presented as current.
    assert [seen for seen in after_back if seen[0] == "ready" and not seen[1]] == []
    assert page.console_errors == [] and page.outside_requests == []


def test_an_in_site_link_with_inputs_computes_for_them(page, site_url, guide):
    page.goto(site_url + "roi/")
    type_slowly(page, "#calc-roi-marketing_spend", "8 000")
    wait_until_ready_for(page, shown_value(guide, "roi", {"marketing_spend": "8 000"}, "romi"))  # the worker is booted: the next page must not rely on its « ready »
    page.evaluate("""() => {
        const link = document.createElement('a')
        link.href = new URL('../internalisation/?day_rate=700', location.href).href
        link.id = 'test-link'
        link.textContent = 'lien'
        document.querySelector('.md-content article').prepend(link)
    }""")
    page.locator("#test-link").click()
    page.wait_for_url("**/internalisation/?day_rate=700")
    page.locator("#calc-internalisation-day_rate").wait_for()
    assert page.locator("#calc-internalisation-day_rate").input_value() == "700"
    linked = shown_value(guide, "internalisation", {"day_rate": "700"}, "external_annual_cost")
    example = shown_value(guide, "internalisation", {}, "external_annual_cost")
    assert linked != example
    wait_until_ready_for(page, linked)  # 700 € a day, not the example's rate
    assert example not in normalise(page.locator('.guide-result[data-output="external_annual_cost"]').inner_text())


def test_a_number_typed_before_the_calculator_s_code_runs_is_computed_and_kept(page, site_url, guide):
    # On a slow phone, or while instant navigation finishes, the form is on screen before its code runs: the
    # calculators' module is held here until the reader has typed.
    held = []
    page.route("**/calculators.mjs", lambda route: held.append(route))
    page.goto(site_url + "internalisation/", wait_until="commit")  # its load waits for the module held
    type_slowly(page, "#calc-internalisation-day_rate", "900")
    assert held  # the code had not run: nothing answered the keys
    for route in held:
        route.continue_()
    page.unroute("**/calculators.mjs")
    typed = shown_value(guide, "internalisation", {"day_rate": "900"}, "external_annual_cost")
    assert typed != shown_value(guide, "internalisation", {}, "external_annual_cost")
    wait_until_ready_for(page, typed)  # 900 € a day, not the example's result shown as theirs
    assert page.locator("#calc-internalisation-day_rate").input_value() == "900"
    assert "day_rate=900" in page.url  # the link reproduces it
    assert not page.locator('[data-input="day_rate"]').get_attribute("class").count("guide-field--example")


def test_back_with_a_focused_field_never_writes_the_other_page_s_url(page, site_url, guide):
    goto_with_instant_navigation(page, site_url + "roi/")
    page.locator('.md-nav__link[href$="/internalisation/"]').first.click()
    page.wait_for_url("**/internalisation/")
    type_slowly(page, "#calc-internalisation-day_rate", "900")
    assert page.locator("#calc-internalisation-day_rate").evaluate("el => el === document.activeElement")
    page.go_back()
    page.wait_for_url("**/roi/**")
    page.locator("#calc-roi-marketing_spend").wait_for()
    page.wait_for_timeout(500)
    assert "day_rate" not in page.url
    assert page.locator(".guide-calculator__notice").is_hidden()
    assert page.locator("#calc-roi-marketing_spend").input_value() == example_input(guide, "roi", "marketing_spend")


def test_typing_an_unfinished_number_is_not_an_error_until_the_reader_leaves(page, site_url, guide):
    page.goto(site_url + "internalisation/")
    wait_until_ready_for(page, shown_value(guide, "internalisation", {}, "external_annual_cost"))
    type_slowly(page, "#calc-internalisation-days_per_week", "1,")
    page.wait_for_function("() => document.querySelector('.guide-calculator__state').dataset.state === 'typing'",
                           timeout=LIVE_TIMEOUT)
    assert page.locator("#calc-internalisation-days_per_week-erreur").is_hidden()
    assert page.locator(".guide-calculator__results").get_attribute("class").count("is-stale") == 1
    page.locator("#calc-internalisation-days_per_week").press_sequentially("5", delay=60)
    wait_until_ready_for(page, shown_value(guide, "internalisation", {"days_per_week": "1,5"}, "external_annual_cost"))
    type_slowly(page, "#calc-internalisation-days_per_week", "2,")
    page.locator("#calc-internalisation-weeks_per_year").focus()  # leaving the field: now it is an error
    page.locator("#calc-internalisation-days_per_week-erreur").wait_for(state="visible", timeout=LIVE_TIMEOUT)
    assert "inachevé" in page.locator("#calc-internalisation-days_per_week-erreur").inner_text()


def test_examples_are_marked_until_the_reader_replaces_them(page, site_url):
    page.goto(site_url + "roi/")
    assert page.locator('[data-input="gross_margin_pct"] .guide-field__example').is_visible()
    notice = page.locator(".guide-calculator__examples")
    assert "Tous les champs contiennent les valeurs d’exemple" in notice.inner_text()
    type_slowly(page, "#calc-roi-marketing_spend", "8 000")
    page.wait_for_function("() => document.querySelector('.guide-calculator__examples').textContent.includes('Marge brute')")
    assert "Coût marketing" not in notice.inner_text()
    type_slowly(page, "#calc-roi-gross_margin_pct", "55")
    page.wait_for_function("() => !document.querySelector('.guide-calculator__examples').textContent.includes('Marge brute')")
    assert page.locator('[data-input="gross_margin_pct"] .guide-field__example').is_hidden()
    assert "_saisis=marketing_spend%2Cgross_margin_pct" in page.url


def test_on_a_phone_the_main_results_stay_in_view_while_typing(phone, site_url):
    phone.goto(site_url + "roi/")
    phone.locator("#calc-roi-horizon_months").scroll_into_view_if_needed()
    type_slowly(phone, "#calc-roi-attributed_revenue", "60 000")
    wait_until_ready_for(phone, "500 %")
    phone.locator("#calc-roi-horizon_months").scroll_into_view_if_needed()
    summary = phone.locator(".guide-calculator__summary")
    box = summary.bounding_box()
    assert summary.is_visible() and box is not None and 0 <= box["y"] < PHONE["height"]
    assert "500 %" in normalise(summary.inner_text())


def test_on_a_phone_the_summary_is_there_from_the_first_paint_so_the_fields_do_not_move(phone, site_url):
    """The summary is pre-rendered (calculators/html.py) as the script writes it: the fields do not move down
    when the script takes over, and it says « exemple » until the reader types a value of their own."""
    phone.add_init_script("""
        window.__moved = []
        new PerformanceObserver(list => {
          for (const shift of list.getEntries())
            for (const source of shift.sources)  // what moved in the article (a node, or its parent if text)
              for (let node = source.node; node; node = node.parentElement)
                if (node.nodeType === 1) {
                  if (node.closest(".md-content")) window.__moved.push(node.className || node.nodeName)
                  break
                }
        }).observe({ type: "layout-shift", buffered: true })""")
    phone.goto(site_url + "diagnostic/")
    summary = phone.locator(".guide-calculator__summary")
    pre_rendered = page_summary_before_script(phone)
    phone.wait_for_selector(".guide-field--example")  # the script has taken over the calculator
    phone.evaluate("() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))")
    assert summary.is_visible()
    assert summary_parts(phone) == pre_rendered
    diagnostic = framework_data("diagnostic")["calculateur"]  # the example's phase, as the YAML gives it today
    label = next(output["libelle"] for output in diagnostic["sorties"] if output["id"] == "phase")
    phase = phase_of(diagnostic["exemple"]["entrees"]["employees"])
    assert pre_rendered[0] == "exemple"
    assert normalise(pre_rendered[1]) == normalise(f"{label} {phase_heading(phase)}")
    assert "\u202f:" in pre_rendered[1]  # French typography: a narrow no-break space before the colon
    assert phone.evaluate("window.__moved") == []  # nothing in the article moved as the page started
    type_slowly(phone, "#calc-diagnostic-employees", "120")
    # One field typed: the summary still names the fields that hold the example's values, not the typed one.
    phone.wait_for_function("() => document.querySelector('.guide-calculator__summary-example')"
                            "?.textContent.startsWith('exemple pour')", timeout=LIVE_TIMEOUT)
    badge = normalise(phone.locator(".guide-calculator__summary-example").inner_text())
    typed = normalise(phone.locator("label[for='calc-diagnostic-employees']").inner_text()).split(" (")[0]
    assert typed not in badge
    assert "Calculé avec des valeurs d'exemple" in normalise(phone.locator(".guide-result__examples").first.inner_text()).replace("’", "'")
    assert summary_parts(phone)[1].startswith("Votre phase de maturité")
    assert phone.console_errors == []


PARTS_OF = "summary => [...summary.children].map(part => part.textContent)"


def summary_parts(page) -> list[str]:
    """The summary's badge and items, as the reader sees them now."""
    return page.locator(".guide-calculator__summary").evaluate(PARTS_OF)


def page_summary_before_script(page) -> list[str]:
    """The summary's badge and items as the server wrote them (the page's HTML fetched again, parsed by the
    browser)."""
    return page.evaluate(f"""async () => {{
        const html = await (await fetch(location.href)).text()
        const summary = new DOMParser().parseFromString(html, "text/html").querySelector(".guide-calculator__summary")
        return ({PARTS_OF})(summary)
    }}""")


def test_the_printout_lists_the_reader_s_inputs(page, site_url, guide):
    page.goto(site_url + "roi/")
    type_slowly(page, "#calc-roi-marketing_spend", "8 000")
    wait_until_ready_for(page, shown_value(guide, "roi", {"marketing_spend": "8 000"}, "romi"))
    page.emulate_media(media="print")
    table = page.locator(".guide-calculator__print-inputs table")
    assert table.is_visible()
    row = normalise(table.locator("tr", has_text="Coût marketing").inner_text())
    assert "8 000" in row and "votre valeur" in row
    assert "valeur d'exemple" in normalise(table.locator("tr", has_text="Marge brute").inner_text())


@pytest.mark.parametrize("path", ["roi/", "internalisation/", "diagnostic/"])
def test_calculator_controls_are_readable_in_both_themes(page, site_url, path):
    page.goto(site_url + path)
    for scheme in ("default", "slate"):  # the light theme, then the dark one, on the same page
        if scheme == "slate":  # switched as a reader does, with the toggle: colours change without a transition
            page.locator("label.md-header__button[for^='__palette']:visible").click()
        assert page.evaluate("() => document.body.dataset.mdColorScheme") == scheme
        violations = axe_violations(page, context={"include": [[".guide-calculator"]]},
                                    options={"runOnly": ["color-contrast"]})
        assert violations == [], scheme


def test_without_javascript_no_inert_control_and_one_honest_status(browser, site_url, guide):
    context = browser.new_context(java_script_enabled=False, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(site_url + "roi/")
    for action in ("copy-link", "copy-text", "export-csv", "print"):
        assert page.locator(f'[data-action="{action}"]').is_hidden()
    assert page.locator(".guide-calculator__summary").is_hidden()
    status = normalise(page.locator(".guide-calculator__panel").inner_text())
    assert "Résultat de l'exemple" in status.replace("’", "'") and "prêt" not in status
    assert shown_value(guide, "roi", {}, "romi") in normalise(page.locator(".guide-calculator__results").inner_text())
    context.close()


def test_the_billing_mode_shows_its_own_fields_and_the_currency_its_unit(page, site_url):
    page.goto(site_url + "internalisation/")
    assert page.locator('[data-input="monthly_retainer"]').is_hidden()
    page.locator("#calc-internalisation-external_mode").select_option("forfait")
    assert page.locator('[data-input="monthly_retainer"]').is_visible()
    assert page.locator('[data-input="day_rate"]').is_hidden()
    type_slowly(page, "#calc-internalisation-monthly_retainer", "8 000")
    type_slowly(page, "#calc-internalisation-direction_share_pct", "30")
    wait_until_ready_for(page, "28 800 €")
    page.locator("#calc-internalisation-currency").select_option("cad")
    assert "($\u00a0CAD)" in page.locator('label[for="calc-internalisation-gross_salary"]').inner_text()
    wait_until_ready_for(page, "28 800 $ CAD")
    assert "external_mode=forfait" in page.url and "currency=cad" in page.url
