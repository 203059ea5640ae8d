"""HTML of a calculator: the form and the results, from the calculator's declaration.

The build pre-renders both with the default values; in the browser, the worker renders
the results again with the same function. Every text is escaped; ids come from the
declaration (validated identifiers). No blank line is emitted, so the HTML can sit in a
Markdown page as one raw block.
"""

from __future__ import annotations

import json
import re

from calculators.contract import Calculator, Result, display, shown_figure
from common.html import Html, element, escape_attribute
from common.typography import typeset_html


def field_id(calculator: Calculator, input_id: str) -> str:
    return f"calc-{calculator.name}-{input_id}"


def _field(calculator: Calculator, spec, raw: str, error: str | None, shown: bool = True) -> Html:
    base = field_id(calculator, spec.id)
    described = f"{base}-aide {base}-erreur"
    if error:
        error_html = element("p", element("span", "Erreur : ", class_="guide-visually-hidden"), error,
                             class_="guide-field__error", id=f"{base}-erreur")
    else:
        error_html = element("p", class_="guide-field__error", id=f"{base}-erreur", hidden=True)
    css = "guide-field guide-field--error" if error else "guide-field"
    hint = element("p", spec.help, class_="guide-field__hint", id=f"{base}-aide")
    if spec.kind == "choix_multiple":
        chosen = {item.strip() for item in raw.split(",")}
        boxes = [
            element("label",
                    element("input", type="checkbox", id=f"{base}-{value}", name=spec.id, value=value, checked=value in chosen),
                    " ", label, class_="guide-choice", for_=f"{base}-{value}")
            for value, label in spec.options
        ]
        return element("fieldset", element("legend", spec.label_with_unit, EXAMPLE_BADGE), hint, error_html, *boxes,
                       class_=f"{css} guide-field--choices", data_input=spec.id, data_kind="choix_multiple",
                       data_unit="", aria_describedby=described)
    if spec.kind in ("choix", "oui_non"):
        choices = spec.options if spec.kind == "choix" else (("oui", "Oui"), ("non", "Non"))
        options = [element("option", label, value=value, selected=value == raw) for value, label in choices]
        control = element("select", *options, id=base, name=spec.id, aria_describedby=described,
                          aria_invalid="true" if error else None)
    else:
        control = element("input", id=base, name=spec.id, type="text", inputmode=spec.input_mode, autocomplete="off",
                          spellcheck="false", value=raw, aria_describedby=described,
                          aria_invalid="true" if error else None)
    suggestions = Html()
    if spec.suggestions:
        buttons = [
            element("button", label, type="button", class_="guide-suggestion", data_fill=spec.id,
                    data_value=spec.display(value))
            for label, value in spec.suggestions
        ]
        suggestions = element("p", "Préremplir : ", *buttons, class_="guide-field__suggestions", hidden=True)
    condition = f"{spec.shown_if[0]}:{','.join(spec.shown_if[1])}" if spec.shown_if else None
    return element("div", element("label", spec.label_with_unit, EXAMPLE_BADGE, for_=base), hint, error_html, control,
                   suggestions, class_=css, data_input=spec.id, data_unit=_input_unit(spec), data_show_if=condition,
                   hidden=bool(spec.shown_if) and not shown)


# Shown (by the page's script) beside a field that still holds the example's value, not the reader's.
EXAMPLE_BADGE = Html(" ") + element("span", "exemple", class_="guide-field__example")


def _input_unit(spec) -> str:
    return "%" if spec.kind == "pourcentage" else spec.unit


def render_form(calculator: Calculator, raw_values: dict, errors: dict | None = None) -> str:
    errors = errors or {}
    raw = {spec.id: str(raw_values.get(spec.id, spec.display(spec.default))) for spec in calculator.inputs}
    fields = [_field(calculator, spec, raw[spec.id], errors.get(spec.id), spec.shown_for(raw)) for spec in calculator.inputs]
    return typeset_html(element("form", *fields, class_="guide-calculator__form", novalidate=True,
                                aria_label=f"{calculator.title} : vos valeurs"))


