"""The lead index file (``newslint index build``): versioned gzip JSON, read defensively.

An index may come from elsewhere: reading inflates in bounded chunks (a gzip bomb is refused),
nests JSON only so deep, and checks each entry field by field, naming the entry that is wrong.
"""

from __future__ import annotations

import base64
import binascii
import gzip
import json
import zlib
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from newslint.core.errors import NewslintError
from newslint.core.jsondata import BadJSON, loads_bounded
from newslint.core.surrogates import visible_surrogates
from newslint.duplicates.minhash import HASHING, SIGNATURE_BYTES

FORMAT = "newslint-lead-index"
VERSION = 1
_NOT_AN_INDEX = "not a newslint lead index (build one with `newslint index build`)"


@dataclass(frozen=True)
class IndexEntry:
    path: str  # the file, or ``archive#record`` for a record of an archive
    line: int
    words: tuple[str, ...]
    signature: bytes | None  # None: made with other MinHash settings, to be recomputed


def to_json(entries: Iterable[IndexEntry]) -> dict[str, Any]:
    return {
        "format": FORMAT,
        "version": VERSION,
        "minhash": HASHING,
        "entries": [
            {
                "path": e.path,
                "line": e.line,
                "words": " ".join(e.words),
                "signature": base64.b64encode(e.signature or b"").decode("ascii"),
            }
            for e in entries
        ],
    }


def save_index(path: Path, entries: Iterable[IndexEntry]) -> None:
    data = json.dumps(to_json(entries), ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    from newslint.core.output_file import opened

    with opened(path, "lead index") as raw, gzip.GzipFile(filename="", mode="wb", fileobj=raw) as handle:
        handle.write(data)


def load_index(path: Path) -> list[IndexEntry]:
    """The entries of an index file; a damaged or tampered one is an error naming the file and entry."""
    data = read_index_json(path)
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise NewslintError(_NOT_AN_INDEX, str(path))
    if data.get("version") != VERSION:
        raise NewslintError(
            f"lead index version {str(data.get('version'))[:20]!r} is not supported (this newslint reads "
            f"version {VERSION}); rebuild it with `newslint index build`",
            str(path),
        )
    same_hashing = data.get("minhash") == HASHING
    entries = data.get("entries", [])
    if not isinstance(entries, list):
        raise NewslintError("damaged lead index: 'entries' is not a list", str(path))
    out = []
    for i, item in enumerate(entries):
        try:
            out.append(_entry(item, same_hashing))
        except ValueError as exc:
            raise NewslintError(f"damaged lead index: entry {i}: {exc}", str(path)) from None
    return out


#: bytes an index may inflate to: generous for a real one (gzip shrinks JSON about 3 to 5 times),
#: far below what a gzip bomb (a thousand times) would need
MIN_INFLATED = 64 * 1024 * 1024
MAX_RATIO = 50
MAX_INFLATED = 4 * 1024 * 1024 * 1024


def read_index_json(path: Path) -> Any:
    """The JSON of an index file, inflated in chunks and refused as soon as it grows past the limit."""
    try:
        limit = min(MAX_INFLATED, max(MIN_INFLATED, MAX_RATIO * path.stat().st_size))
        chunks = []
        size = 0
        with gzip.open(path, "rb") as handle:
            while chunk := handle.read(1 << 20):
                size += len(chunk)
                if size > limit:
                    raise NewslintError(
                        f"lead index inflates to more than {limit:,} bytes (a damaged file or a gzip bomb)",
                        str(path),
                    )
                chunks.append(chunk)
    except FileNotFoundError:
        raise NewslintError("no such lead index", str(path)) from None
    except (OSError, EOFError, zlib.error):
        raise NewslintError(_NOT_AN_INDEX, str(path)) from None
    try:
        return loads_bounded(b"".join(chunks))
    except BadJSON as exc:
        raise NewslintError(f"{_NOT_AN_INDEX}: {exc}", str(path)) from None


def _entry(item: Any, same_hashing: bool) -> IndexEntry:
    """One stored lead, checked field by field (ValueError says which field is wrong)."""
    if not isinstance(item, dict):
        raise ValueError(f"must be an object, not {type(item).__name__}")
    for key, kind, name in (
        ("path", str, "a string"),
        ("words", str, "a string"),
        ("line", int, "an integer"),
    ):
        value = item.get(key)
        if not isinstance(value, kind) or isinstance(value, bool):
            raise ValueError(f"{key!r} must be {name}, not {type(value).__name__}")
    if item["line"] < 1:
        raise ValueError("'line' must be at least 1")
    words = tuple(item["words"].split())
    # a path is only shown (and compared as a path): a lone surrogate in it, which no file name
    # can hold, is shown as a visible escape from here on
    path = visible_surrogates(item["path"])
    if not same_hashing:
        return IndexEntry(path, item["line"], words, None)
    encoded = item.get("signature")
    if not isinstance(encoded, str):
        raise ValueError(f"'signature' must be a string, not {type(encoded).__name__}")
    try:
        signature = base64.b64decode(encoded, validate=True)
    except (binascii.Error, ValueError):
        raise ValueError("'signature' is not valid base64") from None
    if len(signature) != SIGNATURE_BYTES:
        raise ValueError(f"'signature' holds {len(signature)} bytes, not {SIGNATURE_BYTES}")
    return IndexEntry(path, item["line"], words, signature)
