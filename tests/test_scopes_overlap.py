"""Kinds declare the scopes they support; rules declare (or inherit) how their findings overlap."""

from __future__ import annotations

from pathlib import Path

import pytest
from shared import EXISTENCE_RULE, write_rule

from newslint.config.config import Settings
from newslint.core.document import SCOPES, Document
from newslint.core.errors import RuleError
from newslint.engine.engine import DocumentLinter
from newslint.engine.rules import builtin_rules_dir, load_rules, parse_rule
from newslint.engine.ruleset import all_rules, apply_settings
from newslint.kinds import available_kinds


def _builtin(rule_id: str, **changes: object) -> dict[str, object]:
    """A built-in rule file's data, with some keys changed."""
    from newslint.config.yamlload import load_yaml

    [path] = builtin_rules_dir().rglob(f"{rule_id}.yaml")
    data = dict(load_yaml(path, RuleError))
    data.update(changes)
    return data


def test_every_kind_declares_known_scopes_and_text_among_them() -> None:
    for name, kind in available_kinds().items():
        assert kind.scopes and set(kind.scopes) <= set(SCOPES), name
        assert "text" in kind.scopes, name


def test_builtin_rules_ask_only_for_scopes_their_kinds_support() -> None:
    for rule in load_rules([builtin_rules_dir()]):
        assert rule.scope in available_kinds()[rule.kind].scopes, rule.id


def test_a_scope_the_kind_does_not_support_is_a_rule_error_with_file_and_line(tmp_path: Path) -> None:
    text = EXISTENCE_RULE.replace("kind: existence", "kind: unused-suppression").replace(
        "options:\n  tokens: [utilise]\n", "scope: headline\n"
    )
    with pytest.raises(RuleError) as info:
        load_rules([write_rule(tmp_path, text)])
    message = str(info.value)
    assert "r.yaml:8:" in message
    assert "kind 'unused-suppression' does not support scope 'headline'" in message


def test_a_date_rule_with_a_headline_scope_flags_only_the_headline() -> None:
    data = _builtin("date-impossible", scope="headline")
    rule = parse_rule("date-impossible.yaml", data, "dates")
    linter = DocumentLinter([rule])
    doc = Document("a.txt", "Talks set for 31 June\n\nThe talks, first set for 31 June, moved to 30 June.\n")
    found = [(f.line, f.rule) for f in linter.lint(doc)]
    assert found == [(1, "date-impossible")]
    everywhere = DocumentLinter([parse_rule("date-impossible.yaml", _builtin("date-impossible"), "dates")])
    assert [f.line for f in everywhere.lint(doc)] == [1, 3]


def test_a_misspelled_month_outside_the_scope_is_not_reported() -> None:
    body_only = parse_rule("m.yaml", _builtin("date-misspelled-month", scope="body"), "dates")
    doc = Document("a.txt", "Vote on 3 Septemeber\n\nThe vote on 3 Septemeber was delayed.\n")
    assert [f.line for f in DocumentLinter([body_only]).lint(doc)] == [3]


def test_overlap_comes_from_the_kind_unless_the_rule_file_says() -> None:
    rules = {r.id: r for r in load_rules([builtin_rules_dir()])}
    assert rules["spelling"].overlap == "yields"
    assert rules["date-misspelled-month"].overlap == "covers"
    assert rules["repeated-word"].overlap == "none"
    own = parse_rule("r.yaml", _builtin("date-misspelled-month", overlap="none"), "dates")
    assert own.overlap == "none"
    with pytest.raises(RuleError, match="overlap must be one of"):
        parse_rule("r.yaml", _builtin("date-misspelled-month", overlap="sometimes"), "dates")


def test_a_misspelled_month_is_reported_once_unless_the_spelling_rule_stops_yielding() -> None:
    chosen = {"spelling", "date-misspelled-month"}
    rules = [r for r in apply_settings(all_rules(Settings()), Settings()) if r.id in chosen]
    doc = Document("a.txt", "Vote\n\nThe vote on 3 Septemeber was delayed.\n")
    assert [f.rule for f in DocumentLinter(rules).lint(doc)] == ["date-misspelled-month"]
    from dataclasses import replace

    apart = [replace(r, overlap="none") if r.id == "spelling" else r for r in rules]
    assert sorted(f.rule for f in DocumentLinter(apart).lint(doc)) == ["date-misspelled-month", "spelling"]
