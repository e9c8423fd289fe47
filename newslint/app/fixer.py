"""Autofix: apply the findings' fixes to the files, safely.

Fixes are offsets into the decoded text, applied in memory from the file's
original bytes (non-overlapping ones per pass; the text is linted again and the
next pass picks up what overlapped), then encoded back with the same BOM; line
endings and the final newline are untouched because only the fixed spans change.
A file is written only when its text changed, through a temporary file in the
same folder that is fsynced and renamed over the original, and only if the file
on disk still holds the bytes that were read (else it is left alone and reported).

Links, modes and owners (``write_atomic``): a symbolic link is followed and its target
rewritten (the link stays a link); a file with several hard links, a read-only file
(no write bit in its mode, whoever runs newslint) and a file newslint could not give back to
its owner are not fixed, each with a message, because a rename would split the links,
override the read-only mark or change the owner.  The copy keeps the original's mode.

Concurrency and kills: the check that the file still holds what was read and the rename
happen under an exclusive lock on the file, so of two ``--fix`` runs on one file only the
first writes.  Each temporary file is locked by the process writing it; one left by a killed
run is unlocked, and the next ``--fix`` in that folder removes it (:func:`clean_stale_temps`).
"""

from __future__ import annotations

import contextlib
import difflib
import os
import re
import secrets
import stat
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from newslint.core.document import BOM, DecodeError, Document
from newslint.core.findings import Finding, Fix
from newslint.sources.files import DEFAULT_MAX_BYTES, read_limited

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows: no advisory locks; renames still atomic
    fcntl = None  # type: ignore[assignment]

MAX_PASSES = 10

Lint = Callable[[Document], list[Finding]]


#: what temporary files end with (``.NAME.PID-RANDOM.newslint-tmp``)
TEMP_SUFFIX = ".newslint-tmp"
#: a temporary file's whole name: the target's name, the writer's process id, 16 random hex
#: digits.  Only names of exactly this form are ever removed as stale (a user's own
#: ``.notes.newslint-tmp`` is not), and only beside their target.
_TEMP_NAME = re.compile(r"\.(?P<target>.+)\.(?P<pid>[0-9]{1,10})-[0-9a-f]{16}" + re.escape(TEMP_SUFFIX))


class ChangedOnDisk(OSError):
    """The file changed between reading and writing: it is not overwritten."""


class Refused(OSError):
    """The file is not fixed, on purpose (links, read-only, owner); the message says why."""


@dataclass
class FixResult:
    path: str
    original: bytes
    fixed: bytes
    applied: int = 0
    remaining: list[Finding] = field(default_factory=list)
    error: str | None = None
    changes: list[Change] = field(default_factory=list)  # each fix applied, for --show-fixes

    @property
    def changed(self) -> bool:
        return self.fixed != self.original


@dataclass(frozen=True)
class Change:
    """One fix as applied (``--show-fixes``): where, by which rule, the text before and after."""

    line: int  # in the text the fix was applied to (a later pass's text when fixes overlapped)
    rule: str
    before: str
    after: str


def wanted(f: Finding, unsafe: bool) -> Fix | None:
    """The fix of a finding if this run may apply it."""
    if f.fix is None or (not f.fix.safe and not unsafe):
        return None
    if f.fix.start == f.fix.end and not f.fix.replacement:
        return None
    return f.fix


def choose(fixes: Iterable[Fix]) -> list[Fix]:
    """Non-overlapping fixes, earliest first (an overlapping one waits for the next pass)."""
    chosen: list[Fix] = []
    end = -1
    for fix in sorted(set(fixes), key=lambda x: (x.start, x.end, x.replacement)):
        if fix.start >= end and (not chosen or fix.start > chosen[-1].start or fix.start != fix.end):
            chosen.append(fix)
            end = fix.end
    return chosen


def apply(text: str, fixes: Sequence[Fix]) -> str:
    """Apply sorted, non-overlapping fixes to ``text``."""
    parts: list[str] = []
    pos = 0
    for fix in fixes:
        parts.append(text[pos : fix.start])
        parts.append(fix.replacement)
        pos = fix.end
    parts.append(text[pos:])
    return "".join(parts)


def fix_document(
    doc: Document, lint: Lint, unsafe: bool, changes: list[Change] | None = None
) -> tuple[str, int, list[Finding]]:
    """Fixed text, number of fixes applied, and the findings left in the fixed text
    (each applied fix is appended to ``changes`` when given)."""
    findings = lint(doc)
    applied = 0
    for _ in range(MAX_PASSES):
        fixes = choose(fix for f in findings if (fix := wanted(f, unsafe)) is not None)
        if not fixes:
            break
        text = apply(doc.source, fixes)  # not doc.text: Markdown code is blanked out there
        if text == doc.source:
            break
        applied += sum(1 for fix in fixes if doc.text[fix.start : fix.end] != fix.replacement)
        if changes is not None:
            changes.extend(_changes(doc, findings, fixes))
        doc = Document(doc.path, text, bom=doc.bom)
        findings = lint(doc)
    return doc.source, applied, findings


