"""What the fractional CMO calculator shows under its results: the link behind the recommendation, the flip points
as a list, and the chart of both yearly costs (inline SVG), so that the build's pre-render and the browser's live
result are the same drawing.
"""

from __future__ import annotations

import math
from decimal import Decimal

from calculators.contract import item_by_id, threshold
from calculators.internalisation_rules import CURRENCIES, MAX_DAYS, rules
from common.html import Html, element
from common.numbers import format_money, format_number
from common.site_map import HOME, page_url

WIDTH, HEIGHT = 360, 250
LEFT, RIGHT, TOP, BOTTOM = 52, 14, 16, 44


def _nice_step(maximum: float) -> float:
    """A round tick step that gives about four ticks up to ``maximum``."""
    raw = maximum / 4
    power = 10 ** math.floor(math.log10(raw))
    for factor in (1, 2, 2.5, 5, 10):
        if raw <= factor * power:
            return factor * power
    return 10 * power


def _thousands(value: float, currency: str) -> str:
    if value >= 1000:
        return f"{format_number(value / 1000, 1)} k{currency}"
    return f"{format_number(value)} {currency}"


def render_extra(calculator, result) -> Html:
    """The link behind the recommendation, then the chart."""
    if not result.ok:
        return Html()
    return render_recommendation_link(calculator, result) + render_flips(result) + render_chart(calculator, result)


def render_flips(result) -> Html:
    """Where the recommendation flips, one assumption at a time, as a list."""
    sentences = result.outcomes["flips"].value or []
    if not sentences:
        return Html()
    return element(
        "section",
        element("p", element("strong", "Ce qui changerait la recommandation"), class_="guide-flips__title"),
        element("p", "Chaque ligne change une seule hypothèse, les autres restant celles que vous avez saisies."),
        element("ul", *(element("li", sentence) for sentence in sentences)),
        class_="guide-flips",
    )


