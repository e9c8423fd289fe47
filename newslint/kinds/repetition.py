"""``repetition``: a word typed twice in a row ("the the"), a classic copy-editing slip."""

from __future__ import annotations

import itertools
import operator
import re
from collections.abc import Iterator, Mapping
from typing import Any, ClassVar

from newslint.core.document import SCOPES, Document, RegionSet
from newslint.core.findings import Fix, Hit
from newslint.core.kind import Fixes, Kind
from newslint.core.options import Option

_JOINERS = frozenset("'’-")  # a repeat glued to more of a word is not a repeated word


class Repetition(Kind):
    name = "repetition"
    scopes = SCOPES  # looks only inside doc.regions(rule.scope)
    fixes = Fixes.SOMETIMES
    description = (
        'Flags a word immediately repeated within a line ("the the"), ignoring case.  Repeats that '
        'are grammatical ("had had", "that that") go in `exceptions`.  The fix removes the second copy; '
        "it is safe only for the words in `safe`, whose doubling is never English (articles, "
        '"and", "than"); for other words it is unsafe ("in in" and "for for" can be right: '
        '"placed in in the past", "waited for for years").'
    )
    option_schema: ClassVar[Mapping[str, Option]] = {
        "exceptions": Option("list[str]", [], "repeated words that are fine (lowercase)"),
        "min_length": Option("int", 1, "shortest word to check", minimum=1),
        "safe": Option("list[str]", [], "words whose doubling is always a slip, fixed safely (lowercase)"),
    }

    def __init__(self, rule: Any) -> None:
        super().__init__(rule)
        self.exceptions = {w.lower() for w in self.options["exceptions"]}
        self.safe = {w.lower() for w in self.options["safe"]}

    def check(self, doc: Document) -> Iterator[Hit]:
        quick = doc.lowered_tokens  # shared with other rules; a superset of what is checked below
        exceptions = self.exceptions
        if not any(map(operator.eq, quick, quick[1:])):  # compared in C: most articles stop here
            return
        suspects = {a for a, b in itertools.pairwise(quick) if a == b and a.isalpha() and a not in exceptions}
        # The quick tokens ignore punctuation ("... it. It ..."): keep only pairs written side by side.
        lowered = doc.lowered_text
        if not any(re.search(f"{re.escape(a)}[ \t]+{re.escape(a)}", lowered) for a in suspects):
            return
        low, words, text = doc.lowered_words, doc.words, doc.text
        repeats = [i for i, (a, b) in enumerate(itertools.pairwise(low), 1) if a == b]
        if not repeats:
            return
        inside = RegionSet(doc.regions(self.rule.scope))
        for i in repeats:
            first, second = words[i - 1], words[i]
            gap = text[first.end : second.start]
            if not gap or gap.strip(" \t") or not second.text.isalpha() or not first.text.isalpha():
                continue  # only spaces or tabs between two plain words on one line
            if (
                text[second.end : second.end + 1] in _JOINERS
                or text[first.start - 1 : first.start] in _JOINERS
            ):
                continue  # "the the-ory", "o'the the"
            word = first.text
            if len(word) < self.options["min_length"] or low[i] in self.exceptions:
                continue
            if second.text[:1].isupper():
                continue  # "Duran Duran", "Sirhan Sirhan", "BANG BANG": names and shouting, not slips
            if inside(first.start, second.end):
                fix = Fix(first.end, second.end, "", safe=low[i] in self.safe)
                yield Hit(second.start, second.end, {"match": word}, fix=fix)
