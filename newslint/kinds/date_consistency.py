"""``date-consistency``: an article should write all its dates one way.

Each date with a day votes on three independent choices: the form (day-month
"13 September", month-day "September 13", ISO "2023-09-13", numeric
"13/09/2023"), ordinals ("13th" or "13") and, for long month names, abbreviation
("Sept." or "September").  Where one value is the clear majority, every
minority date is flagged with the date rewritten the majority way.

With a house style (top-level ``date-style``) the ``date-style`` rule decides every
date's form, in the house direction; this rule then stays silent, so one date is
never reported twice or pulled two ways.

A wire dateline ("LONDON, March 3 (Reuters) -") is never flagged, but it is
evidence of the desk's convention: it votes on form and ordinals (not on
abbreviation, which datelines do by habit).

Ties.  Only a one-against-one tie is decided (two dates, or one date and a
dateline); larger ties are left alone.  The dateline wins a tie; otherwise the
more unusual way of writing loses (an ordinal, an ISO or numeric date in
prose); otherwise the date written first sets the convention and the later
one is flagged.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator, Mapping
from typing import Any, ClassVar

from newslint.core.document import Document
from newslint.core.findings import Fix, Hit, RelatedSpan
from newslint.core.kind import Fixes
from newslint.core.options import Option, OptionError
from newslint.dates.date_base import DateKind
from newslint.dates.date_mentions import VOCAB_OPTIONS, Mention, render

DIMENSIONS = ("form", "ordinal", "abbreviation")
_DESCRIBE = {
    ("form", "DM"): "day-month",
    ("form", "MD"): "month-day",
    ("form", "ISO"): "as an ISO date",
    ("form", "NUM"): "in numbers",
    ("ordinal", True): "with an ordinal",
    ("ordinal", False): "without an ordinal",
    ("abbreviation", True): "with the month abbreviated",
    ("abbreviation", False): "with the month in full",
}


class DateConsistency(DateKind):
    name = "date-consistency"
    fixes = Fixes.SAFE
    description = (
        "Dates with a day vote on form (day-month, month-day, ISO, numeric), ordinals and (for months "
        "longer than `abbreviable_length` letters) abbreviation.  The minority is flagged when one value "
        "is the clear majority.  A wire dateline votes on form and ordinals but is never flagged.  A "
        "one-against-one tie goes to the dateline, else against the more unusual form, else against the "
        "later date.  Larger ties are not flagged."
    )
    option_schema: ClassVar[Mapping[str, Option]] = {
        **VOCAB_OPTIONS,
        "dimensions": Option("list[str]", list(DIMENSIONS), "which choices must be consistent"),
        "abbreviable_length": Option("int", 5, "months with longer names vote on abbreviation", minimum=0),
        "dateline_votes": Option("bool", True, "count the wire dateline's form as a vote"),
        "style": Option(
            "str", "any", "the house date style; any other than `any` leaves dates to date-style"
        ),
    }

    @classmethod
    def validate(cls, options: Mapping[str, Any]) -> None:
        super().validate(options)
        unknown = set(options["dimensions"]) - set(DIMENSIONS)
        if unknown:
            known = ", ".join(DIMENSIONS)
            raise OptionError("dimensions", f"unknown dimension(s) {sorted(unknown)}; known: {known}")

    def __init__(self, rule: Any) -> None:
        super().__init__(rule)
        self.dimensions = tuple(self.options["dimensions"])

    def _value(self, dimension: str, m: Mention) -> Any:
        """The mention's vote on a dimension, or None when it has none."""
        if dimension == "form":
            return m.order if m.day is not None or m.order == "NUM" else None
        if not m.spelled:
            return None
        if dimension == "ordinal":
            return m.ordinal
        if m.dateline or len(m.month_full) <= self.options["abbreviable_length"]:
            return None
        return m.abbreviated

    def check(self, doc: Document) -> Iterator[Hit]:
        if self.options["style"] != "any":
            return  # the house style, not the article's majority, decides: date-style reports
        mentions = [
            m for m in self.mentions(doc) if m.order and (not m.dateline or self.options["dateline_votes"])
        ]
        flagged: dict[int, dict[str, tuple[Any, Mention]]] = {}
        for dimension in self.dimensions:
            votes = [(v, m) for m in mentions if (v := self._value(dimension, m)) is not None]
            majority = _majority(dimension, votes)
            if majority is None:
                continue
            witness = next(m for v, m in votes if v == majority)
            for v, m in votes:
                if v != majority and not m.dateline:
                    flagged.setdefault(m.start, {})[dimension] = (majority, witness)
        by_start = {m.start: m for m in mentions}
        for start, reasons in sorted(flagged.items()):
            yield self._hit(doc, by_start[start], reasons)

    def _hit(self, doc: Document, m: Mention, reasons: dict[str, tuple[Any, Mention]]) -> Hit:
        first = next(d for d in DIMENSIONS if d in reasons)
        majority, witness = reasons[first]
        suggestion = self._rewrite(m, {d: v for d, (v, _) in reasons.items()})
        return Hit(
            m.date_start,
            m.end,
            {
                "form": _DESCRIBE[(first, self._value(first, m))],
                "majority": _DESCRIBE[(first, majority)],
                "example": " ".join(doc.text[witness.date_start : witness.end].split()),
                "suggestion": suggestion or _DESCRIBE[(first, majority)],
            },
            suggestions=(suggestion,) if suggestion else (),
            related=(RelatedSpan(witness.date_start, "the article's usual date format is used here"),),
            fix=Fix(m.date_start, m.end, suggestion) if suggestion else None,
        )

    def _rewrite(self, m: Mention, want: dict[str, Any]) -> str:
        """The date written the majority way, or "" when that cannot be done safely."""
        form = want.get("form", m.order)
        if m.month is None or m.day is None:
            return ""
        if form == "ISO":
            return f"{m.year:04d}-{m.month:02d}-{m.day:02d}" if m.year and not m.day_text[2:] else ""
        if form == "NUM":
            return ""  # which numeric order the article uses is not known here
        full = self.vocab.month_names[m.month - 1]
        word = m.month_text if m.spelled else full
        if "abbreviation" in want:
            abbrevs = [a for a in self.vocab.months[full] if a]
            if want["abbreviation"] and not abbrevs:
                return ""
            word = abbrevs[0] if want["abbreviation"] else full
        return render(m, self.vocab, form, want.get("ordinal", m.ordinal), word)


def _majority(dimension: str, votes: list[tuple[Any, Mention]]) -> Any:
    """The value the article agrees on, or None when there is no clear one."""
    counts = Counter(v for v, _ in votes)
    if len(counts) < 2:
        return None
    (top, n1), (_, n2) = counts.most_common(2)
    if n1 > n2:
        return top
    if len(votes) != 2 or dimension == "abbreviation":
        return None
    (va, a), (vb, b) = votes
    return vb if _tie_loser(a, b) is a else va


def _marks(m: Mention) -> int:
    return int(m.ordinal) + int(m.order in ("ISO", "NUM"))


def _tie_loser(a: Mention, b: Mention) -> Mention:
    """Of two dates that disagree, the one to flag (decided once for all dimensions)."""
    if a.dateline != b.dateline:
        return b if a.dateline else a
    if _marks(a) != _marks(b):
        return a if _marks(a) > _marks(b) else b
    return b if a.start < b.start else a  # the date written first sets the convention
