"""``date-misspelling``: a misspelled month or weekday where a date is clearly meant.

A capitalised word that is not a known word but is one or two edits (letters
swapped, dropped, doubled or changed; never the first letter) from a month or
weekday name is reported when its neighbours say "date": a day number or a
year beside a month ("Septemeber 13", "5 Februrary", "Jaly 2003"), a cue word
before it ("in Januray", "on Wensday", "last Febbruary") or a time-of-day word
after a weekday ("Monsday afternoon").  The names and cue words are rule data.
Reported as category ``date`` on the word itself, so the spelling rule's
report of the same word is dropped by the engine (one report per defect).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any, ClassVar

import regex
from rapidfuzz.distance import OSA

from newslint.core.compiled_patterns import compiled
from newslint.core.document import Document, RegionSet
from newslint.core.findings import Fix, Hit
from newslint.core.kind import Fixes
from newslint.core.options import Option
from newslint.core.tokens import CAPITALISED_WORD
from newslint.dates.date_base import DateKind
from newslint.dates.date_mentions import VOCAB_OPTIONS

_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
_AFTER_MONTH = compiled(rf"\.?,?[^\S\r\n]+(?:{_DAY}(?![\p{{N}}:%])|(?:1[6-9]|20)\d\d(?!\p{{N}}))")
_BEFORE_MONTH = compiled(rf"(?<![\p{{N}}.,:/])\b{_DAY}[^\S\r\n]+(?:of[^\S\r\n]+)?$")


MAX_EDITS = 2  # a slip of a month or weekday name: at most two edits (Septemeber, Wensday)
SHORT_NAME = 5  # names of five letters or fewer (March, April, June) allow one edit: two reach real words
SHORT_NAME_EDITS = 1


def _cue_words(words: list[str]) -> regex.Pattern[str]:
    alternation = "|".join(regex.escape(w) for w in sorted(words, key=len, reverse=True)) or "(?!)"
    return compiled(rf"(?i:\b(?:{alternation}))(?:[^\S\r\n]|-)+$")


class DateMisspelling(DateKind):
    name = "date-misspelling"
    fixes = Fixes.UNSAFE
    description = (
        "Flags a capitalised word one or two edits from a month or weekday name (same first letter; one "
        "edit for names of five letters or fewer) that is not itself a common word (`max_zipf`), when a "
        "day number or year sits beside it or a cue word (`month_cues`, `weekday_cues`, "
        "`weekday_after`) marks it as a date.  The fix (the nearest name) is offered as unsafe."
    )
    option_schema: ClassVar[Mapping[str, Option]] = {
        **VOCAB_OPTIONS,
        "month_cues": Option("list[str]", [], "words before a month that mark a date (in, since, last)"),
        "weekday_cues": Option("list[str]", [], "words before a weekday that mark a date (on, last, next)"),
        "weekday_after": Option("list[str]", [], "words after a weekday that mark a date (night, morning)"),
        "max_zipf": Option("float", 2.0, "a word this frequent (wordfreq Zipf) is real", minimum=0),
    }

    def __init__(self, rule: Any) -> None:
        super().__init__(rule)
        self.known = set(self.vocab.month_of) | set(self.vocab.weekday_of)
        self.month_cue = _cue_words(self.options["month_cues"])
        self.weekday_cue = _cue_words(self.options["weekday_cues"])
        after = "|".join(regex.escape(w) for w in self.options["weekday_after"]) or "(?!)"
        month = "|".join(regex.escape(w) for w in sorted(self.vocab.month_of, key=len, reverse=True))
        self.weekday_after = compiled(
            rf"(?:['’]s\b|,?[^\S\r\n]+(?:{after})\b|,?[^\S\r\n]+\(?(?:{_DAY}[^\S\r\n]+)?(?:{month})\b)"
        )
        self._zipf: Any = None
        self._near: dict[str, tuple[list[str], list[str]] | None] = {}
        # first letter -> (shortest, longest) length a misspelling of a name with it can have
        self.reach: dict[str, tuple[int, int]] = {}
        for name in (*self.vocab.month_names, *self.vocab.weekday_names):
            low, high = self.reach.get(name[0], (len(name) - MAX_EDITS, len(name) + MAX_EDITS))
            self.reach[name[0]] = (min(low, len(name) - MAX_EDITS), max(high, len(name) + MAX_EDITS))
        # Only capitalised words starting like some name are looked at (the engine skips to them).
        initials = "".join(regex.escape(c) for c in sorted(self.reach))
        pattern = CAPITALISED_WORD.pattern.replace(r"\p{Lu}", f"[{initials}]", 1) if initials else "(?!)"
        self.words = compiled(pattern)

    def _common(self, word: str) -> bool:
        if self._zipf is None:
            from newslint.spelling.lexicon import Lexicon  # shared with the spelling rule, loaded once

            self._zipf = Lexicon.load().freq
        return bool(self._zipf(word.lower()) >= self.options["max_zipf"])

    def _near_names(self, word: str) -> tuple[list[str], list[str]] | None:
        """(months, weekdays) a capitalised word may be a slip of, or None (memoised: capitalised
        words repeat across a corpus)."""
        try:
            return self._near[word]
        except KeyError:
            pass
        near: tuple[list[str], list[str]] | None = None
        reach = self.reach.get(word[0])
        if reach is not None and reach[0] <= len(word) <= reach[1] and word not in self.known:
            months, weekdays = (
                _nearest(word, self.vocab.month_names),
                _nearest(word, self.vocab.weekday_names),
            )
            near = (months, weekdays) if months or weekdays else None
        self._near[word] = near
        return near

    def check(self, doc: Document) -> Iterator[Hit]:
        text = doc.text
        suspects = {w for w in set(self.words.findall(text)) if self._near_names(w) is not None}
        if not suspects:  # the common case: no word close to a month or weekday
            return
        inside = None if self.rule.scope == "text" else RegionSet(doc.regions(self.rule.scope))
        for m in self.words.finditer(text):
            if inside is not None and not inside(m.start(), m.end()):
                continue
            word = m.group(0)
            near = self._near_names(word) if word in suspects else None
            if near is None:
                continue
            months, weekdays = near
            before = text[max(0, m.start() - 30) : m.start()]
            after = text[m.end() : m.end() + 30]
            names: list[str] = []
            if months and (
                _AFTER_MONTH.match(after) or _BEFORE_MONTH.search(before) or self.month_cue.search(before)
            ):
                names = months
            elif weekdays and (self.weekday_cue.search(before) or self.weekday_after.match(after)):
                names = weekdays
            if not names or self._common(word):
                continue
            yield Hit(
                m.start(),
                m.end(),
                {"suggestion": " or ".join(names)},
                suggestions=tuple(names),
                fix=Fix(m.start(), m.end(), names[0], safe=False) if len(names) == 1 else None,
            )


def _nearest(word: str, names: list[str]) -> list[str]:
    """The names within reach of ``word`` (same first letter), nearest first."""
    found = []
    for name in names:
        if name[0] != word[0] or abs(len(name) - len(word)) > MAX_EDITS:
            continue
        limit = SHORT_NAME_EDITS if len(name) <= SHORT_NAME else MAX_EDITS
        distance = OSA.distance(word.lower(), name.lower(), score_cutoff=limit)
        if distance <= limit:
            found.append((distance, name))
    best = min((d for d, _ in found), default=None)
    return [n for d, n in found if d == best]
