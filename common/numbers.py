"""French number input and output, standard library only (runs in CPython and Pyodide).

Parsing accepts what people type, exactly (a ``Decimal``, never a float): ``12 500,50 €``, ``12500.5``,
``12.500,50``, ``15 %``, ``1 234`` with ordinary, no-break (U+00A0) or narrow no-break (U+202F) spaces,
``12'500`` or ``12’500`` (the Swiss thousands separator, straight or typographic apostrophe: the same number).
It refuses what it cannot read unambiguously: another unit than the field's, spaces that do not group
thousands (``100 50``), ``12.500`` (twelve thousand or twelve and a half?), ``1e5``, ``nan``, two commas...
A character the reader may not see for what it is, an invisible one (zero-width space, U+FEFF, soft
hyphen, bidi marks, control characters), an unusual space, a digit other than 0-9 (« ١٢٣ », « １２３ »),
is refused before anything else, and named with its position (``NumberError.character``, ``.position``).

Formatting follows fr-FR: ``1 234,56 €`` with U+202F between thousands and U+00A0
before ``€`` and ``%``. Rounding is for display only, half away from zero.
"""

from __future__ import annotations

import re
import unicodedata
from decimal import ROUND_HALF_UP, Decimal, localcontext

from common.typography import NARROW_NBSP, NBSP


class NumberError(ValueError):
    """The text is not a number; ``reason`` says why, in French (``unit`` when a foreign unit was typed;
    ``character`` and ``position``, counted from 1, for an invisible character or a non-ASCII digit, with
    ``suggestion``, the same text in digits 0-9, when it reads as a number)."""

    def __init__(self, reason: str, unit: str = "", character: str = "", position: int = 0, suggestion: str = ""):
        super().__init__(reason)
        self.reason = reason
        self.unit = unit
        self.character = character
        self.position = position
        self.suggestion = suggestion


# Units a reader may type after (or, for currencies, before) a number; each field accepts only its own.
UNIT_WORDS = {
    "€": "€", "eur": "€", "euro": "€", "euros": "€",
    "$": "$", "$ca": "$ CA", "$cad": "$ CAD", "$ ca": "$ CA", "$ cad": "$ CAD", "cad": "CAD", "$us": "$ US",
    "$ us": "$ US", "us$": "$ US", "usd": "USD", "dollar": "$", "dollars": "$",
    "£": "£", "gbp": "£", "chf": "CHF", "¥": "¥", "jpy": "¥",
    "%": "%", "pourcent": "%", "pourcents": "%", "pour cent": "%", "h": "h", "heure": "h", "heures": "h",
    "j": "jours", "jour": "jours", "jours": "jours", "semaine": "semaines", "semaines": "semaines", "sem": "semaines",
    "mois": "mois", "employé": "employés", "employés": "employés", "salarié": "employés", "salariés": "employés",
    "client": "clients", "clients": "clients",
}
_UNIT_AT_END = re.compile(r"(?:(?<=[0-9\s\u00a0\u202f])|^)(" + "|".join(
    re.escape(word) for word in sorted(UNIT_WORDS, key=len, reverse=True)) + r")\.?$", re.IGNORECASE)
_CURRENCY_AT_START = re.compile(r"^(€|\$|us\$|£|¥|eur|usd|cad|chf|gbp)(?![a-z])\s*", re.IGNORECASE)
# Each currency in words, for a message that asks to convert an amount.
CURRENCY_WORDS = {"€": "euros", "$": "dollars", "$ CA": "dollars canadiens", "$ CAD": "dollars canadiens",
                  "CAD": "dollars canadiens", "$ US": "dollars américains", "USD": "dollars américains",
                  "£": "livres sterling", "CHF": "francs suisses", "¥": "yens"}
# « 12 k€ », « 1,5 M€ », « 12k »: an abbreviated amount, refused with the number written in full.
_ABBREVIATED = re.compile(r"^(?P<number>[-+\u2212]?[0-9][0-9.,\s'\u2019]*?)\s*(?P<unit>(?P<factor>k|md|mds|mrd|m)"
                          r"\s*(?:€|eur|euros?|\$)|k)\.?$", re.IGNORECASE)
