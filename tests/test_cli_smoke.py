"""A few real-subprocess runs of ``python -m newslint``: the process entry point, pipes, exit codes.

Every other CLI test runs the same typer app in-process (tests/helpers.py); these keep the
parts only a real process has (``main``'s exit path, standard streams as pipes) under test.
"""

from __future__ import annotations

import json
from pathlib import Path

from helpers import run_newslint_subprocess

ARTICLE = "Talks resume\n\nThe minister said the the talks would resume on Monday.\n"


def test_check_reports_a_finding_and_exits_1(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(ARTICLE)
    done = run_newslint_subprocess(
        "check", "--select", "repeated-word", "--format", "json", "a.txt", cwd=tmp_path
    )
    assert done.returncode == 1, done.stderr
    [finding] = json.loads(done.stdout)["findings"]
    assert (finding["path"], finding["line"], finding["rule"]) == ("a.txt", 3, "repeated-word")


def test_fix_on_a_pipe_prints_the_fixed_text(tmp_path: Path) -> None:
    done = run_newslint_subprocess(
        "check", "--select", "repeated-word", "--fix", "-", cwd=tmp_path, stdin=ARTICLE
    )
    assert done.stdout == ARTICLE.replace("the the", "the")
    assert done.returncode == 0, done.stderr


def test_bad_config_exits_2_with_a_message_not_a_traceback(tmp_path: Path) -> None:
    (tmp_path / ".newslint.yaml").write_text("select: [\n")
    (tmp_path / "a.txt").write_text(ARTICLE)
    done = run_newslint_subprocess("check", "a.txt", cwd=tmp_path)
    assert done.returncode == 2
    assert done.stderr.startswith("newslint: ") and ".newslint.yaml" in done.stderr
    assert "Traceback" not in done.stderr


def test_version_and_clean_exit() -> None:
    done = run_newslint_subprocess("--version")
    assert done.returncode == 0 and done.stdout.startswith("newslint ")
