"""Find the date mentions of an article: "13 September", "Sept. 13, 2023", "2023-09-13", "09/13/2023".

All date rules read the same mentions so they agree on what a date is.  The
vocabulary (month names and their abbreviations, weekday names, ordinal
suffixes) is the calendar vocabulary the rule names (:mod:`newslint.core.calendar`),
compiled by :class:`Vocab`; only the shape of a date (day next to month,
optional weekday and year) is code.  Datelines come from the document.

Deliberately not dates: times (``13:00``), scores and ratios (``3-1``, ``2/3``),
money, versions, years alone, and month words not written with a capital
(``may``) or not next to a day or year (``August`` as a name is only a mention
when a day or year sits beside it).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from functools import cached_property
from typing import Any

import regex

from newslint.core import calendar
from newslint.core.compiled_patterns import compiled
from newslint.core.document import Document, Line
from newslint.core.options import Option, OptionError

_YEAR = r"(?:1[6-9]\d\d|20\d\d)(?![\d,.\-/]\d)"
_LEAP_MONTH_DAYS = (31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


VOCAB_OPTIONS: dict[str, Option] = {
    "vocabulary": Option("str", "", "the calendar vocabulary the rule uses, by name (calendar)"),
    "months": Option("dict[str,list[str]]", {}, "month -> abbreviations (replaces the vocabulary's)"),
    "weekdays": Option("dict[str,list[str]]", {}, "weekday -> abbreviations (replaces the vocabulary's)"),
    "ordinals": Option("list[str]", [], "ordinal suffixes (instead of the vocabulary's): st, nd, rd, th"),
}


def resolve_vocab(options: Mapping[str, Any]) -> dict[str, Any]:
    """``months``, ``weekdays`` and ``ordinals``: the rule's own where given, else the named
    vocabulary's (:mod:`newslint.core.calendar`)."""
    name = options.get("vocabulary") or ""
    out = {key: options.get(key) for key in ("months", "weekdays", "ordinals")}
    if name:
        try:
            cal = calendar.load(name)
        except KeyError as exc:
            raise OptionError("vocabulary", str(exc.args[0])) from None
        out["months"] = out["months"] or {k: list(v) for k, v in cal.months.items()}
        out["weekdays"] = out["weekdays"] or {k: list(v) for k, v in cal.weekdays.items()}
        out["ordinals"] = out["ordinals"] or list(cal.ordinals)
    return out


def validate_vocab(options: Mapping[str, Any]) -> None:
    """Twelve months and (when given) seven weekdays, so numbers map to the calendar."""
    options = resolve_vocab(options)
    if len(options.get("months") or {}) != 12:
        raise OptionError("months", "option 'months' must list the twelve months in calendar order")
    if options.get("weekdays") and len(options["weekdays"]) != 7:
        raise OptionError("weekdays", "option 'weekdays' must list seven weekdays, Monday first")


