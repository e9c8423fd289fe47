"""Tokenisation shared by all rules: words, sentences and quoted spans, with offsets.

Done once per document (the Document caches the results) so that rules never
re-tokenise the same text.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import NamedTuple

from newslint.core import calendar
from newslint.core.compiled_patterns import compiled

# Named tuples, not dataclasses: a corpus has about a million words and these are built for each.


class Word(NamedTuple):
    start: int
    end: int
    text: str


class Sentence(NamedTuple):
    start: int
    end: int
    text: str


class Quote(NamedTuple):
    """A quoted span; ``start``/``end`` include the quote marks."""

    start: int
    end: int
    text: str


# Token shapes.  Every "word" pattern of the package is here, named for its job, so a rule picks
# one instead of writing its own.

# Letters with inner apostrophes, hyphens or periods (U.S., don't, Kim's, well-known),
# digits attached (COVID-19, 3rd) kept so that rules can decide what to skip.  ``Document.words``.
WORD_RE = compiled(r"[\p{L}\p{N}][\p{L}\p{M}\p{N}]*+(?:['’.\-][\p{L}\p{N}][\p{L}\p{M}\p{N}]*+)*+")

# The same words without offsets, for quick lookups in lowercased text: the standard library's
# engine is faster for this simple shape, and faster still with possessive quantifiers (Python
# 3.11+; the same matches, less backtracking).
try:
    QUICK_WORD = re.compile(r"[^\W_]++(?:['’.\-][^\W_]++)*+")
except re.error:  # pragma: no cover - Python 3.10
    QUICK_WORD = re.compile(r"[^\W_]+(?:['’.\-][^\W_]+)*")

# A word with the punctuation that joins names and figures kept on it (AT&T, U.S.-led, 24/7):
# counting the words of a line (is it headline-like?).
JOINED_WORD = compiled(r"[\p{L}\p{N}][\p{L}\p{M}\p{N}'’.&/-]*")
# The same without the slash, for topic words: "Iran/Iraq" is two topics, "AT&T" one.
TOPIC_WORD = compiled(r"[\p{L}\p{N}][\p{L}\p{M}\p{N}'’.&-]*")

# Runs of letters and digits, every other character splitting (the standard library's engine:
# faster here): comparing normalised paragraphs, where "well-known" == "well known".
ALNUM_RUN = re.compile(r"[^\W_]+")
# Apostrophes and primes of every style, removed inside words before comparing ("it's" == "its").
APOSTROPHES = re.compile(r"['’‘ʼʹ′`´]")

# A capitalised word of 4-12 letters standing alone or after "mid-" (a month or weekday name, or
# a slip of one: "Septemeber", "mid-Agust"); the date-misspelling rule narrows the first letter.
CAPITALISED_WORD = compiled(r"(?:(?<=\b[Mm]id-)|(?<![\p{L}\p{N}'’-]))\p{Lu}\p{Ll}{3,11}(?![\p{L}\p{N}])")

# A plain word of letters only: a form that can be matched by whole-word search, not by a regex.
LETTERS = compiled(r"\p{L}+")

# Words around a finding for baseline fingerprints (changing it invalidates saved baselines).
CONTEXT_WORD = compiled(r"[\p{L}\p{N}]+(?:['’][\p{L}]+)?")

# Words after which a period does not end a sentence: titles, company forms, the calendar's
# abbreviations (Sept., Thurs.), and the like.
_ABBREVIATIONS = (
    frozenset(
        "mr mrs ms dr prof st sen rep gov gen col lt sgt capt maj cmdr adm rev jr sr co corp inc ltd bros "
        "no nos vs etc al approx dept est fig mt ft u.s u.k u.n e.g i.e a.m p.m".split()
    )
    | calendar.load().abbreviations()
)
_SENTENCE_END = compiled(r"[.!?…]+['\"’”)\]]*(?=\s+['\"‘“(\[]?[\p{Lu}\p{N}])")
_QUOTE_RE = compiled(
    r"“[^“”]{1,2000}”|\"[^\"]{1,2000}\"|«[^«»]{1,2000}»|(?<![\p{L}\p{N}])‘[^‘’]{1,500}’(?![\p{L}])"
)


def match_case(word: str, like: str) -> str:
    """``word`` written in the case of ``like`` (UPPER, Capitalised or as is): suggestions and fixes
    keep the case of the text they replace."""
    if like.isupper() and len(like) > 1:
        return word.upper()
    if like[:1].isupper():
        return word[:1].upper() + word[1:]
    return word


def tokenize_words(text: str, start: int = 0, end: int | None = None) -> list[Word]:
    return [
        Word(m.start(), m.end(), m.group())
        for m in WORD_RE.finditer(text, start, len(text) if end is None else end)
    ]


def split_sentences(text: str, start: int, end: int) -> Iterator[Sentence]:
    """Split ``text[start:end]`` into sentences, not breaking after common abbreviations."""
    pos = start
    for m in _SENTENCE_END.finditer(text, start, end):
        before = text[pos : m.start()].rsplit(None, 1)
        last = before[-1].lower().rstrip(".") if before else ""
        if m.group().startswith(".") and (last in _ABBREVIATIONS or (len(last) == 1 and last.isalpha())):
            continue
        stop = m.end()
        yield Sentence(pos, stop, text[pos:stop])
        pos = stop
        while pos < end and text[pos].isspace():
            pos += 1
    if pos < end and text[pos:end].strip():
        yield Sentence(pos, end, text[pos:end])


def find_quotes(text: str, start: int, end: int) -> Iterator[Quote]:
    for m in _QUOTE_RE.finditer(text, start, end):
        yield Quote(m.start(), m.end(), m.group())


__all__ = [
    "ALNUM_RUN",
    "APOSTROPHES",
    "CAPITALISED_WORD",
    "CONTEXT_WORD",
    "JOINED_WORD",
    "LETTERS",
    "QUICK_WORD",
    "TOPIC_WORD",
    "WORD_RE",
    "Quote",
    "Sentence",
    "Word",
    "find_quotes",
    "match_case",
    "split_sentences",
    "tokenize_words",
]
