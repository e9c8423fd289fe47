"""The pre-commit hook through real ``pre-commit`` and ``git commit``, as the README sets it up.

A fresh repository whose ``.pre-commit-config.yaml`` is the README's snippet, pointed at a local
copy of this checkout tagged with the release version (what the README's ``rev:`` names), must
block a commit with a typo and leave a file that the configuration excludes alone; the
``repo: local`` set-up (newslint installed in the environment) must do the same.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from helpers import REPO

from newslint import __version__

pytestmark = pytest.mark.slow
_SIBLING = Path(sys.executable).parent / "pre-commit"
PRE_COMMIT = str(_SIBLING) if _SIBLING.exists() else shutil.which("pre-commit")
GIT = shutil.which("git")
needs_tools = pytest.mark.skipif(
    PRE_COMMIT is None or GIT is None,
    reason="needs git (apt-get install git) and pre-commit (python -m pip install '.[test]')",
)
TYPO = "Talks resume\n\nNegotiators said they would recieve the report on Monday.\n"
CLEAN = "Talks resume\n\nNegotiators said they would receive the report on Monday.\n"


def git(*args: str, cwd: Path, env: dict[str, str]) -> str:
    done = subprocess.run(["git", *args], cwd=cwd, env=env, check=True, capture_output=True, text=True)
    return done.stdout


def environment(tmp_path: Path) -> dict[str, str]:
    return {
        **os.environ,
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@example.invalid",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@example.invalid",
        "GIT_CONFIG_GLOBAL": str(tmp_path / "gitconfig"),  # no user hooks, signing or templates
        "PRE_COMMIT_HOME": str(tmp_path / "cache"),
        # `repo: local` runs the newslint of this environment, as an installed one would be found
        "PATH": str(Path(sys.executable).parent) + os.pathsep + os.environ.get("PATH", ""),
    }


def readme_snippet(heading: str) -> str:
    """The first YAML block of the README after ``heading``: the test runs what a user pastes."""
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    after = readme[readme.index(heading) :]
    match = re.search(r"```yaml\n(.*?)```", after, re.S)
    assert match is not None, f"no yaml block after {heading!r} in the README"
    return match.group(1)


def tagged_copy(tmp_path: Path, env: dict[str, str]) -> Path:
    """A repository holding this checkout's files as they are now, tagged ``v<version>``."""
    if not (REPO / ".git").exists():
        pytest.skip("not a git checkout of newslint: the hook is tested from one")
    listed = git("ls-files", "-z", "--cached", "--others", "--exclude-standard", cwd=REPO, env=env)
    copy = tmp_path / "newslint-src"
    for name in filter(None, listed.split("\0")):
        source = REPO / name
        if source.is_file():
            (copy / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, copy / name)
    git("init", "-q", cwd=copy, env=env)
    git("add", "-A", cwd=copy, env=env)
    git("commit", "-q", "-m", "newslint as tested", cwd=copy, env=env)
    git("tag", "-a", f"v{__version__}", "-m", f"newslint {__version__}", cwd=copy, env=env)
    return copy


def desk(tmp_path: Path, config: str, env: dict[str, str]) -> Path:
    """A fresh repository with the hook installed, an excluded archive and a story with a typo."""
    repo = tmp_path / "desk"
    (repo / "archive").mkdir(parents=True)
    git("init", "-q", cwd=repo, env=env)
    (repo / ".pre-commit-config.yaml").write_text(config)
    (repo / ".newslint.yaml").write_text('exclude: ["archive/*"]\n')
    (repo / "archive" / "old.txt").write_text(TYPO)
    (repo / "story.txt").write_text(TYPO)
    assert PRE_COMMIT is not None
    subprocess.run([PRE_COMMIT, "install"], cwd=repo, env=env, check=True, capture_output=True)
    return repo


def commit(repo: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    git("add", "-A", cwd=repo, env=env)
    return subprocess.run(
        ["git", "commit", "-m", "copy"], cwd=repo, env=env, capture_output=True, text=True, timeout=1200
    )


def blocks_the_typo_and_keeps_out_of_the_archive(repo: Path, env: dict[str, str]) -> None:
    blocked = commit(repo, env)
    output = blocked.stdout + blocked.stderr
    assert blocked.returncode != 0, output
    assert "story.txt:3:" in output and "recieve" in output, output
    assert "archive/old.txt" not in output, output  # the configuration's exclude holds
    (repo / "story.txt").write_text(CLEAN)
    passed = commit(repo, env)
    assert passed.returncode == 0, passed.stdout + passed.stderr
    assert "archive/old.txt" in git("ls-files", cwd=repo, env=env)  # committed with its typo


@needs_tools
def test_readme_snippet_pinned_to_the_release_tag(tmp_path: Path) -> None:
    env = environment(tmp_path)
    source = tagged_copy(tmp_path, env)
    snippet = readme_snippet("### As a pre-commit hook")
    assert f"rev: v{__version__}" in snippet, "the README pins the release tag"
    config = re.sub(r"repo: \S+", f"repo: {source}", snippet, count=1)
    blocks_the_typo_and_keeps_out_of_the_archive(desk(tmp_path, config, env), env)


@needs_tools
def test_readme_snippet_with_repo_local(tmp_path: Path) -> None:
    env = environment(tmp_path)
    config = readme_snippet("With newslint already installed in the environment")
    assert "repo: local" in config and "language: system" in config
    blocks_the_typo_and_keeps_out_of_the_archive(desk(tmp_path, config, env), env)
