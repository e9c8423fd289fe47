"""What fixes a rule offers, in the words ``newslint explain`` and ``newslint rules`` print.

A kind that knows says so (:meth:`Kind.fix_availability`); for one that does not, the
rule's own bad examples are linted and the fixes their findings carry decide, so the
answer follows the code instead of a second description of it.
"""

from __future__ import annotations

from newslint.engine.engine import DocumentLinter
from newslint.engine.rule_examples import example_documents
from newslint.engine.rules import Rule
from newslint.kinds import get_kind

#: availability -> (the short form in `newslint rules`, the line in `newslint explain`)
WORDING = {
    "safe": ("safe", "fix: safe (applied by --fix)"),
    "unsafe": ("unsafe", "fix: unsafe (applied only with --fix --unsafe-fixes)"),
    "safe or unsafe": ("safe/unsafe", "fix: safe or unsafe, decided per finding (--diff shows which apply)"),
    "safe or none": ("safe", "fix: safe where there is one suggestion, else no fix"),
    "none": ("no fix", "no fix"),
}


def availability(rule: Rule) -> str:
    """ "safe", "unsafe", "safe or unsafe", "safe or none" or "none"."""
    kind = get_kind(rule.kind)
    if kind is None:
        return "none"
    declared = kind.fix_availability(rule.options)
    if declared is not None:
        return declared
    return _from_examples(rule)


def _from_examples(rule: Rule) -> str:
    linter = DocumentLinter([rule])
    safeties = {
        f.fix.safe
        for example in rule.bad
        for doc in example_documents(rule, example.text)
        for f in linter.lint(doc)
        if f.rule == rule.id and f.fix is not None
    }
    if safeties == {True}:
        return "safe"
    if safeties == {False}:
        return "unsafe"
    return "safe or unsafe"


def short(rule: Rule) -> str:
    return WORDING[availability(rule)][0]


def line(rule: Rule) -> str:
    return WORDING[availability(rule)][1]
