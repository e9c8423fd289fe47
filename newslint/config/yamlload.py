"""Reading YAML with line numbers kept (ruamel round-trip), errors as file:line.

Every document is screened first, from the parser's event stream and before anything is built:
aliases may not expand past :data:`MAX_ALIAS_NODES` nodes (an alias bomb doubles per level),
nesting may not go deeper than :data:`MAX_DEPTH` (the builders recurse), and only the standard
tags are allowed (``!!python/...`` and private tags are refused, not silently dropped).
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from newslint.core.errors import NewslintError
from newslint.sources.files import read_limited

if TYPE_CHECKING:
    from ruamel.yaml import YAML


#: bytes of one YAML file (the largest built-in rule file is a few kB)
MAX_BYTES = 16 * 1024 * 1024
#: nodes that aliases may expand to in one document (rule files and configs need a handful)
MAX_ALIAS_NODES = 10_000
#: nesting depth of mappings and sequences (rule files and configs need under ten)
MAX_DEPTH = 100
#: characters the round-trip loader (which keeps line numbers) may read: its comment scan grows
#: a string a character at a time, quadratic in the worst case (a 2 MB comment took a minute);
#: larger texts are read with the fast parser only, their lines taken from its events
MAX_ROUND_TRIP_CHARS = 256 * 1024
#: digits of a plain number (Python refuses to convert longer ones)
MAX_DIGITS = 4000
_NUMBER = re.compile(r"[-+]?[0-9_.]+$")
#: explicit tags a document may carry: the YAML 1.2 core schema and timestamps
STANDARD_TAGS = frozenset(
    f"tag:yaml.org,2002:{name}" for name in ("str", "int", "float", "bool", "null", "map", "seq", "timestamp")
)


@dataclass
class _Open:
    """A mapping or sequence being read: its anchor, the nodes it holds so far, its children."""

    anchor: str | None
    mapping: bool
    size: int = 1
    children: int = 0


def _open_anchor(stack: list[_Open], event: Any) -> bool:
    return any(node.anchor == str(event.anchor) for node in stack)


def screen(text: str | bytes, path: str, error: type[NewslintError]) -> None:
    """Refuse alias bombs, cycles, deep nesting, odd keys, huge numbers and non-standard tags.

    Works on the parser's events, naming the line and building nothing: an alias is counted at
    the size of what it refers to without being expanded, and however deep the document nests
    nothing recurses.  A syntax error is left to the loader, which reports it with its line.
    """
    from ruamel.yaml.error import YAMLError

    try:
        _screen_events(_fast_loader().parse(text), path, error)
    except YAMLError:
        # libyaml refuses some text the round-trip loader accepts: screen what that loader reads
        from ruamel.yaml import YAML

        try:
            _screen_events(YAML(typ="rt").parse(text), path, error)
        except YAMLError:
            return  # a syntax error: the loader reports it with its line


def _screen_events(events: Any, path: str, error: type[NewslintError]) -> None:
    """:func:`screen` over one parser's events (YAMLError: the text does not parse)."""
    from ruamel.yaml.events import (
        AliasEvent,
        CollectionEndEvent,
        CollectionStartEvent,
        MappingStartEvent,
        NodeEvent,
    )

    sizes: dict[str, int] = {}  # anchor -> nodes it stands for
    stack: list[_Open] = []
    expanded = 0

    def fail(message: str, event: Any) -> NewslintError:
        return error(message, path, event.start_mark.line + 1 if event.start_mark is not None else None)

    def add(size: int, event: Any, collection: bool) -> None:
        if not stack:
            return
        parent = stack[-1]
        if parent.mapping and parent.children % 2 == 0 and collection:
            raise fail("a list or mapping as a mapping key is not supported", event)
        parent.children += 1
        parent.size += size

    for event in events:
        if isinstance(event, NodeEvent) and not isinstance(event, AliasEvent):
            if event.anchor is not None and (str(event.anchor) in sizes or _open_anchor(stack, event)):
                raise fail(f"YAML anchor &{event.anchor} is defined twice", event)
            tag = getattr(event, "tag", None)
            if tag is not None and str(tag) not in STANDARD_TAGS and str(tag) != "!":
                raise fail(f"YAML tag {str(tag)!r} is not allowed (plain values only)", event)
        if isinstance(event, AliasEvent):
            anchor = str(event.anchor)
            if any(node.anchor == anchor for node in stack):
                raise fail("YAML alias refers to a node that contains it (a cycle)", event)
            size = sizes.get(anchor, 1)
            expanded += size
            if expanded > MAX_ALIAS_NODES:
                raise fail(
                    f"YAML aliases expand to more than {MAX_ALIAS_NODES:,} nodes (an alias bomb?)", event
                )
            add(size, event, size > 1)
        elif isinstance(event, CollectionStartEvent):
            if len(stack) >= MAX_DEPTH:
                raise fail(f"YAML nested more than {MAX_DEPTH} levels deep", event)
            add(0, event, True)
            named = None if event.anchor is None else str(event.anchor)
            stack.append(_Open(named, isinstance(event, MappingStartEvent)))
        elif isinstance(event, CollectionEndEvent):
            node = stack.pop()
            if node.anchor is not None:
                sizes[node.anchor] = node.size
            if stack:
                stack[-1].size += node.size
        elif isinstance(event, NodeEvent):  # a scalar
            value = str(getattr(event, "value", ""))
            if len(value) > MAX_DIGITS and not getattr(event, "style", None) and _NUMBER.match(value):
                raise fail(f"number with more than {MAX_DIGITS:,} digits", event)
            if event.anchor is not None:
                sizes[str(event.anchor)] = 1
            add(1, event, False)


