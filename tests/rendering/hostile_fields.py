"""Hostile strings in every free-text field of every framework file, found from the JSON Schemas.

Independent of the rendering code: the fields come from ``frameworks/schemas/*.schema.json`` walked alongside the
real YAML data (``$ref`` into commun.schema.json, ``allOf``, ``anyOf``/``oneOf`` and ``if``/``then``/``else``,
arrays, nested objects, ``additionalProperties``), never from a hand-kept list. A string value is poisoned when
its schema lets a hostile text through: no ``enum``/``const``, no ``x-reference``/``x-framework`` (ids of other
files), and the payload satisfies its ``pattern``, ``minLength`` and ``maxLength`` (so ids, dates and https
addresses are skipped by their patterns, and a short payload is used where ``maxLength`` is short).

Each poisoned value carries its own number N (``alert(N)``), so that whatever breaks out names its field.
"""

from __future__ import annotations

import copy
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from guide.yaml_source import parse_yaml

# The payloads, longest first; ``{n}`` is the field's number. TEMPLATE probes template engines (Jinja2, {seuil:…}).
# No « {{7*7}} » here: the check refuses any brace in a text other than {seuil:…} (test_template_syntax_is_refused…
# below), so a payload carrying one would be refused everywhere and nothing hostile would reach the build.
FULL = "x\"'><img src=x onerror=alert({n})><script>alert({n})</script></title>&amp;"
HTML = "x\"'><img src=x onerror=alert({n})><script>alert({n})</script></title>&amp;"
SHORT = "<img src=x onerror=alert({n})>"
TINY = "<svg onload=alert({n})>"
PAYLOADS = {"full": (FULL, HTML, SHORT, TINY), "html": (HTML, SHORT, TINY)}
# What shows a payload was parsed as markup, not kept as text.
MARKER = re.compile(r"alert\((\d+)\)")


@dataclass(frozen=True)
class Leaf:
    """The constraints that apply to one string value, gathered from every subschema that applies to it."""

    patterns: tuple[str, ...] = ()
    max_length: int | None = None
    min_length: int | None = None
    structural: tuple[str, ...] = ()  # why it is not free text: enum, const, x-reference, x-framework, format
    accepts_string: bool = True

    def accepts(self, text: str) -> bool:
        if self.structural or not self.accepts_string:
            return False
        if self.max_length is not None and len(text) > self.max_length:
            return False
        if self.min_length is not None and len(text) < self.min_length:
            return False
        return all(re.search(pattern, text) for pattern in self.patterns)


@dataclass
class Field:
    """One string value of a framework file, where it sits and what its schema says."""

    file: str  # framework name (faq)
    path: tuple  # ("questions", 3, "question")
    original: str
    leaf: Leaf

    @property
    def kind(self) -> str:
        """The field with its list indexes generalised: ``questions[].question``."""
        return generic_path(self.path)

    @property
    def where(self) -> str:
        return f"{self.file}.yml: {format_path(self.path)}"


def format_path(path: tuple) -> str:
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


def generic_path(path: tuple) -> str:
    return format_path(tuple(0 if isinstance(part, int) else part for part in path)).replace("[0]", "[]")


