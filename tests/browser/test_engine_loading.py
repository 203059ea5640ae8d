"""The calculators' engine (the worker and Pyodide) on a first visit: its download starts as soon as the page
is idle, without the reader scrolling to the calculator or touching it, also when instant navigation brings a
calculator; while it loads, a reader who types sees a cue right by the field being edited, until the live
result comes. The engine is held back by holding the request for pyodide.asm.wasm until the test releases
it: no test here depends on how long anything takes."""

from __future__ import annotations

import pytest

from tests.site_text import normalise
from tests.support import goto_with_instant_navigation, watched_page

pytestmark = pytest.mark.browser
LIVE_TIMEOUT = 90_000  # booting Pyodide on a small machine; not a performance assertion
CUE_TEXT = "Chargement du calcul en direct… Votre résultat s’affichera dès qu’il sera prêt."
DEVICES = {
    "telephone": {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True},
    "portable": {"viewport": {"width": 1280, "height": 900}},
}


def is_engine(request) -> bool:
    return request.url.endswith("/pyodide.asm.wasm")


def new_page(browser, site_url, device: str):
    return watched_page(browser.new_context(locale="fr-FR", **DEVICES[device]), site_url)


@pytest.fixture(params=list(DEVICES))
def device_page(request, browser, site_url):
    page = new_page(browser, site_url, request.param)
    yield page
    page.context.close()


@pytest.fixture
def phone(browser, site_url):
    page = new_page(browser, site_url, "telephone")
    yield page
    page.context.close()


def calculator_below_the_fold(page) -> bool:
    return page.evaluate("document.querySelector('.guide-calculator form').getBoundingClientRect().top > innerHeight")


def untouched(page) -> bool:
    """The reader has neither scrolled nor moved the focus into a calculator."""
    return page.evaluate("scrollY === 0 && !(document.activeElement && "
                         "document.activeElement.closest('.guide-calculator'))")


def cue_position(page) -> dict:
    """Where the cue is: the field it belongs to, the element right after it, and its box and the input's."""
    return page.evaluate("""() => {
        const cue = document.querySelector('.guide-field__engine')
        const field = cue.closest('[data-input]')
        const input = field.querySelector('input, select')
        const box = (element) => { const { top, bottom } = element.getBoundingClientRect(); return { top, bottom } }
        return { field: field.dataset.input, next: cue.nextElementSibling && cue.nextElementSibling.id,
                 cue: box(cue), input: box(input), viewport: innerHeight,
                 count: document.querySelectorAll('.guide-field__engine').length }
    }""")


def type_in(page, selector: str, text: str) -> None:
    field = page.locator(selector)
    field.click()
    field.press("Control+A")
    field.press_sequentially(text)


def test_the_cue_shows_right_above_the_field_typed_in_while_the_engine_loads_and_goes_with_the_live_result(
        device_page, site_url):
    page = device_page
    held = []
    # The engine waits until the test releases it.
    page.context.route("**/pyodide.asm.wasm", lambda route: held.append(route))
    with page.context.expect_event("request", predicate=is_engine, timeout=LIVE_TIMEOUT):
        page.goto(site_url + "roi/")
    assert page.locator(".guide-field__engine").count() == 0  # nothing typed yet: no cue

    type_in(page, "#calc-roi-attributed_revenue", "8 000")
    cue = page.locator(".guide-field__engine")
    assert cue.is_visible() and cue.inner_text() == CUE_TEXT
    where = cue_position(page)
    assert where["field"] == "attributed_revenue" and where["next"] == "calc-roi-attributed_revenue"
    assert 0 <= where["input"]["top"] - where["cue"]["bottom"] < 20  # right above the input
    assert 0 <= where["cue"]["top"] and where["input"]["bottom"] <= where["viewport"]  # both in view
    assert "is-stale" in page.locator(".guide-calculator__results").get_attribute("class")  # the example's, marked

    type_in(page, "#calc-roi-marketing_spend", "10 000")  # the cue follows the reader to the next field
    where = cue_position(page)
    assert where["count"] == 1 and where["field"] == "marketing_spend" and where["next"] == "calc-roi-marketing_spend"
    assert cue.inner_text() == CUE_TEXT

    assert held, "la requête du moteur aurait dû être retenue"
    for route in held:
        route.continue_()
    page.wait_for_function("() => document.querySelector('.guide-calculator').dataset.computed", timeout=LIVE_TIMEOUT)
    assert cue.count() == 0
    assert "\u221220 %" in normalise(page.locator(".guide-calculator__results").inner_text())  # a minus sign
    assert page.console_errors == [] and page.outside_requests == []


def test_a_checkbox_ticked_while_the_engine_loads_gets_the_cue_right_under_it(phone, site_url):
    held = []
    phone.context.route("**/pyodide.asm.wasm", lambda route: held.append(route))
    with phone.context.expect_event("request", predicate=is_engine, timeout=LIVE_TIMEOUT):
        phone.goto(site_url + "diagnostic/")
    phone.locator("#calc-diagnostic-signals-kpis-non-interpretes").check()
    cue = phone.locator(".guide-field__engine")
    assert cue.is_visible() and cue.inner_text() == CUE_TEXT
    assert phone.evaluate("document.querySelector('.guide-field__engine').previousElementSibling"
                          ".querySelector('input').id") == "calc-diagnostic-signals-kpis-non-interpretes"
    for route in held:
        route.continue_()
    phone.wait_for_function("() => document.querySelector('.guide-calculator').dataset.computed", timeout=LIVE_TIMEOUT)
    assert cue.count() == 0
    assert phone.console_errors == [] and phone.outside_requests == []


