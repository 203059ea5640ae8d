"""French typography for displayed text (standard library only, shared by the guide and the calculators)."""

from __future__ import annotations

import re
import sys

NARROW_NBSP = "\u202f"
NBSP = "\u00a0"


def french_typography(text: str) -> str:
    """Narrow no-break spaces before ; : ! ? » and after «, no-break space before % € $, curly apostrophe."""
    text = re.sub(r"[ \t\r\n\f\v]+", " ", text)  # not \s: it would turn no-break spaces into plain ones
    text = re.sub(r"“\s*([^“”]*?)\s*”", r"« \1 »", text)  # a word processor's quotes become French ones
    text = re.sub(r"(?<=\d) (?=\d{3}(?!\d))", NARROW_NBSP, text)  # "40 000" keeps its digits together
    text = text.replace("'", "\u2019")
    text = re.sub(r" ([;:!?»])", NARROW_NBSP + r"\1", text)
    text = re.sub(r"« ", "«" + NARROW_NBSP, text)
    text = re.sub(r" ([%€$])", NBSP + r"\1", text)
    return text


_TAG = re.compile(r"(<!--.*?-->|<[^>]*>)", re.S)
_RAW_ELEMENTS = ("script", "style", "code", "pre", "kbd", "samp", "textarea")
_OPENING = re.compile(r"<(" + "|".join(_RAW_ELEMENTS) + r")[\s>]", re.I)
_CLOSING = re.compile(r"</(" + "|".join(_RAW_ELEMENTS) + r")\s*>", re.I)


def _typeset_text(text: str) -> str:
    """French typography on a piece of HTML text (entities kept; line breaks kept)."""
    text = text.replace("&#39;", "'").replace("&#x27;", "'").replace("'", "\u2019")
    text = re.sub(r"[ \u00a0]+([;:!?»])", NARROW_NBSP + r"\1", text)
    text = re.sub(r"«[ \u00a0]+", "«" + NARROW_NBSP, text)
    text = re.sub(r"(?<=\d) (?=[%€])", NBSP, text)
    return text


def typeset_html(html: str) -> str:
    """French typography on every text of an HTML fragment, whoever wrote it (YAML, template, code):
    narrow no-break spaces before ; : ! ? » and after «, curly apostrophes. Tags, attributes,
    comments and the content of code, pre, script and style elements are left as they are."""
    parts = _TAG.split(html)
    raw_depth = 0
    for index, part in enumerate(parts):
        if index % 2:  # a tag or a comment
            if _OPENING.match(part) and not part.endswith("/>"):
                raw_depth += 1
            elif _CLOSING.match(part):
                raw_depth = max(0, raw_depth - 1)
        elif part and not raw_depth:
            parts[index] = _typeset_text(part)
    return "".join(parts)


# Console text: French prose around spans an editor types or a machine reads, which are left byte for byte.
_LOCATION = re.compile(r"::[A-Za-z-]+(?: [^:\n]*)?::|[^\s:\"'’«»`]+:\d+(?::\d+)?:")  # ::error file=…:: ; file:line:column:
_LITERAL = re.compile(
    r"\"(?:[^\"\\\n]|\\.)*\""  # "…" (a YAML or JSON text, its \" escapes included)
    r"|`[^`\n]*`"  # `…` (code)
    r"|(?<![\w'’])'(?:[^'\n]|''|'(?=\w))*'(?![\w'’])"  # '…' (a YAML text in single quotes, '' inside); not an elision
    r"|(?<![\w'’])['\"`]"  # a lone quote opening no span: a character to type, shown as it is
    r"|[\w.~%+=@-]*(?::/)?/[^\s\"'’«»`]*"  # a path, a URL, a file of a command (frameworks/faq.yml, https://…)
)
_PATH_CHAR = re.compile(r"[\w.~%+=@/-]")
_PAD = " \u00a0\u202f"  # the space an editor or the code put inside « » (one on each side is padding)


def _prose(text: str) -> str:
    text = text.replace("'", "\u2019")
    text = re.sub(r"[ \u00a0](?=[;:!?])", NARROW_NBSP, text)
    text = re.sub(r"[ \u00a0]»", NARROW_NBSP + "»", text)  # a closing guillemet whose opening one is not on the line
    return re.sub(r"«[ \u00a0]", "«" + NARROW_NBSP, text)


def _closing_guillemet(line: str, start: int) -> int:
    """The index of the » that closes the « at ``start`` (nested pairs counted), -1 when the line has none."""
    depth = 0
    for index in range(start, len(line)):
        if line[index] == "«":
            depth += 1
        elif line[index] == "»":
            depth -= 1
            if not depth:
                return index
    return -1


def guillemet_inside(quoted: str) -> str:
    """What is quoted between « and » (``quoted`` without them), without the one space of padding on each side."""
    if quoted[:1] and quoted[0] in _PAD:
        quoted = quoted[1:]
    if quoted[-1:] and quoted[-1] in _PAD:
        quoted = quoted[:-1]
    return quoted


def console_typography(text: str) -> str:
    """French typography on a message printed to a console (narrow no-break spaces before ; : ! ?, curly
    apostrophes, « » with narrow no-break spaces inside), its literal spans left byte for byte:

    - what « … » quotes (a YAML line to type, a value found, a command, a menu's label): only the one space on
      each side inside the guillemets becomes a narrow no-break space (added if there was none);
    - a text in straight double quotes "…", in backquotes `…`, or in single quotes '…' (YAML's, with '' inside:
      an apostrophe never starts a French word, so one that does opens such a text), and a lone quote;
    - the location that starts a line (``frameworks/faq.yml:4:9:``) and a GitHub workflow command's machine part
      (``::error file=…,line=…::``);
    - a path, a URL, or a command's file: a word holding a ``/``.

    Missing spaces are not added (« 12:30 », « a:b » may be literal); a line is never joined to the next.
    Applying it twice changes nothing more.
    """
    return "".join(_console_line(line) for line in text.splitlines(keepends=True))


def _console_line(line: str) -> str:
    out: list[str] = []
    location = _LOCATION.match(line)
    index = prose_start = location.end() if location else 0
    if location:
        out.append(location.group())
    while index < len(line):
        char = line[index]
        if char == "«":
            closing = _closing_guillemet(line, index)
            if closing >= 0:
                out.append(_prose(line[prose_start:index]))
                out.append("«" + NARROW_NBSP + guillemet_inside(line[index + 1:closing]) + NARROW_NBSP + "»")
                index = prose_start = closing + 1
                continue
        elif char in "\"`'" or not index or not _PATH_CHAR.match(line[index - 1]):  # a quote, or a word's start
            match = _LITERAL.match(line, index)
            if match and (char in "\"`'" or "/" in match.group()):
                out.append(_prose(line[prose_start:index]))
                out.append(match.group())
                index = prose_start = match.end()
                continue
        index += 1
    out.append(_prose(line[prose_start:]))
    return "".join(out)


def print_console(text: object, file=None) -> None:
    """Print a message for a person, typeset by ``console_typography``: the one way the command lines print their
    French prose. A console that cannot show the narrow no-break space (a Windows code page, a redirected output)
    gets the text as the code wrote it, any character it cannot show escaped, rather than a crash."""
    stream = file if file is not None else sys.stdout
    try:
        print(console_typography(str(text)), file=stream)
    except UnicodeEncodeError:
        encoding = getattr(stream, "encoding", None) or "ascii"
        print(str(text).encode(encoding, "backslashreplace").decode(encoding), file=stream)
