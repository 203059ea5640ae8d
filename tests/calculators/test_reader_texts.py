"""Every text a calculator shows to a reader is finished French: no leftover of the code that wrote it.

A black-box scan, written from the declarations (the ``calculateur`` block of ``frameworks/roi.yml``,
``internalisation.yml`` and ``diagnostic.yml``), not from the calculators' code. For inputs drawn from
those declarations (random values within the bounds typed the French way, every option of every choice,
each billing mode, each currency, empty optional fields, bounds, very small and very large values), it
collects what a reader can see or copy:

- ``as_json``: display strings, notes, status texts, errors, text and list outputs (the flips);
- ``render_results`` (the live and the pre-rendered results, the diagnostic's report, the charts' SVG),
  ``render_summary``, ``render_form`` (labels, help, options, errors) and ``render_widget`` (the page's
  pre-render): every text node and every attribute value, parsed with ``html.parser``;
- the browser worker's answer (``browser.handle``): the same JSON and its ``html``;
- the copied text and the CSV, which only exist in ``docs/assets/javascripts/calculators.mjs``
  (``rows()``, ``copyText()``, ``exportCSV()``): rebuilt here from the same HTML the way that script does.

Levels of scan (``Scanner.scan``):

- machine values (ids, ``data-*`` attributes, plain numbers in ``data-value``, CSS classes, SVG
  coordinates): no ``{ }``, ``None``, ``null``, ``undefined``, ``nan``, ``inf``, ``Decimal(``, ``True``/``False``,
  object repr or exponent (``1.25E+4``). A ``data-*`` attribute holding JSON (``data-defaults``) may hold
  braces: it must parse, and its strings are scanned as typed values. ``<script>`` and ``<style>`` content
  is not text (no calculator emits any today).
- typed values (a field's ``value``, the defaults a field is filled with, a text field's content in the copy and
  the CSV): the above, and no decimal point. What the reader typed comes back as typed (machine level): a
  pre-filled ``10 000`` with a breakable space, or ``0,12345``, is how a reader types, not a leak.
- reader texts (text nodes, ``title``, ``aria-label``, ``alt``, ``placeholder``..., display strings, notes,
  statuses, errors, copy and CSV cells): the above, and no ``[ ]``, no straight quote outside an elision
  (a repr's ``'budget'``), no ``\\n`` or ``%s``, no ``seuil:`` placeholder, no ``snake_case`` or hyphenated id
  (an error message may name an option as ``id (Libellé)``: that is what a link or the CLI takes),
  no English word of ``ENGLISH_WORDS`` once the glossary's accepted trade words are set aside
  (``glossaire.yml``: ``termes`` with their ``formes`` and English ``developpe``, ``terminologie`` with its
  ``variantes``), and no unformatted number: 5 digits or more without grouping, a 4-digit amount before a
  currency, digits grouped with a breakable ASCII space, a decimal point, more than 3 decimals (unless a tiny
  value is given to its few significant digits: ``0,00099 %``), 3 decimals on an amount, an exponent, a
  negative zero.
- CSV ``Valeur`` cells (the number column): a plain number with a decimal comma, or empty.

Standard library, pytest and hypothesis only: this file also runs inside Pyodide.
"""

from __future__ import annotations

import itertools
import json
import os
import re
from decimal import Decimal
from html.parser import HTMLParser

import pytest
from hypothesis import Phase, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from calculators import browser, contract
from calculators import html as calculators_html
from calculators.contract import as_json, load_calculator, run
from calculators.html import render_form, render_results, render_summary, render_widget

NAMES = ("roi", "internalisation", "diagnostic")
NUMERIC_KINDS = ("montant", "pourcentage", "nombre", "entier")
REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SCRIPT = os.path.join(REPO, "docs", "assets", "javascripts", "calculators.mjs")

# --------------------------------------------------------------------------------------------------
# The rules
# --------------------------------------------------------------------------------------------------

# English words a French reader should never meet. Left out on purpose, because they are also French
# words or French abbreviations: a, an, as, on, or, en, in, if, no, de, mode, phase, budget, total, note,
# notes, ratio, format, label, type, signal, min, max, data, rate (« il rate »), revenue (« revenue »).
ENGLISH_WORDS = frozenset(
    """
    the and of with without not error errors value values result results none null undefined nan
    per day days week weeks month months year years hour hours daily weekly monthly yearly annual
    input inputs output outputs true false yes is are was were be been being for from to this that
    these those which who will would should could can cannot must may has have had your you we our
    its it than more less when then there here only each every all some any both also but into
    over under above below between about after before while until
    missing invalid unknown required optional default defaults amount amounts number numbers percent
    cost costs salary spend margin customer customers payback recommendation coverage signals flips
    flip summary status warning healthy good bad low high enter select choose click copy loading ready
    failed computing calculating example sample internal external hire hiring recruit keep hybrid
    precision break even weeks_per_year
    traceback exception keyerror valueerror typeerror attributeerror zerodivisionerror self lambda def
    str int float dict list tuple object function return print format_number
    """.split()
)

