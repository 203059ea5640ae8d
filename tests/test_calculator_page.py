"""The ROI calculator as a prospect uses it, in Debian's Chromium: pre-rendered result, live
recalculation in a Web Worker running the self-hosted Pyodide, URL state, errors, fallbacks."""

from __future__ import annotations

import shutil
from urllib.parse import quote

import pytest

from tests.conftest import serve_directory, watched_page
from tests.site_text import normalise

pytestmark = pytest.mark.browser
LIVE_TIMEOUT = 90_000  # booting Pyodide on a small machine; not a performance assertion


def results_text(page) -> str:
    return normalise(page.locator(".guide-calculator__results").inner_text())


def wait_for_live_result(page, previous: int = 0) -> int:
    """Wait until the worker has replaced the results at least once more than ``previous``."""
    page.wait_for_function(
        "n => Number(document.querySelector('.guide-calculator').dataset.computed || 0) > n",
        arg=previous, timeout=LIVE_TIMEOUT,
    )
    return int(page.locator(".guide-calculator").get_attribute("data-computed"))


def test_the_raw_html_already_holds_the_default_result(built_site):
    html = (built_site / "roi" / "index.html").read_text(encoding="utf-8")
    region = html.split('role="status"', 1)[1].split("</dl>", 1)[0]
    assert "400\u00a0%" in region
    assert 'value="10 000"' in html and 'value="50 000"' in html
    assert "ROMI = (chiffre d’affaires attribué au marketing - coût marketing) ÷ coût marketing" in html


def test_typing_a_french_value_updates_the_result(page, site_url):
    page.goto(site_url + "roi/")
    assert "400 %" in results_text(page)
    page.locator("#calc-roi-attributed_revenue").fill("8 000,00 €")
    wait_for_live_result(page)
    assert "-20 %" in results_text(page)
    assert "Calcul en direct : prêt" in page.locator(".guide-calculator__state").first.inner_text()
    assert page.console_errors == [] and page.outside_requests == []


def test_a_bad_value_shows_the_field_error_and_keeps_the_text(page, site_url):
    page.goto(site_url + "roi/")
    field = page.locator("#calc-roi-marketing_spend")
    field.fill("10 000")
    computed = wait_for_live_result(page)
    field.fill("dix mille")
    error = page.locator("#calc-roi-marketing_spend-erreur")
    error.wait_for(state="visible", timeout=LIVE_TIMEOUT)
    assert "Saisissez un montant en chiffres, par exemple 12 500,50" in error.inner_text()
    assert field.input_value() == "dix mille"
    assert field.get_attribute("aria-invalid") == "true"
    assert "calc-roi-marketing_spend-erreur" in field.get_attribute("aria-describedby")
    assert "400 %" in results_text(page)  # the last good result stays, marked stale
    field.fill("20 000")
    wait_for_live_result(page, computed)
    assert error.is_hidden() and "150 %" in results_text(page)


def test_a_link_with_inputs_restores_them(page, site_url):
    page.goto(site_url + "roi/?marketing_spend=" + quote("12 500,50") + "&attributed_revenue=50000")
    assert page.locator("#calc-roi-marketing_spend").input_value() == "12 500,50"
    wait_for_live_result(page)
    assert "300 %" in results_text(page)


def test_the_url_follows_the_inputs_and_the_copy_link_button(browser, site_url):
    context = browser.new_context()
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=site_url.rstrip("/"))
    page = watched_page(context, site_url)
    page.goto(site_url + "roi/")
    page.locator("#calc-roi-attributed_revenue").fill("60 000")
    wait_for_live_result(page)
    assert "attributed_revenue=60+000" in page.url
    page.get_by_role("button", name="Copier le lien").click()
    page.locator(".guide-calculator__copied").wait_for(timeout=5_000)
    assert page.locator(".guide-calculator__copied").inner_text().startswith(("Lien copié", "Copiez ce lien"))
    context.close()


def test_an_injected_tag_in_the_url_does_nothing(page, site_url):
    payload = quote('<img src=x onerror="window.__pirate=1">')
    page.goto(site_url + f"roi/?marketing_spend={payload}&{quote('<b>x</b>')}=1")
    notice = page.locator(".guide-calculator__notice")
    notice.wait_for(state="visible")
    assert "ignoré" in notice.inner_text() and "marketing_spend" in notice.inner_text()
    assert notice.locator("b").count() == 0 and page.locator(".guide-calculator img").count() == 0
    assert page.locator("#calc-roi-marketing_spend").input_value() == "10 000"
    assert page.evaluate("window.__pirate") is None
    assert page.outside_requests == []


def test_keyboard_only(page, site_url):
    page.goto(site_url + "roi/")
    page.locator("#calc-roi-marketing_spend").focus()
    page.keyboard.press("Control+A")
    page.keyboard.type("25 000")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "calc-roi-attributed_revenue"
    computed = wait_for_live_result(page)  # typing recalculates after a short pause
    assert "100 %" in results_text(page)
    # Enter recalculates too: set a value without any input event, so only Enter can trigger it.
    page.locator("#calc-roi-marketing_spend").evaluate("el => { el.value = '50 000' }")
    page.locator("#calc-roi-marketing_spend").focus()
    page.keyboard.press("Enter")
    wait_for_live_result(page, computed)
    assert normalise(page.locator(".guide-result__value").inner_text()) == "0 %"


def test_instant_navigation_away_and_back_reuses_the_worker(page, site_url):
    workers = []
    page.on("worker", lambda worker: workers.append(worker.url))
    page.goto(site_url + "roi/")
    page.locator("#calc-roi-attributed_revenue").fill("30 000")
    wait_for_live_result(page)
    page.evaluate("window.__sameDocument = true")
    page.locator('.md-nav__link[href$="phases/"]').first.click()
    page.wait_for_url("**/phases/")
    page.locator('.md-nav__link[href$="roi/"]').first.click()
    page.wait_for_url("**/roi/")
    page.locator("#calc-roi-attributed_revenue").wait_for()
    page.locator("#calc-roi-attributed_revenue").fill("40 000")
    wait_for_live_result(page, 0)
    assert "300 %" in results_text(page)
    assert page.evaluate("window.__sameDocument") is True  # instant navigation, not a reload
    assert len([url for url in workers if "calculator-worker" in url]) == 1
    assert page.console_errors == [] and page.outside_requests == []


def test_without_pyodide_the_pre_rendered_result_stays_with_a_message(browser, built_site, tmp_path):
    site = tmp_path / "site"
    shutil.copytree(built_site, site)
    shutil.rmtree(site / "assets" / "pyodide")
    context = browser.new_context()
    with serve_directory(site) as url:
        page = watched_page(context, url)
        page.goto(url + "roi/")
        page.locator("#calc-roi-attributed_revenue").fill("8 000")
        state = page.locator('.guide-calculator__state[data-state="failed"]')
        state.wait_for(timeout=LIVE_TIMEOUT)
        assert "Calcul en direct indisponible" in state.inner_text()
        assert "400 %" in results_text(page)
        assert page.locator("#calc-roi-attributed_revenue").input_value() == "8 000"
    context.close()
