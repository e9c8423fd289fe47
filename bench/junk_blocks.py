#!/usr/bin/env python3
"""Off-topic and duplicate findings on real extractor output: recall by block kind, misses, false alarms.

    python bench/junk_blocks.py [SPLIT] [--category C] [--show N] [--rules a,b] [--half 0|1]

Runs ``newslint check --no-cache --format json`` (the ``newslint`` on PATH) on a labelled split
(``../shared/corpus/scraped`` by default) and matches its findings of one category with the split's
labels the way the scorer does (an off-topic finding anywhere inside a labelled block hits it;
optional labels are neither hits nor false alarms).  Prints recall per block kind, then the missed
blocks and the false alarms with the text of their first line, so a change can be judged by what it
finds and what it wrongly finds, not by the totals alone.  ``--half 0`` or ``--half 1`` keeps the pages
of one half (the pages ranked by a hash of their id, the part of the file name after ``__``, and cut in
two) and prints the scorer's off-topic and duplicate rows for it first: cues and thresholds tuned on one
half can be checked on the other.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path
from typing import Any

DEFAULT_SPLIT = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "scraped"
SCORER = DEFAULT_SPLIT.parents[1] / "eval" / "score.py"
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


def page_of(path: str) -> str:
    """The page id in a file name (``readability__8cad00dc22de.txt`` -> ``8cad00dc22de``)."""
    return Path(path).stem.split("__", 1)[-1]


def halves(split: Path) -> dict[str, int]:
    """Each page's half, 0 or 1: the pages ranked by a hash of their id, the first half of the ranks
    in half 0 (two halves of one size, all extractions of a page in the same half)."""
    pages = sorted({page_of(p.name) for p in split.glob("*__*.txt")})
    ranked = sorted(pages, key=lambda page: hashlib.sha256(page.encode("utf-8")).hexdigest())
    return {page: int(k >= len(ranked) / 2) for k, page in enumerate(ranked)}


def half_split(split: Path, half: int, into: Path) -> Path:
    """A copy of ``split`` holding the pages of one half (files linked, labels and manifest filtered),
    so the matching here and the scorer see that half alone."""
    side = halves(split)

    def kept(path: str) -> bool:
        return side.get(page_of(path)) == half

    for f in split.glob("*__*.txt"):
        if kept(f.name):
            (into / f.name).symlink_to(f.resolve())
    for name in ("labels.json", "labels_optional.json"):
        if (split / name).exists():
            rows = json.loads((split / name).read_text(encoding="utf-8"))
            (into / name).write_text(json.dumps([x for x in rows if kept(x["path"])]), encoding="utf-8")
    if (split / "MANIFEST.json").exists():
        manifest = json.loads((split / "MANIFEST.json").read_text(encoding="utf-8"))
        manifest["files"] = [f for f in manifest["files"] if kept(f["path"])]
        (into / "MANIFEST.json").write_text(json.dumps(manifest), encoding="utf-8")
    print(f"half {half}: {len({page for page, h in side.items() if h == half})} of {len(side)} pages")
    return into


def scorer_rows(split: Path, categories: tuple[str, ...]) -> None:
    """The scorer's header and rows for ``categories`` on ``split``, when the scorer is at hand."""
    if not SCORER.exists():
        return
    done = subprocess.run(
        [sys.executable, str(SCORER), str(split)], capture_output=True, text=True, check=False
    )
    for line in done.stdout.splitlines():
        if line.startswith(("category", *categories)):
            print(line)
    print()


def covers(label: dict[str, Any], line: int) -> bool:
    return bool(label["line"] <= line <= label.get("end_line", label["line"]))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("split", nargs="?", type=Path, default=DEFAULT_SPLIT)
    parser.add_argument("--category", default="off-topic")
    parser.add_argument("--show", type=int, default=40)
    parser.add_argument("--rules", help="comma-separated rule ids to select (default: the configured rules)")
    parser.add_argument(
        "--half", type=int, choices=(0, 1), help="only the pages of this half (by page id hash)"
    )
    args = parser.parse_args()
    if args.half is None:
        return report(args.split, args)
    with tempfile.TemporaryDirectory() as tmp:
        split = half_split(args.split, args.half, Path(tmp))
        scorer_rows(split, ("off-topic", "duplicate"))
        return report(split, args)


def report(split: Path, args: argparse.Namespace) -> int:
    """Recall by block kind, misses and false alarms of ``args.category`` on ``split``."""
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
