"""What fixes a rule offers, in the words ``newslint explain``, ``newslint rules`` and the
README's rule table print: read from its kind's one declaration (:class:`Fixes`, which a rule
file may narrow with ``fixes:``), and proved by the rule's examples (``newslint rules test``)."""

from __future__ import annotations

from newslint.core.rule_model import Fixes, Rule

#: declaration -> (the short form in `newslint rules` and the README, the line in `newslint explain`)
WORDING = {
    Fixes.SAFE: ("safe", "fix: safe (applied by --fix)"),
    Fixes.UNSAFE: ("unsafe", "fix: unsafe (applied only with --fix --unsafe-fixes)"),
    Fixes.SOMETIMES: ("safe/unsafe", "fix: safe or unsafe, decided per finding (--diff shows which apply)"),
    Fixes.NONE: ("no fix", "no fix"),
}


def short_wording(rule: Rule) -> str:
    """ "safe", "unsafe", "safe/unsafe" or "no fix"."""
    return WORDING[rule.fixes][0]


def fix_wording(rule: Rule) -> str:
    """The sentence ``newslint explain`` ends with, e.g. "fix: safe (applied by --fix)"."""
    return WORDING[rule.fixes][1]