HARD_RULES = (
    ("accolade", re.compile(r"[{}]")),
    ("None", re.compile(r"\bNone\b")),
    ("null/undefined", re.compile(r"\b(?:null|undefined)\b")),
    ("nan", re.compile(r"\bnan\b", re.IGNORECASE)),
    ("inf", re.compile(r"(?<![\w-])[-+−]?(?:inf|infinity)\b|∞", re.IGNORECASE)),
    ("Decimal(", re.compile(r"Decimal\(")),
    ("True/False", re.compile(r"\b(?:True|False)\b")),
    ("repr d'objet", re.compile(r"object at 0x|<(?:function|class|module|bound method|built-in)\b")),
    ("exposant", re.compile(r"\d(?:[.,]\d+)?[eE][+-]?\d+\b")),
)
TYPED_RULES = (
    ("point décimal", re.compile(r"\d\.\d")),
)
READER_RULES = (
    ("crochet", re.compile(r"[\[\]]")),
    ("apostrophe de repr", re.compile(r"(?<![A-Za-zÀ-ÿ])'|'(?![A-Za-zÀ-ÿ])")),
    ("échappement", re.compile(r"\\(?:[ntr\"'\\]|u[0-9a-fA-F]{4})")),
    ("gabarit %", re.compile(r"%(?:[sdrif]\b|\()")),
    ("gabarit seuil:", re.compile(r"\bseuil:")),
    ("identifiant snake_case", re.compile(r"\b[A-Za-z][A-Za-z0-9]*(?:_[A-Za-z0-9]+)+\b")),
    ("nombre de 5 chiffres ou plus sans séparateur", re.compile(r"(?<![\d,.])\d{5,}")),
    ("montant de 4 chiffres sans séparateur", re.compile(r"(?<![\d,.])\d{4}(?:,\d+)?\s?(?:€|\$)")),
    ("milliers séparés par une espace sécable", re.compile(r"(?<![\d,])\d{1,3}(?: \d{3})+(?![\d])")),
    ("montant à 3 décimales", re.compile(r"\d,\d{3}\s?(?:€|\$)")),
    ("zéro négatif", re.compile(r"(?<![\w,])[-−]0(?:,0+)?(?![\d,])")),
)
# More than 3 decimals: an unrounded figure (« 1,72262 »), unless it is a tiny value given to its few significant
# digits (« ramené de 0,001 % à 0,00099 % », where 0 % would say nothing).
LONG_DECIMALS = re.compile(r"(?<!\d)(\d+(?:[\u202f\u00a0 ]\d{3})*),(\d{4,})")
WORD = re.compile(r"(?<![\w-])[A-Za-z]+(?:_[A-Za-z]+)*(?![\w-])")
JSON_ATTRIBUTE = re.compile(r"^\s*[\[{]")
READER_ATTRIBUTES = frozenset(
    {"title", "aria-label", "alt", "placeholder", "aria-valuetext", "aria-description", "aria-roledescription",
     "aria-placeholder", "label", "summary", "content"}
)
TYPED_ATTRIBUTES = frozenset({"value"})


def _accepted_phrases(settings: dict) -> list[str]:
    """The glossary's accepted trade words (« Head of Marketing », « Return On Marketing Investment »...)."""
    glossary = settings.get("glossaire") or {}
    phrases: set[str] = set()
    for term in glossary.get("termes") or ():
        phrases.add(term.get("terme") or "")
        phrases.update(term.get("formes") or ())
        for part in (term.get("developpe") or "").split(","):
            part = part.strip()
            phrases.add(part.removeprefix("en anglais ").strip())
    for term in glossary.get("terminologie") or ():
        phrases.add(term.get("terme") or "")
        phrases.update(term.get("variantes") or ())
    return sorted((phrase for phrase in phrases if re.search(r"[A-Za-z]", phrase)), key=len, reverse=True)


