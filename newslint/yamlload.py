"""Reading YAML with line numbers kept (ruamel round-trip), errors as file:line."""

from __future__ import annotations

import functools
from pathlib import Path
from typing import TYPE_CHECKING, Any

from newslint.errors import NewslintError

if TYPE_CHECKING:
    from ruamel.yaml import YAML


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
    try:
        return _fast_loader().load(data)
    except YAMLError:
        return load_yaml(file, error)  # raises, with the line


def load_yaml_text(text: str, path: str, error: type[NewslintError]) -> Any:
    from ruamel.yaml import YAML
    from ruamel.yaml.error import MarkedYAMLError, YAMLError

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
