"""Markup in a text that the guide shows as typed: HTML and Markdown an editor may expect to work.

Every text of ``frameworks/`` is data, never markup (``guide.markdown_text`` escapes it): ``<strong>``, ``**gras**`` or
``[lien](…)`` reach the reader with their signs. ``python -m guide check`` names each one, as a warning, with what
to write instead; it stays a warning because the text is shown safely either way (tests/browser/test_injection.py
builds a site full of it). A link to a page or an anchor that does not exist is an error (``guide.rules``).
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from guide.anchors import HTML_LINK, MARKDOWN_LINK
from guide.errors import ContentError, format_field_path
from guide.rules import texts_of
from guide.yaml_source import ParsedYaml

_SHOWN = "s'afficherait tel quel : le HTML et le Markdown ne sont pas interprétés dans les textes du guide"
_LINK_ADVICE = ("écrivez {text} seul et, pour renvoyer vers une page du guide, ajoutez-la à page.voir_aussi "
                "(« - cadre: NOM ») ou, pour une question de la FAQ, à ses themes")


@dataclass(frozen=True)
class Markup:
    pattern: re.Pattern
    advice: Callable[[re.Match], str]  # what to write instead


def _tag_advice(match: re.Match) -> str:
    if match.group(0).lower().startswith("<a"):
        return _LINK_ADVICE.format(text="le texte du lien")
    return "retirez la balise"


def _entity_advice(match: re.Match) -> str:
    character = html.unescape(match.group(0))
    if character in "\u00a0\u202f":
        return "écrivez une espace ordinaire : les espaces insécables de la typographie française sont ajoutées seules"
    return f"écrivez le caractère lui-même : {character}"


def _without(signs: str, name: str) -> Callable[[re.Match], str]:
    return lambda match: f"écrivez « {match.group(0).strip(signs)} » sans les {name}"


def _link_advice(match: re.Match) -> str:
    return _LINK_ADVICE.format(text=f"« {match.group(1)} »")


def _pair_advice(match: re.Match) -> str:
    inner = match.group(2).strip()
    if match.group(1).lower() == "a":
        return _LINK_ADVICE.format(text=f"« {inner} »")
    return f"écrivez « {inner} » sans les balises"


def _emphasis_advice(match: re.Match) -> str:
    signs = "astérisques" if match.group(1) == "**" else "soulignés"
    return f"écrivez « {match.group(0)[2:-2]} » sans les {signs}"


MARKUP = [
    Markup(re.compile(r"<([a-zA-Z][a-zA-Z0-9]*)\b[^<>]*>([^<>]*)</\1\s*>"), _pair_advice),
    Markup(HTML_LINK, _tag_advice),
    Markup(re.compile(r"</?[a-zA-Z][a-zA-Z0-9-]*(?:\s[^<>]*)?/?>"), _tag_advice),
    Markup(re.compile(r"&(?:[a-zA-Z]{2,8}|#[0-9]{2,6}|#x[0-9a-fA-F]{2,6});"), _entity_advice),
    Markup(MARKDOWN_LINK, _link_advice),
    Markup(re.compile(r"(\*\*|__)(?=\S)[^\n]+?(?<=\S)\1"), _emphasis_advice),
    Markup(re.compile(r"(?<![\w*\\])\*(?=[^\s*])[^*\n]*?(?<=[^\s*])\*(?![\w*])"), _without("*", "astérisques")),
    Markup(re.compile(r"(?<![\w`])`[^`\n]+`(?![\w`])"), _without("`", "accents graves")),
    Markup(re.compile(r"^#{1,6}(?=\s)"), lambda match: "retirez les « # » du début : la page a ses propres titres"),
]


def markup_in(text: str) -> Iterator[tuple[str, str]]:
    """(as written, what to write instead) of each piece of HTML or Markdown in a text, once each (a link's tag
    is not also reported as a tag)."""
    taken: list[tuple[int, int]] = []
    for markup in MARKUP:
        for match in markup.pattern.finditer(text):
            if any(start <= match.start() < end for start, end in taken):
                continue
            taken.append((match.start(), match.end()))
            yield match.group(0), markup.advice(match)


def markup_in_texts(frameworks: Mapping[str, Any], files: Mapping[str, str],
                    parsed: Mapping[str, ParsedYaml]) -> list[ContentError]:
    """Every piece of HTML or Markdown in the frameworks' texts, as a warning at the place it is written
    (``frameworks``: the data, as loaded or as parsed; ``parsed``: each file's positions, ``Guide.parsed``)."""
    found = []
    for name, data in sorted(frameworks.items()):
        for path, text in texts_of(data):
            for written, advice in markup_in(text):
                line, column = parsed[name].locate(path, written)
                found.append(ContentError(files[name], line, column, format_field_path(path),
                                          f"« {written} » {_SHOWN} ; {advice}"))
    return sorted(found)
