"""The ``check`` pipeline: settings -> rules -> files -> run -> filter -> report -> exit status."""

from __future__ import annotations

import dataclasses
import json
import os
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from newslint.config import Settings, filter_per_file, load_settings
from newslint.errors import ConfigError, NewslintError
from newslint.files import DEFAULT_MAX_BYTES, find_files, too_large
from newslint.findings import SEVERITIES, Finding, severity_rank
from newslint.reporters import FORMATS, Report, get_reporter
from newslint.reporters.escape import escape_control
from newslint.rules import Rule
from newslint.ruleset import resolve_rules
from newslint.runner import RunResult, run


@dataclass
class CheckOptions:
    paths: list[str]
    format: str = "text"
    select: list[str] | None = None
    extend_select: list[str] = field(default_factory=list)
    ignore: list[str] = field(default_factory=list)
    fail_on: str | None = None
    config: Path | None = None
    jobs: int | None = None
    stdin_filename: str | None = None
    output_file: Path | None = None
    statistics: bool = False
    show_settings: bool = False
    progress: bool = True
    quiet: bool = False
    fix: bool = False  # apply safe fixes (with unsafe_fixes: unsafe ones too)
    unsafe_fixes: bool = False
    diff: bool = False  # print the fixes as a unified diff, change nothing
    baseline: Path | None = None  # hide the findings recorded here
    write_baseline: Path | None = None  # record the current findings here
    against: Path | None = None  # a lead index (`newslint index build`) for the cross-file rule
    max_file_size: int | None = None  # bytes (None: DEFAULT_MAX_BYTES); a larger file is reported, not read
    verbose: bool = False  # say which files were skipped and why


def settings_for(options: CheckOptions) -> Settings:
    first = next((p for p in options.paths if p != "-"), options.stdin_filename or ".")
    settings = load_settings(options.config, Path(first) if Path(first).exists() else Path.cwd())
    changes: dict[str, object] = {}
    if options.select is not None:
        changes["select"] = tuple(options.select)
    if options.extend_select:
        changes["extend_select"] = (*settings.extend_select, *options.extend_select)
    if options.fail_on is not None:
        if options.fail_on not in SEVERITIES:
            raise ConfigError(f"--fail-on must be one of {', '.join(SEVERITIES)}")
        changes["fail_on"] = options.fail_on
    if options.against is not None:
        from newslint.lead_index import against_changes

        changes.update(against_changes(dataclasses.replace(settings, **changes), options.against))  # type: ignore[arg-type]
    return dataclasses.replace(settings, **changes)  # type: ignore[arg-type]


def _progress_printer(enabled: bool) -> Callable[[int, int], None] | None:
    if not (enabled and sys.stderr.isatty()):
        return None

    def show(done: int, total: int) -> None:
        width = 30
        filled = width * done // max(total, 1)
        sys.stderr.write(f"\r[{'#' * filled}{'.' * (width - filled)}] {done}/{total} files")
        if done >= total:
            sys.stderr.write("\r" + " " * (width + 30) + "\r")
        sys.stderr.flush()

    return show


def exit_status(result: RunResult, fail_on: str) -> int:
    failing = any(severity_rank(f.severity) >= severity_rank(fail_on) for f in result.findings)
    return 1 if failing or result.errors else 0


