"""The ``check`` pipeline: settings -> rules -> files -> run -> filter -> report -> exit status."""

from __future__ import annotations

import dataclasses
import json
import os
import sys
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from newslint.config.config import Settings, load_settings
from newslint.core.errors import ConfigError, NewslintError
from newslint.core.findings import SEVERITIES, FileError, Finding, severity_rank
from newslint.core.output_file import discard_stdout
from newslint.engine.rules import Rule
from newslint.engine.ruleset import overridden_rules, resolve_rules
from newslint.reporters import FORMATS, Report, get_reporter
from newslint.reporters.escape import escape_control
from newslint.run.lint import ENGINES, RunResult, RunSettings, document_lint, lint_paths
from newslint.run.result_cache import CACHE_DIR
from newslint.run.runner import is_corpus_rule
from newslint.sources.excerpts import lines_of, snippets
from newslint.sources.files import DEFAULT_MAX_BYTES, read_document, too_large
from newslint.sources.records import RecordFields

COLOR_CHOICES = ("auto", "always", "never")
#: ``--jobs`` at most: more processes than this is a typo, not a machine
MAX_JOBS = 1024

if TYPE_CHECKING:
    from newslint.app.fixer import FixResult


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
    exit_zero: bool = False  # exit 0 even with findings (2 still means a usage or config error)
    color: str = "auto"  # auto (a terminal, unless NO_COLOR; FORCE_COLOR forces it), always, never
    isolated: bool = False  # no configuration file at all
    # text format: "full" (source line and carets) or "concise"; None: full on a terminal only
    style: str | None = None
    encoding: str | None = None  # of the linted files (overrides the config's `encoding`)
    cache: bool = True  # reuse and store per-file results in .newslint_cache/
    max_file_size: int | None = None  # bytes (None: DEFAULT_MAX_BYTES); a larger file is reported, not read
    verbose: bool = False  # say which files were skipped and why
    fields: RecordFields = field(default_factory=RecordFields)  # of archive records
    engine: str = "local"  # or "dask"
    scheduler: str | None = None  # a Dask scheduler's address (None: a local cluster)
    exclude: list[str] | None = None  # replaces the config's exclude (None: keep it)
    extend_exclude: list[str] = field(default_factory=list)  # added to the exclude in force
    force_exclude: bool | None = None  # exclude files named on the command line too (None: config's)
    respect_gitignore: bool | None = None  # None: the config's (default true)
    per_file_ignores: list[str] = field(default_factory=list)  # GLOB:RULE[,RULE], added to the config's
    accept: list[str] = field(default_factory=list)  # words the spelling rule accepts (codespell's -L)
    show_fixes: bool = False  # with --fix: list each fix applied (path:line rule, before -> after)


def settings_for(options: CheckOptions) -> Settings:
    first = next((p for p in options.paths if p != "-"), options.stdin_filename or ".")
    settings = load_settings(
        options.config, Path(first) if _exists(first) else Path.cwd(), isolated=options.isolated
    )
    changes: dict[str, object] = {}
    if options.select is not None:
        changes["select"] = tuple(options.select)
        # a bad selector is now the command line's, not the file's
        changes["lines"] = {k: v for k, v in settings.lines.items() if not k.startswith("select")}
    if options.extend_select:
        changes["extend_select"] = (*settings.extend_select, *options.extend_select)
    if options.encoding is not None:
        from newslint.config.config import check_encoding

        changes["encoding"] = check_encoding(options.encoding, "--encoding")
    changes.update(_cli_file_changes(options, settings))
    if options.fail_on is not None:
        if options.fail_on not in SEVERITIES:
            raise ConfigError(f"--fail-on must be one of {', '.join(SEVERITIES)}")
        changes["fail_on"] = options.fail_on
    if options.against is not None:
        from newslint.app.lead_index import against_changes

        changes.update(against_changes(dataclasses.replace(settings, **changes), options.against))  # type: ignore[arg-type]
    return dataclasses.replace(settings, **changes)  # type: ignore[arg-type]


