"""MinHash signatures and LSH banding: which items may be near-duplicates, without comparing all pairs.

Pure: no files, no rules, no processes.  A signature is ``NUM_PERM`` MinHash values (uint32,
little-endian bytes) of an item's character shingles; LSH cuts it into ``bands`` bands of
``rows`` values, and items sharing a band's values are candidates.  Candidates come from a
band dictionary here (:class:`LSHBuckets`) or, on a cluster, from a shuffle on :func:`band_keys`
(the same keys, so the same candidates).  datasketch computes the hash values; numpy and
datasketch are imported on first use (half a second that a run without these rules skips).
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from functools import lru_cache
from typing import Any, TypeVar

SHINGLE = 5  # characters per shingle
NUM_PERM = 128
SEED = 1
SCHEME = "affine32"  # datasketch's MinHash hashing scheme; stored in index files so a change is seen
#: how signatures are made; an index made another way has its signatures recomputed on load
HASHING = {"num_perm": NUM_PERM, "seed": SEED, "scheme": SCHEME, "shingle": SHINGLE}
SIGNATURE_BYTES = 4 * NUM_PERM
# A new item is compared with at most BUCKET_FIRST + BUCKET_RECENT earlier members of each band
# bucket: the first ones (a copy of a copy matches the original, so the first copy is enough to
# find it) and the latest ones (chains of edits drift); without the cap, n copies of one lead
# cost n² / 2 comparisons.  Ordinary buckets hold a handful of items, far below the cap.
BUCKET_FIRST = 8
BUCKET_RECENT = 24


def shingles(words: Sequence[str]) -> set[bytes]:
    text = " ".join(words)
    if len(text) <= SHINGLE:
        return {text.encode("utf-8")}
    return {text[i : i + SHINGLE].encode("utf-8") for i in range(len(text) - SHINGLE + 1)}


_TEMPLATE: Any = None


def signature_of(words: Sequence[str]) -> bytes:
    """The MinHash signature of ``words`` (their character shingles)."""
    global _TEMPLATE
    from datasketch import MinHash

    if _TEMPLATE is None:
        _TEMPLATE = MinHash(num_perm=NUM_PERM, seed=SEED, scheme=SCHEME)
    mh = MinHash(num_perm=NUM_PERM, seed=SEED, permutations=_TEMPLATE.permutations, scheme=SCHEME)
    mh.update_batch(shingles(words))
    return bytes(mh.hashvalues.astype("<u4").tobytes())


@lru_cache(maxsize=16)
def band_params(threshold: float) -> tuple[int, int]:
    """(bands, rows) that best separate Jaccard similarity ``threshold`` (datasketch's choice,
    false positives and negatives weighed equally)."""
    from datasketch.lsh import _optimal_param

    bands, rows = _optimal_param(threshold, NUM_PERM, 0.5, 0.5)
    return int(bands), int(rows)


def band_keys(signature: bytes, threshold: float) -> list[bytes]:
    """One key a band: items sharing any key are candidates."""
    bands, rows = band_params(threshold)
    width = 4 * rows
    return [bytes([b]) + signature[b * width : (b + 1) * width] for b in range(bands)]


class _Bucket:
    """The members of one band bucket a new item is compared with: the first ``BUCKET_FIRST``
    and the latest ``BUCKET_RECENT`` after them (so memory and comparisons stay bounded)."""

    __slots__ = ("first", "recent")

    def __init__(self) -> None:
        self.first: list[int] = []
        self.recent: deque[int] = deque(maxlen=BUCKET_RECENT)

    def add(self, item: int) -> None:
        if len(self.first) < BUCKET_FIRST:
            self.first.append(item)
        else:
            self.recent.append(item)


class LSHBuckets:
    """Items by band key; ``candidates`` are the items sharing a band with a signature, at most
    ``BUCKET_FIRST + BUCKET_RECENT`` of each band (items are added in order, earliest first)."""

    def __init__(self, threshold: float) -> None:
        self.threshold = threshold
        self._buckets: dict[bytes, _Bucket] = {}

    def add(self, item: int, signature: bytes) -> None:
        for key in band_keys(signature, self.threshold):
            bucket = self._buckets.get(key)
            if bucket is None:
                bucket = self._buckets[key] = _Bucket()
            bucket.add(item)

    def candidates(self, signature: bytes) -> set[int]:
        found: set[int] = set()
        for key in band_keys(signature, self.threshold):
            bucket = self._buckets.get(key)
            if bucket is not None:
                found.update(bucket.first)
                found.update(bucket.recent)
        return found


_Item = TypeVar("_Item", int, str)


def pairs_in_bucket(members: Iterable[_Item]) -> Iterator[tuple[_Item, _Item]]:
    """(earlier, later) pairs of the items of one band bucket, as a shuffle join emits them: each
    item with the earlier ones :class:`LSHBuckets` would compare it with (the first
    ``BUCKET_FIRST`` and the ``BUCKET_RECENT`` just before it), so both give the same candidates."""
    ordered = sorted(set(members))
    for i, later in enumerate(ordered):
        for earlier in ordered[: min(i, BUCKET_FIRST)]:
            yield earlier, later
        for earlier in ordered[max(BUCKET_FIRST, i - BUCKET_RECENT) : i]:
            yield earlier, later
