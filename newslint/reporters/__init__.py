"""Reporters: pure functions from a Report to text, one module each, chosen from a table."""

from __future__ import annotations

import importlib
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from newslint.core.findings import FileError, Finding
from newslint.engine.rules import Rule

FORMATS = ("text", "json", "jsonl", "github", "sarif", "junit")


@dataclass(frozen=True)
class Report:
    findings: Sequence[Finding]
    errors: Sequence[FileError] = ()
    files: int = 0
    rules: Sequence[Rule] = ()
    color: bool = False
    statistics: bool = False
    quiet: bool = False  # findings only, no summary
    #: (path, line) -> source line, shown under each text finding (empty: concise output)
    snippets: Mapping[tuple[str, int], str] = field(default_factory=dict)
    extra: dict[str, Any] = field(default_factory=dict)

    def summary(self) -> dict[str, Any]:
        return {
            "files": self.files,
            "findings": len(self.findings),
            "by_category": dict(sorted(Counter(f.category for f in self.findings).items())),
            "by_severity": dict(sorted(Counter(f.severity for f in self.findings).items())),
        }

    def rule_counts(self) -> list[tuple[str, str, int]]:
        """(rule, category, count), most frequent first: what --statistics shows."""
        counts = Counter((f.rule, f.category) for f in self.findings)
        return sorted(((r, c, n) for (r, c), n in counts.items()), key=lambda t: (-t[2], t[0]))


def get_reporter(name: str) -> Callable[[Report], str]:
    if name not in FORMATS:
        raise ValueError(f"unknown format {name!r}")
    module = importlib.import_module(f"{__name__}.{name}_format")
    render: Callable[[Report], str] = module.render
    return render
