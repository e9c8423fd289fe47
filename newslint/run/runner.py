"""Running a DocumentLinter over many files: in-process for a few, a process pool for many.

Workers are started once and fed chunks of paths; each builds (or, with fork,
inherits) the DocumentLinter once.  Results come back in any order and are sorted, so
output is the same whatever ``jobs`` is.
"""

from __future__ import annotations

import contextlib
import gc
import os
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any, TypeVar

from newslint.core.document import Document
from newslint.core.errors import NewslintError
from newslint.core.findings import FileError, Finding
from newslint.engine.engine import DocumentLinter
from newslint.engine.rules import Rule
from newslint.kinds import CorpusKind, get_kind
from newslint.sources.excerpts import with_excerpts
from newslint.sources.files import DEFAULT_MAX_BYTES, read_document, read_limited
from newslint.sources.partitions import RANGE_BYTES, Part, count_part, numbered, part_records, plan
from newslint.sources.records import Record, RecordError, RecordFields, is_archive, read_records
from newslint.sources.wire_xml import WireXMLError, is_wire_xml, parse_wire_xml

if TYPE_CHECKING:
    from newslint.run.result_cache import ResultCache

#: below this many files a pool costs more than it saves
POOL_THRESHOLD = 24
#: an uncompressed JSON Lines archive larger than this is linted in ranges of this many bytes across the pool
SPLIT_ARCHIVE_BYTES = RANGE_BYTES


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


@dataclass
class RunResult:
    findings: list[Finding]
    errors: list[FileError]
    files: int
    timings: dict[str, float]
    #: per file, the cross-file rules' summaries (only when the run was asked to keep them)
    collected: dict[str, dict[str, Any]] = field(default_factory=dict)


def lint_one(
    linter: DocumentLinter,
    path: str,
    data: bytes | None = None,
    display: str | None = None,
    *,
    encoding: str | None = None,
    want_digest: bool = False,
    max_bytes: int = DEFAULT_MAX_BYTES,
    excerpts: bool = False,
    fields: RecordFields | None = None,
) -> FileResult:
    if is_archive(path):
        return lint_archive(linter, path, fields or RecordFields(), excerpts=excerpts)
    if data is None and want_digest and not is_wire_xml(path):
        with contextlib.suppress(OSError):  # read_document reports it
            data = read_limited(path, max_bytes)
    if is_wire_xml(path):
        return lint_wire_xml(linter, path, data, display, max_bytes=max_bytes, excerpts=excerpts)
    doc = read_document(path, data, encoding, max_bytes)
    if isinstance(doc, FileError):
        return FileResult(display or path, error=FileError(display or path, doc.message))
    if display is not None:
        doc.path = display
    collected = linter.collect(doc) if linter.corpus_checks else {}
    findings = linter.lint(doc)
    if excerpts:
        findings = with_excerpts(doc, findings)
    result = FileResult(doc.path, findings, None, collected)
    if want_digest and data is not None:
        from newslint.run.result_cache import digest

        result.digest = digest(data)
    return result


def lint_record(linter: DocumentLinter, path: str, record: Record, *, excerpts: bool = False) -> FileResult:
    """One record of an archive: findings located in the record's text, tagged with its id.

    Fixes are dropped: they are offsets into the record, not into the archive file.
    """
    doc = Document(path, record.text)
    collected = linter.collect(doc) if linter.corpus_checks else {}
    findings = linter.lint(doc)
    if excerpts:
        findings = with_excerpts(doc, findings)
    tagged = [replace(f, record=record.id, record_number=record.number, fix=None) for f in findings]
    return FileResult(path, tagged, None, {}, records=[(record.id, record.number, collected)])


def lint_records(
    linter: DocumentLinter, path: str, items: Iterable[Record | RecordError], *, excerpts: bool = False
) -> FileResult:
    """Records (or errors in their place) of the archive ``path``, merged into one result."""
    out = FileResult(path)
    try:
        for item in items:
            if isinstance(item, RecordError):
                message = f"record {item.id}: {item.message}"
                out.record_errors.append(FileError(path, message, item.id))
                continue
            one = lint_record(linter, path, item, excerpts=excerpts)
            out.findings.extend(one.findings)
            out.records.extend(one.records)
    except NewslintError as exc:  # the archive itself is damaged: what was read is kept
        out.error = FileError(path, exc.message)
    return out


