"""The parts of a news article, each recognised in one place: dateline, source line, list item.

:class:`newslint.core.document.Document` applies these to its paragraphs (``doc.dateline``,
``doc.source_line``, ``doc.datelines``, ``doc.list_items``); kinds that judge a paragraph
other than the lead (the off-topic tail looks for a second story's dateline) call the
same functions, so every rule agrees on what a dateline or a list entry is.
"""

from __future__ import annotations

from dataclasses import dataclass

from newslint.core.compiled_patterns import compiled

# "LONDON (Reuters) -", "WASHINGTON, March 3 (AP) —", "TOKYO, March 12 -", "PARIS, Jan 5 (AFP) --",
# "DAYTON, Ohio, March 20 -".  The date sits on one line (a date mention never crosses a break).
DATELINE = compiled(
    r"^(?P<place>\p{Lu}[\p{Lu}\p{M}.'’ -]{1,40}(?:,\s*\p{Lu}[\p{L}.]*(?:\s\p{Lu}[\p{L}.]*)?)?)"
    r"(?:,\s*(?P<date>\p{L}{3,9}\.?[^\S\r\n]+\d{1,2}))?"
    r"(?:\s*\((?P<agency>[\p{L} .-]{2,30})\))?"
    r"\s*(?P<dash>-{1,2}|–|—)\s"
)

# A short line under the headline naming the source: "Reuters", "BBC News", "cnn.com".
SOURCE_LINE = compiled(
    r"^(?:\p{Lu}[\p{L}&.'’-]*(?:\s+[\p{Lu}&][\p{L}&.'’-]*){0,3}|[\w.-]+\.(?:com|org|net|co\.uk|ca|uk|au|in))$"
)
SOURCE_LINE_MAX_CHARS = 40  # a source names an outlet: "Reuters", "BBC News", not a sentence

# A bulleted or numbered entry: "- ", "• ", "3. ", "(a) ", "b) ".
LIST_ITEM = compiled(r"^\s*(?:[-*•·▪–—]|\(?\d{1,3}[.)]|\(?[a-z][.)])\s+")
# Looser, for the end of an article: a bare number also counts ("12 Arsenal 30 pts"), as in
# rankings and results tables appended to a story.
LIST_ENTRY_LOOSE = compiled(r"^\s*(?:\d{1,3}[.)]?\s|[-•*–]\s|\(?[a-z\d][.)]\s)")


@dataclass(frozen=True)
class Dateline:
    """A story's opening "PLACE, Month Day (Agency) -": its parts as written, offsets into the text."""

    start: int
    end: int  # after the dash and the space that follows it
    text: str
    place: str
    date: str | None  # "March 3", "Sept. 13" (not parsed: the date rules do that)
    agency: str | None  # "Reuters", "AP"
    dash: str  # "-", "--", "–" or "—"
    date_start: int | None = None  # offset of ``date`` in the text, when there is one


@dataclass(frozen=True)
class SourceLine:
    """The line under the headline that names the outlet ("Reuters", "bbc.co.uk")."""

    start: int
    end: int
    text: str


def parse_dateline(text: str, offset: int = 0) -> Dateline | None:
    """The dateline ``text`` opens with, or None.  The place is written in capitals; a place
    with a state or country after it ("DAYTON, Ohio") needs a date or an agency as well.
    ``offset`` is where ``text`` starts in the document."""
    m = DATELINE.match(text)
    if m is None or not (m.group("agency") or m.group("date") or m.group("place").isupper()):
        return None
    date_start = offset + m.start("date") if m.group("date") else None
    return Dateline(
        offset,
        offset + m.end(),
        m.group(0),
        m.group("place").rstrip(" -"),
        m.group("date"),
        m.group("agency"),
        m.group("dash"),
        date_start,
    )


def is_dateline(text: str) -> bool:
    """``text`` opens with a dateline (place in capitals with a date or an agency)."""
    return parse_dateline(text) is not None


def is_source_line(text: str) -> bool:
    """A short line naming the source ("Reuters", "BBC News", "example.com")."""
    line = text.strip()
    return len(line) <= SOURCE_LINE_MAX_CHARS and bool(SOURCE_LINE.match(line))


def is_list_item(text: str) -> bool:
    """Starts like a bulleted or numbered entry ("- ", "3. ", "(a) ")."""
    return bool(LIST_ITEM.match(text))


def is_list_entry(text: str) -> bool:
    """Starts like an entry of an appended list or table, bare numbers included ("12 ")."""
    return bool(LIST_ENTRY_LOOSE.match(text))


__all__ = [
    "DATELINE",
    "LIST_ENTRY_LOOSE",
    "LIST_ITEM",
    "SOURCE_LINE",
    "Dateline",
    "SourceLine",
    "is_dateline",
    "is_list_entry",
    "is_list_item",
    "is_source_line",
    "parse_dateline",
]