class Scanner:
    """The rules, with what the settings tell: accepted glossary phrases and the ids that must not show."""

    def __init__(self, settings: dict, ids: set[str] = frozenset()):
        self.phrases = _accepted_phrases(settings)
        self.accepted = re.compile(
            "|".join(rf"(?<!\w){re.escape(phrase)}(?!\w)" for phrase in self.phrases) or r"(?!x)x", re.IGNORECASE
        )
        accepted_ids = {phrase.lower() for phrase in self.phrases}
        self.ids = sorted((i for i in ids if i.lower() not in accepted_ids), key=len, reverse=True)
        self.id_rule = re.compile("|".join(rf"(?<![\w-]){re.escape(i)}(?![\w-])" for i in self.ids) or r"(?!x)x")
        self.id_rule_in_errors = re.compile("|".join(rf"(?<![\w-]){re.escape(i)}(?![\w-])(?! \()" for i in self.ids)
                                            or r"(?!x)x")
        self.cache: dict[tuple[str, str], list] = {}

    def scan(self, text: str, level: str) -> list[tuple[str, str]]:
        """(rule, excerpt) for each leak in ``text``; ``level`` is machine, typed, reader, error (a reader text that
        may name an option by its id followed by its label, as what to type: ``marketing-disperse (Marketing
        dispersé)``), number (a CSV cell) or json (a data attribute that looks like JSON but does not parse)."""
        key = (text, level)
        if key not in self.cache:
            self.cache[key] = self._scan(text, level)
        return self.cache[key]

    def _scan(self, text: str, level: str) -> list[tuple[str, str]]:
        if level == "json":
            return [("attribut JSON illisible (repr Python ?)", text)]
        if level == "number":
            return [] if re.fullmatch(r"(-?[0-9]+(,[0-9]+)?)?", text) else [("cellule CSV qui n'est pas un nombre", text)]
        reader = level in ("reader", "error")
        rules = HARD_RULES + (TYPED_RULES if level != "machine" else ()) + (READER_RULES if reader else ())
        found = [(name, excerpt(text, match)) for name, rule in rules for match in rule.finditer(text)]
        if reader:
            found += [("plus de 3 décimales", excerpt(text, match)) for match in LONG_DECIMALS.finditer(text)
                      if len(re.sub(r"\D", "", match.group(1) + match.group(2)).lstrip("0")) > 3]
        if reader:
            id_rule = self.id_rule_in_errors if level == "error" else self.id_rule
            found += [("id interne", excerpt(text, match)) for match in id_rule.finditer(text)]
            if any(match.group().lower() in ENGLISH_WORDS for match in WORD.finditer(text)):
                plain = self.accepted.sub(" ", text)
                found += [
                    ("mot anglais", excerpt(plain, match))
                    for match in WORD.finditer(plain)
                    if match.group().lower() in ENGLISH_WORDS
                ]
        return found


def excerpt(text: str, match: re.Match, width: int = 45) -> str:
    start, end = max(match.start() - width, 0), min(match.end() + width, len(text))
    return ("…" if start else "") + text[start:match.start()] + "⟦" + match.group() + "⟧" + text[match.end():end] + (
        "…" if end < len(text) else "")


# --------------------------------------------------------------------------------------------------
# HTML as a small tree (html.parser), and the texts in it
# --------------------------------------------------------------------------------------------------

VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"})
NOT_TEXT = frozenset({"script", "style"})


class Node:
    def __init__(self, tag: str, attrs: dict | None = None, parent: Node | None = None, data: str = ""):
        self.tag, self.attrs, self.parent, self.data, self.children = tag, attrs or {}, parent, data, []

    def classes(self) -> set[str]:
        return set(self.attrs.get("class", "").split())

    def walk(self):
        yield self
        for child in self.children:
            yield from child.walk()

    def find_all(self, predicate):
        return [node for node in self.walk() if node.tag != "#text" and predicate(node)]

    def find(self, predicate):
        found = self.find_all(predicate)
        return found[0] if found else None

    def text(self, without=lambda node: False) -> str:
        """textContent on one line, as calculators.mjs's text(): only the HTML's spaces collapse."""
        parts = []

        def collect(node):
            if node.tag == "#text":
                parts.append(node.data)
            elif node.tag not in NOT_TEXT and not without(node):
                for child in node.children:
                    collect(child)

        collect(self)
        return re.sub(r"^ | $", "", re.sub(r"[ \t\n\r\f]+", " ", "".join(parts)))

    def describe(self) -> str:
        node = self
        while node is not None and node.tag != "#root":
            for key in ("data-output", "data-input", "data-report", "data-summary"):
                if key in node.attrs:
                    return f'<{self.tag} class="{self.attrs.get("class", "")}"> dans [{key}={node.attrs[key]}]'
            node = node.parent
        return f'<{self.tag} class="{self.attrs.get("class", "")}">'


