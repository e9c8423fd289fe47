"""The word lexicon behind the ``spelling`` kind: which words exist and how common they are.

Three sources, combined once per process:

* the Hunspell en_GB and en_US dictionaries, affixes expanded (see ``spelling.hunspell``): the
  curated "is this a word" test, and the names they list;
* pyspellchecker's English list (MIT): American spellings for ``locale``, and a word the web and
  this list know but no dictionary does is judged with a larger margin (it also holds misspellings);
* wordfreq's ``large`` English list (data CC-BY-SA 4.0): word frequencies as Zipf values (log10 of
  uses per billion words): evidence for weighing a word against its corrections, never a
  dictionary (people write recieve often enough to be counted).

Nothing derived from either is committed to this repository: on first use the merged table is
computed from the installed packages and cached (``marshal``) under the user's cache folder
(``$NEWSLINT_CACHE_DIR`` or ``$XDG_CACHE_HOME/newslint`` or ``~/.cache/newslint``), keyed by the
packages' data files; an unwritable cache only costs the rebuild (~2 s).  Without wordfreq the
lexicon falls back to pyspellchecker's own counts.
"""

from __future__ import annotations

import array
import bisect
import functools
import gzip
import importlib.util
import json
import math
import os
import re
from collections.abc import Callable, Iterator, Mapping, Set
from pathlib import Path
from typing import NamedTuple, TypeVar

from newslint.core.cache import MISSING, cache_dir, fits, read_cached, write_cached
from newslint.spelling.word_tables import (
    MIN_SEARCHES,
    SEARCHES_PER_WORD,
    WordSet,
    WordValues,
    pack,
    pack_mapping,
)

T = TypeVar("T")

CACHE_FORMAT = 7  # 7: tables stored as sorted blocks (word_tables)
_LATIN_WORD = re.compile(r"[a-z\u00e0-\u024f]+(?:['\-][a-z\u00e0-\u024f]+)*")

# British -> American endings, tried in order on a word not found as written.
_GB_TO_US: tuple[tuple[str, str], ...] = (
    ("isations", "izations"),
    ("isation", "ization"),
    ("ising", "izing"),
    ("ised", "ized"),
    ("ises", "izes"),
    ("iser", "izer"),
    ("isers", "izers"),
    ("ise", "ize"),
    ("yses", "yzes"),
    ("ysed", "yzed"),
    ("ysing", "yzing"),
    ("yse", "yze"),
    ("ours", "ors"),
    ("our", "or"),
    ("ourable", "orable"),
    ("ourably", "orably"),
    ("ouring", "oring"),
    ("oured", "ored"),
    ("ourite", "orite"),
    ("ourites", "orites"),
    ("ourful", "orful"),
    ("tres", "ters"),
    ("tre", "ter"),
    ("bres", "bers"),
    ("bre", "ber"),
    ("lled", "led"),
    ("lling", "ling"),
    ("ller", "ler"),
    ("llers", "lers"),
    ("ogue", "og"),
    ("ogues", "ogs"),
    ("ence", "ense"),
    ("ences", "enses"),
    ("mme", "m"),
    ("mmes", "ms"),
    ("ement", "ment"),
    ("ements", "ments"),
)
_GB_ENDINGS = tuple(gb for gb, _ in _GB_TO_US)
_GB_INNER: tuple[tuple[str, str], ...] = (("ae", "e"), ("oe", "e"), ("our", "or"))


def _version(package: str) -> str:
    """An identity of an installed package's word data: the names and sizes of its data files.

    Not the version from its metadata (reading that costs more than the cache saves) and not file
    times, so that every installation of the same version (a project venv, pre-commit's own
    environment) shares one cache entry instead of each building its own.
    """
    spec = importlib.util.find_spec(package)
    if spec is None or spec.origin is None:
        return "none"
    folder = Path(spec.origin).parent
    stamp = 0
    for sub in ("resources", "data"):
        try:
            entries = sorted(os.scandir(folder / sub), key=lambda e: e.name)
        except OSError:
            continue
        for entry in entries:
            if entry.is_file():
                for ch in f"{entry.name}:{entry.stat().st_size};":
                    stamp = (stamp * 131 + ord(ch)) % (1 << 61)
    return format(stamp, "x")