def render_chart(calculator, result) -> Html:
    """The chart of both yearly costs against days a week (0 to 5), with the band and the break-even point."""
    if result.values["external_mode"] != "jour" or result.outcomes["external_annual_cost"].value is None:
        return element("p", "Le graphique compare les coûts selon le nombre de jours par semaine : "
                       "il s'affiche pour une direction facturée à la journée.", class_="guide-chart__absent")
    # Drawing coordinates need no exactness: the chart works in floats.
    v = {key: float(value) if isinstance(value, Decimal) else value for key, value in result.values.items()}
    fees_per_day = v["day_rate"] * v["weeks_per_year"]
    loaded = float(result.outcomes["internal_loaded_cost"].value)
    # Amounts under one unit of money (a denormal float from a test, a slip of the keyboard) give no scale.
    if fees_per_day <= 0 or not loaded or loaded < 1 or fees_per_day * MAX_DAYS < 1 or not (
            1e-6 < fees_per_day * MAX_DAYS / loaded < 1e6):
        return element("p", "Graphique non affiché : il faut un tarif journalier "
                       "et un salaire brut supérieurs à 0, d'ordres de grandeur comparables.", class_="guide-chart__absent")
    settings = calculator.settings
    low = float(threshold(settings, "honoraires-part-basse")) / 100
    high = float(threshold(settings, "honoraires-part-haute")) / 100
    currency = CURRENCIES.get(result.values["currency"], "€")
    top_cost = max(loaded, fees_per_day * MAX_DAYS)
    step = _nice_step(top_cost * 1.05)
    y_max = step * math.ceil(top_cost * 1.05 / step)
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM

    def x(days: float) -> float:
        return round(LEFT + plot_w * days / MAX_DAYS, 1)

    def y(cost: float) -> float:
        return round(TOP + plot_h * (1 - cost / y_max), 1)

    def line(css: str, x1: float, x2: float, y1: float, y2: float) -> Html:
        return element("line", class_=f"guide-chart__{css}", x1=x1, x2=x2, y1=y1, y2=y2)

    def text(css: str, at_x: float, at_y: float, anchor: str, content: str) -> Html:
        return element("text", content, class_=f"guide-chart__{css}", x=at_x, y=at_y, text_anchor=anchor)

    days_now = v["days_per_week"]
    fees_now = fees_per_day * days_now
    break_even = loaded / fees_per_day
    parts = [
        element("rect", class_="guide-chart__band", x=LEFT, y=y(high * loaded), width=plot_w,
                height=round(y(low * loaded) - y(high * loaded), 1)),
        text("small", LEFT + plot_w - 4, round(y(low * loaded) + 13, 1), "end",
             f"zone {format_number(low * 100)}-{format_number(high * 100)}\u00a0%"),
    ]
    for index in range(int(round(y_max / step)) + 1):
        tick = index * step
        parts.append(line("grid", LEFT, LEFT + plot_w, y(tick), y(tick)))
        parts.append(text("tick", LEFT - 5, y(tick) + 4, "end", _thousands(tick, currency)))
    for day in range(MAX_DAYS + 1):
        parts.append(text("tick", x(day), TOP + plot_h + 16, "middle", str(day)))
    parts += [
        line("axis", LEFT, LEFT + plot_w, y(0), y(0)),
        line("axis", LEFT, LEFT, TOP, y(0)),
        text("tick", LEFT + plot_w / 2, HEIGHT - 6, "middle", "Jours par semaine du CMO externe"),
        line("internal", LEFT, LEFT + plot_w, y(loaded), y(loaded)),
        text("label", LEFT + plot_w - 2, round(y(loaded) - 5, 1), "end", "Interne"),
    ]
    end_days = min(MAX_DAYS, y_max / fees_per_day)
    parts.append(element("line", class_="guide-chart__external", x1=x(0), y1=y(0), x2=x(end_days), y2=y(fees_per_day * end_days)))
    parts.append(text("label guide-chart__label--external", round(x(end_days) - 10, 1),
                      round(y(fees_per_day * end_days) + 12, 1), "end", "Externe"))
    if break_even <= MAX_DAYS:
        parts.append(element("circle", class_="guide-chart__break-even", cx=x(break_even), cy=y(loaded), r=5))
        parts.append(text("small", round(x(break_even) + 8, 1), round(y(loaded) + 16, 1), "start",
                          f"équilibre {format_number(break_even, 2)} j"))
    parts.append(element("circle", class_="guide-chart__you", cx=x(days_now), cy=y(fees_now), r=5))
    # Above-left of the point (the line climbs to the right), or below-right near the origin.
    if days_now >= 1.5:
        label_x, label_y, anchor = x(days_now) - 8, y(fees_now) - 8, "end"
    else:
        label_x, label_y, anchor = x(days_now) + 8, y(fees_now) + 16, "start"
    parts.append(text("small", round(label_x, 1), round(label_y, 1), anchor, f"vous : {format_number(days_now, 2)} j"))

    if break_even <= MAX_DAYS:
        crossing = (f"Les deux coûts se croisent à {format_number(break_even, 2)} jours par semaine : "
                    "au-delà, la direction externe coûte plus cher qu'un recrutement.")
    else:
        crossing = "Les deux coûts ne se croisent pas avant 5 jours par semaine : la direction externe reste moins chère."
    description = (
        f"Coût annuel d'une direction externe selon le nombre de jours par semaine (de 0 à {MAX_DAYS}), "
        f"comparé au coût d'une direction interne, {format_money(loaded, currency)} par an. "
        f"La fourchette indicative d’internalisation va de {format_money(low * loaded, currency)} à {format_money(high * loaded, currency)}. "
        f"À {format_number(days_now, 2)} jours par semaine, les honoraires font {format_money(fees_now, currency)} par an. "
        + crossing
    )
    title_id, description_id = "calc-internalisation-chart-title", "calc-internalisation-chart-desc"
    svg = element(
        "svg",
        element("title", "Coût annuel : direction externe et direction interne", id=title_id),
        element("desc", description, id=description_id),
        *parts,
        class_="guide-chart", viewBox=f"0 0 {WIDTH} {HEIGHT}", role="img",
        aria_labelledby=f"{title_id} {description_id}", focusable="false",
    )
    rows = [
        element("tr", element("th", str(day), scope="row"), element("td", format_money(fees_per_day * day, currency)),
                element("td", format_money(loaded, currency)))
        for day in range(MAX_DAYS + 1)
    ]
    heading = element("tr", *(element("th", label, scope="col")
                               for label in ("Jours par semaine", "Direction externe", "Direction interne")))
    table = element("table", element("thead", heading), element("tbody", *rows))
    return element(
        "figure",
        svg,
        element("figcaption", description),
        element("details", element("summary", "Les valeurs du graphique"), table, class_="guide-chart__data"),
        class_="guide-chart-figure", data_chart="internalisation",
    )


def render_recommendation_link(calculator, result) -> Html:
    """A link to the sourcing option behind the recommendation (the page sits beside the others)."""
    outcome = result.outcomes.get("recommendation")
    if outcome is None or outcome.value is None:
        return Html()
    settings = calculator.settings
    recommendation = item_by_id(rules(settings)["recommandations"], outcome.value)
    option = item_by_id(settings["sourcing"]["options"], recommendation["option"])
    return element(
        "p",
        "Pour aller plus loin : ",
        element("a", option["nom"], href="../" + page_url(settings[HOME], "sourcing", option["id"])),
        f", sur la page « {settings['sourcing']['page']['titre_court']} », et ",
        element("a", settings["role-cmo"]["page"]["titre_court"], href="../" + page_url(settings[HOME], "role-cmo")),
        ".",
        class_="guide-calculator__more",
    )