@dataclass(frozen=True)
class Vocab:
    """Month and weekday names from a rule's options, compiled once per rule."""

    months: Mapping[str, Sequence[str]]  # full name -> abbreviations ("Sept", "Sep")
    weekdays: Mapping[str, Sequence[str]]  # full name -> abbreviations
    ordinals: Sequence[str]  # "st", "nd", "rd", "th"

    @classmethod
    def from_options(cls, options: Mapping[str, Any]) -> Vocab:
        options = resolve_vocab(options)
        months, weekdays = options.get("months") or {}, options.get("weekdays") or {}
        return cls(dict(months), dict(weekdays), tuple(options.get("ordinals") or ()))

    @cached_property
    def month_names(self) -> list[str]:
        return list(self.months)

    @cached_property
    def weekday_names(self) -> list[str]:
        return list(self.weekdays)

    @cached_property
    def month_of(self) -> dict[str, int]:
        """Any spelling (full or abbreviated, no period) -> month number 1-12."""
        out: dict[str, int] = {}
        for number, (full, abbrevs) in enumerate(self.months.items(), 1):
            out[full] = number
            for a in abbrevs:
                out[a.rstrip(".")] = number
        return out

    @cached_property
    def weekday_of(self) -> dict[str, int]:
        """Any spelling -> 0 (the first weekday listed, Monday by default) .. 6."""
        out: dict[str, int] = {}
        for number, (full, abbrevs) in enumerate(self.weekdays.items()):
            out[full] = number
            for a in abbrevs:
                out[a.rstrip(".")] = number
        return out

    def suffix(self, n: int) -> str:
        """The ordinal suffix of ``n``: with four suffixes listed, English rules (1st, 2nd, 3rd, 11th)."""
        if len(self.ordinals) == 4 and not 10 < n % 100 < 14 and 1 <= n % 10 <= 3:
            return self.ordinals[n % 10 - 1]
        return self.ordinals[-1] if self.ordinals else ""

    @cached_property
    def pattern(self) -> regex.Pattern[str]:
        month = _alternation(self.month_of)
        weekday = _alternation(self.weekday_of)
        ordinal = _alternation({o: 0 for o in self.ordinals}) if self.ordinals else "(?!)"
        num = r"(?:[12]\d|3[01]|0?[1-9])"
        to = r"[^\S\r\n]*(?:-|–|to|and)[^\S\r\n]*"

        def days(n: str, tail: str = "") -> str:
            """A day or a day range ("13", "13th", "13-15"), its number in group ``n``."""
            second = rf"(?:{to}{num}(?:{ordinal})?(?!\p{{N}}){tail})?"
            return rf"(?P<{n}t>(?P<{n}>{num})(?P<{n}o>{ordinal})?{second})"

        abbr = _alternation({a: 0 for a in self.month_of if a not in self.months})

        def month_g(n: str) -> str:
            """A month word; a period is part of it only after an abbreviation ("Sept.", not "June.")."""
            return rf"(?<![\p{{L}}])(?P<{n}>{month})(?P<{n}p>(?<=(?<![\p{{L}}])(?:{abbr}))\.)?(?![\p{{L}}'’])"

        wd = rf"(?:(?P<wd>{weekday})\.?(?:,[^\S\r\n]*|[^\S\r\n]+|[^\S\r\n]*\([^\S\r\n]*)(?:the[^\S\r\n]+)?)?"
        dm = (
            wd
            + r"(?<![\p{L}\p{N}.,:/£$€-])"
            + days("d1")
            + r"[^\S\r\n]+(?:of[^\S\r\n]+)?"
            + month_g("m1")
            + rf"(?:,?[^\S\r\n]+(?P<y1>{_YEAR}))?(?![\p{{N}}])"
        )
        md = (
            wd
            + month_g("m2")
            + r"[^\S\r\n]+(?:the[^\S\r\n]+)?"
            + days("d2", rf"(?![^\S\r\n]+(?:of[^\S\r\n]+)?(?:{month})\b)")
            + rf"(?![\p{{N}}:.,]\d|[\p{{L}}%])(?:,?[^\S\r\n]+(?P<y2>{_YEAR}))?(?![\p{{N}}])"
        )
        my = (
            r"(?:mid-)?"
            + month_g("m3")
            + rf"(?:[^\S\r\n]+(?:of[^\S\r\n]+)?|,[^\S\r\n]*)(?P<y3>{_YEAR})(?![\p{{N}}])"
        )
        iso = r"(?<![\p{N}.\-/])(?P<iy>1[89]\d\d|20\d\d)-(?P<im>\d\d)-(?P<id>\d\d)(?![\p{N}\-])"
        numeric = (
            r"(?<![\p{N}.\-/,])(?P<na>\d{1,2})(?P<ns>[/.])(?P<nb>\d{1,2})(?P=ns)(?P<ny>\d{4}|\d{2})"
            r"(?![\p{N}/.]\d|[\p{N}/])"
        )
        return compiled("|".join(f"(?:{p})" for p in (dm, md, my, iso, numeric)))

    @cached_property
    def anchor(self) -> regex.Pattern[str]:
        """What every mention contains: a month word, or digits with date separators.  Only lines
        holding one are scanned with the full pattern (a date never crosses a line break)."""
        month = _alternation(self.month_of)
        return compiled(rf"(?<!\p{{L}})(?:{month})(?!\p{{L}})|\d[-/.]\d\d?[-/.]\d")

    @cached_property
    def lead_in_words(self) -> frozenset[str]:
        """Words that may come before a month word within a date (weekdays, "the 13th of")."""
        return frozenset(self.weekday_of) | {"the", "of", "to", "and", "mid"}

    @cached_property
    def key(self) -> tuple[Any, ...]:
        """Identity of the vocabulary, to share mentions between rules with the same one."""
        return (
            tuple((k, tuple(v)) for k, v in self.months.items()),
            tuple((k, tuple(v)) for k, v in self.weekdays.items()),
            tuple(self.ordinals),
        )


def _alternation(words: Mapping[str, int]) -> str:
    return "|".join(regex.escape(w) for w in sorted(words, key=len, reverse=True))


