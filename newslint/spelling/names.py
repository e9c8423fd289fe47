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

    ``unknown(word)``: no dictionary lists the word and the web hardly knows it (a slip must be
    unknown); ``freq(word)``: web frequency (Zipf), which breaks a tie of one use each;
    ``is_word(lowercase)``: a common word, which a name is not (Fondation is no slip of Foundation).
    """
    counts = Counter(w for w in _CAPITALISED.findall(text) if not w.isupper())
    suspects = [w for w, n in counts.items() if n == 1 and unknown(w)]
    if not suspects:
        return
    names = list(counts)
    for word in suspects:
        limit = 2 if len(word) >= 8 else 1
        best: tuple[int, float, str] | None = None
        for other, dist, _ in process.extract(
            word, names, scorer=OSA.distance, score_cutoff=limit, limit=None
        ):
            if other == word or dist == 0 or _derived_form(word, other) or is_word(other.lower()):
                continue
            if other[0] != word[0] and dist > 1:
                continue  # the first letter is rarely the slip
            uses = counts[other]
            web = freq(other.lower()) - freq(word.lower())
            if uses < 2 and web < 1.0:
                continue  # one use each: only the web can tell which is the slip
            rank = (uses, web, other)
            if best is None or rank > best:
                best = rank
        if best is not None:
            other = best[2]
            start = _offsets(text, word)[0]
            yield Inconsistency(start, start + len(word), other, _offsets(text, other)[0])
