"""``CITATION.cff`` read as YAML and checked against the Citation File Format 1.2.0 schema.

What ``cffconvert --validate`` checks, with each problem located at the YAML
line of the offending key, in the build's language, and survivable: an
invalid value is dropped (the rest of the article is still used), so no
Python representation of a list or a mapping is ever published.

* YAML: dates stay text (the schema wants ``YYYY-MM-DD`` strings; PyYAML
  would turn ``2024-02-30`` into a traceback), anchors and aliases are
  expanded within a budget (no "billion laughs"), nesting is bounded;
* schema: ``cff-schema-1.2.0.json`` is the Citation File Format's own JSON
  schema (https://github.com/citation-file-format/citation-file-format,
  licensed CC-BY-4.0; the copy cffconvert 2.0.0 ships, unchanged), read with
  ``jsonschema`` plus a ``date`` format check, so an impossible date
  (``2024-02-30``) fails like a malformed one;
* beyond the schema: addresses are http(s) only (:func:`..urls.safe_url`; the
  schema also allows ``ftp:`` and leaves ORCID unanchored), a ``year`` must be a
  number.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from .messages import _

SCHEMA_FILE = Path(__file__).with_name("cff-schema-1.2.0.json")
#: values read from one file, aliases expanded: a CITATION.cff holds a few hundred
MAX_VALUES = 100_000
#: mappings and lists inside each other
MAX_DEPTH = 40
#: characters of a value quoted in a message
QUOTE_LENGTH = 60

Path_ = tuple  # a JSON path: keys and list indexes


@dataclass
class MetadataProblem:
    line: int
    message: str

    def __post_init__(self) -> None:
        self.message = str(self.message)  # translated now, not when printed


class MetadataError(Exception):
    """The file cannot describe an article at all (the build uses the project's own settings)."""

    def __init__(self, problem: MetadataProblem):
        super().__init__(problem.message)
        self.problem = problem


# -- YAML ------------------------------------------------------------------------------


class _Loader(yaml.SafeLoader):
    """PyYAML's safe loader without implicit timestamps: ``2024-02-30`` stays text."""


_Loader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}

_DROPPED = object()  # a value that could not be read: left out


def load_yaml(text: str, problems: list[MetadataProblem]) -> tuple[Any, dict[Path_, int]]:
    """The document as plain data, and the line of every key and list item (1-based)."""
    loader = None
    try:
        loader = _Loader(text)  # checks the characters first
        node = loader.get_single_node()
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        if mark is not None:
            line = mark.line + 1
        elif isinstance(getattr(error, "position", None), int):  # a ReaderError: a forbidden character
            line = text[: error.position].count("\n") + 1
        else:
            line = 1
        raise MetadataError(MetadataProblem(line, _("not valid YAML: {error}").format(error=error))) from error
    except RecursionError as error:
        raise MetadataError(MetadataProblem(1, _("nested too deeply (more than {limit} levels)").format(
            limit=MAX_DEPTH))) from error
    finally:
        if loader is not None:
            loader.dispose()
    if node is None:
        return None, {}
    lines: dict[Path_, int] = {(): node.start_mark.line + 1}
    reader = _Reader(loader, lines, problems)
    return reader.value(node, (), 0), lines


class _Reader:
    def __init__(self, loader: _Loader, lines: dict[Path_, int], problems: list[MetadataProblem]):
        self.loader, self.lines, self.problems = loader, lines, problems
        self.count = 0

    def value(self, node: yaml.Node, path: Path_, depth: int) -> Any:
        self.count += 1
        line = node.start_mark.line + 1
        if self.count > MAX_VALUES:
            raise MetadataError(MetadataProblem(line, _(
                "more than {limit} values (aliases expanding too far?)").format(limit=MAX_VALUES)))
        if depth > MAX_DEPTH:
            raise MetadataError(MetadataProblem(line, _(
                "nested too deeply (more than {limit} levels)").format(limit=MAX_DEPTH)))
        if isinstance(node, yaml.MappingNode):
            return self.mapping(node, path, depth)
        if isinstance(node, yaml.SequenceNode):
            items = []
            for item in node.value:
                item_path = path + (len(items),)
                self.lines[item_path] = item.start_mark.line + 1
                value = self.value(item, item_path, depth + 1)
                if value is not _DROPPED:
                    items.append(value)
            return items
        try:
            value = self.loader.construct_object(node, deep=True)
        except (yaml.YAMLError, ValueError, TypeError, OverflowError) as error:
            self.problems.append(MetadataProblem(line, _("{field}: unreadable value ({error}); ignored").format(
                field=field_name(path), error=_first_line(error))))
            return _DROPPED
        if isinstance(value, (bytes, bytearray, dt.date)):  # !!binary, an explicit !!timestamp
            return value.decode("utf-8", "replace") if isinstance(value, (bytes, bytearray)) else value.isoformat()
        if isinstance(value, float) and value != value:  # .nan: no JSON value
            return str(node.value)
        return value

    def mapping(self, node: yaml.MappingNode, path: Path_, depth: int) -> dict[str, Any]:
        merged: dict[str, Any] = {}
        own: dict[str, Any] = {}
        for key_node, value_node in node.value:
            line = key_node.start_mark.line + 1
            if key_node.tag == "tag:yaml.org,2002:merge":  # "<<: *defaults"
                sources = value_node.value if isinstance(value_node, yaml.SequenceNode) else [value_node]
                for source in sources:
                    value = self.value(source, path, depth + 1)
                    if isinstance(value, dict):
                        merged = {**value, **merged}
                continue
            key = self.value(key_node, path, depth + 1) if isinstance(key_node, yaml.ScalarNode) else _DROPPED
            if key is _DROPPED or isinstance(key, (list, dict)):
                self.problems.append(MetadataProblem(line, _("{field}: a key must be a name; ignored").format(
                    field=field_name(path) or "CITATION.cff")))
                continue
            key = key if isinstance(key, str) else str(key)
            if key in own:
                self.problems.append(MetadataProblem(line, _(
                    "{field}: given twice; the last value is used").format(field=field_name(path + (key,)))))
            self.lines[path + (key,)] = line
            value = self.value(value_node, path + (key,), depth + 1)
            if value is _DROPPED:
                own.pop(key, None)
            else:
                own[key] = value
        return {**merged, **own}


