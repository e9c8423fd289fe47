"""Markdown code (fenced blocks, inline spans) is blanked out of what rules read (issue 19, item 18)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from newslint.cli import app
from newslint.core.document import Document
from newslint.core.markdown_code import code_spans, mask_code

runner = CliRunner()


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Run `pip instal` now.", ["`pip instal`"]),
        ("Two ``a ` b`` ticks.", ["``a ` b``"]),
        ("No `closing tick.", []),
        ("Not `across\n\nparagraphs` here.", []),
        ("Across `a line\nbreak` is fine.", ["`a line\nbreak`"]),
        (r"Escaped \`not code` here.", []),
        ("A\n```\nteh\n```\nafter `x`", ["```\nteh\n```", "`x`"]),
        ("A\n~~~~\nteh\n~~~\nstill code\n~~~~\nout", ["~~~~\nteh\n~~~\nstill code\n~~~~"]),
        ("A\n```\nunclosed teh\n", ["```\nunclosed teh\n"]),
        ("   ```js\ncode\n   ```\n", ["   ```js\ncode\n   ```"]),
    ],
)
def test_code_spans(text: str, code: list[str]) -> None:
    assert [text[s:e] for s, e in code_spans(text)] == code
    masked = mask_code(text)
    assert len(masked) == len(text) and masked.count("\n") == text.count("\n")
    for piece in code:
        assert piece.strip() not in masked


def test_only_markdown_documents_are_masked() -> None:
    text = "Title\n\nRun `teh` now.\n"
    assert "teh" not in Document("a.md", text).text and Document("a.md", text).source == text
    assert "teh" in Document("a.txt", text).text


ARTICLE = (
    "Release notes\n\n"
    "The the new version ships on Monday; run `the the teh goverment` to update.\n\n"
    "```\nthe the goverment teh\n```\n\n"
    "The goverment said it was pleased.\n"
)


def test_no_rule_flags_code_in_markdown_and_prose_is_still_checked(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "notes.md").write_text(ARTICLE)
    (tmp_path / "notes.txt").write_text(ARTICLE)
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(
        app, ["check", "--no-cache", "--format", "json", "--select", "spelling,repeated-word", "notes.md"]
    )
    found = sorted((f["line"], f["column"], f["rule"]) for f in json.loads(result.stdout)["findings"])
    assert found == [(3, 5, "repeated-word"), (9, 5, "spelling")]
    result = runner.invoke(
        app, ["check", "--no-cache", "--format", "json", "--select", "spelling,repeated-word", "notes.txt"]
    )
    assert len(json.loads(result.stdout)["findings"]) > 2  # plain text has no code spans


def test_fixing_markdown_keeps_its_code(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "notes.md").write_text(ARTICLE)
    monkeypatch.chdir(tmp_path)
    runner.invoke(app, ["check", "--no-cache", "--fix", "--select", "repeated-word", "notes.md"])
    fixed = (tmp_path / "notes.md").read_text()
    assert fixed == ARTICLE.replace("The the new", "The new", 1)
