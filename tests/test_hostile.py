"""Hostile files and data never hang, crash or damage: the table in ``hostile_cases.py``.

Quick: every case through the CLI in this process (exit status, message, files afterwards,
time).  Slow: every case again through ``python -X dev -m newslint`` in a fresh process, where
any traceback or warning on standard error fails it.  The counts per section are printed by
``test_table_counts`` (run with ``-s`` to see them).
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pytest
from helpers import REPO
from hostile_cases import CASES, SECONDS, Case, build
from typer.testing import CliRunner

from newslint.cli import app

IS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0


def _env(case: Case, folder: Path) -> dict[str, str]:
    return {k: v.replace("{folder}", str(folder)) for k, v in case.env.items()}


def _judge(case: Case, folder: Path, code: int, output: str, seconds: float) -> None:
    assert "Traceback" not in output, output
    assert seconds < SECONDS, f"took {seconds:.1f} s"
    assert code == case.code, f"exit {code}, wanted {case.code}:\n{output}"
    assert re.search(case.expect, output), f"{case.expect!r} not in:\n{output}"
    if case.after is not None:
        case.after(folder, output)


def _subprocess(case: Case, folder: Path, *flags: str) -> tuple[int, str, float]:
    env = {**os.environ, "PYTHONPATH": str(REPO), **_env(case, folder)}
    env.pop("NO_COLOR", None)
    started = time.monotonic()
    proc = subprocess.run(
        [sys.executable, *flags, "-m", "newslint", *case.args],
        cwd=folder,
        input=case.stdin or b"",
        capture_output=True,
        env=env,
        timeout=SECONDS * 2,
    )
    output = proc.stderr.decode("utf-8", "replace") + proc.stdout.decode("utf-8", "replace")
    return proc.returncode, output, time.monotonic() - started


def _prepare(case: Case, tmp_path: Path) -> Path:
    if case.unless_root and IS_ROOT:
        pytest.skip("permission denial does not apply to root (see test_unreadable_folder_when_root)")
    folder = tmp_path / "case"
    folder.mkdir()
    build(case, folder)
    return folder


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_hostile_case(case: Case, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    if case.slow:
        pytest.skip("slow: run by test_hostile_case_under_dev_mode")
    folder = _prepare(case, tmp_path)
    if not case.in_process:
        _judge(case, folder, *_subprocess(case, folder))
        return
    monkeypatch.chdir(folder)
    monkeypatch.setattr("newslint.core.patterns.MATCH_TIMEOUT", 0.3)  # the slow run keeps the real limit
    started = time.monotonic()
    result = CliRunner(env=_env(case, folder)).invoke(app, list(case.args), input=case.stdin)
    seconds = time.monotonic() - started
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    _judge(case, folder, result.exit_code, result.stderr + result.stdout, seconds)


@pytest.mark.slow
@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_hostile_case_under_dev_mode(case: Case, tmp_path: Path) -> None:
    """The real entry point with ``-X dev``: no traceback and no warning of any kind."""
    folder = _prepare(case, tmp_path)
    code, output, seconds = _subprocess(case, folder, "-X", "dev")
    assert "Warning" not in output, output
    _judge(case, folder, code, output, seconds)


@pytest.mark.skipif(not IS_ROOT, reason="the table's unreadable-folder case runs for real")
def test_unreadable_folder_when_root(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Root reads a chmod 000 folder anyway, so the denial is simulated where the walk lists it."""
    (tmp_path / "copy/locked").mkdir(parents=True)
    (tmp_path / "copy/a.txt").write_text("Headline\n\nThe the end.\n")
    (tmp_path / "copy/locked/b.txt").write_text("Headline\n\nThe the end.\n")
    real_scandir = os.scandir

    def scandir(path: str) -> object:
        if str(path).endswith("locked"):
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(app, ["check", "--no-progress", "--select", "repeated-word", "copy"])
    assert "copy/locked: cannot read folder: Permission denied" in result.stderr, result.stderr
    assert result.exit_code == 1 and "copy/a.txt:3:5: warning [repeated-word]" in result.stdout


def test_table_covers_every_section() -> None:
    counts = Counter(c.section for c in CASES)
    print("\n" + "\n".join(f"{n:>3}  {section}" for section, n in counts.items()))
    assert set(counts) >= {
        "rule files",
        "regex time limits",
        "configs",
        "data files",
        "caches",
        "links and modes",
        "output escaping",
    }
    assert len(CASES) >= 70
