"""Text normalisation and near-duplicate scoring shared by the duplicate kinds and the lead index.

Scrapers and feed merges repeat a paragraph with cosmetic changes: curly instead
of straight quotes, a double or trailing space, another dash, a changed case, a
word added or dropped.  :func:`tokens` erases the cosmetic ones, so that what is
left to score is words; :func:`similarity` is a token-level Indel ratio (one
added word in a 30-word lead scores about 0.98).  This module defines no kind.
"""

from __future__ import annotations

import unicodedata
from collections import Counter
from collections.abc import Sequence
from functools import cached_property
from typing import TYPE_CHECKING

from rapidfuzz.distance import Indel

from newslint.core.compiled_patterns import compiled
from newslint.core.tokens import ALNUM_RUN, APOSTROPHES

if TYPE_CHECKING:
    from newslint.kinds.duplicate_edit import Sentences

# Apostrophes and primes vanish inside words ("it's" == "it’s" == "its"); every other
# punctuation mark, quote or dash splits words ("well-known" == "well—known" == "well known").
# Runs of letters and digits (the standard library's engine: faster here, same result after NFKC).
# Digit group and decimal separators go, so "1,071" and "10.8" stay one token each.
_NUMBER_SEPARATOR = compiled(r"(?<=\d)[,.](?=\d)")
# A quoted span, whatever the quote style, for the shared-quotation guard.  A single quote
# opens only before a word and closes only after one, so apostrophes ("it's") are not quotes.
QUOTED = compiled(
    r"[\"“”„‟«»][^\"“”„‟«»]{1,2000}[\"“”„‟«»]"
    r"|(?<![\p{L}\p{N}])['‘](?=[\p{L}\p{N}]).{1,2000}?(?<=[\p{L}\p{N}.,!?])['’](?![\p{L}\p{N}])"
)

# For ASCII text the same tokens come from table translations and str.split (no regex engine
# but the separator one): apostrophes and backticks vanish, every other non-alphanumeric
# character becomes a space.
_ASCII_APOSTROPHES = str.maketrans({"'": None, "`": None})
_ASCII_SPACES = str.maketrans({c: " " for c in map(chr, range(128)) if not c.isalnum()})


def tokens(text: str) -> tuple[str, ...]:
    """The words of ``text`` with case, quotes, dashes, punctuation and spacing erased."""
    if text.isascii():
        text = _NUMBER_SEPARATOR.sub("", text.lower().translate(_ASCII_APOSTROPHES))
        return tuple(text.translate(_ASCII_SPACES).split())
    return normalised_tokens(text)


def normalised_tokens(text: str) -> tuple[str, ...]:
    """``tokens`` for any text: Unicode normalisation and case folding, then the word runs."""
    text = unicodedata.normalize("NFKC", text).casefold()
    text = _NUMBER_SEPARATOR.sub("", APOSTROPHES.sub("", text))
    return tuple(ALNUM_RUN.findall(text))


def unquoted_tokens(text: str) -> tuple[str, ...]:
    """The words outside quoted spans (the attribution around a quotation)."""
    return tokens(QUOTED.sub(" ", text))


def quoted_share(text: str) -> float:
    """The fraction of a paragraph's words that sit inside quotes."""
    total = len(tokens(text))
    if not total:
        return 0.0
    return 1.0 - len(unquoted_tokens(text)) / total


def similarity(a: Sequence[str], b: Sequence[str], cutoff: float = 0.0) -> float:
    """Token-level Indel similarity in [0, 1]; 0 when below ``cutoff`` (cheap early exit)."""
    if not a or not b:
        return 0.0
    if 2 * min(len(a), len(b)) / (len(a) + len(b)) < cutoff:  # the best any alignment can do
        return 0.0
    return float(Indel.normalized_similarity(a, b, score_cutoff=cutoff or None))


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
        from newslint.kinds.duplicate_edit import Sentences  # circular: it uses tokens()

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
