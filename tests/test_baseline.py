"""Baselines through the real CLI: only new findings are reported, whatever moved around them."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from helpers import run_newslint

RULES = ("--select", "repeated-word,could-of")
ARTICLE = (
    "Budget talks resume\n\n"
    "The minister said the the talks would resume on Monday.\n\n"
    "Officials could of met sooner, aides said.\n"
)


def findings(*args: str, cwd: Path) -> list[dict]:  # type: ignore[type-arg]
    result = run_newslint("check", "--format", "json", *RULES, *args, cwd=cwd)
    assert result.returncode in (0, 1), result.stderr
    return json.loads(result.stdout)["findings"]  # type: ignore[no-any-return]


@pytest.fixture
def archive(tmp_path: Path) -> Path:
    (tmp_path / "desk").mkdir()
    (tmp_path / "desk" / "a.txt").write_text(ARTICLE)
    (tmp_path / "desk" / "b.txt").write_text(ARTICLE.replace("Budget", "Trade"))
    written = run_newslint("check", *RULES, "--write-baseline", "base.json", "desk", cwd=tmp_path)
    assert written.returncode == 0 and "recorded 4 findings" in written.stderr
    return tmp_path


def test_baseline_hides_recorded_findings(archive: Path) -> None:
    assert len(findings("desk", cwd=archive)) == 4
    assert findings("--baseline", "base.json", "desk", cwd=archive) == []
    plain = run_newslint("check", *RULES, "--baseline", "base.json", "desk", cwd=archive)
    assert plain.returncode == 0


def test_survives_lines_inserted_above_each_finding_and_a_moved_folder(archive: Path) -> None:
    text = (archive / "desk" / "a.txt").read_text()
    lines = text.split("\n")
    shifted = "\n".join(f"Inserted {i}.\n{line}" if line.strip() else line for i, line in enumerate(lines))
    (archive / "desk" / "a.txt").write_text(shifted)
    assert [f["line"] for f in findings("desk/a.txt", cwd=archive)] != [3, 5]  # the lines really moved
    assert findings("--baseline", "base.json", "desk", cwd=archive) == []
    shutil.move(archive / "desk", archive / "moved" / "elsewhere")
    assert findings("--baseline", "base.json", "moved", cwd=archive) == []


def test_new_findings_are_reported_and_gone_ones_drop_out(archive: Path) -> None:
    a = archive / "desk" / "a.txt"
    a.write_text(a.read_text().replace("the the", "the") + "\nHe said it was was over.\n")
    new = findings("--baseline", "base.json", "desk", cwd=archive)
    assert [(f["rule"], f["line"]) for f in new] == [("repeated-word", 7)]
    rewritten = run_newslint("check", *RULES, "--write-baseline", "base.json", "desk", cwd=archive)
    assert "recorded 4 findings" in rewritten.stderr  # one fixed, one new
    entries = json.loads((archive / "base.json").read_text())["findings"]
    assert sum(e["rule"] == "repeated-word" and e["file"] == "a.txt" for e in entries) == 1
    a.write_text(a.read_text().replace("was was", "was") + "\nThe the end.\n")
    assert len(findings("--baseline", "base.json", "desk", cwd=archive)) == 1


def test_the_same_sentence_in_another_article_is_new(archive: Path) -> None:
    (archive / "desk" / "c.txt").write_text(ARTICLE)
    new = findings("--baseline", "base.json", "desk", cwd=archive)
    assert {f["path"] for f in new} == {"desk/c.txt"}


def test_bad_baseline_is_a_usage_error(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(ARTICLE)
    (tmp_path / "base.json").write_text("[1, 2]")
    result = run_newslint("check", "--baseline", "base.json", "a.txt", cwd=tmp_path)
    assert result.returncode == 2 and "base.json" in result.stderr
