"""Near-duplicate leads across files: MinHash signatures, an LSH index, and its file format.

A story filed twice, or a lead that repeats one already published, is found by
comparing each file's lead with every lead seen before.  Pairwise comparison is
quadratic, so leads are MinHashed (character 5-grams of the normalised words)
and bucketed with LSH; only bucket neighbours are scored exactly with the
token similarity the within-article rule uses.  ``newslint index build`` saves
the leads of an archive in a versioned file; ``check --against`` loads it.

datasketch (and numpy) are imported on first use: importing them costs half a
second, which ``newslint check`` without the cross-file rule should not pay.
"""

from __future__ import annotations

import base64
import binascii
import gzip
import json
import os
import zlib
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from newslint.errors import ConfigError, NewslintError
from newslint.jsondata import BadJSON, loads_bounded
from newslint.kinds.duplicate_paragraph import candidates, lead_of
from newslint.kinds.duplicate_text import similarity

if TYPE_CHECKING:
    from newslint.config import Settings
    from newslint.document import Document

FORMAT = "newslint-lead-index"
VERSION = 1
#: the rule ``check --against`` switches on, and the option it sets
RULE_ID = "duplicate-lead-across-files"
SHINGLE = 5  # characters per shingle
NUM_PERM = 128
SEED = 1
SCHEME = "affine32"  # datasketch's MinHash hashing scheme; stored so a change is detected
#: how signatures are made; an index made another way has its signatures recomputed on load
_NOT_AN_INDEX = "not a newslint lead index (build one with `newslint index build`)"
HASHING = {"num_perm": NUM_PERM, "seed": SEED, "scheme": SCHEME, "shingle": SHINGLE}


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


def shingles(words: Sequence[str]) -> set[bytes]:
    text = " ".join(words)
    if len(text) <= SHINGLE:
        return {text.encode("utf-8")}
    return {text[i : i + SHINGLE].encode("utf-8") for i in range(len(text) - SHINGLE + 1)}


_TEMPLATE: Any = None


def _minhash(signature: bytes | None = None, words: Sequence[str] = ()) -> Any:
    """A MinHash from stored hash values, or computed from ``words``."""
    global _TEMPLATE
    import numpy as np
    from datasketch import MinHash

    if signature is not None:
        return MinHash(hashvalues=np.frombuffer(signature, dtype="<u4"), seed=SEED, scheme=SCHEME)
    if _TEMPLATE is None:
        _TEMPLATE = MinHash(num_perm=NUM_PERM, seed=SEED, scheme=SCHEME)
    mh = MinHash(num_perm=NUM_PERM, seed=SEED, permutations=_TEMPLATE.permutations, scheme=SCHEME)
    mh.update_batch(shingles(words))
    return mh


def signature_of(words: Sequence[str]) -> bytes:
    return bytes(_minhash(words=words).hashvalues.astype("<u4").tobytes())


def summarise(doc: Document, min_words: int) -> LeadSummary | None:
    """The lead of ``doc`` with its signature, or None when it has no lead worth comparing."""
    found = lead_of(candidates(doc, min_words))
    if found is None:
        return None
    para, prepared = found
    line, _ = doc.position(para.start)
    end_line, end_column = doc.position(para.end)
    return LeadSummary(line, end_line, end_column, prepared.words, signature_of(prepared.words))


@dataclass
class _Entry:
    path: str
    line: int
    words: tuple[str, ...]
    signature: bytes


class LeadIndex:
    """Leads seen so far, bucketed by LSH; ``query`` scores bucket neighbours exactly."""

    def __init__(self, threshold: float = 0.8, lsh_threshold: float = 0.5) -> None:
        from datasketch import MinHashLSH

        self.threshold = threshold
        self.entries: list[_Entry] = []
        self._lsh = MinHashLSH(threshold=lsh_threshold, num_perm=NUM_PERM)

    def __len__(self) -> int:
        return len(self.entries)

    def add(self, path: str, line: int, words: tuple[str, ...], signature: bytes | None = None) -> None:
        signature = signature or signature_of(words)
        self._lsh.insert(len(self.entries), _minhash(signature), check_duplication=False)
        self.entries.append(_Entry(path, line, words, signature))

    def query(self, words: Sequence[str], signature: bytes, *, skip_path: str | None = None) -> list[Match]:
        """Earlier leads at least ``threshold`` similar to ``words``, best first."""
        same = os.path.realpath(skip_path) if skip_path else None
        out = []
        for key in self._lsh.query(_minhash(signature)):
            entry = self.entries[key]
            if same is not None and os.path.realpath(entry.path) == same:
                continue
            score = similarity(entry.words, words, self.threshold)
            if score >= self.threshold:
                out.append(Match(entry.path, entry.line, score))
        return sorted(out, key=lambda m: (-m.score, m.path, m.line))

    # ------------------------------------------------------------ file format

    def to_json(self) -> dict[str, Any]:
        return {
            "format": FORMAT,
            "version": VERSION,
            "minhash": HASHING,
            "entries": [
                {
                    "path": e.path,
                    "line": e.line,
                    "words": " ".join(e.words),
                    "signature": base64.b64encode(e.signature).decode("ascii"),
                }
                for e in self.entries
            ],
        }

    def save(self, path: Path) -> None:
        data = json.dumps(self.to_json(), ensure_ascii=False, separators=(",", ":")).encode("utf-8")
        try:
            with gzip.open(path, "wb") as handle:
                handle.write(data)
        except OSError as exc:
            raise NewslintError(f"cannot write lead index: {exc.strerror}", str(path)) from None

    @classmethod
    def load(cls, path: Path, threshold: float = 0.8, lsh_threshold: float = 0.5) -> LeadIndex:
        """Read an index file; a damaged or tampered one is an error naming the file and the entry."""
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
        index = cls(threshold, lsh_threshold)
        for i, item in enumerate(entries):
            try:
                entry_path, line, words, signature = _entry(item, same_hashing)
            except ValueError as exc:
                raise NewslintError(f"damaged lead index: entry {i}: {exc}", str(path)) from None
            index.add(entry_path, line, words, signature)
        return index


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


def _entry(item: Any, same_hashing: bool) -> tuple[str, int, tuple[str, ...], bytes | None]:
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
    if not same_hashing:
        return item["path"], item["line"], tuple(item["words"].split()), None
    encoded = item.get("signature")
    if not isinstance(encoded, str):
        raise ValueError(f"'signature' must be a string, not {type(encoded).__name__}")
    try:
        signature = base64.b64decode(encoded, validate=True)
    except (binascii.Error, ValueError):
        raise ValueError("'signature' is not valid base64") from None
    if len(signature) != 4 * NUM_PERM:
        raise ValueError(f"'signature' holds {len(signature)} bytes, not {4 * NUM_PERM}")
    return item["path"], item["line"], tuple(item["words"].split()), signature


# ------------------------------------------------------------ wiring (building: newslint.index_app)


def against_changes(settings: Settings, index_path: Path) -> dict[str, Any]:
    """Settings changes for ``check --against``: switch the cross-file rule on, pointed at the index."""
    from newslint.config import RuleSettings

    if not index_path.is_file():
        raise ConfigError("no such lead index (build one with `newslint index build`)", str(index_path))
    entry = settings.rules.get(RULE_ID) or RuleSettings()
    options = {**entry.options, "index": str(index_path)}
    return {
        "extend_select": (*settings.extend_select, RULE_ID),
        "rules": {**settings.rules, RULE_ID: RuleSettings(entry.severity, options, entry.line)},
    }
