"""Rule folders are named after their categories; the folder names of 0.1 still select."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import run_newslint

from newslint.engine.rules import builtin_rules_dir, load_rules

IMPOSSIBLE_DATE = (
    "Fire at the harbour\n\nA fire broke out on 31 June 2023 at the harbour, the council said.\n"
)


def test_every_builtin_rule_sits_in_the_folder_of_its_category() -> None:
    misplaced = [
        (r.id, r.group, r.category) for r in load_rules([builtin_rules_dir()]) if r.group != r.category
    ]
    assert not misplaced


@pytest.mark.parametrize("selector", ["date", "dates"])
def test_a_category_and_its_former_folder_name_select_the_same_rules(tmp_path: Path, selector: str) -> None:
    (tmp_path / "a.txt").write_text(IMPOSSIBLE_DATE)
    done = run_newslint("check", "--select", selector, str(tmp_path / "a.txt"))
    assert done.returncode == 1, done.stderr
    assert "[date-impossible]" in done.stdout


def test_a_selector_naming_nothing_is_still_an_error(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(IMPOSSIBLE_DATE)
    done = run_newslint("check", "--select", "datez", str(tmp_path / "a.txt"))
    assert done.returncode == 2
    assert "'datez'" in done.stderr
