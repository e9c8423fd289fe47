"""``check --engine dask``: the files and archive records of a run linted on a Dask cluster.

Work goes out as :mod:`newslint.sources.partitions` descriptions (file paths, JSONL byte ranges,
Parquet row groups): each worker opens and reads its own, so the archive never passes through
the driver's memory or the network (workers must see the files at the same paths).  Each
worker builds the rules once and keeps them for every partition of the run; results come back
as the local engine's, and the cross-file rules compare them here, so findings are the same as
the local engine's after sorting.  Progress is Dask's own (``distributed.progress``).  Dask is
an optional extra.
"""

from __future__ import annotations

import hashlib
import pickle
from collections.abc import Sequence
from typing import Any

from newslint.core.errors import NewslintError
from newslint.duplicates.minhash import band_keys, pairs_in_bucket
from newslint.engine.engine import DocumentLinter
from newslint.engine.rules import Rule
from newslint.run.runner import FileResult, RunResult, _finish, is_corpus_rule, lint_one, lint_records
from newslint.sources.files import DEFAULT_MAX_BYTES
from newslint.sources.partitions import Part, count_part, numbered, part_records, plan
from newslint.sources.records import RecordFields

#: per worker process: the DocumentLinter of each rule set it has been sent (built once, kept for
#: later runs on the same cluster; the oldest goes when more rule sets than this are kept)
_LINTERS: dict[str, DocumentLinter] = {}
KEEP_LINTERS = 4
#: per worker process: how many times each rule set was built (the tests check it is once)
BUILT: dict[str, int] = {}

_Setup = tuple[str | None, int, bool, RecordFields]


def need_dask() -> Any:
    try:
        import distributed
    except ImportError:
        raise NewslintError("--engine dask needs Dask: pip install 'newslint[dask]'") from None
    return distributed


def worker_linter(key: str, rules: bytes) -> DocumentLinter:
    """The worker's DocumentLinter for the rule set ``key``, built on its first partition and kept."""
    linter = _LINTERS.get(key)
    if linter is None:
        while len(_LINTERS) >= KEEP_LINTERS:
            del _LINTERS[next(iter(_LINTERS))]
        linter = _LINTERS[key] = DocumentLinter(pickle.loads(rules))
        BUILT[key] = BUILT.get(key, 0) + 1
    return linter


def lint_part(part: Part, key: str, rules: bytes, setup: _Setup) -> list[FileResult]:
    """One partition, on a worker: it reads the files or records the part describes."""
    linter = worker_linter(key, rules)
    encoding, max_bytes, excerpts, fields = setup
    if part.kind == "stdin":
        assert part.data is not None
        return [
            lint_one(linter, part.path, part.data, display=part.path, encoding=encoding, excerpts=excerpts)
        ]
    if part.kind == "files":
        return [
            lint_one(linter, source, display=p, encoding=encoding, max_bytes=max_bytes, excerpts=excerpts)
            for p, source in zip(part.paths, part.sources, strict=True)
        ]
    return [lint_records(linter, part.path, part_records(part, fields), excerpts=excerpts)]


def parts_of(client: Any, files: Sequence[str], stdin: tuple[bytes, str] | None) -> list[Part]:
    """The run's partitions, JSONL ranges numbered (their records counted on the workers)."""
    parts = plan(files)
    ranges = [i for i, p in enumerate(parts) if p.kind == "jsonl"]
    if ranges:
        counted = client.gather(client.map(count_part, [parts[i] for i in ranges], pure=False))
        parts = numbered(parts, dict(zip(ranges, counted, strict=True)))
    if stdin is not None and "-" in files:
        parts.append(Part("stdin", stdin[1], data=stdin[0]))
    return parts


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
        from distributed.comm.addressing import parse_address, parse_host_port

        try:
            protocol, where = parse_address(scheduler)
            if protocol in ("tcp", "tls"):
                parse_host_port(where)
        except ValueError as exc:
            raise NewslintError(f"--scheduler: not a Dask scheduler address: {exc}") from None
        try:
            return distributed.Client(scheduler, timeout="20s")
        except (OSError, TimeoutError) as exc:
            raise NewslintError(f"cannot reach the Dask scheduler at {scheduler}: {exc}") from None
        except Exception as exc:  # whatever answered there spoke something else: its bytes decide
            raise NewslintError(
                f"{scheduler} did not answer as a Dask scheduler ({type(exc).__name__}: {exc})"
            ) from None
    from newslint.run.runner import default_jobs

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
    """Lint ``files`` on a Dask cluster; the result is what :func:`newslint.run.runner.run` gives."""
    fields = fields or RecordFields()
    blob = pickle.dumps(list(rules))
    key = hashlib.sha256(blob).hexdigest()
    setup = (encoding, max_bytes, excerpts, fields)
    client = client_for(scheduler, workers)
    try:
        parts = parts_of(client, files, stdin)
        shared = client.scatter(blob, broadcast=True)  # the rules go to each worker once
        futures = [
            client.submit(lint_part, part, key, shared, setup, key=f"newslint-{key[:12]}-{i}", pure=False)
            for i, part in enumerate(parts)
        ]
        if progress:
            need_dask().progress(futures)
        results = merged([r for part in client.gather(futures) for r in part])
        corpus = [r for r in rules if is_corpus_rule(r)]
        linter = DocumentLinter(corpus) if corpus else None
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


def band_key(key: bytes) -> int:
    """A band key as a 64-bit integer (a cheap shuffle key)."""
    return int.from_bytes(hashlib.blake2b(key, digest_size=8).digest(), "little", signed=True)


def _band_rows(chunk: Sequence[tuple[int, bytes]], threshold: float) -> Any:
    import pandas as pd

    bands = [band_key(k) for _, signature in chunk for k in band_keys(signature, threshold)]
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
