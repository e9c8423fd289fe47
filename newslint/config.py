"""Configuration: discovery (like ruff, from the linted path upward), strict validation, settings.

Sources, first found wins: ``--config FILE``, else the nearest ``.newslint.yaml``
/ ``.newslint.yml`` or ``pyproject.toml`` with a ``[tool.newslint]`` table.
Every problem is a ConfigError naming the file and line.
"""

from __future__ import annotations

import fnmatch
import sys
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

from newslint.errors import ConfigError
from newslint.files import DEFAULT_EXCLUDE, DEFAULT_INCLUDE
from newslint.findings import SEVERITIES, Finding
from newslint.yamlload import key_line, load_yaml

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib  # type: ignore[import-not-found, unused-ignore]

CONFIG_NAMES = (".newslint.yaml", ".newslint.yml")
_LIST_KEYS = ("include", "exclude", "rule-paths", "select", "ignore", "extend-select")
_KEYS = (*_LIST_KEYS, "fail-on", "rules", "per-file-ignores", "locale", "date-style")


@dataclass(frozen=True)
class RuleSettings:
    severity: str | None = None
    options: Mapping[str, Any] = field(default_factory=dict)
    line: int | None = None  # where in the config file, for errors


@dataclass(frozen=True)
class Settings:
    source: str | None = None
    root: Path = field(default_factory=Path.cwd)
    include: tuple[str, ...] = DEFAULT_INCLUDE
    exclude: tuple[str, ...] = DEFAULT_EXCLUDE
    rule_paths: tuple[Path, ...] = ()
    select: tuple[str, ...] | None = None
    extend_select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    fail_on: str = "warning"
    rules: Mapping[str, RuleSettings] = field(default_factory=dict)
    per_file_ignores: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    locale: str | None = None
    date_style: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """The resolved configuration, as ``--show-settings`` prints it."""
        return {
            "config-file": self.source,
            "root": str(self.root),
            "include": list(self.include),
            "exclude": list(self.exclude),
            "rule-paths": [str(p) for p in self.rule_paths],
            "select": None if self.select is None else list(self.select),
            "extend-select": list(self.extend_select),
            "ignore": list(self.ignore),
            "fail-on": self.fail_on,
            "locale": self.locale,
            "date-style": self.date_style,
            "rules": {k: {"severity": v.severity, "options": dict(v.options)} for k, v in self.rules.items()},
            "per-file-ignores": {k: list(v) for k, v in self.per_file_ignores.items()},
        }

    def ignored_for(self, path: str) -> tuple[str, ...]:
        """Selectors ignored for this path by ``per-file-ignores``."""
        out: list[str] = []
        posix = PurePosixPath(path.replace("\\", "/"))
        for pattern, selectors in self.per_file_ignores.items():
            if posix.match(pattern) or fnmatch.fnmatch(str(posix), pattern):
                out.extend(selectors)
        return tuple(out)


def find_config(start: Path) -> Path | None:
    folder = start.resolve()
    if not folder.is_dir():
        folder = folder.parent
    for candidate in (folder, *folder.parents):
        for name in CONFIG_NAMES:
            if (candidate / name).is_file():
                return candidate / name
        pyproject = candidate / "pyproject.toml"
        if pyproject.is_file() and _has_tool_table(pyproject):
            return pyproject
    return None


def _has_tool_table(pyproject: Path) -> bool:
    try:
        return "newslint" in tomllib.loads(pyproject.read_text(encoding="utf-8")).get("tool", {})
    except (OSError, UnicodeDecodeError, ValueError, RecursionError):  # ValueError: TOML errors, huge ints
        return False


def load_settings(config: Path | None, start: Path) -> Settings:
    path = config if config is not None else find_config(start)
    if path is None:
        return Settings()
    if config is not None and not path.is_file():
        raise ConfigError("config file not found", str(path))
    if path.name == "pyproject.toml":
        text = path.read_text(encoding="utf-8")
        try:
            data = tomllib.loads(text).get("tool", {}).get("newslint", {})
        except tomllib.TOMLDecodeError as exc:
            raise ConfigError(f"invalid TOML: {exc}", str(path)) from None
        except (ValueError, RecursionError) as exc:  # a number of thousands of digits, deep nesting
            what = "nested too deeply" if isinstance(exc, RecursionError) else str(exc).split(";")[0]
            raise ConfigError(f"invalid TOML: {what}", str(path)) from None

        def line_of(node: Any, key: Any) -> int | None:
            return _toml_line(text, key)
    else:
        data = load_yaml(path, ConfigError) or {}
        line_of = key_line
    return parse_settings(data, str(path), path.parent, line_of)