def render_results(calculator: Calculator, result: Result) -> str:
    """The results list: each output with its value (or why it is absent) and how to read it."""
    items = []
    for spec in calculator.outputs:
        outcome = result.outcomes[spec.id]
        unit = ""
        if outcome.value is None:
            value = element("span", "non calculé", class_="guide-result__absent")
            raw = ""
        else:
            shown_text = outcome.label or display(spec, outcome.value)
            value = element("strong", shown_text, class_="guide-result__value")
            # The CSV takes the figure as the page shows it (its rounding, a percentage in percent) and its unit.
            raw, unit = ("", "") if isinstance(outcome.value, (list, str, bool)) else shown_figure(shown_text)
        status = Html()
        if outcome.status:
            status = Html(" ") + element("span", outcome.status_text, class_=f"guide-status guide-status--{outcome.status}")
        note = element("span", outcome.note, class_="guide-result__note") if outcome.note else Html()
        items.append(element(
            "div",
            element("dt", spec.label),
            element("dd", value, status, note, element("span", spec.help, class_="guide-result__help")),
            class_="guide-result", data_output=spec.id, data_value=raw, data_unit=unit,
        ))
    extra = calculator.render_extra(calculator, result) if calculator.render_extra else Html()
    return typeset_html(element("dl", *items, class_="guide-results") + Html(extra))


# A result's label in the summary: without the parenthesis that ends it (« ROMI (retour sur investissement
# marketing) » is « ROMI » there), as calculators.mjs shortens it.
_LABEL_TAIL = re.compile(r"\s*\(.*\)$")


def render_summary(calculator: Calculator, result: Result) -> Html:
    """The main results (``resume``), kept in view above the fields on a phone while the reader types, marked
    « exemple » (the page's result is the example's, until the reader gives a value). Pre-rendered with the
    same items that calculators.mjs writes there (fillSummary), so that the fields do not move down when the
    script takes over. CSS shows it on a phone with JavaScript only: without it nothing is recalculated, and
    the results follow the fields."""
    items = []
    for output_id in calculator.summary:
        spec = next((spec for spec in calculator.outputs if spec.id == output_id), None)
        if spec is None:
            continue
        outcome = result.outcomes[spec.id]
        value = "non calculé" if outcome.value is None else outcome.label or display(spec, outcome.value)
        items.append(element("span", element("span", _LABEL_TAIL.sub("", spec.label),
                                             class_="guide-calculator__summary-label"),
                             " ", element("strong", value), class_="guide-calculator__summary-item"))
    badge = element("span", "exemple", class_="guide-calculator__summary-example")
    return element("div", badge, *items, class_="guide-calculator__summary", data_summary=",".join(calculator.summary),
                   hidden=not items)


def render_widget(calculator: Calculator, result: Result, raw_values: dict, runtime_dir: str, bundle_file: str) -> str:
    """The whole calculator as pre-rendered in the page (works without JavaScript).

    ``runtime_dir`` and ``bundle_file`` are paths under the site's ``assets/`` folder: the
    browser script loads Pyodide and the calculators from there.
    """
    defaults = escape_attribute(json.dumps(calculator.defaults(), ensure_ascii=False))
    return typeset_html(
        f'<div class="guide-calculator" data-calculator="{calculator.name}" id="calculateur-{calculator.name}" '
        f'data-runtime="{escape_attribute(runtime_dir)}" data-bundle="{escape_attribute(bundle_file)}" '
        f'data-defaults="{defaults}">'
        f"{render_summary(calculator, result)}"
        f"{render_form(calculator, raw_values, result.errors)}"
        '<div class="guide-calculator__panel">'
        '<p class="guide-calculator__state" data-state="initial">'
        "Résultat de l'exemple : il est calculé pour les valeurs d'exemple ci-contre. Remplacez-les par les vôtres "
        "pour obtenir votre résultat.</p>"
        '<noscript><p class="guide-calculator__state">JavaScript est désactivé : le calcul en direct n\'est pas '
        "disponible. La formule et l'exemple chiffré figurent plus bas.</p></noscript>"
        '<p class="guide-calculator__examples" hidden></p>'
        f'<div class="guide-calculator__results" role="status" aria-live="polite" aria-atomic="true">'
        f"{render_results(calculator, result)}</div>"
        '<p class="guide-calculator__notice" hidden></p>'
        '<div class="guide-calculator__print-inputs" hidden></div>'
        '<div class="guide-calculator__actions">'
        '<button type="button" class="md-button" data-action="copy-link" hidden>Copier le lien</button>'
        '<button type="button" class="md-button" data-action="copy-text" hidden>Copier les résultats</button>'
        '<button type="button" class="md-button" data-action="export-csv" hidden>Exporter en CSV</button>'
        '<button type="button" class="md-button" data-action="print" hidden>Imprimer</button>'
        '<span class="guide-calculator__copied" aria-live="polite"></span>'
        "</div></div></div>"
    )