def _exists(path: str) -> bool:
    """Whether ``path`` exists; a name the system cannot even look up (too long) does not."""
    try:
        return os.path.exists(path)
    except (OSError, ValueError):
        return False


#: the rule whose accept list ``--accept`` / ``-L`` extends
ACCEPT_RULE = "spelling"


def _cli_file_changes(options: CheckOptions, settings: Settings) -> dict[str, object]:
    """What ``--exclude``, ``--extend-exclude``, ``--force-exclude``, ``--[no-]respect-gitignore``,
    ``--per-file-ignores`` and ``--accept`` change in the configuration's settings."""
    from newslint.config.config import RuleSettings

    changes: dict[str, object] = {}
    exclude = settings.exclude if options.exclude is None else tuple(options.exclude)
    if options.exclude is not None or options.extend_exclude:
        changes["exclude"] = (*exclude, *options.extend_exclude)
    if options.force_exclude is not None:
        changes["force_exclude"] = options.force_exclude
    if options.respect_gitignore is not None:
        changes["respect_gitignore"] = options.respect_gitignore
    if options.per_file_ignores:
        merged = {k: tuple(v) for k, v in settings.per_file_ignores.items()}
        for item in options.per_file_ignores:
            glob, sep, selectors = item.rpartition(":")
            chosen = tuple(s.strip() for s in selectors.split(",") if s.strip())
            if not sep or not glob or not chosen:
                raise ConfigError(f"--per-file-ignores takes GLOB:RULE[,RULE], not {item!r}")
            merged[glob] = (*merged.get(glob, ()), *chosen)
        changes["per_file_ignores"] = merged
    if options.accept:
        old = settings.rules.get(ACCEPT_RULE, RuleSettings())
        opts = dict(old.options)
        prior = opts.get("extend-accept", [])
        opts["extend-accept"] = [*prior, *options.accept] if isinstance(prior, list) else prior
        changes["rules"] = {**settings.rules, ACCEPT_RULE: dataclasses.replace(old, options=opts)}
    return changes


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


def use_color(choice: str, stream_is_tty: bool, environ: Mapping[str, str]) -> bool:
    """``--color``: ``always``/``never`` win; ``auto`` follows NO_COLOR, then FORCE_COLOR, then the
    terminal (https://no-color.org, https://force-color.org: any non-empty value counts)."""
    if choice == "always":
        return True
    if choice == "never" or environ.get("NO_COLOR"):
        return False
    return bool(environ.get("FORCE_COLOR")) or stream_is_tty


def exit_status(result: RunResult, fail_on: str) -> int:
    failing = any(severity_rank(f.severity) >= severity_rank(fail_on) for f in result.findings)
    return 1 if failing or result.errors else 0


def max_file_size(options: CheckOptions) -> int:
    """``--max-file-size``, or the default; a limit past what any file can hold is no limit (and
    must not overflow a C size)."""
    return min(options.max_file_size or DEFAULT_MAX_BYTES, sys.maxsize - 1)


def run_settings_for(options: CheckOptions, settings: Settings, *, snippets: bool = False) -> RunSettings:
    """The run's settings from the command line's options and the configuration: built once here."""
    return RunSettings(
        encoding=settings.encoding,
        max_bytes=max_file_size(options),
        snippets=snippets,
        fields=options.fields,
        cache=options.cache and options.engine == "local",
        jobs=options.jobs,
        progress=_progress_printer(options.progress),
        engine=options.engine,
        scheduler=options.scheduler,
    )