class Schemas:
    """Every schema of frameworks/schemas, with ``$ref`` resolved by hand (relative to the schema that holds it)."""

    def __init__(self, directory: Path):
        self.documents = {path.name: json.loads(path.read_text(encoding="utf-8"))
                          for path in sorted(directory.glob("*.schema.json"))}

    def resolve(self, schema: dict, document: str) -> tuple[dict, str]:
        """Follow ``$ref`` (draft-07: a ``$ref`` replaces its siblings) until a schema without one."""
        seen = 0
        while isinstance(schema, dict) and "$ref" in schema:
            target, _, pointer = schema["$ref"].partition("#")
            document = target or document
            schema = self.documents[document]
            for part in [part for part in pointer.split("/") if part]:
                schema = schema[part.replace("~1", "/").replace("~0", "~")]
            seen += 1
            assert seen < 50, "boucle de $ref"
        return schema, document

    def applicable(self, schema, document: str, value) -> list[tuple[dict, str]]:
        """Every subschema that applies to ``value``: the schema, its allOf, the anyOf/oneOf branches and the
        if/then/else branch that the real value satisfies (checked loosely: types and required keys)."""
        found: list[tuple[dict, str]] = []
        pending = [(schema, document)]
        while pending:
            current, where = pending.pop()
            if current is True or current is None:
                continue
            current, where = self.resolve(current, where)
            found.append((current, where))
            pending += [(sub, where) for sub in current.get("allOf", [])]
            for keyword in ("anyOf", "oneOf"):
                pending += [(sub, where) for sub in current.get(keyword, []) if self.fits(sub, where, value)]
            if "if" in current:
                branch = "then" if self.fits(current["if"], where, value) else "else"
                if branch in current:
                    pending.append((current[branch], where))
        return found

    def fits(self, schema, document: str, value) -> bool:
        """A loose test of a branch: its types, required keys, enum and `not`, enough for anyOf/if here."""
        for sub, _ in self.applicable_shallow(schema, document):
            if "type" in sub and not type_matches(sub["type"], value):
                return False
            if "required" in sub and (not isinstance(value, dict) or any(key not in value for key in sub["required"])):
                return False
            if "enum" in sub and value not in sub["enum"]:
                return False
            if "not" in sub and self.fits(sub["not"], document, value):
                return False
        return True

    def applicable_shallow(self, schema, document: str) -> list[tuple[dict, str]]:
        schema, document = self.resolve(schema, document)
        return [(schema, document)] + [self.resolve(sub, document) for sub in schema.get("allOf", [])]


def type_matches(types, value) -> bool:
    names = [types] if isinstance(types, str) else types
    checks = {"string": lambda v: isinstance(v, str), "number": lambda v: isinstance(v, int | float) and not isinstance(v, bool),
              "integer": lambda v: isinstance(v, int) and not isinstance(v, bool), "boolean": lambda v: isinstance(v, bool),
              "array": lambda v: isinstance(v, list), "object": lambda v: isinstance(v, dict), "null": lambda v: v is None}
    return any(checks[name](value) for name in names)


def leaf_of(subschemas: list[tuple[dict, str]]) -> Leaf:
    patterns, structural = [], []
    max_length = min_length = None
    accepts_string = True
    for schema, _ in subschemas:
        if "type" in schema and not type_matches(schema["type"], ""):
            accepts_string = False
        if "pattern" in schema:
            patterns.append(schema["pattern"])
        if "maxLength" in schema:
            max_length = schema["maxLength"] if max_length is None else min(max_length, schema["maxLength"])
        if "minLength" in schema:
            min_length = max(min_length or 0, schema["minLength"])
        for keyword in ("enum", "const", "x-reference", "x-framework", "format"):
            if keyword in schema:
                structural.append(keyword)
    return Leaf(tuple(patterns), max_length, min_length, tuple(structural), accepts_string)


def string_fields(schemas: Schemas, name: str, data) -> Iterator[Field]:
    """Every string value of framework ``name``'s data, with the constraints its schema puts on it."""

    def walk(value, starts: list[tuple[dict, str]], path: tuple):
        subschemas = [found for schema, where in starts for found in schemas.applicable(schema, where, value)]
        if isinstance(value, str):
            yield Field(name, path, value, leaf_of(subschemas))
        elif isinstance(value, dict):
            for key, child in value.items():
                found = [(sub["properties"][key], where) for sub, where in subschemas if key in sub.get("properties", {})]
                if not found:
                    found = [(sub["additionalProperties"], where) for sub, where in subschemas
                             if isinstance(sub.get("additionalProperties"), dict)]
                assert found, f"{name}: {format_path(path + (key,))} absent du schéma"
                yield from walk(child, found, path + (key,))
        elif isinstance(value, list):
            found = [(sub["items"], where) for sub, where in subschemas if isinstance(sub.get("items"), dict)]
            assert found, f"{name}: {format_path(path)} : liste sans « items » dans le schéma"
            for index, child in enumerate(value):
                yield from walk(child, found, path + (index,))

    document = f"{name}.schema.json"
    yield from walk(data, [(schemas.documents[document], document)], ())


