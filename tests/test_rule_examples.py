"""What a rule file's examples state and how ``newslint rules test`` holds the rule to it:
exact lines, column and message, the text after the safe and the unsafe fixes, and the fixes
the rule declares (its kind's, or less where the rule file says ``fixes:``)."""

from __future__ import annotations

from pathlib import Path

import pytest
from shared import write_rule

from newslint.app.rule_examples import check_all
from newslint.core.errors import RuleError
from newslint.core.rule_model import Fixes
from newslint.engine.rules import load_rules

COULD_OF = """\
id: house-could-of
kind: substitution
category: style
severity: warning
message: "'{match}' should be '{suggestion}'"
summary: Written-as-heard errors.
why: House style.
options:
  swap: {could of: could have}
examples:
  bad:
    - text: "Title\\n\\nWe could of won.\\n\\nThey could of lost.\\n"
      line: [3, 5]
      column: 4
      message: should be
      fixed: "Title\\n\\nWe could have won.\\n\\nThey could have lost.\\n"
  good:
    - "Title\\n\\nWe could have won.\\n"
"""


def _failures(tmp_path: Path, text: str) -> list[str]:
    return [f.describe() for f in check_all(load_rules([write_rule(tmp_path, text)]))]


def test_an_example_that_states_it_all_passes(tmp_path: Path) -> None:
    [rule] = load_rules([write_rule(tmp_path, COULD_OF)])
    assert rule.bad[0].lines == (3, 5) and rule.bad[0].column == 4 and rule.fixes is Fixes.SAFE
    assert _failures(tmp_path, COULD_OF) == []


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (("line: [3, 5]", "line: 3"), "unexpected line 5"),
        (("line: [3, 5]", "line: [3, 4, 5]"), "missing line 4"),
        (("column: 4", "column: 7"), "no finding at column 7"),
        (("message: should be", "message: must be"), "no message contains 'must be'"),
        (("could have lost", "could've lost"), "--fix gives another text"),
        (("      fixed:", "      unsafe_fixed:"), "--fix gives another text"),
    ],
)
def test_a_wrong_statement_fails_with_what_differs(
    tmp_path: Path, change: tuple[str, str], expected: str
) -> None:
    failures = _failures(tmp_path, COULD_OF.replace(*change))
    assert len(failures) == 1 and expected in failures[0], failures


def test_a_fix_left_out_means_the_fix_must_change_nothing(tmp_path: Path) -> None:
    text = "\n".join(line for line in COULD_OF.splitlines() if "fixed:" not in line) + "\n"
    [failure] = _failures(tmp_path, text)
    assert "--fix gives another text" in failure and "+We could have won." in failure


def test_an_example_cannot_show_a_fix_its_rule_does_not_declare(tmp_path: Path) -> None:
    declared_none = COULD_OF.replace("options:", "fixes: none\noptions:")
    assert any("the rule declares none" in f for f in _failures(tmp_path, declared_none))
    shown_unsafe = COULD_OF.replace("      fixed:", "      unsafe_fixed:").replace(
        "line: [3, 5]", 'line: [3, 5]\n      fixed: "Title\\n\\nWe could of won.\\n\\nThey could of lost.\\n"'
    )
    assert any("only safe ones" in f for f in _failures(tmp_path, shown_unsafe))


def test_a_good_example_states_no_finding_or_fix(tmp_path: Path) -> None:
    text = COULD_OF.replace(
        '    - "Title\\n\\nWe could have won.\\n"',
        '    - text: "Title\\n\\nWe could have won.\\n"\n      line: 3',
    )
    assert any("good example declares findings or fixes" in f for f in _failures(tmp_path, text))


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (("line: [3, 5]", "line: [3, x]"), "example line must be an integer or a list of integers"),
        (("line: [3, 5]", "line: true"), "example line must be an integer or a list of integers"),
        (("column: 4", "column: four"), "example column must be an integer, with a line"),
        (("message: should be", "message: [a]"), "example message must be a string"),
        (("      fixed:", "      fixed: 3\n      x:"), "unknown key 'x' in example"),
        (("options:", "fixes: unsafe\noptions:"), "offers safe fixes or none"),
        (("options:", "fixes: always\noptions:"), "fixes must be one of none, safe, unsafe, safe or unsafe"),
    ],
)
def test_a_malformed_example_or_declaration_is_a_rule_error(
    tmp_path: Path, change: tuple[str, str], message: str
) -> None:
    with pytest.raises(RuleError) as info:
        load_rules([write_rule(tmp_path, COULD_OF.replace(*change))])
    assert message in str(info.value) and "r.yaml:" in str(info.value)
