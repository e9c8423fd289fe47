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
    """What a reporter renders.  Its findings, errors and paths hold no lone surrogate (they are
    shown as visible escapes, :mod:`newslint.reporters.escape`): every format can write them."""

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

    def __post_init__(self) -> None:
        from newslint.reporters.escape import clean_error, clean_finding, visible_surrogates

        object.__setattr__(self, "findings", [clean_finding(f) for f in self.findings])
        object.__setattr__(self, "errors", [clean_error(e) for e in self.errors])
        if any(visible_surrogates(path) != path for path, _ in self.snippets):
            snippets = {
                (visible_surrogates(p), n): visible_surrogates(t) for (p, n), t in self.snippets.items()
            }
            object.__setattr__(self, "snippets", snippets)
        if isinstance(self.extra.get("paths"), list):
            self.extra["paths"] = [visible_surrogates(p) for p in self.extra["paths"]]

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
