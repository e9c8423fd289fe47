"""Compiling user-supplied words and regexes safely, and matching them with a timeout.

Rule authors write patterns; a pathological one must not hang a run, so every
match runs under the ``regex`` package's timeout.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence

import regex

from newslint.options import OptionError

#: seconds one pattern may spend on a region of text: a base plus a share per 100,000 characters,
#: so that a pathological pattern is stopped on an article but a 10 MB file can still be scanned
MATCH_TIMEOUT = 2.0
TIMEOUT_PER_100K = 1.0


class PatternTimeout(Exception):
    """A pattern ran past MATCH_TIMEOUT on some text."""


def compile_pattern(source: str, key: str, *, ignorecase: bool = False) -> regex.Pattern[str]:
    flags = regex.V1 | (regex.IGNORECASE if ignorecase else 0)
    try:
        return regex.compile(source, flags)
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


def finditer(pattern: regex.Pattern[str], text: str, start: int, end: int) -> Iterator[regex.Match[str]]:
    try:
        timeout = MATCH_TIMEOUT + TIMEOUT_PER_100K * (end - start) / 100_000
        yield from pattern.finditer(text, start, end, timeout=timeout)
    except TimeoutError:
        raise PatternTimeout(pattern.pattern[:80]) from None


def matches_in(
    pattern: regex.Pattern[str], text: str, regions: Iterable[tuple[int, int]]
) -> Iterator[regex.Match[str]]:
    for start, end in regions:
        yield from finditer(pattern, text, start, end)
