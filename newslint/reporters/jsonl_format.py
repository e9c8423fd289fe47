"""``--format jsonl``: one finding object per line, no wrapper (streams well into other tools)."""

from __future__ import annotations

import json

from newslint.reporters import Report


def render(report: Report) -> str:
    return "".join(json.dumps(f.to_dict(), ensure_ascii=False) + "\n" for f in report.findings)