def test_if_the_engine_cannot_load_the_cue_by_the_field_says_so(phone, site_url):
    held = []
    phone.context.route("**/pyodide.mjs", lambda route: held.append(route))
    with phone.context.expect_event("request", predicate=lambda request: request.url.endswith("/pyodide.mjs"),
                                    timeout=LIVE_TIMEOUT):
        phone.goto(site_url + "roi/")
    type_in(phone, "#calc-roi-attributed_revenue", "8 000")
    assert phone.locator(".guide-field__engine").inner_text() == CUE_TEXT
    assert held, "la requête du moteur aurait dû être retenue"
    for route in held:
        route.abort()
    failed = phone.locator('.guide-field__engine[data-state="failed"]')
    failed.wait_for(timeout=LIVE_TIMEOUT)
    assert failed.inner_text().startswith("Calcul en direct indisponible\u202f: ")
    assert phone.evaluate("document.querySelector('.guide-field__engine').nextElementSibling.id") == \
        "calc-roi-attributed_revenue"
    type_in(phone, "#calc-roi-marketing_spend", "9 000")  # typed after the failure: said by that field too
    assert phone.evaluate("document.querySelector('.guide-field__engine').nextElementSibling.id") == \
        "calc-roi-marketing_spend"
    assert failed.inner_text().startswith("Calcul en direct indisponible\u202f: ")


def test_on_a_phone_the_engine_downloads_without_scrolling_or_focusing(phone, site_url):
    with phone.context.expect_event("request", predicate=is_engine, timeout=LIVE_TIMEOUT):
        phone.goto(site_url + "roi/", wait_until="domcontentloaded")
        assert calculator_below_the_fold(phone)
    assert untouched(phone) and calculator_below_the_fold(phone)
    assert phone.console_errors == [] and phone.outside_requests == []


def test_instant_navigation_to_a_calculator_starts_the_engines_download(phone, site_url):
    goto_with_instant_navigation(phone, site_url + "kpis/")
    phone.evaluate("window.__sameDocument = true")
    link = phone.locator('.md-content a[href$="roi/"]').first
    link.scroll_into_view_if_needed()
    with phone.context.expect_event("request", predicate=is_engine, timeout=LIVE_TIMEOUT):
        link.click()
        phone.wait_for_url("**/roi/")
    assert phone.evaluate("window.__sameDocument") is True  # instant navigation, not a reload
    # Material swaps the page, then shows it from its top (a frame later under load): the reader's first screen.
    phone.wait_for_function("() => window.scrollY === 0", timeout=10_000)
    assert calculator_below_the_fold(phone) and untouched(phone)
    assert phone.console_errors == [] and phone.outside_requests == []


def test_a_reader_who_saves_data_downloads_the_engine_only_by_using_the_form(phone, site_url):
    phone.add_init_script("Object.defineProperty(Navigator.prototype, 'connection', "
                          "{ get: () => ({ saveData: true }), configurable: true })")
    phone.goto(site_url + "roi/")
    # After the page's own idle callback (registered at load, so called first): the engine has not started.
    phone.evaluate("new Promise((resolve) => requestIdleCallback(() => setTimeout(resolve)))")
    state = phone.locator(".guide-calculator__state").first
    assert state.get_attribute("data-state") == "initial"
    phone.locator("#calc-roi-attributed_revenue").focus()
    assert state.get_attribute("data-state") == "loading"


def test_without_webassembly_the_page_says_at_once_that_the_live_calculation_is_unavailable(phone, site_url):
    phone.add_init_script("delete globalThis.WebAssembly")
    phone.goto(site_url + "roi/")
    type_in(phone, "#calc-roi-marketing_spend", "12")
    phone.wait_for_function("() => document.querySelector('.guide-calculator__state').textContent.includes('indisponible')",
                            timeout=LIVE_TIMEOUT)
    assert "indisponible" in normalise(phone.locator(".guide-field__engine").inner_text())


def test_an_engine_that_stalls_is_reported_then_recovers_if_it_starts_after_all(phone, site_url):
    held = []
    phone.add_init_script("globalThis.__guideBootTimeoutMs = 2000")  # the test's own, shorter watchdog
    phone.context.route("**/pyodide.asm.wasm", lambda route: held.append(route))
    phone.goto(site_url + "roi/")
    type_in(phone, "#calc-roi-marketing_spend", "12")
    state = phone.locator(".guide-calculator__state")
    phone.wait_for_function("() => document.querySelector('.guide-calculator__state').textContent.includes('indisponible')",
                            timeout=LIVE_TIMEOUT)
    assert "indisponible" in normalise(state.inner_text())
    for route in held:
        route.continue_()
    phone.context.unroute("**/pyodide.asm.wasm")
    phone.wait_for_function("() => document.querySelector('.guide-calculator').dataset.computed", timeout=LIVE_TIMEOUT)
    assert "indisponible" not in normalise(state.inner_text())
    assert phone.console_errors == []
