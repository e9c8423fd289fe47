"""Running a DocumentLinter over many files: in-process for a few, a process pool for many.

Each path's documents come from :mod:`newslint.sources.formats` (a text file, a wire XML
article, an archive's records), read once.  Workers are started once and fed chunks of paths;
each builds (or, with fork, inherits) the DocumentLinter once and gets the run's
:class:`~newslint.run.settings.RunSettings` pickled.  Results come back in any order and are
sorted by :func:`~newslint.run.results.finish_run`, so output is the same whatever ``jobs`` is.
"""

from __future__ import annotations

import gc
import os
from collections.abc import Iterable, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING, TypeVar

from newslint.core.document import Document
from newslint.core.findings import FileError
from newslint.engine.engine import DocumentLinter
from newslint.engine.rules import Rule
from newslint.kinds import CorpusKind, get_kind
from newslint.run.results import FileResult, Linted, merged
from newslint.run.settings import RunSettings
from newslint.sources.excerpts import lines_of, with_excerpts
from newslint.sources.files import read_bytes, read_document
from newslint.sources.formats import SourceDocument, documents_of, format_of, records_as_documents
from newslint.sources.partitions import RANGE_BYTES, Part, count_part, numbered, part_records, plan
from newslint.sources.records import Record, RecordError

if TYPE_CHECKING:
    from newslint.run.result_cache import ResultCache

#: below this many files a pool costs more than it saves
POOL_THRESHOLD = 24
#: an uncompressed JSON Lines archive larger than this is linted in ranges of this many bytes across the pool
SPLIT_ARCHIVE_BYTES = RANGE_BYTES

#: the settings of a lint that asks for nothing more than findings
PLAIN = RunSettings()

#: a file to lint, with its bytes when the run has read them already (the result cache did)
Work = tuple[str, bytes | None]


def lint_one(
    linter: DocumentLinter,
    path: str,
    settings: RunSettings,
    data: bytes | None = None,
    display: str | None = None,
) -> FileResult:
    """The findings of the file at ``path`` (or of its ``data``, already read), named ``display``
    if given: its one document, or each record of an archive."""
    sources = documents_of(
        path,
        data,
        display=display,
        encoding=settings.encoding,
        max_bytes=settings.max_bytes,
        fields=settings.fields,
    )
    return lint_documents(linter, display or path, sources, settings)


def lint_documents(
    linter: DocumentLinter, path: str, sources: Iterable[SourceDocument | FileError], settings: RunSettings
) -> FileResult:
    """One path's documents (or errors in their place) linted into one result."""
    out = FileResult(path)
    for source in sources:
        if isinstance(source, FileError):
            if source.record is not None:
                out.record_errors.append(source)
            else:
                out.error = source
            continue
        doc = source.document
        collected = linter.collect(doc) if linter.corpus_checks else {}
        findings = linter.lint(doc)
        if settings.excerpts:
            findings = with_excerpts(doc, findings)
        out.findings.extend(source.in_source(findings))
        if source.record is not None:
            out.records.append((source.record.id, source.record.number, collected))
            continue
        out.path, out.collected = doc.path, collected
        if settings.snippets:
            out.lines = source.source_lines()
        if settings.cache and source.data is not None:
            from newslint.run.result_cache import digest

            out.digest = digest(source.data)
    return out


def lint_record(
    linter: DocumentLinter, path: str, record: Record, settings: RunSettings = PLAIN
) -> FileResult:
    """One record of an archive: findings located in the record's text, tagged with its id."""
    return lint_documents(linter, path, records_as_documents(path, [record]), settings)


def lint_records(
    linter: DocumentLinter, path: str, items: Iterable[Record | RecordError], settings: RunSettings = PLAIN
) -> FileResult:
    """Records (or errors in their place) of the archive ``path``, merged into one result."""
    return lint_documents(linter, path, records_as_documents(path, items), settings)


_Item = TypeVar("_Item")
_WORKER_LINTER: DocumentLinter | None = None
#: the run's settings, as sent to each worker
_WORKER_SETTINGS = PLAIN


def _init_worker(rules: Sequence[Rule] | None, settings: RunSettings) -> None:
    global _WORKER_LINTER, _WORKER_SETTINGS
    _WORKER_SETTINGS = settings
    if rules is not None:  # spawn: build here; fork: inherited from the parent
        _WORKER_LINTER = DocumentLinter(rules)
    elif _WORKER_LINTER is not None:
        _WORKER_LINTER.timings.clear()


