"""The ROI calculator as a prospect uses it, in Debian's Chromium: pre-rendered result, live
recalculation in a Web Worker running the self-hosted Pyodide, URL state, errors, fallbacks."""

from __future__ import annotations

import re
import shutil
from decimal import Decimal
from urllib.parse import quote

import pytest

from tests.helpers import framework_data, item_of, phase_heading, phase_of
from tests.site_text import article_text, normalise, select, text_of
from tests.support import serve_directory, watched_page

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
    """Before any script runs: the example's result, the example's values in the fields, the formula."""
    [status] = select(built_site, "roi", '.guide-calculator [role="status"]')
    assert "400 %" in text_of(status)
    [romi] = status.css('.guide-result[data-output="romi"] .guide-result__value')
    assert text_of(romi) == "400 %"
    values = {field.attributes["name"]: field.attributes["value"] for field in select(built_site, "roi", "form input")}
    assert values["marketing_spend"] == "10 000" and values["attributed_revenue"] == "50 000"
    # "ROMI" carries the glossary's tooltip (<abbr>): the reader's text is read across it.
    assert "ROMI = (chiffre d'affaires attribué au marketing - coût marketing) ÷ coût marketing" in article_text(
        built_site, "roi")


def test_typing_a_french_value_updates_the_result(page, site_url):
    page.goto(site_url + "roi/")
    assert "400 %" in results_text(page)
    page.locator("#calc-roi-attributed_revenue").fill("8 000,00 €")
    wait_for_live_result(page)
    assert "\u221220 %" in results_text(page)  # a minus sign, not a hyphen
    assert "Calcul en direct\u202f: prêt" in page.locator(".guide-calculator__state").first.inner_text()
    assert page.console_errors == [] and page.outside_requests == []


def test_a_bad_value_shows_the_field_error_and_keeps_the_text(page, site_url):
    page.goto(site_url + "roi/")
    field = page.locator("#calc-roi-marketing_spend")
    field.fill("10 000")
    computed = wait_for_live_result(page)
    field.fill("dix mille")
    error = page.locator("#calc-roi-marketing_spend-erreur")
    error.wait_for(state="visible", timeout=LIVE_TIMEOUT)
    assert "Saisissez un montant en chiffres, par exemple 12\u202f500,50" in error.inner_text()
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
    # Permission granted: the link is in the clipboard (the fallback text is for browsers that refuse).
    assert page.locator(".guide-calculator__copied").inner_text() == "Lien copié\u202f: il reproduit vos valeurs."
    assert page.evaluate("navigator.clipboard.readText()") == page.url
    context.close()


def test_a_browser_that_refuses_the_clipboard_gets_the_link_to_copy_by_hand(browser, site_url):
    """The other outcome of the copy buttons, made certain: a clipboard that refuses every write."""
    context = browser.new_context()
    context.add_init_script("""Object.defineProperty(navigator, "clipboard", {value: {
        writeText: () => Promise.reject(new DOMException("refusé", "NotAllowedError"))}})""")
    page = watched_page(context, site_url)
    page.goto(site_url + "roi/")
    copied = page.locator(".guide-calculator__copied")
    page.get_by_role("button", name="Copier le lien").click()
    page.wait_for_function("() => document.querySelector('.guide-calculator__copied').textContent !== ''")
    assert copied.inner_text() == f"Copiez ce lien\u202f: {page.url}"
    page.get_by_role("button", name="Copier les résultats").click()
    page.wait_for_function("() => document.querySelector('.guide-calculator__copied').textContent.startsWith('Copie impossible')")
    assert copied.inner_text() == "Copie impossible dans ce navigateur\u202f: utilisez l’export CSV."
    assert page.console_errors == [] and page.outside_requests == []
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
    assert normalise(page.locator(".guide-result__value").first.inner_text()) == "0 %"


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


# --- The internalisation and diagnostic calculators ------------------------------------------

def percent(ratio: Decimal) -> str:
    """« 64,3 % », « 80 % »: a ratio as the results print it (one decimal, none when it is whole)."""
    text = f"{ratio * 100:.1f}".replace(".", ",").removesuffix(",0")
    return f"{text} %"


