"""Finding the files to lint and reading them into Documents (or FileErrors).

Only regular files are ever opened for reading in full: a FIFO would block the run forever and a
link to ``/dev/zero`` would fill memory, so both are reported instead, and no file is read past
a size limit (``--max-file-size``).  Folder walking matches names case-insensitively
(``STORY.TXT`` is copy too), reports folders it cannot read, and skips the project files that
sit beside copy (README, LICENSE, ...), what git ignores (``.gitignore``, unless
``respect-gitignore`` is off) and the word lists the rules read, saying so with ``-v``.  A file
named on the command line is linted whatever the globs say, unless ``force-exclude`` is on (as in
ruff: pre-commit names every staged file, and the configuration's ``exclude`` must still hold).
"""

from __future__ import annotations

import errno
import fnmatch
import functools
import os
import re
import stat
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field

from newslint.core.document import DecodeError, Document
from newslint.core.errors import NewslintError
from newslint.core.findings import FileError
from newslint.sources.gitignore import GitIgnore

_SKIP_DIRS = frozenset({".git", ".hg", ".svn", "__pycache__", "node_modules", ".venv", "venv", ".tox"})

#: the include globs of a run without configuration: the pre-commit hook's pattern too
DEFAULT_INCLUDE = ("*.txt", "*.md", "*.markdown")
#: files beside copy that are not articles, by their conventional names (skipped when walking a
#: folder; a file named on the command line is always linted).  Whole names only: an article
#: called ``security-papers.txt`` or ``changes-at-the-top.txt`` is still an article.  Setting
#: ``exclude`` in a configuration replaces this list.
DEFAULT_EXCLUDE = (
    "README",
    "README.*",
    "LICENSE",
    "LICENSE.*",
    "LICENCE",
    "LICENCE.*",
    "COPYING",
    "COPYING.*",
    "CHANGELOG",
    "CHANGELOG.*",
    "CONTRIBUTING.*",
    "CODE_OF_CONDUCT.*",
    "requirements.txt",
    "robots.txt",
    "CMakeLists.txt",
)
#: bytes read from one file at most, by default: a wire story is under 100 kB, a novel about 1 MB;
#: linting a file takes about 100 times its size in memory and a second per MB
DEFAULT_MAX_BYTES = 10 * 1024 * 1024

_KINDS = (
    (stat.S_ISFIFO, "a FIFO"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
)


def kind_of(mode: int) -> str:
    """What a non-regular, non-folder file is, for messages."""
    return next((name for test, name in _KINDS if test(mode)), "not a regular file")


class UnreadableFile(OSError):
    """A file that is not read, with the reason as its message."""


@dataclass
class Discovery:
    """What a walk found: files to lint, files it skipped (and why), places it could not read."""

    files: list[str] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)
    errors: list[FileError] = field(default_factory=list)
    #: what the user should hear about even without ``-v``: a folder with nothing to lint, an empty file
    warnings: list[str] = field(default_factory=list)


@functools.lru_cache(maxsize=64)
def _compiled(patterns: tuple[str, ...]) -> tuple[tuple[str, re.Pattern[str]], ...]:
    return tuple((p, re.compile(fnmatch.translate(p.replace("\\", "/")), re.IGNORECASE)) for p in patterns)


def _matching(name: str, rel: str, patterns: Sequence[str]) -> str | None:
    """The first pattern matching the name or the relative path (case-insensitively), if any."""
    rel = rel.replace("\\", "/")
    for pattern, compiled in _compiled(tuple(patterns)):
        if compiled.match(name) or compiled.match(rel):
            return pattern
    return None


def discover(paths: Sequence[str], include: Sequence[str], exclude: Sequence[str]) -> list[str]:
    """The files to lint (see :func:`find_files`; its skips and errors are dropped here)."""
    return find_files(paths, include, exclude).files


