"""Rule files are validated strictly and errors name the file and line."""

from __future__ import annotations

from pathlib import Path

import pytest
from shared import EXISTENCE_RULE, write_rule

from newslint.core.errors import RuleError
from newslint.engine.rules import builtin_rules_dir, load_rules


def load_error(tmp_path: Path, text: str) -> RuleError:
    with pytest.raises(RuleError) as info:
        load_rules([write_rule(tmp_path, text)])
    return info.value


def test_valid_rule_loads_with_group_and_defaults(tmp_path: Path) -> None:
    [rule] = load_rules([write_rule(tmp_path, EXISTENCE_RULE)])
    assert (rule.id, rule.group, rule.scope, rule.enabled) == ("banned-word", "house", "text", True)
    assert rule.options["tokens"] == ["utilise"] and rule.options["ignorecase"] is True


@pytest.mark.parametrize(
    ("change", "line", "message"),
    [
        (EXISTENCE_RULE + "colour: red\n", 13, "unknown key 'colour'"),
        (EXISTENCE_RULE.replace("severity: warning", "severity: loud"), 4, "severity must be one of"),
        (EXISTENCE_RULE.replace("kind: existence", "kind: magic"), 2, "unknown kind 'magic'"),
        (
            EXISTENCE_RULE.replace("  tokens: [utilise]", "  tokens: [utilise]\n  speed: 3"),
            10,
            "unknown option 'speed'",
        ),
        (EXISTENCE_RULE.replace("  tokens: [utilise]", "  patterns: ['(unclosed']"), 9, "invalid regex"),
        (EXISTENCE_RULE.replace("  tokens: [utilise]", "  tokens: utilise"), 9, "must be of type list[str]"),
        (EXISTENCE_RULE.replace("id: banned-word\n", ""), 1, "missing required key 'id'"),
        (EXISTENCE_RULE.replace("message: \"Avoid '{match}'\"", "message: [x"), 6, "started at line 5"),
    ],
)
def test_invalid_rule_names_file_and_line(tmp_path: Path, change: str, line: int, message: str) -> None:
    error = load_error(tmp_path, change)
    assert error.path is not None and error.path.endswith("r.yaml")
    assert error.line == line
    assert message in error.message


def test_duplicate_rule_id_is_an_error(tmp_path: Path) -> None:
    folder = write_rule(tmp_path, EXISTENCE_RULE)
    write_rule(tmp_path, EXISTENCE_RULE, "again.yaml")
    with pytest.raises(RuleError, match="duplicate rule id"):
        load_rules([folder])


def test_builtin_rules_load_and_every_rule_has_examples() -> None:
    rules = load_rules([builtin_rules_dir()])
    assert len(rules) >= 6
    for rule in rules:
        assert rule.bad and rule.good, f"{rule.id} needs a bad and a good example"
        assert rule.summary and rule.why


def test_every_builtin_rule_passes_its_examples() -> None:
    from newslint.app.rule_examples import check_all

    failures = check_all(load_rules([builtin_rules_dir()]))
    assert not failures, "\n".join(f.describe() for f in failures)


def test_example_checker_catches_a_rule_whose_examples_are_wrong(tmp_path: Path) -> None:
    from newslint.app.rule_examples import check_all

    wrong = EXISTENCE_RULE.replace('bad: ["We utilise it.\\n"]', 'bad: ["We use it.\\n"]')
    failures = check_all(load_rules([write_rule(tmp_path, wrong)]))
    assert [f.expected for f in failures] == ["bad example not flagged"]


def test_case_sensitive_substitution_matches_as_written(tmp_path: Path) -> None:
    from newslint.core.document import Document
    from newslint.engine.engine import DocumentLinter

    text = EXISTENCE_RULE.replace("kind: existence", "kind: substitution").replace(
        "  tokens: [utilise]", "  ignorecase: false\n  swap: {Utilise: Use}"
    )
    [rule] = load_rules([write_rule(tmp_path, text)])
    found = DocumentLinter([rule]).lint(Document("a.txt", "Head\n\nUtilise it, but not UTILISE.\n"))
    assert [(f.line, f.column, f.suggestions) for f in found] == [(3, 1, ("Use",))]
