"""Correction candidates for a flagged word, and their ranking (the noisy channel).

Candidates come from rapidfuzz's optimal-string-alignment distance (a transposition counts as one
edit) over the common words of the same length +-2, searched in C; this is only run for words
that are already suspicious, and memoised.  Ranking: frequency of the candidate (the prior) minus
a cost per edit, with cheaper edits for the slips typists and spellers make (adjacent keys,
swapped letters, doubled or dropped letters, vowel confusions).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from rapidfuzz import process
from rapidfuzz.distance import OSA, Levenshtein

from newslint.spelling.word_tables import WordSet, pack

_ROWS = ("qwertyuiop", "asdfghjkl", "zxcvbnm")
_KEY_POS = {ch: (r, c) for r, row in enumerate(_ROWS) for c, ch in enumerate(row)}
_VOWELS = frozenset("aeiouy")


def adjacent_keys(a: str, b: str) -> bool:
    """Neighbouring keys on a QWERTY keyboard."""
    pa, pb = _KEY_POS.get(a), _KEY_POS.get(b)
    if pa is None or pb is None:
        return False
    return abs(pa[0] - pb[0]) <= 1 and abs(pa[1] - pb[1]) <= 1 and pa != pb


@dataclass(frozen=True)
class Candidate:
    word: str
    distance: int
    zipf: float
    score: float  # frequency less the cost of the slip: how likely this correction is
    rank: float = 0.0  # the same with the ranking costs: which correction is meant


#: What each kind of slip costs (Zipf units) when weighing whether a word is a slip at all: the
#: cheaper, the likelier that slip.
COSTS = {
    "vowel": 0.8,  # the commonest spelling error: the wrong vowel (definately)
    "adjacent": 1.0,  # a neighbouring key
    "replace": 1.6,
    "doubled": 0.8,  # a letter doubled or undoubled (occured, untill)
    "insert": 1.3,  # a letter typed that is not in the word
    "delete": 1.2,  # a letter of the word left out
    "swap": 0.9,  # two neighbours swapped (recieve)
    "first": 0.6,  # the first letter is rarely wrong
    "far": 0.0,  # each edit beyond the first, on top of its own cost
}
#: The same when ranking the corrections of a word known to be a slip: a letter left out or two
#: swapped is likelier than one added (yor is your, not you; wyas is ways, not was).
RANK_COSTS = {**COSTS, "insert": 2.0, "delete": 0.9, "swap": 0.7, "first": 1.0, "far": 0.3}


def edit_cost(typed: str, intended: str, costs: dict[str, float] | None = None) -> float:
    """Cost (in Zipf units) of the edits turning ``intended`` into ``typed``; plausible slips cost less."""
    c = COSTS if costs is None else costs
    cost = 0.0
    for edit in Levenshtein.editops(intended, typed):
        op, i, j = str(edit.tag), int(edit.src_pos), int(edit.dest_pos)
        if op == "replace":
            a, b = intended[i], typed[j]
            if a in _VOWELS and b in _VOWELS:
                cost += c["vowel"]
            elif adjacent_keys(a, b):
                cost += c["adjacent"]
            else:
                cost += c["replace"]
        elif op == "insert":
            ch = typed[j]
            doubled = (j > 0 and typed[j - 1] == ch) or (j + 1 < len(typed) and typed[j + 1] == ch)
            cost += c["doubled"] if doubled else c["insert"]
        else:
            ch = intended[i]
            doubled = (i > 0 and intended[i - 1] == ch) or (i + 1 < len(intended) and intended[i + 1] == ch)
            cost += c["doubled"] if doubled else c["delete"]
    if OSA.distance(intended, typed) < Levenshtein.distance(intended, typed):
        cost = min(cost, c["swap"] + (OSA.distance(intended, typed) - 1) * 1.3)
    if typed[:1] != intended[:1]:
        cost += c["first"]
    return cost


_LETTERS = "abcdefghijklmnopqrstuvwxyz"
_FAR_LONG_LETTERS = 12  # a correction this long is searched two edits away ...
_FAR_LONG_ZIPF = 2.0  # ... down to this frequency (shorter ones: ``far_same_first``)


def edits1(word: str) -> set[str]:
    """Every string one deletion, transposition, substitution or insertion away (Norvig)."""
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    out = {a + b[1:] for a, b in splits if b}
    out.update(a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1)
    out.update(a + c + b[1:] for a, b in splits if b for c in _LETTERS)
    out.update(a + c + b for a, b in splits for c in _LETTERS)
    return out


def _index_tables(
    zipf: Mapping[str, float],
    min_zipf: float,
    far_same_first: float,
    far_any_first: float,
    allowed: frozenset[str] | None = None,
) -> tuple[frozenset[str], dict[tuple[str, int], list[str]], dict[int, list[str]]]:
    """Words for one-edit lookups, and the two-edit search buckets (by first letter and length).

    Only ``allowed`` words (the curated dictionaries) are corrections when given: a frequency
    list also counts the misspellings, and a correction must be a word."""

    def ok(word: str) -> bool:
        return word.isalpha() and (allowed is None or word in allowed)

    near = frozenset(w for w, z in zipf.items() if z >= min_zipf and ok(w))
    same: dict[tuple[str, int], list[str]] = defaultdict(list)
    anyfirst: dict[int, list[str]] = defaultdict(list)
    for word, z in zipf.items():
        # a long word two slips from a rarer one is still a slip of it (revolutionalised): few
        # words are that long, so their buckets stay small
        floor = _FAR_LONG_ZIPF if len(word) >= _FAR_LONG_LETTERS else far_same_first
        if z >= floor and ok(word):
            if z >= far_any_first:
                anyfirst[len(word)].append(word)
            else:
                same[(word[0], len(word))].append(word)
    return near, dict(same), dict(anyfirst)


def _stored(
    tables: tuple[frozenset[str], dict[tuple[str, int], list[str]], dict[int, list[str]]],
) -> tuple[bytes, bytes, dict[tuple[str, int], list[str]], dict[int, list[str]]]:
    """The tables as cached: the one-edit words as a sorted block (``word_tables``)."""
    near, same, anyfirst = tables
    return (*pack(near), same, anyfirst)


class CandidateIndex:
    """Candidate corrections: one edit away by generating edits and looking them up (any word the
    lexicon knows well enough), two edits away by a bounded rapidfuzz scan of the common words of
    similar length (only words frequent enough to ever win at that distance)."""

    def __init__(
        self,
        zipf: Mapping[str, float],
        min_zipf: float = 2.3,
        far_same_first: float = 3.5,
        far_any_first: float = 4.4,
        allowed: Callable[[], frozenset[str]] | None = None,
    ) -> None:
        """``allowed``: the words corrections are drawn from (called only when the tables are
        built, not when they come from the cache)."""
        from newslint.spelling.lexicon import cached

        self.zipf = zipf
        far = f"{far_same_first}-{far_any_first}-{_FAR_LONG_LETTERS}-{_FAR_LONG_ZIPF}"
        params = f"candidates-{min_zipf}-{far}-{'a' if allowed else 'z'}"
        block, offsets, same, anyfirst = cached(
            params,
            lambda: _stored(
                _index_tables(zipf, min_zipf, far_same_first, far_any_first, allowed() if allowed else None)
            ),
            (bytes, bytes, dict, dict),
        )
        self.near_vocab = WordSet(block, offsets)  # searched in place: most runs look up few words
        self.same_first: dict[tuple[str, int], list[str]] = same
        self.any_first: dict[int, list[str]] = anyfirst
        self._memo: dict[tuple[str, int], list[Candidate]] = {}

    def _within(self, word: str, max_distance: int) -> dict[str, int]:
        found = dict.fromkeys(self.near_vocab.among(edits1(word)), 1)
        if max_distance < 2:
            return found
        n = len(word)
        for length in range(max(1, n - max_distance), n + max_distance + 1):
            for bucket in (self.same_first.get((word[:1], length)), self.any_first.get(length)):
                if not bucket:
                    continue
                for cand, dist, _ in process.extract(
                    word, bucket, scorer=OSA.distance, score_cutoff=max_distance, limit=None
                ):
                    if cand not in found:
                        found[cand] = int(dist)
        return found

    def candidates(self, word: str, max_distance: int = 2, limit: int = 5) -> list[Candidate]:
        """The best-ranked corrections of a lowercase word, best first (empty when none is close)."""
        key = (word, max_distance)
        memo = self._memo.get(key)
        if memo is None:
            memo = []
            for cand, dist in self._within(word, max_distance).items():
                if cand != word:
                    z = self.zipf.get(cand, 0.0)
                    rank = z - edit_cost(word, cand, RANK_COSTS) - RANK_COSTS["far"] * (dist - 1)
                    memo.append(Candidate(cand, dist, z, z - edit_cost(word, cand), rank))
            memo.sort(key=lambda c: (-c.rank, c.distance, c.word))
            self._memo[key] = memo
        return memo[:limit]
