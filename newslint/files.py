"""Finding the files to lint and reading them into Documents (or FileErrors)."""

from __future__ import annotations

import fnmatch
import os
from collections.abc import Iterator, Sequence
from pathlib import Path

from newslint.document import DecodeError, Document
from newslint.errors import NewslintError
from newslint.findings import FileError

_SKIP_DIRS = frozenset({".git", ".hg", ".svn", "__pycache__", "node_modules", ".venv", "venv", ".tox"})


def _matches(name: str, rel: str, patterns: Sequence[str]) -> bool:
    return any(fnmatch.fnmatch(name, p) or fnmatch.fnmatch(rel, p) for p in patterns)


def discover(paths: Sequence[str], include: Sequence[str], exclude: Sequence[str]) -> list[str]:
    """Files named directly are always linted; folders are walked with include/exclude globs.

    Paths are reported as reached from the argument given (relative stays relative).
    """
    out: list[str] = []
    for arg in paths:
        if arg == "-":
            out.append(arg)
            continue
        path = Path(arg)
        if path.is_file():
            out.append(arg)
        elif path.is_dir():
            out.extend(_walk(arg, include, exclude))
        else:
            raise NewslintError("no such file or folder", arg)
    return list(dict.fromkeys(out))


def _walk(root: str, include: Sequence[str], exclude: Sequence[str]) -> Iterator[str]:
    found = []
    for folder, dirs, names in os.walk(root):
        rel_folder = os.path.relpath(folder, root)
        dirs[:] = [
            d for d in dirs if d not in _SKIP_DIRS and not _matches(d, os.path.join(rel_folder, d), exclude)
        ]
        for name in names:
            rel = os.path.normpath(os.path.join(rel_folder, name))
            if _matches(name, rel, include) and not _matches(name, rel, exclude):
                found.append(os.path.join(folder, name))
    yield from sorted(found)


def read_document(path: str, data: bytes | None = None, encoding: str | None = None) -> Document | FileError:
    """Read and parse one file; an unreadable or undecodable file becomes a FileError."""
    try:
        if data is None:
            with open(path, "rb") as handle:
                data = handle.read()
        return Document.from_bytes(path, data, encoding)
    except DecodeError as exc:
        return FileError(path, str(exc))
    except OSError as exc:
        return FileError(path, f"cannot read: {exc.strerror or exc}")