_FACTORS = {"k": 3, "m": 6, "md": 9, "mds": 9, "mrd": 9}
# A readable number followed by words or symbols no field takes (« 12 500 balles », « 500 €/mois », « 12 € HT »).
_NUMBER_THEN_WORDS = re.compile(r"^(?P<number>[0-9][0-9.,\s'\u2019]*?)\s*(?P<words>[^\d\s.,'\u2019]\D*)$")
# What may group thousands: spaces (ordinary, no-break, narrow no-break, thin, figure) and the apostrophe, straight
# or typographic (« 12'500 » and « 12’500 » are the same number, as a word processor turns one into the other).
GROUP_SEPARATORS = " \u00a0\u202f\u2009\u2007'\u2019"
_GROUP_SEPARATOR = re.compile("[" + GROUP_SEPARATORS + "]")
_PLAIN = re.compile(r"^[0-9]+(\.[0-9]+)?$")
_GROUPED = re.compile(r"^[0-9]{1,3}([.,][0-9]{3})+$")
_SPACE_GROUPED = re.compile(r"^[0-9]{1,3}( [0-9]{3})+$")
_AMBIGUOUS_DOT = re.compile(r"^[1-9][0-9]{0,2}\.[0-9]{3}$")
# Characters a reader does not see, or not for what they are, by their French Unicode names (others get their code only).
CHARACTER_NAMES = {
    "\t": "tabulation", "\n": "saut de ligne", "\r": "retour chariot", "\x0b": "tabulation verticale",
    "\x0c": "saut de page", "\x00": "caractère nul", "\x1b": "échappement", "\x7f": "suppression",
    "\x85": "à la ligne", "\u00ad": "trait d’union conditionnel", "\u034f": "séparateur de graphèmes combinant",
    "\u061c": "marque de lettre arabe", "\u180e": "séparateur de voyelles mongol",
    "\u200b": "espace sans largeur", "\u200c": "antiliant sans chasse", "\u200d": "liant sans chasse",
    "\u200e": "marque gauche-à-droite", "\u200f": "marque droite-à-gauche",
    "\u2028": "séparateur de ligne", "\u2029": "séparateur de paragraphe",
    "\u202a": "enchâssement gauche-à-droite", "\u202b": "enchâssement droite-à-gauche",
    "\u202c": "dépilement de formatage directionnel", "\u202d": "forçage gauche-à-droite",
    "\u202e": "forçage droite-à-gauche", "\u2060": "gluon de mots", "\u2061": "application de fonction",
    "\u2062": "multiplication invisible", "\u2063": "séparateur invisible", "\u2064": "plus invisible",
    "\u2066": "isolat gauche-à-droite", "\u2067": "isolat droite-à-gauche", "\u2068": "isolat à direction initiale",
    "\u2069": "dépilement d’isolat directionnel", "\ufeff": "indicateur d’ordre des octets",
    "\u1680": "espace oghamique", "\u2000": "demi-cadratin", "\u2001": "cadratin",
    "\u2002": "espace demi-cadratin", "\u2003": "espace cadratin", "\u2004": "espace tiers de cadratin",
    "\u2005": "espace quart de cadratin", "\u2006": "espace sixième de cadratin", "\u2008": "espace ponctuation",
    "\u200a": "espace ultrafine", "\u205f": "espace moyenne mathématique", "\u3000": "espace idéographique",
}
# Invisible although Unicode calls them letters or marks: the grapheme joiner, variation selectors, Hangul fillers.
_INVISIBLE_MARKS = re.compile("[\u034f\u115f\u1160\u3164\uffa0\ufe00-\ufe0f]")
# The scripts whose digits people paste most, by the start of their Unicode name (which is never shown).
DIGIT_KINDS = (
    ("EXTENDED ARABIC-INDIC DIGIT", "chiffre arabe-indien étendu"), ("ARABIC-INDIC DIGIT", "chiffre arabe-indien"),
    ("FULLWIDTH DIGIT", "chiffre pleine chasse"), ("DEVANAGARI DIGIT", "chiffre dévanagari"),
    ("BENGALI DIGIT", "chiffre bengali"), ("SUPERSCRIPT", "chiffre en exposant"), ("SUBSCRIPT", "chiffre en indice"),
    ("CIRCLED", "chiffre cerclé"), ("MATHEMATICAL", "chiffre mathématique"),
)
# Spaces and line ends that str.strip() removes around a number, harmless there (a pasted line's end).
_EDGE_SPACES = " \t\n\r\x0b\x0c\u00a0\u202f\u2009\u2007"
SIGNIFICANT_DIGITS = 15  # at most this many digits shown: beyond, a display would invent precision
MAX_DIGITS = 30  # more than any amount a company has: a longer number is a typing slip


