"""Assemble the rules of a run: built-in and user folders, selection, config overrides."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from newslint.config.config import FORMER_GROUPS, Settings, select_rules
from newslint.core.errors import ConfigError
from newslint.core.options import OptionError
from newslint.engine.rules import Rule, builtin_rules_dir, load_rules, with_overrides
from newslint.kinds import get_kind


def all_rules(settings: Settings, extra_paths: Sequence[Any] = ()) -> list[Rule]:
    """Built-in rules, then the config's ``rule-paths``, then ``extra_paths``.

    A folder named twice (``newslint rules test house/`` with ``house`` in ``rule-paths``, or
    ``rules/`` in a checkout) is read once; a user rule with a built-in's id replaces it.
    """
    folders: list[Path] = []
    seen: set[Path] = set()
    for folder in (builtin_rules_dir(), *settings.rule_paths, *(Path(p) for p in extra_paths)):
        key = folder.resolve()
        if key not in seen:
            seen.add(key)
            folders.append(folder)
    return load_rules(folders, overridable=1)


def overridden_rules(rules: Sequence[Rule]) -> dict[str, str]:
    """Rule id -> the user file that replaces the built-in rule of that id."""
    return {r.id: r.source for r in rules if r.replaces}


def _global_options(rule: Rule, settings: Settings) -> dict[str, Any]:
    """Top-level ``locale`` / ``date-style`` reach every rule that has such an option."""
    kind = get_kind(rule.kind)
    schema = kind.option_schema if kind else {}
    out: dict[str, Any] = {}
    if settings.locale is not None and "locale" in schema:
        out["locale"] = settings.locale
    if settings.date_style is not None and "style" in schema and rule.category == "date":
        out["style"] = settings.date_style
    return out


def _anchor_paths(rule: Rule, options: dict[str, Any], root: Path) -> dict[str, Any]:
    """File names in a config's rule options are relative to the config's folder, not the cwd."""
    kind = get_kind(rule.kind)
    schema = kind.option_schema if kind else {}
    out = dict(options)
    for key, value in options.items():
        if key in schema and schema[key].type == "list[path]" and isinstance(value, list):
            out[key] = [
                v if not isinstance(v, str) or Path(v).expanduser().is_absolute() else str(root / v)
                for v in value
            ]
    return out


EXTEND = "extend-"


def _extend(rule: Rule, options: dict[str, Any]) -> dict[str, Any]:
    """``extend-NAME`` adds to the rule's list (or mapping) option ``NAME`` instead of replacing it."""
    out: dict[str, Any] = {}
    for key, value in options.items():
        if not key.startswith(EXTEND):
            out[key] = value
            continue
        name = key[len(EXTEND) :]
        kind = get_kind(rule.kind)
        option = kind.option_schema.get(name) if kind else None
        if option is None or not option.type.startswith(("list", "dict")):
            schema = kind.option_schema if kind else {}
            can = ", ".join(EXTEND + k for k, o in schema.items() if o.type.startswith(("list", "dict")))
            raise OptionError(
                key,
                f"{key!r}: the rule has no list or mapping option {name!r} to extend"
                f" (known: {can or 'none'})",
            )
        base = options.get(name, rule.options.get(name, option.default))
        if option.type.startswith("list"):
            if not isinstance(value, list):
                raise OptionError(key, f"option {key!r} must be a list, not {type(value).__name__}")
            out[name] = [*base, *(v for v in value if v not in base)]
        else:
            if not isinstance(value, Mapping):
                raise OptionError(key, f"option {key!r} must be a mapping, not {type(value).__name__}")
            out[name] = {**base, **value}
    return out


def _missing_files(rule: Rule, options: Mapping[str, Any]) -> tuple[str, str] | None:
    """(option, file) of the first file named in a ``list[path]`` option that does not exist
    (one that exists but is no regular file is reported by the reader, saying what it is)."""
    kind = get_kind(rule.kind)
    schema = kind.option_schema if kind else {}
    for key, value in options.items():
        if key in schema and schema[key].type == "list[path]" and isinstance(value, list):
            for name in value:
                if isinstance(name, str) and not Path(name).expanduser().exists():
                    return key, name
    return None


def _error_line(settings: Settings, rule_id: str, key: str) -> int | None:
    """The config line an option error is about: the option, the global key, or the rule."""
    entry = settings.rules.get(rule_id)
    if entry is not None:
        for name in (key, EXTEND + key):
            if entry.option_lines.get(name):
                return entry.option_lines[name]
    globals_ = {"locale": "locale", "style": "date-style"}
    if key in globals_ and settings.line(globals_[key]) is not None:
        return settings.line(globals_[key])
    return entry.line if entry else None


def apply_settings(rules: Sequence[Rule], settings: Settings, known: Sequence[Rule] = ()) -> list[Rule]:
    """Rules with the config's severities and options applied (``known``: every loaded rule, so
    that settings for a rule that is merely not selected are no error)."""
    ids = {r.id for r in (*rules, *known)}
    for rule_id, given in settings.rules.items():
        if rule_id not in ids:
            raise ConfigError(f"settings for unknown rule {rule_id!r}", settings.source, given.line)
    out = []
    for rule in rules:
        entry = settings.rules.get(rule.id)
        try:
            options = _extend(rule, dict(entry.options)) if entry else {}
            anchored = _anchor_paths(rule, options, settings.root)
            overrides = {**_global_options(rule, settings), **anchored}
            if not overrides and (entry is None or entry.severity is None):
                out.append(rule)
                continue
            changed = with_overrides(rule, entry.severity if entry else None, overrides)
        except OptionError as exc:
            line = _error_line(settings, rule.id, exc.key)
            raise ConfigError(f"rule {rule.id!r}: {exc}", settings.source, line) from None
        missing = _missing_files(rule, anchored)
        if missing is not None:
            raise ConfigError(
                f"rule {rule.id!r}: option {missing[0]!r}: file not found: {missing[1]}",
                settings.source,
                _error_line(settings, rule.id, missing[0]),
            )
        out.append(changed)
    return out


def check_selectors(rules: Sequence[Rule], settings: Settings, extra_ignore: Sequence[str]) -> None:
    """A selector that names no rule, group or category is a typo: say so instead of ignoring it."""
    known = (
        {"ALL"} | {r.id for r in rules} | {r.group for r in rules if r.group} | {r.category for r in rules}
    )
    known |= {old for old, new in FORMER_GROUPS.items() if new in known}
    lists: list[tuple[str, Sequence[str], str | None]] = [
        ("select", settings.select or (), settings.source),
        ("extend-select", settings.extend_select, settings.source),
        ("ignore", settings.ignore, settings.source),
        *((f"per-file-ignores.{k}", v, settings.source) for k, v in settings.per_file_ignores.items()),
        ("--ignore", extra_ignore, None),
    ]
    for where, selectors, source in lists:
        for i, selector in enumerate(selectors):
            if selector not in known:
                from_file = source is not None and where in settings.lines
                raise ConfigError(
                    f"{where if from_file else '--' + where.lstrip('-')}: no rule, group or category"
                    f" is called {selector!r} (`newslint rules --all` lists them)",
                    source if from_file else None,
                    settings.line(f"{where}[{i}]") or settings.line(where) if from_file else None,
                )


def resolve_rules(settings: Settings, extra_ignore: Sequence[str] = ()) -> list[Rule]:
    """The rules this run executes, with config overrides applied."""
    rules = all_rules(settings)
    check_selectors(rules, settings, extra_ignore)
    return apply_settings(select_rules(rules, settings, extra_ignore), settings, rules)