def _first_line(error: BaseException) -> str:
    return str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__


# -- the schema ------------------------------------------------------------------------


@lru_cache(maxsize=1)  # built once: the schema file is part of the package, read-only
def validator():
    import jsonschema

    schema = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    formats = jsonschema.FormatChecker(formats=())
    formats.checks("date", raises=ValueError)(_is_date)
    return jsonschema.Draft7Validator(schema, format_checker=formats)


def _is_date(value: Any) -> bool:
    """``format: date``: a real day (``2024-02-30`` is not), as ``YYYY-MM-DD``."""
    if not isinstance(value, str):
        return True  # the type check reports it
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        return False
    dt.date.fromisoformat(value)
    return True


def field_name(path: Path_) -> str:
    """``preferred-citation.authors[0].given-names``."""
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


def quoted(value: Any) -> str:
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False, default=str)
    text = " ".join(str(text).split())
    return repr(text if len(text) <= QUOTE_LENGTH else text[:QUOTE_LENGTH] + "…")


def line_of(path: Path_, lines: dict[Path_, int]) -> int:
    while path not in lines and path:
        path = path[:-1]
    return lines.get(path, 1)


def check(data: dict[str, Any], lines: dict[Path_, int], problems: list[MetadataProblem]) -> dict[str, Any]:
    """*data* without the values the schema refuses, each refusal a located problem."""
    drops: list[Path_] = []
    reported: set[tuple] = set()
    for error in validator().iter_errors(data):
        for leaf in _leaves(error):
            # one problem per value (a malformed date fails its pattern and its format)
            if (tuple(leaf.absolute_path), leaf.validator == "required") not in reported:
                reported.add((tuple(leaf.absolute_path), leaf.validator == "required"))
                _report(leaf, lines, problems, drops)
    _check_orcids(data, (), lines, problems, drops)
    for path in sorted(drops, key=len, reverse=True):
        _mark(data, path)
    return _purge(data)


_ORCID_RE = re.compile(r"https://orcid\.org/[0-9]{4}-[0-9]{4}-[0-9]{4}-[0-9]{3}[0-9X]")


def _check_orcids(value: Any, path: Path_, lines: dict[Path_, int], problems: list[MetadataProblem],
                  drops: list[Path_]) -> None:
    """The schema's ORCID pattern is not anchored (``javascript:…//https://orcid.org/…`` passes):
    every ``orcid`` must be the whole address."""
    items = value.items() if isinstance(value, dict) else enumerate(value) if isinstance(value, list) else ()
    for key, item in items:
        if key == "orcid" and isinstance(item, str) and not _ORCID_RE.fullmatch(item.strip()):
            if path + (key,) not in drops:
                problems.append(MetadataProblem(line_of(path + (key,), lines), _(
                    "{field}: {value} is not in the expected form ({hint}); ignored").format(
                        field=field_name(path + (key,)), value=quoted(item),
                        hint=_("https://orcid.org/ and the 16-character identifier"))))
                drops.append(path + (key,))
        else:
            _check_orcids(item, path + (key,), lines, problems, drops)


def _leaves(error) -> list:
    """The errors to report: of an ``anyOf``/``oneOf``, the branch that nearly fits."""
    if error.validator not in ("anyOf", "oneOf") or not error.context:
        return [error]
    branches: dict[Any, list] = {}
    for sub in error.context:
        branches.setdefault(sub.relative_schema_path[0], []).append(sub)

    def fit(errors: list) -> tuple:
        return (len(errors), -max(len(e.absolute_path) for e in errors))

    best = min(branches.values(), key=fit)
    return [leaf for sub in best for leaf in _leaves(sub)]


#: JSON types as a message names them
def _type_names() -> dict[str, str]:
    names = {
        "string": _("a text"), "array": _("a list"), "object": _("a mapping (key: value)"),
        "integer": _("a whole number"), "number": _("a number"), "boolean": _("true or false"),
        "null": _("empty"),
    }
    return {kind: str(name) for kind, name in names.items()}