def run_check(options: CheckOptions) -> int:
    started = time.time()
    if options.jobs is not None and not 0 <= options.jobs <= MAX_JOBS:
        raise NewslintError(f"--jobs must be from 0 (every core) to {MAX_JOBS:,}, not {options.jobs}")
    if options.format not in (*FORMATS, "parquet"):
        raise NewslintError(f"unknown format {options.format!r} (choose from {', '.join(FORMATS)}, parquet)")
    if options.format == "parquet" and options.output_file is None:
        raise NewslintError("--format parquet writes a file: give it with -o findings.parquet")
    if options.engine not in ENGINES:
        raise NewslintError(f"--engine must be one of {', '.join(ENGINES)}, not {options.engine!r}")
    if options.color not in COLOR_CHOICES:
        raise NewslintError(f"--color must be one of {', '.join(COLOR_CHOICES)}, not {options.color!r}")
    settings = settings_for(options)
    rules = resolve_rules(settings, options.ignore)
    if options.show_settings:
        data = settings.to_dict()
        data["rules-enabled"] = [r.id for r in rules]
        data["rules-replaced"] = overridden_rules(rules)
        data["cache"] = str(settings.root / CACHE_DIR) if options.cache else None
        write_stdout(json.dumps(data, indent=2) + "\n")
        return 0
    if not options.paths:
        raise NewslintError("no files or folders given (e.g. `newslint check .`)")
    to_terminal = options.output_file is None and sys.stdout.isatty()
    style = options.style or ("full" if to_terminal else "concise")
    how = run_settings_for(options, settings, snippets=options.format == "text" and style == "full")
    paths, echoed = _stdin_excluded(options, settings, how.max_bytes)
    if "-" in paths and not options.stdin_filename:
        options.stdin_filename = "<stdin>"
    run = lint_paths(
        settings,
        paths,
        how,
        rules=rules,
        read_stdin=lambda: read_stdin(how.max_bytes),
        stdin_name=options.stdin_filename or "<stdin>",
    )
    result, files, stdin = run.result, run.files, run.stdin
    from newslint.core.output_file import refuse_inputs

    if options.output_file is not None:
        refuse_inputs(options.output_file, files, "output")
    if options.write_baseline is not None:
        refuse_inputs(options.write_baseline, files, "baseline")
    if options.verbose:
        for path, reason in run.skipped:
            sys.stderr.write(f"newslint: skipped {escape_control(path)}: {reason}\n")
    if not options.quiet:  # as ruff: nothing to lint is said on stderr, and is not a failure
        for warning in run.warnings:
            sys.stderr.write(f"newslint: warning: {escape_control(warning)}\n")
    if options.fix:
        from newslint.app.fixer import clean_stale_temps

        folders = {os.path.dirname(p) or "." for p in files if p != "-"}
        for temp in clean_stale_temps(folders, before=started):
            if options.verbose:
                sys.stderr.write(f"newslint: removed {escape_control(temp)}, left by an interrupted --fix\n")
    if options.fix or options.diff:
        result, changed = run_fixes(options, settings, rules, result, stdin)
        if options.diff:
            return 1 if changed else 0
    if options.write_baseline is not None:
        from newslint.app.baseline import write_baseline

        count = write_baseline(options.write_baseline, result.findings)
        sys.stderr.write(f"newslint: recorded {count} findings in {options.write_baseline}\n")
        return 0
    if options.baseline is not None:
        from newslint.app.baseline import filter_baseline, load_baseline

        result = dataclasses.replace(
            result, findings=filter_baseline(result.findings, load_baseline(options.baseline))
        )
    color = options.format == "text" and use_color(
        options.color, options.output_file is None and sys.stdout.isatty(), os.environ
    )
    if options.format == "parquet":
        from newslint.app.findings_table import write_parquet

        assert options.output_file is not None
        write_parquet(result.findings, options.output_file)
        for error in result.errors:
            sys.stderr.write(f"newslint: {escape_control(error.path)}: {escape_control(error.message)}\n")
        return 0 if options.exit_zero else exit_status(result, settings.fail_on)
    report = Report(
        result.findings,
        result.errors,
        result.files,
        rules,
        color=color,
        statistics=options.statistics,
        quiet=options.quiet,
        snippets=result.snippets,
        extra={"paths": [options.stdin_filename or "<stdin>" if p == "-" else p for p in files]},
    )
    text = get_reporter(options.format)(report)
    if options.fix and (stdin is not None or echoed) and options.output_file is None:
        sys.stderr.write(text)  # standard output carries the fixed text
    else:
        write_output(text, options.output_file)
    if options.format in ("text", "jsonl") or options.output_file is not None:
        for error in result.errors:
            sys.stderr.write(f"newslint: {escape_control(error.path)}: {escape_control(error.message)}\n")
    return 0 if options.exit_zero else exit_status(result, settings.fail_on)