def unit_of(text: str) -> str:
    """The canonical unit of a field's declared unit (``€``, ``%``, ``jours``…), or ``""``."""
    return UNIT_WORDS.get(text.strip().lower().replace(" ", ""), text.strip())


def currency_words(unit: str) -> str:
    """``"$"`` -> ``"dollars"``, ``"$ CAD"`` -> ``"dollars canadiens"``; ``""`` for a unit that is no currency."""
    return CURRENCY_WORDS.get(unit_of(unit), "")


def character_kind(char: str) -> str:
    """``"chiffre"`` for a digit other than 0-9, ``"invisible"``, ``"contrôle"`` or ``"espace"`` for a character a
    number cannot hold and a reader may not see, ``""`` for any other (letters, ``€``, the accepted spaces…)."""
    if " " <= char <= "~" or char in GROUP_SEPARATORS:
        return ""
    if unicodedata.digit(char, None) is not None:
        return "chiffre"
    category = unicodedata.category(char)
    if category == "Cc":
        return "contrôle"
    if category == "Zs":
        return "espace"
    if category in ("Cf", "Zl", "Zp", "Cs", "Co", "Cn") or _INVISIBLE_MARKS.match(char):
        return "invisible"
    return ""


def describe_character(char: str) -> str:
    """A character a reader may not see for what it is, in French: ``caractère invisible U+200B (espace sans
    largeur)``, ``chiffre arabe-indien « ١ » (U+0661)``, ``espace inhabituelle U+3000 (espace idéographique)``."""
    code = f"U+{ord(char):04X}"
    kind = character_kind(char)
    if kind == "chiffre":
        name = unicodedata.name(char, "")
        script = next((french for start, french in DIGIT_KINDS if name.startswith(start)), "chiffre non ASCII")
        return f"{script} « {char} » ({code})"
    described = {"contrôle": "caractère de contrôle", "espace": "espace inhabituelle"}.get(kind, "caractère invisible")
    french_name = CHARACTER_NAMES.get(char)
    return f"{described} {code} ({french_name})" if french_name else f"{described} {code}"


def _in_ascii_digits(text: str) -> str:
    """``"١٢٣"`` -> ``"123"``: each decimal digit of another script as 0-9 (the Arabic decimal and thousands
    separators as a comma and a space); other characters unchanged. For a suggestion only, never read as is."""
    text = text.replace("\u066b", ",").replace("\u066c", " ")
    return "".join(str(unicodedata.decimal(char)) if unicodedata.decimal(char, None) is not None else char
                   for char in text)


def _refuse_unreadable_characters(text: str, accepted_unit: str | None) -> None:
    """Raise ``NumberError`` naming the first character of ``text`` a number cannot hold and a reader may not
    see for what it is (spaces and line ends around the number aside: strip() removes them)."""
    start = len(text) - len(text.lstrip(_EDGE_SPACES))
    end = len(text.rstrip(_EDGE_SPACES))
    for index in range(start, end):
        char = text[index]
        kind = character_kind(char)
        if not kind:
            continue
        if kind != "chiffre":
            raise NumberError("caractère invisible", character=char, position=index + 1)
        suggestion = _in_ascii_digits(text).strip()
        try:
            if any(character_kind(other) for other in suggestion):  # « 10² », a mark left: no suggestion
                raise NumberError("pas un nombre")
            parse_number(suggestion, accepted_unit)
        except NumberError:
            suggestion = ""
        raise NumberError("chiffre non ASCII", character=char, position=index + 1, suggestion=suggestion)