@dataclass(frozen=True)
class Mention:
    """One date in the text.  ``order`` is "DM", "MD", "" (no day) or the numeric form ("ISO", "NUM")."""

    start: int
    end: int
    text: str
    order: str
    month: int | None
    day: int | None = None
    year: int | None = None
    ordinal: bool = False
    date_start: int = 0  # where the date proper starts (after a weekday)
    day_text: str = ""  # the day or day range as written ("13th", "13-15")
    month_start: int = 0
    month_text: str = ""  # the month word as written, period included
    month_full: str = ""  # the month's full name from the vocabulary
    weekday: int | None = None
    weekday_start: int = 0
    weekday_text: str = ""
    numeric: tuple[int, int, int] | None = None  # the three numbers of a numeric date, as written
    separator: str = ""
    dateline: bool = False

    @property
    def spelled(self) -> bool:
        return self.order in ("DM", "MD")

    @property
    def abbreviated(self) -> bool:
        """The month is written short ("Sept.", "Nov")."""
        return bool(self.month_text) and self.month_text.rstrip(".") != self.month_full


def _int(value: str | None) -> int | None:
    return int(value) if value else None


def _numeric(m: regex.Match[str]) -> tuple[int | None, int | None, int | None]:
    """(month, day, year) of a numeric date; month and day only when one part > 12 forces the reading."""
    a, b, y = int(m.group("na")), int(m.group("nb")), int(m.group("ny"))
    if len(m.group("ny")) == 2:
        y += 1900 if y >= 40 else 2000
    if a > 12 >= b:
        return b, a, y
    if b > 12 >= a:
        return a, b, y
    return None, None, y


def find_mentions(doc: Document, vocab: Vocab) -> list[Mention]:
    """Every date mention of the document in text order; dateline mentions are marked.

    Computed once per document and vocabulary: the date rules share the result.
    """
    return doc.memo(("date-mentions", vocab.key), lambda: _find_mentions(doc, vocab))


def _find_mentions(doc: Document, vocab: Vocab) -> list[Mention]:
    datelines = _dateline_spans(doc)
    out: list[Mention] = []
    text, pattern = doc.text, vocab.pattern
    for line, first, last, done in _clusters(doc, vocab.anchor.finditer(text)):
        # Start a little before the anchor, at a word start, so a leading weekday or day range is
        # seen; stop once past the anchor (a date never crosses a line break).
        begin = max(done[0], _lead_in(text, max(line.start, first - _REACH_BACK), first, vocab))
        stop = text.find(" ", min(line.end, last + _REACH_ON), line.end)
        for m in _matches(pattern, text, begin, last, line.end if stop < 0 else stop):
            done[0] = m.end()  # matches never overlap: the line's next cluster resumes after this
            mention = _mention(m, vocab)
            if mention is None:
                continue
            if any(s <= mention.start < e for s, e in datelines):
                mention = replace(mention, dateline=True)
            out.append(mention)
    return out


def _matches(
    pattern: regex.Pattern[str], text: str, begin: int, last: int, stop: int
) -> Iterator[regex.Match[str]]:
    """Non-overlapping matches starting in ``text[begin:last]`` and ending by ``stop``.

    A date starts at a word or number, so the pattern is only tried there (``match`` at a dozen
    places, not ``finditer`` at every character of the window: the date rules' main cost).
    """
    pos = begin
    for start in _TOKEN_START.finditer(text, begin, last + 1):
        at = start.start()
        if at < pos:
            continue
        m = pattern.match(text, at, stop)
        if m is not None:
            yield m
            pos = m.end()


def _lead_in(text: str, floor: int, anchor: int, vocab: Vocab) -> int:
    """Where a date holding the anchor could start: walk back over what may come before a month
    word ("Wednesday, the 13th to 15th of", "mid-") but no further than ``floor``."""
    pos = anchor
    while pos > floor:
        j = pos
        while j > floor and (text[j - 1] in ",(.-–" or (text[j - 1].isspace() and text[j - 1] not in "\r\n")):
            j -= 1
        k = j
        while k > floor and text[k - 1].isalnum():
            k -= 1
        token = text[k:j]
        if not token or not (token[0].isdigit() or token in vocab.lead_in_words):
            break
        pos = k
    return pos


#: where a word or a number starts (a letter after a non-letter, a digit after a non-digit)
_TOKEN_START = compiled(r"(?<!\p{L})\p{L}|(?<!\p{N})\p{N}")
#: how far before a month word a date can start ("Wednesday, the 13th to 15th of September")
_REACH_BACK = 60
#: how far after it a date can end ("September 13-15, 2023"), with room for the look-aheads
_REACH_ON = 40