def _found(value: Any) -> str:
    if isinstance(value, bool):
        kind = "boolean"
    elif isinstance(value, int):
        kind = "integer"
    elif isinstance(value, float):
        kind = "number"
    elif isinstance(value, str):
        kind = "string"
    elif isinstance(value, list):
        kind = "array"
    elif isinstance(value, dict):
        kind = "object"
    else:
        kind = "null"
    return _type_names()[kind]


def _hint(path: Path_, schema: dict[str, Any]) -> str:
    name = next((p for p in reversed(path) if isinstance(p, str)), "")
    if name.startswith("date-") or schema.get("format") == "date":
        return _("a real date written YYYY-MM-DD, such as 2024-06-01")
    if name == "doi":
        return _("a DOI without its resolver, such as 10.5281/zenodo.1234567")
    if name == "orcid":
        return _("https://orcid.org/ and the 16-character identifier")
    if name == "languages":
        return _("an ISO 639 code in lower case, such as fr")
    if name == "cff-version":
        return "1.2.0"
    examples = schema.get("examples")
    if examples:
        return _("such as {example}").format(example=quoted(examples[0]))
    return _("matching {pattern}").format(pattern=schema.get("pattern", "?"))


def _report(error, lines: dict[Path_, int], problems: list[MetadataProblem], drops: list[Path_]) -> None:
    path = tuple(error.absolute_path)
    field = field_name(path) or "CITATION.cff"
    value = error.instance
    kind = error.validator
    if kind == "required":
        missing = re.findall(r"'([^']+)' is a required property", error.message) or ["?"]
        problems.append(MetadataProblem(line_of(path, lines), _(
            "{field}: the required key '{key}' is missing (Citation File Format 1.2.0)").format(
                field=field, key=missing[0])))
        return
    if kind == "additionalProperties":
        known = set(error.schema.get("properties", {}))
        for key in value:
            if key not in known:
                problems.append(MetadataProblem(line_of(path + (key,), lines), _(
                    "{field}: not a key of the Citation File Format 1.2.0; ignored").format(
                        field=field_name(path + (key,)))))
                drops.append(path + (key,))
        return
    if kind == "uniqueItems":
        problems.append(MetadataProblem(line_of(path, lines), _(
            "{field}: the same value is listed twice; each is kept once").format(field=field)))
        drops.extend(_duplicates(value, path))
        return
    if kind == "type":
        expected = error.validator_value
        expected = expected if isinstance(expected, list) else [expected]
        names = _type_names()
        message = _("{field}: must be {expected}, not {found} {value}; ignored").format(
            field=field, expected=str(_(" or ")).join(names.get(t, t) for t in expected),
            found=_found(value), value=quoted(value))
    elif kind in ("pattern", "format") and path and path[-1] in ("url", "repository", "repository-code",
                                                                  "repository-artifact", "license-url"):
        message = _("{field}: {value}: only http and https addresses become links; ignored").format(
            field=field, value=quoted(value))
    elif kind in ("pattern", "format"):
        message = _("{field}: {value} is not in the expected form ({hint}); ignored").format(
            field=field, value=quoted(value), hint=_hint(path, error.schema))
    elif kind == "enum":
        allowed = error.validator_value
        if len(allowed) <= 12:
            message = _("{field}: {value} is not one of {allowed}; ignored").format(
                field=field, value=quoted(value), allowed=", ".join(str(a) for a in allowed))
        elif path and "license" in [p for p in path if isinstance(p, str)]:
            message = _("{field}: {value} is not an SPDX licence identifier (such as CC-BY-4.0 or MIT); "
                        "ignored").format(field=field, value=quoted(value))
        else:
            message = _("{field}: {value} is not a value the Citation File Format allows; ignored").format(
                field=field, value=quoted(value))
    elif kind in ("minLength", "minItems"):
        message = _("{field}: empty; ignored").format(field=field)
    else:
        message = _("{field}: {value} does not follow the Citation File Format 1.2.0 ({detail}); "
                    "ignored").format(field=field, value=quoted(value), detail=_first_line(error.message))
    problems.append(MetadataProblem(line_of(path, lines), message))
    drops.append(path)


def _duplicates(items: list, path: Path_) -> list[Path_]:
    seen: list = []
    found = []
    for index, item in enumerate(items):
        if item in seen:
            found.append(path + (index,))
        else:
            seen.append(item)
    return found


def _mark(data: Any, path: Path_) -> None:
    """Replace the value at *path* by a marker (removed by :func:`_purge`)."""
    if not path:
        return
    parent = data
    try:
        for part in path[:-1]:
            parent = parent[part]
        if isinstance(parent, (dict, list)):
            parent[path[-1]] = _DROPPED
    except (KeyError, IndexError, TypeError):
        pass  # inside a value already dropped


def _purge(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _purge(v) for k, v in value.items() if v is not _DROPPED}
    if isinstance(value, list):
        return [_purge(v) for v in value if v is not _DROPPED]
    return value
