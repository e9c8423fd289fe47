"""Spelling, plain text helpers: a word's stem, its neighbours, its occurrences, its slips.

Pure functions over strings that several parts of the ``spelling`` kind share (the forms, the
evidence and the kind itself); kept apart so those modules stay small and import no cycle.
"""

from __future__ import annotations

_WORD_INNER = ".'’-"  # besides letters, what a word before a name may hold (St. John's, Jean-Luc)


def stem(word: str) -> str:
    """The word with its apostrophes straightened and a possessive 's dropped (Kim’s -> Kim)."""
    return word.replace("’", "'").removesuffix("'s")


def initial_before(text: str, ws: int, floor: int) -> str:
    """The first letter of the word that ends one space before ``ws`` (not before ``floor``), or "".

    The word is the run of letters and ``.'’-`` ending there, from its first letter: what the
    pattern ``(\\p{L}[\\p{L}.'’-]*) $`` finds searched in ``text[floor:ws]``, without trying
    every start in the window (a hot path: once per capitalised unknown word).
    """
    end = ws - 1
    if end > floor and text[end] == "\n":
        end -= 1  # as the pattern's $, which also matches before a final line break
    if end < floor or text[end] != " ":
        return ""
    start = end
    while start > floor and (text[start - 1].isalpha() or text[start - 1] in _WORD_INNER):
        start -= 1
    for i in range(start, end):
        if text[i].isalpha():
            return text[i]
    return ""


def occurrences(text: str, word: str) -> int:
    """How often ``word`` occurs in ``text`` as a whole word (case as given)."""
    n = 0
    i = text.find(word)
    while i >= 0:
        j = i + len(word)
        if (i == 0 or not text[i - 1].isalpha()) and (j >= len(text) or not text[j].isalpha()):
            n += 1
        i = text.find(word, j)
    return n


def dropped_or_swapped(word: str, other: str) -> bool:
    """``other`` with one letter left out (Hollwood) or two neighbours swapped (Thaliand): the
    slips of a typist, where a one-letter difference between two real names is usually a change
    of letter or an added one (Levin, Lievin)."""
    if len(word) == len(other) - 1:
        return any(other[:i] + other[i + 1 :] == word for i in range(len(other)))
    return transposed(word, other)


def transposed(word: str, other: str) -> bool:
    """Whether two adjacent letters of ``other`` are swapped in ``word`` (and nothing else differs)."""
    if len(word) != len(other):
        return False
    diff = [i for i in range(len(word)) if word[i] != other[i]]
    return (
        len(diff) == 2
        and diff[1] == diff[0] + 1
        and word[diff[0]] == other[diff[1]]
        and (word[diff[1]] == other[diff[0]])
    )
