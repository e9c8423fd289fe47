"""Reading YAML with line numbers kept (ruamel round-trip), errors as file:line.

Every document is screened first, from the parser's event stream and before anything is built:
aliases may not expand past :data:`MAX_ALIAS_NODES` nodes (an alias bomb doubles per level),
nesting may not go deeper than :data:`MAX_DEPTH` (the builders recurse), and only the standard
tags are allowed (``!!python/...`` and private tags are refused, not silently dropped).
"""

from __future__ import annotations

import functools
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

from newslint.errors import NewslintError

if TYPE_CHECKING:
    from ruamel.yaml import YAML


#: nodes that aliases may expand to in one document (rule files and configs need a handful)
MAX_ALIAS_NODES = 10_000
#: nesting depth of mappings and sequences (rule files and configs need under ten)
MAX_DEPTH = 100
#: digits of a plain number (Python refuses to convert longer ones)
MAX_DIGITS = 4000
_NUMBER = re.compile(r"[-+]?[0-9_.]+$")
#: explicit tags a document may carry: the YAML 1.2 core schema and timestamps
STANDARD_TAGS = frozenset(
    f"tag:yaml.org,2002:{name}" for name in ("str", "int", "float", "bool", "null", "map", "seq", "timestamp")
)


def screen(text: str | bytes, path: str, error: type[NewslintError]) -> None:
    """Refuse alias bombs, deep nesting and non-standard tags, naming the line; build nothing.

    Works on the parser's events, so an alias is counted at the size of what it refers to
    without being expanded, and no recursion happens however deep the document nests.
    """
    from ruamel.yaml.error import YAMLError
    from ruamel.yaml.events import (
        AliasEvent,
        CollectionEndEvent,
        CollectionStartEvent,
        NodeEvent,
    )

    sizes: dict[str, int] = {}  # anchor -> nodes it stands for
    open_nodes: list[tuple[str | None, int]] = []  # (anchor, nodes so far) of each open collection
    expanded = 0
    try:
        for event in _fast_loader().parse(text):
            line = event.start_mark.line + 1 if event.start_mark is not None else None
            if isinstance(event, AliasEvent):
                if any(anchor == event.anchor for anchor, _ in open_nodes):
                    raise error("YAML alias refers to a node that contains it (a cycle)", path, line)
                size = sizes.get(str(event.anchor), 1)
                expanded += size
                if expanded > MAX_ALIAS_NODES:
                    raise error(
                        f"YAML aliases expand to more than {MAX_ALIAS_NODES:,} nodes (an alias bomb?)",
                        path,
                        line,
                    )
                if open_nodes:
                    anchor, count = open_nodes[-1]
                    open_nodes[-1] = (anchor, count + size)
                continue
            if isinstance(event, NodeEvent):
                tag = getattr(event, "tag", None)
                if tag is not None and str(tag) not in STANDARD_TAGS and str(tag) != "!":
                    raise error(f"YAML tag {str(tag)!r} is not allowed (plain values only)", path, line)
            if isinstance(event, CollectionStartEvent):
                if len(open_nodes) >= MAX_DEPTH:
                    raise error(f"YAML nested more than {MAX_DEPTH} levels deep", path, line)
                open_nodes.append((event.anchor, 1))
            elif isinstance(event, CollectionEndEvent):
                anchor, count = open_nodes.pop()
                if anchor is not None:
                    sizes[str(anchor)] = count
                if open_nodes:
                    parent, total = open_nodes[-1]
                    open_nodes[-1] = (parent, total + count)
            elif isinstance(event, NodeEvent):  # a scalar
                value = str(getattr(event, "value", ""))
                if len(value) > MAX_DIGITS and not getattr(event, "style", None) and _NUMBER.match(value):
                    raise error(f"number with more than {MAX_DIGITS:,} digits", path, line)
                if event.anchor is not None:
                    sizes[str(event.anchor)] = 1
                if open_nodes:
                    parent, total = open_nodes[-1]
                    open_nodes[-1] = (parent, total + 1)
    except YAMLError:
        return  # a syntax error: the loader reports it with its line


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
        data = file.read_bytes()
    except OSError as exc:
        raise error(f"cannot read: {exc}", str(file)) from None
    screen(data, str(file), error)
    try:
        return _fast_loader().load(data)
    except (YAMLError, ValueError, RecursionError):
        return load_yaml(file, error)  # raises, with the line


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
    try:
        text = file.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise error(f"cannot read: {exc}", str(file)) from None
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