@functools.lru_cache(maxsize=1)
def _fast_loader() -> YAML:
    """libyaml when available: several times faster, but no line numbers.  Built (and ruamel
    imported, ~10 ms) only when some YAML is actually parsed: a run whose rules come from the
    rule cache needs neither."""
    from ruamel.yaml import YAML

    return YAML(typ="safe")


def load_yaml_fast(file: Path, error: type[NewslintError]) -> Any:
    """Plain data, quickly; callers re-read with :func:`load_yaml` to locate an error."""
    from ruamel.yaml.error import YAMLError

    try:
        data = read_limited(str(file), MAX_BYTES)
    except OSError as exc:
        raise error(f"cannot read: {exc}", str(file)) from None
    screen(data, str(file), error)
    try:
        return _fast_loader().load(data)
    except (YAMLError, ValueError, RecursionError):
        return load_yaml(file, error)  # raises, with the line


KeyPath = tuple[Any, ...]
_NULL_KEYS = ("", "~", "null", "Null", "NULL")
_INT_KEY = re.compile(r"[-+]?[0-9]+$")


def _plain_key(event: Any) -> Any:
    """A key scalar as the loader builds it (text, or a plain null or integer)."""
    value = getattr(event, "value", None)
    if not isinstance(value, str) or getattr(event, "style", None):
        return value
    if value in _NULL_KEYS:
        return None
    return int(value) if _INT_KEY.match(value) and len(value) < MAX_DIGITS else value


def load_yaml_located(text: str, path: str, error: type[NewslintError]) -> tuple[Any, dict[KeyPath, int]]:
    """Plain data and the 1-based line of each mapping key and sequence item (by key path),
    both from the fast parser, whatever the size of the comments.  Text the fast parser refuses
    is read again by the round-trip loader (to report the error at its line, or to read YAML
    only it accepts) when it is small enough; the lines are then taken from its nodes."""
    from ruamel.yaml.error import MarkedYAMLError, YAMLError

    screen(text, path, error)
    try:
        lines = _event_lines(_fast_loader().parse(text))
        return _fast_loader().load(text), lines
    except (YAMLError, ValueError, RecursionError) as exc:
        if len(text) <= MAX_ROUND_TRIP_CHARS:
            data = load_yaml_text(text, path, error)
            return data, _node_lines(data, ())
        mark = exc.problem_mark if isinstance(exc, MarkedYAMLError) else None
        problem = exc.problem if isinstance(exc, MarkedYAMLError) else type(exc).__name__
        raise error(f"invalid YAML: {problem}", path, mark.line + 1 if mark is not None else None) from None


