"""Command-line interface (typer).  Parses arguments, calls the pipeline, prints; computes nothing.

Heavy modules are imported inside commands so that start-up stays fast.  No ``from __future__
import annotations`` here: typer reads every command's signature on every run, and string
annotations would make it compile each one again (a twentieth of a one-file run).
Every NewslintError becomes ``file:line: message`` on stderr and exit status 2.
"""

import contextlib
import gc
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from newslint import __version__
from newslint.core.errors import NewslintError
from newslint.core.output_file import discard_stdout

if TYPE_CHECKING:
    from newslint.core.rule_model import Rule

app = typer.Typer(
    name="newslint",
    help="A data-quality linter for newswire text: typos, dates, duplicated leads, off-topic tails.",
    no_args_is_help=True,
    add_completion=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)
rules_app = typer.Typer(help="List the rules, or test their examples.", invoke_without_command=True)
app.add_typer(rules_app, name="rules")
index_app = typer.Typer(help="Build a lead index of an archive, for `check --against`.", no_args_is_help=True)
app.add_typer(index_app, name="index")


def _fail(exc: NewslintError) -> typer.Exit:
    from newslint.reporters.escape import escape_control

    sys.stderr.write(f"newslint: {escape_control(str(exc))}\n")
    return typer.Exit(2)


def _split(values: list[str] | None) -> list[str]:
    """``--select a,b --select c`` -> [a, b, c]."""
    return [v.strip() for value in values or [] for v in value.split(",") if v.strip()]


def _version(value: bool) -> None:
    if value:
        typer.echo(f"newslint {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Print the version and exit.")
    ] = False,
) -> None:
    """newslint: lint news articles for data-quality defects."""