def _hunspell_stamp() -> str:
    """An identity of the Hunspell dictionaries found: their paths and sizes."""
    from newslint.spelling.hunspell import dictionary_files

    stamp = 0
    for aff, dic in dictionary_files():
        for ch in f"{aff}:{aff.stat().st_size};{dic.stat().st_size};":
            stamp = (stamp * 131 + ord(ch)) % (1 << 61)
    return format(stamp, "x")


def _pyspell_counts() -> dict[str, int]:
    from importlib import resources

    data = resources.files("spellchecker") / "resources" / "en.json.gz"
    with gzip.open(str(data), "rt", encoding="utf-8") as fh:
        counts: dict[str, int] = json.load(fh)
    return counts


def _build() -> tuple[dict[str, float], list[str]]:
    """(Zipf per lowercase word, pyspellchecker's words) from the installed packages."""
    counts = _pyspell_counts()
    us = sorted(counts)
    try:
        import wordfreq

        freqs = wordfreq.get_frequency_dict("en", "large")
        zipf = {
            w: round(math.log10(f) + 9, 2) for w, f in freqs.items() if f > 0 and _LATIN_WORD.fullmatch(w)
        }
    except ImportError:  # pragma: no cover - wordfreq is a dependency; degrade to pyspellchecker's counts
        total = sum(counts.values()) or 1
        zipf = {w: round(math.log10(c * 1e9 / total), 2) for w, c in counts.items() if c > 0}
    return zipf, us


@functools.cache
def _sources_stamp() -> str:
    """The installed word data's identity, taken once a process (the lexicon and the candidate
    index both need it; each look scans three packages' folders)."""
    return f"wf{_version('wordfreq')}-ps{_version('spellchecker')}-hs{_hunspell_stamp()}"


def _cache_key(name: str) -> Path:
    return cache_dir() / f"{name}-{CACHE_FORMAT}-{_sources_stamp()}.marshal"


def cached(name: str, build: Callable[[], T], shape: tuple[type, ...] | None = None) -> T:
    """``build()``'s result, from the marshal cache when it is there (written atomically otherwise).

    Everything derived from the installed word lists goes through here, so a process pays a
    ``marshal.loads`` (tens of milliseconds) instead of a rebuild (hundreds).  ``shape`` gives the
    types of the tuple ``build`` returns: a cache entry of another shape is rebuilt, not used.
    """
    path = _cache_key(name)
    data: T = read_cached(path)
    if data is MISSING or not fits(data, shape):
        data = build()
        write_cached(path, data)  # a read-only home: rebuilt next time
    return data


#: words at least this common are held in a dict; the long tail of rarer ones (three quarters of
#: the list, and the rare words of the dictionaries: a third of the dict once) is looked up by
#: binary search instead of being loaded by every process
COMMON_ZIPF = 2.0


class Tiers(NamedTuple):
    """The word data as built from the installed packages, before it is packed for the cache."""

    common: dict[str, float]  # words at least COMMON_ZIPF common, and their Zipf
    dictionary: frozenset[str]  # pyspellchecker's words
    rare: str  # the rarer words, sorted and newline-joined
    rare_values: bytes  # their Zipf x 100 (array "H"), in the same order
    extra: frozenset[str]  # the Hunspell dictionaries' lowercase words pyspellchecker lacks
    missing: frozenset[str]  # pyspellchecker's words the Hunspell dictionaries lack
    names: str  # the dictionaries' names, lowercased, sorted and newline-joined


def _tiers() -> Tiers:
    """The word data in tiers: common words in a dict, the long tail as a sorted block."""
    from newslint.spelling.hunspell import build_forms

    zipf, us = _build()
    dictionary = frozenset(us)
    words, names = build_forms()
    curated = frozenset(words)
    common = {w: z for w, z in zipf.items() if z >= COMMON_ZIPF}
    rare = sorted(w for w in zipf if w not in common)
    values = array.array("H", (round(zipf[w] * 100) for w in rare))
    extra, missing = (curated - dictionary, dictionary - curated) if curated else (frozenset(), frozenset())
    return Tiers(common, dictionary, "\n".join(rare), values.tobytes(), extra, missing, "\n".join(names))


