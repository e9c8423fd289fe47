"""``newslint report`` lints like ``check`` (one lint path) and its page carries the same findings."""

from __future__ import annotations

import html
import json
import re
from pathlib import Path
from typing import Any

from helpers import run_newslint

LEAD = "The central bank raised its main interest rate by half a point on Thursday to curb prices.\n"


def page_data(path: Path) -> dict[str, Any]:
    text = path.read_text(encoding="utf-8")
    match = re.search(r'<script type="application/json" id="data">(.*?)</script>', text, re.S)
    assert match is not None
    return json.loads(html.unescape(match.group(1)))  # type: ignore[no-any-return]


def _desk(folder: Path) -> None:
    folder.mkdir()
    (folder / "a.txt").write_text("Rates rise\n\n" + LEAD + "\nShe said the the rise could of been larger.\n")
    (folder / "b.txt").write_text("Rates up\n\n" + LEAD)


def test_report_lists_what_check_finds_with_each_findings_paragraph(tmp_path: Path) -> None:
    _desk(tmp_path / "desk")
    select = ("--select", "repeated-word,could-of", "--extend-select", "duplicate-lead-across-files")
    made = run_newslint("report", *select, "desk", "-o", "page.html", cwd=tmp_path)
    assert made.returncode == 0, made.stderr
    checked = run_newslint("check", "--format", "json", *select, "desk", cwd=tmp_path)
    expected = json.loads(checked.stdout)["findings"]
    data = page_data(tmp_path / "page.html")
    files = data["files"]
    shown = [(files[r[0]], r[1], r[2], r[3]) for r in data["findings"]]
    assert shown == [(f["path"], f["line"], f["column"], f["rule"]) for f in expected]
    assert {r[3] for r in data["findings"]} == {"repeated-word", "could-of", "duplicate-lead-across-files"}
    for row in data["findings"]:
        context = data["contexts"][row[8]]
        if row[3] == "duplicate-lead-across-files":  # a cross-file finding: its lead paragraph
            assert context == LEAD.strip()
        else:
            assert context == "She said the the rise could of been larger."
            assert context[row[9] : row[10]] in {"the", "could of"}
    assert f"wrote {len(expected)} findings to page.html" in made.stderr
