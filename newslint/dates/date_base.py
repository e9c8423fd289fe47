"""The base of the date kinds: the shared vocabulary options, and mentions limited to the scope."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, ClassVar

from newslint.core.document import SCOPES, Document, RegionSet
from newslint.core.kind import Kind
from newslint.core.rule_model import Rule
from newslint.dates.date_mentions import Mention, Vocab, find_mentions, validate_vocab


class DateKind(Kind):
    """Vocabulary options checked and compiled once per rule; a rule sees the mentions of its scope."""

    scopes = SCOPES
    overlap: ClassVar[str] = "covers"  # a misspelled month is a date defect, not a typo

    @classmethod
    def validate(cls, options: Mapping[str, Any]) -> None:
        validate_vocab(options)

    def __init__(self, rule: Rule) -> None:
        super().__init__(rule)
        self.vocab = Vocab.from_options(self.options)

    def mentions(self, doc: Document) -> list[Mention]:
        """The document's date mentions that start inside the rule's scope (all for ``text``)."""
        found = find_mentions(doc, self.vocab)
        if self.rule.scope == "text":
            return found
        inside = RegionSet(doc.regions(self.rule.scope))
        return [m for m in found if inside(m.start, m.end)]