def _changes(doc: Document, findings: Sequence[Finding], fixes: Sequence[Fix]) -> Iterator[Change]:
    by_fix = {f.fix: f for f in reversed(findings) if f.fix is not None}  # the first finding wins
    for fix in fixes:
        before = doc.source[fix.start : fix.end]
        if before != fix.replacement and fix in by_fix:
            yield Change(by_fix[fix].line, by_fix[fix].rule, before, fix.replacement)


def encode(text: str, bom: bool) -> bytes:
    return ((BOM if bom else "") + text).encode("utf-8")


def fix_file(
    path: str, lint: Lint, unsafe: bool, display: str | None = None, max_bytes: int = DEFAULT_MAX_BYTES
) -> FixResult:
    """Compute the fixed bytes of one file (nothing is written here)."""
    try:
        data = read_limited(path, max_bytes)
    except OSError as exc:
        return FixResult(display or path, b"", b"", error=f"cannot fix: {exc}")
    return fix_data(display or path, data, lint, unsafe)


def fix_data(name: str, data: bytes, lint: Lint, unsafe: bool) -> FixResult:
    """Compute the fixed bytes of one text (a file's or standard input's)."""
    try:
        doc = Document.from_bytes(name, data)
    except DecodeError as exc:
        return FixResult(name, data, data, error=f"cannot fix: {exc}")
    changes: list[Change] = []
    text, applied, remaining = fix_document(doc, lint, unsafe, changes)
    fixed = encode(text, doc.bom) if applied else data
    if fixed == data:
        return FixResult(name, data, fixed, 0, remaining)
    return FixResult(name, data, fixed, applied, remaining, changes=changes)


def write_atomic(path: str, data: bytes, expected: bytes) -> None:
    """Replace ``path`` (a link's target) with ``data`` atomically, unless it no longer holds ``expected``.

    The temporary file lives in the target's folder (so the rename is atomic), is locked while it
    exists, fsynced before the rename, and gets the original's mode (and owner, when newslint
    runs as another user that may set it); on any failure it is removed and the original is left
    as it was.  Raises :class:`Refused` for a file that should not be rewritten this way.
    """
    target = Path(os.path.realpath(path))
    before = os.stat(target)
    _refuse_unsafe(before)
    fd, temp = _create_temp(target)
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(data)
            out.flush()
            _set_mode(out.fileno(), temp, before)
            ids = _our_ids()
            if ids is not None and (before.st_uid, before.st_gid) != ids:
                _give_back(out.fileno(), temp, before)
            os.fsync(out.fileno())
            with _locked(target) as current:
                _check_unchanged(path, target, current, before, expected)
                os.replace(temp, target)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temp)
        raise
    _fsync_folder(target.parent)


def _refuse_unsafe(info: os.stat_result) -> None:
    if not stat.S_ISREG(info.st_mode):
        raise Refused("not a regular file: not fixed")
    if info.st_nlink > 1:
        raise Refused(
            f"has {info.st_nlink} hard links: not fixed (rewriting it would split them; fix one by hand)"
        )
    if not info.st_mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH):
        raise Refused("read-only: not fixed (make it writable to let --fix change it)")
    ids = _our_ids()
    if ids is not None and info.st_uid != ids[0] and ids[0] != 0:
        raise Refused("owned by another user: not fixed (the fixed copy would change its owner)")


def _our_ids() -> tuple[int, int] | None:
    """(effective uid, gid), or None where files have no POSIX owners (Windows)."""
    if not hasattr(os, "geteuid"):  # pragma: no cover - Windows
        return None
    return os.geteuid(), os.getegid()


def _set_mode(fd: int, temp: str, before: os.stat_result) -> None:
    if hasattr(os, "fchmod"):
        os.fchmod(fd, stat.S_IMODE(before.st_mode))
    else:  # pragma: no cover - Windows before Python 3.13
        os.chmod(temp, stat.S_IMODE(before.st_mode))


def _give_back(fd: int, temp: str, before: os.stat_result) -> None:
    """Give the copy the original's owner and group, or refuse rather than change them."""
    try:
        os.fchown(fd, before.st_uid, before.st_gid)
    except OSError:
        raise Refused("owned by another user or group: not fixed (the fixed copy would change it)") from None
    _set_mode(fd, temp, before)  # chown clears set-id bits


