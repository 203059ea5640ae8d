"""The calculator's HTML: accessible form, escaped text, results that say why a value is absent."""

from __future__ import annotations

import re

from calculators.contract import display, run
from calculators.html import render_form, render_results, render_summary, render_widget
from common.typography import typeset_html


def test_form_fields_have_labels_with_units_hints_and_linked_errors(roi):
    html = render_form(roi, {"marketing_spend": "abc", "attributed_revenue": "50 000"}, run(roi, {"marketing_spend": "abc"}).errors)
    assert '<label for="calc-roi-marketing_spend">Coût marketing de la période (€) <span class="guide-field__example">exemple</span></label>' in html
    assert 'aria-describedby="calc-roi-marketing_spend-aide calc-roi-marketing_spend-erreur"' in html
    assert 'inputmode="decimal"' in html
    assert 'value="abc"' in html  # what was typed is kept
    assert re.search(r'id="calc-roi-marketing_spend-erreur">.*Saisissez un montant en chiffres', html)
    assert 'aria-invalid="true"' in html
    assert 'id="calc-roi-attributed_revenue-erreur" hidden' in html


def test_typed_text_is_escaped(roi):
    html = render_form(roi, {"marketing_spend": '"><img src=x onerror=alert(1)>'})
    assert "<img" not in html and "&lt;img" in html


def test_results_show_values_and_explanations(roi):
    html = render_results(roi, run(roi, {}))
    assert "400\u00a0%" in html and 'data-output="romi"' in html
    html = render_results(roi, run(roi, {"marketing_spend": 0}))
    assert "non calculé" in html and "coût marketing de 0" in html


def test_widget_has_a_live_region_and_its_runtime(roi):
    html = render_widget(roi, run(roi, {}), roi.defaults(), "pyodide/1.0/", "calculators/bundle.x.json")
    assert 'role="status"' in html and 'aria-live="polite"' in html
    assert 'data-runtime="pyodide/1.0/"' in html and 'data-bundle="calculators/bundle.x.json"' in html
    assert "\n\n" not in html  # one raw HTML block in Markdown
    assert "Copier le lien" in html


def test_the_summary_is_pre_rendered_with_the_main_results_marked_as_the_example_s(roi, diagnostic, internalisation):
    """What calculators.mjs writes in the phone's summary (fillSummary) is in the page from the start: the fields
    do not move down when the script takes over."""
    for calculator in (roi, diagnostic, internalisation):
        result = run(calculator, {})
        html = render_summary(calculator, result)
        assert html.startswith(f'<div class="guide-calculator__summary" data-summary="{",".join(calculator.summary)}">'
                               '<span class="guide-calculator__summary-example">exemple</span>')
        assert html.count('class="guide-calculator__summary-item"') == len(calculator.summary) > 0
        for output_id in calculator.summary:
            [spec] = [spec for spec in calculator.outputs if spec.id == output_id]
            outcome = result.outcomes[output_id]
            shown = outcome.label or display(spec, outcome.value)
            label = re.sub(r"\s*\(.*\)$", "", spec.label)
            assert typeset_html(f'<span class="guide-calculator__summary-label">{label}</span> <strong>{shown}</strong>'
                                ) in html
        assert html in render_widget(calculator, result, calculator.defaults(), "pyodide/1.0/", "b.json")
    assert '<span class="guide-calculator__summary-label">ROMI</span>' in render_summary(roi, run(roi, {}))
