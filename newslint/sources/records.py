"""Archives of articles as records: JSON Lines (plain, gzip, zstd), CSV and Parquet.

News-corpus teams keep millions of articles as records, not files.  Each record becomes one
article text (the title, when a title field is named, as its first paragraph); a record that
cannot be read (bad JSON, a missing field, text that is not a string) is a :class:`RecordError`
naming the record, and the records after it are still read.  zstandard and pyarrow are optional
extras, imported only when an archive needs them.
"""

from __future__ import annotations

import csv
import gzip
import io
import json
import os
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from typing import IO, Any

from newslint.core.document import too_many_lines
from newslint.core.errors import NewslintError

#: the endings that make a path an archive of records rather than one article
ARCHIVE_SUFFIXES = (".jsonl", ".jsonl.gz", ".jsonl.zst", ".ndjson", ".parquet", ".csv")
#: an article longer than this (characters) is reported, not linted, as a file would be
MAX_RECORD_CHARS = 10_000_000
#: a JSON Lines line longer than this (bytes) is reported and skipped without being held whole
MAX_RECORD_BYTES = 4 * MAX_RECORD_CHARS
#: a ``.zst`` frame asking for a larger window (bytes of history) is refused, not allocated
MAX_ZSTD_WINDOW = 1 << 27
#: compressed bytes handed to zstd at a time: a byte inflates to at most about 32 KiB (a run-length
#: block), so one hand-over never inflates past a few tens of MiB
ZSTD_FEED = 512
#: a compressed archive inflating to more than this many times the bytes read of it is refused as
#: a decompression bomb (news text compresses about 3 to 12 times; a bomb thousands of times) ...
MAX_INFLATE_RATIO = 100
#: ... once it has inflated to this many bytes (small archives inflate as they like)
INFLATE_FLOOR = 64 << 20
#: Parquet rows decoded at a time (a batch of 2 MB texts is 128 MB, not 1,024 of them)
PARQUET_BATCH_ROWS = 64


@dataclass(frozen=True)
class RecordFields:
    """Which fields of a record hold the body, the headline and the id."""

    text: str = "text"
    title: str | None = None
    id: str | None = None  # None: the record's number (1-based)


@dataclass(frozen=True)
class Record:
    number: int  # 1-based position in the archive
    id: str
    text: str  # the article as linted: title, blank line, body (or the body alone)


@dataclass(frozen=True)
class RecordError:
    number: int
    id: str
    message: str


def is_archive(path: str) -> bool:
    return path.lower().endswith(ARCHIVE_SUFFIXES)


def article_text(body: str, title: str | None) -> str:
    """The text linted for a record: the headline kept apart from the body as its own paragraph."""
    return f"{title.strip()}\n\n{body}" if title else body


def from_mapping(number: int, row: Any, fields: RecordFields) -> Record | RecordError:
    """One record from a decoded row (a JSON object, a CSV or Parquet row)."""
    if not isinstance(row, Mapping):
        return RecordError(number, str(number), f"is a {type(row).__name__}, not an object")
    rid = str(number)
    if fields.id is not None:
        value = row.get(fields.id)
        if value is None or isinstance(value, (dict, list)):
            return RecordError(number, rid, f"has no usable id field {fields.id!r}")
        rid = str(value)
    body = row.get(fields.text)
    if fields.text not in row:
        return RecordError(number, rid, f"has no text field {fields.text!r}")
    if not isinstance(body, str):
        return RecordError(number, rid, f"text field {fields.text!r} is {type(body).__name__}, not a string")
    title = None
    if fields.title is not None:
        title = row.get(fields.title)
        if title is not None and not isinstance(title, str):
            return RecordError(
                number, rid, f"title field {fields.title!r} is {type(title).__name__}, not a string"
            )
    text = article_text(body, title)
    if len(text) > MAX_RECORD_CHARS:
        return RecordError(number, rid, f"is longer than {MAX_RECORD_CHARS:,} characters: not linted")
    too_many = too_many_lines(text)
    if too_many is not None:
        return RecordError(number, rid, too_many)
    return Record(number, rid, text)


