#!/usr/bin/env python3
"""Corpus-scale benchmark: records vs files, Dask 2 workers vs 1, the cross-record lead join.

    python bench/corpus_scale.py                       # ../shared/bench/bbc, all measurements
    python bench/corpus_scale.py --corpus DIR --scale 10 --join-scales 10,100 --runs 2
    nice -n 10 python bench/corpus_scale.py --skip records,dask,join --full 100 [--limit N]

Builds the BBC corpus packed as JSON Lines at 1x and ``--scale``x in a temporary folder (the
copies beyond the first are synthetic: each article's words perturbed by a seeded generator,
one copy in a hundred lightly, as a refiled story, the rest heavily).  Measures, with both
sides of each comparison interleaved in one run (the machine is shared: compare ratios):

1. local engine, one process: articles a second linted as files vs as JSONL records (1x);
2. ``--engine dask`` on a local cluster of 2 workers vs 1 at ``--scale``x (rules loaded once per
   worker), with each worker's peak memory;
3. the cross-record lead join alone (MinHash signatures given, LSH bands joined) at each of
   ``--join-scales``: in memory and as the Dask shuffle join, and the growth between scales.
   Signatures of the copies are perturbed signatures of the originals' leads (each hash
   value replaced at random with the copy's perturbation rate), so only the join is timed;
4. with ``--full S``: the whole S x archive (or its first ``--limit`` records) linted with
   ``--engine dask`` on 2 workers: records a second and each worker's peak memory.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
DEFAULT_CORPUS = HERE.parent.parent / "shared" / "bench" / "bbc"
LIGHT, HEAVY = 0.03, 0.6  # share of words (or hash values) a light or heavy copy changes
LIGHT_EVERY = 100  # one copy in this many is a light one (a refiled story)


def articles(corpus: Path) -> list[tuple[str, str]]:
    return [
        (str(p.relative_to(corpus)), p.read_text(encoding="utf-8", errors="replace"))
        for p in sorted(corpus.rglob("*.txt"))
    ]


def perturb(text: str, rate: float, rng: random.Random, vocabulary: list[str]) -> str:
    lines = []
    for line in text.split("\n"):
        words = line.split(" ")
        lines.append(" ".join(rng.choice(vocabulary) if w and rng.random() < rate else w for w in words))
    return "\n".join(lines)


def pack(items: list[tuple[str, str]], scale: int, path: Path) -> int:
    vocabulary = sorted({w for _, t in items for w in t.split() if w.isalpha()})
    count = 0
    with path.open("w", encoding="utf-8") as out:
        for copy in range(scale):
            for i, (name, text) in enumerate(items):
                if copy:
                    rng = random.Random(copy * 1_000_003 + i)
                    rate = LIGHT if (copy * len(items) + i) % LIGHT_EVERY == 0 else HEAVY
                    text = perturb(text, rate, rng, vocabulary)
                out.write(json.dumps({"id": f"{copy}/{name}", "text": text}, ensure_ascii=False) + "\n")
                count += 1
    return count


def timed(cmd: list[str]) -> float:
    started = time.perf_counter()
    done = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    if done.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(cmd)} failed: {done.stderr[-2000:]}")
    return time.perf_counter() - started


def newslint(*args: str) -> list[str]:
    return [sys.executable, "-m", "newslint", "check", "--isolated", "--no-cache", "-q", "-f", "jsonl", *args]


def records_vs_files(corpus: Path, archive: Path, n: int, runs: int) -> None:
    files, records = [], []
    for _ in range(runs):  # interleaved
        files.append(timed(newslint("-j", "1", str(corpus))))
        records.append(timed(newslint("-j", "1", str(archive))))
    f, r = statistics.median(files), statistics.median(records)
    print(f"records vs files, local engine, 1 process, {n} articles, median of {runs}:")
    print(f"  files   {f:7.1f} s  {n / f:7.1f} articles/s")
    print(f"  records {r:7.1f} s  {n / r:7.1f} articles/s  (records/files throughput {f / r:.3f})")


def dask_workers(archive: Path, n: int, runs: int) -> None:
    from distributed import Client, LocalCluster

    from newslint.config.config import Settings
    from newslint.engine.ruleset import resolve_rules
    from newslint.run.dask_engine import run_dask
    from newslint.sources.records import RecordFields

    rules = resolve_rules(Settings())
    times: dict[int, list[float]] = {1: [], 2: []}
    peaks: dict[int, list[float]] = {1: [], 2: []}
    local: list[float] = []
    for _ in range(runs):
        local.append(timed(newslint("-j", "1", str(archive))))  # the reference: one local process
        for workers in (2, 1):  # interleaved
            with LocalCluster(
                n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None
            ) as cluster:
                started = time.perf_counter()
                run_dask([str(archive)], rules, scheduler=cluster.scheduler_address, fields=RecordFields())
                times[workers].append(time.perf_counter() - started)
                with Client(cluster) as client:
                    rss = client.run(lambda: resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
                peaks[workers].append(max(rss.values()) / 1024)
    one, two = statistics.median(times[1]), statistics.median(times[2])
    print(f"--engine dask on {n} records, median of {runs} (cluster start not counted):")
    print(f"  1 worker  {one:7.1f} s  {n / one:7.1f} records/s  peak worker RSS {max(peaks[1]):.0f} MB")
    print(f"  2 workers {two:7.1f} s  {n / two:7.1f} records/s  peak worker RSS {max(peaks[2]):.0f} MB")
    print(f"  speed-up 2 vs 1: {one / two:.2f}x")
    ref = statistics.median(local)
    print(
        f"  (local engine, 1 process, same archive, start-up included: {ref:.1f} s, {n / ref:.1f} records/s;"
        f" 1 Dask worker / local time {one / ref:.2f})"
    )


def full_lint(archive: Path, n: int, workers: int) -> None:
    """The whole archive through ``--engine dask``: records a second, each worker's peak memory."""
    from distributed import Client, LocalCluster

    from newslint.config.config import Settings
    from newslint.engine.ruleset import resolve_rules
    from newslint.run.dask_engine import run_dask
    from newslint.sources.records import RecordFields

    rules = resolve_rules(Settings())
    with LocalCluster(
        n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None
    ) as cluster:
        started = time.perf_counter()
        result = run_dask([str(archive)], rules, scheduler=cluster.scheduler_address, fields=RecordFields())
        spent = time.perf_counter() - started
        with Client(cluster) as client:
            rss = client.run(lambda: resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
    driver = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    peaks = ", ".join(f"{v / 1024:.0f}" for v in rss.values())
    print(f"--engine dask, {workers} workers, {n} records ({archive.stat().st_size / 1e6:.0f} MB of JSONL):")
    print(
        f"  {spent:7.1f} s  {n / spent:7.1f} records/s  "
        f"{len(result.findings)} findings, {len(result.errors)} errors"
    )
    print(f"  peak worker RSS (MB): {peaks}; driver (this process) {driver:.0f} MB")


def head(archive: Path, limit: int, out: Path) -> int:
    """The first ``limit`` records of ``archive`` as their own archive."""
    count = 0
    with archive.open("rb") as source, out.open("wb") as sink:
        for line in source:
            if count == limit:
                break
            sink.write(line)
            count += 1
    return count


def join_signatures(items: list[tuple[str, str]], scale: int) -> list[tuple[int, bytes]]:
    from newslint.core.document import Document
    from newslint.kinds.duplicate_corpus import summarise

    base = []
    for name, text in items:
        summary = summarise(Document(name, text), 8)
        if summary is not None:
            base.append(summary.signature)
    out: list[tuple[int, bytes]] = []
    for copy in range(scale):
        for i, signature in enumerate(base):
            if copy:
                rng = random.Random(copy * 1_000_003 + i)
                rate = LIGHT if (copy * len(base) + i) % LIGHT_EVERY == 0 else HEAVY
                values = bytearray(signature)
                for v in range(0, len(values), 4):
                    if rng.random() < rate:
                        values[v : v + 4] = rng.getrandbits(32).to_bytes(4, "little")
                signature = bytes(values)
            out.append((len(out), signature))
    return out


def join_growth(items: list[tuple[str, str]], scales: list[int]) -> None:
    from distributed import Client, LocalCluster

    from newslint.duplicates.minhash import LSHBuckets
    from newslint.run.dask_engine import band_join

    print("cross-record lead join (signatures given), LSH threshold 0.5:")
    results: dict[int, tuple[float, float, int]] = {}
    cluster = LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None)
    with cluster, Client(cluster) as client:
        for scale in scales:
            signed = join_signatures(items, scale)
            started = time.perf_counter()
            buckets = LSHBuckets(0.5)
            pairs = 0
            for i, signature in signed:
                pairs += len(buckets.candidates(signature))
                buckets.add(i, signature)
            memory = time.perf_counter() - started
            started = time.perf_counter()
            joined = band_join(client, signed, 0.5)
            shuffled = time.perf_counter() - started
            assert len(joined) == pairs, (len(joined), pairs)
            results[scale] = (memory, shuffled, pairs)
            print(
                f"  {scale:>4}x {len(signed):>8} leads  in memory {memory:7.2f} s  "
                f"dask shuffle {shuffled:7.2f} s  candidate pairs {pairs}"
            )
    if len(scales) >= 2:
        a, b = scales[0], scales[-1]
        print(
            f"  growth {a}x -> {b}x ({b / a:.0f}x the leads): in memory "
            f"{results[b][0] / results[a][0]:.1f}x, dask shuffle {results[b][1] / results[a][1]:.1f}x"
        )


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--scale", type=int, default=10, help="the Dask comparison's scale")
    parser.add_argument("--join-scales", default="10,100")
    parser.add_argument("--runs", type=int, default=1)
    parser.add_argument("--skip", default="", help="comma-separated: records, dask, join")
    parser.add_argument("--full", type=int, default=0, help="lint the whole archive of this scale (dask)")
    parser.add_argument("--limit", type=int, default=0, help="with --full: only its first N records")
    parser.add_argument("--workers", type=int, default=2, help="with --full: Dask workers")
    args = parser.parse_args()
    skip = set(filter(None, args.skip.split(",")))
    items = articles(args.corpus)
    if not items:
        parser.error(f"no *.txt articles in {args.corpus} (give --corpus)")
    with tempfile.TemporaryDirectory() as tmp:
        if "records" not in skip:
            one = Path(tmp) / "bbc-1x.jsonl"
            records_vs_files(args.corpus, one, pack(items, 1, one), args.runs)
        if "dask" not in skip:
            many = Path(tmp) / f"bbc-{args.scale}x.jsonl"
            dask_workers(many, pack(items, args.scale, many), args.runs)
        if "join" not in skip:
            join_growth(items, [int(s) for s in args.join_scales.split(",")])
        if args.full:
            archive = Path(tmp) / f"bbc-{args.full}x.jsonl"
            n = pack(items, args.full, archive)
            if args.limit:
                n = head(archive, args.limit, Path(tmp) / "slice.jsonl")
                archive = Path(tmp) / "slice.jsonl"
            full_lint(archive, n, args.workers)
    print(f"(cores: {len(os.sched_getaffinity(0))})")


if __name__ == "__main__":
    main()