def lint_archive(
    linter: DocumentLinter, path: str, fields: RecordFields, *, excerpts: bool = False
) -> FileResult:
    return lint_records(linter, path, read_records(path, fields), excerpts=excerpts)


def lint_wire_xml(
    linter: DocumentLinter,
    path: str,
    data: bytes | None,
    display: str | None,
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    excerpts: bool = False,
) -> FileResult:
    """An NITF or NewsML-G2 file: the article's findings moved to the XML source's lines."""
    shown = display or path
    try:
        raw = data if data is not None else read_limited(path, max_bytes)
        article = parse_wire_xml(raw)
    except WireXMLError as exc:
        return FileResult(shown, error=FileError(shown, str(exc)))
    except OSError as exc:
        return FileResult(
            shown, error=FileError(shown, f"cannot read: {getattr(exc, 'strerror', None) or exc}")
        )
    doc = Document(shown, article.text)
    collected = linter.collect(doc) if linter.corpus_checks else {}
    findings = linter.lint(doc)
    if excerpts:
        findings = with_excerpts(doc, findings)

    def moved(line: int, column: int) -> tuple[int, int]:
        source_line, source_column = article.lines[min(line, len(article.lines)) - 1]
        return source_line, source_column + column - 1

    placed = []
    for f in findings:
        line, column = moved(f.line, f.column)
        end_line, end_column = moved(f.end_line, f.end_column)
        related = tuple(replace(r, line=moved(r.line, 1)[0]) for r in f.related)
        placed.append(
            replace(
                f,
                line=line,
                column=column,
                end_line=end_line,
                end_column=end_column,
                related=related,
                fix=None,
            )
        )
    return FileResult(shown, placed, None, collected)


_Item = TypeVar("_Item")
_WORKER_LINTER: DocumentLinter | None = None
#: (encoding, want_digest, max_bytes, excerpts, record fields) of the run, set in each worker
_Setup = tuple[str | None, bool, int, bool, RecordFields]
_WORKER_SETUP: _Setup = (None, False, DEFAULT_MAX_BYTES, False, RecordFields())


def _init_worker(rules: Sequence[Rule] | None, setup: _Setup) -> None:
    global _WORKER_LINTER, _WORKER_SETUP
    _WORKER_SETUP = setup
    if rules is not None:  # spawn: build here; fork: inherited from the parent
        _WORKER_LINTER = DocumentLinter(rules)
    elif _WORKER_LINTER is not None:
        _WORKER_LINTER.timings.clear()


def _work(paths: list[str | Part]) -> tuple[list[FileResult], dict[str, float]]:
    assert _WORKER_LINTER is not None
    before = dict(_WORKER_LINTER.timings)
    encoding, want_digest, max_bytes, excerpts, fields = _WORKER_SETUP
    results = [
        lint_records(_WORKER_LINTER, p.path, part_records(p, fields), excerpts=excerpts)
        if isinstance(p, Part)
        else lint_one(
            _WORKER_LINTER,
            p,
            encoding=encoding,
            want_digest=want_digest,
            max_bytes=max_bytes,
            excerpts=excerpts,
            fields=fields,
        )
        for p in paths
    ]
    spent = {k: v - before.get(k, 0.0) for k, v in _WORKER_LINTER.timings.items()}
    return results, spent


def from_both_ends(chunks: list[list[_Item]]) -> list[list[_Item]]:
    """The chunks in the order first, last, second, second-to-last, ...

    Idle workers take the next chunk in turn, so with two workers one works from the front of
    the sorted file list and the other from the back.  Files of one folder (one desk, one
    topic) share names and terms, and each worker judges a word it has not seen before only
    once: keeping each worker's files together spares judging the same new words in both.
    """
    ordered: list[list[_Item]] = []
    front, back = 0, len(chunks) - 1
    while front <= back:
        ordered.append(chunks[front])
        if back != front:
            ordered.append(chunks[back])
        front, back = front + 1, back - 1
    return ordered


def default_jobs() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not Linux
        return os.cpu_count() or 1


