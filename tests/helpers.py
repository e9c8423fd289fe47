"""Running the real newslint entry point for CLI tests: in-process (fast) or as a subprocess (smoke).

Most CLI tests go through :func:`run_newslint`, which drives the very typer app the console
script runs, in this process (typer's CliRunner): same arguments, streams, exit status and
working folder as a user's run, without a new interpreter per test.  Both run in a fresh
temporary folder unless given ``cwd``, so no test writes into the checkout (``.newslint_cache/``)
or depends on what lies in it.  A handful of smoke tests
use :func:`run_newslint_subprocess` so the installed entry point, ``python -m newslint``, pipes
and the process exit path stay covered too.
"""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys
import tempfile
import traceback
from collections.abc import Iterator
from pathlib import Path

from typer.testing import CliRunner

REPO = Path(__file__).resolve().parent.parent


@contextlib.contextmanager
def _working_folder(cwd: Path | None) -> Iterator[Path]:
    """Run in ``cwd``, or in a fresh temporary folder removed afterwards."""
    before = Path.cwd()
    with contextlib.ExitStack() as stack:
        if cwd is None:
            cwd = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="newslint-cli-")))
        os.chdir(cwd)
        try:
            yield cwd
        finally:
            os.chdir(before)


def run_newslint(
    *args: str, cwd: Path | None = None, stdin: str | None = None
) -> subprocess.CompletedProcess[str]:
    """``newslint ARGS`` run in this process, as a :class:`subprocess.CompletedProcess`.

    An exception that escapes the app is written to ``stderr`` as the traceback a user would
    see (and the status is 1), so tests asserting "no traceback" still can fail.
    """
    from newslint.cli import app

    runner = CliRunner(env={"NO_COLOR": None, "FORCE_COLOR": None})
    with _working_folder(cwd):
        result = runner.invoke(app, list(args), input=stdin, catch_exceptions=True, prog_name="newslint")
    stderr = result.stderr
    code = result.exit_code
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        assert result.exc_info is not None
        stderr += "".join(traceback.format_exception(*result.exc_info))
        code = 1
    return subprocess.CompletedProcess(["newslint", *args], code, result.stdout, stderr)


def run_newslint_subprocess(
    *args: str, cwd: Path | None = None, stdin: str | None = None
) -> subprocess.CompletedProcess[str]:
    """``python -m newslint ARGS`` with this checkout importable, as a user would run it."""
    env = {**os.environ, "PYTHONPATH": str(REPO) + os.pathsep + os.environ.get("PYTHONPATH", "")}
    env.pop("NO_COLOR", None)
    with _working_folder(cwd) as folder:
        return subprocess.run(
            [sys.executable, "-m", "newslint", *args],
            cwd=folder,
            input=stdin,
            capture_output=True,
            text=True,
            env=env,
            timeout=300,
        )
