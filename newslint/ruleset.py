"""Assemble the rules of a run: built-in and user folders, selection, config overrides."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from newslint.config import Settings, select_rules
from newslint.errors import ConfigError
from newslint.kinds import get_kind
from newslint.options import OptionError
from newslint.rules import Rule, builtin_rules_dir, load_rules


def all_rules(settings: Settings, extra_paths: Sequence[Any] = ()) -> list[Rule]:
    return load_rules([builtin_rules_dir(), *settings.rule_paths, *extra_paths])


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


def apply_settings(rules: Sequence[Rule], settings: Settings) -> list[Rule]:
    known = {r.id for r in rules}
    for rule_id, given in settings.rules.items():
        if rule_id not in known:
            raise ConfigError(f"settings for unknown rule {rule_id!r}", settings.source, given.line)
    out = []
    for rule in rules:
        entry = settings.rules.get(rule.id)
        anchored = _anchor_paths(rule, dict(entry.options), settings.root) if entry else {}
        overrides = {**_global_options(rule, settings), **anchored}
        if not overrides and (entry is None or entry.severity is None):
            out.append(rule)
            continue
        try:
            out.append(rule.with_overrides(entry.severity if entry else None, overrides))
        except OptionError as exc:
            line = entry.line if entry else None
            raise ConfigError(f"rule {rule.id!r}: {exc}", settings.source, line) from None
    return out


def check_selectors(rules: Sequence[Rule], settings: Settings, extra_ignore: Sequence[str]) -> None:
    """A selector that names no rule, group or category is a typo: say so instead of ignoring it."""
    known = (
        {"ALL"} | {r.id for r in rules} | {r.group for r in rules if r.group} | {r.category for r in rules}
    )
    lists = {
        "select": settings.select or (),
        "extend-select": settings.extend_select,
        "ignore": (*settings.ignore, *extra_ignore),
        "per-file-ignores": [s for selectors in settings.per_file_ignores.values() for s in selectors],
    }
    for where, selectors in lists.items():
        for selector in selectors:
            if selector not in known:
                raise ConfigError(
                    f"{where}: no rule, group or category is called {selector!r}"
                    " (`newslint rules --all` lists them)",
                    settings.source,
                )


def resolve_rules(settings: Settings, extra_ignore: Sequence[str] = ()) -> list[Rule]:
    """The rules this run executes, with config overrides applied."""
    rules = all_rules(settings)
    check_selectors(rules, settings, extra_ignore)
    return apply_settings(select_rules(rules, settings, extra_ignore), settings)
