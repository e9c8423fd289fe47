"""Overriding and extending built-in rules (issue 19, item 14): a user rule with a built-in's id
replaces it, ``extend-`` options add to a built-in's list or mapping, and ``rules test`` works on a
folder that is also in ``rule-paths`` and on the checkout's own ``rules/``."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from newslint.cli import app
from newslint.engine.rules import builtin_rules_dir

runner = CliRunner()
HOUSE_COULD_OF = """\
id: could-of
kind: substitution
category: style
severity: error
message: "House style: '{match}' should be '{suggestion}'"
summary: The house list of written-as-heard errors.
why: Our desk's own list.
options:
  swap:
    alot: a lot
examples:
  bad:
    - text: "Title\\n\\nWe had alot of rain.\\n"
      line: 3
      fixed: "Title\\n\\nWe had a lot of rain.\\n"
  good:
    - "Title\\n\\nWe had a lot of rain.\\n"
"""
ARTICLE = "Rain\n\nWe had alot of rain and could of stayed in.\n"


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "house" / "style").mkdir(parents=True)
    (tmp_path / "house" / "style" / "could-of.yaml").write_text(HOUSE_COULD_OF)
    (tmp_path / "a.txt").write_text(ARTICLE)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def findings(*args: str) -> list[dict]:  # type: ignore[type-arg]
    result = runner.invoke(app, ["check", "--no-cache", "--format", "json", *args])
    assert result.exit_code in (0, 1), result.stderr
    return json.loads(result.stdout)["findings"]  # type: ignore[no-any-return]


def test_a_user_rule_with_a_builtin_id_replaces_it(project: Path) -> None:
    before = findings("--select", "could-of", "a.txt")
    assert [f["message"] for f in before] == ["'could of' should be 'could have'"]
    (project / ".newslint.yaml").write_text("rule-paths: [house]\n")
    after = findings("--select", "could-of", "a.txt")
    assert [(f["message"], f["severity"]) for f in after] == [
        ("House style: 'alot' should be 'a lot'", "error")
    ]
    settings = json.loads(runner.invoke(app, ["check", "--show-settings"]).stdout)
    assert settings["rules-replaced"] == {"could-of": str(project / "house" / "style" / "could-of.yaml")}
    listing = runner.invoke(app, ["rules"]).stdout
    [line] = [row for row in listing.splitlines() if row.startswith("could-of ")]
    assert "The house list" in line and "(replaces " in line and "could-of.yaml)" in line


def test_two_user_rules_with_one_id_are_still_an_error(project: Path) -> None:
    (project / "more").mkdir()
    (project / "more" / "could-of.yaml").write_text(HOUSE_COULD_OF)
    (project / ".newslint.yaml").write_text("rule-paths: [house, more]\n")
    result = runner.invoke(app, ["check", "--no-cache", "a.txt"])
    assert result.exit_code == 2 and "duplicate rule id 'could-of'" in result.stderr


def test_extend_adds_to_a_builtin_mapping_option(project: Path) -> None:
    (project / ".newslint.yaml").write_text(
        "rules:\n  could-of:\n    options:\n      extend-swap: {alot: a lot}\n"
    )
    messages = sorted(f["message"] for f in findings("--select", "could-of", "a.txt"))
    assert messages == ["'alot' should be 'a lot'", "'could of' should be 'could have'"]
    (project / ".newslint.yaml").write_text("rules:\n  could-of:\n    options:\n      swap: {alot: a lot}\n")
    messages = sorted(f["message"] for f in findings("--select", "could-of", "a.txt"))
    assert messages == ["'alot' should be 'a lot'"]  # without extend-: replaced


def test_extend_adds_to_a_builtin_list_option(project: Path) -> None:
    from newslint.config.config import RuleSettings, Settings
    from newslint.engine.ruleset import all_rules, apply_settings

    rules = [r for r in all_rules(Settings()) if r.id == "spelling"]
    [base] = rules
    [extended] = apply_settings(
        rules, Settings(rules={"spelling": RuleSettings(None, {"extend-accept": ["qwghlm"]})})
    )
    assert list(extended.options["accept"]) == [*base.options["accept"], "qwghlm"]


def test_rules_test_on_a_folder_that_is_in_rule_paths(project: Path) -> None:
    (project / ".newslint.yaml").write_text("rule-paths: [house]\n")
    result = runner.invoke(app, ["rules", "test", "house"])
    assert result.exit_code == 0, result.stdout + result.stderr
    assert "0 failed" in result.stdout


def test_rules_test_on_the_builtin_folder(project: Path) -> None:
    result = runner.invoke(app, ["rules", "test", str(builtin_rules_dir())])
    assert result.exit_code == 0 and "duplicate" not in result.stdout + result.stderr
