"""A distributed run's partitions: descriptions of work that a worker reads for itself.

The driver never reads the articles: it only looks at file sizes and Parquet footers, and
sends each worker a small :class:`Part` (a chunk of file paths, a byte range of a JSON Lines
archive, a Parquet row group, or a whole archive that cannot be split: compressed JSON Lines
and CSV, whose quoted fields may span lines).  Workers must see the files at the same paths.
A byte range's records are numbered once the records before it are counted (a cheap pass
over the bytes, on the workers too: :func:`count_part`), so ids and numbers are the local
engine's.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from typing import Literal

from newslint.core.errors import NewslintError
from newslint.sources.records import (
    Record,
    RecordError,
    RecordFields,
    count_jsonl_range,
    is_archive,
    parquet_row_groups,
    read_jsonl_range,
    read_parquet_group,
    read_records,
)

#: files per partition
FILES_PER_PART = 32
#: bytes of a JSON Lines archive per partition (about 400 news articles)
RANGE_BYTES = 1 << 20

#: what a part is: file paths, a JSONL byte range, a Parquet row group, a whole archive, stdin
PartKind = Literal["files", "jsonl", "parquet", "whole", "stdin"]


@dataclass(frozen=True)
class Part:
    """One partition: small to send, opened and read by the worker that runs it."""

    kind: PartKind
    path: str = ""  # the archive, as the run names it (findings report it)
    paths: tuple[str, ...] = ()  # kind "files", as the run names them
    start: int = 0  # "jsonl": first byte; "parquet": the row group
    end: int = 0  # "jsonl": the byte after the range
    first: int = 1  # the number of the part's first record in its archive (0: not yet counted)
    data: bytes | None = None  # "stdin": the bytes read by the driver
    root: str = ""  # the run's working folder (relative paths are read from it)

    @property
    def sources(self) -> tuple[str, ...]:
        """The paths a worker opens: absolute, since a worker's working folder is not the run's."""
        return tuple(os.path.join(self.root, p) for p in self.paths)

    @property
    def source(self) -> str:
        return os.path.join(self.root, self.path)


def plan(files: Sequence[str], range_bytes: int | None = None) -> list[Part]:
    """The parts of a run's files: plain files in chunks, archives split where they can be.

    Raises nothing: an archive that cannot be looked at (missing, an unreadable Parquet
    footer) becomes a whole part, and the worker reports it as the local engine does."""
    range_bytes = range_bytes or RANGE_BYTES
    root = os.getcwd()
    plain = [p for p in files if p != "-" and not is_archive(p)]
    parts = [
        Part("files", paths=tuple(plain[i : i + FILES_PER_PART]), root=root)
        for i in range(0, len(plain), FILES_PER_PART)
    ]
    for path in (p for p in files if is_archive(p)):
        parts.extend(replace(part, root=root) for part in _archive_parts(path, range_bytes))
    return parts


def _archive_parts(path: str, range_bytes: int) -> list[Part]:
    lower = path.lower()
    try:
        if lower.endswith((".jsonl", ".ndjson")):
            size = os.stat(path).st_size
            return [
                Part("jsonl", path, start=s, end=min(size, s + range_bytes), first=0)
                for s in range(0, max(size, 1), range_bytes)
            ]
        if lower.endswith(".parquet"):
            sizes = parquet_row_groups(path)
            firsts = [1 + sum(sizes[:i]) for i in range(len(sizes))]
            return [Part("parquet", path, start=g, first=f) for g, f in enumerate(firsts)] or [
                Part("whole", path)
            ]
    except (OSError, NewslintError):
        pass
    return [Part("whole", path)]


def numbered(parts: Sequence[Part], counts: dict[int, int]) -> list[Part]:
    """``parts`` with each JSONL range's first record number, from the record ``counts`` of
    the ranges (by their index in ``parts``)."""
    out = list(parts)
    seen: dict[str, int] = {}
    for i, part in enumerate(parts):  # an archive's ranges are planned in byte order
        if part.kind == "jsonl":
            before = seen.get(part.path, 0)
            out[i] = replace(part, first=before + 1)
            seen[part.path] = before + counts[i]
    return out


def count_part(part: Part) -> int:
    """The records of a JSONL range (on a worker: a read without decoding); 0 when unreadable
    (the lint of the range reports why)."""
    try:
        return count_jsonl_range(part.source, part.start, part.end)
    except NewslintError:
        return 0


def part_records(part: Part, fields: RecordFields) -> Iterator[Record | RecordError]:
    """The records of an archive part, read by the worker that runs it."""
    if part.kind == "jsonl":
        assert part.first > 0, "a JSONL range is numbered before it is read"
        return read_jsonl_range(part.source, part.start, part.end, fields, part.first)
    if part.kind == "parquet":
        return read_parquet_group(part.source, part.start, fields, part.first)
    return read_records(part.source, fields)
