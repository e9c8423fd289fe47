"""A non-editable install (a built wheel, as pre-commit and pip users get it) finds the built-in rules."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from helpers import REPO


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "-w", str(out), str(REPO)],
        check=True,
        capture_output=True,
        timeout=300,
    )
    [built] = out.glob("newslint-*.whl")
    return built


@pytest.mark.slow
def test_wheel_ships_every_builtin_rule(wheel: Path) -> None:
    names = zipfile.ZipFile(wheel).namelist()
    shipped = {
        n.split("_builtin_rules/", 1)[1] for n in names if "/_builtin_rules/" in n and n.endswith(".yaml")
    }
    in_repo = {p.relative_to(REPO / "rules").as_posix() for p in (REPO / "rules").rglob("*.yaml")}
    assert in_repo and shipped == in_repo
    assert "newslint/vocabularies/calendar.json" in names  # the calendar the date rules name


@pytest.mark.slow
def test_installed_package_lists_and_tests_its_rules(wheel: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(site)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = {**os.environ, "PYTHONPATH": str(site)}
    code = "import newslint.engine.rules as r; print(r.builtin_rules_dir())"
    where = subprocess.run(
        [sys.executable, "-c", code], cwd=elsewhere, env=env, capture_output=True, text=True
    )
    assert where.stdout.strip().startswith(str(site)), where.stderr
    for args in (["rules"], ["rules", "test"]):
        result = subprocess.run(
            [sys.executable, "-m", "newslint", *args], cwd=elsewhere, env=env, capture_output=True, text=True
        )
        assert result.returncode == 0, result.stdout + result.stderr
    assert (
        "repeated-word"
        in subprocess.run(
            [sys.executable, "-m", "newslint", "rules"],
            cwd=elsewhere,
            env=env,
            capture_output=True,
            text=True,
        ).stdout
    )
