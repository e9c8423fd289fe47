#!/usr/bin/env python3
"""Off-topic and duplicate findings on real extractor output: recall by block kind, misses, false alarms.

    python bench/junk_blocks.py [SPLIT] [--category C] [--show N] [--rules a,b]

Runs ``newslint check --no-cache --format json`` (the ``newslint`` on PATH) on a labelled split
(``../shared/corpus/scraped`` by default) and matches its findings of one category with the split's
labels the way the scorer does (an off-topic finding anywhere inside a labelled block hits it;
optional labels are neither hits nor false alarms).  Prints recall per block kind, then the missed
blocks and the false alarms with the text of their first line, so a change can be judged by what it
finds and what it wrongly finds, not by the totals alone.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from collections import Counter
from pathlib import Path
from typing import Any

DEFAULT_SPLIT = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "scraped"
SNIPPET = 90  # characters of a line shown per miss or false alarm


def findings(split: Path, rules: str | None) -> list[dict[str, Any]]:
    argv = ["newslint", "check", "--no-cache", "--format", "json", str(split)]
    if rules:
        argv[2:2] = ["--select", rules]
    done = subprocess.run(argv, capture_output=True, text=True, check=False)
    if done.returncode not in (0, 1):
        sys.exit(f"newslint failed on {split} (exit {done.returncode}):\n{done.stderr}")
    found: list[dict[str, Any]] = json.loads(done.stdout)["findings"]
    return found


def relative(path: str, split: Path) -> str:
    p = Path(path)
    try:
        return p.resolve().relative_to(split.resolve()).as_posix()
    except ValueError:
        return p.name


def line_text(split: Path, path: str, line: int) -> str:
    lines = (split / path).read_text(encoding="utf-8").splitlines()
    return lines[line - 1][:SNIPPET] if 0 < line <= len(lines) else ""


def covers(label: dict[str, Any], line: int) -> bool:
    return bool(label["line"] <= line <= label.get("end_line", label["line"]))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("split", nargs="?", type=Path, default=DEFAULT_SPLIT)
    parser.add_argument("--category", default="off-topic")
    parser.add_argument("--show", type=int, default=40)
    parser.add_argument("--rules", help="comma-separated rule ids to select (default: the configured rules)")
    args = parser.parse_args()
    split: Path = args.split
    labels = json.loads((split / "labels.json").read_text(encoding="utf-8"))
    optional_path = split / "labels_optional.json"
    if optional_path.exists():
        labels += [dict(x, optional=True) for x in json.loads(optional_path.read_text(encoding="utf-8"))]
    labels = [x for x in labels if args.category in x.get("accept", [x["category"]])]
    found = [f for f in findings(split, args.rules) if f["category"] == args.category]
    hit: set[int] = set()
    alarms: list[tuple[str, int, str]] = []
    for f in found:
        path = relative(f["path"], split)
        match = [i for i, x in enumerate(labels) if x["path"] == path and covers(x, f["line"])]
        if match:
            hit.update(match)
        else:
            alarms.append((path, f["line"], f["rule"]))
    scored = [i for i, x in enumerate(labels) if not x.get("optional") and x["category"] == args.category]
    by_kind: Counter[str] = Counter()
    got: Counter[str] = Counter()
    for i in scored:
        kind = labels[i].get("detail", {}).get("kind", labels[i]["category"])
        by_kind[kind] += 1
        got[kind] += i in hit
    print(
        f"{args.category}: {len(found)} findings, {len(alarms)} false alarms, "
        f"{sum(got.values())}/{len(scored)} labels found"
    )
    for kind, n in by_kind.most_common():
        print(f"  {kind:22} {got[kind]:3}/{n}")
    print("\nmissed:")
    for i in [i for i in scored if i not in hit][: args.show]:
        x = labels[i]
        kind = x.get("detail", {}).get("kind", "")
        span = f"{x['path']}:{x['line']}-{x.get('end_line', x['line'])}"
        print(f"  {span} [{kind}] {line_text(split, x['path'], x['line'])}")
    print("\nfalse alarms:")
    for path, line, rule in alarms[: args.show]:
        print(f"  {path}:{line} [{rule}] {line_text(split, path, line)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