@dataclass
class Poisoned:
    """One poisoned value: its field, its number and the text put in its place."""

    field: Field
    number: int
    text: str
    payload: str  # the payload alone (the original text follows it, after a space, when it fits)


@dataclass
class Plan:
    """What is poisoned in a copy of the project."""

    poisoned: list[Poisoned] = field(default_factory=list)
    skipped: list[Field] = field(default_factory=list)  # strings whose schema refuses any hostile text


def poisoned_text(leaf: Leaf, original: str, number: int, payloads) -> tuple[str, str] | None:
    """The first payload (with the original text after it, or alone) that the field's schema accepts."""
    for template in payloads:
        payload = template.format(n=number)
        for text in (f"{payload} {original}", payload, f"{original} {payload}"):
            if leaf.accepts(text):
                return text, payload
    return None


def read_frameworks(frameworks: Path) -> dict[str, dict]:
    data = {}
    for path in sorted(frameworks.glob("*.yml")):
        parsed = parse_yaml(path.read_text(encoding="utf-8"), path.name)
        assert not parsed.errors, parsed.errors
        data[path.stem] = parsed.data
    return data


def all_fields(project: Path) -> list[Field]:
    schemas = Schemas(project / "frameworks" / "schemas")
    return [item for name, data in read_frameworks(project / "frameworks").items()
            for item in string_fields(schemas, name, data)]


def make_plan(fields: list[Field], payloads, kept=lambda item: False) -> Plan:
    """Number every field whose schema takes a hostile text (but those ``kept`` as typed)."""
    plan = Plan()
    number = 1
    for item in fields:
        found = poisoned_text(item.leaf, item.original, number, payloads)
        if found is None:
            plan.skipped.append(item)
            continue
        if kept(item):
            continue
        plan.poisoned.append(Poisoned(item, number, *found))
        number += 1
    return plan


def set_at(data, path: tuple, value) -> None:
    for part in path[:-1]:
        data = data[part]
    data[path[-1]] = value


def write_poisoned(project: Path, items: list[Poisoned]) -> dict[str, str]:
    """Write each framework file of ``project`` with its poisoned values (YAML dumped; comments are lost but the
    schema line is kept). Returns the new text of every changed file."""
    frameworks = project / "frameworks"
    originals = read_frameworks(frameworks)
    changed: dict[str, dict] = {}
    for item in items:
        data = changed.setdefault(item.field.file, copy.deepcopy(originals[item.field.file]))
        set_at(data, item.field.path, item.text)
    texts = {}
    for name, data in changed.items():
        path = frameworks / f"{name}.yml"
        header = path.read_text(encoding="utf-8").splitlines()[0]
        text = header + "\n" + yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=1_000_000)
        path.write_text(text, encoding="utf-8")
        texts[name] = text
    return texts


def names_field(error, item: Poisoned) -> bool:
    """Whether a content error points at ``item``: its field or one of its parents, or its message quotes the value."""
    if not error.file.endswith(f"/{item.field.file}.yml") and error.file != f"{item.field.file}.yml":
        return False
    if MARKER.search(error.message) and f"alert({item.number})" in error.message:
        return True
    path = format_path(item.field.path)
    return bool(error.field) and (path == error.field or path.startswith(error.field + ".")
                                  or path.startswith(error.field + "["))


@dataclass
class Verdict:
    """What the check says of the poisoned values: those it accepts (built), and those it refuses, each with the
    errors the check gives when that value alone is poisoned (``named``: one of them points at the field)."""

    accepted: list[Poisoned] = field(default_factory=list)
    refused: list[tuple[Poisoned, list, bool]] = field(default_factory=list)  # (value, errors, named)


_ORIGINALS: dict[tuple[str, int, int], tuple[str, dict]] = {}


def _original(path: Path) -> tuple[str, dict]:
    """A framework file's schema line and data, parsed once while the file is unchanged."""
    stat = path.stat()
    key = (str(path), stat.st_mtime_ns, stat.st_size)
    if key not in _ORIGINALS:
        text = path.read_text(encoding="utf-8")
        _ORIGINALS[key] = (text.splitlines()[0], parse_yaml(text, path.name).data)
    return _ORIGINALS[key]


