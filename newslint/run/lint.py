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
from newslint.run.results import RunResult, finish_run
from newslint.run.runner import run
from newslint.run.settings import ENGINES, RunSettings
from newslint.sources.files import find_files

__all__ = ["ENGINES", "LintRun", "RunResult", "RunSettings", "document_lint", "lint_paths"]


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
    run_settings: RunSettings | None = None,
    *,
    rules: Sequence[Rule] | None = None,
    ignore: Sequence[str] = (),
    read_stdin: Callable[[], bytes] | None = None,
    stdin_name: str = "<stdin>",
) -> LintRun:
    """Lint the files under ``paths`` with the settings' rules (or ``rules``), as ``run_settings``
    say (by default: in this machine's processes, no cache, the configured encoding).

    ``-`` among the files reads ``read_stdin()`` (reported as ``stdin_name``); without
    ``read_stdin`` it is not linted.  Files that cannot be linted (special files, unreadable
    folders) are errors of the result; what the walk skipped is in ``skipped``.
    """
    how = run_settings or RunSettings(encoding=settings.encoding)
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
    groups = {r.id: r.group for r in chosen}

    def keep(findings: list[Finding]) -> list[Finding]:
        return filter_per_file(findings, settings, groups)

    local = how.engine == "local"  # the result cache is the local engine's
    store = ResultCache(settings.root, run_key(chosen, how.encoding)) if how.cache and local else None
    if local:
        linted = run(files, chosen, how, stdin=stdin, cache=store)
        result = finish_run(linted, compare=how.compare, errors=found.errors, keep=keep)
    else:
        from newslint.run.dask_engine import run_dask

        with run_dask(files, chosen, how, stdin=stdin) as linted:  # the cluster joins the bands
            result = finish_run(linted, compare=how.compare, errors=found.errors, keep=keep)
    compiled_patterns.save()  # the patterns this run compiled, for the next one
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