def _stdin_excluded(options: CheckOptions, settings: Settings, max_bytes: int) -> tuple[list[str], bool]:
    """The paths to lint, without ``-`` when ``--force-exclude`` excludes its ``--stdin-filename``
    (as ruff, for editors that pipe every buffer), and whether standard input was echoed then
    (``--fix``: the text goes back unchanged, so an editor never loses it)."""
    from newslint.sources.files import excluded_name

    name = options.stdin_filename
    if "-" not in options.paths or not name or not settings.force_exclude:
        return options.paths, False
    pattern = excluded_name(name, str(settings.root), settings.exclude)
    if pattern is None:
        return options.paths, False
    if options.verbose:
        sys.stderr.write(
            f"newslint: skipped {escape_control(name)}: excluded by {pattern!r} (--force-exclude)\n"
        )
    echo = options.fix and not options.diff
    if echo:
        sys.stdout.buffer.write(read_stdin(max_bytes))
        sys.stdout.flush()
    return [p for p in options.paths if p != "-"], echo


def read_stdin(max_bytes: int) -> bytes:
    """Standard input, up to ``max_bytes`` (read in blocks: the limit may be any size)."""
    if sys.stdin is None:
        raise NewslintError("standard input is closed")
    chunks = []
    left = max_bytes + 1
    try:
        while left > 0 and (chunk := sys.stdin.buffer.read(min(left, 1 << 20))):
            chunks.append(chunk)
            left -= len(chunk)
    except OSError as exc:
        raise NewslintError(f"cannot read standard input: {exc.strerror or exc}") from None
    data = b"".join(chunks)
    if len(data) > max_bytes:
        raise NewslintError(f"standard input is {too_large(max_bytes)}")
    return data


def write_output(text: str, output_file: Path | None) -> None:
    """The report on standard output or in ``output_file`` (:mod:`newslint.core.output_file`)."""
    if output_file is None:
        write_stdout(text)
        return
    from newslint.core.output_file import write_text

    write_text(output_file, text)


def write_stdout(text: str | bytes) -> None:
    """Write to standard output; a full disk or a closed stream is a one-line error (a reader
    that went away is left to the entry point, as ``head`` expects)."""
    try:
        if isinstance(text, bytes):
            sys.stdout.buffer.write(text)
        else:
            try:
                sys.stdout.write(text)
            except UnicodeEncodeError:  # encoded whole before any of it is written
                encoding = sys.stdout.encoding or "utf-8"
                sys.stdout.write(text.encode(encoding, "replace").decode(encoding))
        sys.stdout.flush()
    except BrokenPipeError:
        raise
    except (OSError, AttributeError, ValueError) as exc:  # AttributeError: closed at start (None)
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else "it is closed"
        discard_stdout()
        raise NewslintError(f"cannot write standard output: {reason}") from None


