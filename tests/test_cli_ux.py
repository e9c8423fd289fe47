"""What a new user meets first (issue #26), through the real ``newslint check`` entry point:
excludes that hold for named files, accept lists, empty input, .gitignore, ruff-like options."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

from helpers import run_newslint

TYPO = "Talks resume\n\nNegotiators said they would recieve the the report on Monday.\n"


def finding_lines(out: str) -> list[str]:
    return [line for line in out.splitlines() if re.match(r"\S+:\d+:\d+: ", line)]


def project(tmp_path: Path, config: str = 'exclude: ["archive/*"]\n') -> Path:
    (tmp_path / ".newslint.yaml").write_text(config)
    (tmp_path / "archive").mkdir()
    (tmp_path / "archive" / "old.txt").write_text(TYPO)
    (tmp_path / "new.txt").write_text(TYPO)
    return tmp_path


def test_force_exclude_applies_the_config_exclude_to_named_files(tmp_path: Path) -> None:
    root = project(tmp_path)
    named = run_newslint("check", "archive/old.txt", "new.txt", cwd=root)
    assert any(line.startswith("archive/old.txt:") for line in finding_lines(named.stdout))
    forced = run_newslint("check", "--force-exclude", "archive/old.txt", "new.txt", cwd=root)
    assert forced.returncode == 1, forced.stderr
    assert finding_lines(forced.stdout) and all(
        line.startswith("new.txt:") for line in finding_lines(forced.stdout)
    )
    # from a sub-folder, the globs are still read from the configuration's folder
    only = run_newslint("check", "--force-exclude", "old.txt", cwd=root / "archive")
    assert only.returncode == 0 and finding_lines(only.stdout) == [], only.stdout


def test_force_exclude_applies_to_the_stdin_filename(tmp_path: Path) -> None:
    """As ruff: an editor piping an excluded file gets nothing flagged, and its text back with --fix."""
    root = project(tmp_path)
    args = ("check", "--stdin-filename", "archive/new.txt", "-")
    assert run_newslint(*args, cwd=root, stdin=TYPO).returncode == 1
    skipped = run_newslint("check", "--force-exclude", *args[1:], cwd=root, stdin=TYPO)
    assert skipped.returncode == 0 and finding_lines(skipped.stdout) == [], skipped.stdout
    fixed = run_newslint("check", "--force-exclude", "--fix", *args[1:], cwd=root, stdin=TYPO)
    assert fixed.returncode == 0 and fixed.stdout == TYPO, fixed.stdout
    linted = run_newslint(
        "check", "--force-exclude", "--fix", "--stdin-filename", "new.txt", "-", cwd=root, stdin=TYPO
    )
    assert "the the" not in linted.stdout and "receive" in linted.stdout


def test_force_exclude_in_the_config_and_excluded_folders(tmp_path: Path) -> None:
    root = project(tmp_path, 'exclude: ["archive"]\nforce-exclude: true\n')
    result = run_newslint("check", "archive/old.txt", cwd=root)
    assert result.returncode == 0 and finding_lines(result.stdout) == [], result.stdout
    (tmp_path / "x").mkdir()
    bad = project(tmp_path / "x", "force-exclude: yes please\n")
    error = run_newslint("check", "new.txt", cwd=bad)
    assert error.returncode == 2 and "'force-exclude' must be true or false" in error.stderr


def test_capitalised_accept_entries_match_as_written(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Trade talks\n\nThe minister said Britian would sign on Monday.\n")
    (tmp_path / "b.txt").write_text("Trade talks\n\nThe minister said britian would sign on Monday.\n")
    flagged = run_newslint("check", "a.txt", cwd=tmp_path)
    assert "'Britian'" in flagged.stdout, flagged.stdout
    (tmp_path / ".newslint.yaml").write_text("rules:\n  spelling:\n    options: {accept: [Britian]}\n")
    accepted = run_newslint("check", "a.txt", "b.txt", cwd=tmp_path)
    # exactly as written: the Capitalised entry does not accept the lowercase slip
    assert [line.split(":")[0] for line in finding_lines(accepted.stdout)] == ["b.txt"], accepted.stdout
    (tmp_path / ".newslint.yaml").write_text("rules:\n  spelling:\n    options: {accept: [britian]}\n")
    folded = run_newslint("check", "a.txt", "b.txt", cwd=tmp_path)
    assert finding_lines(folded.stdout) == [], folded.stdout


def test_a_learned_vocabulary_silences_its_capitalised_names(tmp_path: Path) -> None:
    archive = tmp_path / "archive"
    archive.mkdir()
    for n in range(3):
        (archive / f"{n}.txt").write_text(
            f"Story {n}\n\nThe Quorvath family met the Zelnik board on Monday.\n"
        )
    learned = run_newslint("vocab", "learn", "archive", "-o", "names.txt", cwd=tmp_path)
    assert learned.returncode == 0, learned.stderr
    assert "Quorvath" in (tmp_path / "names.txt").read_text()
    (tmp_path / "new.txt").write_text("Board meets\n\nThe Quorvath family met the board on Monday.\n")
    (tmp_path / ".newslint.yaml").write_text(
        "exclude: [archive]\nrules:\n  spelling:\n    options: {accept_files: [names.txt]}\n"
    )
    result = run_newslint("check", "--select", "spelling", "new.txt", cwd=tmp_path)
    assert "Quorvath" not in result.stdout, result.stdout


def test_a_folder_with_nothing_to_lint_and_an_empty_file_are_said(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    (tmp_path / "empty" / "notes.csv.bak").write_text("x")
    (tmp_path / "blank.txt").write_text("")
    folder = run_newslint("check", "empty", cwd=tmp_path)
    assert folder.returncode == 0  # as ruff: a warning, not a failure
    assert "newslint: warning: no files to lint under empty" in folder.stderr
    blank = run_newslint("check", "blank.txt", cwd=tmp_path)
    assert blank.returncode == 0 and "newslint: warning: blank.txt is empty" in blank.stderr
    quiet = run_newslint("check", "-q", "empty", cwd=tmp_path)
    assert quiet.stderr == ""


def test_folder_walks_respect_gitignore(tmp_path: Path) -> None:
    subprocess.run(["git", "init", "-q"], cwd=tmp_path, check=True)
    (tmp_path / ".gitignore").write_text("build/\n*.tmp.txt\n!keep.tmp.txt\n")
    for name in ("build/gen.txt", "copy/draft.tmp.txt", "copy/keep.tmp.txt", "copy/story.txt"):
        (tmp_path / name).parent.mkdir(exist_ok=True)
        (tmp_path / name).write_text(TYPO)
    (tmp_path / "copy" / ".gitignore").write_text("story.txt\n")

    def linted(*args: str, cwd: Path = tmp_path) -> set[str]:
        out = run_newslint("check", "--format", "json", "--no-cache", *args, cwd=cwd).stdout
        return {f["path"] for f in __import__("json").loads(out)["findings"]}

    assert linted(".") == {"./copy/keep.tmp.txt"}
    assert linted("copy", cwd=tmp_path) == {"copy/keep.tmp.txt"}  # the .gitignore above counts too
    every = {"./build/gen.txt", "./copy/draft.tmp.txt", "./copy/keep.tmp.txt", "./copy/story.txt"}
    assert linted("--no-respect-gitignore", ".") == every
    (tmp_path / ".newslint.yaml").write_text("respect-gitignore: false\n")
    assert linted(".") == every
    assert linted("build", "--respect-gitignore") == {"build/gen.txt"}  # a folder named is walked


def test_show_fixes_lists_each_fix(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(TYPO)
    result = run_newslint("check", "--fix", "--show-fixes", "a.txt", cwd=tmp_path)
    assert "applied 2 fixes to 1 file" in result.stderr, result.stderr
    assert "  a.txt:3 repeated-word: ' the' -> ''\n" in result.stderr
    assert "  a.txt:3 spelling: 'recieve' -> 'receive'\n" in result.stderr
    assert "the the" not in (tmp_path / "a.txt").read_text()
    (tmp_path / "b.txt").write_text(TYPO)
    diff = run_newslint("check", "--diff", "--show-fixes", "b.txt", cwd=tmp_path)
    assert (
        "  b.txt:3 repeated-word: ' the' -> ''\n" in diff.stderr and (tmp_path / "b.txt").read_text() == TYPO
    )
    plain = run_newslint("check", "--fix", "b.txt", cwd=tmp_path)
    assert "->" not in plain.stderr


def test_cli_exclude_per_file_ignores_and_accept(tmp_path: Path) -> None:
    root = project(tmp_path)
    (root / "README.txt").write_text(TYPO)
    # --exclude replaces the config's list, as ruff's does; --extend-exclude adds to it
    replaced = run_newslint("check", "--exclude", "new.txt", ".", cwd=root)
    assert {line.split(":")[0] for line in finding_lines(replaced.stdout)} == {
        "./archive/old.txt",
        "./README.txt",
    }
    extended = run_newslint("check", "--extend-exclude", "new.txt", "--extend-exclude", "x/*", ".", cwd=root)
    assert {line.split(":")[0] for line in finding_lines(extended.stdout)} == {"./README.txt"}
    ignored = run_newslint(
        "check", "--per-file-ignores", "new.txt:repeated-word,could-of", "new.txt", cwd=root
    )
    assert [line.split()[2] for line in finding_lines(ignored.stdout)] == ["[spelling]"]
    accepted = run_newslint("check", "-L", "recieve,zorbl", "--accept", "other", "new.txt", cwd=root)
    assert [line.split()[2] for line in finding_lines(accepted.stdout)] == ["[repeated-word]"]
    bad = run_newslint("check", "--per-file-ignores", "new.txt", "new.txt", cwd=root)
    assert bad.returncode == 2 and "GLOB:RULE" in bad.stderr
    typo = run_newslint("check", "--per-file-ignores", "new.txt:spellin", "new.txt", cwd=root)
    assert typo.returncode == 2 and "'spellin'" in typo.stderr


def test_check_without_a_path_lints_the_working_folder(tmp_path: Path) -> None:
    project(tmp_path)
    result = run_newslint("check", cwd=tmp_path)
    assert result.returncode == 1
    assert {line.split(":")[0] for line in finding_lines(result.stdout)} == {"./new.txt"}


def test_help_lists_every_format() -> None:
    text = " ".join(run_newslint("check", "--help").stdout.split())
    for name in ("json", "jsonl", "github", "sarif", "junit", "parquet"):
        assert name in text
    for option in ("--force-exclude", "--show-fixes", "--exclude", "--per-file-ignores", "--accept", "-L"):
        assert option in text
