"""``--format text``: ``path:line:col: severity [rule] message``, a summary line, colour on a terminal.

In the full view (the default) each finding is followed by its source line with carets under
the flagged text; the concise view (``--output-format concise``) is one line a finding.
"""

from __future__ import annotations

from newslint.reporters import Report, source_view
from newslint.reporters.escape import escape_control as esc

_COLOURS = {"error": "31", "warning": "33", "info": "36", "path": "1", "dim": "2", "gutter": "34"}


def _paint(text: str, what: str, color: bool) -> str:
    return f"\x1b[{_COLOURS[what]}m{text}\x1b[0m" if color else text


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def render(report: Report) -> str:
    c = report.color
    out = []
    for f in report.findings:
        # Everything that may come from an article or a file name is escaped: one finding, one line.
        where = _paint(f"{esc(f.where)}:{f.line}:{f.column}:", "path", c)
        hint = (
            f" (suggestion: {esc(f.suggestions[0])})"
            if f.suggestions and f.suggestions[0] not in f.message
            else ""
        )
        out.append(f"{where} {_paint(f.severity, f.severity, c)} [{f.rule}] {esc(f.message)}{hint}\n")
        source = report.snippets.get((f.path, f.line))
        if source is not None:
            paint = {"gutter": _COLOURS["gutter"], "caret": _COLOURS[f.severity]} if c else None
            out.append(source_view.render(f, source, paint))
        for r in f.related:
            place = f"{esc(r.path)}:{r.line}" if r.path else f"line {r.line}"
            out.append(_paint(f"    related: {place}: {esc(r.message)}\n", "dim", c))
        if source is not None:
            out.append("\n")
    if report.statistics:
        out.append("\n")
        for rule, category, n in report.rule_counts():
            out.append(f"{n:>6}  {rule:<28} {category}\n")
    if report.quiet:
        return "".join(out)
    s = report.summary()
    summary = f"{_plural(s['findings'], 'finding')} in {_plural(s['files'], 'file')}"
    if s["by_category"]:
        summary += " (" + ", ".join(f"{k}: {v}" for k, v in s["by_category"].items()) + ")"
    unread = [e for e in report.errors if e.record is None]
    if unread:
        summary += f"; {_plural(len(unread), 'file')} could not be read"
    if len(unread) < len(report.errors):
        summary += f"; {_plural(len(report.errors) - len(unread), 'record')} could not be linted"
    separated = "".join(out[-2:]).endswith("\n\n")
    out.append(("\n" if report.findings and not separated else "") + summary + ".\n")
    return "".join(out)
