"""What kinds yield (:class:`Hit`, offsets) and what reporters read (:class:`Finding`, lines).

Kinds work in character offsets; the engine converts once to line/column and
attaches the rule's id, category and severity.  Both types are immutable.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from newslint.core.messages import render

SEVERITIES = ("info", "warning", "error")


def severity_rank(severity: str) -> int:
    return SEVERITIES.index(severity)


@dataclass(frozen=True)
class Fix:
    """Replace ``text[start:end]`` with ``replacement``.  ``safe`` fixes only substitute;
    unsafe ones delete material (a duplicated paragraph, an appended story)."""

    start: int
    end: int
    replacement: str
    safe: bool = True


@dataclass(frozen=True)
class RelatedSpan:
    """Another place a hit refers to, as an offset in the same document."""

    offset: int
    message: str


@dataclass(frozen=True)
class Hit:
    """A span a kind found, before the engine turns it into a Finding.

    ``params`` fill the rule's message template; ``message`` overrides it.
    """

    start: int
    end: int
    params: Mapping[str, Any] = field(default_factory=dict)
    suggestions: tuple[str, ...] = ()
    related: tuple[RelatedSpan, ...] = ()
    message: str | None = None
    fix: Fix | None = None


@dataclass(frozen=True)
class Related:
    line: int
    message: str
    path: str | None = None  # set only when the place is in another file

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"line": self.line, "message": self.message}
        if self.path is not None:
            out["path"] = self.path
        return out


@dataclass(frozen=True)
class Excerpt:
    """The source text around a finding (its paragraph, trimmed when long) and the flagged span
    within it, kept while the document is in memory so reports need not read the file again."""

    text: str
    start: int
    end: int


@dataclass(frozen=True)
class Finding:
    path: str
    line: int
    column: int
    end_line: int
    end_column: int
    rule: str
    category: str
    severity: str
    message: str
    suggestions: tuple[str, ...] = ()
    related: tuple[Related, ...] = ()
    fix: Fix | None = None
    flagged: str = ""  # the flagged text, for fingerprints and reports
    fingerprint: str = ""  # content hash for baselines and SARIF (newslint.core.fingerprint)
    excerpt: Excerpt | None = field(default=None, compare=False)  # when the run was asked to keep them
    record: str | None = None  # the record's id when ``path`` is an archive of records
    record_number: int = 0  # its 1-based place in the archive (orders findings as the archive does)

    def sort_key(self) -> tuple[str, int, int, int, str]:
        return (self.path, self.record_number, self.line, self.column, self.rule)

    @property
    def where(self) -> str:
        """``path`` or, for a record of an archive, ``path#id``."""
        return self.path if self.record is None else f"{self.path}#{self.record}"

    def to_dict(self) -> dict[str, Any]:
        """The contract's JSON shape (version 1)."""
        return {
            "path": self.path,
            "line": self.line,
            "column": self.column,
            "end_line": self.end_line,
            "end_column": self.end_column,
            "rule": self.rule,
            "category": self.category,
            "severity": self.severity,
            "message": self.message,
            "suggestions": list(self.suggestions),
            "related": [r.to_dict() for r in self.related],
            **({"record": self.record} if self.record is not None else {}),
        }


@dataclass(frozen=True)
class FileError:
    """A file that could not be linted (unreadable, binary, not UTF-8)."""

    path: str
    message: str
    record: str | None = None  # the record of an archive that could not be linted

    def to_dict(self) -> dict[str, str]:
        out = {"path": self.path, "message": self.message}
        if self.record is not None:
            out["record"] = self.record
        return out


def format_message(template: str, params: Mapping[str, Any]) -> str:
    """The finding's message: the rule's template filled in, every part of bounded length."""
    return render(template, params)
