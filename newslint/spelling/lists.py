"""User and built-in word lists for the ``spelling`` kind: accept lists and reject lists.

A list file holds one entry a line; ``#`` starts a comment.  In an accept list an entry is a word
(matched regardless of case when written in lowercase, exactly otherwise), a phrase of words
separated by spaces (each of its words is accepted only inside the phrase: "joie de vivre" accepts
vivre there, and nowhere else), or, when it holds a regex character, a regular expression the
whole word must match.  In a reject list an entry is
``wrong -> right`` (or just ``wrong``): the word is always flagged, with ``right`` as suggestion.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import regex

from newslint.core.errors import NewslintError
from newslint.core.patterns import fullmatch_word
from newslint.sources.files import read_limited

_REGEX_CHARS = frozenset("^$*+?[](){}|\\.")
_PHRASE_REACH = 80  # characters either side of a word searched for a phrase holding it


class WordListError(NewslintError):
    """A word list file that cannot be read or holds a bad regex."""


@dataclass
class WordList:
    exact: set[str] = field(default_factory=set)
    folded: set[str] = field(default_factory=set)
    patterns: list[regex.Pattern[str]] = field(default_factory=list)
    #: folded word -> the patterns of the phrases holding it (joie de vivre)
    phrases: dict[str, list[regex.Pattern[str]]] = field(default_factory=dict)

    def add(self, entry: str, path: str | None = None, line: int | None = None) -> None:
        if " " in entry and not any(ch in _REGEX_CHARS for ch in entry):
            words = _fold(entry.lower().replace("’", "'")).split()
            pattern = regex.compile(r"(?<![\w'])" + r"[\s-]+".join(map(regex.escape, words)) + r"(?![\w'])")
            for word in words:
                self.phrases.setdefault(word, []).append(pattern)
        elif any(ch in _REGEX_CHARS for ch in entry):
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

    def in_phrase(self, text: str, start: int, end: int) -> bool:
        """Whether the word at ``text[start:end]`` stands inside a listed phrase that holds it."""
        patterns = self.phrases.get(_fold(text[start:end].lower().replace("’", "'")))
        if not patterns:
            return False
        lo = max(0, start - _PHRASE_REACH)
        window = _fold(text[lo : end + _PHRASE_REACH].lower().replace("’", "'"))
        return any(
            m.start() <= start - lo and end - lo <= m.end() for p in patterns for m in p.finditer(window)
        )


def _fold(text: str) -> str:
    """``text`` with accents dropped letter by letter, so offsets stay (être -> etre)."""
    if text.isascii():
        return text
    return "".join(unicodedata.normalize("NFKD", ch)[:1] or ch for ch in text)


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