def excluded_name(path: str, root: str | None, exclude: Sequence[str]) -> str | None:
    """The exclude pattern that matches a named file or one of its folders (``force-exclude``).

    The path is taken relative to the project root (the configuration's folder) when it lies
    inside it, as the globs of the configuration are written; else as given.
    """
    rel = path
    if root is not None:
        full, top = os.path.abspath(path), os.path.abspath(root)
        if os.path.commonpath([full, top]) == top:
            rel = os.path.relpath(full, top)
    parts = [p for p in rel.replace("\\", "/").split("/") if p not in ("", ".")]
    for end in range(1, len(parts) + 1):
        pattern = _matching(parts[end - 1], "/".join(parts[:end]), exclude)
        if pattern is not None:
            return pattern
    return None


def find_files(
    paths: Sequence[str],
    include: Sequence[str],
    exclude: Sequence[str],
    protected: Collection[str] = (),
    *,
    force_exclude: bool = False,
    root: str | None = None,
    respect_gitignore: bool = True,
) -> Discovery:
    """Files named directly are linted (with ``force_exclude``, unless an exclude glob matches
    them, relative to ``root``); folders are walked with include/exclude globs, skipping what
    git ignores when ``respect_gitignore``.

    ``protected`` holds the real paths of files the rules read (accept lists): never linted
    when met in a folder.  Paths are reported as reached from the argument given.
    """
    found = Discovery()
    for arg in paths:
        if arg == "-":
            found.files.append(arg)
            continue
        try:
            info = os.stat(arg)
        except OSError as exc:
            if os.path.lexists(arg):
                raise NewslintError("broken symbolic link", arg) from None
            if exc.errno == errno.ENAMETOOLONG:  # longer than the system can look up
                raise NewslintError("name too long", arg) from None
            raise NewslintError("no such file or folder", arg) from None
        mode = info.st_mode
        if stat.S_ISDIR(mode):
            before = len(found.files)
            ignore = GitIgnore.above(arg) if respect_gitignore else None
            _walk(arg, include, exclude, {os.path.realpath(p) for p in protected}, found, ignore)
            if len(found.files) == before:
                found.warnings.append(
                    f"no files to lint under {arg} (include: {', '.join(include)}; -v lists what was skipped)"
                )
        elif stat.S_ISREG(mode):
            pattern = excluded_name(arg, root, exclude) if force_exclude else None
            if pattern is not None:
                found.skipped.append((arg, f"excluded by {pattern!r} (--force-exclude)"))
                continue
            found.files.append(arg)
            if info.st_size == 0:
                found.warnings.append(f"{arg} is empty")
        else:
            found.errors.append(FileError(arg, f"{kind_of(mode)}, not a regular file: not read"))
    found.files = list(dict.fromkeys(found.files))
    return found


def _walk(
    root: str,
    include: Sequence[str],
    exclude: Sequence[str],
    protected: set[str],
    out: Discovery,
    ignore: GitIgnore | None = None,
) -> None:
    """Walk ``root`` (links to folders are not followed); ``os.scandir`` gives each entry's type
    without a ``stat`` call for ordinary files.  ``ignore``: git's rules in force at ``root``
    (None: .gitignore files are not read)."""
    files: list[str] = []
    pending: list[tuple[str, str, GitIgnore | None]] = [(root, "", ignore)]
    while pending:
        folder, rel_folder, rules = pending.pop()
        try:
            with os.scandir(folder) as listing:
                entries = sorted(listing, key=lambda e: e.name)
        except OSError as exc:
            out.errors.append(FileError(folder, f"cannot read folder: {exc.strerror or exc}"))
            continue
        if rules is not None:
            rules = rules.enter(folder)
        for entry in entries:
            rel = rel_folder + entry.name
            if entry.is_dir(follow_symlinks=False):
                reason = _folder_skip(entry.name, rel, exclude)
                if reason is None and rules is not None and rules.ignores(entry.path, is_dir=True):
                    reason = "ignored by git (.gitignore; --no-respect-gitignore reads it)"
                if reason is None:
                    pending.append((entry.path, rel + "/", rules))
                else:
                    out.skipped.append((entry.path, reason))
                continue
            reason = _skip_reason(entry, rel, include, exclude)
            if reason is None and rules is not None and rules.ignores(entry.path, is_dir=False):
                reason = "ignored by git (.gitignore; --no-respect-gitignore reads it)"
            if reason is None and protected and os.path.realpath(entry.path) in protected:
                reason = "a word list read by a rule"
            if reason is None:
                reason = _special(entry, out)
            if reason is None:
                files.append(entry.path)
            elif reason:
                out.skipped.append((entry.path, reason))
    out.files.extend(sorted(files))