#: a table of words: stored (:class:`WordSet`) or any set (tests, a lexicon built in memory)
Words = Set[str] | WordSet


class CuratedWords:
    """The curated dictionaries' lowercase words, kept as their difference from pyspellchecker's
    list (two thirds of the words are in both), so a process loads two small tables, not a third
    large one."""

    def __init__(
        self, us: Set[str] | WordSet, extra: Set[str] | WordSet, missing: Set[str] | WordSet
    ) -> None:
        self._us, self._extra, self._missing = (_word_set(t) for t in (us, extra, missing))

    def __contains__(self, word: object) -> bool:
        return word in self._extra or (word in self._us and word not in self._missing)

    def __iter__(self) -> Iterator[str]:
        yield from self._extra
        yield from (w for w in self._us if w not in self._missing)

    def among(self, words: Set[str]) -> Set[str]:
        """The given words that are listed."""
        listed = self._us.among(words)
        return (listed - self._missing.among(listed)) | self._extra.among(words)


def _word_set(words: Words) -> WordSet:
    return words if isinstance(words, WordSet) else WordSet.of(words)


class SortedWords(WordSet):
    """Names: a sorted block of words, newline-joined (searched, never made a set)."""

    def __init__(self, joined: str) -> None:
        super().__init__(*pack(joined.split("\n") if joined else []))


class RareWords:
    """The long tail of the frequency list: a sorted block of words and their Zipf values x 100.

    Only the frequency of an unknown word (to weigh it against its corrections) ever needs it,
    a few thousand lookups a run, so it is searched in its block rather than loaded as a
    200,000-entry dict by every process at start-up; a run that asks it often (a folder of
    articles) has it split into a list once and searched with ``bisect``.
    """

    def __init__(self, joined: str | WordSet, values: bytes) -> None:
        if not isinstance(joined, WordSet):  # newline-joined words, values in their order
            block, offsets, values = _pack_rare(joined, values)
            joined = WordSet(block, offsets)
        self._block = joined
        self._values = array.array("H")
        self._values.frombytes(values)
        self._searches_left = max(MIN_SEARCHES, int(len(joined) * SEARCHES_PER_WORD))
        self._words: list[str] | None = None

    def get(self, word: str) -> float:
        """Zipf frequency of ``word`` (0 when it is not in the tail)."""
        if self._words is None:
            self._searches_left -= 1
            if self._searches_left >= 0:
                i = self._block.index(word)
                return self._values[i] / 100 if i >= 0 else 0.0
            self._words = list(self._block)
        i = bisect.bisect_left(self._words, word)
        if i < len(self._words) and self._words[i] == word:
            return self._values[i] / 100
        return 0.0


Tables = tuple[WordValues, WordSet, RareWords, CuratedWords, WordSet]


def _packed() -> tuple[bytes, ...]:
    """:func:`_tiers` as stored: each table a sorted block of words and their offsets (see
    ``word_tables``), which a process loads in one copy instead of hashing every word."""
    tiers = _tiers()
    return (
        *pack_mapping(tiers.common),
        *pack(tiers.dictionary),
        *_pack_rare(tiers.rare, tiers.rare_values),
        *pack(tiers.extra),
        *pack(tiers.missing),
        *pack(tiers.names.split("\n") if tiers.names else []),
    )


def _pack_rare(joined: str, values: bytes) -> tuple[bytes, bytes, bytes]:
    """The rare words (newline-joined) and their Zipf x 100 as a sorted block and its values."""
    hundredths = array.array("H")
    hundredths.frombytes(values)
    words = joined.split("\n") if joined else []
    return pack_mapping(dict(zip(words, hundredths, strict=True)), "H")


def load_tables() -> Tables:
    """The cached tables, building and caching them on first use."""
    t = cached("lexicon", _packed, (bytes,) * 14)
    dictionary = WordSet(t[3], t[4])
    words = CuratedWords(dictionary, WordSet(t[8], t[9]), WordSet(t[10], t[11]))
    return (
        WordValues(t[0], t[1], t[2]),
        dictionary,
        RareWords(WordSet(t[5], t[6]), t[7]),
        words,
        WordSet(t[12], t[13]),
    )


