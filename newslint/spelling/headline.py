"""Spelling, headlines set in capitals: their words checked as words (PRESSUE, SPINNOFF).

Wire copy sets the headline in capitals, where case no longer tells an acronym from a word; the
spelling rule skips ALL-CAPS words everywhere else.  Here a capitalised word is read as a word
when it is long enough not to be a ticker or an acronym, no dictionary lists it, the web hardly
writes it, and the article's body never uses it (a name or a company in a headline is named in
the story too).  It is then a slip when the body writes a word one edit from it (its own
usage), when it is two words of the body run together, or when the noisy channel finds a common
word one edit away far likelier.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Set
from dataclasses import dataclass

import regex
from rapidfuzz.distance import OSA

from newslint.spelling.lexicon import Lexicon
from newslint.spelling.verdict import Verdicts

_CAPS_WORD = regex.compile(r"(?<![\w<'’.-])\p{Lu}{6,40}(?![\w>'’-])")
_CAPS_SHARE = 0.8  # a headline whose letters are at least this share capitals is set in capitals
_UNHEARD_OF_ZIPF = 1.0  # a capitalised word the web writes this often is a word or a name of its own
_CORRECTION_MIN_ZIPF = 3.0  # the channel's correction must be at least this common ...
_CHANNEL_GAP = 2.0  # ... and this much likelier than the word as written
_PART_MIN_LETTERS = 3  # each of two words run together is at least this long


@dataclass(frozen=True)
class HeadlineSlip:
    start: int
    end: int
    suggestion: str  # lowercase; the caller sets the case


def set_in_capitals(headline: str) -> bool:
    """Whether a headline is set in capitals (most of its letters are)."""
    letters = [ch for ch in headline if ch.isalpha()]
    return bool(letters) and sum(ch.isupper() for ch in letters) >= _CAPS_SHARE * len(letters)


def headline_slips(
    text: str,
    start: int,
    end: int,
    body_vocabulary: Set[str],
    verdicts: Verdicts,
    weigh: Callable[[str], bool] = lambda _word: True,
) -> Iterator[HeadlineSlip]:
    """The misspelled words of a headline set in capitals at ``text[start:end]``.

    ``body_vocabulary`` holds the lowercased words of the rest of the article; ``weigh`` is asked
    before each costly search (the caller's budget).
    """
    lex = verdicts.lexicon
    for m in _CAPS_WORD.finditer(text, start, end):
        lw = m.group().lower()
        if lw in body_vocabulary or not _unknown(lw, lex, verdicts) or not weigh(lw):
            continue
        suggestion = _used_nearby(lw, body_vocabulary) or _run_together(lw, body_vocabulary, lex)
        if not suggestion:
            suggestion = _channel(lw, verdicts)
        if suggestion:
            yield HeadlineSlip(m.start(), m.end(), suggestion)


def _unknown(lw: str, lex: Lexicon, verdicts: Verdicts) -> bool:
    return not (
        verdicts.fine(lw)
        or lw in lex.names
        or lw in lex.us_words
        or lex.freq(lw) >= _UNHEARD_OF_ZIPF
        or lw in verdicts.accept
    )


def _used_nearby(lw: str, body: Set[str]) -> str | None:
    """A word of the body one edit from the headline's word (SPINNOFF, the body's spinoff)."""
    near = [w for w in body if abs(len(w) - len(lw)) <= 1 and len(w) >= len(lw) - 1 and w.isalpha()]
    found = sorted(w for w in near if OSA.distance(w, lw, score_cutoff=1) <= 1)
    return found[0] if len(found) == 1 else None


def _run_together(lw: str, body: Set[str], lex: Lexicon) -> str | None:
    """Two dictionary words of the body written as one (RECEIPTSRISE: receipts rise)."""
    splits = [
        f"{lw[:i]} {lw[i:]}"
        for i in range(_PART_MIN_LETTERS, len(lw) - _PART_MIN_LETTERS + 1)
        if lw[:i] in body and lw[i:] in body and lw[:i] in lex.words and lw[i:] in lex.words
    ]
    return splits[0] if len(splits) == 1 else None


def _channel(lw: str, verdicts: Verdicts) -> str | None:
    """A common dictionary word one edit away, far likelier than the word (PRESSUE: pressure)."""
    verdict = verdicts.verdict(lw, 1)
    if verdict is None or verdict.shape or not verdict.ranked:
        return None
    top, edits, gap, _rank = verdict.ranked[0]
    lex = verdicts.lexicon
    if edits == 1 and top in lex.words and lex.freq(top) >= _CORRECTION_MIN_ZIPF and gap >= _CHANNEL_GAP:
        return top
    return None
