"""``substitution``: a wrong -> right map (house style, common errors) with suggestions and safe fixes."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any, ClassVar

import regex

from newslint.core.compiled_patterns import compiled
from newslint.core.document import SCOPES, Document
from newslint.core.findings import Fix, Hit
from newslint.core.kind import Fixes, Kind
from newslint.core.options import Option
from newslint.core.patterns import Budget, PatternTimeout, compile_pattern, matches_in
from newslint.core.tokens import match_case

_PLAIN = compiled(r"[\p{L}\p{N} '’-]+")


class Substitution(Kind):
    name = "substitution"
    scopes = SCOPES  # looks only inside doc.regions(rule.scope)
    fixes = Fixes.SAFE
    description = (
        "Each key of `swap` is a word, phrase or regex to flag; its value is the preferred form "
        "(several alternatives separated by `|`).  With exactly one alternative the finding carries a "
        "safe fix.  Keys are matched as whole words; the suggestion copies the flagged text's case.  A "
        "regex key may look at its context (lookbehind, lookahead) and its value may repeat the key's "
        'groups (`\\1`), so that one entry covers a family ("could of" before a past participle only).'
    )
    option_schema: ClassVar[Mapping[str, Option]] = {
        "swap": Option("dict[str,str]", {}, "wrong form (word or regex) -> preferred form(s), '|'-separated"),
        "ignorecase": Option("bool", True, "match regardless of case"),
        "requires": Option(
            "list[str]",
            [],
            "strings of which every match holds at least one: a text with none of them is skipped "
            "without running the patterns (a speed-up for regex keys; leave empty when unsure)",
        ),
    }

    @classmethod
    def validate(cls, options: Mapping[str, Any]) -> None:
        for key in options["swap"]:
            compile_pattern(key, key, ignorecase=options["ignorecase"])

    def __init__(self, rule: Any) -> None:
        super().__init__(rule)
        swap: Mapping[str, str] = self.options["swap"]
        self.keys = list(swap)
        self.alternatives = [tuple(a.strip() for a in swap[k].split("|") if a.strip()) for k in self.keys]
        # each key on its own, to fill a suggestion's group references from the key's own groups
        self.own = [compile_pattern(k, "swap", ignorecase=self.options["ignorecase"]) for k in self.keys]
        groups = "|".join(f"(?P<g{i}>{k})" for i, k in enumerate(self.keys))
        bounded = rf"(?<![\p{{L}}\p{{N}}])(?:{groups or '(?!)'})(?![\p{{L}}\p{{N}}])"
        self.pattern = compile_pattern(bounded, "swap", ignorecase=self.options["ignorecase"])
        # When every key is plain text, a substring test skips the (slower) regex on most documents.
        literal = all(_PLAIN.fullmatch(k) for k in self.keys)
        needles = self.keys if literal else list(self.options["requires"]) or None
        self.needles = [n.lower() for n in needles] if needles and self.options["ignorecase"] else needles

    def _which(self, m: regex.Match[str]) -> int:
        return next(i for i in range(len(self.keys)) if m.group(f"g{i}") is not None)

    def _expand(self, which: int, alternative: str, text: str, start: int) -> str:
        """``alternative`` with the key's group references (``\\1``) filled from the match at ``start``."""
        if "\\" not in alternative:
            return alternative
        own = self.own[which].match(text, start)
        return own.expand(alternative) if own else alternative

    def _may_match(self, doc: Document) -> bool:
        if self.needles is None:
            return True
        lowered = doc.lowered_text if self.options["ignorecase"] else doc.text
        return any(n in lowered for n in self.needles)

    def check(self, doc: Document) -> Iterator[Hit]:
        if not self._may_match(doc):
            return
        try:
            budget = Budget(len(doc.text), doc.pattern_allowance)
            for m in matches_in(self.pattern, doc.text, doc.regions(self.rule.scope), budget):
                if m.end() == m.start():
                    continue
                found = m.group()
                which = self._which(m)
                suggestions = tuple(
                    match_case(self._expand(which, a, doc.text, m.start()), found)
                    for a in self.alternatives[which]
                )
                if found in suggestions:
                    continue
                fix = Fix(m.start(), m.end(), suggestions[0]) if len(suggestions) == 1 else None
                yield Hit(
                    m.start(),
                    m.end(),
                    {"match": found, "suggestion": " or ".join(suggestions)},
                    suggestions=suggestions,
                    fix=fix,
                )
        except PatternTimeout as exc:
            yield Hit(0, 0, message=f"rule stopped on this file: {exc}")
