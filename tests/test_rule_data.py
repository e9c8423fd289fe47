"""Rule data is tested like code: no suggestion is itself flagged, no form listed twice."""

from __future__ import annotations

import pytest

from newslint.config.config import Settings
from newslint.core.document import Document
from newslint.core.errors import RuleError
from newslint.engine.engine import DocumentLinter
from newslint.engine.rules import Rule, builtin_rules_dir
from newslint.engine.ruleset import all_rules

RULES = all_rules(Settings())


def by_kind(kind: str) -> list[Rule]:
    return [r for r in RULES if r.kind == kind]


@pytest.mark.parametrize("rule", by_kind("substitution"), ids=lambda r: r.id)
def test_a_substitution_never_flags_its_own_correction(rule: Rule) -> None:
    linter = DocumentLinter([rule])
    for wrong, right in rule.options["swap"].items():
        for alternative in right.split("|"):
            text = f"Headline\n\nThey said {alternative.strip()} today.\n"
            assert not linter.lint(Document("x.txt", text)), (
                f"{rule.id}: {wrong!r} -> {alternative!r} is flagged"
            )


@pytest.mark.parametrize("rule", by_kind("consistency"), ids=lambda r: r.id)
def test_consistency_pairs_are_distinct_and_listed_once(rule: Rule) -> None:
    pairs = rule.options["either"]
    forms = [f.lower() for pair in pairs.items() for f in pair]
    assert len(forms) == len(set(forms)), f"{rule.id}: a form is listed twice"
    assert all(left != right for left, right in pairs.items())


def test_a_consistent_article_is_never_flagged() -> None:
    [mix] = [r for r in RULES if r.id == "spelling-variant-mix"]
    left = " ".join(mix.options["either"])
    right = " ".join(mix.options["either"].values())
    linter = DocumentLinter([mix])
    assert not linter.lint(Document("gb.txt", f"Headline\n\n{left}.\n"))
    assert not linter.lint(Document("us.txt", f"Headline\n\n{right}.\n"))


_RESTATED_ELSEWHERE: set[str] = set()


def test_no_rule_restates_its_kinds_default() -> None:
    """A default lives in one place: the kind's option schema.  A rule file sets only what differs."""
    from newslint.config.yamlload import load_yaml
    from newslint.kinds import get_kind

    restated = []
    for path in sorted(builtin_rules_dir().rglob("*.yaml")):
        data = load_yaml(path, RuleError)
        kind = get_kind(data["kind"])
        assert kind is not None
        if data["id"] in _RESTATED_ELSEWHERE:
            continue
        for key, value in (data.get("options") or {}).items():
            option = kind.option_schema.get(key)
            if option is not None and value == option.default and value not in ({}, [], ""):
                restated.append(f"{path.name}: {key}")
    assert not restated, restated
