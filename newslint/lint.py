"""The one lint path: settings and paths in, located findings out.

``check`` (with ``--fix``/``--diff``), ``report`` and ``index build`` all lint through
:func:`lint_paths`, so a file is selected, read, linted and filtered (per-file ignores) the same
way whatever the command; they differ only in what they do with the :class:`RunResult`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from newslint.config import Settings, filter_per_file
from newslint.document import Document
from newslint.engine import Linter
from newslint.files import discover
from newslint.findings import Finding
from newslint.result_cache import ResultCache, run_key
from newslint.rules import Rule
from newslint.ruleset import resolve_rules
from newslint.runner import RunResult, run

__all__ = ["LintRun", "RunResult", "document_lint", "lint_paths"]


@dataclass
class LintRun:
    """A :class:`RunResult` with what produced it: the rules, the files, standard input's bytes."""

    result: RunResult
    rules: list[Rule]
    files: list[str]  # as discovered; ``-`` is standard input
    stdin: tuple[bytes, str] | None = None  # (bytes, name reported)
    groups: dict[str, str] = field(default_factory=dict)  # rule id -> group


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
) -> LintRun:
    """Lint the files under ``paths`` with the settings' rules (or ``rules``).

    ``-`` among the files reads ``read_stdin()`` (reported as ``stdin_name``); without
    ``read_stdin`` it is not linted.  ``cache``: reuse and store per-file results in the
    project's result cache.  ``excerpts``: findings keep the paragraph around them (reports).
    ``compare`` false: cross-file rules only summarise files (``result.collected``).
    """
    chosen = list(rules) if rules is not None else resolve_rules(settings, list(ignore))
    files = discover(list(paths), settings.include, settings.exclude)
    stdin = (read_stdin(), stdin_name) if read_stdin is not None and "-" in files else None
    store = ResultCache(settings.root, run_key(chosen, settings.encoding)) if cache else None
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
    )
    groups = {r.id: r.group for r in chosen}
    result.findings = filter_per_file(result.findings, settings, groups)
    return LintRun(result, chosen, files, stdin, groups)


def document_lint(settings: Settings, rules: Sequence[Rule]) -> Callable[[Document], list[Finding]]:
    """Lint one document in memory as :func:`lint_paths` lints a file (for re-checking fixed text)."""
    linter = Linter(rules)
    groups = {r.id: r.group for r in rules}

    def lint(doc: Document) -> list[Finding]:
        return filter_per_file(linter.lint(doc), settings, groups)

    return lint
