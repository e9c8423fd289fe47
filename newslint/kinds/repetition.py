"""``repetition``: a word typed twice in a row ("the the"), a classic copy-editing slip."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

import regex

from newslint.document import Document
from newslint.findings import Fix, Hit
from newslint.kinds.base import Kind
from newslint.options import Option

_REPEAT = regex.compile(r"(?<![\p{L}\p{N}'’-])(\p{L}+)([ \t]+)(\1)(?![\p{L}\p{N}'’-])", regex.IGNORECASE)


class Repetition(Kind):
    name = "repetition"
    can_fix = True
    description = (
        "Flags a word immediately repeated within a line (\"the the\"), ignoring case.  Repeats that "
        "are grammatical (\"had had\", \"that that\") go in `exceptions`.  The fix removes the second copy."
    )
    option_schema: Mapping[str, Option] = {
        "exceptions": Option("list[str]", [], "repeated words that are fine (lowercase)"),
        "min_length": Option("int", 1, "shortest word to check", minimum=1),
    }

    def __init__(self, rule: Any) -> None:
        super().__init__(rule)
        self.exceptions = {w.lower() for w in self.options["exceptions"]}

    def check(self, doc: Document) -> Iterator[Hit]:
        for start, end in doc.regions(self.rule.scope):
            for m in _REPEAT.finditer(doc.text, start, end, overlapped=False):
                word = m.group(1)
                if len(word) < self.options["min_length"] or word.lower() in self.exceptions:
                    continue
                if m.group(3)[:1].isupper():
                    continue  # "Duran Duran", "Sirhan Sirhan", "BANG BANG": names and shouting, not slips
                yield Hit(m.start(3), m.end(3), {"match": word}, fix=Fix(m.end(1), m.end(3), ""))
