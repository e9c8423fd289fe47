"""What a rule is, as data: the core the kinds, the engine and the reporters share.

Loading and validating rule files (which needs the kinds) is :mod:`newslint.engine.rules`; this module
imports nothing of newslint, so a kind can name the rule it is built for without importing the
loader that imports the kinds.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import Enum
from typing import Any

#: how a rule's findings meet another rule's on the same words (``overlap:`` in a rule file):
#: "yields": dropped when a "covers" finding spans them, or when another rule flags the very
#: same span with the same first suggestion (one report per defect);
#: "covers": drops the "yields" findings inside its span (a misspelled month is a date problem);
#: "none": neither (the default, unless the rule's kind declares one)
OVERLAPS = ("none", "yields", "covers")


class Fixes(Enum):
    """What fixes a rule's findings carry: declared once by its kind (``Kind.fixes``), narrowed
    by a rule file whose options take them away (``fixes: none``, as ``overlap:``), and read by
    ``newslint explain``, ``newslint rules``, the README's rule table and the tests.  The rule's
    examples prove it: ``fixed:`` is the text after the safe fixes, ``unsafe_fixed:`` after the
    unsafe ones too.

    A finding may still lack a fix (no single correction): the declaration says what kind of
    fix a finding carries when it carries one."""

    NONE = "none"  # findings never carry a fix
    SAFE = "safe"  # every fix is safe: applied by --fix
    UNSAFE = "unsafe"  # every fix is a guess: applied only with --fix --unsafe-fixes
    SOMETIMES = "safe or unsafe"  # safe where certain, unsafe otherwise: decided per finding

    def allows(self, other: Fixes) -> bool:
        """Whether a rule of a kind declaring ``self`` may declare ``other`` (the same or less)."""
        return other in (self, Fixes.NONE) or self is Fixes.SOMETIMES


@dataclass(frozen=True)
class Example:
    """One example of a rule file: executable (``newslint rules test``) and shown by ``explain``.

    A bad example states what the rule must report on it; ``fixed`` / ``unsafe_fixed`` are the
    text after ``--fix`` / ``--fix --unsafe-fixes`` (None: that run changes nothing, so an
    example without them says the rule offers no fix there)."""

    text: str
    #: bad examples: the lines the rule flags, each once or more (``line: 3``, ``line: [3, 5]``);
    #: empty: flagged anywhere
    lines: tuple[int, ...] = ()
    options: Mapping[str, Any] = field(default_factory=dict)  # rule options for this example only
    column: int | None = None  # bad examples: the column of a finding on the first of ``lines``
    message: str | None = None  # bad examples: a fragment of a finding's message
    fixed: str | None = None  # the text after the safe fixes
    unsafe_fixed: str | None = None  # the text after the safe and unsafe fixes


@dataclass(frozen=True)
class Rule:
    id: str
    kind: str
    category: str
    severity: str
    message: str
    summary: str
    why: str
    scope: str = "text"
    options: Mapping[str, Any] = field(default_factory=dict)
    bad: tuple[Example, ...] = ()
    good: tuple[Example, ...] = ()
    enabled: bool = True
    group: str = ""
    source: str = ""  # the YAML file it came from
    replaces: str = ""  # the built-in rule file this user rule replaces (same id), if any
    overlap: str = "none"  # see OVERLAPS
    fixes: Fixes = Fixes.NONE  # the kind's declaration, or less where the rule file says so
