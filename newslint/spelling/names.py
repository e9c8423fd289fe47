"""A name spelled two ways in one article (Khordokovsky once, Khodorkovsky elsewhere).

No dictionary knows most names in the news, but the article itself is evidence: a capitalised
form that no dictionary lists, written once, one or two slips from another capitalised form of
the same article that is written more often (or that the web knows far better), is the slip.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from rapidfuzz import process
from rapidfuzz.distance import OSA

# A capitalised word of five letters or more, MixedCase included (AstraZeneca), without a
# possessive 's; ``re`` rather than ``regex``: this runs over every article.
_CAPITALISED = re.compile(r"(?<![\w'’.-])[A-ZÀ-ÖØ-Þ][^\W\d_]{4,}(?![\w-])")


_WORD_BEFORE = re.compile(r"[^\W\d_]+$")
_MAJORITY_RATIO = 3  # a form written a few times is a slip of one written this many times as often
_KNOWN_MAJORITY_USES = 3  # a known name written once is a slip of one written this often after the same word


@dataclass(frozen=True)
class Inconsistency:
    start: int
    end: int
    majority: str
    majority_start: int


def _offsets(text: str, word: str) -> list[int]:
    return [m.start() for m in _CAPITALISED.finditer(text) if m.group() == word]


def _derived_form(a: str, b: str) -> bool:
    """One form is the other with an ending (Kashmir/Kashmiri, Robbie/Robbies) or differs only
    in case (Worldcom/WorldCom): a related word, not a slip."""
    short, long_ = sorted((a, b), key=len)
    return long_.startswith(short) or a.lower() == b.lower()


def inconsistent_names(
    text: str,
    unknown: Callable[[str], bool],
    freq: Callable[[str], float],
    is_word: Callable[[str], bool],
) -> Iterator[Inconsistency]:
    """The minority spellings of the article's names, each with its majority spelling.

    ``unknown(word)``: no dictionary lists the word and the web hardly knows it; ``freq(word)``:
    web frequency (Zipf), which breaks a tie of one use each; ``is_word(lowercase)``: a common
    word, which a name is not (Fondation is no slip of Foundation).  A suspect is

    * an unknown form written once, near a form written more often (or known far better);
    * an unknown form written a few times, near one written at least ``_MAJORITY_RATIO`` times as
      often (Rubkan twice, Rukban twelve times);
    * a known name written once, one letter from a form written at least ``_KNOWN_MAJORITY_USES``
      times after the same word (Palo Verda, Palo Verde four times; President Regan, Reagan):
      the dictionaries know both, the article says which it means.
    """
    counts = Counter(w for w in _CAPITALISED.findall(text) if not w.isupper())
    suspects = [w for w, n in counts.items() if unknown(w) or (n == 1 and not is_word(w.lower()))]
    if not suspects:
        return
    names = list(counts)
    for word in suspects:
        n = counts[word]
        known = not unknown(word)
        limit = 1 if known or len(word) < 8 else 2
        best: tuple[int, float, str] | None = None
        for other, dist, _ in process.extract(
            word, names, scorer=OSA.distance, score_cutoff=limit, limit=None
        ):
            if other == word or dist == 0 or _derived_form(word, other) or is_word(other.lower()):
                continue
            if other[0] != word[0] and (dist > 1 or known):
                continue  # the first letter is rarely the slip
            uses = counts[other]
            if known:
                if uses < _KNOWN_MAJORITY_USES or not _same_word_before(text, word, other):
                    continue
            elif n > 1:
                if uses < _MAJORITY_RATIO * n:
                    continue
            else:
                web = freq(other.lower()) - freq(word.lower())
                if uses < 2 and web < 1.0:
                    continue  # one use each: only the web can tell which is the slip
            rank = (uses, freq(other.lower()) - freq(word.lower()), other)
            if best is None or rank > best:
                best = rank
        if best is not None:
            other = best[2]
            first = _offsets(text, other)[0]
            for start in _offsets(text, word):
                yield Inconsistency(start, start + len(word), other, first)


def _same_word_before(text: str, word: str, other: str) -> bool:
    """Whether every use of ``word`` follows the same capitalised word as some use of ``other``."""
    before = {_word_before(text, i) for i in _offsets(text, other)}
    mine = {_word_before(text, i) for i in _offsets(text, word)}
    return bool(mine) and all(w and w[0].isupper() and w in before for w in mine)


def _word_before(text: str, start: int) -> str:
    """The word just before ``start`` across one space ("" when there is none)."""
    if start < 2 or text[start - 1] != " ":
        return ""
    m = _WORD_BEFORE.search(text, 0, start - 1)
    return m.group() if m else ""
