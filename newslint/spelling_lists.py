"""User and built-in word lists for the ``spelling`` kind: accept lists and reject lists.

A list file holds one entry a line; ``#`` starts a comment.  In an accept list an entry is a word
(matched regardless of case when written in lowercase, exactly otherwise) or, when it holds a
regex character, a regular expression the whole word must match.  In a reject list an entry is
``wrong -> right`` (or just ``wrong``): the word is always flagged, with ``right`` as suggestion.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import regex

from newslint.errors import NewslintError
from newslint.files import read_limited
from newslint.patterns import fullmatch_word

_REGEX_CHARS = frozenset("^$*+?[](){}|\\.")


class WordListError(NewslintError):
    """A word list file that cannot be read or holds a bad regex."""


@dataclass
class WordList:
    exact: set[str] = field(default_factory=set)
    folded: set[str] = field(default_factory=set)
    patterns: list[regex.Pattern[str]] = field(default_factory=list)

    def add(self, entry: str, path: str | None = None, line: int | None = None) -> None:
        if any(ch in _REGEX_CHARS for ch in entry):
            try:
                self.patterns.append(regex.compile(entry))
            except regex.error as exc:
                raise WordListError(f"bad regex {entry!r}: {exc}", path, line) from None
        elif entry.islower():
            self.folded.add(entry.replace("’", "'"))
        else:
            self.exact.add(entry.replace("’", "'"))

    def __contains__(self, word: str) -> bool:
        if word in self.exact or word.lower() in self.folded:
            return True
        return any(fullmatch_word(p, word) for p in self.patterns)


def _entries(path: Path) -> Iterable[tuple[int, str]]:
    try:
        text = read_limited(str(path)).decode("utf-8")  # a FIFO or /dev/zero must not hang the run
    except (OSError, UnicodeDecodeError) as exc:
        raise WordListError(f"cannot read word list: {exc}", str(path)) from None
    for number, line in enumerate(text.splitlines(), 1):
        entry = line.split("#", 1)[0].strip() if not line.lstrip().startswith("\\#") else line.strip()[1:]
        if entry:
            yield number, entry


def resolve(name: str, bases: Sequence[Path]) -> Path:
    """A list file named in options: absolute, or relative to the current folder or a base."""
    path = Path(name).expanduser()
    if path.is_absolute():
        return path
    for base in (Path.cwd(), *bases):
        if (base / path).is_file():
            return base / path
    raise WordListError(f"word list not found: {name}")


def load_accept(paths: Iterable[Path], words: Iterable[str] = ()) -> WordList:
    out = WordList()
    for word in words:
        out.add(word, "option accept")
    for path in paths:
        for number, entry in _entries(path):
            out.add(entry, str(path), number)
    return out


def load_reject(paths: Iterable[Path], pairs: dict[str, str] | None = None) -> dict[str, str]:
    """Lowercase wrong word -> suggestion ('' when none is given)."""
    out = {k.lower(): v for k, v in (pairs or {}).items()}
    for path in paths:
        for _, entry in _entries(path):
            wrong, _, right = entry.partition("->")
            out[wrong.strip().lower()] = right.strip()
    return out
