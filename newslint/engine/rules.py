"""Rules are YAML data: loading, strict validation with file:line errors, and the Rule model.

One rule per file, ``<folder>/<group>/<name>.yaml``.  Built-in rules ship in the
package (``newslint/_builtin_rules`` in a wheel, top-level ``rules/`` in a
checkout); users add folders of their own.
"""

from __future__ import annotations

import os
import string
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import replace
from pathlib import Path
from typing import Any

from newslint.config.yamlload import key_line, load_yaml, load_yaml_fast
from newslint.core.document import SCOPES
from newslint.core.errors import RuleError
from newslint.core.findings import SEVERITIES
from newslint.core.messages import template_problem
from newslint.core.options import OptionError, validate_options
from newslint.core.rule_cache import RuleFileCache
from newslint.core.rule_model import OVERLAPS, Fixes
from newslint.core.rule_model import Example as Example  # re-exported: the data lives in the core
from newslint.core.rule_model import Rule as Rule
from newslint.kinds import available_kinds, get_kind

REQUIRED = ("id", "kind", "category", "severity", "message", "summary", "why", "examples")
OPTIONAL = ("scope", "options", "enabled", "overlap", "fixes")
_ID_CHARS = set(string.ascii_lowercase + string.digits + "-")


def with_overrides(rule: Rule, severity: str | None, options: Mapping[str, Any]) -> Rule:
    """A copy of ``rule`` with config overrides applied and re-validated by its kind."""
    kind = get_kind(rule.kind)
    merged = {**rule.options, **options}
    if kind is not None:
        merged = validate_options(kind.option_schema, merged)
        kind.validate(merged)
    return replace(rule, severity=severity or rule.severity, options=merged)


def builtin_rules_dir() -> Path:
    """The built-in rules folder: inside the installed package, or the checkout's ``rules/``.

    Found beside this file rather than through ``importlib.resources``, whose readers cost a
    hundredth of a one-file run to import; the rules are read as files either way."""
    package = Path(__file__).resolve().parent.parent
    packaged = package / "_builtin_rules"
    if packaged.is_dir():
        return packaged
    return package.parent / "rules"


#: keys of an example given as a mapping (a plain string is ``text`` alone)
EXAMPLE_KEYS = ("text", "line", "column", "message", "options", "fixed", "unsafe_fixed")


def _example(path: str, value: list[Any], i: int, item: Mapping[str, Any]) -> Example:
    """One ``{text, line, ...}`` example, every key checked (``line`` is a number or a list)."""
    where = key_line(value, i)
    extra = set(item) - set(EXAMPLE_KEYS)
    if extra:
        raise RuleError(f"unknown key {sorted(extra)[0]!r} in example", path, where)
    line = item.get("line")
    lines = tuple(line) if isinstance(line, list) else () if line is None else (line,)
    if not all(isinstance(n, int) and not isinstance(n, bool) for n in lines):
        raise RuleError("example line must be an integer or a list of integers", path, where)
    column = item.get("column")
    if column is not None and (not isinstance(column, int) or isinstance(column, bool) or not lines):
        raise RuleError("example column must be an integer, with a line", path, where)
    for key in ("message", "fixed", "unsafe_fixed"):
        if item.get(key) is not None and not isinstance(item[key], str):
            raise RuleError(f"example {key} must be a string", path, where)
    options = item.get("options") or {}
    if not isinstance(options, Mapping):
        raise RuleError("example options must be a mapping", path, where)
    return Example(
        item["text"],
        lines,
        dict(options),
        column=column,
        message=item.get("message"),
        fixed=item.get("fixed"),
        unsafe_fixed=item.get("unsafe_fixed"),
    )


def _examples(path: str, node: Any, which: str) -> tuple[Example, ...]:
    value = node.get(which, [])
    if not isinstance(value, list):
        raise RuleError(f"examples.{which} must be a list", path, key_line(node, which))
    out = []
    for i, item in enumerate(value):
        if isinstance(item, str):
            out.append(Example(item))
        elif isinstance(item, Mapping) and isinstance(item.get("text"), str):
            out.append(_example(path, value, i, item))
        else:
            raise RuleError(
                f"examples.{which}[{i}] must be a string or {{text, line}}", path, key_line(value, i)
            )
    return tuple(out)