def records_of(rows: Iterable[Any], fields: RecordFields, first: int = 1) -> Iterator[Record | RecordError]:
    """Records numbered from ``first`` (a partition's first record need not be the archive's)."""
    for number, row in enumerate(rows, first):
        yield row if isinstance(row, RecordError) else from_mapping(number, row, fields)


def read_records(
    path: str, fields: RecordFields, data: bytes | None = None
) -> Iterator[Record | RecordError]:
    """The records of the archive at ``path`` (or of its ``data``), read as a stream.

    JSON Lines are read a line at a time (a compressed archive is inflated as it is read, so a
    huge or hostile one never sits in memory whole; a line longer than a record may be is an
    error in its place).  Raises :class:`NewslintError` naming the file when the archive as a
    whole cannot be read (not compressed as its name says, a missing optional extra, an
    unreadable Parquet or CSV file).
    """
    lower = path.lower()
    if lower.endswith(".parquet"):
        yield from records_of(_parquet_rows(path, data, None, fields), fields)
        return
    with _open(path, data) as handle:
        if lower.endswith(".csv"):
            yield from records_of(_csv_rows(path, handle), fields)
        else:
            yield from records_of(_jsonl_rows(_lines(handle, 0, None)), fields)


def read_jsonl_range(
    path: str, start: int, end: int, fields: RecordFields, first: int = 1
) -> Iterator[Record | RecordError]:
    """The records of an uncompressed JSON Lines file whose lines begin in bytes [start, end),
    numbered from ``first`` (the number of records before ``start``, plus one).

    A worker reads its own range: ranges cut anywhere are realigned to line starts here (the
    line under way at ``start`` belongs to the range before), so ranges that tile the file give
    every record exactly once."""
    with _open(path, None) as handle:
        yield from records_of(_jsonl_rows(_lines(handle, start, end), first), fields, first)


def count_jsonl_range(path: str, start: int, end: int) -> int:
    """How many records (non-blank lines) :func:`read_jsonl_range` would give, without decoding."""
    with _open(path, None) as handle:
        return sum(1 for line in _lines(handle, start, end) if line is None or line.strip())


def parquet_row_groups(path: str) -> list[int]:
    """The number of rows of each row group of a Parquet file (its footer only is read)."""
    pq = _pyarrow_parquet(path)
    try:
        meta = pq.ParquetFile(path).metadata
        return [meta.row_group(i).num_rows for i in range(meta.num_row_groups)]
    except (OSError, ValueError) as exc:
        raise NewslintError(f"cannot read Parquet: {exc}", path) from None


def read_parquet_group(
    path: str, group: int, fields: RecordFields, first: int = 1
) -> Iterator[Record | RecordError]:
    """The records of one row group of a Parquet file, numbered from ``first``."""
    yield from records_of(_parquet_rows(path, None, group, fields), fields, first)


@contextmanager
def _open(path: str, data: bytes | None) -> Iterator[IO[bytes]]:
    """The archive's bytes as a binary stream, inflated on the fly by its suffix."""
    lower = path.lower()
    try:
        raw: IO[bytes] = io.BytesIO(data) if data is not None else open(path, "rb")  # noqa: SIM115
    except OSError as exc:
        raise NewslintError(f"cannot read: {exc.strerror or exc}", path) from None
    with raw:
        if lower.endswith(".gz"):
            with gzip.GzipFile(fileobj=raw) as inflated:
                yield _guarded(inflated, path, "gzip", raw)
        elif lower.endswith(".zst"):
            try:
                import zstandard
            except ImportError:
                raise NewslintError(
                    "reading .zst archives needs zstandard: pip install 'newslint[records]'", path
                ) from None
            yield _guarded(io.BufferedReader(_Zstd(raw, zstandard)), path, "zstd", raw)
        else:
            yield raw


