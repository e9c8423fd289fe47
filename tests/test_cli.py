"""The CLI through the real entry point (``python -m newslint``), as users and CI call it."""

from __future__ import annotations

import concurrent.futures
import json
from pathlib import Path
from typing import Any

import pytest
from helpers import REPO, run_newslint

from newslint.run.runner import POOL_THRESHOLD

DEFECT = "Budget talks resume\n\nThe minister said the the talks would resume on Monday.\n"
CLEAN = "Budget talks resume\n\nThe minister said the talks would resume on Monday.\n"
FINDING_KEYS = {
    "path",
    "line",
    "column",
    "end_line",
    "end_column",
    "rule",
    "category",
    "severity",
    "message",
    "suggestions",
    "related",
}


@pytest.fixture
def copy_dir(tmp_path: Path) -> Path:
    (tmp_path / "copy").mkdir()
    (tmp_path / "copy" / "bad.txt").write_text(DEFECT)
    (tmp_path / "copy" / "good.txt").write_text(CLEAN)
    (tmp_path / "copy" / "notes.rst").write_text(DEFECT)  # not included by default
    return tmp_path


def test_text_output_and_exit_status(copy_dir: Path) -> None:
    result = run_newslint("check", "--select", "repeated-word", "copy", cwd=copy_dir)
    assert result.returncode == 1, result.stderr
    assert result.stdout.splitlines()[0] == "copy/bad.txt:3:23: warning [repeated-word] Repeated word 'the'"
    assert "1 finding in 2 files" in result.stdout
    clean = run_newslint("check", "--select", "repeated-word", "copy/good.txt", cwd=copy_dir)
    assert clean.returncode == 0 and "0 findings in 1 file" in clean.stdout


def test_json_follows_the_contract(copy_dir: Path) -> None:
    result = run_newslint("check", "--format", "json", "copy", cwd=copy_dir)
    data = json.loads(result.stdout)
    assert data["version"] == 1 and data["errors"] == []
    assert data["summary"]["files"] == 2
    assert data["findings"], "the repeated word must be found"
    for finding in data["findings"]:
        assert set(finding) == FINDING_KEYS
        assert finding["path"].startswith("copy/")
        assert 1 <= finding["line"] <= finding["end_line"]
    assert any(f["rule"] == "repeated-word" and f["line"] == 3 for f in data["findings"])


def test_jsonl_and_github_formats(copy_dir: Path) -> None:
    jsonl = run_newslint("check", "--format", "jsonl", "--select", "repeated-word", "copy", cwd=copy_dir)
    [line] = jsonl.stdout.splitlines()
    assert json.loads(line)["rule"] == "repeated-word"
    github = run_newslint("check", "--format", "github", "--select", "repeated-word", "copy", cwd=copy_dir)
    assert github.stdout.startswith("::warning file=copy/bad.txt,line=3,col=23,endLine=3,endColumn=26,")


def test_stdin_with_stdin_filename() -> None:
    result = run_newslint(
        "check", "--select", "repeated-word", "--stdin-filename", "wire/story.txt", "-", stdin=DEFECT
    )
    assert result.returncode == 1
    assert result.stdout.startswith("wire/story.txt:3:23:")


def test_unreadable_files_are_reported_and_others_still_linted(copy_dir: Path) -> None:
    (copy_dir / "copy" / "binary.txt").write_bytes(b"\x00\x01\x02\x03")
    (copy_dir / "copy" / "latin1.txt").write_bytes(b"Caf\xe9 opens\n")
    result = run_newslint("check", "--format", "json", "--select", "repeated-word", "copy", cwd=copy_dir)
    data = json.loads(result.stdout)
    assert result.returncode == 1
    assert {e["path"] for e in data["errors"]} == {"copy/binary.txt", "copy/latin1.txt"}
    assert [f["path"] for f in data["findings"]] == ["copy/bad.txt"]
    text = run_newslint("check", "--select", "repeated-word", "copy/latin1.txt", cwd=copy_dir)
    assert text.returncode == 1 and "copy/latin1.txt: not UTF-8 text" in text.stderr
    assert "Traceback" not in text.stderr