def run_check(options: CheckOptions) -> int:
    started = time.time()
    max_bytes = options.max_file_size or DEFAULT_MAX_BYTES
    if options.format not in FORMATS:
        raise NewslintError(f"unknown format {options.format!r} (choose from {', '.join(FORMATS)})")
    settings = settings_for(options)
    rules = resolve_rules(settings, options.ignore)
    if options.show_settings:
        data = settings.to_dict()
        data["rules-enabled"] = [r.id for r in rules]
        sys.stdout.write(json.dumps(data, indent=2) + "\n")
        return 0
    if "-" in options.paths and not options.stdin_filename:
        options.stdin_filename = "<stdin>"
    found = find_files(options.paths, settings.include, settings.exclude, word_lists(rules))
    if options.verbose:
        for path, reason in found.skipped:
            sys.stderr.write(f"newslint: skipped {escape_control(path)}: {reason}\n")
    files = found.files
    stdin = (read_stdin(max_bytes), options.stdin_filename or "<stdin>") if "-" in files else None
    result = run(
        files,
        rules,
        jobs=options.jobs,
        stdin=stdin,
        progress=_progress_printer(options.progress),
        max_bytes=max_bytes,
    )
    result.errors = sorted([*result.errors, *found.errors], key=lambda e: e.path)
    groups = {r.id: r.group for r in rules}
    result.findings = filter_per_file(result.findings, settings, groups)
    if options.fix:
        from newslint.fixer import clean_stale_temps

        folders = {os.path.dirname(p) or "." for p in files if p != "-"}
        for temp in clean_stale_temps(folders, before=started):
            if options.verbose:
                sys.stderr.write(f"newslint: removed {escape_control(temp)}, left by an interrupted --fix\n")
    if options.fix or options.diff:
        changed = run_fixes(options, settings, rules, result)
        if options.diff:
            return 1 if changed else 0
    if options.write_baseline is not None:
        from newslint.baseline import write_baseline

        count = write_baseline(options.write_baseline, result.findings)
        sys.stderr.write(f"newslint: recorded {count} findings in {options.write_baseline}\n")
        return 0
    if options.baseline is not None:
        from newslint.baseline import filter_baseline, load_baseline

        result.findings = filter_baseline(result.findings, load_baseline(options.baseline))
    color = options.format == "text" and options.output_file is None and sys.stdout.isatty()
    report = Report(
        result.findings,
        result.errors,
        result.files,
        rules,
        color=color,
        statistics=options.statistics,
        quiet=options.quiet,
        extra={"paths": [options.stdin_filename or "<stdin>" if p == "-" else p for p in files]},
    )
    text = get_reporter(options.format)(report)
    write_output(text, options.output_file)
    if options.format in ("text", "jsonl") or options.output_file is not None:
        for error in result.errors:
            sys.stderr.write(f"newslint: {escape_control(error.path)}: {escape_control(error.message)}\n")
    return exit_status(result, settings.fail_on)


def read_stdin(max_bytes: int) -> bytes:
    data = sys.stdin.buffer.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise NewslintError(f"standard input is {too_large(max_bytes)}")
    return data


def word_lists(rules: list[Rule]) -> set[str]:
    """Files the rules read (accept and reject lists): met in a folder, they are not copy."""
    from newslint.kinds import get_kind

    out: set[str] = set()
    for rule in rules:
        kind = get_kind(rule.kind)
        for key, option in (kind.option_schema if kind else {}).items():
            value = rule.options.get(key)
            if option.type == "list[path]" and isinstance(value, list):
                out.update(str(Path(v).expanduser()) for v in value if isinstance(v, str))
    return out


def write_output(text: str, output_file: Path | None) -> None:
    if output_file is None:
        sys.stdout.write(text)
        sys.stdout.flush()
        return
    try:
        output_file.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise NewslintError(f"cannot write output: {exc.strerror}", str(output_file)) from None


def run_fixes(options: CheckOptions, settings: Settings, rules: list[Rule], result: RunResult) -> int:
    """``--fix`` / ``--diff``: fix the files that have fixable findings; return how many changed.

    With ``--fix`` the fixed files' findings are replaced by those left after fixing
    (cross-file findings are kept); with ``--diff`` the diff is the output.
    """
    from newslint.engine import Linter
    from newslint.fixer import fix_paths, unified_diff, wanted

    unsafe = options.unsafe_fixes
    stdin = options.stdin_filename if "-" in options.paths else None
    targets = {f.path for f in result.findings if wanted(f, unsafe) is not None and f.path != stdin}
    targets = {t for t in targets if Path(t).is_file()}
    if not targets:
        if options.diff:
            write_output("", options.output_file)
        return 0
    linter = Linter(rules)
    groups = {r.id: r.group for r in rules}
    corpus = {r.id for r, _ in linter.corpus_checks}
    outcomes = fix_paths(
        targets,
        lambda doc: filter_per_file(linter.lint(doc), settings, groups),
        unsafe,
        write=not options.diff,
        max_bytes=options.max_file_size or DEFAULT_MAX_BYTES,
    )
    changed = [o for o in outcomes if o.changed and o.error is None]
    for o in outcomes:
        if o.error:
            sys.stderr.write(f"newslint: {escape_control(o.path)}: {escape_control(o.error)}\n")
    if options.diff:
        write_output("".join(unified_diff(o) for o in changed), options.output_file)
        applied = sum(o.applied for o in changed)
        sys.stderr.write(f"newslint: would apply {applied} fixes to {len(changed)} files\n")
        return len(changed)
    # every file fixed without error, changed or not (a link to a file fixed through another
    # path is unchanged now): its findings are those left in its text as it now is
    fixed = {o.path: o for o in outcomes if o.error is None}
    kept = [f for f in result.findings if f.path not in fixed or f.rule in corpus]
    result.findings = sorted(kept + [f for o in fixed.values() for f in o.remaining], key=Finding.sort_key)
    sys.stderr.write(f"newslint: applied {sum(o.applied for o in changed)} fixes to {len(changed)} files\n")
    return len(changed)
