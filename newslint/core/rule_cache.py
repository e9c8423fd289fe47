"""Parsed rule files kept between runs.

A run whose rule files have not changed neither parses YAML nor imports the YAML library
(together about a tenth of a pre-commit run on one file).  An entry is keyed by the file's
resolved path and used only while the file's size and modification time (ns) are unchanged.
A file modified in the last two seconds is not stored (its time stamp may not yet tell a
second edit from the first), nor is data marshal cannot hold (YAML dates, binary values).
Errors are unaffected: a rule that fails validation is re-read with line numbers.

The cache stays small whatever the rule files hold: a file whose data is larger than
:data:`ENTRY_BYTES` is parsed every run and never stored, and the cache keeps only the most
recent files that fit in :data:`STORE_BYTES`.  The cache file itself is checksummed
(:mod:`newslint.cache`); an entry of another shape is parsed again.
"""

from __future__ import annotations

import marshal
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from newslint.core.cache import cache_dir, read_cached, write_cached

#: bump when the stored layout changes
FORMAT = 2
#: files remembered (the built-in rules and a few user rule folders)
LIMIT = 512
#: the largest file's data stored (marshal bytes; the largest built-in rule takes about 3 kB)
ENTRY_BYTES = 1024 * 1024
#: the cache's size at most (the built-in rules take about 30 kB)
STORE_BYTES = 8 * 1024 * 1024
_SETTLED_NS = 2_000_000_000


class RuleFileCache:
    """``load(file, parse)`` returns ``parse(file)``, from the cache while the file is unchanged.

    Each file's data is stored as its own marshal snapshot, taken when it was parsed and decoded
    afresh on every load, so a caller that changes the data it was given cannot change what is
    stored."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = path or cache_dir() / f"rules-{FORMAT}.marshal"
        stored = read_cached(self.path)
        self.entries: dict[str, tuple[int, int, bytes]] = stored if isinstance(stored, dict) else {}
        self.changed = False

    def load(self, file: Path, parse: Callable[[Path], Any]) -> Any:
        try:
            stat = file.stat()
            key = str(file.resolve())
        except OSError:
            return parse(file)  # let the parser report it
        entry = self.entries.get(key)
        if (
            isinstance(entry, tuple)
            and len(entry) == 3
            and entry[:2] == (stat.st_mtime_ns, stat.st_size)
            and isinstance(entry[2], bytes)
        ):
            try:
                return marshal.loads(entry[2])
            except (ValueError, EOFError, TypeError):
                pass  # a damaged entry: parse again
        data = parse(file)
        snapshot = _snapshot(data) if time.time_ns() - stat.st_mtime_ns >= _SETTLED_NS else None
        if snapshot is not None:
            self.entries.pop(key, None)
            self.entries[key] = (stat.st_mtime_ns, stat.st_size, snapshot)
            self.changed = True
        return data

    def save(self) -> None:
        """Write the cache back if anything was added: the most recent files, at most ``LIMIT``
        of them and ``STORE_BYTES`` in all."""
        if not self.changed:
            return
        kept: dict[str, tuple[int, int, bytes]] = {}
        total = 0
        for key, entry in reversed(list(self.entries.items())[-LIMIT:]):
            if not (isinstance(entry, tuple) and len(entry) == 3 and isinstance(entry[2], bytes)):
                continue  # damaged: dropped
            total += len(entry[2])
            if total > STORE_BYTES:
                break
            kept[key] = entry
        write_cached(self.path, dict(reversed(kept.items())))
        self.changed = False


def _snapshot(data: Any) -> bytes | None:
    """``data`` as marshal bytes, or None when marshal cannot hold it or it is too large."""
    try:
        snapshot = marshal.dumps(data)
    except ValueError:
        return None
    return snapshot if len(snapshot) <= ENTRY_BYTES else None
