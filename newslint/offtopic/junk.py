"""Page furniture around a story: each line classified by the cue lists, and the trailing block found.

Article extractors keep what a page prints after the story: newsletter and app
promotions, share and comment prompts, "You may also like" link lists, tags,
copyright and affiliate notices, reporter contact lines, timestamps.  None of it
is another story, so topic overlap alone misses it; what gives it away is its
wording and its shape.  The wording is data (``boilerplate.json``, extended per
outlet through the rules' options); this module classifies one line at a time
and finds the trailing block, so each decision can be tested on a line.
Follow prompts (``soft_cues``) are furniture beside other furniture, but some
outlets end the story itself with one, so alone they are not a block.

Credits, sign-offs, corrections, notes and Q&A lines (``keep_cues``) belong to
the story and stop the block: a wire credit between the story and a newsletter
plug keeps the credit in and only the plug is junk.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import Enum
from functools import cache
from pathlib import Path

import regex

from newslint.core.compiled_patterns import compiled
from newslint.core.patterns import MATCH_TIMEOUT, PatternTimeout, compile_pattern
from newslint.offtopic.shapes import is_headline_like, is_prose

VOCABULARY = Path(__file__).resolve().parent / "boilerplate.json"
CUE_LISTS = ("list_cues", "junk_cues", "junk_marks", "soft_cues", "keep_cues")

JUNK_LINE_WORDS = 60  # page furniture is a line or two, never a long paragraph
LIST_CUE_WORDS = 12  # a list heading ("More Great Stories", "Related Tags:") is short
MARK_LINE_WORDS = 45  # an e-mail address or (c) in a longer paragraph is the story's own
SHORT_WORDS = 8  # a short line that is not a sentence: a link, a name, a label
GAP_WORDS = 60  # text inside a junk block (a bio, a comment) is short
GAP_CUE_WORDS = 3  # only a junk line with some words ("Follow me on ...") carries text after it
STORY_WORDS = 20  # a paragraph this long after a list heading may be the story going on
MIN_STORY_PARAGRAPHS = 2  # ... and two of them, half of what follows, are
MAX_GAP = 1  # paragraphs of text a junk block may hold between two of its junk lines
CUE_SCAN_CHARS = 200  # a cue opens its line: only the start is matched


class Line(Enum):
    """What one line of the page is."""

    LIST = "list"  # heads a list of links, tags or comments: the rest of the page is junk
    JUNK = "junk"  # furniture itself (a plug, a prompt, a notice, a contact line, a timestamp)
    SOFT = "soft"  # a follow prompt: furniture beside other furniture, a sign-off on its own
    KEEP = "keep"  # a credit, sign-off, correction, note or Q&A line: part of the story
    WEAK = "weak"  # a short label, link or separator: junk among junk, story among story
    TEXT = "text"  # running text


@cache
def vocabulary() -> Mapping[str, tuple[str, ...]]:
    """The shipped cue lists (``boilerplate.json``), the defaults of the rules' options."""
    data = json.loads(VOCABULARY.read_text(encoding="utf-8"))
    return {name: tuple(data[name]) for name in CUE_LISTS}


def _pattern(entries: Sequence[str], name: str, *, anchored: bool) -> regex.Pattern[str]:
    for i, entry in enumerate(entries):
        compile_pattern(entry, f"{name}[{i}]", ignorecase=True)  # name the bad entry
    if not entries:
        return compiled(r"(?!)")
    body = "|".join(f"(?:{e})" for e in entries)
    return compiled(r"^\s*[\W_]{0,3}?\s*(?:" + body + ")" if anchored else body, regex.IGNORECASE)


