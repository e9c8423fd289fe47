"""Autofix: apply the findings' fixes to the files, safely.

Fixes are offsets into the decoded text, applied in memory from the file's
original bytes (non-overlapping ones per pass; the text is linted again and the
next pass picks up what overlapped), then encoded back with the same BOM; line
endings and the final newline are untouched because only the fixed spans change.
A file is written only when its text changed, through a temporary file in the
same folder that is fsynced and renamed over the original, and only if the file
on disk still holds the bytes that were read (else it is left alone and reported).
"""

from __future__ import annotations

import contextlib
import difflib
import os
import tempfile
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from newslint.document import BOM, DecodeError, Document
from newslint.findings import Finding, Fix

MAX_PASSES = 10

Lint = Callable[[Document], list[Finding]]


class ChangedOnDisk(OSError):
    """The file changed between reading and writing: it is not overwritten."""


@dataclass
class FixResult:
    path: str
    original: bytes
    fixed: bytes
    applied: int = 0
    remaining: list[Finding] = field(default_factory=list)
    error: str | None = None

    @property
    def changed(self) -> bool:
        return self.fixed != self.original


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


def fix_document(doc: Document, lint: Lint, unsafe: bool) -> tuple[str, int, list[Finding]]:
    """Fixed text, number of fixes applied, and the findings left in the fixed text."""
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
        doc = Document(doc.path, text, bom=doc.bom)
        findings = lint(doc)
    return doc.source, applied, findings


def encode(text: str, bom: bool) -> bytes:
    return ((BOM if bom else "") + text).encode("utf-8")


def fix_file(path: str, lint: Lint, unsafe: bool, display: str | None = None) -> FixResult:
    """Compute the fixed bytes of one file (nothing is written here)."""
    try:
        with open(path, "rb") as handle:
            data = handle.read()
    except OSError as exc:
        return FixResult(display or path, b"", b"", error=f"cannot fix: {exc}")
    return fix_data(display or path, data, lint, unsafe)


def fix_data(name: str, data: bytes, lint: Lint, unsafe: bool) -> FixResult:
    """Compute the fixed bytes of one text (a file's or standard input's)."""
    try:
        doc = Document.from_bytes(name, data)
    except DecodeError as exc:
        return FixResult(name, data, data, error=f"cannot fix: {exc}")
    text, applied, remaining = fix_document(doc, lint, unsafe)
    fixed = encode(text, doc.bom) if applied else data
    return FixResult(name, data, fixed, applied if fixed != data else 0, remaining)


def write_atomic(path: str, data: bytes, expected: bytes) -> None:
    """Replace ``path`` with ``data`` atomically, unless it no longer holds ``expected``.

    The temporary file lives in the same folder (so the rename is atomic), is
    fsynced before the rename, and keeps the original's permission bits; on any
    failure it is removed and the original is left as it was.
    """
    target = Path(path)
    before = os.stat(target)
    if target.read_bytes() != expected:
        raise ChangedOnDisk(f"{path} changed on disk while fixing; not overwritten")
    handle, temp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".newslint-tmp", dir=target.parent)
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.chmod(temp, before.st_mode & 0o7777)
        now = os.stat(target)
        if (now.st_mtime_ns, now.st_size) != (before.st_mtime_ns, before.st_size):
            raise ChangedOnDisk(f"{path} changed on disk while fixing; not overwritten")
        os.replace(temp, target)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temp)
        raise
    _fsync_folder(target.parent)


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


def fix_paths(paths: Iterable[str], lint: Lint, unsafe: bool, *, write: bool) -> list[FixResult]:
    """Fix each file (``write=False``: only compute, for ``--diff``); write failures become errors."""
    results = []
    for path in sorted(set(paths)):
        result = fix_file(path, lint, unsafe)
        if write and result.error is None and result.changed:
            try:
                write_atomic(path, result.fixed, result.original)
            except ChangedOnDisk as exc:
                result.error, result.applied = str(exc), 0
            except OSError as exc:
                result.error, result.applied = f"cannot write: {exc.strerror or exc}", 0
        results.append(result)
    return results
