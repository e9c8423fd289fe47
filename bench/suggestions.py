#!/usr/bin/env python3
"""Top-1 suggestion accuracy of the typo rules on labelled splits.

    python bench/suggestions.py ../shared/corpus/dev ../shared/corpus/real [--show 20]

Runs ``newslint check --format json`` on each split and, for every typo label that a finding on
its line flags (the finding's message names the labelled word), checks whether the first
suggestion is the label's correction (``detail.original``; for a name-less label with no
``original``, the label is skipped).  Prints, per split, the labels found and the share whose
first suggestion is right, and the wrong ones.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path


def _normal(word: str) -> str:
    return word.replace("’", "'").strip()


def measure(split: Path, show: int) -> tuple[int, int]:
    labels = json.loads((split / "labels.json").read_text(encoding="utf-8"))
    proc = subprocess.run(
        [sys.executable, "-m", "newslint", "check", "--select", "typo", "--format", "json", str(split)],
        capture_output=True,
        text=True,
        check=False,
    )
    findings = json.loads(proc.stdout)["findings"]
    by_line: dict[tuple[str, int], list[dict[str, object]]] = {}
    for f in findings:
        rel = str(Path(f["path"]).resolve().relative_to(split.resolve()))
        by_line.setdefault((rel, f["line"]), []).append(f)
    found = right = 0
    wrong: list[str] = []
    for label in labels:
        if label.get("category") != "typo":
            continue
        detail = label.get("detail", {})
        typed, original = detail.get("injected"), detail.get("original")
        if not typed or not original:
            continue
        stem = _normal(typed).removesuffix("'s")
        for f in by_line.get((label["path"], label["line"]), []):
            if f"'{stem}'" in str(f["message"]) or f"'{_normal(typed)}'" in str(f["message"]):
                found += 1
                top = _normal(str((f.get("suggestions") or ["?"])[0]))
                expected = _normal(original).removesuffix("'s")
                if top == expected or top == _normal(original):
                    right += 1
                else:
                    wrong.append(f"{typed}->{top} ({original})")
                break
    share = right / found if found else 0.0
    print(f"{split}: top-1 suggestion {share:.3f} ({right}/{found} flagged labels)")
    if show and wrong:
        print("  wrong:", ", ".join(wrong[:show]))
    return right, found


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("splits", nargs="+", type=Path)
    ap.add_argument("--show", type=int, default=20)
    args = ap.parse_args()
    total_right = total_found = 0
    for split in args.splits:
        right, found = measure(split, args.show)
        total_right += right
        total_found += found
    if len(args.splits) > 1 and total_found:
        print(f"all: top-1 suggestion {total_right / total_found:.3f} ({total_right}/{total_found})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