class _Zstd(io.RawIOBase):
    """zstd frames inflated a small feed at a time; a stream that ends inside a frame (an
    archive cut short) is an error, where zstandard's stream reader just stops."""

    def __init__(self, raw: IO[bytes], zstandard: Any) -> None:
        self.raw, self.zstd = raw, zstandard.ZstdDecompressor(max_window_size=MAX_ZSTD_WINDOW)
        self.inflater = self.zstd.decompressobj()
        self.pending = b""  # inflated, read from ``offset`` on
        self.offset = 0
        self.started = False  # the current frame has been fed bytes

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        while self.offset == len(self.pending):
            self.pending, self.offset = b"", 0
            chunk = self.raw.read(ZSTD_FEED)
            if not chunk:
                if self.started:
                    raise EOFError("it ends inside a zstd frame: cut short")
                return 0
            while chunk:
                if self.inflater.eof:  # the next frame of a multi-frame archive
                    self.inflater, self.started = self.zstd.decompressobj(), False
                self.started = True
                self.pending += self.inflater.decompress(chunk)
                chunk = self.inflater.unused_data if self.inflater.eof else b""
                if self.inflater.eof:
                    self.started = False
        size = min(len(buffer), len(self.pending) - self.offset)
        buffer[:size] = memoryview(self.pending)[self.offset : self.offset + size]
        self.offset += size
        return size


class _Guarded(io.RawIOBase):
    """An inflating stream whose decompression errors become a NewslintError naming the file,
    and which refuses to inflate more than :data:`MAX_INFLATE_RATIO` times the bytes read."""

    def __init__(self, inner: Any, path: str, what: str, raw: IO[bytes]) -> None:
        self.inner, self.path, self.what, self.raw = inner, path, what, raw
        self.inflated = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        try:
            chunk = self.inner.read(len(buffer))
        except Exception as exc:  # zlib.error, EOFError, OSError, zstandard's ZstdError, ...
            suffix = ".gz" if self.what == "gzip" else ".zst"
            reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
            raise NewslintError(
                f"not a {self.what} file (the name ends in {suffix}), or a damaged one ({reason})", self.path
            ) from None
        self.inflated += len(chunk)
        if self.inflated > INFLATE_FLOOR and self.inflated > MAX_INFLATE_RATIO * max(1, self.raw.tell()):
            raise NewslintError(
                f"inflates more than {MAX_INFLATE_RATIO} times its compressed size "
                f"(a decompression bomb?): read no further than {self.inflated:,} bytes",
                self.path,
            )
        buffer[: len(chunk)] = chunk
        return len(chunk)


def _guarded(inner: Any, path: str, what: str, raw: IO[bytes]) -> IO[bytes]:
    return io.BufferedReader(_Guarded(inner, path, what, raw))


def _lines(handle: IO[bytes], start: int, end: int | None) -> Iterator[bytes | None]:
    """The lines that begin in bytes [start, end) of ``handle`` (to its end when ``end`` is None);
    None in place of a line longer than a record may be (skipped a chunk at a time, never held)."""
    position = 0
    if start > 0:
        handle.seek(start - 1)
        position = start
        if handle.read(1) != b"\n":  # mid-line: the line under way is the previous range's
            position += _skip_line(handle)
    peek = getattr(handle, "peek", None)
    while end is None or position < end:
        if peek is not None:  # runs of blank lines skipped a buffer at a time, not a line at a time
            ahead = peek(1 << 16)
            blank = len(ahead) - len(ahead.lstrip(b"\n"))
            if blank:
                handle.read(blank)
                position += blank
                continue
        line = handle.readline(MAX_RECORD_BYTES + 1)
        if not line:
            return
        position += len(line)
        if len(line) > MAX_RECORD_BYTES and not line.endswith(b"\n"):
            position += _skip_line(handle)
            yield None
            continue
        yield line


def _skip_line(handle: IO[bytes]) -> int:
    """Read past the end of the current line; the bytes skipped."""
    skipped = 0
    while more := handle.readline(1 << 20):
        skipped += len(more)
        if more.endswith(b"\n"):
            break
    return skipped


