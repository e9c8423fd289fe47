"""Code in Markdown copy: fenced blocks and inline code spans, masked so no rule reads them.

A ``.md`` article may quote a command, a file name or a snippet in backticks; that is not
prose, so no rule (spelling, repeated words, dates, ...) should flag it.  Masking replaces
every character of the code with a space, keeping line breaks, so offsets, lines and columns
of everything else are unchanged.  Follows CommonMark closely enough for news copy: fences of
three or more backticks or tildes (indented up to three spaces) closed by a fence of the same
character at least as long, or by the end of the document; a code span opened by a run of N
backticks and closed by the next run of exactly N, within the same paragraph.  Indented code
blocks are not recognised (an indented paragraph of an article is prose).
"""

from __future__ import annotations

import re

MARKDOWN_SUFFIXES = (".md", ".markdown", ".mdown", ".mkd")

_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_TICKS = re.compile(r"(?<![`\\])`+(?!`)")
_BLANK_LINE = re.compile(r"\n[ \t]*\r?\n|\r[ \t]*\r")


def is_markdown(path: str) -> bool:
    return path.lower().endswith(MARKDOWN_SUFFIXES)


def _blank(text: str) -> str:
    return "".join(c if c in "\r\n" else " " for c in text)


def code_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of every fenced block (fences included) and inline code span (backticks
    included), in order."""
    if "`" not in text and "~~~" not in text:
        return []
    spans: list[tuple[int, int]] = []
    prose: list[tuple[int, int]] = []
    pos, open_at, fence = 0, -1, ""
    prose_start = 0
    for line in text.splitlines(keepends=True):
        m = _FENCE.match(line)
        if open_at < 0 and m and not (m.group(1)[0] == "`" and "`" in line[m.end() :]):
            open_at, fence = pos, m.group(1)
            prose.append((prose_start, pos))
        elif (
            open_at >= 0
            and m
            and m.group(1)[0] == fence[0]
            and len(m.group(1)) >= len(fence)
            and not line[m.end() :].strip()
        ):
            spans.append((open_at, pos + len(line.rstrip("\r\n"))))
            open_at, prose_start = -1, pos + len(line)
        pos += len(line)
    if open_at >= 0:
        spans.append((open_at, len(text)))
    else:
        prose.append((prose_start, len(text)))
    for start, end in prose:
        spans.extend(_inline(text, start, end))
    return sorted(spans)


def _inline(text: str, start: int, end: int) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    i = start
    while True:
        m = _TICKS.search(text, i, end)
        if m is None:
            return out
        size = len(m.group(0))
        j = m.end()
        close = None
        while True:
            n = _TICKS.search(text, j, end)
            if n is None:
                break
            if len(n.group(0)) == size:
                close = n
                break
            j = n.end()
        if close is not None and not _BLANK_LINE.search(text, m.end(), close.start()):
            out.append((m.start(), close.end()))
            i = close.end()
        else:
            i = m.end()


def mask_code(text: str) -> str:
    """``text`` with its code blanked out (same length, same line breaks)."""
    spans = code_spans(text)
    if not spans:
        return text
    parts, pos = [], 0
    for start, end in spans:
        parts.append(text[pos:start])
        parts.append(_blank(text[start:end]))
        pos = end
    parts.append(text[pos:])
    return "".join(parts)