def _clusters(
    doc: Document, anchors: Iterator[regex.Match[str]]
) -> Iterator[tuple[Line, int, int, list[int]]]:
    """(line, first start, last end, resume point) of runs of anchors on one line close enough to
    share one scan.  Anchors are found in one pass over the whole text (an anchor never holds a
    line break); the resume point is shared by the clusters of a line and updated by the caller."""
    line: Line | None = None
    first = last = -1
    done = [0]
    for a in anchors:
        start = a.start()
        if line is None or start >= line.end:
            if line is not None:
                yield line, first, last, done
            line, first, done = doc.lines[doc.line_of(start) - 1], start, [0]
        elif start - _REACH_BACK > last:
            yield line, first, last, done
            first = start
        last = a.end()
    if line is not None:
        yield line, first, last, done


def _dateline_spans(doc: Document) -> list[tuple[int, int]]:
    """Where the dates of the document's datelines are ("March 3" in "LONDON, March 3 -")."""
    return [
        (d.date_start, d.date_start + len(d.date))
        for d in doc.datelines
        if d.date_start is not None and d.date
    ]


def _mention(m: regex.Match[str], vocab: Vocab) -> Mention | None:
    text = m.group(0)
    wd = m.group("wd")
    weekday = vocab.weekday_of.get(wd) if wd else None
    common: dict[str, Any] = {
        "weekday": weekday,
        "weekday_start": m.start("wd") if wd else 0,
        "weekday_text": wd or "",
    }
    if m.group("m1") or m.group("m2"):
        i = "1" if m.group("m1") else "2"
        month_text = m.group("m" + i) + (m.group(f"m{i}p") or "")
        month = vocab.month_of[m.group("m" + i)]
        return Mention(
            m.start(),
            m.end(),
            text,
            "DM" if i == "1" else "MD",
            month,
            int(m.group("d" + i)),
            _int(m.group("y" + i)),
            m.group(f"d{i}t")[-1:].isalpha(),
            min(m.start("m" + i), m.start(f"d{i}t")),
            m.group(f"d{i}t"),
            m.start("m" + i),
            month_text,
            vocab.month_names[month - 1],
            **common,
        )
    if m.group("m3"):
        month_text = m.group("m3") + (m.group("m3p") or "")
        return Mention(
            m.start(),
            m.end(),
            text,
            "",
            vocab.month_of[m.group("m3")],
            None,
            int(m.group("y3")),
            date_start=m.start(),
            month_start=m.start("m3"),
            month_text=month_text,
            month_full=vocab.month_names[vocab.month_of[m.group("m3")] - 1],
        )
    if m.group("iy"):
        y, mo, d = int(m.group("iy")), int(m.group("im")), int(m.group("id"))
        return Mention(
            m.start(), m.end(), text, "ISO", mo, d, y, date_start=m.start(), numeric=(y, mo, d), separator="-"
        )
    a, b = int(m.group("na")), int(m.group("nb"))
    if m.group("ns") == "." and len(m.group("ny")) != 4:
        return None  # "1.30.45" is a time or a version, not a date
    n_month, n_day, n_year = _numeric(m)
    return Mention(
        m.start(),
        m.end(),
        text,
        "NUM",
        n_month,
        n_day,
        n_year,
        date_start=m.start(),
        numeric=(a, b, int(m.group("ny"))),
        separator=m.group("ns"),
    )


def days_in_month(month: int, year: int | None) -> int:
    """Days of ``month``; February has 29 unless ``year`` is known and not a leap year."""
    if month == 2 and year is not None and not (year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)):
        return 28
    return _LEAP_MONTH_DAYS[month - 1]


def render(m: Mention, vocab: Vocab, order: str, ordinal: bool, month_word: str) -> str:
    """The date of ``m`` written in ``order`` ("DM" or "MD"), with or without ordinals."""
    if m.day_text:
        suffixes = "|".join(map(regex.escape, vocab.ordinals)) or "(?!)"
        numbers = regex.sub(rf"(?<=\d)(?:{suffixes})", "", m.day_text)
    else:
        numbers = str(m.day)
    if ordinal:
        numbers = regex.sub(r"\d+", lambda d: d.group(0) + vocab.suffix(int(d.group(0))), numbers)
    if order == "DM":
        return f"{numbers} {month_word}" + (f" {m.year}" if m.year else "")
    return f"{month_word} {numbers}" + (f", {m.year}" if m.year else "")