def test_odd_but_valid_files_lint_without_error(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_text("")
    (tmp_path / "nofinal.txt").write_text("Headline\n\nBody without final newline.")
    (tmp_path / "crlf.txt").write_bytes(b"Headline\r\n\r\nThe the body.\r\n")
    (tmp_path / "bom.txt").write_bytes("\ufeffHeadline\n\nThe the body.\n".encode())
    result = run_newslint("check", "--format", "json", "--select", "repeated-word", str(tmp_path))
    data = json.loads(result.stdout)
    assert data["errors"] == [] and data["summary"]["files"] == 4
    assert sorted((Path(f["path"]).name, f["line"], f["column"]) for f in data["findings"]) == [
        ("bom.txt", 3, 5),
        ("crlf.txt", 3, 5),
    ]


@pytest.mark.slow
def test_a_single_ten_megabyte_line(tmp_path: Path) -> None:
    line = ("The council met on Monday and agreed the plan. " * 220_000)[:10_000_000]
    (tmp_path / "big.txt").write_text("Headline\n\n" + line)
    result = run_newslint("check", "--format", "json", str(tmp_path / "big.txt"))
    assert result.returncode in (0, 1), result.stderr
    assert json.loads(result.stdout)["errors"] == []


def test_output_is_the_same_whatever_jobs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Both runs lint every file (no result cache), and the second really goes through the pool."""
    pools: list[int] = []

    class CountedPool(concurrent.futures.ProcessPoolExecutor):
        def __init__(self, workers: int, **kwargs: Any) -> None:
            pools.append(workers)
            super().__init__(workers, **kwargs)

    monkeypatch.setattr(concurrent.futures, "ProcessPoolExecutor", CountedPool)
    for i in range(POOL_THRESHOLD + 16):
        (tmp_path / f"a{i:02}.txt").write_text(DEFECT if i % 3 else CLEAN)
    one = run_newslint("check", "--no-cache", "--format", "json", "--jobs", "1", str(tmp_path))
    assert pools == []
    two = run_newslint("check", "--no-cache", "--format", "json", "--jobs", "2", str(tmp_path))
    assert pools == [2], "the --jobs 2 run did not use the process pool"
    assert one.stdout == two.stdout and json.loads(one.stdout)["findings"]


def test_bad_rule_file_exits_2_naming_file_and_line(tmp_path: Path) -> None:
    rules = tmp_path / "house"
    rules.mkdir()
    (rules / "r.yaml").write_text(
        "id: x\nkind: existence\ncategory: style\nseverity: warning\nmessage: m\nsummary: s\nwhy: w\n"
        "options:\n  patterns: ['(']\nexamples: {bad: [a], good: [b]}\n"
    )
    (tmp_path / ".newslint.yaml").write_text("rule-paths: [house]\n")
    (tmp_path / "a.txt").write_text(CLEAN)
    result = run_newslint("check", "a.txt", cwd=tmp_path)
    assert result.returncode == 2
    assert f"{rules / 'r.yaml'}:9: invalid regex" in result.stderr
    (rules / "r.yaml").write_text((rules / "r.yaml").read_text() + "bogus: 1\n")
    result = run_newslint("check", "a.txt", cwd=tmp_path)
    assert result.returncode == 2 and "r.yaml:11: unknown key 'bogus'" in result.stderr


def test_bad_config_and_usage_errors_exit_2(tmp_path: Path) -> None:
    (tmp_path / ".newslint.yaml").write_text("fail-on: never\n")
    (tmp_path / "a.txt").write_text(CLEAN)
    result = run_newslint("check", "a.txt", cwd=tmp_path)
    assert result.returncode == 2 and ".newslint.yaml:1: 'fail-on' must be one of" in result.stderr
    assert run_newslint("check", "missing.txt").returncode == 2
    assert run_newslint("check", "--format", "xml", str(REPO / "README.md")).returncode == 2


def test_fail_on_controls_the_exit_status(copy_dir: Path) -> None:
    args = ("check", "--select", "repeated-word", "copy/bad.txt")
    assert run_newslint(*args, "--fail-on", "error", cwd=copy_dir).returncode == 0
    assert run_newslint(*args, "--fail-on", "info", cwd=copy_dir).returncode == 1


def test_user_rule_folder_via_config(tmp_path: Path) -> None:
    rules = tmp_path / "house"
    rules.mkdir()
    (rules / "utilise.yaml").write_text(
        "id: utilise\nkind: substitution\ncategory: style\nseverity: error\nmessage: \"Use '{suggestion}'\"\n"
        "summary: s\nwhy: w\noptions:\n  swap: {utilise: use}\n"
        'examples: {bad: [{text: "We utilise it.", fixed: "We use it."}], good: ["We use it."]}\n'
    )
    (tmp_path / ".newslint.yaml").write_text("rule-paths: [house]\nselect: [utilise]\n")
    (tmp_path / "a.txt").write_text("Plan\n\nWe utilise the plan.\n")
    result = run_newslint("check", "a.txt", cwd=tmp_path)
    assert result.stdout.startswith("a.txt:3:4: error [utilise] Use 'use'")
    tested = run_newslint("rules", "test", cwd=tmp_path)
    assert tested.returncode == 0 and "0 failed" in tested.stdout


def test_rules_explain_version_and_show_settings() -> None:
    listing = run_newslint("rules")
    assert listing.returncode == 0 and "repeated-word" in listing.stdout and "summary" in listing.stdout
    tested = run_newslint("rules", "test")
    assert tested.returncode == 0, tested.stdout
    page = run_newslint("explain", "repeated-word")
    assert "Why" in page.stdout and "Flagged" in page.stdout and "fix: safe or unsafe" in page.stdout
    assert "\nfix: safe (applied by --fix)\n" in run_newslint("explain", "could-of").stdout
    assert "\nno fix\n" in run_newslint("explain", "markup-debris").stdout
    assert "\nfix: unsafe" in run_newslint("explain", "duplicate-lead").stdout
    fix_column = {line.split()[0]: line.split()[4] for line in listing.stdout.splitlines()[1:]}
    assert fix_column["date-style"] == "safe" and fix_column["off-topic-tail"] == "unsafe"
    assert fix_column["mojibake"] == "no" and fix_column["repeated-word"] == "safe/unsafe"
    assert run_newslint("explain", "no-such-rule").returncode == 2
    assert run_newslint("--version").stdout.startswith("newslint ")
    settings = run_newslint("check", "--show-settings", "--select", "style", str(REPO / "README.md"))
    data = json.loads(settings.stdout)
    assert data["select"] == ["style"] and "repeated-word" in data["rules-enabled"]
