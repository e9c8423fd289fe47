"""Running the real newslint entry point in a subprocess, for CLI tests."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def run_newslint(
    *args: str, cwd: Path | None = None, stdin: str | None = None
) -> subprocess.CompletedProcess[str]:
    """``python -m newslint ARGS`` with this checkout importable, as a user would run it."""
    env = {**os.environ, "PYTHONPATH": str(REPO) + os.pathsep + os.environ.get("PYTHONPATH", "")}
    env.pop("NO_COLOR", None)
    return subprocess.run(
        [sys.executable, "-m", "newslint", *args],
        cwd=cwd or REPO,
        input=stdin,
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
    )
