"""The diagnostic's longest report, with the guide's readings in full, prints on two A4 pages at most, as the
live calculator writes it in Chromium. The longest is found in the data (the whole grid, every signal ticked),
so a new reading or a longer text in the YAML is measured as soon as it exists."""

from __future__ import annotations

import re
from urllib.parse import urlencode

import pytest

from calculators import diagnostic as rules
from calculators.contract import load_calculator, run
from calculators.html import render_results
from tests.browser.test_calculator_page import wait_for_live_result

pytestmark = pytest.mark.browser


def longest_report(settings: dict) -> dict:
    calculator = load_calculator("diagnostic", settings)
    signals = ",".join(signal["id"] for signal in settings["signaux"]["signaux"])
    candidates = []
    for band, ambition, resources, several in rules.grid(settings):
        inputs = {"employees": str(band.start), "signals": signals, "ambition": ambition, "resources": resources,
                  "multi_business_units": "oui" if several else "non", "annual_revenue": "1"}
        html = render_results(calculator, run(calculator, inputs))
        candidates.append((len(re.sub(r"<[^>]+>", "", html[html.index('data-report="diagnostic"'):])), inputs))
    return max(candidates, key=lambda candidate: candidate[0])[1]


def test_the_longest_report_prints_on_at_most_two_a4_pages(page, site_url, guide):
    page.goto(site_url + "diagnostic/?" + urlencode(longest_report(guide.frameworks)))
    wait_for_live_result(page)
    assert page.locator('.guide-report[data-report="diagnostic"] .guide-report__reading').count() > 0
    pdf = page.pdf(format="A4")
    assert 1 <= len(re.findall(rb"/Type\s*/Page[^s]", pdf)) <= 2
    assert page.console_errors == [] and page.outside_requests == []