def _toml_line(text: str, key: Any) -> int | None:
    for number, line in enumerate(text.splitlines(), 1):
        stripped = line.strip().strip('"')
        if stripped.startswith(str(key)) or stripped.startswith(f'"{key}"'):
            return number
    return None


def _str_list(data: Mapping[str, Any], key: str, path: str, line_of: Any) -> tuple[str, ...]:
    value = data[key]
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(f"{key!r} must be a list of strings", path, line_of(data, key))
    return tuple(value)


def _severity(value: Any, what: str, path: str, line: int | None) -> str:
    if value not in SEVERITIES:
        raise ConfigError(f"{what} must be one of {', '.join(SEVERITIES)}, not {value!r}", path, line)
    return str(value)


def parse_settings(data: Any, path: str, root: Path, line_of: Any) -> Settings:
    if not isinstance(data, Mapping):
        raise ConfigError("configuration must be a mapping", path, 1)
    for key in data:
        if key not in _KEYS:
            raise ConfigError(f"unknown key {key!r} (known: {', '.join(_KEYS)})", path, line_of(data, key))
    values: dict[str, Any] = {"source": path, "root": root}
    for key in _LIST_KEYS:
        if key in data:
            values[key.replace("-", "_")] = _str_list(data, key, path, line_of)
    if "rule_paths" in values:
        values["rule_paths"] = tuple((root / p) for p in values["rule_paths"])
    if "fail-on" in data:
        values["fail_on"] = _severity(data["fail-on"], "'fail-on'", path, line_of(data, "fail-on"))
    for key in ("locale", "date-style"):
        if key in data:
            if not isinstance(data[key], str):
                raise ConfigError(f"{key!r} must be a string", path, line_of(data, key))
            values[key.replace("-", "_")] = data[key]
    if "rules" in data:
        values["rules"] = _rule_settings(data["rules"], path, line_of)
    if "per-file-ignores" in data:
        pfi = data["per-file-ignores"]
        if not isinstance(pfi, Mapping):
            raise ConfigError(
                "'per-file-ignores' must map globs to rule lists", path, line_of(data, "per-file-ignores")
            )
        values["per_file_ignores"] = {str(k): _str_list(pfi, k, path, line_of) for k in pfi}
    return Settings(**values)


def _rule_settings(node: Any, path: str, line_of: Any) -> dict[str, RuleSettings]:
    if not isinstance(node, Mapping):
        raise ConfigError("'rules' must map rule ids to settings", path, None)
    out: dict[str, RuleSettings] = {}
    for rule_id, entry in node.items():
        line = line_of(node, rule_id)
        if isinstance(entry, str):  # shorthand: "spelling: error"
            out[str(rule_id)] = RuleSettings(
                _severity(entry, f"severity of {rule_id!r}", path, line), line=line
            )
            continue
        if not isinstance(entry, Mapping):
            raise ConfigError(f"settings of rule {rule_id!r} must be a mapping", path, line)
        for key in entry:
            if key not in ("severity", "options"):
                raise ConfigError(f"unknown key {key!r} for rule {rule_id!r}", path, line_of(entry, key))
        severity = None
        if "severity" in entry:
            severity = _severity(
                entry["severity"], f"severity of {rule_id!r}", path, line_of(entry, "severity")
            )
        options = entry.get("options", {}) or {}
        if not isinstance(options, Mapping):
            raise ConfigError(
                f"options of rule {rule_id!r} must be a mapping", path, line_of(entry, "options")
            )
        out[str(rule_id)] = RuleSettings(severity, dict(options), line)
    return out


def matches(selector: str, rule_id: str, group: str, category: str) -> bool:
    return selector in ("ALL", rule_id, group, category)


def select_rules(rules: Sequence[Any], settings: Settings, extra_ignore: Iterable[str] = ()) -> list[Any]:
    """Rules to run: enabled (or explicitly selected by id), minus ignored ones."""
    ignore = (*settings.ignore, *extra_ignore)
    chosen = []
    for rule in rules:
        keys = (rule.id, rule.group, rule.category)
        if settings.select is None:
            on = rule.enabled
        else:
            on = any(matches(s, *keys) for s in settings.select) and (
                rule.enabled or rule.id in settings.select
            )
        if any(s == rule.id for s in settings.extend_select):
            on = True
        if on and not any(matches(s, *keys) for s in ignore):
            chosen.append(rule)
    return chosen


def filter_per_file(findings: list[Finding], settings: Settings, groups: Mapping[str, str]) -> list[Finding]:
    """Drop findings that ``per-file-ignores`` switches off for their file."""
    if not settings.per_file_ignores:
        return findings
    out = []
    for f in findings:
        ignored = settings.ignored_for(f.path)
        if not any(matches(s, f.rule, groups.get(f.rule, ""), f.category) for s in ignored):
            out.append(f)
    return out