def parse_number(text: str, accepted_unit: str | None = None) -> Decimal:
    """``"12 500,50 €"`` -> Decimal("12500.50"), exactly as typed. Raises ``NumberError`` for anything else.

    ``accepted_unit`` is the field's own unit (``€``, ``%``, ``jours``…): typed after the number (or ``€`` before
    it) it is accepted; any other unit is refused with ``NumberError.unit`` set. ``None`` accepts the field's
    unit whatever it is (used for the guide's own defaults). Only ASCII digits; spaces group thousands by three;
    « 12.500 » is refused as ambiguous (12 500 or 12,5?) while « 1.000.000 » is a million. An invisible character
    or a digit other than 0-9 is refused first, by name and position (never skipped, never read as a digit).
    """
    if not isinstance(text, str):
        raise NumberError("valeur non textuelle")
    _refuse_unreadable_characters(text, accepted_unit)
    cleaned = text.strip().replace("\u2212", "-")  # typographic minus
    abbreviated = _ABBREVIATED.match(cleaned)
    if abbreviated:
        try:
            factor = _FACTORS[abbreviated["factor"].lower()] if abbreviated["factor"] else 3
            suggestion = format_number(parse_number(abbreviated["number"], None).scaleb(factor), 2)
        except NumberError:
            suggestion = ""
        raise NumberError("abréviation", unit=abbreviated["unit"], suggestion=suggestion)
    for pattern in (_UNIT_AT_END, _CURRENCY_AT_START):
        match = pattern.search(cleaned)
        if match:
            unit = UNIT_WORDS.get(match.group(1).lower().replace(" ", ""), match.group(1))
            canadian = unit_of(accepted_unit or "") == "$ CAD" and unit in ("$", "$ CA", "$ CAD", "CAD")
            if accepted_unit is not None and unit != unit_of(accepted_unit) and not canadian:
                raise NumberError("unité", unit=match.group(1))
            cleaned = (cleaned[:match.start()] + cleaned[match.end():]).strip()
    if not cleaned:
        raise NumberError("vide")
    sign = ""
    if cleaned[0] in "+-":
        sign, cleaned = cleaned[0], cleaned[1:].strip()
    spaced = _GROUP_SEPARATOR.sub(" ", cleaned)
    if re.search(r"[^0-9., ]", spaced) or not spaced:
        followed = _NUMBER_THEN_WORDS.match(cleaned)
        if followed and re.search(r"[^\W\d_]|[€$£¥/]", followed["words"]):
            try:
                parse_number(followed["number"], None)
            except NumberError:
                raise NumberError("pas un nombre") from None
            raise NumberError("unité inconnue", unit=followed["words"].strip())
        raise NumberError("pas un nombre")
    if spaced[-1] in ".,":
        raise NumberError("inachevé")  # « 1, » on the way to « 1,5 »: the browser waits for the next key
    if " " in spaced:
        shape = re.match(r"^([0-9 ]*)([.,]?)([0-9]*)$", spaced)
        whole, mark, fraction = shape.groups() if shape else ("", "", "")
        if not _SPACE_GROUPED.match(whole.strip()) or " " in fraction:
            raise NumberError("espaces mal placés")
        spaced = whole.replace(" ", "") + mark + fraction
    if "," in spaced and "." in spaced:
        # The last separator is the decimal one: 12.500,50 or 12,500.50.
        decimal_mark = "," if spaced.rfind(",") > spaced.rfind(".") else "."
        thousands = "." if decimal_mark == "," else ","
        whole, _, fraction = spaced.rpartition(decimal_mark)
        if not _GROUPED.match(whole.replace(thousands, ",")) or decimal_mark in whole:
            raise NumberError("séparateurs mal placés")
        spaced = whole.replace(thousands, "") + "." + fraction
    elif spaced.count(",") > 1 or spaced.count(".") > 1:
        if not _GROUPED.match(spaced) or ("," in spaced and "." in spaced):
            raise NumberError("séparateurs mal placés")
        spaced = spaced.replace(",", "").replace(".", "")
    elif _AMBIGUOUS_DOT.match(spaced):
        raise NumberError("point ambigu")
    else:
        spaced = spaced.replace(",", ".")  # French decimal comma
    if not _PLAIN.match(spaced):
        raise NumberError("pas un nombre")
    if len(spaced.replace(".", "").lstrip("0")) > MAX_DIGITS:
        raise NumberError("nombre trop long")
    return Decimal(sign + spaced)


