#!/usr/bin/env python3
"""Local engine vs Dask engine on a real folder: the same findings, as files and as an archive.

    python bench/engines_agree.py ../shared/corpus/dev [--workers 2] [--range-kib 64]

Lints the folder's ``*.txt`` articles with the local engine and with ``--engine dask`` on a
local cluster of ``--workers`` processes, first as files, then packed into one JSONL archive
(one record per article, ``id`` = file stem) cut into byte ranges of ``--range-kib`` KiB so that
several workers read parts of it.  The cross-file duplicate-lead rule is switched on, so the
cross-record join runs on both engines.  Prints the count of findings and errors of each run and
whether the sorted JSON findings are identical; exits 1 if any pair differs.  Needs the ``dask``
extra.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

from distributed import LocalCluster

import newslint.sources.partitions as partitions
from newslint.config.config import Settings
from newslint.engine.ruleset import resolve_rules
from newslint.run.lint import lint_paths

CROSS_FILE_RULE = "duplicate-lead-across-files"


def findings(paths: list[str], engine: str, scheduler: str | None = None) -> tuple[list[str], int]:
    """The run's findings as sorted JSON lines, and its error count."""
    settings = Settings(extend_select=(CROSS_FILE_RULE,))
    run = lint_paths(
        settings, paths, rules=resolve_rules(settings), engine=engine, scheduler=scheduler, jobs=1
    )
    lines = sorted(json.dumps(f.to_dict(), sort_keys=True) for f in run.result.findings)
    return lines, len(run.result.errors)


def pack(files: list[str], archive: Path) -> None:
    with archive.open("w", encoding="utf-8") as out:
        for name in files:
            text = Path(name).read_text(encoding="utf-8")
            out.write(json.dumps({"id": Path(name).stem, "text": text}) + "\n")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--range-kib", type=int, default=64)
    args = parser.parse_args()
    files = sorted(str(p) for p in args.folder.rglob("*.txt"))
    if not files:
        print(f"engines_agree: no *.txt articles in {args.folder}", file=sys.stderr)
        return 2
    partitions.RANGE_BYTES = args.range_kib * 1024
    differ = False
    with tempfile.TemporaryDirectory() as tmp:
        archive = Path(tmp) / "articles.jsonl"
        pack(files, archive)
        print(f"{len(files)} articles; archive cut into {len(partitions.plan([str(archive)]))} ranges")
        with LocalCluster(
            n_workers=args.workers, threads_per_worker=1, processes=True, dashboard_address=None
        ) as cluster:
            for name, paths in (("files", files), ("jsonl", [str(archive)])):
                local, local_errors = findings(paths, "local")
                dask, dask_errors = findings(paths, "dask", cluster.scheduler_address)
                same = local == dask and local_errors == dask_errors
                differ |= not same
                print(
                    f"{name}: local {len(local)} findings / {local_errors} errors, "
                    f"dask {len(dask)} / {dask_errors}, identical: {same}"
                )
    return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main())
