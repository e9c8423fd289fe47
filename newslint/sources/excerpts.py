"""The source text around findings, taken from the document they were found in, never read again.

Two views: the paragraph around a finding with the flagged span (:func:`excerpt`, for the HTML
report) and the finding's source line (:func:`lines_of`, :func:`snippets`, for the text format's
``full`` style).  The pipeline gathers them; the reporters only lay them out.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping, Sequence

from newslint.core.document import Document
from newslint.core.findings import Excerpt, Finding

#: characters of paragraph kept around a finding: enough to judge it, small enough for a page
#: of tens of thousands of findings
CONTEXT_MAX = 900


def _offset(doc: Document, line: int, column: int) -> int:
    line = max(1, min(line, len(doc.lines)))
    return min(doc.line_starts[line - 1] + column - 1, len(doc.text))


def excerpt(doc: Document, f: Finding) -> Excerpt:
    """The paragraph around ``f`` (trimmed when long) and the flagged span within it."""
    start = _offset(doc, f.line, f.column)
    end = max(start, _offset(doc, f.end_line, f.end_column))
    para = doc.paragraph_at(start)
    if para is not None:
        lo, hi = para.start, max(para.end, min(end, para.end))
    else:
        line = doc.lines[doc.line_of(start) - 1]
        lo, hi = line.start, line.end
    hi = max(hi, min(end, len(doc.text)))
    if hi - lo > CONTEXT_MAX:  # keep the highlight and some text either side
        lo = max(lo, start - CONTEXT_MAX // 3)
        hi = min(hi, max(end, lo + CONTEXT_MAX))
    end = min(end, hi)
    prefix = "…" if lo > (para.start if para else lo) else ""
    text = prefix + doc.source[lo:hi]
    return Excerpt(text, start - lo + len(prefix), end - lo + len(prefix))


def with_excerpts(doc: Document, findings: list[Finding]) -> list[Finding]:
    """``findings`` of ``doc``, each carrying its excerpt."""
    return [dataclasses.replace(f, excerpt=excerpt(doc, f)) for f in findings]


def lines_of(doc: Document) -> tuple[str, ...]:
    """The source lines of ``doc`` (code in Markdown included), numbered as its findings are; a
    final line break is followed by an empty line (where a finding at the very end sits)."""
    lines = tuple(doc.source[line.start : line.end] for line in doc.lines)
    ends_in_break = len(doc.lines) > 0 and doc.lines[-1].end < len(doc.source)
    return (*lines, "") if ends_in_break else lines


def snippets(findings: Iterable[Finding], lines: Mapping[str, Sequence[str]]) -> dict[tuple[str, int], str]:
    """(path, line) -> the text of that line, for each finding's first line, from the source
    ``lines`` of each path (findings in records have none: a record's lines are not the file's)."""
    out: dict[tuple[str, int], str] = {}
    for f in findings:
        source = lines.get(f.path)
        if f.record is None and source and 1 <= f.line <= len(source):
            out[(f.path, f.line)] = source[f.line - 1]
    return out