def british_to_american(word: str) -> Iterator[str]:
    """American forms a British spelling may correspond to (colour -> color, centre -> center)."""
    if word.endswith(_GB_ENDINGS):  # one C call rules out most words
        for gb, us in _GB_TO_US:
            if word.endswith(gb) and len(word) > len(gb) + 1:
                yield word[: -len(gb)] + us
    for gb, us in _GB_INNER:
        i = word.find(gb, 1)
        if i > 0:
            yield word[:i] + us + word[i + len(gb) :]


def american_to_british(word: str) -> Iterator[str]:
    """British forms an American spelling may correspond to (color -> colour, center -> centre)."""
    for gb, us in _GB_TO_US:
        if word.endswith(us) and len(word) > len(us) + 1:
            yield word[: -len(us)] + gb


_SHARED: Lexicon | None = None


class Lexicon:
    """Word frequencies and dictionary membership: a dict or set lookup, or a binary search for
    the rarest words."""

    def __init__(
        self,
        zipf: Mapping[str, float],
        us_words: Words,
        rare: RareWords | None = None,
        words: CuratedWords | None = None,
        names: WordSet | None = None,
    ) -> None:
        self.zipf = zipf  # the words at least COMMON_ZIPF common, and the dictionaries' words
        self.us_words = us_words  # pyspellchecker's list: American spellings, and some noise
        self.rare = rare or RareWords("", b"")
        # The curated test (Hunspell en_GB + en_US, affixes applied): lowercase words, and names
        # (capitalised in the dictionary) lowercased.  Without Hunspell data: pyspellchecker's list.
        self.words = words or CuratedWords(us_words, frozenset(), frozenset())
        self.names = names or SortedWords("")
        self._corrections: frozenset[str] | None = None

    @classmethod
    def load(cls) -> Lexicon:
        """The process's lexicon, loaded once and shared by every rule that needs one."""
        global _SHARED
        if _SHARED is None:
            _SHARED = cls(*load_tables())
        return _SHARED

    def freq(self, word: str) -> float:
        """Zipf frequency of a lowercase word (0 when unseen)."""
        z = self.zipf.get(word)
        return self.rare.get(word) if z is None else z

    def in_dictionary(self, word: str) -> bool:
        return word in self.us_words

    def corrections(self, min_zipf: float = 3.8) -> frozenset[str]:
        """The words a misspelling may be corrected to: the dictionaries' words and names, and
        words so common on the web that they are no slip (brands, new coinages)."""
        if self._corrections is None:
            common = (w for w, z in self.zipf.items() if z >= min_zipf)
            self._corrections = frozenset(self.words) | frozenset(self.names) | frozenset(common)
        return self._corrections

    def is_word(self, word: str) -> bool:
        """Whether a curated dictionary lists the lowercase word (any case of it for names)."""
        return word in self.words or word in self.names

    def british_variant_known(self, word: str, min_zipf: float = 0.0) -> str | None:
        """The American dictionary form of a British spelling, if there is one."""
        for us in british_to_american(word):
            if us in self.us_words and self.freq(us) >= min_zipf:
                return us
        return None

    def british_form_of(self, word: str, min_zipf: float = 3.0) -> str | None:
        """The British spelling of an American dictionary word, when the British form is common
        and not itself in the American dictionary (color -> colour, not program -> programme)."""
        for gb in american_to_british(word):
            if gb not in self.us_words and self.freq(gb) >= min_zipf:
                return gb
        return None

    def is_compound(self, word: str, min_zipf: float = 3.3, min_part: int = 3) -> bool:
        """A closed compound of two common words (carmaker, drugmaker, housebuilder)."""
        for i in range(min_part, len(word) - min_part + 1):
            head, tail = word[:i], word[i:]
            if (
                self.freq(head) >= min_zipf
                and self.freq(tail) >= min_zipf
                and (head in self.words and tail in self.words)
            ):
                return True
        return False
