"""``consistency``: an article should pick one of two forms (colour/color, curly/straight quotes).

Counts both forms; when an article mixes them, each use of the minority form is
flagged with the majority form as suggestion and a pointer to a majority use.
On a tie the form used first wins.  With ``together``, all pairs are one choice
(British vs American spelling as a whole, not word by word).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

import regex

from newslint.document import Document
from newslint.findings import Fix, Hit, RelatedSpan
from newslint.kinds.base import Kind
from newslint.kinds.substitution import _match_case
from newslint.options import Option
from newslint.patterns import compile_pattern, finditer

_LITERAL = regex.compile(r"[\p{L}\p{N} '’-]+|[^\p{L}\p{N}\s]")


def _bounded(form: str) -> str:
    return rf"(?<![\p{{L}}\p{{N}}])(?:{form})(?![\p{{L}}\p{{N}}])" if form[:1].isalnum() else f"(?:{form})"


class Consistency(Kind):
    name = "consistency"
    can_fix = True
    description = (
        "Each `either` entry pairs two forms (words or regexes).  When one article uses both, the "
        "less frequent form is flagged; on a tie the form used first wins.  With `together: true` all "
        "pairs count as one choice between the left and the right column."
    )
    option_schema: Mapping[str, Option] = {
        "either": Option("dict[str,str]", {}, "left form -> right form (words or regexes)"),
        "names": Option("list[str]", ["first form", "second form"], "what to call the left and right column"),
        "together": Option("bool", False, "all pairs are one choice between the columns"),
        "ignorecase": Option("bool", True, "match regardless of case"),
    }

    @classmethod
    def validate(cls, options: Mapping[str, Any]) -> None:
        for left, right in options["either"].items():
            compile_pattern(_bounded(left), left)
            compile_pattern(_bounded(right), left)

    def __init__(self, rule: Any) -> None:
        super().__init__(rule)
        ic = self.options["ignorecase"]
        self.pairs = [
            (compile_pattern(_bounded(a), a, ignorecase=ic), compile_pattern(_bounded(b), a, ignorecase=ic), a, b)
            for a, b in self.options["either"].items()
        ]
        names = list(self.options["names"]) + ["first form", "second form"]
        self.names = names[0], names[1]

    def _uses(self, doc: Document, regions: list[tuple[int, int]]) -> list[list[tuple[int, int, int]]]:
        """Per pair: (side, start, end) of every use, side 0 = left column."""
        out = []
        for left, right, _, _ in self.pairs:
            uses = []
            for side, pattern in ((0, left), (1, right)):
                for start, end in regions:
                    uses += [(side, m.start(), m.end()) for m in finditer(pattern, doc.text, start, end)]
            out.append(sorted(uses, key=lambda u: u[1]))
        return out

    def check(self, doc: Document) -> Iterator[Hit]:
        per_pair = self._uses(doc, doc.regions(self.rule.scope))
        groups = [[u + (i,) for i, uses in enumerate(per_pair) for u in uses]] if self.options["together"] else [
            [u + (i,) for u in uses] for i, uses in enumerate(per_pair)
        ]
        for uses in groups:
            uses.sort(key=lambda u: u[1])
            counts = [sum(1 for u in uses if u[0] == side) for side in (0, 1)]
            if not counts[0] or not counts[1]:
                continue
            minority = 1 if counts[0] > counts[1] else 0 if counts[1] > counts[0] else 1 - uses[0][0]
            majority_use = next(u for u in uses if u[0] != minority)
            for side, start, end, pair in uses:
                if side != minority:
                    continue
                found = doc.text[start:end]
                other = self.pairs[pair][3] if side == 0 else self.pairs[pair][2]
                literal = bool(_LITERAL.fullmatch(other))
                suggestion = _match_case(other, found) if literal else ""
                yield Hit(
                    start, end,
                    {
                        "match": found,
                        "suggestion": suggestion or self.names[1 - minority],
                        "form": self.names[side],
                        "majority": self.names[1 - side],
                        "count": counts[1 - side],
                    },
                    suggestions=(suggestion,) if suggestion else (),
                    related=(RelatedSpan(majority_use[1], f"{self.names[1 - side]} used here"),),
                    fix=Fix(start, end, suggestion) if suggestion else None,
                )
