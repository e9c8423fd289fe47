"""``--format json``: the contract's versioned object."""

from __future__ import annotations

import json

from newslint.reporters import Report


def render(report: Report) -> str:
    data = {
        "version": 1,
        "findings": [f.to_dict() for f in report.findings],
        "errors": [e.to_dict() for e in report.errors],
        "summary": report.summary(),
    }
    if report.statistics:
        data["statistics"] = [{"rule": r, "category": c, "count": n} for r, c, n in report.rule_counts()]
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