def _option_line(data: Any, options: Any, key: str) -> int | None:
    """Line of option ``key`` (or of item i for ``key[i]``), else of ``options:``."""
    name, _, index = str(key).partition("[")
    if name in options:
        if index.rstrip("]").isdigit() and isinstance(options[name], list):
            return key_line(options[name], int(index.rstrip("]")))
        return key_line(options, name)
    for odd in options:  # a name that is not a string (``: x`` has the name None)
        if not isinstance(odd, str) and str(odd) == name:
            return key_line(options, odd)
    return key_line(data, "options")


def parse_rule(path: str, data: Any, group: str) -> Rule:
    """Validate one rule document strictly; every error names ``path`` and the line."""
    if not isinstance(data, Mapping):
        raise RuleError("a rule file must hold a mapping", path, 1)
    for key in data:
        if key not in REQUIRED and key not in OPTIONAL:
            raise RuleError(f"unknown key {key!r}", path, key_line(data, key))
    for key in REQUIRED:
        if key not in data:
            raise RuleError(f"missing required key {key!r}", path, 1)
    for key in ("id", "kind", "category", "severity", "message", "summary", "why", "scope"):
        if key in data and not isinstance(data[key], str):
            raise RuleError(f"{key!r} must be a string", path, key_line(data, key))
    problem = template_problem(data["message"])
    if problem:
        raise RuleError(problem, path, key_line(data, "message"))
    rule_id = data["id"]
    if not rule_id or not set(rule_id) <= _ID_CHARS:
        raise RuleError(
            f"id {rule_id!r} must be lowercase letters, digits and dashes", path, key_line(data, "id")
        )
    if data["severity"] not in SEVERITIES:
        raise RuleError(f"severity must be one of {', '.join(SEVERITIES)}", path, key_line(data, "severity"))
    scope = data.get("scope", "text")
    if scope not in SCOPES:
        raise RuleError(f"scope must be one of {', '.join(SCOPES)}", path, key_line(data, "scope"))
    enabled = data.get("enabled", True)
    if not isinstance(enabled, bool):
        raise RuleError("'enabled' must be true or false", path, key_line(data, "enabled"))
    kinds = available_kinds()
    kind = kinds.get(data["kind"])
    if kind is None:
        raise RuleError(
            f"unknown kind {data['kind']!r} (known: {', '.join(sorted(kinds))})", path, key_line(data, "kind")
        )
    if scope not in kind.scopes:
        raise RuleError(
            f"kind {data['kind']!r} does not support scope {scope!r} (it supports: {', '.join(kind.scopes)})",
            path,
            key_line(data, "scope"),
        )
    overlap = data.get("overlap", kind.overlap)
    if overlap not in OVERLAPS:
        raise RuleError(f"overlap must be one of {', '.join(OVERLAPS)}", path, key_line(data, "overlap"))
    fixes = _fixes(path, data, kind.fixes)
    raw_options = data.get("options", {}) or {}
    if not isinstance(raw_options, Mapping):
        raise RuleError("'options' must be a mapping", path, key_line(data, "options"))
    try:
        options = validate_options(kind.option_schema, raw_options)
        kind.validate(options)
    except OptionError as exc:
        raise RuleError(str(exc), path, _option_line(data, raw_options, exc.key)) from None
    examples = data["examples"]
    if not isinstance(examples, Mapping):
        raise RuleError(
            "'examples' must be a mapping with 'bad' and 'good'", path, key_line(data, "examples")
        )
    for key in examples:
        if key not in ("bad", "good"):
            raise RuleError(f"unknown key {key!r} in examples", path, key_line(examples, key))
    return Rule(
        id=rule_id,
        kind=data["kind"],
        category=data["category"],
        severity=data["severity"],
        message=data["message"],
        summary=data["summary"].strip(),
        why=data["why"].strip(),
        scope=scope,
        options=options,
        bad=_examples(path, examples, "bad"),
        good=_examples(path, examples, "good"),
        enabled=enabled,
        group=group,
        source=path,
        overlap=overlap,
        fixes=fixes,
    )


