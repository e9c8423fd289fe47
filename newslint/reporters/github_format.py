"""``--format github``: GitHub Actions workflow commands, shown as annotations on the diff."""

from __future__ import annotations

from newslint.reporters import Report
from newslint.reporters.escape import escape_control

_LEVEL = {"error": "error", "warning": "warning", "info": "notice"}


def _escape_data(text: str) -> str:
    """Workflow-command escaping; other control characters are shown as visible escapes."""
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return escape_control(text)


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def render(report: Report) -> str:
    lines = []
    for f in report.findings:
        props = (
            f"file={_escape_property(f.path)},line={f.line},col={f.column},"
            f"endLine={f.end_line},endColumn={f.end_column},title={_escape_property('newslint ' + f.rule)}"
        )
        # a record's line is in the record, not the archive file: the message says which record
        message = f.message if f.record is None else f"record {f.record}: {f.message}"
        lines.append(f"::{_LEVEL[f.severity]} {props}::{_escape_data(message)}\n")
    for e in report.errors:
        lines.append(f"::error file={_escape_property(e.path)},title=newslint::{_escape_data(e.message)}\n")
    return "".join(lines)
