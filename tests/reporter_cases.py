"""A fixed Report for the reporter golden tests: hand-made rules and findings, no paths or versions
that change between machines (the rules are built here, so editing a built-in rule's text does not
break the golden files)."""

from __future__ import annotations

from newslint.core.findings import FileError, Finding, Fix, Related
from newslint.engine.rules import Example, Rule
from newslint.reporters import Report


def rule(rule_id: str, category: str, severity: str, summary: str, why: str) -> Rule:
    return Rule(
        id=rule_id,
        kind="substitution",
        category=category,
        severity=severity,
        message="{match}",
        summary=summary,
        why=why,
        bad=(Example("Bad: the the end.\n", (1,)),),
        good=(Example("Good end.\n"),),
    )


RULES = (
    rule("repeated-word", "style", "warning", "A word typed twice.", "Doubled words are errors."),
    rule("duplicate-lead", "duplicate", "error", "The lead appears twice.", "Readers see it twice."),
    rule("spelling", "typo", "warning", "Possible misspelling.", "Typos cost trust."),
)

FINDINGS = (
    Finding(
        "copy/a b.txt",
        3,
        23,
        3,
        26,
        "repeated-word",
        "style",
        "warning",
        "Repeated word 'the'",
        flagged="the",
        fix=Fix(10, 14, ""),
        fingerprint="f1",
    ),
    Finding(
        "copy/a b.txt",
        5,
        1,
        5,
        40,
        "duplicate-lead",
        "duplicate",
        "error",
        'Repeats the lead paragraph (line 3) <verbatim> & "quoted"',
        related=(Related(3, "first copy of the lead"),),
        flagged="Ministers met.",
        fingerprint="f2",
    ),
    Finding(
        "copy/sub/ü.md",
        1,
        5,
        1,
        15,
        "spelling",
        "typo",
        "info",
        "Possible typo 'Septemeber'",
        suggestions=("September", "Septembers"),
        flagged="Septemeber",
        fingerprint="f3",
    ),
)

ERRORS = (FileError("copy/bad.bin", "binary file (contains NUL bytes)"),)
PATHS = ("copy/a b.txt", "copy/clean.txt", "copy/sub/ü.md", "copy/bad.bin")


def report(*, statistics: bool = False) -> Report:
    return Report(FINDINGS, ERRORS, len(PATHS), RULES, statistics=statistics, extra={"paths": list(PATHS)})
