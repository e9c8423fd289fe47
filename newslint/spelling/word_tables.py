"""Large word tables that load in one copy and answer without being built: sorted blocks of bytes.

A process that checks one article asks the lexicon about a few hundred words, yet turning its
tables into sets and dicts (350,000 strings, each hashed and inserted) cost a quarter of the run.
Here a table is kept as stored: its words sorted (by UTF-8 bytes, which is code-point order),
each followed by a newline, in one ``bytes`` block, with the offset of every word in a second
(and the values of a mapping in a third).  Loading is three copies; a lookup is a binary search
(some microseconds).  A run that asks a table more than about one question per 32 of its words
(a folder of articles) has it built into a ``frozenset`` or ``dict`` then, once: that is when
the binary searches would have cost as much as building it did.  Answers are the same either way.
"""

from __future__ import annotations

import array
from collections.abc import ItemsView, Iterable, Iterator, Mapping, Set

#: questions a table answers by binary search, per word it holds, before it is built into a hash
#: table (a search costs about as much as hashing and inserting 32 words)
SEARCHES_PER_WORD = 1 / 32
#: ... and at least this many, so a small table is not built on its first questions
MIN_SEARCHES = 64


def pack(words: Iterable[str]) -> tuple[bytes, bytes]:
    """(block, offsets) of the distinct words, for :class:`WordSet` (a word holding a newline,
    which no token does, is left out)."""
    encoded = sorted({w.encode("utf-8", "surrogatepass") for w in words if "\n" not in w})
    return _pack_sorted(encoded)


def pack_mapping(values: Mapping[str, float], typecode: str = "d") -> tuple[bytes, bytes, bytes]:
    """(block, offsets, values) of a word -> number mapping: the values as an ``array`` of
    ``typecode`` (doubles for :class:`WordValues`) in the order of the words."""
    pairs = sorted((w.encode("utf-8", "surrogatepass"), v) for w, v in values.items() if "\n" not in w)
    block, offsets = _pack_sorted([w for w, _ in pairs])
    return block, offsets, array.array(typecode, (v for _, v in pairs)).tobytes()


def _pack_sorted(encoded: list[bytes]) -> tuple[bytes, bytes]:
    offsets = array.array("I", [0])
    total = 0
    for w in encoded:
        total += len(w) + 1
        offsets.append(total)
    return b"".join(w + b"\n" for w in encoded), offsets.tobytes()


class WordSet:
    """A set of words searched in its stored block until a run asks enough to build it."""

    def __init__(self, block: bytes = b"", offsets: bytes = b"") -> None:
        self._block = block
        self._offsets = array.array("I")
        self._offsets.frombytes(offsets)
        self._size = max(0, len(self._offsets) - 1)
        self._searches_left = max(MIN_SEARCHES, int(self._size * SEARCHES_PER_WORD))
        self._built: frozenset[str] | None = None

    @classmethod
    def of(cls, words: Iterable[str]) -> WordSet:
        return cls(*pack(words))

    def __len__(self) -> int:
        return self._size

    def __contains__(self, word: object) -> bool:
        built = self._built
        if built is None:
            self._searches_left -= 1
            if self._searches_left >= 0:
                return isinstance(word, str) and self.index(word) >= 0
            built = self._build()
        return word in built

    def __iter__(self) -> Iterator[str]:
        return iter(self._built) if self._built is not None else iter(self._words())

    def among(self, words: Set[str]) -> set[str]:
        """The given words that the set holds."""
        if self._built is None and len(words) <= self._searches_left:
            return {w for w in words if w in self}
        built = self._built if self._built is not None else self._build()
        return set(words & built)

    def _build(self) -> frozenset[str]:
        """The words as a frozenset; the block is let go (a built set is never searched)."""
        self._built = frozenset(self._words())
        self._block, self._offsets = b"", array.array("I")
        return self._built

    def _words(self) -> list[str]:
        text = self._block.decode("utf-8", "surrogatepass")
        return text.split("\n")[:-1] if text else []

    def index(self, word: str) -> int:
        """The word's number in the block, or -1: for a table whose values sit beside it in the
        block's order, searched and never built (a built set has no order)."""
        if self._built is not None:
            raise RuntimeError("a built word set has no block to search")
        try:
            key = word.encode("utf-8", "surrogatepass")
        except UnicodeEncodeError:  # pragma: no cover - surrogatepass encodes any str
            return -1
        block, offsets = self._block, self._offsets
        lo, hi = 0, self._size
        while lo < hi:
            mid = (lo + hi) // 2
            found = block[offsets[mid] : offsets[mid + 1] - 1]
            if found < key:
                lo = mid + 1
            elif found > key:
                hi = mid
            else:
                return mid
        return -1


class WordValues(Mapping[str, float]):
    """A word -> number mapping searched in its stored block until a run asks enough to build it."""

    def __init__(self, block: bytes = b"", offsets: bytes = b"", values: bytes = b"") -> None:
        self._keys = WordSet(block, offsets)
        self._values = array.array("d")
        self._values.frombytes(values)
        self._searches_left = self._keys._searches_left
        self._built: dict[str, float] | None = None

    @classmethod
    def of(cls, values: Mapping[str, float]) -> WordValues:
        return cls(*pack_mapping(values))

    def __getitem__(self, word: str) -> float:
        value = self.get(word)
        if value is None:
            raise KeyError(word)
        return value

    def get(self, word: str, default: float | None = None) -> float | None:  # type: ignore[override]
        built = self._built
        if built is None:
            self._searches_left -= 1
            if self._searches_left >= 0:
                i = self._keys.index(word) if isinstance(word, str) else -1
                return self._values[i] if i >= 0 else default
            built = self._build()
        return built.get(word, default)

    def __contains__(self, word: object) -> bool:
        return isinstance(word, str) and self.get(word) is not None

    def __iter__(self) -> Iterator[str]:
        return iter(self._built) if self._built is not None else iter(self._keys._words())

    def __len__(self) -> int:
        return len(self._built) if self._built is not None else len(self._keys)

    def items(self) -> ItemsView[str, float]:
        """Every pair: a run that wants them all has the mapping built first."""
        built = self._built if self._built is not None else self._build()
        return built.items()

    def _build(self) -> dict[str, float]:
        """The mapping as a dict; the stored block is let go."""
        self._built = dict(zip(self._keys._words(), self._values, strict=True))
        self._keys, self._values = WordSet(), array.array("d")
        return self._built
