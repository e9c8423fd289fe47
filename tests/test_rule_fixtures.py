"""Every built-in rule's YAML examples, one test each: the rule file is the one home of a rule's
expected findings and fixes (``newslint rules test`` runs the same checks)."""

from __future__ import annotations

import pytest

from newslint.app.rule_examples import check_example
from newslint.core.rule_model import Fixes
from newslint.engine.engine import DocumentLinter
from newslint.engine.rules import Example, Rule, builtin_rules_dir, load_rules

RULES = load_rules([builtin_rules_dir()])
EXAMPLES = [
    (rule, example, bad)
    for rule in RULES
    for bad, group in ((True, rule.bad), (False, rule.good))
    for example in group
]


def _id(rule: Rule, example: Example, bad: bool) -> str:
    group = rule.bad if bad else rule.good
    return f"{rule.id}-{'bad' if bad else 'good'}{group.index(example) + 1}"


_LINTERS: dict[str, DocumentLinter] = {}


@pytest.mark.parametrize(("rule", "example", "bad"), EXAMPLES, ids=[_id(*e) for e in EXAMPLES])
def test_rule_example(rule: Rule, example: Example, bad: bool) -> None:
    linter = _LINTERS.get(rule.id) or _LINTERS.setdefault(rule.id, DocumentLinter([rule]))
    problems = check_example(rule, example, bad, linter)
    assert not problems, f"{rule.source}:\n" + "\n".join(problems)


def test_every_rule_has_a_bad_and_a_good_example() -> None:
    lacking = [rule.id for rule in RULES if not rule.bad or not rule.good]
    assert not lacking, f"rules without a bad and a good example: {lacking}"


#: what a rule's examples must show for the fixes its kind declares
_SHOWN = {
    Fixes.NONE: set(),
    Fixes.SAFE: {"fixed"},
    Fixes.UNSAFE: {"unsafe_fixed"},
    Fixes.SOMETIMES: {"fixed", "unsafe_fixed"},
}


def _shown(example: Example) -> set[str]:
    shown = {"fixed"} if example.fixed is not None else set()
    if example.unsafe_fixed is not None and example.unsafe_fixed != example.fixed:
        shown.add("unsafe_fixed")
    return shown


@pytest.mark.parametrize("rule", RULES, ids=[r.id for r in RULES])
def test_a_fixable_rule_shows_its_fix(rule: Rule) -> None:
    shown = set().union(*(_shown(e) for e in rule.bad))
    missing = _SHOWN[rule.fixes] - shown
    assert not missing, f"{rule.source}: it declares {rule.fixes.value} fixes; no bad example has {missing}"
