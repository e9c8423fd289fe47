"""Reading a configuration file (YAML or TOML) into plain data plus a locator of its lines.

Validation lives in :mod:`newslint.config.config`; this module only reads, and answers "on which
line is the value at this key path?" for both formats, so that every configuration error
names the line it is about.  TOML is parsed with the standard library, which keeps no
positions: the lines of keys are found in the source text, table by table (a key of
``[tool.ruff]`` is never taken for the same key of ``[tool.newslint]``).
"""

from __future__ import annotations

import re
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from newslint.config.yamlload import MAX_BYTES, load_yaml_located
from newslint.core.errors import ConfigError
from newslint.sources.files import read_limited

KeyPath = tuple[str | int, ...]


class Locator:
    """The 1-based line of a key path in a configuration file (the nearest known ancestor's
    line when the exact one is not known)."""

    def line(self, *path: str | int) -> int | None:  # pragma: no cover - interface
        raise NotImplementedError


class TomlLocator(Locator):
    """Lines from a table of key paths (TOML's scan, or the YAML parser's events)."""

    def __init__(self, lines: Mapping[KeyPath, int], prefix: tuple[str, ...]) -> None:
        self.lines = lines
        self.prefix = prefix

    def line(self, *path: str | int) -> int | None:
        keys: KeyPath = (*self.prefix, *path)
        while len(keys) > len(self.prefix):
            if keys in self.lines:
                return self.lines[keys]
            keys = keys[:-1]
        return self.lines.get(keys)


_BARE = r"[A-Za-z0-9_-]+"
_KEY = rf"(?:{_BARE}|\"(?:[^\"\\]|\\.)*\"|'[^']*')"
_DOTTED = rf"{_KEY}(?:\s*\.\s*{_KEY})*"
_HEADER = re.compile(rf"^\s*\[\[?\s*({_DOTTED})\s*\]\]?")
_ASSIGN = re.compile(rf"^\s*({_DOTTED})\s*=")
_PART = re.compile(_KEY)


def _split_key(dotted: str) -> tuple[str, ...]:
    parts = []
    for m in _PART.finditer(dotted):
        part = m.group(0)
        parts.append(part[1:-1] if part[:1] in "\"'" else part)
    return tuple(parts)


def _array_item_lines(text: str, start: int, first_line: int) -> tuple[list[int], int]:
    """Lines of the items of the array whose ``[`` is at ``text[start]`` (top-level items only),
    and the line where the array ends."""
    lines: list[int] = []
    line, depth, i, expecting = first_line, 0, start, False
    while i < len(text):
        c = text[i]
        if c == "\n":
            line += 1
        elif c == "#":
            end = text.find("\n", i)
            i = len(text) if end < 0 else end
            continue
        elif c in "\"'":
            if depth == 1 and expecting:
                lines.append(line)
                expecting = False
            quote = text[i : i + 3] if text[i : i + 3] in ('"""', "'''") else c
            j = i + len(quote)
            while j < len(text) and text[j : j + len(quote)] != quote:
                if text[j] == "\n":
                    line += 1
                j += 2 if text[j] == "\\" and quote[0] == '"' else 1
            i = j + len(quote)
            continue
        elif c in "[{":
            if depth == 1 and expecting:
                lines.append(line)
                expecting = False
            depth += 1
            expecting = depth == 1
        elif c in "]}":
            depth -= 1
            if depth == 0:
                return lines, line
        elif c == "," and depth == 1:
            expecting = True
        elif not c.isspace() and depth == 1 and expecting:
            lines.append(line)
            expecting = False
        i += 1
    return lines, line


def toml_key_lines(text: str) -> dict[KeyPath, int]:
    """Full key path -> line of its first appearance, from tables and ``key =`` lines, and
    (key path, index) -> line for the items of arrays.

    Lines inside multi-line strings and arrays are skipped; keys of inline tables fall back
    to the line of the key holding the table.
    """
    out: dict[KeyPath, int] = {}
    table: tuple[str, ...] = ()
    in_string: str | None = None
    offsets = [0]
    for piece in text.splitlines(keepends=True):
        offsets.append(offsets[-1] + len(piece))
    skip_to = 0
    for number, line in enumerate(text.splitlines(), 1):
        if number <= skip_to:
            continue
        if in_string is not None:
            if line.count(in_string) % 2 == 1:
                in_string = None
            continue
        header = _HEADER.match(line)
        if header:
            table = _split_key(header.group(1))
            out.setdefault(table, number)
            continue
        assign = _ASSIGN.match(line)
        if assign:
            key = (*table, *_split_key(assign.group(1)))
            for i in range(len(table) + 1, len(key) + 1):
                out.setdefault(key[:i], number)
            rest = line[assign.end() :]
            if rest.lstrip().startswith("["):
                at = offsets[number - 1] + assign.end() + len(rest) - len(rest.lstrip())
                items, skip_to = _array_item_lines(text, at, number)
                for index, item_line in enumerate(items):
                    out.setdefault((*key, index), item_line)
                continue
            for quote in ('"""', "'''"):
                if rest.count(quote) % 2 == 1:
                    in_string = quote
    return out