def file_text(project: Path, items: list[Poisoned], name: str) -> str:
    """The text of framework ``name`` with only ``items`` (of that file) poisoned, from the project's file."""
    header, original = _original(project / "frameworks" / f"{name}.yml")
    data = copy.deepcopy(original)
    for item in items:
        set_at(data, item.field.path, item.text)
    return header + "\n" + yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=1_000_000)


def classify(project: Path, candidates: list[Poisoned], load_errors, check_one_file) -> Verdict:
    """Find which poisoned values the check accepts together and which it refuses, and whether it names them.

    ``check_one_file(name, text)`` gives the errors of one changed file checked against the repository's other
    files (fast: each file is checked with all its values poisoned, then without those an error names, and so on);
    ``load_errors(items)`` those of the whole guide with ``items`` poisoned at once (``[]`` if it loads).
    A suspect is then checked alone: refused (with the errors given, and whether one names it) or accepted.
    """
    results: dict[tuple[str, str], list] = {}
    check = check_one_file

    def check_one_file(name, text):  # the same text is never checked twice
        if (name, text) not in results:
            results[(name, text)] = check(name, text)
        return results[(name, text)]

    by_file: dict[str, list[Poisoned]] = {}
    for item in candidates:
        by_file.setdefault(item.field.file, []).append(item)
    accepted: list[Poisoned] = []
    suspects: list[Poisoned] = []
    for name, values in by_file.items():
        remaining = list(values)
        while errors := check_one_file(name, file_text(project, remaining, name)):
            named = [item for item in remaining if any(names_field(error, item) for error in errors)]
            named = named or culprits(project, name, remaining, check_one_file)
            assert named, f"{name}.yml : erreurs sans valeur piégée en cause : " + "; ".join(map(str, errors))
            suspects += named
            remaining = [item for item in remaining if item not in named]
        accepted += remaining
    verdict = Verdict()
    for item in suspects:
        errors = check_one_file(item.field.file, file_text(project, [item], item.field.file))
        if errors:
            verdict.refused.append((item, errors, any(names_field(error, item) for error in errors)))
        else:
            accepted.append(item)
    # Every file poisoned at once: the cross-file rules see all the values together.
    for _ in range(len(candidates)):
        errors = load_errors(accepted)
        if not errors:
            break
        named = [item for item in accepted if any(names_field(error, item) for error in errors)]
        assert named, "erreurs du contrôle sans valeur piégée en cause : " + "; ".join(map(str, errors))
        verdict.refused += [(item, [e for e in errors if names_field(e, item)], True) for item in named]
        accepted = [item for item in accepted if item not in named]
    verdict.accepted = sorted(accepted, key=lambda item: item.number)
    return verdict


def culprits(project: Path, name: str, values: list[Poisoned], check_one_file) -> list[Poisoned]:
    """The values of one file that make its check fail when their errors name another field: each kind of field
    poisoned alone, then each value of a failing kind alone."""
    def fails(subset):
        return bool(check_one_file(name, file_text(project, subset, name)))

    kinds: dict[str, list[Poisoned]] = {}
    for item in values:
        kinds.setdefault(item.field.kind, []).append(item)
    return [item for group in kinds.values() if fails(group) for item in group if fails([item])]


# --- Reading the built site -------------------------------------------------------------------------------------

def shown(text: str) -> str:
    """Text as the reader sees it, typography made uniform (’ as ', no-break spaces as spaces), entities NOT
    decoded: a text that shows « &lt; » to the reader keeps it."""
    text = text.replace("\u202f", " ").replace("\u00a0", " ").replace("\u2019", "'")
    return re.sub(r"\s+", " ", text).strip()


@dataclass(frozen=True, order=True)
class Finding:
    number: int  # 0 when no payload number could be read
    page: str
    what: str


URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "poster", "data"}
JSON_TYPES = {"application/ld+json", "application/json", "importmap"}


def numbers_in(text: str) -> set[int]:
    return {int(number) for number in MARKER.findall(text or "")}


