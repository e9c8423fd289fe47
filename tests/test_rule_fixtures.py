"""Every fixture case must produce exactly its expected (rule, line) findings."""

from __future__ import annotations

import pytest
from fixture_cases import Case, Fixture, all_fixtures

from newslint.config.config import RuleSettings, Settings
from newslint.core.document import Document
from newslint.engine.engine import DocumentLinter
from newslint.engine.ruleset import all_rules, apply_settings

FIXTURES = all_fixtures()
CASES = [(fx, case) for fx in FIXTURES for case in fx.cases]


def linter_for(fixture: Fixture) -> DocumentLinter:
    rules = [r for r in all_rules(Settings()) if r.id in fixture.rules]
    missing = set(fixture.rules) - {r.id for r in rules}
    assert not missing, f"{fixture.name}: unknown rules {missing}"
    overrides = {rule: RuleSettings(options=opts) for rule, opts in fixture.options.items()}
    return DocumentLinter(apply_settings(rules, Settings(rules=overrides)))


_LINTERS: dict[str, DocumentLinter] = {}


@pytest.mark.parametrize(("fixture", "case"), CASES, ids=[c.id for _, c in CASES])
def test_fixture_case(fixture: Fixture, case: Case) -> None:
    linter = _LINTERS.get(fixture.name) or _LINTERS.setdefault(fixture.name, linter_for(fixture))
    findings = linter.lint(Document(case.file, case.text))
    got = {(f.rule, f.line) for f in findings}
    missing, unexpected = case.expected - got, got - case.expected
    details = {(f.rule, f.line): f.message for f in findings}
    assert not missing and not unexpected, f"{case.id}: missing {sorted(missing)}; unexpected " + ", ".join(
        f"{r}:{line} ({details[(r, line)]})" for r, line in sorted(unexpected)
    )


def test_fixtures_exist() -> None:
    assert CASES, "no fixture cases found"
