"""``newslint report``: one self-contained HTML page for an editor or a data team.

The findings travel as one JSON blob inside the page; a small inline script
builds the totals, the sortable table of files and the finding list from it,
one page of findings at a time, so the page stays quick with tens of thousands
of findings.  No network resources: inline CSS and JS only, text inserted with
``textContent`` (the copy being linted may contain markup).
"""

from __future__ import annotations

import html
import json
from collections import Counter
from collections.abc import Sequence
from importlib import resources
from pathlib import Path
from typing import Any

from newslint import __version__
from newslint.document import Document
from newslint.files import read_document
from newslint.findings import FileError, Finding
from newslint.rules import Rule

CONTEXT_MAX = 900  # characters of paragraph shown around a finding


def _offset(doc: Document, line: int, column: int) -> int:
    line = max(1, min(line, len(doc.lines)))
    return min(doc.line_starts[line - 1] + column - 1, len(doc.text))


def _context(doc: Document, f: Finding) -> tuple[str, int, int]:
    """The paragraph around a finding (trimmed when long) and the flagged span within it."""
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
    return text, start - lo + len(prefix), end - lo + len(prefix)


def build_data(
    findings: Sequence[Finding], errors: Sequence[FileError], paths: Sequence[str], rules: Sequence[Rule]
) -> dict[str, Any]:
    """The JSON the page renders: files, rules, de-duplicated paragraph contexts, findings."""
    file_index = {p: i for i, p in enumerate(paths)}
    for f in findings:
        file_index.setdefault(f.path, len(file_index))
    docs: dict[str, Document | None] = {}
    contexts: list[str] = []
    context_index: dict[tuple[str, str], int] = {}
    rows = []
    for f in findings:
        if f.path not in docs:
            read = read_document(f.path)
            docs[f.path] = read if isinstance(read, Document) else None
        doc = docs[f.path]
        text, hs, he = _context(doc, f) if doc is not None else (f.flagged, 0, len(f.flagged))
        key = (f.path, text)
        if key not in context_index:
            context_index[key] = len(contexts)
            contexts.append(text)
        rows.append(
            [
                file_index[f.path],
                f.line,
                f.column,
                f.rule,
                f.category,
                f.severity,
                f.message,
                list(f.suggestions[:3]),
                context_index[key],
                hs,
                he,
            ]
        )
    by_rule = Counter(f.rule for f in findings)
    return {
        "version": __version__,
        "files": list(file_index),
        "errors": [e.to_dict() for e in errors],
        "rules": {
            r.id: {"category": r.category, "severity": r.severity, "summary": r.summary}
            for r in rules
            if r.id in by_rule
        },
        "contexts": contexts,
        "findings": rows,
    }


def _json_for_script(data: dict[str, Any]) -> str:
    """JSON safe inside <script>: no '</' or HTML comment openers can end the element early."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def render(data: dict[str, Any], title: str = "newslint report") -> str:
    assets = resources.files("newslint") / "report_assets"
    css = (assets / "report.css").read_text(encoding="utf-8")
    js = (assets / "report.js").read_text(encoding="utf-8")
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; '
        "style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:\">"
        f"<title>{html.escape(title)}</title><style>{css}</style></head>\n<body>\n"
        f'<header><h1>{html.escape(title)}</h1><p id="overview"></p></header>\n'
        '<main>\n<section id="totals"><div><h2>By category</h2><table id="by-category"></table></div>'
        '<div><h2>By rule</h2><table id="by-rule"></table></div></section>\n'
        '<section><h2>Files</h2><div class="scroll"><table id="files"><thead></thead><tbody></tbody>'
        "</table></div></section>\n"
        '<section><h2>Findings</h2><form id="filters" onsubmit="return false">'
        '<label>Category <select id="f-category"><option value="">all</option></select></label> '
        '<label>Rule <select id="f-rule"><option value="">all</option></select></label> '
        '<label>File <select id="f-file"><option value="">all</option></select></label> '
        '<label>Text <input id="f-text" type="search" placeholder="word, message, path"></label> '
        '<label>Per page <select id="page-size"><option>50</option><option selected>100</option>'
        '<option>500</option><option value="0">all</option></select></label> '
        '<button type="button" id="reset">Reset</button></form>\n'
        '<nav class="pager"><button type="button" id="prev">‹ Previous</button> '
        '<span id="status"></span> '
        '<button type="button" id="next">Next ›</button></nav>\n'
        '<ol id="findings"></ol></section>\n</main>\n'
        f"<footer>newslint {html.escape(str(data.get('version', '')))}</footer>\n"
        f'<script type="application/json" id="data">{_json_for_script(data)}</script>\n'
        f"<script>{js}</script>\n</body></html>\n"
    )


def write_report(path: Path, data: dict[str, Any], title: str) -> None:
    from newslint.errors import NewslintError

    try:
        path.write_text(render(data, title), encoding="utf-8")
    except OSError as exc:
        raise NewslintError(f"cannot write report: {exc.strerror}", str(path)) from None


def run_report(options: Any, output: Path, title: str) -> int:
    """Lint like ``check`` (same selection, config, per-file ignores, baseline) and write the page."""
    from newslint.baseline import filter_baseline, load_baseline
    from newslint.config import filter_per_file
    from newslint.files import discover
    from newslint.pipeline import settings_for
    from newslint.ruleset import resolve_rules
    from newslint.runner import run

    settings = settings_for(options)
    rules = resolve_rules(settings, options.ignore)
    files = discover(options.paths, settings.include, settings.exclude)
    result = run([f for f in files if f != "-"], rules, jobs=options.jobs, encoding=settings.encoding)
    findings = filter_per_file(result.findings, settings, {r.id: r.group for r in rules})
    if options.baseline is not None:
        findings = filter_baseline(findings, load_baseline(options.baseline))
    write_report(output, build_data(findings, result.errors, files, rules), title)
    return len(findings)
