"""Spelling, the order of the suggestions for a flagged word: which correction was meant.

Three kinds of evidence, added in log10 units (a noisy channel with a bigram language model):

* the channel's rank of each correction: how common the word is, less the cost of the slip that
  would have made the typed form (a letter dropped or two swapped is likelier than one added, a
  silent e added or dropped likelier still, and a second slip far less likely than one);
* the article: a content word it uses elsewhere is likelier meant (negotation where
  "negotiations" recurs), when it was nearly as likely anyway;
* the words either side: how well each correction fits between them (``spelling.context``), so
  "pere share" is "per share" and "wnat to" is "want to", though pure and what are commoner.

Whether a word is flagged at all is decided before, by the verdict and the article's evidence;
the order only picks the suggestion (and the fix).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

import regex

if TYPE_CHECKING:
    from newslint.spelling.context import Bigrams
    from newslint.spelling.lexicon import Lexicon

_USED_BOOST = 2.0  # a correction the article uses elsewhere (a word recurs in a story) ...
_USED_REACH = 1.5  # ... moves up past corrections at most this much likelier
_USED_MAX_ZIPF = 5.0  # (a word as common as "for" is in every article: no evidence)
#: the bigram model's evidence, at half its weight: the counts come from books, not news, and the
#: two neighbours are not independent evidence
_FIT_WEIGHT = 0.5
_FAR_EDIT = 1.0  # each edit beyond the first makes a correction this much less likely (log10)
#: a final e added or left out (develope, imagin): a speller's slip as likely as a doubled letter,
#: which the channel's cost of an added letter undervalues
_SILENT_E_BONUS = 1.2
#: a name (in no dictionary as a lowercase word) as the correction of a lowercase slip: people
#: misspell names with their capital, so collum is column, not Callum
_NAME_FOR_LOWERCASE = 1.0
_LEFT = regex.compile(r"(\p{L}+)[ \t]{1,2}$")
_RIGHT = regex.compile(r"[ \t]{1,2}(\p{L}+)")
_REACH = 40  # characters looked at either side for a neighbouring word

#: a correction: (word, edits from the typed form, gap over the typed form, channel rank)
Ranked = tuple[str, int, float, float]


def neighbours(text: str, ws: int, we: int) -> tuple[str, str]:
    """The lowercase words just before and after ``text[ws:we]``, each only when nothing but a
    space or two stands between (punctuation ends the phrase: "get aroud." has no right word)."""
    before = _LEFT.search(text, max(0, ws - _REACH), ws)
    after = _RIGHT.match(text, we, min(len(text), we + _REACH))
    return (before.group(1).lower() if before else "", after.group(1).lower() if after else "")


def rank_corrections(
    ranked: Sequence[Ranked],
    vocabulary: frozenset[str],
    lexicon: Lexicon,
    context: tuple[str, str] = ("", ""),
    bigrams: Bigrams | None = None,
    typed: str = "",
) -> tuple[str, ...]:
    """The corrections, best first, by the channel's rank, the article and the neighbouring words
    (``typed``: the flagged word as written, whose case and shape weigh too)."""
    if len(ranked) < 2:
        return tuple(r[0] for r in ranked)
    best = max(r[3] for r in ranked)
    left, right = context
    lowered = typed.lower()
    lowercase = typed.islower()
    use_fit = bigrams is not None and (left or right)

    def score(r: Ranked) -> float:
        word, rank = r[0], r[3]
        used = word in vocabulary and lexicon.freq(word) < _USED_MAX_ZIPF and rank > best - _USED_REACH
        total = rank + (_USED_BOOST if used else 0.0) - _FAR_EDIT * (r[1] - 1)
        if typed and (lowered == word + "e" or word == lowered + "e"):
            total += _SILENT_E_BONUS
        if lowercase and word not in lexicon.words:
            total -= _NAME_FOR_LOWERCASE
        if use_fit and bigrams is not None:
            total += _FIT_WEIGHT * bigrams.fit(left, word, right)
        return total

    return tuple(r[0] for r in sorted(ranked, key=lambda r: -score(r)))
