"""``check --engine dask``: the files and archive records of a run linted on a Dask cluster.

Work goes out in partitions: chunks of files, and chunks of records of each archive (read here,
so a worker needs no access to the archive's folder).  Each worker builds the rules once and
keeps them for every partition of the run; results come back as the local engine's, and the
cross-file rules compare them here, so findings are the same as the local engine's after sorting.
Progress is Dask's own (``distributed.progress``).  Dask is an optional extra.
"""

from __future__ import annotations

import hashlib
import pickle
from collections.abc import Sequence
from typing import Any

from newslint.engine import Linter
from newslint.errors import NewslintError
from newslint.files import DEFAULT_MAX_BYTES
from newslint.minhash import band_keys, pairs_in_bucket
from newslint.records import Record, RecordError, RecordFields, is_archive, read_records
from newslint.rules import Rule
from newslint.runner import FileResult, RunResult, _finish, is_corpus_rule, lint_one, lint_records

#: files per partition, and records per partition of an archive
FILES_PER_PART = 32
RECORDS_PER_PART = 500

#: per worker process: the Linter of each rule set it has been sent (built once per run)
_LINTERS: dict[str, Linter] = {}

Unit = tuple[str, Any]  # ("files", [paths]) | ("records", (path, [items])) | ("stdin", (bytes, name))


def need_dask() -> Any:
    try:
        import distributed
    except ImportError:
        raise NewslintError("--engine dask needs Dask: pip install 'newslint[dask]'") from None
    return distributed


def _linter(key: str, rules: bytes) -> Linter:
    linter = _LINTERS.get(key)
    if linter is None:
        linter = _LINTERS[key] = Linter(pickle.loads(rules))
    return linter


def lint_unit(
    unit: Unit, key: str, rules: bytes, setup: tuple[str | None, int, bool, RecordFields]
) -> list[FileResult]:
    """One partition, on a worker."""
    linter = _linter(key, rules)
    encoding, max_bytes, excerpts, fields = setup
    what, payload = unit
    if what == "records":
        path, items = payload
        return [lint_records(linter, path, items, excerpts=excerpts)]
    if what == "stdin":
        data, name = payload
        return [lint_one(linter, name, data, display=name, encoding=encoding, excerpts=excerpts)]
    return [
        lint_one(linter, p, encoding=encoding, max_bytes=max_bytes, excerpts=excerpts, fields=fields)
        for p in payload
    ]


def units_of(
    files: Sequence[str], fields: RecordFields, stdin: tuple[bytes, str] | None
) -> tuple[list[Unit], list[FileResult]]:
    """The run's partitions, and the archives that could not be read at all."""
    units: list[Unit] = []
    broken: list[FileResult] = []
    plain = [p for p in files if p != "-" and not is_archive(p)]
    units += [("files", plain[i : i + FILES_PER_PART]) for i in range(0, len(plain), FILES_PER_PART)]
    for path in (p for p in files if is_archive(p)):
        items: list[Record | RecordError] = []
        try:
            for item in read_records(path, fields):
                items.append(item)
                if len(items) == RECORDS_PER_PART:
                    units.append(("records", (path, items)))
                    items = []
        except NewslintError as exc:
            from newslint.findings import FileError

            broken.append(FileResult(path, error=FileError(path, exc.message)))
        if items:
            units.append(("records", (path, items)))
    if stdin is not None and "-" in files:
        units.append(("stdin", stdin))
    return units, broken


def merged(results: Sequence[FileResult]) -> list[FileResult]:
    """One result a file: an archive's partitions joined again."""
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


def client_for(scheduler: str | None, workers: int | None = None) -> Any:
    """A client of the cluster at ``scheduler``, or of a new local cluster of processes."""
    distributed = need_dask()
    if scheduler:
        try:
            return distributed.Client(scheduler, timeout="20s")
        except (OSError, TimeoutError) as exc:
            raise NewslintError(f"cannot reach the Dask scheduler at {scheduler}: {exc}") from None
    from newslint.runner import default_jobs

    cluster = distributed.LocalCluster(
        n_workers=workers or default_jobs(), threads_per_worker=1, processes=True, dashboard_address=None
    )
    return distributed.Client(cluster)


