"""``existence``: flag any listed word, phrase or regex (banned terms, boilerplate, markup debris)."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any, ClassVar

from newslint.core.document import SCOPES, Document
from newslint.core.findings import Hit
from newslint.core.kind import Kind
from newslint.core.options import Option
from newslint.core.patterns import (
    Budget,
    PatternTimeout,
    compile_pattern,
    compile_terms,
    fullmatch,
    matches_in,
)


class Existence(Kind):
    name = "existence"
    scopes = SCOPES  # looks only inside doc.regions(rule.scope)
    description = (
        "Flags every occurrence of the listed `tokens` (whole words or phrases) and `patterns` "
        "(regular expressions) within the rule's scope, except those matching an `exceptions` pattern.  "
        "`requires` lists strings every match contains (one of them); a text without any is skipped."
    )
    option_schema: ClassVar[Mapping[str, Option]] = {
        "tokens": Option("list[str]", [], "words or phrases, matched as whole words"),
        "patterns": Option("list[str]", [], "regular expressions (the `regex` module's syntax)"),
        "exceptions": Option("list[str]", [], "regexes; a match that fully matches one is not flagged"),
        "ignorecase": Option("bool", True, "match regardless of case"),
        "requires": Option(
            "list[str]",
            [],
            "strings of which every match holds at least one: a text with none of them is skipped "
            "without running the patterns (a speed-up; leave empty when unsure)",
        ),
    }

    @classmethod
    def validate(cls, options: Mapping[str, Any]) -> None:
        compile_terms(options["tokens"], options["patterns"], "patterns", ignorecase=options["ignorecase"])
        for i, p in enumerate(options["exceptions"]):
            compile_pattern(p, f"exceptions[{i}]")

    def __init__(self, rule: Any) -> None:
        super().__init__(rule)
        o = self.options
        self.pattern = compile_terms(o["tokens"], o["patterns"], "patterns", ignorecase=o["ignorecase"])
        self.requires = [r.lower() if o["ignorecase"] else r for r in o["requires"] if r]
        self.exceptions = [
            compile_pattern(p, "exceptions", ignorecase=o["ignorecase"]) for p in o["exceptions"]
        ]

    def check(self, doc: Document) -> Iterator[Hit]:
        if self.requires:
            haystack = doc.lowered_text if self.options["ignorecase"] else doc.text
            if not any(r in haystack for r in self.requires):
                return
        budget = Budget(len(doc.text), doc.pattern_allowance)  # patterns and exceptions together
        try:
            for m in matches_in(self.pattern, doc.text, doc.regions(self.rule.scope), budget):
                if m.end() == m.start() or any(fullmatch(e, m.group(), budget) for e in self.exceptions):
                    continue
                yield Hit(m.start(), m.end(), {"match": m.group()})
        except PatternTimeout as exc:
            yield Hit(0, 0, message=f"rule stopped on this file: {exc}")