def _fixes(path: str, data: Mapping[str, Any], declared: Fixes) -> Fixes:
    """The kind's fix declaration, or the rule file's ``fixes:`` where its options offer less."""
    if "fixes" not in data:
        return declared
    names = {f.value: f for f in Fixes}
    fixes = names.get(data["fixes"]) if isinstance(data["fixes"], str) else None
    if fixes is None:
        raise RuleError(f"fixes must be one of {', '.join(names)}", path, key_line(data, "fixes"))
    if not declared.allows(fixes):
        raise RuleError(
            f"fixes: a rule of kind {data['kind']!r} offers {declared.value} fixes or none",
            path,
            key_line(data, "fixes"),
        )
    return fixes


#: names a rule folder's walk may meet (the built-in rules are a few dozen files)
MAX_RULE_WALK = 10_000
#: folders deep a rule folder may nest
MAX_RULE_DEPTH = 8


def rule_files(folder: Path) -> Iterator[Path]:
    """The ``.yaml`` files under ``folder``, then the ``.yml`` ones, each sorted as paths.

    Walked with ``os.walk`` (symlinked folders not followed, as ``Path.rglob`` does): ``rglob``
    compiles its patterns with ``re`` on every run, a hundredth of a one-file run.  The walk is
    bounded (:data:`MAX_RULE_WALK` names, :data:`MAX_RULE_DEPTH` folders deep): a rule folder
    set to ``/`` or a home folder is an error, not a walk of the whole disk."""
    found: dict[str, list[Path]] = {".yaml": [], ".yml": []}
    seen = 0
    base_depth = str(folder).rstrip(os.sep).count(os.sep)
    for root, dirs, names in os.walk(folder):
        seen += len(names) + len(dirs)
        if seen > MAX_RULE_WALK or root.rstrip(os.sep).count(os.sep) - base_depth > MAX_RULE_DEPTH:
            raise RuleError(
                f"holds more than {MAX_RULE_WALK:,} files or is more than {MAX_RULE_DEPTH} folders "
                "deep: not a rule folder",
                str(folder),
            )
        for name in names:
            suffix = name[name.rfind(".") :]
            if suffix in found:
                found[suffix].append(Path(root, name))
    for suffix in (".yaml", ".yml"):
        yield from sorted(p for p in found[suffix] if p.is_file())


def load_rules(
    folders: Iterable[Path], *, display_root: Path | None = None, overridable: int = 0
) -> list[Rule]:
    """Load every rule under the folders.

    A rule in a later folder may reuse the id of a rule from the first ``overridable`` folders
    (the built-in rules), and then replaces it, as in Vale; any other reused id is an error.
    """
    rules: dict[str, Rule] = {}
    cache = RuleFileCache()
    origin: dict[str, int] = {}  # rule id -> number of the folder it came from
    for number, folder in enumerate(folders):
        if not folder.is_dir():
            raise RuleError("rule folder not found", str(folder))
        for file in rule_files(folder):
            shown = str(file)
            rel = file.relative_to(folder)
            group = rel.parts[0] if len(rel.parts) > 1 else ""
            _check_size(file, shown)
            try:
                rule = parse_rule(shown, cache.load(file, _parse_fast), group)
            except RuleError:  # parse again keeping line numbers, to say where
                rule = parse_rule(shown, load_yaml(file, RuleError), group)
            previous = rules.get(rule.id)
            if previous is not None and origin[rule.id] < overridable <= number:
                rules[rule.id] = replace(rule, replaces=previous.source)
                origin[rule.id] = number
                continue
            if rule.id in rules:
                raise RuleError(f"duplicate rule id {rule.id!r} (also in {rules[rule.id].source})", shown, 1)
            rules[rule.id] = rule
            origin[rule.id] = number
    cache.save()
    return sorted(rules.values(), key=lambda r: r.id)


#: a rule file's size at most.  The largest built-in rule is under 8 kB; compiling a rule's
#: tokens and patterns takes some 300 bytes of memory and 20 microseconds a byte, so a 15 MB file
#: would take 4 GB, and every run would pay it again.  Long word lists belong in the files a rule
#: reads as data (the spelling rule's accept_files), which are not compiled.
MAX_RULE_BYTES = 256 * 1024


def _check_size(file: Path, shown: str) -> None:
    try:
        size = file.stat().st_size
    except OSError:
        return  # the parser says what is wrong with it
    if size > MAX_RULE_BYTES:
        raise RuleError(f"rule file is {size:,} bytes, more than {MAX_RULE_BYTES:,}: not loaded", shown)


def _parse_fast(file: Path) -> Any:
    return load_yaml_fast(file, RuleError)
