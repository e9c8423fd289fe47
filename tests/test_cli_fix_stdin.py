"""``check --fix -`` and ``--diff -`` through the real entry point, and what the fix messages count."""

from __future__ import annotations

from pathlib import Path

from helpers import run_newslint

END = "\n\nThey end on 9 March and 10 March.\n"
TEXT = "Budget talks\n\nThe the minister said talks would resume on March 3." + END
FIXED = "Budget talks\n\nThe minister said talks would resume on 3 March." + END


def test_fix_on_stdin_prints_the_fixed_text_and_reports_on_stderr() -> None:
    done = run_newslint("check", "--fix", "-", stdin=TEXT)
    assert done.stdout == FIXED
    assert "applied 2 fixes to 1 file (1 line changed)" in done.stderr and "0 findings" in done.stderr
    assert done.returncode == 0


def test_fix_on_stdin_reports_what_is_left_and_fails_on_it() -> None:
    text = TEXT.replace("They end", "They meet on 31 June and end")  # an impossible date: no fix
    done = run_newslint("check", "--fix", "--stdin-filename", "wire/story.txt", "-", stdin=text)
    assert done.stdout == FIXED.replace("They end", "They meet on 31 June and end")
    assert "wire/story.txt:5:" in done.stderr and "[date-impossible]" in done.stderr
    assert done.returncode == 1


def test_fix_on_stdin_without_fixes_echoes_the_text() -> None:
    done = run_newslint("check", "--fix", "-", stdin="Quiet day\n\nNothing happened.\n")
    assert done.stdout == "Quiet day\n\nNothing happened.\n" and done.returncode == 0


def test_fix_on_stdin_never_writes_the_named_file(tmp_path: Path) -> None:
    named = tmp_path / "story.txt"
    named.write_text(TEXT)
    done = run_newslint("check", "--fix", "--stdin-filename", str(named), "-", stdin=TEXT)
    assert done.stdout == FIXED and named.read_text() == TEXT


def test_diff_on_stdin_prints_the_diff_and_exits_1() -> None:
    done = run_newslint("check", "--diff", "--stdin-filename", "story.txt", "-", stdin=TEXT)
    assert done.returncode == 1
    assert done.stdout.startswith("--- a/story.txt\n+++ b/story.txt\n")
    assert "-The the minister said talks would resume on March 3.\n" in done.stdout
    assert "+The minister said talks would resume on 3 March.\n" in done.stdout
    assert "would apply 2 fixes to 1 file" in done.stderr
    both = run_newslint("check", "--fix", "--diff", "--stdin-filename", "story.txt", "-", stdin=TEXT)
    assert both.stdout == done.stdout and both.returncode == 1  # --diff: only the diff
    clean = run_newslint("check", "--diff", "-", stdin="Quiet day\n\nNothing happened.\n")
    assert clean.returncode == 0 and clean.stdout == ""


def test_diff_counts_agree_with_the_diff(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("T\n\nThe the talks and and the the end.\n")
    (tmp_path / "b.txt").write_text("T\n\nWe could of won, he said of the the match.\n")
    done = run_newslint("check", "--diff", "a.txt", "b.txt", cwd=tmp_path)
    removed = [
        line for line in done.stdout.splitlines() if line.startswith("-") and not line.startswith("---")
    ]
    assert len(removed) == 2 and "would apply 5 fixes to 2 files (2 lines changed)" in done.stderr
    assert (tmp_path / "a.txt").read_text() == "T\n\nThe the talks and and the the end.\n"