def _create_temp(target: Path) -> tuple[int, str]:
    """A new temporary file beside ``target``, locked at once (its lock says it is in use)."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
    while True:
        temp = str(target.parent / f".{target.name}.{os.getpid()}-{secrets.token_hex(8)}{TEMP_SUFFIX}")
        try:
            fd = os.open(temp, flags, 0o600)
        except FileExistsError:
            continue
        if fcntl is not None:
            fcntl.flock(fd, fcntl.LOCK_EX)
        return fd, temp


#: seconds to wait for another process's lock on a file (another --fix holds it for milliseconds)
LOCK_WAIT = 10.0


@contextlib.contextmanager
def _locked(target: Path) -> Iterator[int]:
    """An open descriptor of ``target`` under an exclusive lock (another --fix waits its turn).

    A lock held for longer than :data:`LOCK_WAIT` (some other program) is not waited out: the
    file is left alone, with a message, rather than the run hanging."""
    fd = os.open(target, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    try:
        if fcntl is not None:
            deadline = time.monotonic() + LOCK_WAIT
            while True:
                try:
                    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                    break
                except BlockingIOError:
                    if time.monotonic() > deadline:
                        raise Refused(
                            f"locked by another program for over {LOCK_WAIT:g} s: not fixed"
                        ) from None
                    time.sleep(0.02)
        yield fd
    finally:
        os.close(fd)


def _check_unchanged(path: str, target: Path, fd: int, before: os.stat_result, expected: bytes) -> None:
    """Compare-and-swap: the locked file is still the one at ``target`` and holds what was read."""
    now = os.fstat(fd)
    try:
        current = os.stat(target)
    except FileNotFoundError:
        raise ChangedOnDisk(f"{path} was removed while fixing; not written") from None
    same_file = (now.st_ino, now.st_dev) == (current.st_ino, current.st_dev) == (before.st_ino, before.st_dev)
    if not same_file or (now.st_mtime_ns, now.st_size) != (before.st_mtime_ns, before.st_size):
        raise ChangedOnDisk(f"{path} changed on disk while fixing; not overwritten")
    chunks = []
    while chunk := os.read(fd, 1 << 20):
        chunks.append(chunk)
    if b"".join(chunks) != expected:
        raise ChangedOnDisk(f"{path} changed on disk while fixing; not overwritten")


def clean_stale_temps(folders: Iterable[str], before: float) -> list[str]:
    """Remove temporary files a killed ``--fix`` left in ``folders``; return their paths.

    Only regular files whose whole name is one ``--fix`` gives (:data:`_TEMP_NAME`), beside the
    file they were named after, older than ``before`` (this run's start), whose writer process
    is gone and which are not locked (a killed process's locks are released) are removed.
    """
    removed = []
    for folder in sorted(set(folders)):
        try:
            entries = [e for e in os.scandir(folder) if _ours(folder, e.name)]
        except OSError:
            continue
        for entry in entries:
            with contextlib.suppress(OSError):
                if (
                    entry.is_file(follow_symlinks=False)
                    and entry.stat().st_mtime < before
                    and _unlocked(entry.path)
                ):
                    os.unlink(entry.path)
                    removed.append(entry.path)
    return removed


def _ours(folder: str, name: str) -> bool:
    """Whether ``name`` is a temporary file a ``--fix`` that is no longer running left."""
    m = _TEMP_NAME.fullmatch(name)
    if m is None or not os.path.lexists(os.path.join(folder, m["target"])):
        return False
    pid = int(m["pid"])
    if pid == os.getpid():
        return False
    if os.name == "nt":  # pragma: no cover - os.kill would end the process: the lock decides
        return True
    try:
        os.kill(pid, 0)  # signal 0: only asks whether the process exists
    except ProcessLookupError:
        return True
    except (OSError, OverflowError):  # alive under another user
        return False
    return False  # alive: still writing it


def _unlocked(path: str) -> bool:
    if fcntl is None:  # pragma: no cover - Windows: an open file cannot be removed anyway
        return True
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return False
    finally:
        os.close(fd)
    return True


def _fsync_folder(folder: Path) -> None:
    """Make the rename itself durable (best effort: not every platform can open a folder)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:  # pragma: no cover - e.g. Windows
        return
    try:
        os.fsync(fd)
    except OSError:  # pragma: no cover
        pass
    finally:
        os.close(fd)


def unified_diff(result: FixResult) -> str:
    """``--diff`` output for one file: a unified diff of the decoded text."""
    before = result.original.decode("utf-8").splitlines(keepends=True)
    after = result.fixed.decode("utf-8").splitlines(keepends=True)
    name = result.path.replace("\\", "/").removeprefix("./")
    out = []
    for line in difflib.unified_diff(before, after, f"a/{name}", f"b/{name}"):
        out.append(line if line.endswith(("\n", "\r")) else line + "\n\\ No newline at end of file\n")
    return "".join(out)


def fix_paths(
    paths: Iterable[str], lint: Lint, unsafe: bool, *, write: bool, max_bytes: int = DEFAULT_MAX_BYTES
) -> list[FixResult]:
    """Fix each file (``write=False``: only compute, for ``--diff``); write failures become errors."""
    results = []
    for path in sorted(set(paths)):  # a second link to a file fixed already finds nothing to fix
        result = fix_file(path, lint, unsafe, max_bytes=max_bytes)
        if write and result.error is None and result.changed:
            try:
                write_atomic(path, result.fixed, result.original)
            except ChangedOnDisk as exc:
                result.error, result.applied = str(exc), 0
            except Refused as exc:
                result.error, result.applied = str(exc), 0
            except OSError as exc:
                result.error, result.applied = f"cannot write: {exc.strerror or exc}", 0
        results.append(result)
    return results
