"""``duplicate-lead-corpus``: a lead that repeats the lead of another file of the run (or of an index).

A story filed twice, or copy whose lead was already published, shows up as two
files (or records) with near-identical leads.  Each worker sends back its file's lead and
MinHash signature (:func:`summarise`); the main process walks the files in path order, asks
an LSH index of the leads seen so far (an archive index from ``--against`` first) for
neighbours, and scores those exactly (at most ``BUCKET_FIRST + BUCKET_RECENT`` of each bucket,
so that many copies of one lead cost linear, not quadratic, time).  The later file is reported,
with the earlier file(s) as related locations.  Signatures and banding are
:mod:`newslint.duplicates.minhash`'s, the index file :mod:`newslint.duplicates.lead_index_file`'s.
"""

from __future__ import annotations

import os
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, ClassVar

from newslint.core.document import Document
from newslint.core.findings import Related
from newslint.core.kind import CorpusKind, PlacedHit
from newslint.core.options import Option
from newslint.duplicates.lead_index_file import IndexEntry, load_index, save_index, to_json
from newslint.duplicates.minhash import BUCKET_FIRST, BUCKET_RECENT, LSHBuckets, signature_of
from newslint.duplicates.tokens import similarity
from newslint.kinds.duplicate_paragraph import candidates, lead_of


@dataclass(frozen=True)
class LeadSummary:
    """What a worker sends back about one file's lead (small and picklable)."""

    line: int
    end_line: int
    end_column: int
    words: tuple[str, ...]
    signature: bytes  # MinHash hash values, uint32 little-endian


@dataclass(frozen=True)
class Match:
    path: str
    line: int
    score: float


def summarise(doc: Document, min_words: int) -> LeadSummary | None:
    """The lead of ``doc`` with its signature, or None when it has no lead worth comparing."""
    found = lead_of(candidates(doc, min_words))
    if found is None:
        return None
    para, prepared = found
    line, _ = doc.position(para.start)
    end_line, end_column = doc.position(para.end)
    return LeadSummary(line, end_line, end_column, prepared.words, signature_of(prepared.words))


class LeadIndex:
    """Leads seen so far, bucketed by LSH; ``query`` scores bucket neighbours exactly."""

    def __init__(self, threshold: float = 0.8, lsh_threshold: float = 0.5) -> None:
        self.threshold = threshold
        self.entries: list[IndexEntry] = []
        self._real: list[str] = []  # each entry's resolved path, once (not once a comparison)
        self._buckets = LSHBuckets(lsh_threshold)

    def __len__(self) -> int:
        return len(self.entries)

    def add(self, path: str, line: int, words: tuple[str, ...], signature: bytes | None = None) -> None:
        signature = signature or signature_of(words)
        self._buckets.add(len(self.entries), signature)
        self.entries.append(IndexEntry(path, line, words, signature))
        self._real.append(os.path.realpath(path))

    def query(self, words: Sequence[str], signature: bytes, *, skip_path: str | None = None) -> list[Match]:
        """Earlier leads at least ``threshold`` similar to ``words``, best first."""
        return self.score(self._buckets.candidates(signature), words, skip_path=skip_path)

    def score(
        self, keys: Iterable[int], words: Sequence[str], *, skip_path: str | None = None
    ) -> list[Match]:
        """The entries ``keys`` at least ``threshold`` similar to ``words``, best first."""
        same = os.path.realpath(skip_path) if skip_path else None
        out = []
        for key in keys:
            entry = self.entries[key]
            if same is not None and self._real[key] == same:
                continue
            score = similarity(entry.words, words, self.threshold)
            if score >= self.threshold:
                out.append(Match(entry.path, entry.line, score))
        return sorted(out, key=lambda m: (-m.score, m.path, m.line))

    def to_json(self) -> dict[str, Any]:
        return to_json(self.entries)

    def save(self, path: Path) -> None:
        save_index(path, self.entries)

    @classmethod
    def load(cls, path: Path, threshold: float = 0.8, lsh_threshold: float = 0.5) -> LeadIndex:
        index = cls(threshold, lsh_threshold)
        for entry in load_index(path):
            index.add(entry.path, entry.line, entry.words, entry.signature)
        return index


