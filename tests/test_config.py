"""Configuration discovery, validation (file:line) and its effect on rule selection."""

from __future__ import annotations

from pathlib import Path

import pytest

from newslint.config.config import Settings, find_config, load_settings, select_rules
from newslint.core.errors import ConfigError
from newslint.engine.rules import Rule
from newslint.engine.ruleset import apply_settings, resolve_rules


def rule(rule_id: str, group: str = "g", category: str = "style", enabled: bool = True) -> Rule:
    return Rule(rule_id, "existence", category, "warning", "m", "s", "w", group=group, enabled=enabled)


def test_discovery_walks_upward_and_prefers_newslint_yaml(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text("[tool.newslint]\nfail-on = 'error'\n")
    deep = tmp_path / "a" / "b"
    deep.mkdir(parents=True)
    assert find_config(deep) == tmp_path / "pyproject.toml"
    (tmp_path / "a" / ".newslint.yaml").write_text("fail-on: info\n")
    assert find_config(deep) == tmp_path / "a" / ".newslint.yaml"
    assert load_settings(None, deep).fail_on == "info"


def test_pyproject_without_tool_table_is_not_a_config(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text("[project]\nname = 'x'\n")
    assert find_config(tmp_path) is None


def test_settings_parse_all_keys(tmp_path: Path) -> None:
    config = tmp_path / ".newslint.yaml"
    config.write_text(
        "include: ['*.txt']\nexclude: ['drafts/*']\nselect: [style]\nignore: [repeated-word]\n"
        "fail-on: error\nlocale: en-GB\ndate-style: ap\nrule-paths: [house]\n"
        "rules:\n  quote-style: error\n  spelling-variant-mix:\n    severity: info\n"
        "per-file-ignores:\n  'archive/*.txt': [style]\n"
    )
    (tmp_path / "house").mkdir()
    s = load_settings(config, tmp_path)
    assert s.include == ("*.txt",) and s.exclude == ("drafts/*",)
    assert s.select == ("style",) and s.ignore == ("repeated-word",) and s.fail_on == "error"
    assert s.rule_paths == (tmp_path / "house",)
    assert s.rules["quote-style"].severity == "error"
    assert s.ignored_for("archive/x.txt") == ("style",) and s.ignored_for("new/x.txt") == ()


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        ("fail-on: error\ncolour: red\n", 2, "unknown key 'colour'"),
        ("fail-on: loud\n", 1, "must be one of"),
        ("select: 3\n", 1, "must be a list of strings"),
        ("rules:\n  quote-style:\n    sevrity: error\n", 3, "unknown key 'sevrity'"),
    ],
)
def test_bad_config_names_file_and_line(tmp_path: Path, text: str, line: int, message: str) -> None:
    config = tmp_path / ".newslint.yaml"
    config.write_text(text)
    with pytest.raises(ConfigError) as info:
        load_settings(config, tmp_path)
    assert info.value.path == str(config) and info.value.line == line
    assert message in info.value.message


def test_unknown_rule_and_bad_option_in_config_are_errors(tmp_path: Path) -> None:
    config = tmp_path / ".newslint.yaml"
    config.write_text("rules:\n  no-such-rule: error\n")
    with pytest.raises(ConfigError, match="unknown rule 'no-such-rule'"):
        resolve_rules(load_settings(config, tmp_path))
    config.write_text("rules:\n  repeated-word:\n    options:\n      min_length: zero\n")
    with pytest.raises(ConfigError, match="min_length") as info:
        resolve_rules(load_settings(config, tmp_path))
    assert info.value.line == 4  # the option's own line


def test_selection_by_id_group_category_and_opt_in() -> None:
    rules = [rule("a", "g1", "typo"), rule("b", "g2", "style"), rule("c", "g2", "date", enabled=False)]
    ids = lambda s: [r.id for r in select_rules(rules, s)]  # noqa: E731
    assert ids(Settings()) == ["a", "b"]
    assert ids(Settings(select=("g2",))) == ["b"]
    assert ids(Settings(select=("c",))) == ["c"]
    assert ids(Settings(ignore=("typo",))) == ["b"]
    assert ids(Settings(extend_select=("c",))) == ["a", "b", "c"]


def test_overrides_change_severity_and_options() -> None:
    from newslint.config.config import RuleSettings
    from newslint.engine.ruleset import all_rules

    rules = [r for r in all_rules(Settings()) if r.id == "repeated-word"]
    [changed] = apply_settings(
        rules, Settings(rules={"repeated-word": RuleSettings("error", {"min_length": 3})})
    )
    assert changed.severity == "error" and changed.options["min_length"] == 3


def test_word_list_files_in_config_are_relative_to_the_config(tmp_path: Path) -> None:
    from helpers import run_newslint

    (tmp_path / ".newslint.yaml").write_text(
        "rules:\n  spelling:\n    options:\n      accept_files: [names.txt]\n"
    )
    (tmp_path / "names.txt").write_text("Qwghlmian\n")
    (tmp_path / "desk").mkdir()
    (tmp_path / "desk" / "a.txt").write_text("Talks\n\nThe Qwghlmian delegation arrived on Monday.\n")
    result = run_newslint("check", "--select", "spelling", "a.txt", cwd=tmp_path / "desk")
    assert result.returncode == 0, result.stdout + result.stderr
    (tmp_path / ".newslint.yaml").write_text(
        "rules:\n  spelling:\n    options:\n      accept_files: [gone.txt]\n"
    )
    result = run_newslint("check", "--select", "spelling", "a.txt", cwd=tmp_path / "desk")
    assert result.returncode == 2 and str(tmp_path / "gone.txt") in result.stderr


def test_a_selector_that_names_nothing_is_an_error(tmp_path: Path) -> None:
    config = tmp_path / ".newslint.yaml"
    config.write_text("ignore: [speling]\n")
    with pytest.raises(ConfigError, match="'speling'") as info:
        resolve_rules(load_settings(config, tmp_path))
    assert info.value.path == str(config)
    assert resolve_rules(Settings(select=("typo", "style", "repeated-word", "ALL")))