def _jsonl_rows(lines: Iterable[bytes | None], first: int = 1) -> Iterator[Any]:
    """Each non-blank line's JSON value; a line that is not JSON (or too long, or not UTF-8) is a
    RecordError in its place.  A byte-order mark is allowed on the archive's first line only."""
    number = first - 1
    for line in lines:
        if line is None:
            number += 1
            yield RecordError(number, str(number), f"is longer than {MAX_RECORD_BYTES:,} bytes: not read")
            continue
        if not line.strip():
            continue
        number += 1
        try:
            text = line.decode("utf-8-sig" if number == 1 else "utf-8")
        except UnicodeDecodeError as exc:
            yield RecordError(number, str(number), f"is not UTF-8 (byte {exc.start})")
            continue
        try:
            yield json.loads(text)
        except json.JSONDecodeError as exc:
            yield RecordError(number, str(number), f"is not valid JSON ({exc.msg})")
        except RecursionError:
            yield RecordError(number, str(number), "is not valid JSON (nested too deeply)")
        except ValueError as exc:  # an integer of over 4,300 digits
            reason = str(exc).split(";")[0].split(":")[0]
            yield RecordError(number, str(number), f"is not valid JSON ({reason})")


def _csv_rows(path: str, handle: IO[bytes]) -> Iterator[Any]:
    csv.field_size_limit(MAX_RECORD_CHARS)
    text = io.TextIOWrapper(handle, encoding="utf-8-sig", newline="")
    reader = csv.DictReader(text)
    try:
        yield from reader
    except csv.Error as exc:
        raise NewslintError(f"bad CSV at line {reader.line_num}: {exc}", path) from None
    except UnicodeDecodeError as exc:
        raise NewslintError(
            f"not UTF-8 text (near CSV line {reader.line_num + 1}, byte {exc.start})", path
        ) from None
    finally:
        text.detach()


def _pyarrow_parquet(path: str) -> Any:
    try:
        import pyarrow.parquet as pq
    except ImportError:
        raise NewslintError(
            "reading Parquet archives needs pyarrow: pip install 'newslint[records]'", path
        ) from None
    return pq


def _parquet_rows(
    path: str, data: bytes | None, group: int | None = None, fields: RecordFields | None = None
) -> Iterator[Any]:
    """The rows of a Parquet file (or of its row group ``group``), streamed a small batch at a
    time; with ``fields``, only the columns they name are read.

    Parquet compresses a column of repeated texts to almost nothing, so the text decoded is
    bounded against the file's size as an inflated archive's is; dates, times and durations
    are read as text (Python's own types cannot hold every value Parquet can)."""
    pq = _pyarrow_parquet(path)
    try:
        source: Any = io.BytesIO(data) if data is not None else path
        size = len(data) if data is not None else os.path.getsize(path)
        table = pq.ParquetFile(source)
        columns = None
        if fields is not None:
            wanted = {fields.text, fields.title, fields.id} - {None}
            columns = [c for c in table.schema_arrow.names if c in wanted]
        groups = None if group is None else [group]
        inflated = 0
        for batch in table.iter_batches(batch_size=PARQUET_BATCH_ROWS, row_groups=groups, columns=columns):
            inflated += batch.nbytes
            if inflated > INFLATE_FLOOR and inflated > MAX_INFLATE_RATIO * max(1, size):
                raise NewslintError(
                    f"inflates more than {MAX_INFLATE_RATIO} times its size on disk "
                    f"(a decompression bomb?): read no further than {inflated:,} bytes",
                    path,
                )
            yield from _temporal_as_text(batch).to_pylist()
    except (OSError, ValueError) as exc:  # pyarrow's ArrowInvalid is a ValueError
        raise NewslintError(f"cannot read Parquet: {exc}", path) from None


def _temporal_as_text(batch: Any) -> Any:
    """The batch with its date, time, timestamp and duration columns cast to strings."""
    import pyarrow as pa

    temporal = [i for i, f in enumerate(batch.schema) if pa.types.is_temporal(f.type)]
    if not temporal:
        return batch
    arrays = [c.cast(pa.string()) if i in temporal else c for i, c in enumerate(batch.columns)]
    return pa.RecordBatch.from_arrays(arrays, names=batch.schema.names)