def test_internalisation_prerenders_its_chart_and_redraws_it_live(page, site_url):
    """The worked example's figures and the guide's assumptions as internalisation.yml and seuils.yml give them today
    (in the guide as it is: 64,3 % and « Passer à un modèle hybride », then 80 % at Québec's 15 % of charges)."""
    calculator = framework_data("internalisation")["calculateur"]
    example = calculator["exemple"]["entrees"]
    titles = {item["id"]: item["titre"] for item in framework_data("internalisation")["regles"]["recommandations"]}
    quebec = item_of("seuils", "seuils", "charges-patronales-quebec")["valeur"]
    external = Decimal(example["day_rate"]) * example["days_per_week"] * example["weeks_per_year"]

    def ratio(charges) -> Decimal:
        return external / (Decimal(example["gross_salary"]) * (1 + Decimal(charges) / 100))

    page.goto(site_url + "internalisation/")
    chart = page.locator("svg.guide-chart")
    assert f"vous : {example['days_per_week']} j" in normalise(chart.inner_html())  # pre-rendered at build
    assert percent(ratio(example["employer_charges_pct"])) in results_text(page)
    assert normalise(titles["hybride"]) in results_text(page)
    [charges] = [field for field in calculator["entrees"] if field["id"] == "employer_charges_pct"]
    label = charges["suggestions"][1]["libelle"].replace("{seuil:charges-patronales-quebec}", f"{quebec} %")
    page.get_by_role("button", name=label).click()
    computed = wait_for_live_result(page)
    assert page.locator("#calc-internalisation-employer_charges_pct").input_value() == str(quebec)
    assert percent(ratio(quebec)) in results_text(page) and normalise(titles["internaliser"]) in results_text(page)
    page.locator("#calc-internalisation-days_per_week").fill("4")
    wait_for_live_result(page, computed)
    assert "vous : 4 j" in normalise(page.locator("svg.guide-chart").inner_html())
    assert "days_per_week=4" in page.url and "employer_charges_pct=15" in page.url
    page.locator("#calc-internalisation-days_per_week").fill("6")
    error = page.locator("#calc-internalisation-days_per_week-erreur")
    error.wait_for(state="visible", timeout=LIVE_TIMEOUT)
    assert "Saisissez une valeur entre 0 et 5" in error.inner_text()
    assert page.console_errors == [] and page.outside_requests == []


def test_internalisation_chart_fits_a_phone_in_the_dark_theme(browser, site_url):
    context = browser.new_context(viewport={"width": 360, "height": 740}, color_scheme="dark")
    page = watched_page(context, site_url)
    page.goto(site_url + "internalisation/")
    box = page.locator("svg.guide-chart").bounding_box()
    assert box["width"] <= 360 and box["width"] > 250
    assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == "slate"
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    context.close()


def test_diagnostic_report_checkboxes_url_and_csv(page, site_url):
    page.goto(site_url + "diagnostic/?employees=35&signals=decisions-reactives")
    assert page.locator("#calc-diagnostic-signals-decisions-reactives").is_checked()
    wait_for_live_result(page)
    text = results_text(page)
    phase = phase_of(35)  # names and objective as phases.yml and signaux.yml give them today
    reactive, uninterpreted = (normalise(item_of("signaux", "signaux", ident)["titre"])
                               for ident in ("decisions-reactives", "kpis-non-interpretes"))
    assert normalise(phase_heading(phase)) in text and "Oui" in text
    report = normalise(page.locator(".guide-report").inner_text())
    assert reactive in report and normalise(phase["objectif"]) in report
    assert page.locator('.guide-report a[href="../signaux/#decisions-reactives"]').count() == 1
    page.locator("#calc-diagnostic-signals-kpis-non-interpretes").check()
    page.wait_for_function("() => location.search.includes('kpis-non-interpretes')")
    assert "signals=decisions-reactives%2Ckpis-non-interpretes" in page.url
    with page.expect_download() as download_info:
        page.get_by_role("button", name="Exporter en CSV").click()
    download = download_info.value
    assert download.suggested_filename == "calculateur-diagnostic.csv"
    content = open(download.path(), encoding="utf-8-sig").read()
    assert content.startswith('"Type";"Intitulé";"Valeur";"Unité";"Valeur affichée";"Remarque"')
    assert '"Saisie";"Effectif (employés)";35;"employés";"35";' in content  # a number a spreadsheet can use
    assert normalise(phase["nom"]) in normalise(content) and uninterpreted in normalise(content)
    page.emulate_media(media="print")
    assert page.locator(".guide-calculator__form").is_hidden() and page.locator(".md-header").is_hidden()
    assert page.locator(".guide-report").is_visible()
    assert page.console_errors == [] and page.outside_requests == []


