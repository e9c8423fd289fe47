"""The result cache (.newslint_cache/): it never changes what is reported, notices every change
that matters, stores only per-file findings, survives damage and concurrent runs, and is
removed by ``newslint clean`` (issue 19, item 17)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from helpers import REPO
from typer.testing import CliRunner

from newslint.cli import app
from newslint.run import runner as runner_module
from newslint.run.result_cache import CACHE_DIR

runner = CliRunner()
LEAD = "The central bank raised its main interest rate by half a point on Thursday to curb rising prices."
FILES = {
    "a.txt": "Talks resume\n\nThe minister said the the talks would resume on Septemeber 3.\n",
    "b.txt": "Clean copy\n\nThe committee met on Tuesday and agreed the budget.\n",
    "c.md": "Notes\n\nRun `teh the the` and recieve the report on Monday.\n",
    "d.txt": f"Bank raises rates\n\n{LEAD}\n\nMarkets had expected it.\n",
    "e.txt": f"Rates up again\n\n{LEAD}\n\nAnalysts were surprised.\n",
    "bad.txt": "caf\xe9\n",
}


@pytest.fixture
def copy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "copy"
    folder.mkdir()
    for name, text in FILES.items():
        (folder / name).write_bytes(text.encode("latin-1" if name == "bad.txt" else "utf-8"))
    monkeypatch.chdir(tmp_path)
    return folder


def run_json(*args: str) -> dict:  # type: ignore[type-arg]
    result = runner.invoke(app, ["check", "--format", "json", "--no-progress", *args])
    assert result.exit_code in (0, 1), result.stderr
    return json.loads(result.stdout)  # type: ignore[no-any-return]


def test_cached_and_uncached_runs_report_the_same(copy: Path) -> None:
    args = ("--extend-select", "duplicate-lead-across-files", "copy")
    uncached = run_json("--no-cache", *args)
    assert not (copy.parent / CACHE_DIR).exists()  # --no-cache writes nothing
    first = run_json(*args)
    second = run_json(*args)  # every file from the cache
    assert uncached == first == second
    rules = {f["rule"] for f in second["findings"]}
    assert {"repeated-word", "duplicate-lead-across-files"} <= rules  # cross-file still found
    assert second["errors"] and second["errors"][0]["path"].endswith("bad.txt")
    assert (copy.parent / CACHE_DIR / ".gitignore").read_text().splitlines()[-1] == "*"


def test_a_cached_run_does_not_lint_again(copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    run_json("copy")
    linted: list[str] = []
    original = runner_module.lint_one

    def counting(linter, path, *args, **kwargs):  # type: ignore[no-untyped-def]
        linted.append(path)
        return original(linter, path, *args, **kwargs)

    monkeypatch.setattr(runner_module, "lint_one", counting)
    run_json("copy")
    assert linted == [str(Path("copy") / "bad.txt")]  # only the file that could not be read
    (copy / "b.txt").write_text("Clean copy\n\nThe the committee met.\n")
    linted.clear()
    data = run_json("copy")
    assert str(Path("copy") / "b.txt") in linted
    assert any(f["path"].endswith("b.txt") and f["rule"] == "repeated-word" for f in data["findings"])


def test_changing_the_rules_or_options_is_a_new_key(copy: Path) -> None:
    run_json("copy")
    (copy.parent / ".newslint.yaml").write_text("rules:\n  repeated-word: error\n")
    data = run_json("copy")
    assert {f["severity"] for f in data["findings"] if f["rule"] == "repeated-word"} == {"error"}
    (copy.parent / ".newslint.yaml").write_text("ignore: [repeated-word]\n")
    assert not any(f["rule"] == "repeated-word" for f in run_json("copy")["findings"])


def test_an_accept_file_edit_is_seen(copy: Path) -> None:
    (copy.parent / "names.txt").write_text("zzz\n")
    (copy.parent / ".newslint.yaml").write_text(
        "rules:\n  spelling:\n    options:\n      accept_files: [names.txt]\n"
    )
    (copy / "n.txt").write_text("Visit\n\nThe goverment met on Monday.\n")
    before = [f for f in run_json("copy/n.txt")["findings"] if f["rule"] == "spelling"]
    (copy.parent / "names.txt").write_text("goverment\n")
    os.utime(copy.parent / "names.txt", ns=(1, 1))  # a different time stamp, whatever the clock
    after = [f for f in run_json("copy/n.txt")["findings"] if f["rule"] == "spelling"]
    assert before and not after


def test_a_damaged_cache_only_costs_the_work(copy: Path) -> None:
    expected = run_json("copy")
    for entry in (copy.parent / CACHE_DIR).glob("results-*"):
        entry.write_bytes(b"\x00garbage")
    assert run_json("copy") == expected
    for entry in (copy.parent / CACHE_DIR).glob("results-*"):
        entry.write_bytes(__import__("marshal").dumps({"copy/a.txt": ("x", (("bad",),))}))
    assert run_json("copy") == expected


@pytest.mark.slow  # three real processes at once (CI runs it; the quick loop keeps to in-process runs)
def test_concurrent_runs_leave_a_usable_cache(copy: Path) -> None:
    """Three real processes at once, all writing the cache: each reports what an uncached run
    does, and the cache left behind is whole."""
    expected = run_json("--no-cache", "copy")
    env = {**os.environ, "PYTHONPATH": str(REPO) + os.pathsep + os.environ.get("PYTHONPATH", "")}
    argv = [sys.executable, "-m", "newslint", "check", "--format", "json", "--no-progress", "copy"]
    procs = [
        subprocess.Popen(argv, cwd=copy.parent, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        for _ in range(3)
    ]
    outputs = [p.communicate(timeout=300)[0] for p in procs]
    assert all(json.loads(out) == expected for out in outputs)
    assert run_json("copy") == expected
    assert not [p for p in (copy.parent / CACHE_DIR).iterdir() if p.suffix == ".tmp"]


def test_clean_removes_the_cache(copy: Path) -> None:
    run_json("copy")
    assert (copy.parent / CACHE_DIR).is_dir()
    result = runner.invoke(app, ["clean"])
    assert result.exit_code == 0 and "removed" in result.stdout
    assert not (copy.parent / CACHE_DIR).exists()
    assert "no cache" in runner.invoke(app, ["clean"]).stdout


def test_the_run_key_covers_encoding_and_options() -> None:
    from dataclasses import replace

    from newslint.config.config import Settings
    from newslint.engine.ruleset import resolve_rules
    from newslint.run.result_cache import run_key

    rules = resolve_rules(Settings())
    assert run_key(rules, None) == run_key(rules, None)
    assert run_key(rules, None) != run_key(rules, "latin-1")
    changed = [
        replace(r, options={**r.options, "min_length": 5}) if r.id == "repeated-word" else r for r in rules
    ]
    assert run_key(rules, None) != run_key(changed, None)
