"""Compiling user-supplied words and regexes safely, and matching them with a timeout.

Rule authors write patterns; a pathological one must not hang a run, so every
match runs under the ``regex`` package's timeout.  The time is a budget for the whole run of a
rule on a document (:class:`Budget`), shared by all its scope regions and its exception
patterns: a hundred one-line regions do not get a hundred allowances.  A word-list pattern
(checked against single words, thousands of times a run) gets a small allowance per word, and
one that ran out once is not tried again in this process (:func:`fullmatch_word`).
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Iterator, Sequence

import regex

from newslint.core.compiled_patterns import compiled
from newslint.core.options import OptionError

#: seconds one pattern may spend on a region of text: a base plus a share per 100,000 characters,
#: so that a pathological pattern is stopped on an article but a 10 MB file can still be scanned
MATCH_TIMEOUT = 2.0
TIMEOUT_PER_100K = 1.0


#: seconds a word-list pattern may spend on one word (words are at most a few dozen characters)
WORD_TIMEOUT = 0.05


class PatternTimeout(Exception):
    """A pattern ran past its time limit on some text."""

    def __str__(self) -> str:
        return f"pattern {self.args[0]!r} ran past its time limit and was stopped"


class Budget:
    """The time one rule may spend matching on one document, shared by every match it runs."""

    def __init__(self, chars: int) -> None:
        self.deadline = time.monotonic() + MATCH_TIMEOUT + TIMEOUT_PER_100K * chars / 100_000

    def left(self, pattern: regex.Pattern[str]) -> float:
        """Seconds left, or :class:`PatternTimeout` when none are."""
        remaining = self.deadline - time.monotonic()
        if remaining <= 0:
            raise PatternTimeout(pattern.pattern[:80])
        return remaining


def compile_pattern(source: str, key: str, *, ignorecase: bool = False) -> regex.Pattern[str]:
    flags = regex.V1 | (regex.IGNORECASE if ignorecase else 0)
    try:
        return compiled(source, flags)
    except regex.error as exc:
        raise OptionError(key, f"invalid regex {source!r} in {key!r}: {exc}") from None


def word_alternation(words: Iterable[str]) -> str:
    """Whole-word alternation of literal words/phrases (longest first)."""
    escaped = sorted({regex.escape(w) for w in words if w}, key=len, reverse=True)
    return r"(?<![\p{L}\p{N}])(?:" + "|".join(escaped) + r")(?![\p{L}\p{N}])" if escaped else r"(?!)"


def compile_terms(
    words: Sequence[str], patterns: Sequence[str], key: str, *, ignorecase: bool
) -> regex.Pattern[str]:
    """One pattern matching any listed word (whole-word) or any listed regex."""
    for i, p in enumerate(patterns):
        compile_pattern(p, f"{key}[{i}]", ignorecase=ignorecase)  # report the bad one by name
    parts = [word_alternation(words)] if words else []
    parts += [f"(?:{p})" for p in patterns]
    return compile_pattern("|".join(parts) or r"(?!)", key, ignorecase=ignorecase)


def finditer(
    pattern: regex.Pattern[str], text: str, start: int, end: int, budget: Budget | None = None
) -> Iterator[regex.Match[str]]:
    """Matches in ``text[start:end]`` within ``budget`` (a fresh one for the region if None)."""
    budget = budget or Budget(end - start)
    try:
        yield from pattern.finditer(text, start, end, timeout=budget.left(pattern))
    except TimeoutError:
        raise PatternTimeout(pattern.pattern[:80]) from None


def fullmatch(pattern: regex.Pattern[str], text: str, budget: Budget) -> bool:
    """Whether ``pattern`` matches all of ``text``, within ``budget``."""
    try:
        return pattern.fullmatch(text, timeout=budget.left(pattern)) is not None
    except TimeoutError:
        raise PatternTimeout(pattern.pattern[:80]) from None


def search(pattern: regex.Pattern[str], text: str, budget: Budget) -> bool:
    """Whether ``pattern`` occurs in ``text``, within ``budget``."""
    try:
        return pattern.search(text, timeout=budget.left(pattern)) is not None
    except TimeoutError:
        raise PatternTimeout(pattern.pattern[:80]) from None


_SLOW_WORD_PATTERNS: set[str] = set()


def fullmatch_word(pattern: regex.Pattern[str], word: str) -> bool:
    """Whether a word-list pattern matches all of ``word``, within :data:`WORD_TIMEOUT`.

    A pattern that runs out of time raises :class:`PatternTimeout`, now and on every later
    word (without trying it again), so a catastrophic accept entry costs one allowance a run.
    """
    if pattern.pattern in _SLOW_WORD_PATTERNS:
        raise PatternTimeout(pattern.pattern[:80])
    try:
        return pattern.fullmatch(word, timeout=WORD_TIMEOUT) is not None
    except TimeoutError:
        _SLOW_WORD_PATTERNS.add(pattern.pattern)
        raise PatternTimeout(pattern.pattern[:80]) from None


def matches_in(
    pattern: regex.Pattern[str], text: str, regions: Iterable[tuple[int, int]], budget: Budget | None = None
) -> Iterator[regex.Match[str]]:
    """Matches in every region, all within one budget (by default: for the whole text)."""
    budget = budget or Budget(len(text))
    for start, end in regions:
        yield from finditer(pattern, text, start, end, budget)