class DuplicateLeadCorpus(CorpusKind):
    name = "duplicate-lead-corpus"
    # compares leads, whatever the scope: "text" and "lead" both mean that
    scopes = ("text", "lead")
    description = (
        "Compares the lead of every file of a run with the leads of the files before it (in path "
        "order) and, with `index`, with the leads of an archive built by `newslint index build`.  "
        "Leads are normalised like duplicate-paragraph's, bucketed by MinHash LSH (character 5-grams; "
        "`lsh_threshold` is the estimated Jaccard similarity at which leads share a bucket) and bucket "
        "neighbours are scored with the token similarity; at least `threshold` is a duplicate.  A lead "
        f"is scored against at most {BUCKET_FIRST + BUCKET_RECENT} leads of a bucket (its first "
        f"{BUCKET_FIRST} and latest {BUCKET_RECENT}), so many copies of one lead cost linear time.  The "
        "later file's lead line is reported; related locations name up to `max_related` earlier files.  "
        "Files whose lead is shorter than `min_words` words are skipped."
    )
    option_schema: ClassVar[Mapping[str, Option]] = {
        "threshold": Option(
            "float",
            0.8,
            "lowest token similarity (0-1) of two leads that counts as a copy",
            minimum=0.5,
            maximum=1.0,
        ),
        "lsh_threshold": Option(
            "float",
            0.5,
            "LSH bucket threshold (estimated Jaccard of 5-gram shingles)",
            minimum=0.1,
            maximum=1.0,
        ),
        "min_words": Option("int", 8, "shortest lead (in words) to compare", minimum=1),
        "max_related": Option("int", 3, "most earlier files to name in one finding", minimum=1),
        "index": Option("str", "", "a lead index file (`newslint index build`) to check against"),
    }

    def collect(self, doc: Document) -> LeadSummary | None:
        return summarise(doc, self.options["min_words"])

    def finish(self, items: Sequence[tuple[str, Any]]) -> Iterator[PlacedHit]:
        threshold, lsh_threshold = self.options["threshold"], self.options["lsh_threshold"]
        index_path = self.options["index"]
        if index_path:
            index = LeadIndex.load(Path(index_path), threshold, lsh_threshold)
        else:
            index = LeadIndex(threshold, lsh_threshold)
        ordered = [(path, s) for path, s in sorted(items, key=lambda item: item[0]) if s is not None]
        if self.band_join is not None:
            yield from self._joined(index, ordered, lsh_threshold)
            return
        for path, summary in ordered:
            matches = index.query(summary.words, summary.signature, skip_path=path)
            if matches:
                yield self._hit(path, summary, matches)
            index.add(path, summary.line, summary.words, summary.signature)

    def _joined(
        self, index: LeadIndex, ordered: list[tuple[str, LeadSummary]], lsh_threshold: float
    ) -> Iterator[PlacedHit]:
        """The same findings, with bucket neighbours from the runner's band join (each lead is
        compared with the leads before it that share a band, as the in-memory index does)."""
        assert self.band_join is not None
        first = len(index)
        for path, summary in ordered:
            index.add(path, summary.line, summary.words, summary.signature)
        signed = [(i, e.signature) for i, e in enumerate(index.entries) if e.signature is not None]
        earlier: dict[int, set[int]] = defaultdict(set)
        for before, after in self.band_join(signed, lsh_threshold):
            earlier[after].add(before)
        for i, (path, summary) in enumerate(ordered, first):
            matches = index.score(earlier.get(i, set()), summary.words, skip_path=path)
            if matches:
                yield self._hit(path, summary, matches)

    def _hit(self, path: str, summary: LeadSummary, matches: list[Match]) -> PlacedHit:
        best = matches[0]
        shown = matches[: self.options["max_related"]]
        return PlacedHit(
            path,
            summary.line,
            1,
            summary.end_line,
            summary.end_column,
            params={
                "other": best.path,
                "other_line": best.line,
                "similarity": f"{best.score:.0%}",
                "copies": len(matches),
            },
            related=tuple(Related(m.line, f"same lead ({m.score:.0%} similar)", m.path) for m in shown),
        )