def run_dask(
    files: Sequence[str],
    rules: Sequence[Rule],
    *,
    scheduler: str | None = None,
    workers: int | None = None,
    stdin: tuple[bytes, str] | None = None,
    encoding: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    excerpts: bool = False,
    compare: bool = True,
    fields: RecordFields | None = None,
    progress: bool = False,
) -> RunResult:
    """Lint ``files`` on a Dask cluster; the result is what :func:`newslint.runner.run` gives."""
    fields = fields or RecordFields()
    units, broken = units_of(files, fields, stdin)
    blob = pickle.dumps(list(rules))
    key = hashlib.sha256(blob).hexdigest()
    setup = (encoding, max_bytes, excerpts, fields)
    client = client_for(scheduler, workers)
    try:
        shared = client.scatter(blob, broadcast=True)  # the rules go to each worker once
        futures = [
            client.submit(lint_unit, unit, key, shared, setup, key=f"newslint-{key[:12]}-{i}", pure=False)
            for i, unit in enumerate(units)
        ]
        if progress:
            need_dask().progress(futures)
        parts = client.gather(futures)
        results = merged([r for part in parts for r in part]) + broken
        corpus = [r for r in rules if is_corpus_rule(r)]
        linter = Linter(corpus) if corpus else None
        for _, kind in linter.corpus_checks if linter is not None else ():
            kind.band_join = lambda items, threshold: band_join(client, items, threshold)
        return _finish(linter, results, {}, None, compare)
    finally:
        cluster = client.cluster if not scheduler else None
        client.close()
        if cluster is not None:
            cluster.close()


#: signatures per partition of the band join
JOIN_PART = 20_000


def band_join(client: Any, items: Sequence[tuple[int, bytes]], threshold: float) -> set[tuple[int, int]]:
    """(earlier, later) items sharing an LSH band, joined on the cluster: each partition turns its
    signatures into (band key, item) rows, a shuffle on the band key brings each bucket into one
    partition, and each partition gives its buckets' pairs.  The work grows with the number of
    items (and the pairs found), not with its square.  Band keys travel as 64-bit hashes: a
    collision only adds a candidate, which the exact score then judges (odds about n² / 2⁶⁴)."""
    import dask.dataframe as dd
    from dask.delayed import delayed

    if len(items) < 2:
        return set()
    chunks = [list(items[i : i + JOIN_PART]) for i in range(0, len(items), JOIN_PART)]
    scattered = client.scatter(chunks)  # the signatures go to the workers once, not in the graph
    meta = _pairs_frame([])
    frames = [delayed(_band_rows)(chunk, threshold) for chunk in scattered]
    rows = dd.from_delayed(frames, meta=_band_rows([], threshold))
    shuffled = rows.shuffle("band", npartitions=max(2, len(chunks)))
    pairs = shuffled.map_partitions(_partition_pairs, meta=meta)
    found = client.compute(pairs).result()
    return set(zip(found["earlier"].tolist(), found["later"].tolist(), strict=True))


def _band_key(key: bytes) -> int:
    return int.from_bytes(hashlib.blake2b(key, digest_size=8).digest(), "little", signed=True)


def _band_rows(chunk: Sequence[tuple[int, bytes]], threshold: float) -> Any:
    import pandas as pd

    bands = [_band_key(k) for _, signature in chunk for k in band_keys(signature, threshold)]
    per = len(band_keys(chunk[0][1], threshold)) if chunk else 0
    owners = [item for item, _ in chunk for _ in range(per)]
    return pd.DataFrame({"band": pd.Series(bands, dtype="int64"), "item": pd.Series(owners, dtype="int64")})


def _pairs_frame(pairs: list[tuple[int, int]]) -> Any:
    import pandas as pd

    return pd.DataFrame(
        {
            "earlier": pd.Series([p[0] for p in pairs], dtype="int64"),
            "later": pd.Series([p[1] for p in pairs], dtype="int64"),
        }
    )


def _partition_pairs(frame: Any) -> Any:
    pairs: set[tuple[int, int]] = set()
    for _, members in frame.groupby("band")["item"]:
        if len(members) > 1:
            pairs.update(pairs_in_bucket(members.tolist()))
    return _pairs_frame(sorted(pairs))
