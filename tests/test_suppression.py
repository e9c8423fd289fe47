"""Inline suppression comments and the unused-suppression rule."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import run_newslint

from newslint.config.config import Settings
from newslint.core.document import Document
from newslint.engine.engine import DocumentLinter
from newslint.engine.ruleset import all_rules


@pytest.fixture(scope="module")
def linter() -> DocumentLinter:
    rules = {r.id: r for r in all_rules(Settings())}
    return DocumentLinter([rules["repeated-word"], rules["could-of"], rules["unused-suppression"]])


def lint(linter: DocumentLinter, text: str) -> list[tuple[str, int]]:
    return [(f.rule, f.line) for f in linter.lint(Document("x.md", text))]


def test_disable_next_line_for_one_rule(linter: DocumentLinter) -> None:
    text = "Title\n\n<!-- newslint-disable-next-line repeated-word -->\nThe the end, we could of won.\n"
    assert lint(linter, text) == [("could-of", 4)]


def test_disable_next_line_without_ids_covers_every_rule(linter: DocumentLinter) -> None:
    text = "Title\n\n<!-- newslint-disable-next-line -->\nThe the end, we could of won.\nThe the end.\n"
    assert lint(linter, text) == [("repeated-word", 5)]


def test_disable_block_until_enable(linter: DocumentLinter) -> None:
    text = (
        "Title\n\n<!-- newslint-disable repeated-word, could-of -->\nThe the end.\n\nWe could of won.\n"
        "<!-- newslint-enable -->\nThe the end.\n"
    )
    assert lint(linter, text) == [("repeated-word", 8)]


def test_disable_without_enable_runs_to_the_end_and_may_name_a_category(linter: DocumentLinter) -> None:
    text = "Title\n\nThe the end.\n<!-- newslint-disable style -->\nThe the end.\n\nWe could of won.\n"
    assert lint(linter, text) == [("repeated-word", 3)]


def test_unused_suppressions_are_reported(linter: DocumentLinter) -> None:
    text = (
        "Title\n\n<!-- newslint-disable-next-line could-of -->\nThe the end.\n"
        "<!-- newslint-disable-next-line some-rule-not-running -->\nFine.\n"
        "<!-- newslint-disable-next-line repeated-word -->\nThe the end.\n"
    )
    assert lint(linter, text) == [("unused-suppression", 3), ("repeated-word", 4)]


def test_unused_suppression_is_off_by_default(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text("Title\n\n<!-- newslint-disable-next-line -->\nFine words here.\n")
    plain = run_newslint("check", "--format", "jsonl", "a.md", cwd=tmp_path)
    assert "unused-suppression" not in plain.stdout
    args = ("check", "--format", "jsonl", "--extend-select", "unused-suppression", "a.md")
    opted = run_newslint(*args, cwd=tmp_path)
    assert '"rule": "unused-suppression"' in opted.stdout and '"line": 3' in opted.stdout


def test_extend_ignore_on_the_command_line(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Title\n\nThe the end, we could of won.\n")
    args = ("check", "--format", "jsonl", "--select", "style", "--extend-ignore", "repeated-word", "a.txt")
    result = run_newslint(*args, cwd=tmp_path)
    assert "could-of" in result.stdout and "repeated-word" not in result.stdout
