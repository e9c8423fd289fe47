"""Configuration: discovery (like ruff, from the linted path upward), strict validation, settings.

Sources, first found wins: ``--config FILE`` (YAML, or TOML when it ends in ``.toml``), else
the nearest ``.newslint.yaml`` / ``.newslint.yml`` or ``pyproject.toml`` with a
``[tool.newslint]`` table; ``--isolated``: none.  Every problem is a ConfigError naming the
file and line.
"""

from __future__ import annotations

import codecs
import fnmatch
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

from newslint.config.config_source import Locator, pyproject_has_table, read_config
from newslint.core.errors import ConfigError
from newslint.core.findings import SEVERITIES, Finding
from newslint.sources.files import DEFAULT_EXCLUDE, DEFAULT_INCLUDE

CONFIG_NAMES = (".newslint.yaml", ".newslint.yml")
_LIST_KEYS = ("include", "exclude", "rule-paths", "select", "ignore", "extend-select")
_BOOL_KEYS = ("force-exclude", "respect-gitignore")
_KEYS = (
    *_LIST_KEYS,
    *_BOOL_KEYS,
    "fail-on",
    "rules",
    "per-file-ignores",
    "locale",
    "date-style",
    "encoding",
)


@dataclass(frozen=True)
class RuleSettings:
    severity: str | None = None
    options: Mapping[str, Any] = field(default_factory=dict)
    line: int | None = None  # where in the config file, for errors
    option_lines: Mapping[str, int | None] = field(default_factory=dict)


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
    encoding: str | None = None  # of the linted files; None: UTF-8
    force_exclude: bool = False  # exclude applies to files named on the command line too (pre-commit)
    respect_gitignore: bool = True  # folder walks skip what .gitignore files ignore
    #: line of each key read from the config file ("select", "select[0]", "rules.spelling", ...)
    lines: Mapping[str, int] = field(default_factory=dict)

    def line(self, key: str) -> int | None:
        return self.lines.get(key)

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
            "encoding": self.encoding or "utf-8",
            "force-exclude": self.force_exclude,
            "respect-gitignore": self.respect_gitignore,
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
    """The nearest ``.newslint.yaml``/``.yml`` or configuring ``pyproject.toml``, upward.

    A ``pyproject.toml`` that cannot be read as TOML is an error (like ruff): it may well be
    the project's configuration, and ignoring it would silently run with defaults.
    """
    folder = start.resolve()
    if not folder.is_dir():
        folder = folder.parent
    for candidate in (folder, *folder.parents):
        for name in CONFIG_NAMES:
            if (candidate / name).is_file():
                return candidate / name
        pyproject = candidate / "pyproject.toml"
        if pyproject.is_file() and pyproject_has_table(pyproject):
            return pyproject
    return None


def load_settings(config: Path | None, start: Path, *, isolated: bool = False) -> Settings:
    """Settings from ``config``, else from the discovered file; defaults with ``isolated``."""
    if isolated:
        if config is not None:
            raise ConfigError("--config and --isolated cannot be used together")
        return Settings()
    if config is not None and not config.is_file():
        raise ConfigError("config file not found", str(config))
    path = config if config is not None else find_config(start)
    if path is None:
        return Settings()
    data, locator = read_config(path)
    return parse_settings(data, str(path), path.parent, locator)


class _Lines:
    """Collects the lines of the keys that were read, for errors found later."""

    def __init__(self, locator: Locator) -> None:
        self.locator = locator
        self.found: dict[str, int] = {}

    def __call__(self, *path: str | int) -> int | None:
        line = self.locator.line(*path)
        if line is not None:
            self.found[_path_name(path)] = line
        return line


