"""Where newslint keeps data derived from installed files between runs, and how it is stored.

Everything cached is derived from files on this machine (the word lists of installed packages,
the rule files), never from the text being checked, so a cached run reports exactly what an
uncached one does.  Entries are ``marshal`` data, written atomically; a missing, stale or
unwritable cache only costs the work it would have saved.

What is read back is verified before ``marshal`` (or anything after it, such as the C call that
rebuilds a compiled pattern) sees a byte of it.  A cache file is a header, a digest of the
payload and the payload:

* ``checked`` files (the user cache folder, which only this user writes) carry a CRC-32: a
  flipped byte, a truncated or a random file is caught, in 2 ms for the 10 MB lexicon;
* ``keyed`` files (the result cache, which sits in the project and so can come with a cloned
  repository) carry a BLAKE2b digest keyed with a secret kept in the user cache folder: a file
  this user's newslint did not write is never decoded at all.

Only regular files are read, opened without following a symbolic link and without blocking (a
FIFO planted as a cache file must not hang the run), and none larger than :data:`MAX_BYTES`.
"""

from __future__ import annotations

import contextlib
import marshal
import mmap
import os
import stat
import zlib
from pathlib import Path
from typing import Any


def cache_dir() -> Path:
    """``$NEWSLINT_CACHE_DIR``, else ``$XDG_CACHE_HOME/newslint``, else ``~/.cache/newslint``."""
    env = os.environ.get("NEWSLINT_CACHE_DIR")
    if env:
        return Path(env)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "newslint"


#: what :func:`read_cached` returns when there is no usable entry
MISSING: Any = object()

#: a cache file larger than this is not read (the lexicon, the largest, is about 10 MB)
MAX_BYTES = 256 * 1024 * 1024
_MAGIC = b"NLCACHE2"
_CHECKED, _KEYED = b"c", b"k"
_DIGEST = 16
_HEADER = len(_MAGIC) + 1 + _DIGEST
_KEY_NAME = "key"
_KEY_BYTES = 32
#: opening a cache file: never through a link, never waiting on a FIFO or a terminal
_READ_FLAGS = (
    os.O_RDONLY
    | getattr(os, "O_NOFOLLOW", 0)
    | getattr(os, "O_NONBLOCK", 0)
    | getattr(os, "O_NOCTTY", 0)
    | getattr(os, "O_CLOEXEC", 0)
    | getattr(os, "O_BINARY", 0)
)


def _digest(payload: bytes | memoryview, keyed: bool) -> bytes | None:
    """The payload's digest, or None when a keyed one is wanted and there is no key."""
    if not keyed:
        return zlib.crc32(payload).to_bytes(4, "big").ljust(_DIGEST, b"\0")
    key = secret()
    if key is None:
        return None
    import hashlib  # only the result cache is keyed

    return hashlib.blake2b(payload, digest_size=_DIGEST, key=key).digest()


def regular_fd(path: Path | str) -> int:
    """An open descriptor of ``path`` if it is a regular file (no link followed, no blocking);
    raises OSError otherwise."""
    fd = os.open(path, _READ_FLAGS)
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise OSError(f"{path}: not a regular file")
    except BaseException:
        os.close(fd)
        raise
    return fd


def read_cached(path: Path, keyed: bool = False) -> Any:
    """The data stored at ``path``, or :data:`MISSING` when there is none, or it is not a
    regular file, not written by :func:`write_cached` with the same ``keyed``, or damaged.

    The file is mapped, not read: ``marshal`` copies what it decodes straight out of the page
    cache, which halves the time of loading the lexicon (10 MB) against reading it first."""
    try:
        fd = regular_fd(path)
    except OSError:
        return MISSING
    try:
        size = os.fstat(fd).st_size
        if not _HEADER < size <= MAX_BYTES:
            return MISSING
        with mmap.mmap(fd, 0, access=mmap.ACCESS_READ) as mapped, memoryview(mapped) as view:
            header = bytes(view[:_HEADER])
            method = _KEYED if keyed else _CHECKED
            if header[: len(_MAGIC)] != _MAGIC or header[len(_MAGIC) : len(_MAGIC) + 1] != method:
                return MISSING
            with view[_HEADER:] as payload:
                if _digest(payload, keyed) != header[len(_MAGIC) + 1 :]:
                    return MISSING
                return marshal.loads(payload)
    except (OSError, ValueError, EOFError, TypeError):  # ValueError: also an empty file
        return MISSING
    finally:
        os.close(fd)


