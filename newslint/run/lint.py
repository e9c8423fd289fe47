"""The one lint path: settings and paths in, located findings out.

``check`` (with ``--fix``/``--diff``), ``report`` and ``index build`` all lint through
:func:`lint_paths`, so a file is selected, read, linted and filtered (per-file ignores) the same
way whatever the command; they differ only in what they do with the :class:`RunResult`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from newslint.config.config import Settings, filter_per_file
from newslint.core import compiled_patterns
from newslint.core.document import Document
from newslint.core.findings import Finding
from newslint.engine.engine import DocumentLinter
from newslint.engine.rules import Rule
from newslint.engine.ruleset import resolve_rules
from newslint.kinds import get_kind
from newslint.run.result_cache import ResultCache, run_key
from newslint.run.runner import RunResult, run
from newslint.sources.files import DEFAULT_MAX_BYTES, find_files
from newslint.sources.records import RecordFields

__all__ = ["ENGINES", "LintRun", "RunResult", "document_lint", "lint_paths"]

#: where the files are linted: this machine's processes, or a Dask cluster
ENGINES = ("local", "dask")


@dataclass
class LintRun:
    """A :class:`RunResult` with what produced it: the rules, the files, standard input's bytes."""

    result: RunResult
    rules: list[Rule]
    files: list[str]  # as discovered; ``-`` is standard input
    stdin: tuple[bytes, str] | None = None  # (bytes, name reported)
    groups: dict[str, str] = field(default_factory=dict)  # rule id -> group
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (path, why) met in folders, not linted
    warnings: list[str] = field(default_factory=list)  # a folder with nothing to lint, an empty file


def lint_paths(
    settings: Settings,
    paths: Sequence[str],
    *,
    rules: Sequence[Rule] | None = None,
    ignore: Sequence[str] = (),
    jobs: int | None = None,
    read_stdin: Callable[[], bytes] | None = None,
    stdin_name: str = "<stdin>",
    progress: Callable[[int, int], None] | None = None,
    cache: bool = False,
    excerpts: bool = False,
    compare: bool = True,
    max_bytes: int = DEFAULT_MAX_BYTES,
    fields: RecordFields | None = None,
    engine: str = "local",
    scheduler: str | None = None,
) -> LintRun:
    """Lint the files under ``paths`` with the settings' rules (or ``rules``).

    ``-`` among the files reads ``read_stdin()`` (reported as ``stdin_name``); without
    ``read_stdin`` it is not linted.  ``cache``: reuse and store per-file results in the
    project's result cache.  ``excerpts``: findings keep the paragraph around them (reports).
    ``compare`` false: cross-file rules only summarise files (``result.collected``).
    ``fields``: which fields of archive records (JSONL, CSV, Parquet) hold text, title and id.
    ``engine``: ``local`` or ``dask`` (on the cluster at ``scheduler``, else a local one).
    ``max_bytes``: a larger file is reported, not read.  Files that cannot be linted (special
    files, unreadable folders) are errors of the result; what the walk skipped is in ``skipped``.
    """
    chosen = list(rules) if rules is not None else resolve_rules(settings, list(ignore))
    found = find_files(
        list(paths),
        settings.include,
        settings.exclude,
        word_lists(chosen),
        force_exclude=settings.force_exclude,
        root=str(settings.root),
        respect_gitignore=settings.respect_gitignore,
    )
    files = found.files
    stdin = (read_stdin(), stdin_name) if read_stdin is not None and "-" in files else None
    store = ResultCache(settings.root, run_key(chosen, settings.encoding)) if cache else None
    if engine == "dask":
        from newslint.run.dask_engine import run_dask

        result = run_dask(
            files,
            chosen,
            scheduler=scheduler,
            stdin=stdin,
            encoding=settings.encoding,
            max_bytes=max_bytes,
            excerpts=excerpts,
            compare=compare,
            fields=fields,
            progress=progress is not None,
        )
    else:
        result = run(
            files,
            chosen,
            jobs=jobs,
            stdin=stdin,
            progress=progress,
            encoding=settings.encoding,
            cache=store,
            excerpts=excerpts,
            compare=compare,
            max_bytes=max_bytes,
            fields=fields,
        )
    compiled_patterns.save()  # the patterns this run compiled, for the next one
    result.errors = sorted([*result.errors, *found.errors], key=lambda e: e.path)
    groups = {r.id: r.group for r in chosen}
    result.findings = filter_per_file(result.findings, settings, groups)
    warnings = [*found.warnings, *([store.refused] if store is not None and store.refused else [])]
    return LintRun(result, chosen, files, stdin, groups, found.skipped, warnings)


def word_lists(rules: Sequence[Rule]) -> set[str]:
    """Files the rules read (accept and reject lists): met in a folder, they are not copy."""
    out: set[str] = set()
    for rule in rules:
        kind = get_kind(rule.kind)
        for key, option in (kind.option_schema if kind else {}).items():
            value = rule.options.get(key)
            if option.type == "list[path]" and isinstance(value, list):
                out.update(str(Path(v).expanduser()) for v in value if isinstance(v, str))
    return out


def document_lint(settings: Settings, rules: Sequence[Rule]) -> Callable[[Document], list[Finding]]:
    """Lint one document in memory as :func:`lint_paths` lints a file (for re-checking fixed text)."""
    linter = DocumentLinter(rules)
    groups = {r.id: r.group for r in rules}

    def lint(doc: Document) -> list[Finding]:
        return filter_per_file(linter.lint(doc), settings, groups)

    return lint