def scan_markup(tree, page: str) -> list[Finding]:
    """Markup a payload became: an element or attribute it created, a script it opened or broke."""
    findings = []
    for node in tree.root.traverse(include_text=False):
        attributes = node.attributes
        for name, value in attributes.items():
            if name.lower().startswith("on"):
                for number in numbers_in(value) or {0}:
                    findings.append(Finding(number, page, f"attribut {name}={value!r} sur <{node.tag}>"))
            elif name.lower() in URL_ATTRIBUTES and (value or "").strip().lower().startswith(("javascript:", "data:text")):
                for number in numbers_in(value) or {0}:
                    findings.append(Finding(number, page, f"adresse {name}={value!r} sur <{node.tag}>"))
        if node.tag == "img" and attributes.get("src") == "x":
            for number in numbers_in(attributes.get("onerror")) or {0}:
                findings.append(Finding(number, page, "élément <img src=x> créé"))
        if node.tag == "script":
            text = node.text(deep=True) or ""
            kind = (attributes.get("type") or "").strip().lower()
            if kind in JSON_TYPES:
                try:
                    json.loads(text)
                except ValueError:
                    findings.append(Finding(min(numbers_in(text) or {0}), page,
                                            f"<script type={kind}> coupé (JSON illisible) : {text[-80:]!r}"))
                if "<" in text and numbers_in(text):
                    for number in numbers_in(text):
                        findings.append(Finding(number, page, f"« < » non échappé dans <script type={kind}>"))
            else:
                for number in numbers_in(text):
                    findings.append(Finding(number, page, "texte piégé dans un <script> exécutable"))
        if node.tag == "title" and node.parent is not None and node.parent.tag != "head" and not in_svg(node):
            findings.append(Finding(min(numbers_in(node.text()) or {0}), page, f"<title> hors de <head> (dans <{node.parent.tag}>)"))
    titles = [node for node in tree.css("title") if not in_svg(node)]
    if len(titles) != 1:
        findings.append(Finding(0, page, f"{len(titles)} éléments <title>"))
    return findings


def scan_text(tree, page: str, plan: dict[int, Poisoned]) -> tuple[list[Finding], dict[int, set[str]]]:
    """Every text node and attribute that holds a payload must show it exactly as typed. Returns the findings and,
    for each payload number, where it is shown (``texte <span>``, ``attribut content de <meta>``…)."""
    findings, where = [], {}
    for node in tree.root.traverse(include_text=True):
        if node.is_text_node:
            parent = node.parent
            if parent is None or parent.tag in ("script", "style"):
                continue
            places = [(f"texte <{parent.tag}>", node.text_content or "")]
        else:
            places = [(f"attribut {name} de <{node.tag}>", value or "") for name, value in node.attributes.items()
                      if name.lower() not in URL_ATTRIBUTES and not name.lower().startswith("on")]
        for place, text in places:
            for number in numbers_in(text):
                item = plan.get(number)
                if item is None:
                    findings.append(Finding(number, page, f"{place} : numéro inconnu"))
                    continue
                where.setdefault(number, set()).add(f"{page} ({place})")
                if shown(item.payload).casefold() not in shown(text).casefold():  # « X"'>… »: a capital is fine
                    escaped = "&lt;" in text or "&gt;" in text or "&amp;amp;" in text or "&#" in text
                    findings.append(Finding(number, page, f"{place} : {'échappé deux fois' if escaped else 'altéré'}, "
                                                          f"le lecteur lit {shown(text)[:160]!r}"))
    return findings, where


def in_svg(node) -> bool:
    """Whether an element sits inside <svg> (whose own <title> is no page title)."""
    node = node.parent
    while node is not None:
        if node.tag == "svg":
            return True
        node = node.parent
    return False


def head_signature(tree) -> list[tuple]:
    """The tags of <head> and what names them, in order: the same with or without hostile values."""
    head = tree.css_first("head")
    signature = []
    for node in head.traverse(include_text=False):
        if node is head:
            continue
        attributes = node.attributes
        signature.append((node.tag, attributes.get("name"), attributes.get("property"), attributes.get("rel"),
                          attributes.get("type"), attributes.get("charset"), attributes.get("http-equiv")))
    return signature
