#!/usr/bin/env python3
"""Check that a refactoring leaves findings unchanged: save them once, compare after every step.

    python bench/same_findings.py save  [--out DIR]   # before changing anything
    python bench/same_findings.py check [--out DIR]   # after each step; exit 1 on any difference

Runs ``newslint check --no-cache --format json`` (the ``newslint`` on PATH) on the dev,
real, wire and scraped splits and the BBC bench corpus (``/work/shared`` by default, or ``--shared``),
and compares the findings and errors of each corpus as sorted JSON.  Differences are
printed per finding (missing / unexpected), at most ``--show`` of each.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

CORPORA = {
    "dev": "corpus/dev",
    "real": "corpus/real",
    "wire": "corpus/wire",
    "scraped": "corpus/scraped",
    "bbc": "bench/bbc",
}


def run(folder: Path) -> dict[str, Any]:
    done = subprocess.run(
        ["newslint", "check", "--no-cache", "--format", "json", str(folder)],
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode not in (0, 1):
        sys.exit(f"newslint failed on {folder} (exit {done.returncode}):\n{done.stderr}")
    data: dict[str, Any] = json.loads(done.stdout)
    return data


def _keys(items: list[dict[str, Any]]) -> list[str]:
    return sorted(json.dumps(item, sort_keys=True, ensure_ascii=False) for item in items)


def compare(name: str, before: dict[str, Any], after: dict[str, Any], show: int) -> bool:
    same = True
    for part in ("findings", "errors"):
        old, new = _keys(before.get(part, [])), _keys(after.get(part, []))
        if old == new:
            continue
        same = False
        missing = sorted(set(old) - set(new))
        unexpected = sorted(set(new) - set(old))
        print(f"{name}: {part} differ ({len(old)} before, {len(new)} now)")
        for label, items in (("missing", missing), ("unexpected", unexpected)):
            for item in items[:show]:
                print(f"  {label}: {item}")
    if same:
        print(f"{name}: identical ({len(before.get('findings', []))} findings)")
    return same


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("action", choices=("save", "check"))
    parser.add_argument("--out", type=Path, default=Path("/tmp/newslint-findings"))
    parser.add_argument("--shared", type=Path, default=Path("/work/shared"))
    parser.add_argument("--show", type=int, default=5, help="differences shown per kind")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    ok = True
    for name, sub in CORPORA.items():
        folder = args.shared / sub
        if not folder.is_dir():
            print(f"{name}: skipped ({folder} not found)")
            continue
        result = run(folder)
        saved = args.out / f"{name}.json"
        if args.action == "save":
            saved.write_text(json.dumps(result, ensure_ascii=False), encoding="utf-8")
            print(f"{name}: saved {len(result.get('findings', []))} findings to {saved}")
        else:
            ok = compare(name, json.loads(saved.read_text(encoding="utf-8")), result, args.show) and ok
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