class TreeBuilder(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.root = Node("#root")
        self.stack = [self.root]

    def _element(self, tag, attrs):
        node = Node(tag, {key: value if value is not None else "" for key, value in attrs}, self.stack[-1])
        self.stack[-1].children.append(node)
        return node

    def handle_starttag(self, tag, attrs):
        node = self._element(tag, attrs)
        if tag not in VOID:
            self.stack.append(node)

    def handle_startendtag(self, tag, attrs):
        self._element(tag, attrs)

    def handle_endtag(self, tag):
        for depth in range(len(self.stack) - 1, 0, -1):
            if self.stack[depth].tag == tag:
                del self.stack[depth:]
                return

    def handle_data(self, data):
        self.stack[-1].children.append(Node("#text", parent=self.stack[-1], data=data))


def parse_html(source) -> Node:
    builder = TreeBuilder()
    builder.feed(str(source))
    builder.close()
    return builder.root


def html_texts(source, label: str, typed: dict | None = None):
    """(where, text, level) of every text node and attribute value of an HTML string."""
    return tree_texts(parse_html(source), label, typed)


def tree_texts(root: Node, label: str, typed: dict | None = None):
    """(where, text, level) of every text node and attribute value of a parsed HTML tree."""
    typed_values = {str(value) for value in (typed or {}).values() if isinstance(value, str)}
    for node in root.walk():
        if node.tag == "#text":
            ancestors, parent = [], node.parent
            while parent is not None:
                ancestors.append(parent)
                parent = parent.parent
            if node.data.strip() and not NOT_TEXT & {ancestor.tag for ancestor in ancestors}:
                error = any("guide-field__error" in ancestor.classes() for ancestor in ancestors)
                yield f"{label} texte {node.parent.describe()}", node.data, "error" if error else "reader"
            continue
        for key, value in node.attrs.items():
            where = f"{label} attribut {key} de {node.describe()}"
            if key in READER_ATTRIBUTES:
                yield where, value, "reader"
            elif key in TYPED_ATTRIBUTES and node.tag in ("input", "textarea"):
                # What the reader typed comes back as typed; a default the page fills in is scanned.
                yield where, value, "machine" if value in typed_values else "typed"
            elif key.startswith("data-") and JSON_ATTRIBUTE.match(value):
                try:
                    decoded = json.loads(value)
                except ValueError:
                    yield where, value, "json"
                else:
                    for path, item, _ in json_strings(decoded, ""):
                        yield f"{where} {path}", item, "typed"
            else:
                yield where, value, "machine"


def json_strings(data, path: str):
    if isinstance(data, dict):
        for key, value in data.items():
            yield from json_strings(value, f"{path}.{key}")
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from json_strings(value, f"{path}[{index}]")
    elif isinstance(data, str):
        yield path, data, None


# --------------------------------------------------------------------------------------------------
# The declarations, read from the YAML's calculateur block
# --------------------------------------------------------------------------------------------------

def block_list(block: dict, *names: str) -> list[dict]:
    for name in names:
        if isinstance(block.get(name), list):
            return block[name]
    raise KeyError(f"aucune liste {names} dans le bloc calculateur")


def declared_inputs(settings: dict, name: str) -> list[dict]:
    return block_list(settings[name]["calculateur"], "entrees", "inputs")


def declared_outputs(settings: dict, name: str) -> list[dict]:
    return block_list(settings[name]["calculateur"], "sorties", "outputs")


def option_ids(entry: dict, settings: dict) -> list[str]:
    if entry.get("options"):
        return [option["id"] for option in entry["options"]]
    source = entry.get("options_depuis") or {}
    return [item["id"] for item in settings[source["cadre"]][source["liste"]]]


def bound(entry: dict, key: str, fallback) -> Decimal:
    value = entry.get(key)
    return Decimal(str(value)) if isinstance(value, (int, float)) and not isinstance(value, bool) else Decimal(fallback)


def french(value: Decimal, separator: str = "\u202f") -> str:
    """A number as a French reader types it: ``12 500,5``."""
    text = format(value, "f")
    sign = "-" if text.startswith("-") else ""
    whole, _, fraction = text.lstrip("-").partition(".")
    groups = []
    while len(whole) > 3:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    groups.insert(0, whole)
    return sign + separator.join(groups) + ("," + fraction if fraction else "")


def typed_value(entry: dict, value) -> object:
    """A YAML value (the worked example's) as a reader types it."""
    if entry["type"] in NUMERIC_KINDS and isinstance(value, (int, float)) and not isinstance(value, bool):
        return french(Decimal(str(value)))
    if entry["type"] == "oui_non" and isinstance(value, bool):
        return "oui" if value else "non"
    if entry["type"] == "choix_multiple" and isinstance(value, list):
        return ",".join(value)
    return value


# --------------------------------------------------------------------------------------------------
# One case: everything a reader sees for these inputs
# --------------------------------------------------------------------------------------------------

class Reader:
    def __init__(self, settings: dict):
        self.settings = settings
        self.calculators = {name: load_calculator(name, settings) for name in NAMES}
        browser.configure(json.dumps(settings))
        self.scanner = Scanner(settings, internal_ids(settings))

    def texts(self, name: str, raw: dict):
        """(where, text, level) of every text shown for ``raw``."""
        calculator = self.calculators[name]
        result = run(calculator, raw)
        yield from self._json(name, as_json(calculator, result), "as_json")
        response = json.loads(browser.handle(json.dumps({"calculator": name, "inputs": raw}, ensure_ascii=False)))
        yield from self._json(name, response, "browser.handle")
        if result.errors:
            yield from html_texts(render_form(calculator, raw, result.errors), "render_form", raw)
            return
        # The pre-rendered page holds the summary, the form and the results: each is scanned once, in it.
        source = render_widget(calculator, result, raw, "pyodide/", "bundle.json")
        page = parse_html(source)
        yield from tree_texts(page, "page (render_widget)", raw)
        results = render_results(calculator, result)
        for label, part in (("render_summary", str(render_summary(calculator, result))), ("render_results", results),
                            ("render_form", render_form(calculator, raw, None))):
            if part not in source:
                yield from html_texts(part, label, raw)
        live = page
        if response.get("html") != results:  # the worker's results are the pre-render's, or scanned too
            live = parse_html(response.get("html", ""))
            yield from tree_texts(live, "browser.handle html", raw)
        yield from copy_and_csv(live, page, response.get("values") or {}, raw)

    def _json(self, name: str, data: dict, label: str):
        try:
            json.dumps(data, allow_nan=False)
        except ValueError as error:
            yield f"{label} (JSON)", f"nombre non fini : {error}", "machine"
        for key, value in data.items():
            if key in ("display", "notes", "errors"):
                for item, text in (value or {}).items():
                    yield f"{label}.{key}.{item}", str(text), "error" if key == "errors" else "reader"
            elif key == "statuses":
                for item, status in (value or {}).items():
                    if isinstance(status, dict):
                        for part, text in status.items():
                            yield f"{label}.statuses.{item}.{part}", str(text), "reader" if part == "text" else "machine"
                    else:
                        yield f"{label}.statuses.{item}", str(status), "reader"
            elif key == "html":
                continue  # scanned with the page (Reader.texts)
            elif key in ("values", "incomplete"):
                for path, text, _ in json_strings(value, f"{label}.{key}"):
                    yield path, text, "machine"
            else:  # a raw output: an id (« hybride ») is the program's, a sentence (a flip, a role) the reader's
                for path, text, _ in json_strings(value, f"{label}.{key}"):
                    yield path, text, "reader" if " " in text.strip() else "machine"

    def leaks(self, name: str, raw: dict) -> list[tuple[str, str, str]]:
        found = []
        for where, text, level in self.texts(name, raw):
            for rule, snippet in self.scanner.scan(text, level):
                found.append((where, rule, snippet))
        return found


def internal_ids(settings: dict) -> set[str]:
    """Ids a reader must never read: the options' hyphenated ids (« marketing-disperse »), those of the frameworks
    the calculators draw on (typologies, models, sourcing, phases, thresholds), and a status seen in as_json."""
    ids = {"a-surveiller"}
    for name in NAMES:
        for entry in declared_inputs(settings, name):
            if entry["type"] in ("choix", "choix_multiple"):
                ids.update(option for option in option_ids(entry, settings) if "-" in option)
    for framework in ("typologies", "modeles", "sourcing", "phases", "seuils", "signaux", "matrice-decision", "role-cmo"):
        ids.update(hyphenated_ids(settings.get(framework)))
    return ids


def hyphenated_ids(data) -> set[str]:
    found = set()
    if isinstance(data, dict):
        if isinstance(data.get("id"), str) and "-" in data["id"]:
            found.add(data["id"])
        for value in data.values():
            found |= hyphenated_ids(value)
    elif isinstance(data, list):
        for value in data:
            found |= hyphenated_ids(value)
    return found


def copy_and_csv(results: Node, form: Node, values: dict, raw: dict):
    """The copied text and the CSV as calculators.mjs builds them (rows(), copyText(), exportCSV()) from the page's
    fields and the live results."""
    rows = []
    for field in form.find_all(lambda node: "data-input" in node.attrs):
        if "hidden" in field.attrs:
            continue
        input_id = field.attrs["data-input"]
        legend = field.find(lambda node: node.tag in ("legend", "label"))
        label = legend.text(without=lambda node: "guide-field__example" in node.classes()) if legend else ""
        if field.tag == "fieldset":
            checked = field.find_all(lambda node: node.tag == "input" and node.attrs.get("type") == "checkbox" and "checked" in node.attrs)
            boxes = [node.parent.text() for node in checked]
            shown = ", ".join(boxes) if boxes else "aucun"
        else:
            select = field.find(lambda node: node.tag == "select")
            control = field.find(lambda node: node.tag == "input")
            if select is not None:
                chosen = select.find(lambda node: node.tag == "option" and "selected" in node.attrs) or select.find(
                    lambda node: node.tag == "option")
                shown = chosen.text() if chosen else ""
            else:
                shown = control.attrs.get("value", "") if control is not None else ""
        # A text field's content is typed (by the reader, or pre-filled as a reader types it: « 10 000 »);
        # an option's label is the page's text.
        typed = field.tag != "fieldset" and field.find(lambda node: node.tag == "select") is None
        level = ("machine" if shown == raw.get(input_id) else "typed") if typed else "reader"
        number = values.get(input_id)  # as calculators.mjs rows(): only a number goes to the number column
        number = number if isinstance(number, str) and re.fullmatch(r"-?[0-9]+(\.[0-9]+)?", number) else ""
        rows.append(("Saisie", label, shown, number, field.attrs.get("data-unit", ""),
                     "" if input_id in raw else "valeur d’exemple", level))
    for result in results.find_all(lambda node: "guide-result" in node.classes()):
        value = result.find(lambda node: "guide-result__value" in node.classes())
        status = result.find(lambda node: "guide-status" in node.classes())
        note = result.find(lambda node: "guide-result__note" in node.classes())
        data_value = result.attrs.get("data-value", "")
        number = data_value if re.fullmatch(r"-?[0-9]+(\.[0-9]+)?", data_value) else ""
        term = result.find(lambda node: node.tag == "dt")
        rows.append(("Résultat", term.text() if term else "", value.text() if value else "non calculé", number,
                     result.attrs.get("data-unit", ""), " – ".join(t for t in (status and status.text(), note and note.text()) if t),
                     "reader"))
    for kind, label, shown, number, unit, remark, level in rows:
        line = f"{'•' if kind == 'Saisie' else '→'} {label}\u202f: {shown}{f' ({remark})' if remark else ''}"
        # The copied line, without a typed value (scanned at its own level below).
        yield f"copie ({kind} « {label} »)", line.replace(f": {shown}", ": ", 1) if level != "reader" and shown else line, "reader"
        yield f"CSV Valeur affichée ({kind} « {label} »)", shown, level
        yield f"CSV Intitulé ({kind})", label, "reader"
        yield f"CSV Unité ({kind} « {label} »)", unit, "reader"
        yield f"CSV Remarque ({kind} « {label} »)", remark, "reader"
        yield f"CSV Valeur ({kind} « {label} »)", number.replace(".", ",", 1) if number else "", "number"


# --------------------------------------------------------------------------------------------------
# Inputs: random valid values from the declarations, and the corners
# --------------------------------------------------------------------------------------------------

SEPARATORS = ("\u202f", "\u00a0", " ", "")


@st.composite
def typed_number(draw, entry: dict) -> str:
    kind = entry["type"]
    low, high = bound(entry, "min", "0"), bound(entry, "max", "1000000000")
    # Mostly the decimals a reader types; sometimes more (« 12 500,12345 »): the texts must round them.
    places = 0 if kind == "entier" else draw(st.sampled_from((0, 0, 1, 2, 2, 3, 6)))
    step = Decimal(1).scaleb(-places)
    how = draw(st.sampled_from(("min", "max", "petit", "ordre de grandeur", "uniforme")))
    if how == "min":
        value = low
    elif how == "max":
        value = high
    elif how == "petit":
        value = low + step * draw(st.integers(0, 100))
    elif how == "ordre de grandeur":
        digits = draw(st.integers(0, len(str(int(high)))))
        value = low + Decimal(draw(st.integers(0, 10 ** digits))) * step
    else:
        value = Decimal(draw(st.integers(int(low / step), int(high / step)))) * step
    value = min(max(value, low), high).quantize(step) if places else min(max(value, low), high).to_integral_value()
    return french(value, draw(st.sampled_from(SEPARATORS)))


@st.composite
def reader_inputs(draw, settings: dict, name: str) -> dict:
    raw = {}
    for entry in declared_inputs(settings, name):
        kind = entry["type"]
        how = draw(st.sampled_from(("saisi", "saisi", "saisi", "absent", "vide")))
        if how == "absent" or (how == "vide" and not entry.get("optionnel")):
            continue
        if how == "vide":
            raw[entry["id"]] = ""
        elif kind in NUMERIC_KINDS:
            raw[entry["id"]] = draw(typed_number(entry))
        elif kind == "choix":
            raw[entry["id"]] = draw(st.sampled_from(option_ids(entry, settings)))
        elif kind == "choix_multiple":
            chosen = draw(st.lists(st.sampled_from(option_ids(entry, settings)), unique=True))
            raw[entry["id"]] = draw(st.sampled_from((chosen, ",".join(chosen))))
        elif kind == "oui_non":
            raw[entry["id"]] = draw(st.sampled_from(("oui", "non")))
        else:
            raise AssertionError(f"type d'entrée inconnu du test : {kind} ({name}.{entry['id']})")
    return raw


def corner_cases(settings: dict, name: str) -> list[tuple[str, dict]]:
    """Defaults, the worked example, bounds, emptied optional fields, tiny values, for every combination of the
    single choices (currency × billing mode), yes and no, and each set of multiple choices."""
    entries = declared_inputs(settings, name)
    numeric = [e for e in entries if e["type"] in NUMERIC_KINDS]
    variants = {
        "défauts": {},
        "minimums": {e["id"]: french(bound(e, "min", "0")) for e in numeric},
        "maximums": {e["id"]: french(bound(e, "max", "1000000000")) for e in numeric},
        "facultatifs vides": {e["id"]: "" for e in entries if e.get("optionnel")},
        "tout petit": {e["id"]: french(bound(e, "min", "0") + (Decimal(1) if e["type"] == "entier" else Decimal("0.01")))
                       for e in numeric},
        "grand": {e["id"]: french(bound(e, "max", "1000000000") - (Decimal(1) if e["type"] == "entier" else Decimal("0.01")))
                  for e in numeric},
    }
    example = settings[name]["calculateur"].get("exemple", {}).get("entrees") or {}
    by_id = {e["id"]: e for e in entries}
    variants["exemple"] = {key: typed_value(by_id[key], value) for key, value in example.items() if key in by_id}
    choices = [[(e["id"], option) for option in option_ids(e, settings)] for e in entries if e["type"] == "choix"]
    choices += [[(e["id"], answer) for answer in ("oui", "non")] for e in entries if e["type"] == "oui_non"]
    multiple = [e for e in entries if e["type"] == "choix_multiple"]
    cases = []
    for index, combination in enumerate(itertools.product(*choices)):
        for variant, values in variants.items():
            raw = {**values, **dict(combination)}
            for entry in multiple:
                options = option_ids(entry, settings)
                sets = [[], options, *[[option] for option in options]]
                raw[entry["id"]] = ",".join(sets[(index + len(cases)) % len(sets)])
            cases.append((f"{variant} {dict(combination)}", raw))
    return cases


# --------------------------------------------------------------------------------------------------
# Tests
# --------------------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def reader(settings) -> Reader:
    return Reader(settings)


def report(name: str, raw: dict, leaks: list) -> str:
    distinct = sorted(set(leaks))
    lines = [f"{len(distinct)} fuite(s) dans les textes du calculateur « {name} » pour {raw!r} :"]
    lines += [f"  - [{rule}] {snippet!r}  ({where})" for where, rule, snippet in distinct[:40]]
    if len(distinct) > 40:
        lines.append(f"  … et {len(distinct) - 40} autres")
    return "\n".join(lines)


@pytest.mark.parametrize("name", NAMES)
def test_every_text_of_the_corner_cases_is_finished_french(reader, settings, name):
    problems = []
    for label, raw in corner_cases(settings, name):
        leaks = reader.leaks(name, raw)
        if leaks:
            problems.append(f"[{label}]\n" + report(name, raw, leaks))
    assert not problems, "\n\n".join(problems[:6]) + (f"\n\n… {len(problems) - 6} autres cas" if len(problems) > 6 else "")


# No shrinking: each example renders a whole page, and shrinking one took minutes; the failure names the inputs and
# every leak they show.
@pytest.mark.parametrize("name", NAMES)
@hypothesis_settings(max_examples=60, phases=(Phase.explicit, Phase.reuse, Phase.generate))
@given(data=st.data())
def test_every_text_of_random_valid_inputs_is_finished_french(reader, name, data):
    raw = data.draw(reader_inputs(reader.settings, name), label="saisies")
    leaks = reader.leaks(name, raw)
    assert not leaks, report(name, raw, leaks)


def invalid_inputs(settings: dict, name: str) -> list[tuple[str, object]]:
    cases = []
    for entry in declared_inputs(settings, name):
        if entry["type"] in NUMERIC_KINDS:
            high, low = bound(entry, "max", "1000000000"), bound(entry, "min", "0")
            cases += [(entry["id"], french(high + 1)), (entry["id"], french(low - 1)), (entry["id"], "beaucoup"),
                      (entry["id"], "12,5,3")]
            if entry["type"] == "entier":
                cases.append((entry["id"], "2,5"))
        elif entry["type"].startswith("choix"):
            cases.append((entry["id"], "inexistant"))
        elif entry["type"] == "oui_non":
            cases.append((entry["id"], "peut-être"))
    return cases


@pytest.mark.parametrize("name", NAMES)
def test_error_messages_are_finished_french(reader, settings, name):
    """What a reader reads after a mistyped field: the error, in the form and in the worker's answer."""
    problems = []
    for input_id, typed in invalid_inputs(settings, name):
        leaks = [leak for leak in reader.leaks(name, {input_id: typed})
                 # the typed text itself comes back in the field: what the reader wrote is not a leak
                 if typed not in leak[2]]
        if leaks:
            problems.append(report(name, {input_id: typed}, leaks))
    assert not problems, "\n\n".join(problems)


def test_copy_and_csv_in_python(settings):
    """The copied text and the CSV, if a Python function produces them; today calculators.mjs does."""
    producers = [(module, attribute) for module in (contract, calculators_html, browser) for attribute in dir(module)
                 if re.search(r"csv|copy|clipboard", attribute, re.IGNORECASE) and callable(getattr(module, attribute))]
    if not producers:
        pytest.skip("Copy and CSV exist only in JavaScript (docs/assets/javascripts/calculators.mjs: rows(), copyText(), "
                    "exportCSV(), built from the page's DOM) and need a browser to run; their texts are rebuilt from the "
                    "same HTML by copy_and_csv() and scanned in the other tests of this file")
    scanner = Reader(settings).scanner
    for module, attribute in producers:
        for name in NAMES:
            calculator = load_calculator(name, settings)
            text = str(getattr(module, attribute)(calculator, run(calculator, {})))
            assert not scanner.scan(text, "reader"), (attribute, scanner.scan(text, "reader"))


def test_the_copy_and_csv_rebuilt_here_still_follow_calculators_mjs():
    """copy_and_csv() reads the page as rows() does: if the script changes what it reads, this port is stale."""
    if not os.path.exists(SCRIPT):
        pytest.skip(f"{SCRIPT} is not readable here")
    with open(SCRIPT, encoding="utf-8") as handle:
        script = handle.read()
    for needle in ('".guide-result"', '".guide-result__value"', '".guide-status"', '".guide-result__note"',
                   "result.dataset.value", "result.dataset.unit", '"non calculé"', '"valeur d’exemple"', '"aucun"',
                   'querySelector("dt")', "[data-input]", ".guide-field__example", 'join(" – ")',
                   'value.replace(".", ",")', "/^-?[0-9]+(\\.[0-9]+)?$/"):
        assert needle in script, f"calculators.mjs no longer contains {needle}: update copy_and_csv()"


# --- The scanner itself: it finds what it must, and lets finished French through -------------------

BAD = [
    ("ces mois comptent à {format_number(efficiency * 100)} % d’efficacité", "accolade"),
    ("Valeur : None", "None"),
    ("ROMI : nan %", "nan"),
    ("ROAS : inf:1", "inf"),
    ("ROAS : -Infinity", "inf"),
    ("Coût : Decimal('12.5') €", "Decimal("),
    ("Structurer maintenant ? True", "True/False"),
    ("Indicateurs : ['budget', 'data']", "crochet"),
    ("Indicateurs : 'budget'", "apostrophe de repr"),
    ("Coût : 168125 €", "nombre de 5 chiffres ou plus sans séparateur"),
    ("Tarif : 1088 €", "montant de 4 chiffres sans séparateur"),
    ("Coût : 168 125 €", "milliers séparés par une espace sécable"),
    ("Churn : 21.5 %", "point décimal"),
    ("Ratio : 1,72262", "plus de 3 décimales"),
    ("LTV : 12\u202f500,1234\u00a0€", "plus de 3 décimales"),
    ("Churn : 0,012345\u00a0%", "plus de 3 décimales"),
    ("Coût : 12,505 €", "montant à 3 décimales"),
    ("ROMI : -0 %", "zéro négatif"),
    ("Coût : 1.25E+4 €", "exposant"),
    ("Voir monthly_churn_pct", "identifiant snake_case"),
    ("La valeur de {seuil:horizon-ltv}", "gabarit seuil:"),
    ("Coût : %s €", "gabarit %"),
    ("Le value est absent", "mot anglais"),
    ("Not computed: the input is missing", "mot anglais"),
    ("Votre structure : hybride-evolutif", "id interne"),
    ("Statut : a-surveiller", "id interne"),
]
GOOD = [
    "Dont 20\u202f000\u00a0€ de recrutement et 17\u202f875\u00a0€ de montée en compétence (coût caché : ces mois comptent à 50\u00a0% d’efficacité).",
    "Chaque euro investi a rapporté 5\u00a0€ de chiffre d’affaires : le ROMI (Return On Marketing Investment) est de 400\u00a0%.",
    "Recrutez un Head of Marketing ou un CMO ; le Hub & Spoke convient aux scale-ups et aux business units.",
    "Le Fractional CMO, ou CMO à temps partagé, coûte 2,18\u00a0j par semaine ; ROAS 2,5:1, ratio 1,72, churn 21,5\u00a0%.",
    "Phase 2 : Structuration initiale (10 à 50 employés), depuis 2024. L’ARPA (Average Revenue Per Account).",
    "Le modèle hybride évolutif ; le modèle full-stack ; une note, un total, un budget, un mode, une phase, le ratio.",
    "Revenu mensuel : 1\u202f000\u202f000,50\u00a0$ CAD ; 0,001\u00a0% ; -100\u00a0% ; on a vu ; or ; en ; a ; il rate.",
    "Churn mensuel ramené de 0,001\u00a0% à 0,00099\u00a0% : la valeur vie client augmente de 0,1\u00a0%.",
]


@pytest.mark.parametrize("text, rule", BAD)
def test_the_scanner_finds_each_kind_of_leak(reader, text, rule):
    assert rule in {found for found, _ in reader.scanner.scan(text, "reader")}, reader.scanner.scan(text, "reader")


@pytest.mark.parametrize("text", GOOD)
def test_the_scanner_lets_finished_french_through(reader, text):
    assert reader.scanner.scan(text, "reader") == []


def test_the_scanner_reads_text_and_attributes_of_html(reader):
    source = ('<div data-value="False" title="Valeur : None" data-defaults="{&quot;a&quot;: &quot;1 000&quot;}">'
              '<p data-signals="[\'budget\']"></p>'
              '<svg><text x="NaN">12.5</text><title>Erreur {x}</title><desc>the end</desc></svg>'
              '<style>.a { color: red }</style><input value="0.5"></div>')
    rules = {(where.split()[1], rule) for where, text, level in html_texts(source, "test")
             for rule, _ in reader.scanner.scan(text, level)}
    assert rules == {("attribut", "True/False"), ("attribut", "None"), ("attribut", "mot anglais"), ("attribut", "nan"),
                     ("texte", "point décimal"), ("attribut", "attribut JSON illisible (repr Python ?)"),
                     ("texte", "accolade"), ("texte", "mot anglais"), ("attribut", "point décimal")}, rules


def test_the_inputs_cover_every_option_and_billing_mode(settings):
    """The corner cases go through every option of every choice (each currency, each billing mode)."""
    for name in NAMES:
        cases = [raw for _, raw in corner_cases(settings, name)]
        for entry in declared_inputs(settings, name):
            if entry["type"] in ("choix", "choix_multiple"):
                for option in option_ids(entry, settings):
                    assert any(option in str(raw.get(entry["id"], "")).split(",") for raw in cases), (name, entry["id"], option)
