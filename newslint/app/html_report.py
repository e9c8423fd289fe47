"""``newslint report``: one self-contained HTML page for an editor or a data team.

A reporter over the findings of one run (:func:`newslint.run.lint.lint_paths` with excerpts: each
finding keeps the paragraph around it, so nothing is linted or read twice).  The findings
travel as one JSON blob inside the page; a small inline script
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
from newslint.core.document import Document
from newslint.core.findings import Excerpt, FileError, Finding
from newslint.engine.rules import Rule
from newslint.sources.excerpts import excerpt
from newslint.sources.files import read_document


def build_data(
    findings: Sequence[Finding], errors: Sequence[FileError], paths: Sequence[str], rules: Sequence[Rule]
) -> dict[str, Any]:
    """The JSON the page renders: files, rules, de-duplicated paragraph contexts, findings."""
    file_index = {p: i for i, p in enumerate(paths)}
    for f in findings:
        file_index.setdefault(f.where, len(file_index))  # a record of an archive is shown as its own file
    docs: dict[str, Document | None] = {}  # only files of findings that came without an excerpt
    contexts: list[str] = []
    context_index: dict[tuple[str, str], int] = {}
    rows = []
    for f in findings:
        shown = f.excerpt
        if shown is None and f.record is None:  # a cross-file finding: placed without its document
            if f.path not in docs:
                read = read_document(f.path)
                docs[f.path] = read if isinstance(read, Document) else None
            doc = docs[f.path]
            shown = excerpt(doc, f) if doc is not None else Excerpt(f.flagged, 0, len(f.flagged))
        elif shown is None:  # a record's cross-record finding: the archive is not one document
            shown = Excerpt(f.flagged, 0, len(f.flagged))
        text, hs, he = shown.text, shown.start, shown.end
        key = (f.where, text)
        if key not in context_index:
            context_index[key] = len(contexts)
            contexts.append(text)
        rows.append(
            [
                file_index[f.where],
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
    """Write the page; its text, paths and title hold no lone surrogate (shown as escapes)."""
    from newslint.core.output_file import write_text
    from newslint.reporters.escape import visible_in, visible_surrogates

    write_text(path, render(visible_in(data), visible_surrogates(title)), "report")


def run_report(options: Any, output: Path, title: str) -> int:
    """Lint like ``check`` (same selection, config, per-file ignores, baseline) and write the page."""
    from newslint.app.baseline import filter_baseline, load_baseline
    from newslint.app.pipeline import settings_for
    from newslint.core.output_file import refuse_inputs
    from newslint.run.lint import lint_paths

    settings = settings_for(options)
    run = lint_paths(
        settings,
        options.paths,
        ignore=options.ignore,
        jobs=options.jobs,
        excerpts=True,
        fields=options.fields,
    )
    findings = run.result.findings
    if options.baseline is not None:
        findings = filter_baseline(findings, load_baseline(options.baseline))
    refuse_inputs(output, run.files, "report")
    write_report(output, build_data(findings, run.result.errors, run.files, run.rules), title)
    return len(findings)
