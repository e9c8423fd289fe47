"""Compiled regexes kept between runs, so a process does not parse its patterns again.

The ``regex`` package compiles a pattern in two steps: a parser written in Python (about a
millisecond a pattern, a tenth of a second for the built-in rules and modules: a quarter of a
one-file run) and a C call that builds the matcher from the parsed code.  ``regex`` pickles a
compiled pattern as that C call and its arguments (the reducer it registers with ``copyreg``),
so a pattern compiled once is stored as those arguments (``marshal`` data, like the other
caches) and rebuilt in later runs by the C call alone, in some 50 microseconds.

Entries are keyed by the pattern's text and flags, in a file named after the ``regex`` version
(another version parses afresh).  The C call trusts its arguments (damaged pattern code crashes
the interpreter or loops forever), so nothing reaches it that was not verified: the store file
carries a checksum of its bytes (:mod:`newslint.cache`; a damaged store is dropped whole and
rebuilt), an entry must have the layout ``regex`` itself produces, and a pattern rebuilt from
it must have the same text and flags, or it is compiled again.  Invalid patterns are never
stored (compiling them raises as before).

The store stays small whatever the rules hold: a pattern whose code is larger than
:data:`ENTRY_BYTES` (a rule with a huge token list) is compiled every run and never stored, and
the store keeps only the most recent patterns that fit in :data:`STORE_BYTES`.
:func:`save` writes the store back when a run added to it.
"""

from __future__ import annotations

import copyreg
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeGuard

import regex

from newslint.core.cache import cache_dir, encoded, read_cached, write_cached

#: bump when the stored layout changes
FORMAT = 1
#: patterns remembered (the built-in rules and modules hold about 150)
LIMIT = 2048
#: the largest pattern stored (bytes of marshalled code; the largest built-in one is about 6 kB)
ENTRY_BYTES = 256 * 1024
#: the store's size at most (the built-in patterns take about 40 kB)
STORE_BYTES = 8 * 1024 * 1024

Constructor = Callable[..., "regex.Pattern[str]"]


class PatternStore:
    """``compile(source, flags)`` is ``regex.compile(source, flags)``, rebuilt from the store when
    the pattern was compiled in an earlier run."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = path or default_path()
        stored = read_cached(self.path)
        self.entries: dict[str, tuple[Any, ...]] = stored if isinstance(stored, dict) else {}
        self.sizes: dict[str, int] = {}  # bytes of the entries added in this process
        self.live: dict[str, regex.Pattern[str]] = {}  # compiled or rebuilt in this process
        self.changed = False

    def compile(self, source: str, flags: int = 0) -> regex.Pattern[str]:
        key = f"{flags}:{source}"
        pattern = self.live.get(key)
        if pattern is None:
            pattern = self._rebuilt(key, source, flags) or self._compiled(key, source, flags)
            self.live[key] = pattern
        return pattern

    def _rebuilt(self, key: str, source: str, flags: int) -> regex.Pattern[str] | None:
        arguments = self.entries.get(key)
        if not _well_formed(arguments):
            return None
        try:
            pattern = _CONSTRUCTOR(*arguments)
        except Exception:  # an entry of another layout: compile afresh
            return None
        same = isinstance(pattern, regex.Pattern) and pattern.pattern == source
        return pattern if same and pattern.flags & flags == flags else None

    def _compiled(self, key: str, source: str, flags: int) -> regex.Pattern[str]:
        pattern = regex.compile(source, flags)  # raises on an invalid pattern: nothing is stored
        if flags & regex.LOCALE:  # a locale-dependent pattern is compiled for the run's locale
            return pattern
        arguments = _reduce(pattern)[1]
        size = len(encoded((key, arguments)) or b"")
        if 0 < size <= ENTRY_BYTES:
            self.entries.pop(key, None)
            self.entries[key] = arguments
            self.sizes[key] = size
            self.changed = True
        return pattern

    def save(self) -> None:
        """Write the store back if anything was added: the most recent patterns, at most
        ``LIMIT`` of them and ``STORE_BYTES`` in all."""
        if not self.changed:
            return
        kept: dict[str, tuple[Any, ...]] = {}
        total = 0
        for key, arguments in reversed(list(self.entries.items())[-LIMIT:]):
            size = self.sizes.get(key) or len(encoded((key, arguments)) or b"")
            if total + size > STORE_BYTES:
                break
            kept[key] = arguments
            total += size
        write_cached(self.path, dict(reversed(kept.items())))
        self.changed = False


def _well_formed(arguments: Any) -> TypeGuard[tuple[Any, ...]]:
    """Whether a stored entry has the layout of ``regex``'s own reducer (the types of a pattern
    compiled now: the text, the flags, the code, then the tables the C call reads)."""
    return (
        isinstance(arguments, tuple)
        and len(arguments) == len(_LAYOUT)
        and all(type(item) is kind for item, kind in zip(arguments, _LAYOUT, strict=True))
    )


def default_path() -> Path:
    """The store of this ``regex`` version (and default syntax version) in the cache folder."""
    version = f"{regex.__version__}-v{int(regex.DEFAULT_VERSION)}"
    return cache_dir() / f"patterns-{FORMAT}-{version}.marshal"


def _reduce(pattern: regex.Pattern[str]) -> tuple[Constructor, tuple[Any, ...]]:
    """(constructor, arguments): how ``regex`` pickles ``pattern`` (its ``copyreg`` reducer)."""
    reduced: Any = copyreg.dispatch_table[type(pattern)](pattern)
    return reduced[0], reduced[1]


#: the C call ``regex`` rebuilds a pickled pattern with, and the types of its arguments
_CONSTRUCTOR, _EMPTY = _reduce(regex.compile(""))
_LAYOUT = tuple(type(item) for item in _EMPTY)


_STORE: PatternStore | None = None
_STORE_PLACE: tuple[str | None, ...] = ()


def store() -> PatternStore:
    """The process's store, read on first use (and again if the cache folder was moved, as the
    test suite does once modules have compiled their patterns)."""
    global _STORE, _STORE_PLACE
    place = tuple(map(os.environ.get, ("NEWSLINT_CACHE_DIR", "XDG_CACHE_HOME", "HOME")))
    if _STORE is None or place != _STORE_PLACE:
        _STORE, _STORE_PLACE = PatternStore(), place
    return _STORE


def compiled(source: str, flags: int = 0) -> regex.Pattern[str]:
    """``regex.compile(source, flags)``, from the process's store when it is there.

    For the patterns a module or a rule fixes, compiled once a process; a pattern made from the
    text being checked would only push those out of the store."""
    return store().compile(source, flags)


def save() -> None:
    """Write the process's store back if this run compiled a pattern it did not hold."""
    if _STORE is not None:
        _STORE.save()
