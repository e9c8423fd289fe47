"""A run's settings travel as one object; a file is read once; snippets come from the run's documents."""

from __future__ import annotations

import json
import pickle
from pathlib import Path

import pytest
from typer.testing import CliRunner

import newslint.sources.files as files_module
from newslint.cli import app
from newslint.config.config import Settings, load_settings
from newslint.core.findings import FileError
from newslint.run.lint import RunSettings, lint_paths
from newslint.sources.formats import FORMATS, SourceDocument, documents_of, format_of
from newslint.sources.records import RecordFields

LEAD = "The city council approved a new budget for road repairs and school buildings on Tuesday evening."
ARTICLE = "Budget passes\n\n{lead}\n\nThe minister said the the talks would resume.\n"
NITF = """<?xml version="1.0" encoding="UTF-8"?>
<nitf>
  <body>
    <body.head><hl1>Talks resume</hl1></body.head>
    <body.content>
      <p>The minister said the the talks would resume.</p>
    </body.content>
  </body>
</nitf>
"""


def _under(folder: Path, reads: dict[str, int]) -> dict[str, int]:
    """The reads of the files in ``folder`` (the rules read their word lists too), by name."""
    return {Path(p).name: n for p, n in reads.items() if Path(p).parent == folder}


def _settings(folder: Path) -> Settings:
    return load_settings(None, folder, isolated=True)


def _two_copies(folder: Path) -> None:
    (folder / "a.txt").write_text(ARTICLE.format(lead=LEAD), encoding="utf-8")
    (folder / "b.txt").write_text(ARTICLE.format(lead=LEAD), encoding="utf-8")


def test_run_settings_are_frozen_and_reach_workers_without_the_progress_callback() -> None:
    shown: list[int] = []
    how = RunSettings(jobs=2, progress=lambda done, total: shown.append(done))
    with pytest.raises(AttributeError):
        how.jobs = 3  # type: ignore[misc]
    sent = pickle.loads(pickle.dumps(how.for_workers()))
    assert sent.progress is None and sent == how  # the callback is not part of what compares
    with pytest.raises(ValueError, match="engine"):
        RunSettings(engine="spark")


@pytest.fixture
def reads(monkeypatch: pytest.MonkeyPatch) -> dict[str, int]:
    """How many times each file is read (every read of a file goes through read_limited), by path."""
    counted: dict[str, int] = {}
    original = files_module.read_limited

    def counting(path: str, max_bytes: int = files_module.DEFAULT_MAX_BYTES) -> bytes:
        counted[path] = counted.get(path, 0) + 1
        return original(path, max_bytes)

    monkeypatch.setattr(files_module, "read_limited", counting)
    return counted


def test_a_file_is_read_once_with_the_cache_cold_warm_or_changed(
    tmp_path: Path, reads: dict[str, int]
) -> None:
    _two_copies(tmp_path)
    settings = Settings(root=tmp_path, extend_select=("duplicate-lead-across-files",))
    how = RunSettings(cache=True, jobs=1)

    def lint() -> list[tuple[str, str]]:
        reads.clear()
        run = lint_paths(settings, [str(tmp_path)], how)
        return sorted((Path(f.path).name, f.rule) for f in run.result.findings)

    first = lint()
    assert _under(tmp_path, reads) == {"a.txt": 1, "b.txt": 1}
    assert ("b.txt", "duplicate-lead-across-files") in first and ("a.txt", "repeated-word") in first
    assert lint() == first  # from the cache: the cross-file rule summarises the bytes read for the hash
    assert _under(tmp_path, reads) == {"a.txt": 1, "b.txt": 1}
    (tmp_path / "a.txt").write_text(ARTICLE.format(lead=LEAD).replace("the the", "the"), encoding="utf-8")
    changed = lint()
    assert _under(tmp_path, reads) == {
        "a.txt": 1,
        "b.txt": 1,
    }  # the changed file is linted from the bytes hashed
    assert ("a.txt", "repeated-word") not in changed and ("b.txt", "duplicate-lead-across-files") in changed


