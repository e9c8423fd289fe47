"""The Python API: newslint.lint_text, newslint.Linter; Finding.to_dict() is the JSON object."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from helpers import run_newslint

import newslint

TYPO = "Markets fell on 3 Septemeber as traders worried.\n\nThe index closed lower.\n"
LEAD = "The central bank raised interest rates by half a point on Thursday to fight inflation."


def test_lint_text_matches_the_cli_json(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(TYPO)
    cli = json.loads(
        run_newslint("check", "--isolated", "--no-cache", "-f", "json", "a.txt", cwd=tmp_path).stdout
    )
    found = newslint.lint_text(TYPO, path="a.txt")
    assert [f.to_dict() for f in found] == cli["findings"]
    assert found and found[0].rule == "date-misspelled-month"


def test_select_and_config(tmp_path: Path) -> None:
    # only typo rules: the misspelled month is the spelling rule's
    assert [f.rule for f in newslint.lint_text(TYPO, select=["typo"])] == ["spelling"]
    config = tmp_path / "newslint.toml"
    config.write_text('ignore = ["date", "typo"]\n')
    assert newslint.lint_text(TYPO, config=config) == []


def test_linter_loads_once_and_lints_records() -> None:
    linter = newslint.Linter.from_config()
    assert linter.lint_text("Markets rose on Monday.\n") == []
    records = [
        {"id": "r1", "text": f"{LEAD}\n\nMore follows.\n"},
        {"id": "r2", "text": TYPO},
        {"id": "r3", "text": f"{LEAD}\n\nOther detail.\n"},
    ]
    found = linter.lint_records(records, id="id", path="feed")
    assert {(f.record, f.rule) for f in found} >= {("r2", "date-misspelled-month")}
    assert all(f.path == "feed" for f in found)
    plain = linter.lint_records([TYPO])
    assert [(f.record, f.rule) for f in plain] == [("1", "date-misspelled-month")]
    assert plain[0].to_dict()["record"] == "1"


def test_cross_record_duplicate_leads() -> None:
    linter = newslint.Linter.from_config(select=["duplicate-lead-across-files"])
    story = f"Bank raises rates\n\n{LEAD}\n\nMore follows here today.\n"
    records = [{"text": story}, {"text": "Unrelated copy about football.\n"}, {"text": story}]
    found = linter.lint_records(records)
    assert [(f.record, f.rule) for f in found] == [("3", "duplicate-lead-across-files")]
    assert found[0].related[0].path == "<records>#1"


def test_malformed_record_raises_naming_it() -> None:
    with pytest.raises(ValueError, match="record 2: text field 'text' is int"):
        newslint.Linter.from_config().lint_records([{"text": "ok"}, {"text": 3}])
