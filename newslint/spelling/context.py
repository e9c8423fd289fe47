"""Spelling, the context cue: which correction fits between the words either side of a slip.

The noisy channel ranks corrections by the word alone (how common, how plausible the slip); the
words around it often settle what it cannot: "pere share" is "per share", "wnat to" is "want to",
"plany of" is "plenty of".  A bigram language model gives the principled weight: the likelihood of
the correction between its neighbours is its unigram prior (already in the channel's rank) times
the pointwise mutual information of each neighbouring pair, log10 P(a b) / (P(a) P(b)).

The counts are SymSpell's English unigram and bigram lists as shipped by the ``symspellpy``
package (MIT; counted from Google Books n-grams), read from the installed package, never committed
here, and cached like the lexicon.  The bigram list keeps only pairs seen millions of times, so
only a pair it holds counts, and only for a correction: a missing pair says little.  Without
``symspellpy`` there is no context cue and the channel's order stands.
"""

from __future__ import annotations

import array
import importlib.util
import math
from pathlib import Path
from typing import Protocol

from newslint.core.cache import MISSING, cache_dir, fits, read_cached, write_cached
from newslint.spelling.word_tables import WordSet, pack_mapping

_PACKAGE = "symspellpy"
_BIGRAMS = "frequency_bigramdictionary_en_243_342.txt"
_UNIGRAMS = "frequency_dictionary_en_82_765.txt"
_FORMAT = 4
_SCALE = 1000  # log10 counts are kept as integers in thousandths
_PMI_CAP = 2.0  # a pair's evidence counts up to this much (log10): a set phrase, not a certainty


def _files() -> tuple[Path, Path] | None:
    spec = importlib.util.find_spec(_PACKAGE)
    if spec is None or spec.origin is None:
        return None
    folder = Path(spec.origin).parent
    bigrams, unigrams = folder / _BIGRAMS, folder / _UNIGRAMS
    return (bigrams, unigrams) if bigrams.is_file() and unigrams.is_file() else None


def _read_counts(path: Path, fields: int) -> dict[str, float]:
    """``words... count`` lines as {"words": log10 count}; malformed lines are skipped."""
    out: dict[str, float] = {}
    with path.open(encoding="utf-8", errors="replace") as fh:
        for line in fh:
            parts = line.split()
            if len(parts) == fields + 1 and parts[-1].isdigit() and int(parts[-1]) > 0:
                out[" ".join(parts[:fields]).lower()] = math.log10(int(parts[-1]))
    return out


def _table(counts: dict[str, float]) -> tuple[bytes, bytes, bytes]:
    """A count table as a sorted word block (``word_tables``) and its log10 counts x 1000."""
    return pack_mapping({key: round(value * _SCALE) for key, value in counts.items()}, "H")


def _build(bigrams: Path, unigrams: Path) -> tuple[bytes, bytes, bytes, bytes, bytes, bytes, float]:
    """The pair table, the word table and log10 of the total count of words."""
    words = _read_counts(unigrams, 1)
    total = math.log10(sum(10**v for v in words.values()) or 1.0)
    return (*_table(_read_counts(bigrams, 2)), *_table(words), total)


class Counts(Protocol):
    def get(self, key: str) -> float | None: ...

    def __contains__(self, key: object) -> bool: ...


class LogCounts:
    """A sorted table of keys and log10 counts, searched in its stored block: loaded in
    milliseconds where a dict of a quarter of a million pairs takes a quarter of a second, and
    asked only a few times for each flagged word, so never built into a dict."""

    def __init__(self, block: bytes, offsets: bytes, values: bytes) -> None:
        self._keys = WordSet(block, offsets)
        self._values = array.array("H")
        self._values.frombytes(values)

    def get(self, key: str) -> float | None:
        i = self._keys.index(key)
        return self._values[i] / _SCALE if i >= 0 else None

    def __contains__(self, key: object) -> bool:
        return isinstance(key, str) and self.get(key) is not None

    def least(self) -> float:
        """The smallest log10 count in the table (the list's floor)."""
        return min(self._values, default=0) / _SCALE


class Bigrams:
    """Log counts of common English word pairs and words, and the mutual information of a pair."""

    def __init__(self, pairs: Counts, words: Counts, total: float, floor: float = 0.0) -> None:
        self.pairs, self.words, self.total = pairs, words, total
        self.floor = floor  # log10 of the fewest times a listed pair was written

    def pmi(self, first: str, second: str) -> float:
        """log10 P(first second) / (P(first) P(second)), between 0 and a cap: only a pair the list
        holds is evidence for (a rarer pair is no evidence against: the list has few rare words)."""
        a, b, pair = self.words.get(first), self.words.get(second), self.pairs.get(f"{first} {second}")
        if a is None or b is None or pair is None:
            return 0.0
        return max(0.0, min(_PMI_CAP, pair + self.total - a - b))

    def listed(self, first: str, second: str) -> bool:
        """Whether the pair is common enough to be listed (written millions of times in books)."""
        return f"{first} {second}" in self.pairs

    def fit(self, left: str, word: str, right: str) -> float:
        """How well ``word`` fits between ``left`` and ``right`` (either may be ""), log10 units."""
        return (self.pmi(left, word) if left else 0.0) + (self.pmi(word, right) if right else 0.0)


_SHARED: list[Bigrams | None] = []


def load() -> Bigrams | None:
    """The process's bigram model (None without ``symspellpy``), built once and cached on disk."""
    if _SHARED:
        return _SHARED[0]
    files = _files()
    model = None
    if files is not None:
        stamp = "-".join(str(p.stat().st_size) for p in files)
        path = cache_dir() / f"bigrams-{_FORMAT}-{stamp}.marshal"
        data = read_cached(path)
        if data is MISSING or not fits(data, (bytes, bytes, bytes, bytes, bytes, bytes, float)):
            data = _build(*files)
            write_cached(path, data)
        pairs = LogCounts(*data[:3])
        model = Bigrams(pairs, LogCounts(*data[3:6]), data[6], pairs.least())
    _SHARED.append(model)
    return model
