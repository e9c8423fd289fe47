#!/usr/bin/env python3
"""Speed of this checkout against an earlier commit, both sides interleaved in one run.

    python bench/compare_speed.py REF [--runs 5] [--corpus DIR]

Exports ``REF`` (``git archive``) to a temporary folder and times ``python -m newslint check
--no-cache --jobs 1`` from there and from this checkout, alternating old and new on one article
(start-up) and on the corpus (``/work/shared/bench/bbc`` by default), each side with its own
cache folder (so the rule cache is warm on both after the uncounted first round).  Prints
median wall and CPU times and new/old ratios: machines are shared and noisy, so compare ratios
from one run (CPU time moves least with the load).
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent.parent


def export(ref: str, into: Path) -> None:
    archive = subprocess.run(["git", "-C", str(HERE), "archive", ref], capture_output=True, check=True)
    tar = into / "src.tar"
    tar.write_bytes(archive.stdout)
    with tarfile.open(tar) as t:
        t.extractall(into / "src", filter="data")


def _children_cpu() -> float:
    """User and system CPU seconds of finished child processes (load on the machine barely moves it)."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("ref", help="the commit to compare with (e.g. main)")
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--corpus", type=Path, default=Path("/work/shared/bench/bbc"))
    args = ap.parse_args()
    one = sorted(args.corpus.rglob("*.txt"))[:1]
    if not one:
        sys.exit(f"no *.txt in {args.corpus}")
    with tempfile.TemporaryDirectory() as tmp:
        export(args.ref, Path(tmp))
        sides = {
            "old": {"PYTHONPATH": f"{tmp}/src", "NEWSLINT_CACHE_DIR": f"{tmp}/cache-old"},
            "new": {"PYTHONPATH": str(HERE), "NEWSLINT_CACHE_DIR": f"{tmp}/cache-new"},
        }
        for name, paths in (("one article", [one[0]]), (args.corpus.name, [args.corpus])):
            times: dict[str, list[float]] = {side: [] for side in sides}
            cpu: dict[str, list[float]] = {side: [] for side in sides}
            for round_ in range(args.runs + 1):  # round 0 warms the caches and is not counted
                for side, env in sides.items():
                    command = [sys.executable, "-m", "newslint", "check", "--no-cache", "--jobs", "1"]
                    start, used = time.perf_counter(), _children_cpu()
                    subprocess.run(
                        [*command, "--format", "json", *map(str, paths)],
                        env={**os.environ, **env},
                        stdout=subprocess.DEVNULL,
                        stderr=subprocess.DEVNULL,
                        check=False,
                    )
                    if round_:
                        times[side].append(time.perf_counter() - start)
                        cpu[side].append(_children_cpu() - used)
            old, new = statistics.median(times["old"]), statistics.median(times["new"])
            ratio = new / old
            print(f"{name}: old {old:.3f} s, new {new:.3f} s, new/old {ratio:.3f} (median of {args.runs})")
            old, new = statistics.median(cpu["old"]), statistics.median(cpu["new"])
            print(f"{name}: CPU old {old:.3f} s, new {new:.3f} s, new/old {new / old:.3f} (less noisy)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