def to_decimal(value) -> Decimal:
    """A number from JSON or from the guide's YAML (int, float, Decimal) as an exact Decimal:
    a float becomes the shortest decimal that reads back as it (0.1 -> 0.1, not 0.1000000000000000055)."""
    if isinstance(value, Decimal):
        return value
    if isinstance(value, bool):
        raise TypeError("un booléen n'est pas un nombre")
    if isinstance(value, int):
        return Decimal(value)
    return Decimal(repr(float(value)))


def _decimal(value: float | Decimal) -> Decimal:
    """The shortest decimal that reads back as this float (so 2.675 stays 2.675)."""
    number = value if isinstance(value, Decimal) else Decimal(repr(float(value)))
    if not number.is_finite():
        raise ValueError("valeur non finie")
    return number


def round_half_up(value: float | Decimal, decimals: int) -> Decimal:
    """Round for display, half away from zero: 2.675 -> 2.68 (Python's round gives 2.67)."""
    quantum = Decimal(1).scaleb(-decimals)
    with localcontext() as context:
        context.prec = 400  # any finite float (up to 1.8e308) times 100, with its decimals
        return _decimal(value).quantize(quantum, rounding=ROUND_HALF_UP)


def format_number(value: float | Decimal, decimals: int = 2, keep_zeros: bool = False) -> str:
    """``1234.5`` -> ``1 234,5`` (thousands with U+202F, decimal comma, no trailing zeros, a minus sign U+2212
    before a negative number, never a hyphen). At most
    ``SIGNIFICANT_DIGITS`` digits: a longer number loses decimals, then units, rounded once from the value
    itself (never a rounded figure rounded again)."""
    exact = _decimal(value)
    rounded = round_half_up(exact, decimals)
    whole_digits = rounded.adjusted() + 1 if rounded else 1
    if whole_digits + decimals > SIGNIFICANT_DIGITS:  # never show digits beyond what 15 can carry
        decimals = max(0, min(decimals, SIGNIFICANT_DIGITS - whole_digits))
        with localcontext() as context:
            context.prec = 400
            rounded = exact.quantize(Decimal(1).scaleb(max(-decimals, whole_digits - SIGNIFICANT_DIGITS)),
                                     rounding=ROUND_HALF_UP)
    if rounded == 0:
        rounded = abs(rounded)  # no "-0"
    sign = "\u2212" if rounded < 0 else ""  # the minus sign, not the hyphen: « −20 % » never breaks after its sign
    text = f"{abs(rounded):.{decimals}f}"
    whole, _, fraction = text.partition(".")
    if not keep_zeros:
        fraction = fraction.rstrip("0")
    groups: list[str] = []
    while len(whole) > 3:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    groups.insert(0, whole)
    result = NARROW_NBSP.join(groups)
    return f"{sign}{result},{fraction}" if fraction else f"{sign}{result}"


def format_money(value: float | Decimal, currency: str = "€") -> str:
    """``1234.56`` -> ``1 234,56 €``; whole amounts without cents: ``92 000 €``."""
    cents = round_half_up(value, 2)
    keep = cents != cents.to_integral_value()
    return f"{format_number(value, 2, keep_zeros=keep)}{NBSP}{currency}"


def format_percent(ratio: float | Decimal, decimals: int = 1) -> str:
    """A ratio as a percentage: ``0.6434`` -> ``64,3 %``; ``4.0`` -> ``400 %``."""
    with localcontext() as context:
        context.prec = 400
        percent = _decimal(ratio) * 100  # in decimal: a huge finite ratio stays finite
    return f"{format_number(percent, decimals)}{NBSP}%"
