"""Text normalisation for the duplicate checks: words with cosmetic differences erased, and their similarity.

Scrapers and feed merges repeat a paragraph with cosmetic changes: curly instead
of straight quotes, a double or trailing space, another dash, a changed case, a
word added or dropped.  :func:`tokens` erases the cosmetic ones, so that what is
left to score is words; :func:`similarity` is a token-level Indel ratio (one
added word in a 30-word lead scores about 0.98).  Kept apart from ``text`` (the
paragraph prepared for comparison) and ``edit`` (sentence alignment), which both
build on it, so neither has to import the other both ways.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence

from rapidfuzz.distance import Indel

from newslint.core.compiled_patterns import compiled
from newslint.core.tokens import ALNUM_RUN, APOSTROPHES

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