@dataclass(frozen=True)
class Cues:
    """The cue lists, compiled once per rule."""

    lists: regex.Pattern[str]
    junk: regex.Pattern[str]
    marks: regex.Pattern[str]
    soft: regex.Pattern[str]
    keep: regex.Pattern[str]

    @classmethod
    def of(cls, options: Mapping[str, Sequence[str]]) -> Cues:
        """Compile the lists named in ``CUE_LISTS`` (an invalid entry raises, naming it)."""
        return cls(
            _pattern(options["list_cues"], "list_cues", anchored=True),
            _pattern(options["junk_cues"], "junk_cues", anchored=True),
            _pattern(options["junk_marks"], "junk_marks", anchored=False),
            _pattern(options["soft_cues"], "soft_cues", anchored=True),
            _pattern(options["keep_cues"], "keep_cues", anchored=True),
        )

    def keeps(self, text: str) -> bool:
        """``text`` opens like a credit, sign-off or note line."""
        return self.classify(text) is Line.KEEP

    def classify(self, text: str) -> Line:
        """What ``text`` (one paragraph) is: cue lists tried in order keep, list, junk, marks, soft.

        A newsroom's own cue that runs past the time limit is reported as a pattern timeout, naming it.
        """
        try:
            return self._classify(text)
        except TimeoutError:
            raise PatternTimeout(f"cue lists on {text[:40]!r}") from None

    def _classify(self, text: str) -> Line:
        words = len(text.split())
        if words > JUNK_LINE_WORDS:
            return Line.TEXT
        opening = text[:CUE_SCAN_CHARS]
        if self.keep.match(opening, timeout=MATCH_TIMEOUT):
            return Line.KEEP
        if words <= LIST_CUE_WORDS and self.lists.match(opening, timeout=MATCH_TIMEOUT):
            return Line.LIST
        if self.junk.match(opening, timeout=MATCH_TIMEOUT):
            return Line.JUNK
        if words <= MARK_LINE_WORDS and self.marks.search(text, timeout=MATCH_TIMEOUT):
            return Line.JUNK
        if self.soft.match(opening, timeout=MATCH_TIMEOUT):
            return Line.SOFT
        if not any(c.isalnum() for c in text) or (words <= SHORT_WORDS and not is_prose(text)):
            return Line.WEAK
        if is_headline_like(text):
            return Line.WEAK
        return Line.TEXT


def trailing_block(paragraphs: Sequence[str], cues: Cues, *, window: int) -> int | None:
    """Index of the first paragraph of the trailing junk block, or None.

    Walks back from the end over at most ``window`` paragraphs.  The block starts at a list heading or
    a junk line; a list heading takes everything after it, short labels and links (weak lines) join
    the block around junk lines, and one short paragraph of text may sit between two junk lines (a
    bio between a follow prompt and a newsletter plug).  A credit or note line ends the walk: the
    story reaches down to it.
    """
    low = max(0, len(paragraphs) - window)
    kinds = [Line.TEXT] * low + [cues.classify(p) for p in paragraphs[low:]]  # only the window is read
    start: int | None = None
    gap = 0
    for i in range(len(paragraphs) - 1, low - 1, -1):
        kind = kinds[i]
        if kind is Line.KEEP:
            break
        if kind in (Line.JUNK, Line.LIST) or (kind is Line.SOFT and start is not None):
            if gap and not _carries_text(paragraphs[i], kind):
                break  # "Advertisement" above story text is an ad slot inside the story
            start, gap = i, 0  # a follow prompt joins furniture below it, never starts a block
        elif kind is Line.TEXT:
            gap += 1
            if gap > MAX_GAP or len(paragraphs[i].split()) > GAP_WORDS:
                break
    lists = [i for i in range(low, len(paragraphs)) if kinds[i] is Line.LIST]
    if lists and (start is None or lists[0] < start) and not _story_after(paragraphs, kinds, lists[0]):
        start = lists[0]
    return None if start is None else _extend_up(kinds, start, low)


def _carries_text(text: str, kind: Line) -> bool:
    """A list heading or a sentence-like junk line or follow prompt may have text after it in its block."""
    return kind is Line.LIST or len(text.split()) >= GAP_CUE_WORDS


def _story_after(paragraphs: Sequence[str], kinds: Sequence[Line], i: int) -> bool:
    """The text after a list heading is the story going on: a credit line, or paragraphs of text making
    half of what follows ("Read more: <link>" inside the story), where a list has links."""
    after = range(i + 1, len(paragraphs))
    if any(kinds[k] is Line.KEEP for k in after):
        return True
    text = [k for k in after if kinds[k] is Line.TEXT and len(paragraphs[k].split()) >= STORY_WORDS]
    rest = [k for k in after if kinds[k] is not Line.JUNK]  # furniture after the story is its own block
    return len(text) >= MIN_STORY_PARAGRAPHS and 2 * len(text) >= len(rest)


def _extend_up(kinds: Sequence[Line], i: int, low: int) -> int:
    """Furniture and follow prompts right above the block's first junk line belong to the block."""
    while i - 1 >= low and kinds[i - 1] in (Line.JUNK, Line.LIST, Line.SOFT):
        i -= 1
    return i


__all__ = ["CUE_LISTS", "Cues", "Line", "trailing_block", "vocabulary"]
