"""Compiling user-supplied words and regexes safely, and matching them with a timeout.

Rule authors write patterns; a pathological one must not hang a run, so every
match runs under the ``regex`` package's timeout.  The time is a budget for the whole run of a
rule on a document (:class:`Budget`), shared by all its scope regions and its exception
patterns: a hundred one-line regions do not get a hundred allowances; and the rules of one
document together lose at most a few allowances to patterns that run out
(:class:`SharedAllowance`).  A word-list pattern (checked against single words, thousands of
times a run) gets a small allowance per word, and one that ran out once is not tried again in
this process (:func:`fullmatch_word`).
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


#: the rules of one document together may lose this many of their own allowances to patterns
#: that run out of time: twenty catastrophic rules then cost two allowances, not twenty
SHARED_ALLOWANCES = 2


#: seconds a word-list pattern may spend on one word (words are at most a few dozen characters)
WORD_TIMEOUT = 0.05


class PatternTimeout(Exception):
    """A pattern ran past its time limit on some text."""

    def __str__(self) -> str:
        return f"pattern {self.args[0]!r} ran past its time limit and was stopped"


def allowance(chars: int) -> float:
    """Seconds one rule's patterns may spend on a text of ``chars`` characters."""
    return MATCH_TIMEOUT + TIMEOUT_PER_100K * chars / 100_000


class SharedAllowance:
    """The time that patterns running out of time may take from one document, over all rules.

    Each rule has its own :class:`Budget`; a rule whose patterns ran out charges the time it
    spent here, and once :data:`SHARED_ALLOWANCES` allowances are spent every later rule on the
    document stops at once (and says so) instead of spending its own."""

    def __init__(self, chars: int) -> None:
        self.left = SHARED_ALLOWANCES * allowance(chars)

    def charge(self, seconds: float) -> None:
        self.left -= seconds


class Budget:
    """The time one rule may spend matching on one document, shared by every match it runs
    (and bounded by the document's :class:`SharedAllowance`, when given)."""

    def __init__(self, chars: int, shared: SharedAllowance | None = None) -> None:
        self.started = time.monotonic()
        self.deadline = self.started + allowance(chars)
        self.shared = shared

    def left(self, pattern: regex.Pattern[str]) -> float:
        """Seconds left, or :class:`PatternTimeout` when none are."""
        now = time.monotonic()
        remaining = self.deadline - now
        if self.shared is not None:
            remaining = min(remaining, self.shared.left - (now - self.started))
        if remaining <= 0:
            raise self.ran_out(pattern)
        return remaining

    def ran_out(self, pattern: regex.Pattern[str]) -> PatternTimeout:
        """The error for ``pattern`` running out, its time charged to the shared allowance."""
        if self.shared is not None:
            self.shared.charge(time.monotonic() - self.started)
            self.shared = None  # charged once
        return PatternTimeout(pattern.pattern[:80])


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
        raise budget.ran_out(pattern) from None


def fullmatch(pattern: regex.Pattern[str], text: str, budget: Budget) -> bool:
    """Whether ``pattern`` matches all of ``text``, within ``budget``."""
    try:
        return pattern.fullmatch(text, timeout=budget.left(pattern)) is not None
    except TimeoutError:
        raise budget.ran_out(pattern) from None


def search(pattern: regex.Pattern[str], text: str, budget: Budget) -> bool:
    """Whether ``pattern`` occurs in ``text``, within ``budget``."""
    try:
        return pattern.search(text, timeout=budget.left(pattern)) is not None
    except TimeoutError:
        raise budget.ran_out(pattern) from None


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