@dataclass
class _Collection:
    path: KeyPath
    mapping: bool
    key: Any = None
    expect_key: bool = True
    index: int = 0


def _event_lines(events: Any) -> dict[KeyPath, int]:
    """Key path -> line of the key (or sequence item), from a parser's events."""
    from ruamel.yaml.events import CollectionEndEvent, CollectionStartEvent, MappingStartEvent, NodeEvent

    lines: dict[KeyPath, int] = {}
    stack: list[_Collection] = []
    for event in events:
        if isinstance(event, CollectionEndEvent):
            stack.pop()
            continue
        if not isinstance(event, NodeEvent):
            continue
        line = event.start_mark.line + 1
        child: KeyPath = ()
        if stack:
            top = stack[-1]
            if top.mapping and top.expect_key:
                top.key, top.expect_key = _plain_key(event), False
                lines.setdefault((*top.path, top.key), line)
                continue
            if top.mapping:
                top.expect_key = True
                child = (*top.path, top.key)
            else:
                child = (*top.path, top.index)
                top.index += 1
                lines.setdefault(child, line)
        if isinstance(event, CollectionStartEvent):
            stack.append(_Collection(child, isinstance(event, MappingStartEvent)))
    return lines


def _node_lines(node: Any, path: KeyPath) -> dict[KeyPath, int]:
    """Key path -> line, from the round-trip loader's nodes."""
    lines: dict[KeyPath, int] = {}
    keys: list[Any] = (
        list(node) if isinstance(node, dict) else list(range(len(node))) if isinstance(node, list) else []
    )
    for key in keys:
        here = key_line(node, key)
        if here is not None:
            inner: KeyPath = (*path, key)
            lines[inner] = here
            lines.update(_node_lines(node[key], inner))
    return lines


def load_yaml_text(text: str, path: str, error: type[NewslintError]) -> Any:
    from ruamel.yaml import YAML
    from ruamel.yaml.error import MarkedYAMLError, YAMLError

    screen(text, path, error)
    yaml = YAML(typ="rt")
    try:
        return yaml.load(text)
    except MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else None
        message = f"invalid YAML: {exc.problem or exc.context}"
        if exc.context and exc.context_mark is not None and exc.problem:
            message += f" ({exc.context} started at line {exc.context_mark.line + 1})"
        raise error(message, path, line) from None
    except YAMLError as exc:
        raise error(f"invalid YAML: {exc}", path) from None
    except (ValueError, RecursionError) as exc:  # screened out above; a last line of defence
        raise error(f"invalid YAML value: {type(exc).__name__}", path) from None


def load_yaml(file: Path, error: type[NewslintError]) -> Any:
    """Data keeping line numbers (round-trip), or plain data when the file is too large for
    the round-trip loader (see :data:`MAX_ROUND_TRIP_CHARS`): its errors then name no line."""
    try:
        text = read_limited(str(file), MAX_BYTES).decode("utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise error(f"cannot read: {exc}", str(file)) from None
    if len(text) > MAX_ROUND_TRIP_CHARS:
        return load_yaml_located(text, str(file), error)[0]
    return load_yaml_text(text, str(file), error)


def key_line(node: Any, key: Any) -> int | None:
    """1-based line of ``key`` in a ruamel mapping or sequence, if known."""
    lc = getattr(node, "lc", None)
    if lc is None:
        return None
    try:
        if isinstance(key, int):
            return int(lc.item(key)[0]) + 1
        return int(lc.key(key)[0]) + 1
    except (KeyError, IndexError, TypeError, AttributeError):
        return int(lc.line) + 1 if getattr(lc, "line", None) is not None else None
