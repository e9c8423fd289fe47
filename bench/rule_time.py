#!/usr/bin/env python3
"""Time some rules in one process over a corpus: the sum of their own time as the engine measures it.

    python bench/rule_time.py /work/shared/bench/bbc duplicate-lead repeated-paragraph off-topic-tail

Why: a change to a rule must be costed against the rule before it, not against a whole run whose
start-up and other rules drown the difference.  Run it with two installs (old and new) in turns on
the same machine and compare the ratio.  Prints one JSON object: {"seconds": wall, "cpu": process
time (less disturbed by other jobs on a shared machine), "rules": {rule: wall seconds}}.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path


def main() -> int:
    from newslint.config.config import Settings
    from newslint.core.document import Document
    from newslint.engine.engine import DocumentLinter
    from newslint.engine.ruleset import all_rules

    corpus, ids = Path(sys.argv[1]), set(sys.argv[2:])
    rules = [r for r in all_rules(Settings()) if r.id in ids]
    linter = DocumentLinter(rules)
    docs = [Document(str(p), p.read_text(encoding="utf-8")) for p in sorted(corpus.rglob("*.txt"))]
    t0, c0 = time.perf_counter(), time.process_time()
    for doc in docs:
        linter.lint(doc)
    wall, cpu = time.perf_counter() - t0, time.process_time() - c0
    rules_time = {k: round(v, 4) for k, v in linter.timings.items()}
    print(json.dumps({"seconds": round(wall, 4), "cpu": round(cpu, 4), "rules": rules_time}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
