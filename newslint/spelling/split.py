"""Spelling, split words: a word broken before its ending (expand ed, govern ment).

A typist's stray space leaves a word and a bare ending that English never writes alone
(``ed``, ``ing``, ``ly``, ``tion``, ``ment``, ``ness`` ...).  Flagged only when the two close up
into a dictionary word the web writes often, so a real pair of words is never joined.
"""

from __future__ import annotations

from collections.abc import Callable, Container, Iterator
from dataclasses import dataclass

import regex

_ENDINGS = ("ed", "ing", "ly", "tion", "tions", "ment", "ments", "ness")
_SPLIT = regex.compile(r"(?<![\w'’-])(\p{Ll}{3,}) (" + "|".join(_ENDINGS) + r")(?![\w'’-])")
_JOINED_MIN_ZIPF = 3.0  # the word closed up is at least this common


@dataclass(frozen=True)
class SplitWord:
    start: int
    end: int
    joined: str


def split_words(
    text: str, is_word: Container[str], freq: Callable[[str], float], start: int = 0, end: int | None = None
) -> Iterator[SplitWord]:
    """Each word of ``text[start:end]`` written apart from its ending, with the word closed up."""
    stop = len(text) if end is None else end
    for m in _SPLIT.finditer(text, start, stop):
        joined = m.group(1) + m.group(2)
        if joined in is_word and freq(joined) >= _JOINED_MIN_ZIPF:
            yield SplitWord(m.start(), m.end(), joined)
