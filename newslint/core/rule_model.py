"""What a rule is, as data: the core the kinds, the engine and the reporters share.

Loading and validating rule files (which needs the kinds) is :mod:`newslint.engine.rules`; this module
imports nothing of newslint, so a kind can name the rule it is built for without importing the
loader that imports the kinds.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

#: how a rule's findings meet another rule's on the same words (``overlap:`` in a rule file):
#: "yields": dropped when a "covers" finding spans them, or when another rule flags the very
#: same span with the same first suggestion (one report per defect);
#: "covers": drops the "yields" findings inside its span (a misspelled month is a date problem);
#: "none": neither (the default, unless the rule's kind declares one)
OVERLAPS = ("none", "yields", "covers")


@dataclass(frozen=True)
class Example:
    text: str
    line: int | None = None  # for bad examples: the line the finding must be on
    options: Mapping[str, Any] = field(default_factory=dict)  # rule options for this example only


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
