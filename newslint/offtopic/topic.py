"""Text statistics for topic comparison: weighted content-word bags, coverage and cosine.

Why a background frequency list: a shared rare word ("Vostochny", "quango") says
far more about two texts being the same story than a shared common one ("said",
"year").  Word rarity comes from wordfreq's small English list, read directly
from its data file (about 15 ms, once per process and only when a rule asks),
without importing wordfreq itself, whose import costs ~0.1 s.  Without wordfreq
every content word weighs the same and the rule still works, a little less well.
"""

from __future__ import annotations

import gzip
import importlib.util
import math
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from functools import cache
from pathlib import Path

import regex

from newslint.core import calendar
from newslint.core.compiled_patterns import compiled
from newslint.core.tokens import TOPIC_WORD, WORD_RE

# Function words and newswire filler: never evidence that two texts share a topic.
_STOPWORD_TEXT = """
    a about above after again against all also am an and any are as at be because been before being
    below between both but by can could did do does doing down during each few for from further had has
    have having he her here hers herself him himself his how i if in into is it its itself just me more
    most my myself no nor not now of off on once only or other our ours ourselves out over own same she
    should so some such than that the their theirs them themselves then there these they this those
    through to too under until up very was we were what when where which while who whom why will with
    would you your yours yourself said says say saying told tell according mr mrs ms dr one two three
    four five six seven eight nine ten first second last new year years day days week weeks month months
    time times also well like may might must shall us get got make made many much per cent pct percent
    yesterday today tomorrow still even back way since including another around next however
    people added going go went want wanted take taken come came see seen know known think thought"""
# ... and the calendar: month and weekday names, month abbreviations.
_CAL = calendar.load()
STOPWORDS = frozenset(_STOPWORD_TEXT.split()) | _CAL.full_names() | _CAL.month_words()

_DIGIT = compiled(r"\d")
_POSSESSIVE = compiled(r"['’]s$")
_MAX_WEIGHT = 7.0  # a word too rare for the list: weight as a very rare word
_DEFAULT_WEIGHT = 4.0  # no frequency list at all: every content word alike


def stem(word: str) -> str:
    """A crude suffix stripper: enough to match "missiles"/"missile" and "authorized"/"authorizes"."""
    for suffix in ("ations", "ation", "ings", "ing", "ies", "ied", "es", "ed", "s"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            word = word[: -len(suffix)]
            break
    return word.rstrip("e") if len(word) > 4 else word


@cache
def _frequency_ranks() -> Mapping[str, int] | None:
    """word -> centibel bucket (100 x -log10 frequency) from wordfreq's small English list."""
    try:
        import msgpack  # type: ignore[import-untyped]

        spec = importlib.util.find_spec("wordfreq")
    except ImportError:
        return None
    if spec is None or not spec.submodule_search_locations:
        return None
    for location in spec.submodule_search_locations:
        path = Path(location) / "data" / "small_en.msgpack.gz"
        if path.is_file():
            try:
                buckets = msgpack.loads(gzip.decompress(path.read_bytes()), strict_map_key=False)
            except (OSError, ValueError):
                return None
            return {word: rank for rank, bucket in enumerate(buckets[1:]) for word in bucket}
    return None


def weight(word: str) -> float:
    """Information in a lower-case word: -log10 of its frequency in general English."""
    ranks = _frequency_ranks()
    if ranks is None:
        return _DEFAULT_WEIGHT
    rank = ranks.get(word)
    return _MAX_WEIGHT if rank is None else min(_MAX_WEIGHT, rank / 100)


def content_words(text: str) -> Iterator[str]:
    """Lower-case content words of ``text`` (numbers, stopwords and very short words dropped)."""
    for m in WORD_RE.finditer(text):
        word = _POSSESSIVE.sub("", m.group().lower()).strip(".")
        if len(word) >= 3 and word not in STOPWORDS and not _DIGIT.search(word):
            yield word


# A word as written (case kept), and what may stand before a sentence's first word.
_OPENERS = frozenset(".!?:;\"“‘'(«[-–—|")
_YEAR = compiled(r"^(?:1[89]|20)\d\d$")
_RARE = 5.0  # a sentence-initial capitalised word this rare (wordfreq) is taken as a name


def names(text: str) -> set[str]:
    """The names, places and figures of ``text``, lower-cased and stemmed.

    Why: two stories of the same section share their vocabulary (club, season, shares,
    profits) but not their people, places, firms and figures.  A name is a capitalised
    word that does not open a sentence, an acronym, or a sentence-opening word too rare
    to be an ordinary word; in a title-case line only the rare capitalised words count.
    Figures are numbers of two or more digits that are not years.
    """
    found: set[str] = set()
    tokens = list(TOPIC_WORD.finditer(text))
    capitalised = sum(t.group()[0].isupper() for t in tokens)
    title_case = len(tokens) >= 3 and capitalised > 0.6 * len(tokens)
    for m in tokens:
        word = _POSSESSIVE.sub("", m.group()).rstrip(".'’-&")
        if not word:
            continue
        lower = word.lower()
        if word[0].isdigit():
            digits = regex.sub(r"\D", "", word)
            if len(digits) >= 2 and not _YEAR.match(digits):
                found.add(digits)
            continue
        if not word[0].isupper() or lower in STOPWORDS:
            continue
        before = text[: m.start()].rstrip()
        opens = not before or before[-1] in _OPENERS
        if word.isupper() and len(word) >= 2:
            found.add(stem(lower))
        elif (opens or title_case) and weight(lower) < _RARE:
            continue
        else:
            found.add(stem(lower))
    return found


def word_stems(texts: Iterable[str]) -> set[str]:
    """Every word of ``texts`` (any case, any length, figures as their digits), stemmed."""
    out: set[str] = set()
    for text in texts:
        for m in TOPIC_WORD.finditer(text):
            word = _POSSESSIVE.sub("", m.group()).rstrip(".'’-&")
            if word[:1].isdigit():
                out.add(regex.sub(r"\D", "", word))
            elif word:
                out.add(stem(word.lower()))
    return out


class Bag:
    """A text's content words, each weighted by rarity (kept per stem: the rarest surface form)."""

    def __init__(self, texts: Iterable[str]) -> None:
        self.counts: Counter[str] = Counter()
        self.weights: dict[str, float] = {}
        for text in texts:
            for word in content_words(text):
                key = stem(word)
                self.counts[key] += 1
                w = weight(word)
                if w > self.weights.get(key, 0.0):
                    self.weights[key] = w

    def __len__(self) -> int:
        return len(self.counts)

    @property
    def mass(self) -> float:
        """Total information of the distinct words."""
        return sum(self.weights.values())

    def coverage_by(self, other: Bag) -> float:
        """Share of this bag's information (distinct words, weighted) that ``other`` also holds."""
        total = self.mass
        if not total:
            return 0.0
        return sum(w for key, w in self.weights.items() if key in other.counts) / total

    def cosine(self, other: Bag) -> float:
        """Cosine of the (1 + log tf) x weight vectors."""

        def vector(bag: Bag) -> dict[str, float]:
            return {k: (1 + math.log(c)) * bag.weights[k] for k, c in bag.counts.items()}

        a, b = vector(self), vector(other)
        dot = sum(v * b[k] for k, v in a.items() if k in b)
        norm = math.sqrt(sum(v * v for v in a.values())) * math.sqrt(sum(v * v for v in b.values()))
        return dot / norm if norm else 0.0


__all__ = ["STOPWORDS", "Bag", "content_words", "names", "stem", "weight", "word_stems"]