@app.command()
def check(
    paths: Annotated[
        list[str] | None,
        typer.Argument(help="Files or folders to lint (default: .); '-' reads standard input."),
    ] = None,
    format: Annotated[
        str | None,
        typer.Option(
            "--format",
            "-f",
            help="text (default), json, jsonl, github, sarif, junit or parquet (needs -o FILE).",
        ),
    ] = None,
    output_format: Annotated[
        str | None,
        typer.Option(
            help="full (text with the source line; default on a terminal) or concise (text, one line"
            " a finding; default when piped or written to a file); any --format name is accepted too."
        ),
    ] = None,
    select: Annotated[list[str] | None, typer.Option(help="Only these rules, groups or categories.")] = None,
    extend_select: Annotated[
        list[str] | None, typer.Option(help="Add these rules (opt-in ones too).")
    ] = None,
    ignore: Annotated[list[str] | None, typer.Option(help="Skip these rules, groups or categories.")] = None,
    extend_ignore: Annotated[list[str] | None, typer.Option(help="Skip these too, on top of config.")] = None,
    exclude: Annotated[
        list[str] | None,
        typer.Option(help="Glob of files or folders to skip (repeatable); replaces the config's exclude."),
    ] = None,
    extend_exclude: Annotated[
        list[str] | None, typer.Option(help="Glob to skip on top of the config's exclude (repeatable).")
    ] = None,
    force_exclude: Annotated[
        bool | None,
        typer.Option(
            "--force-exclude/--no-force-exclude",
            help="Apply exclude to files named on the command line too (pre-commit passes every file).",
            show_default=False,
        ),
    ] = None,
    respect_gitignore: Annotated[
        bool | None,
        typer.Option(
            "--respect-gitignore/--no-respect-gitignore",
            help="Skip what .gitignore ignores when walking folders (default: on).",
            show_default=False,
        ),
    ] = None,
    per_file_ignores: Annotated[
        list[str] | None,
        typer.Option(help="GLOB:RULE[,RULE]: skip rules for matching files, on top of the config's."),
    ] = None,
    accept: Annotated[
        list[str] | None,
        typer.Option(
            "--accept",
            "-L",
            help="WORD[,WORD]: words the spelling rule accepts (lowercase: any case; else as written).",
        ),
    ] = None,
    fail_on: Annotated[
        str | None, typer.Option(help="Lowest severity that fails: info, warning, error.")
    ] = None,
    config: Annotated[Path | None, typer.Option(help="Config file (default: discovered upward).")] = None,
    jobs: Annotated[
        int | None, typer.Option("--jobs", "-j", help="Worker processes (default: all cores).")
    ] = None,
    stdin_filename: Annotated[str | None, typer.Option(help="Path to report for '-'.")] = None,
    output_file: Annotated[
        Path | None, typer.Option("--output-file", "-o", help="Write output here.")
    ] = None,
    statistics: Annotated[bool, typer.Option("--statistics", help="Counts per rule and category.")] = False,
    show_settings: Annotated[
        bool, typer.Option("--show-settings", help="Print the resolved settings.")
    ] = False,
    no_progress: Annotated[bool, typer.Option("--no-progress", help="No progress bar on stderr.")] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Findings only, no summary line.")] = False,
    fix: Annotated[bool, typer.Option("--fix", help="Apply safe fixes, then report what is left.")] = False,
    show_fixes: Annotated[
        bool,
        typer.Option(
            "--show-fixes", help="With --fix or --diff: list each fix (path:line rule: before -> after)."
        ),
    ] = False,
    unsafe_fixes: Annotated[
        bool, typer.Option("--unsafe-fixes", help="With --fix or --diff: also fixes that delete text.")
    ] = False,
    diff: Annotated[
        bool, typer.Option("--diff", help="Print fixes as a unified diff; change nothing.")
    ] = False,
    baseline: Annotated[Path | None, typer.Option(help="Hide the findings recorded in this file.")] = None,
    write_baseline: Annotated[
        Path | None, typer.Option(help="Record the current findings in this baseline file and exit 0.")
    ] = None,
    against: Annotated[
        Path | None, typer.Option(help="Also compare leads with this index (`newslint index build`).")
    ] = None,
    exit_zero: Annotated[
        bool, typer.Option("--exit-zero", help="Exit 0 even with findings (2 still means an error).")
    ] = False,
    color: Annotated[
        str, typer.Option(help="auto (a terminal; honours NO_COLOR and FORCE_COLOR), always or never.")
    ] = "auto",
    isolated: Annotated[
        bool, typer.Option("--isolated", help="Ignore every configuration file (built-in defaults).")
    ] = False,
    encoding: Annotated[
        str | None,
        typer.Option(help="Encoding of the copy, e.g. latin-1 (default: the config's, else UTF-8)."),
    ] = None,
    no_cache: Annotated[
        bool, typer.Option("--no-cache", help="Neither read nor write the result cache (.newslint_cache/).")
    ] = False,
    max_file_size: Annotated[
        int | None,
        typer.Option(
            min=1, help="Bytes a file may have (default 10 MB); a larger one is reported, not read."
        ),
    ] = None,
    verbose: Annotated[
        bool, typer.Option("--verbose", "-v", help="Say which files were skipped and why.")
    ] = False,
    text_field: Annotated[
        str, typer.Option(help="Archives (.jsonl, .jsonl.gz, .jsonl.zst, .csv, .parquet): the body field.")
    ] = "text",
    title_field: Annotated[
        str | None, typer.Option(help="Archives: the headline field (linted as the first paragraph).")
    ] = None,
    id_field: Annotated[
        str | None, typer.Option(help="Archives: the record id field (default: the record's number).")
    ] = None,
    engine: Annotated[
        str, typer.Option(help="local (this machine's cores) or dask (pip install 'newslint[dask]').")
    ] = "local",
    scheduler: Annotated[
        str | None,
        typer.Option(help="With --engine dask: the scheduler address (default: a local cluster)."),
    ] = None,
) -> None:
    """Lint files and folders of news copy, and archives of articles as records."""
    from newslint.app.pipeline import CheckOptions, run_check
    from newslint.sources.records import RecordFields

    try:
        chosen, style = output_choice(format, output_format)
    except NewslintError as exc:
        raise _fail(exc) from None
    options = CheckOptions(
        paths=list(paths or ([] if show_settings else ["."])),  # as ruff and codespell: no path is .
        format=chosen,
        style=style,
        exit_zero=exit_zero,
        color=color,
        isolated=isolated,
        encoding=encoding,
        cache=not no_cache,
        select=_split(select) or None,
        extend_select=_split(extend_select),
        ignore=_split(ignore) + _split(extend_ignore),
        fail_on=fail_on,
        config=config,
        jobs=jobs,
        stdin_filename=stdin_filename,
        output_file=output_file,
        statistics=statistics,
        show_settings=show_settings,
        progress=not no_progress,
        quiet=quiet,
        fix=fix,
        unsafe_fixes=unsafe_fixes,
        diff=diff,
        baseline=baseline,
        write_baseline=write_baseline,
        against=against,
        max_file_size=max_file_size,
        verbose=verbose,
        fields=RecordFields(text_field, title_field, id_field),
        engine=engine,
        scheduler=scheduler,
        exclude=list(exclude) if exclude is not None else None,
        extend_exclude=list(extend_exclude or []),
        force_exclude=force_exclude,
        respect_gitignore=respect_gitignore,
        per_file_ignores=list(per_file_ignores or []),
        accept=_split(accept),
        show_fixes=show_fixes,
    )
    try:
        code = run_check(options)
    except NewslintError as exc:
        raise _fail(exc) from None
    raise typer.Exit(code)