def _path_name(path: Sequence[str | int]) -> str:
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def _str_list(value: Any, key: Sequence[str | int], path: str, lines: _Lines) -> tuple[str, ...]:
    """A list of strings; a single string is an error, as in ruff (``select = "E"`` is refused)."""
    name = _path_name(key)
    if isinstance(value, str):
        raise ConfigError(
            f"{name!r} must be a list of strings, not a string (write [{value!r}])", path, lines(*key)
        )
    if not isinstance(value, list):
        raise ConfigError(f"{name!r} must be a list of strings, not {_type(value)}", path, lines(*key))
    lines(*key)
    for i, item in enumerate(value):
        if not isinstance(item, str):
            raise ConfigError(
                f"{name!r} must be a list of strings; item {i + 1} is {_type(item)}", path, lines(*key, i)
            )
        lines(*key, i)
    return tuple(value)


def _type(value: Any) -> str:
    if isinstance(value, Mapping):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if value is None:
        return "empty"
    return f"{type(value).__name__} {str(value)[:40]!r}"


def _severity(value: Any, what: str, path: str, line: int | None) -> str:
    if not isinstance(value, str) or value not in SEVERITIES:
        raise ConfigError(f"{what} must be one of {', '.join(SEVERITIES)}, not {value!r}", path, line)
    return value


def check_encoding(value: Any, where: str, path: str | None = None, line: int | None = None) -> str:
    """A codec name Python knows (``utf-8``, ``latin-1``, ``cp1252``, ...)."""
    if not isinstance(value, str) or not value:
        raise ConfigError(f"{where} must be an encoding name such as 'latin-1'", path, line)
    try:
        info = codecs.lookup(value)
    except (LookupError, ValueError):  # ValueError: a name holding a NUL
        raise ConfigError(f"{where}: unknown encoding {value!r}", path, line) from None
    if not hasattr(info, "_is_text_encoding") or info._is_text_encoding is False:  # e.g. 'rot13', 'hex'
        raise ConfigError(f"{where}: {value!r} is not a text encoding", path, line)
    for probe in _TEXT_PROBES:  # a character set decodes text or names the byte it cannot
        try:
            probe.decode(info.name)
        except UnicodeDecodeError:
            pass
        except (UnicodeError, ValueError, TypeError):  # e.g. 'punycode', 'undefined'
            raise ConfigError(
                f"{where}: {value!r} is not a character set for text files", path, line
            ) from None
    return info.name


#: bytes any character set for news copy reads, or refuses with a UnicodeDecodeError
_TEXT_PROBES = (b"The cat, 1.\n", "The caf\u00e9, 2.\n".encode())


def parse_settings(data: Any, path: str, root: Path, locator: Locator) -> Settings:
    """Validate the settings strictly: every problem is a ConfigError at its line."""
    lines = _Lines(locator)
    if not isinstance(data, Mapping):
        raise ConfigError(f"configuration must be a mapping, not {_type(data)}", path, 1)
    for key in data:
        if key not in _KEYS:
            raise ConfigError(f"unknown key {key!r} (known: {', '.join(_KEYS)})", path, lines(key))
    values: dict[str, Any] = {"source": path, "root": root}
    for key in _LIST_KEYS:
        if key in data:
            values[key.replace("-", "_")] = _str_list(data[key], (key,), path, lines)
    if "rule_paths" in values:
        values["rule_paths"] = _rule_paths(values["rule_paths"], root, path, lines)
    if "fail-on" in data:
        values["fail_on"] = _severity(data["fail-on"], "'fail-on'", path, lines("fail-on"))
    for key in ("locale", "date-style"):
        if key in data:
            if not isinstance(data[key], str):
                raise ConfigError(f"{key!r} must be a string, not {_type(data[key])}", path, lines(key))
            lines(key)
            values[key.replace("-", "_")] = data[key]
    for key in _BOOL_KEYS:
        if key in data:
            if not isinstance(data[key], bool):
                raise ConfigError(f"{key!r} must be true or false, not {_type(data[key])}", path, lines(key))
            lines(key)
            values[key.replace("-", "_")] = data[key]
    if "encoding" in data:
        values["encoding"] = check_encoding(data["encoding"], "'encoding'", path, lines("encoding"))
    if "rules" in data:
        values["rules"] = _rule_settings(data["rules"], path, lines)
    if "per-file-ignores" in data:
        pfi = data["per-file-ignores"]
        if not isinstance(pfi, Mapping):
            raise ConfigError(
                f"'per-file-ignores' must map globs to rule lists, not {_type(pfi)}",
                path,
                lines("per-file-ignores"),
            )
        values["per_file_ignores"] = {
            str(k): _str_list(pfi[k], ("per-file-ignores", k), path, lines) for k in pfi
        }
    values["lines"] = dict(lines.found)
    return Settings(**values)


