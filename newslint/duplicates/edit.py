"""Edited copies: a paragraph repeated with light editing, found by sentence-level alignment.

Why a second measure beside the token edit similarity of ``duplicates.tokens``: an
editor or a CMS that re-pastes a paragraph often changes it on the way (a
sentence added or dropped, clauses swapped, a synonym, "£3m" restated as "£3
million").  A whole-paragraph edit ratio falls fast under such changes (one
dropped sentence of two halves it), while each kept sentence stays almost intact.
So both paragraphs are cut into sentences, figures are put in one form ("three",
"3" and "3m" are all "3"; "per cent", "%", "million" go), and a sentence of one
paragraph is aligned with a sentence of the other when their sets of adjacent
word pairs overlap enough (Dice coefficient of bigrams: word order counts, so a
fixture list "A v B; C v D" is not "A v C; B v D", but a clause moved whole keeps
almost all its pairs); a sentence with a clause dropped or added is aligned when
the shorter one's pairs nearly all occur in the longer.  When every aligned
sentence is quoted in one paragraph and not in the other, the later one quotes
the earlier (a summary line followed by the full quotation with its attribution,
a quotation repeated in an embedded post): not a copy.  (Within a copy of several
sentences an edit may break the quote marks of one, so one pair aligned alike is
enough.)  The score is the share of one paragraph's words that lie in aligned
sentences.  This module defines no kind.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from itertools import pairwise

from rapidfuzz.distance import Indel

from newslint.duplicates.tokens import QUOTED, tokens

# A sentence ends at . ! ? (and any closing quote or bracket) before a space and a capital,
# a digit, a currency sign or an opening quote.
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"'”’)\]]*\s+(?=[\"'“‘(\[]?[A-Z0-9£$€])")
_NUMBER_WORDS = {
    "one": "1", "two": "2", "three": "3", "four": "4", "five": "5", "six": "6", "seven": "7",
    "eight": "8", "nine": "9", "ten": "10", "eleven": "11", "twelve": "12", "twenty": "20",
    "hundred": "100", "half": "05",
}  # fmt: skip
# "3m", "3bn", "45k", "21st": the figure is the number
_SCALED = re.compile(r"^(\d+)(?:m|bn|k|mn|st|nd|rd|th|pc|pct)$")
# Words that only say how a figure is written
_FIGURE_WORDS = frozenset(
    "per cent percent pc pct million millions billion billions bn thousand thousands "
    "pounds pound dollars dollar euros euro".split()
)

_QUOTE_MARKS = "\"“”„‟«»'‘’"

#: Edited copies are looked for only among pairs of paragraphs whose token edit similarity
#: (``duplicates.tokens.similarity``) reaches this: in 2,095 BBC articles 0.1% of pairs of paragraphs
#: of 10 words or more do, and the lowest edited copy made by bench/hard_structure.py scores 0.49.
#: It keeps the sentence alignment off almost every pair at the cost of one edit similarity each.
MIN_SIMILARITY = 0.4

#: Two sentences with this much bigram overlap are aligned outright; below it (down to the
#: sentence threshold) their words must also keep their order (token edit similarity): a fixture
#: list "Harfield v Kestrel Town; Bramley Rovers v Ostmoor" in another order keeps the pairs of a
#: two-word name but not the order, while a clause moved whole breaks two or three pairs only.
CLEAR_DICE = 0.85

#: A sentence with a clause dropped or added is aligned with the other when all but a few of the
#: shorter one's word pairs occur in the longer (``CLEAR_DICE`` of them) and it keeps at least this
#: share of the longer one's words.
MIN_CONTAINED = 0.5
# Two mostly quoted paragraphs are copies only if the shorter's unquoted words (the attribution)
# are nearly all in the longer: more than this share new means another speaker said the quote.
NEW_WORDS_OUTSIDE_QUOTES = 0.2

#: sentences shorter than this (in words) are not aligned: too little to say they are the same
MIN_SENTENCE_WORDS = 8


def figure_tokens(text: str) -> tuple[str, ...]:
    """The words of ``text`` (as :func:`tokens`) with each figure written one way."""
    out = []
    for token in tokens(text):
        token = _NUMBER_WORDS.get(token, token)
        scaled = _SCALED.match(token)
        if scaled:
            token = scaled.group(1)
        if token not in _FIGURE_WORDS:
            out.append(token)
    return tuple(out)


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Start and end offsets of the sentences of a paragraph."""
    spans, start = [], 0
    for m in _SENTENCE_END.finditer(text):
        spans.append((start, m.start()))
        start = m.end()
    spans.append((start, len(text)))
    return spans