STYLES = ("full", "concise")


def output_choice(format: str | None, output_format: str | None) -> tuple[str, str | None]:
    """(format, text style) from ``--format`` and ``--output-format``.

    ``--format`` picks the format as before; ``--output-format`` (ruff's name) picks the text
    view, ``full`` or ``concise``, or names a format itself.  The two may not disagree.  No
    view chosen (None) means: full on a terminal, concise for scripts (the contract's one line
    a finding).
    """
    if output_format is None:
        return format or "text", None
    if output_format in STYLES:
        if format not in (None, "text"):
            raise NewslintError(
                f"--output-format {output_format} is a text view; it cannot go with --format {format}"
            )
        return "text", output_format
    if format is not None and format != output_format:
        raise NewslintError(f"--format {format} and --output-format {output_format} disagree")
    return output_format, None


@app.command()
def clean() -> None:
    """Remove the result caches (.newslint_cache/) in this folder and below."""
    from newslint.run.result_cache import clean as remove

    removed = remove(Path.cwd())
    for folder in removed:
        typer.echo(f"removed {folder}")
    if not removed:
        typer.echo("no cache to remove")


@rules_app.callback()
def rules_list(
    ctx: typer.Context,
    config: Annotated[Path | None, typer.Option(help="Config file (default: discovered upward).")] = None,
    all_rules: Annotated[bool, typer.Option("--all", help="Include rules that are off by default.")] = False,
    output_format: Annotated[
        str, typer.Option("--format", help="text (default), or markdown: every rule as a table.")
    ] = "text",
    write: Annotated[
        Path | None,
        typer.Option(help="With --format markdown: write the table between the rule table markers of FILE."),
    ] = None,
) -> None:
    """List the rules: id, kind, category, severity, fix, summary."""
    if ctx.invoked_subcommand is not None:
        return
    from newslint.config.config import load_settings
    from newslint.engine.fix_info import short_wording
    from newslint.engine.ruleset import all_rules as load_all

    if output_format not in ("text", "markdown") or (write is not None and output_format != "markdown"):
        sys.stderr.write("newslint: --format is text or markdown; --write needs --format markdown\n")
        raise typer.Exit(2)
    try:
        rules = load_all(load_settings(config, Path.cwd()))
        if output_format == "markdown":
            _rule_table(rules, write)
            return
    except NewslintError as exc:
        raise _fail(exc) from None
    shown = [r for r in rules if r.enabled or all_rules]
    width = max((len(r.id) for r in shown), default=4)
    kw = max((len(r.kind) for r in shown), default=4)
    typer.echo(f"{'id':<{width}}  {'kind':<{kw}}  {'category':<10} {'severity':<8} {'fix':<11} summary")
    for r in shown:
        flag = ("" if r.enabled else " (off by default)") + (
            f" (replaces {r.replaces})" if r.replaces else ""
        )
        row = f"{r.id:<{width}}  {r.kind:<{kw}}  {r.category:<10} {r.severity:<8} {short_wording(r):<11}"
        typer.echo(f"{row} {r.summary}{flag}")


def _rule_table(rules: "list[Rule]", write: Path | None) -> None:
    """Print the Markdown rule table, or put it between the markers of ``write``."""
    from newslint.app.rule_table import markdown_table, with_table

    table = markdown_table(rules)
    if write is None:
        typer.echo(table, nl=False)
        return
    try:
        old = write.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise NewslintError(f"cannot read: {exc}", str(write)) from None
    new = with_table(old, table, str(write))
    if new != old:
        write.write_text(new, encoding="utf-8")
    typer.echo(f"{write}: rule table {'updated' if new != old else 'already current'} ({len(rules)} rules)")


@rules_app.command("test")
def rules_test(
    paths: Annotated[list[Path] | None, typer.Argument(help="Extra rule folders to test.")] = None,
    config: Annotated[Path | None, typer.Option(help="Config file (default: discovered upward).")] = None,
) -> None:
    """Run every rule's own bad and good examples; exit 1 if any fails."""
    from newslint.app.rule_examples import check_all
    from newslint.config.config import load_settings
    from newslint.engine.ruleset import all_rules as load_all

    try:
        rules = load_all(load_settings(config, Path.cwd()), list(paths or []))
    except NewslintError as exc:
        raise _fail(exc) from None
    failures = check_all(rules)
    for failure in failures:
        typer.echo(failure.describe())
    examples = sum(len(r.bad) + len(r.good) for r in rules)
    typer.echo(f"{len(rules)} rules, {examples} examples, {len(failures)} failed.")
    raise typer.Exit(1 if failures else 0)