_AT_LINE = re.compile(r"\(at line (\d+), column \d+\)")
#: parts of one dotted TOML key (the standard library's parser slows quadratically with them:
#: 20,000 parts take gigabytes; real keys have a handful)
MAX_KEY_PARTS = 64
_ONE_LINE_KEY = rf"(?:{_BARE}|\"[^\"\n]*\"|'[^'\n]*')"
_KEY_CHAIN = re.compile(rf"{_ONE_LINE_KEY}(?:[ \t]*\.[ \t]*{_ONE_LINE_KEY}){{{MAX_KEY_PARTS},}}")


def _check_key_parts(text: str, path: str) -> None:
    """Refuse a dotted key of more than :data:`MAX_KEY_PARTS` parts before the parser sees it."""
    chain = _KEY_CHAIN.search(text)
    if chain is not None:
        line = text.count("\n", 0, chain.start()) + 1
        raise ConfigError(f"invalid TOML: a dotted key of more than {MAX_KEY_PARTS} parts", path, line)


def _decode(data: bytes, path: str) -> str:
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise ConfigError(
            f"not UTF-8 text (byte 0x{data[exc.start]:02x} cannot be decoded); save the file as UTF-8",
            path,
            line,
        ) from None
    return text[1:] if text.startswith("\ufeff") else text


def read_bytes(file: Path) -> bytes:
    """A config file's bytes, bounded and never from a FIFO or device (see ``read_limited``)."""
    try:
        return read_limited(str(file), MAX_BYTES)
    except OSError as exc:
        raise ConfigError(f"cannot read: {exc.strerror or exc}", str(file)) from None


def parse_toml(file: Path) -> dict[str, Any]:
    """The whole TOML document; a syntax error or duplicate key names its line."""
    if sys.version_info >= (3, 11):  # imported here: a run without a TOML file never needs it
        import tomllib
    else:  # pragma: no cover
        import tomli as tomllib  # type: ignore[import-not-found, unused-ignore]

    text = _decode(read_bytes(file), str(file))
    _check_key_parts(text, str(file))
    try:
        document: dict[str, Any] = tomllib.loads(text)
        return document
    except tomllib.TOMLDecodeError as exc:
        message = str(exc)
        m = _AT_LINE.search(message)
        line = int(m.group(1)) if m else None
        raise ConfigError(f"invalid TOML: {_AT_LINE.sub('', message).strip()}", str(file), line) from None
    except RecursionError:
        raise ConfigError("invalid TOML: nested too deeply", str(file)) from None
    except ValueError as exc:  # a number of thousands of digits
        raise ConfigError(f"invalid TOML: {str(exc).split(';')[0]}", str(file)) from None


def is_toml(file: Path) -> bool:
    return file.suffix.lower() == ".toml"


def read_config(file: Path) -> tuple[Any, Locator]:
    """The newslint settings in ``file`` and a locator of their lines.

    ``pyproject.toml`` holds them in ``[tool.newslint]``; another ``.toml`` file holds them
    at the top level (like ``ruff.toml``), or in ``[tool.newslint]`` when it has that table;
    anything else is YAML.
    """
    if not is_toml(file):
        text = _decode(read_bytes(file), str(file))
        data, lines = load_yaml_located(text, str(file), ConfigError)
        return ({} if data is None else data), TomlLocator(lines, ())
    document = parse_toml(file)
    lines = toml_key_lines(_decode(read_bytes(file), str(file)))
    tool = document.get("tool")
    if file.name == "pyproject.toml" or (isinstance(tool, dict) and "newslint" in tool):
        section = tool.get("newslint", {}) if isinstance(tool, dict) else {}
        return section, TomlLocator(lines, ("tool", "newslint"))
    return document, TomlLocator(lines, ())


def pyproject_has_table(file: Path) -> bool:
    """Whether a ``pyproject.toml`` configures newslint; a broken one is an error, not "no"."""
    tool = parse_toml(file).get("tool")
    return isinstance(tool, dict) and "newslint" in tool


def flatten_path(parts: Sequence[str | int]) -> str:
    return ".".join(str(p) for p in parts)