def sentences(text: str) -> list[tuple[str, ...]]:
    """The sentences of a paragraph as figure-normalised word tuples (empty ones dropped)."""
    return [words for s, e in sentence_spans(text) if (words := figure_tokens(text[s:e]))]


def _quoted(text: str, spans: Sequence[tuple[int, int]]) -> list[bool]:
    """Whether each sentence lies mostly inside quotation marks (a quotation may span sentences)."""
    inside = [0] * (len(text) + 1)
    for m in QUOTED.finditer(text):
        inside[m.start()] += 1
        inside[m.end()] -= 1
    flags, depth, k = [], 0, 0
    for s, e in spans:
        while k < s:
            depth += inside[k]
            k += 1
        quoted = 0
        while k < e:
            depth += inside[k]
            quoted += depth > 0
            k += 1
        flags.append(2 * quoted > e - s)
    return flags


def bigrams(words: Sequence[str]) -> frozenset[tuple[str, str]]:
    return frozenset(pairwise(words))


class Sentences:
    """A paragraph cut into sentences, each with its word count and bigram set, computed once."""

    def __init__(self, text: str) -> None:
        spans = sentence_spans(text)
        quoted = _quoted(text, spans) if any(q in text for q in _QUOTE_MARKS) else [False] * len(spans)
        split = [(figure_tokens(text[s:e]), q) for (s, e), q in zip(spans, quoted, strict=True)]
        split = [(words, q) for words, q in split if words]
        #: (word count, bigrams, mostly quoted) of each sentence
        self.parts = [(len(s), bigrams(s), q) for s, q in split]
        self.words_of = [s for s, _ in split]
        self.words = sum(n for n, _, _ in self.parts)
        self.numbers = frozenset(w for s, _ in split for w in s if any(c.isdigit() for c in w))


def _containment(a: frozenset[tuple[str, str]], b: frozenset[tuple[str, str]]) -> float:
    """Share of the smaller bigram set found in the other."""
    if not a or not b:
        return 0.0
    return len(a & b) / min(len(a), len(b))


def _dice(a: frozenset[tuple[str, str]], b: frozenset[tuple[str, str]]) -> float:
    if not a or not b:
        return 0.0
    return 2 * len(a & b) / (len(a) + len(b))


def aligned_share(a: Sentences, b: Sentences, sentence_threshold: float) -> tuple[float, int, float]:
    """How much of ``a`` and ``b`` lies in sentences aligned with a sentence of the other.

    Returns (the larger of the two shares, the smaller number of aligned words, the aligned
    share of the longer paragraph).
    """
    used_a = [False] * len(a.parts)
    used_b = [False] * len(b.parts)
    same_quoting = False
    for j, (nb, gb, qb) in enumerate(b.parts):
        if nb < MIN_SENTENCE_WORDS:
            continue
        for i, (na, ga, qa) in enumerate(a.parts):
            if na < MIN_SENTENCE_WORDS or min(na, nb) < MIN_CONTAINED * max(na, nb):
                continue
            dice = _dice(ga, gb)
            if dice >= sentence_threshold:
                aligned = dice >= CLEAR_DICE or (
                    Indel.normalized_similarity(a.words_of[i], b.words_of[j]) >= sentence_threshold
                )
            else:  # a clause dropped or added: the shorter sentence inside the longer
                aligned = _containment(ga, gb) >= CLEAR_DICE
            if aligned:
                used_a[i] = used_b[j] = True
                same_quoting = same_quoting or qa == qb
    if not same_quoting:  # only quoted against unquoted: a quotation of the other, not a copy
        return 0.0, 0, 0.0
    if not a.words or not b.words:
        return 0.0, 0, 0.0
    in_a = sum(n for (n, _, _), used in zip(a.parts, used_a, strict=True) if used)
    in_b = sum(n for (n, _, _), used in zip(b.parts, used_b, strict=True) if used)
    longer = in_a / a.words if a.words >= b.words else in_b / b.words
    return max(in_a / a.words, in_b / b.words), min(in_a, in_b), longer


__all__ = [
    "MIN_SENTENCE_WORDS",
    "Sentences",
    "aligned_share",
    "bigrams",
    "figure_tokens",
    "sentences",
]