@app.command()
def explain(
    rule_id: Annotated[str, typer.Argument(metavar="RULE", help="Rule id, e.g. spelling.")],
    config: Annotated[Path | None, typer.Option(help="Config file (default: discovered upward).")] = None,
) -> None:
    """Explain a rule: what it flags, why, options, a bad and a good example."""
    from newslint.app.explain import explain_rule
    from newslint.config.config import load_settings
    from newslint.engine.ruleset import all_rules as load_all

    try:
        rules = {r.id: r for r in load_all(load_settings(config, Path.cwd()))}
    except NewslintError as exc:
        raise _fail(exc) from None
    if rule_id not in rules:
        sys.stderr.write(f"newslint: unknown rule {rule_id!r}; `newslint rules --all` lists them\n")
        raise typer.Exit(2)
    typer.echo(explain_rule(rules[rule_id]), nl=False)


@index_app.command("build")
def index_build(
    paths: Annotated[list[str], typer.Argument(help="Archive files or folders.")],
    output: Annotated[Path, typer.Option("--output", "-o", help="Index file to write.")],
    config: Annotated[Path | None, typer.Option(help="Config file (default: discovered upward).")] = None,
    jobs: Annotated[
        int | None, typer.Option("--jobs", "-j", help="Worker processes (default: all cores).")
    ] = None,
    text_field: Annotated[str, typer.Option(help="Archives of records: the body field.")] = "text",
    title_field: Annotated[str | None, typer.Option(help="Archives: the headline field.")] = None,
    id_field: Annotated[str | None, typer.Option(help="Archives: the record id field.")] = None,
) -> None:
    """Index the leads of an archive; then `newslint check --against FILE NEW/` finds repeated leads."""
    from newslint.app.index_app import build_command
    from newslint.sources.records import RecordFields

    try:
        fields = RecordFields(text_field, title_field, id_field)
        typer.echo(build_command(paths, output, config, jobs, fields))
    except NewslintError as exc:
        raise _fail(exc) from None


@app.command()
def report(
    paths: Annotated[list[str], typer.Argument(help="Files or folders to lint.")],
    output: Annotated[Path, typer.Option("--output", "-o", help="The HTML file to write.")] = Path(
        "newslint-report.html"
    ),
    title: Annotated[str, typer.Option(help="Page title.")] = "newslint report",
    select: Annotated[list[str] | None, typer.Option(help="Only these rules, groups or categories.")] = None,
    extend_select: Annotated[
        list[str] | None, typer.Option(help="Add these rules (opt-in ones too).")
    ] = None,
    ignore: Annotated[list[str] | None, typer.Option(help="Skip these rules, groups or categories.")] = None,
    config: Annotated[Path | None, typer.Option(help="Config file (default: discovered upward).")] = None,
    jobs: Annotated[
        int | None, typer.Option("--jobs", "-j", help="Worker processes (default: all cores).")
    ] = None,
    baseline: Annotated[Path | None, typer.Option(help="Hide the findings recorded in this file.")] = None,
    text_field: Annotated[str, typer.Option(help="Archives of records: the body field.")] = "text",
    title_field: Annotated[str | None, typer.Option(help="Archives: the headline field.")] = None,
    id_field: Annotated[str | None, typer.Option(help="Archives: the record id field.")] = None,
) -> None:
    """Write a self-contained HTML report of a folder's findings (exit 0 once written)."""
    from newslint.app.html_report import run_report
    from newslint.app.pipeline import CheckOptions
    from newslint.sources.records import RecordFields

    options = CheckOptions(
        paths=paths,
        select=_split(select) or None,
        extend_select=_split(extend_select),
        ignore=_split(ignore),
        config=config,
        jobs=jobs,
        baseline=baseline,
        fields=RecordFields(text_field, title_field, id_field),
    )
    try:
        count = run_report(options, output, title)
    except NewslintError as exc:
        raise _fail(exc) from None
    sys.stderr.write(f"newslint: wrote {count} findings to {output}\n")


vocab_app = typer.Typer(help="Build word lists for the spelling rule from your own archive.")
app.add_typer(vocab_app, name="vocab")


