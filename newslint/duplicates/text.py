"""A paragraph prepared once for many comparisons, and the verdicts on a pair: copy or not.

Two measures decide whether a later paragraph copies an earlier one: the token
edit similarity of :mod:`newslint.duplicates.tokens` (:func:`near_duplicate`) and
the sentence alignment of :mod:`newslint.duplicates.edit` (:func:`edited_copy`);
both come with the same guards (a shared quotation, a changed figure).  This
module defines no kind.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from functools import cached_property

from newslint.duplicates.edit import NEW_WORDS_OUTSIDE_QUOTES, Sentences, aligned_share
from newslint.duplicates.tokens import similarity, tokens, unquoted_tokens


class Comparable:
    """A paragraph prepared once for many comparisons.  Only the words are computed up front:
    the quotation and figure guards are needed for the rare pairs that score as copies."""

    def __init__(self, text: str, words: tuple[str, ...]) -> None:
        self.text = text
        self.words = words

    @classmethod
    def of(cls, text: str) -> Comparable:
        return cls(text, tokens(text))

    @cached_property
    def outside_quotes(self) -> tuple[str, ...]:
        return unquoted_tokens(self.text)

    @cached_property
    def quoted(self) -> float:
        """Share of words inside quotes."""
        return 1.0 - len(self.outside_quotes) / len(self.words) if self.words else 0.0

    @cached_property
    def numbers(self) -> Counter[str]:
        """Tokens with a digit."""
        return Counter(w for w in self.words if any(c.isdigit() for c in w))

    @cached_property
    def sentences(self) -> Sentences:
        """The paragraph cut into figure-normalised sentences, for edited copies."""
        return Sentences(self.text)


def near_duplicate(
    a: Comparable, b: Comparable, threshold: float, quote_share: float, score: float | None = None
) -> float:
    """The similarity of ``a`` and ``b`` if they are copies of one paragraph, else 0.

    Two different paragraphs that quote the same long passage score high on words
    alone; when the quotation dominates both, the words around it (who said it,
    where, when) must match too.  A copy may lose or gain a figure but never
    changes one: "Shr 12 cts vs 10 cts" and "Shr 15 cts vs 10 cts" are two lines
    of a results table, not a pasted paragraph.  ``score``, when given, is their similarity
    already computed.
    """
    if score is None:
        score = similarity(a.words, b.words, threshold)
    if score < threshold or (a.numbers - b.numbers and b.numbers - a.numbers):
        return 0.0
    quotation_only = min(a.quoted, b.quoted) >= quote_share and a.outside_quotes != b.outside_quotes
    if quotation_only and similarity(a.outside_quotes, b.outside_quotes, threshold) < threshold:
        return 0.0
    return score


@dataclass(frozen=True)
class EditPolicy:
    """When a paragraph counts as an edited copy of another (see ``duplicates.edit``)."""

    threshold: float  # share of one paragraph's words in sentences aligned with the other
    sentence_threshold: float  # bigram Dice for two sentences to align
    min_shared: int  # aligned words needed on both sides
    min_longer_share: float  # aligned share of the longer paragraph


def edited_copy(a: Comparable, b: Comparable, policy: EditPolicy, quote_share: float) -> float:
    """The aligned share if ``b`` repeats ``a`` with light editing, else 0.

    Guards as in :func:`near_duplicate`, with figures compared in one written form: a copy may
    drop or add a figure but not change one (two lines of results in one pattern differ in their
    figures); when quotation dominates both, the words around the quotes of the shorter paragraph
    must occur around those of the longer (the same quotation given a new attribution is not a copy).
    """
    fewer, more = sorted((len(a.words), len(b.words)))
    if fewer < policy.min_shared or fewer < policy.min_longer_share * policy.threshold * more:
        return 0.0  # too short, or too short a part of the other, to be a copy of it
    sa, sb = a.sentences, b.sentences
    share, words, longer = aligned_share(sa, sb, policy.sentence_threshold)
    if share < policy.threshold or words < policy.min_shared or longer < policy.min_longer_share:
        return 0.0
    if sa.numbers - sb.numbers and sb.numbers - sa.numbers:
        return 0.0
    if min(a.quoted, b.quoted) >= quote_share:
        short, long = (a, b) if len(a.words) <= len(b.words) else (b, a)
        outside = set(short.outside_quotes)
        if outside and len(outside - set(long.outside_quotes)) > NEW_WORDS_OUTSIDE_QUOTES * len(outside):
            return 0.0
    return share
