"""The paragraph around a finding, taken from the document it was found in (for the HTML report)."""

from __future__ import annotations

import dataclasses

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