@vocab_app.command("learn")
def vocab_learn(
    folder: Annotated[Path, typer.Argument(help="A folder of your own articles (*.txt, *.md).")],
    output: Annotated[Path, typer.Option("--output", "-o", help="Accept list to write.")],
    min_files: Annotated[int, typer.Option(help="Articles a name must appear in.")] = 2,
) -> None:
    """Write the recurring names of an archive as an accept list (spelling rule's accept_files)."""
    from newslint.spelling.vocab import archive_files, learn, write_list

    if not folder.is_dir():
        sys.stderr.write(f"newslint: not a folder: {folder}\n")
        raise typer.Exit(2)
    from newslint.core.output_file import refuse_inputs
    from newslint.reporters.escape import escape_control

    files = archive_files(folder)
    try:
        refuse_inputs(output, [str(f) for f in files], "accept list")
        names = learn(files, min_files=min_files)
        write_list(names, output, str(folder))
    except NewslintError as exc:
        raise _fail(exc) from None
    typer.echo(f"{len(names)} names written to {escape_control(str(output))}")


def main() -> None:
    """Console entry point."""
    # Linting allocates millions of short-lived, acyclic objects (tokens, matches): collecting
    # the young generation every 700 allocations costs several percent and finds nothing.
    gc.set_threshold(50_000, 20, 20)
    _closed_streams()
    try:
        os.getcwd()
    except OSError as exc:
        sys.stderr.write(f"newslint: cannot use the working folder: {exc.strerror or exc} (deleted?)\n")
        _exit(2)
    try:
        app()
        status: object = 0
    except SystemExit as exc:
        status = exc.code
    except KeyboardInterrupt:  # pragma: no cover - interactive
        sys.stderr.write("newslint: interrupted\n")
        status = 130
    except BrokenPipeError:  # pragma: no cover - e.g. `newslint check . | head`
        status = 1
    except OSError as exc:
        if not _printing(exc):
            raise
        sys.stderr.write(f"newslint: cannot write standard output: {exc.strerror or exc}\n")
        status = 2
        discard_stdout()
    _exit(status)


def _printing(exc: OSError) -> bool:
    """Whether ``exc`` came from printing (``typer.echo``, a stream's write or flush): a full
    disk or a closed standard output under a command other than ``check``, which says so itself."""
    tb = exc.__traceback__
    while tb is not None and tb.tb_next is not None:
        tb = tb.tb_next
    return tb is not None and tb.tb_frame.f_code.co_name in ("echo", "write", "flush")


class _ClosedOutput:
    """Standard output when the process was started with it closed: writing is an error the
    pipeline reports in one line (not an AttributeError on None)."""

    encoding = "utf-8"

    def isatty(self) -> bool:
        return False

    def write(self, text: str) -> int:
        raise OSError(9, "standard output is closed")

    def flush(self) -> None:
        return None

    @property
    def buffer(self) -> "_ClosedOutput":
        return self


def _closed_streams() -> None:
    """Started with standard input, output or error closed: hold their descriptors with
    /dev/null (so no file newslint opens takes their place), report writes to a closed
    standard output as an error, and drop messages to a closed standard error."""
    for fd, name in ((0, "stdin"), (1, "stdout"), (2, "stderr")):
        if getattr(sys, name) is not None:
            continue
        with contextlib.suppress(OSError):
            held = os.open(os.devnull, os.O_RDONLY if fd == 0 else os.O_WRONLY)
            if held != fd:
                os.dup2(held, fd)
                os.close(held)
        if name == "stdout":
            sys.stdout = _ClosedOutput()
        elif name == "stderr":
            sys.stderr = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115 - for the whole run


def _exit(status: object) -> None:
    """Flush and leave without tearing the interpreter down.

    Every file newslint writes is closed by then; what is skipped is freeing the lexicon and the
    rules object by object, a sixth of a one-file run.
    """
    if status is None:
        code = 0
    elif isinstance(status, int):
        code = status
    else:  # sys.exit("message"): print it, fail
        sys.stderr.write(f"{status}\n")
        code = 1
    try:
        sys.stdout.flush()
    except BrokenPipeError:  # pragma: no cover - the reader went away
        code = code or 1
        discard_stdout()
    except OSError as exc:  # e.g. /dev/full: what was buffered could not be written
        with contextlib.suppress(OSError):
            sys.stderr.write(f"newslint: cannot write standard output: {exc.strerror or exc}\n")
        code = 2
        discard_stdout()
    with contextlib.suppress(BrokenPipeError):
        sys.stderr.flush()
    if _measured():
        raise SystemExit(code)  # a normal exit, so coverage writes this process's data
    os._exit(code)


def _measured() -> bool:
    """Whether coverage is measuring this process (its data is saved only on a normal exit)."""
    coverage = sys.modules.get("coverage")
    return coverage is not None and coverage.Coverage.current() is not None