def run(
    paths: Sequence[str],
    rules: Sequence[Rule],
    *,
    jobs: int | None = None,
    stdin: tuple[bytes, str] | None = None,
    progress: Callable[[int, int], None] | None = None,
    encoding: str | None = None,
    cache: ResultCache | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    excerpts: bool = False,
    compare: bool = True,
    fields: RecordFields | None = None,
) -> RunResult:
    """Lint ``paths`` (``-`` means ``stdin``: its bytes and the name to report).

    With a ``cache``, files whose bytes are unchanged take their findings from it (only their
    corpus summaries are computed again) and the others' findings are stored in it.  With
    ``excerpts`` each finding keeps the paragraph around it.  With ``compare`` false the
    cross-file rules only summarise each file (kept in ``collected``) and compare nothing.
    """
    global _WORKER_LINTER
    jobs = jobs or default_jobs()
    results: list[FileResult] = []
    timings: dict[str, float] = {}
    files = [p for p in paths if p != "-"]
    if cache is not None:
        cached, files = _from_cache(files, cache)
        results.extend(cached)
    # Building the rules (the spelling lexicon above all) is most of a small run: a run whose
    # files all come from the cache builds them only if cross-file rules need summaries.
    if not files and stdin is None and not _has_corpus_rules(rules):
        return _finish(None, results, timings, cache, compare)
    linter = DocumentLinter(rules)
    if cache is not None and linter.corpus_checks:
        for r in results:
            doc = read_document(r.path, None, encoding)
            if not isinstance(doc, FileError):
                r.collected = linter.collect(doc)
    if stdin is not None and "-" in paths:
        results.append(
            lint_one(linter, stdin[1], stdin[0], display=stdin[1], encoding=encoding, excerpts=excerpts)
        )
    want_digest = cache is not None
    total = len(files)
    split = _split_archives(files) if jobs > 1 else {}
    if jobs <= 1 or (total < POOL_THRESHOLD and not split):
        for i, path in enumerate(files, 1):
            results.append(
                lint_one(
                    linter,
                    path,
                    encoding=encoding,
                    want_digest=want_digest,
                    max_bytes=max_bytes,
                    excerpts=excerpts,
                    fields=fields,
                )
            )
            if progress:
                progress(i, total)
        timings = dict(linter.timings)
    else:
        import multiprocessing  # only a pool needs these (a pre-commit run on one file does not)
        from concurrent.futures import ProcessPoolExecutor

        fork = "fork" in multiprocessing.get_all_start_methods()
        if fork:
            # Workers inherit the lexicon and rules; freezing them keeps the collector from
            # walking (and so copying) those pages in every worker.
            gc.freeze()
        context = multiprocessing.get_context("fork" if fork else "spawn")
        _WORKER_LINTER = linter if fork else None
        whole = [p for p in files if p not in split]
        size = max(1, min(64, len(whole) // (jobs * 8)))
        chunks: list[list[str | Part]] = [[part] for parts in split.values() for part in parts]
        chunks += from_both_ends([list[str | Part](whole[i : i + size]) for i in range(0, len(whole), size)])
        total = len(chunks) if split else total
        done = 0
        with ProcessPoolExecutor(
            jobs,
            mp_context=context,
            initializer=_init_worker,
            initargs=(
                None if fork else list(rules),
                (encoding, want_digest, max_bytes, excerpts, fields or RecordFields()),
            ),
        ) as pool:
            if split:  # each range's first record number, from the ranges' record counts
                ranges = [part for parts in split.values() for part in parts]
                counts = dict(enumerate(pool.map(count_part, ranges)))
                chunks[: len(ranges)] = [[part] for part in numbered(ranges, counts)]
            pieces: list[FileResult] = []
            for chunk_results, spent in pool.map(_work, chunks):
                pieces.extend(chunk_results)
                for key, value in spent.items():
                    timings[key] = timings.get(key, 0.0) + value
                done += len(chunk_results) if not split else 1
                if progress:
                    progress(done, total)
            results.extend(_merged(pieces, set(split)))
        _WORKER_LINTER = None
        if fork:
            gc.unfreeze()  # the workers are gone: this process's objects are collectable again
    return _finish(linter, results, timings, cache, compare)


def _split_archives(files: Sequence[str]) -> dict[str, list[Part]]:
    """The uncompressed JSON Lines archives big enough to lint in byte ranges across the pool
    (a million records on one process took minutes), each with its ranges."""
    out: dict[str, list[Part]] = {}
    for path in files:
        if not path.lower().endswith((".jsonl", ".ndjson")):
            continue
        try:
            big = os.stat(path).st_size > SPLIT_ARCHIVE_BYTES
        except OSError:
            continue  # lint_one reports it
        if big:
            parts = plan([path], SPLIT_ARCHIVE_BYTES)
            if len(parts) > 1 and all(p.kind == "jsonl" for p in parts):
                out[path] = parts
    return out


def _merged(results: Sequence[FileResult], split: set[str]) -> list[FileResult]:
    """The results of an archive's ranges as one result per archive (records in any order:
    the run sorts them); other results as they are."""
    out: list[FileResult] = []
    whole: dict[str, FileResult] = {}
    for r in results:
        if r.path not in split:
            out.append(r)
            continue
        merged = whole.setdefault(r.path, FileResult(r.path))
        merged.findings.extend(r.findings)
        merged.records.extend(r.records)
        merged.record_errors.extend(r.record_errors)
        merged.error = merged.error or r.error
    return out + list(whole.values())


def is_corpus_rule(rule: Rule) -> bool:
    """Whether the rule compares the files of a run with each other."""
    kind = get_kind(rule.kind)
    return isinstance(kind, type) and issubclass(kind, CorpusKind)


def _has_corpus_rules(rules: Sequence[Rule]) -> bool:
    return any(is_corpus_rule(r) for r in rules)


def _finish(
    linter: DocumentLinter | None,
    results: list[FileResult],
    timings: dict[str, float],
    cache: ResultCache | None,
    compare: bool = True,
) -> RunResult:
    if cache is not None:
        for r in results:
            if r.digest is not None and r.error is None:
                cache.put(r.path, r.digest, r.findings)
        cache.save()
    findings = [f for r in results for f in r.findings]
    kept: dict[str, dict[str, Any]] = {}
    if linter is not None and linter.corpus_checks:
        summaries, places = corpus_items(results)
        if compare:
            findings.extend(in_records(linter.finish(summaries), places))
        else:
            kept = dict(summaries)
    errors = [r.error for r in results if r.error is not None]
    errors += [e for r in results for e in r.record_errors]
    errors.sort(key=lambda e: e.path)
    return RunResult(sorted(findings, key=Finding.sort_key), errors, len(results), timings, kept)


def corpus_items(
    results: Sequence[FileResult],
) -> tuple[list[tuple[str, dict[str, Any]]], dict[str, tuple[str, str, int]]]:
    """Each linted file's and record's summaries under one key (a record's is ``path#id``), and
    for the records' keys their (path, record id, record number)."""
    summaries: list[tuple[str, dict[str, Any]]] = []
    places: dict[str, tuple[str, str, int]] = {}
    for r in sorted(results, key=lambda r: r.path):  # the same order whatever the workers did
        if r.records:
            for rid, number, collected in sorted(r.records, key=lambda item: item[1]):
                key = f"{r.path}#{rid}"
                summaries.append((key, collected))
                places[key] = (r.path, rid, number)
        elif r.error is None:
            summaries.append((r.path, r.collected))
    return summaries, places


def in_records(findings: Iterable[Finding], places: dict[str, tuple[str, str, int]]) -> list[Finding]:
    """Cross-file findings on a record's key moved back to its archive path and record id."""
    out = []
    for f in findings:
        place = places.get(f.path)
        if place is not None:
            f = replace(f, path=place[0], record=place[1], record_number=place[2])
        out.append(f)
    return out


def _from_cache(files: list[str], cache: ResultCache) -> tuple[list[FileResult], list[str]]:
    """Results of the files the cache knows in their present state; the files left to lint.

    Archives and wire XML are always linted again (their findings carry more than a file's)."""
    hits: list[FileResult] = []
    left: list[str] = []
    for path in files:
        if is_archive(path) or is_wire_xml(path):
            left.append(path)
            continue
        try:
            with open(path, "rb") as handle:
                data = handle.read()
        except OSError:
            left.append(path)
            continue
        findings = cache.get(path, data)
        if findings is None:
            left.append(path)
        else:
            hits.append(FileResult(path, findings))
    return hits, left