def fits(data: Any, shape: tuple[type, ...] | None) -> bool:
    """Whether cached ``data`` is a tuple of these types (None: any data fits).

    A cache file of the right format but another shape (written by another version, or
    damaged) must be rebuilt, not break every run until someone deletes it.
    """
    if shape is None:
        return True
    return (
        isinstance(data, tuple)
        and len(data) == len(shape)
        and all(isinstance(item, kind) for item, kind in zip(data, shape, strict=True))
    )


def encoded(data: Any) -> bytes | None:
    """``data`` as the payload of a cache file, or None when marshal cannot hold it."""
    try:
        return marshal.dumps(data)
    except ValueError:
        return None


def write_cached(path: Path, data: Any, keyed: bool = False, payload: bytes | None = None) -> bool:
    """Store ``data`` (or its already ``encoded`` ``payload``) at ``path`` atomically: readers
    see the old entry or the new one, never half of one.  A read-only or full disk is not an
    error; the return says whether it was written.

    The new file is created beside ``path`` under a fresh name and renamed over it, so a link
    or a FIFO at ``path`` is replaced, never written through."""
    import tempfile  # writing is rare: most runs only read

    if payload is None:
        payload = encoded(data)
    digest = None if payload is None else _digest(payload, keyed)
    if payload is None or digest is None:
        return False
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=path.parent, delete=False, prefix=".", suffix=".tmp") as tmp:
            tmp.write(_MAGIC + (_KEYED if keyed else _CHECKED) + digest)
            tmp.write(payload)
    except (OSError, ValueError):
        return False
    try:
        os.replace(tmp.name, path)
    except OSError:
        with contextlib.suppress(OSError):
            os.unlink(tmp.name)
        return False
    return True


_SECRETS: dict[Path, bytes] = {}


def secret() -> bytes | None:
    """This user's key for :func:`write_cached` ``keyed`` files, made on first use in the user
    cache folder (readable by this user only); None when it can be neither read nor made."""
    path = cache_dir() / _KEY_NAME
    known = _SECRETS.get(path)
    if known is not None:
        return known
    key = _read_key(path)
    if key is None:
        key = _make_key(path)
    if key is not None:
        _SECRETS[path] = key
    return key


def _read_key(path: Path) -> bytes | None:
    try:
        fd = regular_fd(path)
    except OSError:
        return None
    try:
        key = os.read(fd, _KEY_BYTES + 1)
    except OSError:
        return None
    finally:
        os.close(fd)
    return key if len(key) == _KEY_BYTES else None


def _make_key(path: Path) -> bytes | None:
    """A new key, written under a temporary name and linked into place: of two runs making one
    at once, the second uses the first's (a link never replaces an existing file)."""
    import secrets
    import tempfile

    key = secrets.token_bytes(_KEY_BYTES)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=path.parent, delete=False, prefix=".", suffix=".tmp") as tmp:
            tmp.write(key)
    except OSError:
        return None
    try:
        os.link(tmp.name, path)
    except FileExistsError:  # another run's key, or something unusable (then replaced)
        existing = _read_key(path)
        if existing is not None:
            key = existing
        else:
            with contextlib.suppress(OSError):
                os.replace(tmp.name, path)
    except OSError:  # a file system without hard links: a plain rename (a race only costs entries)
        with contextlib.suppress(OSError):
            os.replace(tmp.name, path)
    finally:
        with contextlib.suppress(OSError):
            os.unlink(tmp.name)
    return key
