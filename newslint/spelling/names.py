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
    unknown_suspects: bool = True,
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

    ``unknown_suspects=False`` (the caller knows the article holds no unknown form) looks for
    the third kind only, which starts from the few forms written that often.
    """
    counts = Counter(w for w in _CAPITALISED.findall(text) if not w.isupper())
    if not counts:
        return
    flagged: set[str] = set()
    if unknown_suspects:
        for slip in _unknown_slips(text, counts, unknown, freq, is_word):
            flagged.add(text[slip.start : slip.end])
            yield slip
    yield from _known_slips(text, counts, is_word, flagged)


def _unknown_slips(
    text: str,
    counts: Counter[str],
    unknown: Callable[[str], bool],
    freq: Callable[[str], float],
    is_word: Callable[[str], bool],
) -> Iterator[Inconsistency]:
    """Unknown forms near a form of the article written more often (see ``inconsistent_names``)."""
    names = list(counts)
    for word in [w for w in counts if unknown(w)]:
        n = counts[word]
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
            if n > 1 and uses < _MAJORITY_RATIO * n:
                continue
            if n == 1 and uses < 2 and web < 1.0:
                continue  # one use each: only the web can tell which is the slip
            rank = (uses, web, other)
            if best is None or rank > best:
                best = rank
        if best is not None:
            yield from _each_use(text, word, best[2])


def _known_slips(
    text: str, counts: Counter[str], is_word: Callable[[str], bool], done: set[str]
) -> Iterator[Inconsistency]:
    """Forms written once, one letter from a form written often after the same word."""
    once = [w for w, n in counts.items() if n == 1 and w not in done]
    for major in [w for w, n in counts.items() if n >= _KNOWN_MAJORITY_USES]:
        for word, _dist, _ in process.extract(major, once, scorer=OSA.distance, score_cutoff=1, limit=None):
            if word in done or word[0] != major[0] or _derived_form(word, major):
                continue
            if is_word(word.lower()) or is_word(major.lower()) or not _same_word_before(text, word, major):
                continue
            done.add(word)
            yield from _each_use(text, word, major)


def _each_use(text: str, word: str, majority: str) -> Iterator[Inconsistency]:
    first = _offsets(text, majority)[0]
    for start in _offsets(text, word):
        yield Inconsistency(start, start + len(word), majority, first)


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
