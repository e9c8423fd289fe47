"""``date-calendar``: dates the calendar contradicts or cannot settle.

One kind, three checks chosen by the ``check`` option (one rule each):

* ``impossible``: a day the month does not have ("31 June", "Nov. 31",
  "February 30", "29 February 2023"), or a numeric date with no valid month
  ("13/13/2023", "2023-13-01").  February 29 counts as possible unless the
  date itself names a year.
* ``weekday``: a weekday written beside a date that falls on another day
  ("Wednesday, September 14, 2023").  The year is the date's own, else that of
  a full date of the same or a neighbouring month in the same paragraph (then
  the weekday must fit neither that year nor the years either side); with no
  year nothing is said.
* ``ambiguous``: a numeric date that reads as two different dates
  ("03/04/2023"), unless another numeric date in the article with the same
  separator settles the order ("25/12/2023").
"""

from __future__ import annotations

import datetime
from collections.abc import Iterator, Mapping
from typing import Any, ClassVar

from newslint.core.document import Document
from newslint.core.findings import Hit
from newslint.core.options import Option
from newslint.dates.date_base import DateKind
from newslint.dates.date_mentions import VOCAB_OPTIONS, Mention, Vocab, days_in_month

CHECKS = ("impossible", "weekday", "ambiguous")


class DateCalendar(DateKind):
    name = "date-calendar"
    description = (
        "`check: impossible` flags days a month does not have and numeric dates with no valid month; "
        "`check: weekday` flags a weekday that does not match its date when the year is known (from the "
        "date or a nearby full date); `check: ambiguous` flags numeric dates that read as two "
        "different dates, unless another numeric date in the article settles the order."
    )
    option_schema: ClassVar[Mapping[str, Option]] = {
        **VOCAB_OPTIONS,
        "check": Option("str", "impossible", "which calendar check this rule runs", choices=CHECKS),
    }

    def __init__(self, rule: Any) -> None:
        super().__init__(rule)
        self.run = {"impossible": self._impossible, "weekday": self._weekday, "ambiguous": self._ambiguous}[
            self.options["check"]
        ]

    def check(self, doc: Document) -> Iterator[Hit]:
        yield from self.run(doc, self.mentions(doc))

    # ------------------------------------------------------------ impossible

    def _impossible(self, doc: Document, mentions: list[Mention]) -> Iterator[Hit]:
        for m in mentions:
            problem = _impossible_reason(m, self.vocab)
            if problem:
                yield Hit(m.date_start, m.end, {"problem": problem})

    # ------------------------------------------------------------ weekday

    def _weekday(self, doc: Document, mentions: list[Mention]) -> Iterator[Hit]:
        # Only a full date in the same paragraph and a neighbouring month lends its year:
        # an article's other years are often history ("the 1996 final on 16 January 1996").
        full = [(doc.paragraph_at(m.start), m) for m in mentions if m.year and m.day is not None and m.month]
        for m in mentions:
            if m.weekday is None or m.day is None or m.month is None or _impossible_reason(m, self.vocab):
                continue
            para = doc.paragraph_at(m.start)
            near_years = {
                o.year
                for p, o in full
                if p is not None and p == para and o.month and (o.month - m.month) % 12 in (0, 1, 11)
            }
            article_year = near_years.pop() if len(near_years) == 1 else None
            year = m.year or article_year
            if year is None:
                continue
            actual = _weekday_of(year, m.month, m.day)  # Monday = 0, as the vocabulary lists them
            # A year taken from elsewhere in the article may be off by one (last December, next January).
            near = (year,) if m.year else (year - 1, year, year + 1)
            if actual is None or any(_weekday_of(y, m.month, m.day) == m.weekday for y in near):
                continue
            name = self.vocab.weekday_names[actual]
            date = f"{m.day} {self.vocab.month_names[m.month - 1]} {year}"
            yield Hit(
                m.weekday_start,
                m.weekday_start + len(m.weekday_text),
                {"suggestion": name, "date": date, "year_source": "written" if m.year else "article"},
                suggestions=(name,),
            )

    # ------------------------------------------------------------ ambiguous

    def _ambiguous(self, doc: Document, mentions: list[Mention]) -> Iterator[Hit]:
        numeric = [m for m in mentions if m.order == "NUM" and m.numeric]
        settled = {m.separator: m for m in numeric if m.month is not None}
        for m in numeric:
            assert m.numeric is not None
            a, b, _ = m.numeric
            if m.month is not None or a == b or not (1 <= a <= 12 and 1 <= b <= 12) or m.separator in settled:
                continue
            year = m.year
            names = self.vocab.month_names
            readings = (f"{a} {names[b - 1]} {year}", f"{names[a - 1]} {b}, {year}")
            yield Hit(
                m.start,
                m.end,
                {"suggestion": " or ".join(readings), "first": readings[0], "second": readings[1]},
                suggestions=readings,
            )


def _weekday_of(year: int, month: int, day: int) -> int | None:
    try:
        return datetime.date(year, month, day).weekday()
    except ValueError:  # 29 February in a common year
        return None


def _impossible_reason(m: Mention, vocab: Vocab) -> str:
    """Why the mention cannot be a real date, or ""."""
    names = vocab.month_names
    if m.order in ("DM", "MD") and m.month and m.day:
        limit = days_in_month(m.month, m.year)
        if m.day > limit:
            year = f" {m.year}" if m.month == 2 and m.year else ""
            return f"{names[m.month - 1]}{year} has only {limit} days"
    elif m.order == "ISO" and m.numeric:
        _, month, day = m.numeric
        if not 1 <= month <= 12:
            return f"there is no month {month}"
        if not 1 <= day <= days_in_month(month, m.year):
            return f"{names[month - 1]} has no day {day}"
    elif m.order == "NUM" and m.numeric:
        a, b, _ = m.numeric
        if a == 0 or b == 0 or (a > 12 and b > 12):
            return f"neither {a} nor {b} can be a month"
        if m.month and m.day and m.day > days_in_month(m.month, m.year):
            return f"{names[m.month - 1]} has no day {m.day}"
    return ""