def run_fixes(
    options: CheckOptions,
    settings: Settings,
    rules: list[Rule],
    result: RunResult,
    stdin: tuple[bytes, str] | None = None,
) -> tuple[RunResult, int]:
    """``--fix`` / ``--diff``: fix the files that have fixable findings; return the result and
    how many files changed.

    With ``--fix`` the fixed files' findings are replaced by those left after fixing
    (cross-file findings are kept) and their source lines by the fixed text's; with ``--diff``
    the diff is the output.  Standard
    input (``-``) is never written back: ``--fix`` prints its fixed text on standard
    output (unchanged text when there is nothing to fix, as ruff does), ``--diff`` its diff.
    """
    from newslint.app.fixer import FixResult, fix_data, fix_paths, unified_diff, wanted

    unsafe = options.unsafe_fixes
    stdin_name = stdin[1] if stdin is not None else None
    targets = {f.path for f in result.findings if wanted(f, unsafe) is not None and f.path != stdin_name}
    targets = {t for t in targets if Path(t).is_file()}
    lint = document_lint(settings, rules)
    corpus = {r.id for r in rules if is_corpus_rule(r)}
    outcomes = []
    if targets:
        outcomes = fix_paths(targets, lint, unsafe, write=not options.diff, max_bytes=max_file_size(options))
    if stdin is not None:
        fixable = any(f.path == stdin_name and wanted(f, unsafe) for f in result.findings)
        data = stdin[0]
        outcome = fix_data(stdin[1], data, lint, unsafe) if fixable else FixResult(stdin[1], data, data)
        outcomes.append(outcome)
        if options.fix and not options.diff:  # --diff changes nothing and prints only the diff
            write_stdout(outcome.fixed if outcome.error is None else outcome.original)
    changed = [o for o in outcomes if o.changed and o.error is None]
    for o in outcomes:
        if o.error:
            sys.stderr.write(f"newslint: {escape_control(o.path)}: {escape_control(o.error)}\n")
    applied = sum(o.applied for o in changed)
    diffs = [unified_diff(o) for o in changed]
    lines = sum(
        1 for d in diffs for line in d.splitlines() if line[:1] == "-" and not line.startswith("--- ")
    )
    if options.diff:
        write_output("".join(diffs), options.output_file)
        if changed:
            sys.stderr.write(f"newslint: would apply {_fixes(applied, changed, lines)}\n")
            if options.show_fixes:
                sys.stderr.write(show_fixes(changed))
        return result, len(changed)
    # every file fixed without error, changed or not (a link to a file fixed through another
    # path is unchanged now): its findings are those left in its text as it now is
    # (standard input with nothing fixable was not linted again: its findings stand)
    fixed = {o.path: o for o in outcomes if o.error is None and (o.path != stdin_name or o.changed)}
    kept = [f for f in result.findings if f.path not in fixed or f.rule in corpus]
    findings = sorted(kept + [f for o in fixed.values() for f in o.remaining], key=Finding.sort_key)
    shown = result.snippets
    if shown:  # the fixed files' lines are now those of their fixed text (standard input's stay)
        rewritten = {p: o.fixed for p, o in fixed.items() if p != stdin_name}
        shown = {k: v for k, v in shown.items() if k[0] not in rewritten}
        shown.update(snippets(findings, _lines(rewritten, settings.encoding)))
    if changed:
        sys.stderr.write(f"newslint: applied {_fixes(applied, changed, lines)}\n")
        if options.show_fixes:
            sys.stderr.write(show_fixes(changed))
    return dataclasses.replace(result, findings=findings, snippets=shown), len(changed)


def _lines(texts: Mapping[str, bytes], encoding: str | None) -> dict[str, tuple[str, ...]]:
    """The source lines of fixed texts, by path (from the bytes in memory, not read again)."""
    out: dict[str, tuple[str, ...]] = {}
    for path, data in texts.items():
        doc = read_document(path, data, encoding, max(len(data), DEFAULT_MAX_BYTES))
        if not isinstance(doc, FileError):
            out[path] = lines_of(doc)
    return out


def show_fixes(changed: list[FixResult]) -> str:
    """``--show-fixes``: each fix applied, ``path:line rule: 'before' -> 'after'``, by file."""
    out = []
    for outcome in sorted(changed, key=lambda o: o.path):
        for c in sorted(outcome.changes, key=lambda c: c.line):
            before, after = escape_control(repr(c.before)), escape_control(repr(c.after))
            out.append(f"  {escape_control(outcome.path)}:{c.line} {c.rule}: {before} -> {after}\n")
    return "".join(out)


def _fixes(applied: int, changed: list[FixResult], lines: int) -> str:
    """What was written or what the diff shows: "3 fixes to 2 files (2 lines changed)"
    (several fixes on one line are one changed line of the diff)."""
    fixes = "1 fix" if applied == 1 else f"{applied} fixes"
    files = "1 file" if len(changed) == 1 else f"{len(changed)} files"
    changed_lines = "1 line changed" if lines == 1 else f"{lines} lines changed"
    return f"{fixes} to {files} ({changed_lines})"