def _work(items: list[Work | Part]) -> tuple[list[FileResult], dict[str, float]]:
    assert _WORKER_LINTER is not None
    before = dict(_WORKER_LINTER.timings)
    settings = _WORKER_SETTINGS
    results = [
        lint_records(_WORKER_LINTER, item.path, part_records(item, settings.fields), settings)
        if isinstance(item, Part)
        else lint_one(_WORKER_LINTER, item[0], settings, item[1])
        for item in items
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
    settings: RunSettings,
    *,
    stdin: tuple[bytes, str] | None = None,
    cache: ResultCache | None = None,
) -> Linted:
    """Lint ``paths`` (``-`` means ``stdin``: its bytes and the name to report) as ``settings`` say;
    :func:`newslint.run.results.finish_run` then compares the files and builds the result.

    With a ``cache``, files whose bytes are unchanged take their findings from it (only their
    corpus summaries are computed again, from the bytes the cache check read) and the others'
    findings are stored in it.
    """
    global _WORKER_LINTER
    jobs = settings.jobs or default_jobs()
    results: list[FileResult] = []
    timings: dict[str, float] = {}
    work: list[Work] = [(p, None) for p in paths if p != "-"]
    # Building the rules (the spelling lexicon above all) is most of a small run: a run whose
    # files all come from the cache builds them only if cross-file rules need summaries.
    linter = DocumentLinter(rules) if _has_corpus_rules(rules) else None
    if cache is not None:
        cached, work = _from_cache(work, cache, settings, linter)
        results.extend(cached)
    if not work and stdin is None:
        if cache is not None:
            _store([], cache)
        return Linted(results, linter, dict(linter.timings) if linter is not None else {})
    linter = linter or DocumentLinter(rules)
    if stdin is not None and "-" in paths:
        # never cached: standard input has no path to keep its findings under
        results.append(lint_one(linter, stdin[1], replace(settings, cache=False), stdin[0], display=stdin[1]))
    total = len(work)
    fresh: list[FileResult] = []
    split = _split_archives([path for path, _ in work]) if jobs > 1 else {}
    if jobs <= 1 or (total < POOL_THRESHOLD and not split):
        for i, (path, data) in enumerate(work, 1):
            fresh.append(lint_one(linter, path, settings, data))
            if settings.progress:
                settings.progress(i, total)
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
        whole = [item for item in work if item[0] not in split]
        size = max(1, min(64, len(whole) // (jobs * 8)))
        chunks: list[list[Work | Part]] = [[part] for parts in split.values() for part in parts]
        chunks += from_both_ends([list[Work | Part](whole[i : i + size]) for i in range(0, len(whole), size)])
        total = len(chunks) if split else total
        done = 0
        with ProcessPoolExecutor(
            jobs,
            mp_context=context,
            initializer=_init_worker,
            initargs=(None if fork else list(rules), settings.for_workers()),
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
                if settings.progress:
                    settings.progress(done, total)
            fresh.extend(merged(pieces))  # an archive's ranges joined again
        _WORKER_LINTER = None
        if fork:
            gc.unfreeze()  # the workers are gone: this process's objects are collectable again
    if cache is not None:
        _store(fresh, cache)
    return Linted(results + fresh, linter, timings)


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


def is_corpus_rule(rule: Rule) -> bool:
    """Whether the rule compares the files of a run with each other."""
    kind = get_kind(rule.kind)
    return isinstance(kind, type) and issubclass(kind, CorpusKind)


def _has_corpus_rules(rules: Sequence[Rule]) -> bool:
    return any(is_corpus_rule(r) for r in rules)


def _store(results: Iterable[FileResult], cache: ResultCache) -> None:
    """Keep the findings of the files linted afresh (those with the digest of their bytes)."""
    for r in results:
        if r.digest is not None and r.error is None:
            cache.put(r.path, r.digest, r.findings)
    cache.save()


def _from_cache(
    work: list[Work], cache: ResultCache, settings: RunSettings, linter: DocumentLinter | None
) -> tuple[list[FileResult], list[Work]]:
    """Results of the files the cache knows in their present state (or cannot read now); the
    files left to lint.

    Only a file the cache has an entry for is read here (once, bounded by ``max_bytes``): a hit's
    bytes give its corpus summaries and source lines, a changed file's go on to be linted.
    Archives and wire XML are always linted again (their findings carry more than a file's)."""
    hits: list[FileResult] = []
    left: list[Work] = []
    for path, _ in work:
        if format_of(path) != "text" or path not in cache.entries:
            left.append((path, None))
            continue
        data = read_bytes(path, settings.max_bytes)
        if isinstance(data, FileError):
            hits.append(FileResult(path, error=data))  # as linting it would report it
            continue
        findings = cache.get(path, data)
        if findings is None:
            left.append((path, data))
            continue
        hit = FileResult(path, findings)
        if linter is not None or settings.snippets:
            doc = read_document(path, data, settings.encoding, settings.max_bytes)
            if isinstance(doc, Document):
                hit.collected = linter.collect(doc) if linter is not None else {}
                hit.lines = lines_of(doc) if settings.snippets else ()
        hits.append(hit)
    return hits, left
