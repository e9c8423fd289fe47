"""Spelling, numbers: a letter typed for a digit in a year (l982, 2o15).

A four-character token of digits and the letters that look like them (l, I for 1; o, O for 0),
with at least two real digits, that reads as a year once the letters are read as digits: a slip
of the keyboard or of OCR, never a word.  Nothing else with digits is looked at (3rd, COVID-19,
B2B are words of their own).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import regex

# a token of exactly four digits and look-alike letters, not joined to other word characters
_YEAR_LIKE = regex.compile(r"(?<![\w'’.,-])[0-9lIoO]{4}(?![\w'’]|[.,]\d)")
_AS_DIGIT = str.maketrans("lIoO", "1100")
_MIN_DIGITS = 2  # "lOOl" is no number
_FIRST_YEAR = 1000
_LAST_YEAR = 2099


@dataclass(frozen=True)
class DigitSlip:
    start: int
    end: int
    number: str  # the token with its letters read as digits


def letter_for_digit(text: str, start: int = 0, end: int | None = None) -> Iterator[DigitSlip]:
    """The year-like tokens of ``text[start:end]`` with a letter typed for a digit."""
    stop = len(text) if end is None else end
    for m in _YEAR_LIKE.finditer(text, start, stop):
        token = m.group()
        digits = sum(ch.isdigit() for ch in token)
        if digits == len(token) or digits < _MIN_DIGITS:
            continue
        number = token.translate(_AS_DIGIT)
        if _FIRST_YEAR <= int(number) <= _LAST_YEAR:
            yield DigitSlip(m.start(), m.end(), number)