def _folder_skip(name: str, rel: str, exclude: Sequence[str]) -> str | None:
    if name in _SKIP_DIRS:
        return "tool or version-control folder"
    pattern = _matching(name, rel, exclude)
    return None if pattern is None else f"excluded by {pattern!r}"


def _skip_reason(
    entry: os.DirEntry[str], rel: str, include: Sequence[str], exclude: Sequence[str]
) -> str | None:
    if _matching(entry.name, rel, include) is None:
        if entry.is_symlink() and os.path.isdir(entry.path):
            return "symbolic link to a folder (not followed)"
        return f"does not match include ({', '.join(include)})"
    pattern = _matching(entry.name, rel, exclude)
    if pattern is not None:
        return f"excluded by {pattern!r}"
    return None


def _special(entry: os.DirEntry[str], out: Discovery) -> str | None:
    """'' when the file is reported as an error, a reason when skipped, None when it is a file."""
    if entry.is_file(follow_symlinks=False):
        return None
    try:
        mode = os.stat(entry.path).st_mode  # a link: what it points to
    except OSError:
        return "broken symbolic link" if entry.is_symlink() else "vanished while walking"
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return "symbolic link to a folder (not followed)"
    out.errors.append(FileError(entry.path, f"{kind_of(mode)}, not a regular file: not read"))
    return ""


def read_limited(path: str, max_bytes: int = DEFAULT_MAX_BYTES) -> bytes:
    """The bytes of a regular file of at most ``max_bytes``; else :class:`UnreadableFile`.

    Opened without blocking (a FIFO swapped in after the walk must not hang the run) and
    checked on the open descriptor, so what is judged is what is read.
    """
    flags = (
        os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_BINARY", 0)
    )
    fd = os.open(path, flags)
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise UnreadableFile(f"{kind_of(info.st_mode)}, not a regular file: not read")
        if info.st_size > max_bytes:
            raise UnreadableFile(too_large(max_bytes))
        chunks = []
        left = max_bytes + 1
        while left > 0:
            chunk = os.read(fd, min(left, 1 << 20))
            if not chunk:
                break
            chunks.append(chunk)
            left -= len(chunk)
        data = b"".join(chunks)
    finally:
        os.close(fd)
    if len(data) > max_bytes:
        raise UnreadableFile(too_large(max_bytes))
    return data


def too_large(max_bytes: int) -> str:
    return f"larger than {max_bytes:,} bytes (--max-file-size): not read"


def read_document(
    path: str, data: bytes | None = None, encoding: str | None = None, max_bytes: int = DEFAULT_MAX_BYTES
) -> Document | FileError:
    """Read and parse one file; an unreadable or undecodable file becomes a FileError."""
    try:
        if data is None:
            data = read_limited(path, max_bytes)
        elif len(data) > max_bytes:
            return FileError(path, too_large(max_bytes))
        return Document.from_bytes(path, data, encoding)
    except DecodeError as exc:
        return FileError(path, str(exc))
    except UnreadableFile as exc:
        return FileError(path, str(exc))
    except OSError as exc:
        return FileError(path, f"cannot read: {exc.strerror or exc}")
