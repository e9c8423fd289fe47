"""The pre-commit hook, through the real ``pre-commit try-repo`` against this checkout."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from helpers import REPO

pytestmark = pytest.mark.slow
_SIBLING = Path(sys.executable).parent / "pre-commit"
PRE_COMMIT = str(_SIBLING) if _SIBLING.exists() else shutil.which("pre-commit")


def git(*args: str, cwd: Path, env: dict[str, str]) -> None:
    subprocess.run(["git", *args], cwd=cwd, env=env, check=True, capture_output=True)


@pytest.mark.skipif(
    PRE_COMMIT is None or shutil.which("git") is None,
    reason="needs git (apt-get install git) and pre-commit (python -m pip install -e '.[test]')",
)
def test_hook_fails_on_a_defect_and_passes_after_the_fix(tmp_path: Path) -> None:
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@example.invalid",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@example.invalid",
        "PRE_COMMIT_HOME": str(tmp_path / "cache"),
    }
    repo = tmp_path / "desk"
    repo.mkdir()
    git("init", "-q", cwd=repo, env=env)
    article = repo / "story.txt"
    article.write_text("Talks resume\n\nNegotiators said the the talks would resume on Monday.\n")
    git("add", "story.txt", cwd=repo, env=env)
    assert PRE_COMMIT is not None
    command = [PRE_COMMIT, "try-repo", str(REPO), "newslint", "--files", "story.txt"]
    failed = subprocess.run(command, cwd=repo, env=env, capture_output=True, text=True, timeout=900)
    assert failed.returncode == 1, failed.stdout + failed.stderr
    assert "repeated-word" in failed.stdout
    article.write_text("Talks resume\n\nNegotiators said the talks would resume on Monday.\n")
    git("add", "story.txt", cwd=repo, env=env)
    passed = subprocess.run(command, cwd=repo, env=env, capture_output=True, text=True, timeout=900)
    assert passed.returncode == 0, passed.stdout + passed.stderr
