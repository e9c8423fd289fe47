"""Opening the files newslint writes (``-o``, ``--write-baseline``, ``report -o``, ``index build
-o``, ``vocab learn -o``) so that writing one never damages anything or hangs.

* An output that is one of the files being linted is refused before anything is written: a
  typo such as ``-o story.txt`` must not replace the story with its findings.
* A FIFO nobody reads is refused at once instead of blocking the run forever (the file is
  opened without blocking; a pipe with a reader, such as ``-o >(gzip > f.gz)``, is written).
* Data files meant to be kept in a repository (a baseline, an accept list) are never written
  through a symbolic link: a cloned repository could ship ``baseline.json -> ~/.bashrc``.  Such a
  link is refused (name the real file instead); the other outputs follow links as a shell's
  ``>`` does, so ``-o /dev/stdout`` keeps working.
* Text is written as UTF-8 with any lone surrogate left in it replaced (the reporters have
  already shown them as visible escapes; this only keeps the write from failing).
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import BinaryIO

from newslint.core.errors import NewslintError

_FLAGS = os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_BINARY", 0)


def refuse_inputs(output: Path, inputs: Iterable[str], what: str = "output") -> None:
    """Raise if ``output`` is (the same file as) one of ``inputs`` (``-`` is standard input)."""
    try:
        out = os.stat(output)
    except OSError:
        return  # not there yet: it cannot be an input
    if not stat.S_ISREG(out.st_mode):
        return
    for name in inputs:
        if name == "-":
            continue
        try:
            info = os.stat(name)
        except OSError:
            continue
        if (info.st_dev, info.st_ino) == (out.st_dev, out.st_ino):
            raise NewslintError(
                f"the {what} would overwrite {name}, an input of this run: not written", str(output)
            )


@contextlib.contextmanager
def opened(path: Path, what: str = "output", follow_links: bool = True) -> Iterator[BinaryIO]:
    """``path`` opened for writing (created or truncated), or a NewslintError saying why not."""
    flags = _FLAGS | getattr(os, "O_NONBLOCK", 0)
    if not follow_links:
        flags |= getattr(os, "O_NOFOLLOW", 0)
        if os.path.islink(path):
            raise NewslintError(
                f"{what} file is a symbolic link: not written through (name the real file)", str(path)
            )
    try:
        fd = os.open(path, flags, 0o666)
    except OSError as exc:
        raise NewslintError(_why(exc, what), str(path)) from None
    try:
        if hasattr(os, "set_blocking"):
            os.set_blocking(fd, True)  # a pipe with a reader: write at its pace
        handle = os.fdopen(fd, "wb")
    except BaseException:
        os.close(fd)
        raise
    try:
        with handle:
            yield handle
    except OSError as exc:
        raise NewslintError(_why(exc, what), str(path)) from None


def write_text(path: Path, text: str, what: str = "output", follow_links: bool = True) -> None:
    """Write ``text`` (UTF-8) to ``path`` as :func:`opened` opens it."""
    with opened(path, what, follow_links) as out:
        out.write(text.encode("utf-8", "replace"))


def _why(exc: OSError, what: str) -> str:
    if exc.errno == errno.ENXIO:
        return f"cannot write {what}: a FIFO that nothing reads"
    if exc.errno == errno.ELOOP:
        return f"{what} file is a symbolic link: not written through (name the real file)"
    return f"cannot write {what}: {exc.strerror or exc}"


def discard_stdout() -> None:
    """Point standard output at the null device once writing to it has failed and been said: what
    is still buffered must not fail again at exit (a second message, or the interpreter's own
    flush failing: exit 120 instead of 2)."""
    with contextlib.suppress(OSError, ValueError, AttributeError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