def test_the_cache_never_reads_past_the_size_limit(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(ARTICLE.format(lead=LEAD), encoding="utf-8")
    settings = _settings(tmp_path)
    lint_paths(settings, [str(tmp_path)], RunSettings(cache=True, jobs=1))
    (tmp_path / "a.txt").write_text(ARTICLE.format(lead=LEAD) * 50, encoding="utf-8")
    run = lint_paths(settings, [str(tmp_path)], RunSettings(cache=True, jobs=1, max_bytes=1000))
    assert [e.message for e in run.result.errors] == [files_module.too_large(1000)]


def test_snippets_come_from_the_runs_documents(tmp_path: Path, reads: dict[str, int]) -> None:
    _two_copies(tmp_path)
    (tmp_path / "c.md").write_text("Code\n\n```\nthe the\n```\n\nAnd the the end.\n", encoding="utf-8")
    settings = Settings(
        root=tmp_path, include=("*.txt", "*.md"), extend_select=("duplicate-lead-across-files",)
    )
    run = lint_paths(settings, [str(tmp_path)], RunSettings(snippets=True, jobs=1))
    assert _under(tmp_path, reads) == {"a.txt": 1, "b.txt": 1, "c.md": 1}
    shown = {(Path(p).name, line): text for (p, line), text in run.result.snippets.items()}
    assert shown[("b.txt", 3)] == LEAD  # a cross-file finding's line too
    assert shown[("a.txt", 5)] == "The minister said the the talks would resume."
    assert shown[("c.md", 7)] == "And the the end."
    assert not lint_paths(settings, [str(tmp_path)], RunSettings(jobs=1)).result.snippets  # only when asked


def test_a_wire_xml_findings_snippet_is_the_xml_line(tmp_path: Path) -> None:
    (tmp_path / "story.xml").write_text(NITF, encoding="utf-8")
    run = lint_paths(_settings(tmp_path), [str(tmp_path / "story.xml")], RunSettings(snippets=True))
    [finding] = [f for f in run.result.findings if f.rule == "repeated-word"]
    assert finding.line == 6
    assert (
        run.result.snippets[(finding.path, 6)] == "      <p>The minister said the the talks would resume.</p>"
    )


def test_fixed_files_show_their_fixed_lines(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "a.txt").write_text("Talks\n\nThe the council met on Septemeber 4.\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    args = ["check", "--no-cache", "--no-progress", "--fix", "--output-format", "full", "a.txt"]
    result = CliRunner().invoke(app, [*args, "--select", "repeated-word,date-misspelled-month"])
    assert (tmp_path / "a.txt").read_text(encoding="utf-8") == "Talks\n\nThe council met on Septemeber 4.\n"
    assert "3 | The council met on Septemeber 4." in result.stdout  # the line as fixed, not as read


def test_formats_are_what_a_path_holds_and_each_gives_documents(tmp_path: Path) -> None:
    assert FORMATS == ("text", "wire-xml", "records")
    assert [format_of(p) for p in ("a.TXT", "b.nitf", "c.jsonl.gz", "d.md")] == [
        "text",
        "wire-xml",
        "records",
        "text",
    ]
    archive = tmp_path / "all.jsonl"
    archive.write_text(json.dumps({"text": "One\n\nBody."}) + "\n{bad\n" + json.dumps({"text": "Two"}) + "\n")
    items = list(documents_of(str(archive), max_bytes=1000, fields=RecordFields()))
    assert [type(i).__name__ for i in items] == ["SourceDocument", "FileError", "SourceDocument"]
    bad = items[1]
    assert isinstance(bad, FileError) and bad.record == "2" and bad.message.startswith("record 2:")
    first = items[0]
    assert isinstance(first, SourceDocument) and first.record is not None and first.source_lines() == ()
    [gone] = documents_of(str(tmp_path / "missing.txt"), max_bytes=1000)
    assert isinstance(gone, FileError) and gone.message.startswith("cannot read")
    [text] = documents_of("story.txt", b"Headline\n\nBody.\n", display="<stdin>", max_bytes=1000)
    assert isinstance(text, SourceDocument) and text.document.path == "<stdin>"
    assert text.data == b"Headline\n\nBody.\n" and text.source_lines() == ("Headline", "", "Body.", "")


def test_an_archive_on_standard_input_is_read_from_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)  # no feed.jsonl here: the records come from standard input
    feed = json.dumps({"text": "Talks\n\nThe the talks went on."}) + "\n"
    args = [
        "check",
        "--no-cache",
        "--no-progress",
        "--select",
        "repeated-word",
        "-",
        "--stdin-filename",
        "feed.jsonl",
    ]
    result = CliRunner().invoke(app, args, input=feed)
    assert result.stdout.startswith("feed.jsonl#1:3:5: warning [repeated-word]")
    assert "cannot read" not in result.stderr
