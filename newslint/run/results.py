"""What linting gives per file, and the one step that ends every run: :func:`finish_run`.

The local engine, the Dask engine and the Python API each lint their files into
:class:`FileResult` objects and hand them over as a :class:`Linted`; :func:`finish_run` then runs
the cross-file rules (a lead repeated in another file or record), gathers the errors, applies the
per-file ignores and builds the :class:`RunResult` -- in this one place, whatever linted.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from newslint.core.findings import FileError, Finding
from newslint.engine.engine import DocumentLinter
from newslint.sources.excerpts import snippets


@dataclass
class FileResult:
    path: str
    findings: list[Finding] = field(default_factory=list)
    error: FileError | None = None
    collected: dict[str, Any] = field(default_factory=dict)
    digest: str | None = None  # hash of the bytes linted, when results are cached
    #: an archive's records: (record id, record number, its summaries for the cross-file rules)
    records: list[tuple[str, int, dict[str, Any]]] = field(default_factory=list)
    record_errors: list[FileError] = field(default_factory=list)
    #: the file's source lines, kept when the run shows them under findings (``snippets``)
    lines: tuple[str, ...] = ()


@dataclass
class Linted:
    """An engine's work, before the cross-file step: the file results, the time each rule took,
    and the rules that compare files (None when the run has none to apply)."""

    results: list[FileResult]
    linter: DocumentLinter | None = None
    timings: dict[str, float] = field(default_factory=dict)


@dataclass(frozen=True)
class RunResult:
    findings: list[Finding]
    errors: list[FileError]
    files: int
    timings: dict[str, float]
    #: per file, the cross-file rules' summaries (only when the run was asked to keep them)
    collected: dict[str, dict[str, Any]] = field(default_factory=dict)
    #: (path, line) -> the source line under findings, when the run kept them
    snippets: dict[tuple[str, int], str] = field(default_factory=dict)


def finish_run(
    linted: Linted,
    *,
    compare: bool = True,
    errors: Iterable[FileError] = (),
    keep: Callable[[list[Finding]], list[Finding]] | None = None,
) -> RunResult:
    """The run's result: the files' findings with the cross-file rules' (or, without ``compare``,
    their summaries kept in ``collected``), filtered by ``keep`` (the per-file ignores), and the
    files' errors with ``errors`` met before linting (unreadable folders, special files)."""
    results = linted.results
    findings = [f for r in results for f in r.findings]
    kept: dict[str, dict[str, Any]] = {}
    linter = linted.linter
    if linter is not None and linter.corpus_checks:
        summaries, origins = corpus_items(results)
        if compare:
            findings.extend(in_records(linter.finish(summaries), origins))
        else:
            kept = dict(summaries)
    if keep is not None:
        findings = keep(findings)
    all_errors = [r.error for r in results if r.error is not None]
    all_errors += [e for r in results for e in r.record_errors]
    all_errors += errors
    all_errors.sort(key=lambda e: e.path)
    findings.sort(key=Finding.sort_key)
    lines = {r.path: r.lines for r in results if r.lines}
    return RunResult(findings, all_errors, len(results), linted.timings, kept, snippets(findings, lines))


def merged(results: Sequence[FileResult]) -> list[FileResult]:
    """One result a path: the results of an archive's parts (byte ranges, row groups, linted
    apart) joined again; other results as they are."""
    by_path: dict[str, FileResult] = {}
    for r in results:
        seen = by_path.get(r.path)
        if seen is None:
            by_path[r.path] = r
            continue
        seen.findings.extend(r.findings)
        seen.records.extend(r.records)
        seen.record_errors.extend(r.record_errors)
        seen.error = seen.error or r.error
    return list(by_path.values())


#: where a record's cross-file key came from: (archive path, record id, record number)
Origin = tuple[str, str, int]


def corpus_items(
    results: Sequence[FileResult],
) -> tuple[list[tuple[str, dict[str, Any]]], dict[str, Origin]]:
    """Each linted file's and record's summaries under one key (a record's is ``path#id``), and
    for the records' keys their origin in the archive."""
    summaries: list[tuple[str, dict[str, Any]]] = []
    origins: dict[str, Origin] = {}
    for r in sorted(results, key=lambda r: r.path):  # the same order whatever the workers did
        if r.records:
            for rid, number, collected in sorted(r.records, key=lambda item: item[1]):
                key = f"{r.path}#{rid}"
                summaries.append((key, collected))
                origins[key] = (r.path, rid, number)
        elif r.error is None:
            summaries.append((r.path, r.collected))
    return summaries, origins


def in_records(findings: Iterable[Finding], origins: dict[str, Origin]) -> list[Finding]:
    """Cross-file findings on a record's key moved back to its archive path and record id."""
    out = []
    for f in findings:
        origin = origins.get(f.path)
        if origin is not None:
            f = replace(f, path=origin[0], record=origin[1], record_number=origin[2])
        out.append(f)
    return out