@pytest.mark.parametrize("query", ["", "?employees=120&signals=messages-incoherents%2Cmarketing-disperse%2C"
                                       "decisions-reactives%2Ckpis-non-interpretes&ambition=large&resources=disponibles"
                                       "&multi_business_units=oui"])
def test_diagnostic_report_prints_on_at_most_two_a4_pages(page, site_url, query):
    page.goto(site_url + "diagnostic/" + query)
    if query:
        wait_for_live_result(page)
        assert "Orchestration" in results_text(page)
    pdf = page.pdf(format="A4")
    pages = len(re.findall(rb"/Type\s*/Page[^s]", pdf))
    assert 1 <= pages <= 2


def test_a_link_with_many_unknown_parameters_writes_three_names_and_a_count(page, site_url):
    """A link cannot write a text of its own on the page: 3 000 parameters give three names and a count."""
    junk = "&".join(f"appel{index}=1" for index in range(3000))  # the server reads request lines up to 64 KiB
    page.goto(site_url + f"roi/?{junk}")
    notice = page.locator(".guide-calculator__notice")
    notice.wait_for(state="visible")
    text = notice.inner_text()
    assert len(text) < 250 and "3000 paramètres" in text.replace("\u202f", "") and "2997 autres" in text
    assert page.console_errors == []


def test_a_field_given_twice_in_a_link_says_which_value_was_used(page, site_url):
    page.goto(site_url + "roi/?marketing_spend=123&marketing_spend=%3Cb%3E")
    notice = page.locator(".guide-calculator__notice")
    notice.wait_for(state="visible")
    assert page.locator("#calc-roi-marketing_spend").input_value() == "123"
    assert "2 fois" in notice.inner_text() and "première valeur est utilisée" in notice.inner_text()
    assert "ignoré" not in notice.inner_text() and notice.locator("b").count() == 0
    assert page.console_errors == []


@pytest.mark.parametrize("name", ["roi", "internalisation"])
def test_the_csv_holds_each_figure_as_the_page_shows_it_with_its_unit(page, site_url, name):
    """Every number cell of the CSV is the figure shown beside it (its rounding; a percentage in percent),
    with the unit shown; choice ids never reach it; no leftover of code anywhere."""
    import csv
    import io
    import re

    page.goto(site_url + f"{name}/?" + {"roi": "marketing_spend=12000", "internalisation": "day_rate=1100"}[name])
    wait_for_live_result(page)
    with page.expect_download() as download_info:
        page.get_by_role("button", name="Exporter en CSV").click()
    rows = list(csv.reader(io.StringIO(open(download_info.value.path(), encoding="utf-8-sig").read()), delimiter=";"))
    assert rows[0] == ["Type", "Intitulé", "Valeur", "Unité", "Valeur affichée", "Remarque"]
    for _kind, label, number, unit, shown, remark in rows[1:]:
        text = " ".join((label, shown, remark))
        assert not re.search(r"[{}]|\bNone\b|\bnan\b|Decimal\(", text), text
        if not number:
            continue
        assert re.fullmatch(r"-?\d+(,\d+)?", number), (label, number)
        figure = re.sub(r"[\s\u202f\u00a0]", "", shown).split(unit.replace("\u00a0", "").replace(" ", ""))[0] if unit else shown
        assert number == re.sub(r"[\s\u202f\u00a0]", "", figure), (label, number, shown, unit)
    if name == "roi":  # a ratio shown in percent is written in percent: ROMI 316,7 %, not 3,167
        [romi] = [row for row in rows if row[0] == "Résultat" and row[1].startswith("ROMI (")]
        assert romi[3] == "%" and romi[2] == re.sub(r"[\s\u202f\u00a0%]", "", romi[4])
    assert page.console_errors == []