def _rule_paths(names: Sequence[str], root: Path, path: str, lines: _Lines) -> tuple[Path, ...]:
    out = []
    for i, name in enumerate(names):
        folder = root / Path(name).expanduser()
        if not folder.is_dir():
            raise ConfigError(f"rule-paths: folder not found: {folder}", path, lines("rule-paths", i))
        if _too_broad(folder):
            raise ConfigError(
                f"rule-paths: {folder} is the root or home folder, not a folder of rule files",
                path,
                lines("rule-paths", i),
            )
        out.append(folder)
    return tuple(out)


def _too_broad(folder: Path) -> bool:
    """Whether ``folder`` is the file system's root or the user's home (walking either for
    rule files would read the whole disk)."""
    resolved = folder.resolve()
    try:
        home = Path.home().resolve()
    except (KeyError, RuntimeError):  # no home folder known
        home = None
    return resolved == Path(resolved.anchor) or resolved == home


def _rule_settings(node: Any, path: str, lines: _Lines) -> dict[str, RuleSettings]:
    if not isinstance(node, Mapping):
        raise ConfigError(
            f"'rules' must map rule ids to a severity or settings, not {_type(node)}", path, lines("rules")
        )
    out: dict[str, RuleSettings] = {}
    for rule_id, entry in node.items():
        line = lines("rules", rule_id)
        if isinstance(entry, str):  # shorthand: "spelling: error"
            out[str(rule_id)] = RuleSettings(
                _severity(entry, f"severity of {rule_id!r}", path, line), line=line
            )
            continue
        if not isinstance(entry, Mapping):
            raise ConfigError(
                f"settings of rule {rule_id!r} must be a severity or a mapping, not {_type(entry)}",
                path,
                line,
            )
        for key in entry:
            if key not in ("severity", "options"):
                raise ConfigError(
                    f"unknown key {key!r} for rule {rule_id!r} (known: severity, options)",
                    path,
                    lines("rules", rule_id, key),
                )
        severity = None
        if "severity" in entry:
            severity = _severity(
                entry["severity"], f"severity of {rule_id!r}", path, lines("rules", rule_id, "severity")
            )
        options = entry.get("options", {}) or {}
        if not isinstance(options, Mapping):
            raise ConfigError(
                f"options of rule {rule_id!r} must be a mapping, not {_type(options)}",
                path,
                lines("rules", rule_id, "options"),
            )
        option_lines = {}
        for key in options:
            if not isinstance(key, str):  # ``: value`` in YAML names an option None
                raise ConfigError(
                    f"an option of rule {rule_id!r} has no name"
                    if key is None
                    else f"option names of rule {rule_id!r} must be text, not {_type(key)}",
                    path,
                    lines("rules", rule_id, "options", key) or lines("rules", rule_id, "options"),
                )
            option_lines[str(key)] = lines("rules", rule_id, "options", key) or line
        out[str(rule_id)] = RuleSettings(severity, dict(options), line, option_lines)
    return out


#: rule folders before they were named after their categories (0.1): selectors naming them still work
FORMER_GROUPS = {"dates": "date", "duplicates": "duplicate", "meta": "structure", "offtopic": "off-topic"}


def matches(selector: str, rule_id: str, group: str, category: str) -> bool:
    return FORMER_GROUPS.get(selector, selector) in ("ALL", rule_id, group, category)


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
