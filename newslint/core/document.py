"""The document model: a news article's text with its structure and offsets.

Every rule reads a :class:`Document`; none reads files.  Structure (headline,
source line, paragraphs, dateline, lead, tail) is found once here so that all
rules agree on it, and every position is a character offset into ``text`` that
:meth:`Document.position` turns into a 1-based line and column in one place.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING, Any, TypeVar

from newslint.core.compiled_patterns import compiled
from newslint.core.markdown_code import is_markdown, mask_code
from newslint.core.structure import (
    SOURCE_LINE_MAX_CHARS,
    Dateline,
    SourceLine,
    is_list_item,
    is_source_line,
    parse_dateline,
)
from newslint.core.tokens import (
    QUICK_WORD,
    Quote,
    Sentence,
    Word,
    find_quotes,
    split_sentences,
    tokenize_words,
)

if TYPE_CHECKING:
    from newslint.core.patterns import SharedAllowance

BOM = "\ufeff"
T = TypeVar("T")


class RegionSet:
    """Membership test for spans in a list of regions (a rule's scope)."""

    def __init__(self, regions: Sequence[tuple[int, int]]) -> None:
        self.regions = sorted(regions)
        self.starts = [r[0] for r in self.regions]

    def __call__(self, start: int, end: int) -> bool:
        i = bisect.bisect_right(self.starts, start) - 1
        return i >= 0 and self.regions[i][0] <= start and end <= self.regions[i][1]


def whole_word_spans(text: str, word: str) -> Iterator[tuple[int, int]]:
    """Spans of ``word`` in ``text`` where it stands as a whole word (str.find, no regex)."""
    i = text.find(word)
    while i >= 0:
        j = i + len(word)
        if (i == 0 or not text[i - 1].isalnum()) and (j >= len(text) or not text[j].isalnum()):
            yield i, j
        i = text.find(word, j)


class DecodeError(ValueError):
    """The bytes are not text newslint can read (binary or not UTF-8, or not an article)."""


#: lines an article may have: each becomes objects (a line, a paragraph, its words), so ten
#: megabytes of "a" and blank lines (6.6 million lines) took 3 GB; a 10 MB file of real copy has
#: a few hundred thousand lines at most
MAX_LINES = 400_000


def too_many_lines(text: str) -> str | None:
    """Why ``text`` is not linted as one article (too many lines), or None (counted in C)."""
    lines = max(text.count("\n"), text.count("\r"))
    if lines > MAX_LINES:
        return f"has {lines:,} lines, more than an article's {MAX_LINES:,}: not linted"
    return None


def check_lines(text: str) -> None:
    """:class:`DecodeError` when ``text`` has more lines than an article may."""
    reason = too_many_lines(text)
    if reason is not None:
        raise DecodeError(reason)


@dataclass(frozen=True)
class Line:
    """One physical line, without its line ending."""

    number: int  # 1-based
    start: int
    end: int
    text: str

    @property
    def is_blank(self) -> bool:
        return not self.text.strip()


@dataclass(frozen=True)
class Paragraph:
    """A run of text the article treats as one paragraph (one or more lines)."""

    index: int  # 0-based among all paragraphs, headline included
    start: int
    end: int
    first_line: int
    last_line: int
    text: str


_WRAP_MAX = 100  # a hard-wrapped block has no line longer than this
_WRAP_MIN = 40  # ...and no line but the last shorter than this (short lines are one-line paragraphs)
_WRAP_SPREAD = 35  # ...and its lines but the last differ in length by at most this (an editor's wrap)


def decode(data: bytes, encoding: str | None = None) -> tuple[str, bool]:
    """Decode file bytes as UTF-8 (BOM allowed), or in the configured ``encoding``; reject
    binary data.  A byte the encoding cannot decode is reported with its line."""
    name = encoding or "utf-8"
    # UTF-16 and UTF-32 write ASCII with NUL bytes: for them a NUL character, not byte, is binary
    wide = encoding is not None and _is_wide(encoding)
    if not wide and b"\x00" in data[:8192]:
        raise DecodeError("binary file (contains NUL bytes)")
    try:
        text = data.decode(name)
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        what = "UTF-8" if encoding is None else name
        hint = "" if encoding is not None else "; set `encoding` (e.g. latin-1) for other copy"
        raise DecodeError(
            f"not {what} text (invalid byte 0x{data[exc.start]:02x} at line {line}{hint})"
        ) from exc
    except UnicodeError as exc:  # a codec that fails without naming a byte (e.g. 'idna')
        raise DecodeError(f"cannot be decoded as {name} ({str(exc).splitlines()[0][:120]})") from None
    if wide and "\x00" in text[:8192]:
        raise DecodeError("binary file (contains NUL characters)")
    bom = text.startswith(BOM)
    return (text[1:] if bom else text), bom


def _is_wide(encoding: str) -> bool:
    """Whether ``encoding`` is UTF-16 or UTF-32 (of either byte order)."""
    import codecs

    try:
        return codecs.lookup(encoding).name.startswith(("utf-16", "utf-32"))
    except LookupError:
        return False


def _detect_newline(text: str) -> str:
    crlf = text.count("\r\n")
    lf = text.count("\n") - crlf
    cr = text.count("\r") - crlf
    if crlf >= lf and crlf >= cr and crlf:
        return "\r\n"
    if cr > lf:
        return "\r"
    return "\n"


_LINE_BREAK = compiled(r"\r\n|\r|\n")


def _split_lines(text: str) -> list[Line]:
    if "\r" not in text:  # the common case: str.split, no regex
        pieces = text.split("\n")
        if len(pieces) > 1 and not pieces[-1]:
            pieces.pop()  # a final line break ends the last line; it does not start another
        out: list[Line] = []
        pos = 0
        for number, piece in enumerate(pieces, 1):
            end = pos + len(piece)
            out.append(Line(number, pos, end, piece))
            pos = end + 1
        return out
    lines: list[Line] = []
    pos = 0
    number = 1
    for m in _LINE_BREAK.finditer(text):
        lines.append(Line(number, pos, m.start(), text[pos : m.start()]))
        pos = m.end()
        number += 1
    if pos < len(text) or not lines:
        lines.append(Line(number, pos, len(text), text[pos:]))
    return lines


def _looks_hard_wrapped(block: Sequence[Line]) -> bool:
    """A block whose lines are all of similar, moderate length was wrapped by an editor."""
    if len(block) < 2:
        return False
    lengths = [len(line.text.rstrip()) for line in block]
    body = lengths[:-1]
    return max(lengths) <= _WRAP_MAX and min(body) >= _WRAP_MIN and (max(body) - min(body)) <= _WRAP_SPREAD


class Document:
    """An immutable parsed article.  Expensive views are computed on first use."""

    def __init__(self, path: str, text: str, *, bom: bool = False) -> None:
        self.path = path
        #: the text as read; ``text`` is what rules see: in Markdown, code blanked out (same
        #: offsets), so that no rule flags a command or a snippet.  Fixes apply to ``source``.
        self.source = text
        if is_markdown(path):
            text = mask_code(text)
        self.text = text
        self.bom = bom
        self.newline = _detect_newline(text)
        self.final_newline = text.endswith(("\n", "\r"))
        self.lines: tuple[Line, ...] = tuple(_split_lines(text))
        self.line_starts: tuple[int, ...] = tuple(line.start for line in self.lines)
        self.paragraphs: tuple[Paragraph, ...] = tuple(self._find_paragraphs())
        self.headline: Paragraph | None = self.paragraphs[0] if self.paragraphs else None
        self.source_line: SourceLine | None = self._find_source_line()
        first_body = 1 + (self.source_line is not None)
        self.body: tuple[Paragraph, ...] = self.paragraphs[first_body:]
        self.lead: Paragraph | None = self.body[0] if self.body else None
        self.dateline: Dateline | None = self._find_dateline()
        self._memo: dict[Any, Any] = {}

    @classmethod
    def from_bytes(cls, path: str, data: bytes, encoding: str | None = None) -> Document:
        text, bom = decode(data, encoding)
        check_lines(text)
        return cls(path, text, bom=bom)

    # ------------------------------------------------------------ structure

    def _find_paragraphs(self) -> list[Paragraph]:
        blocks: list[list[Line]] = []
        current: list[Line] = []
        for line in self.lines:
            if line.is_blank:
                if current:
                    blocks.append(current)
                    current = []
            else:
                current.append(line)
        if current:
            blocks.append(current)
        paragraphs: list[Paragraph] = []
        for block in blocks:
            # The headline is always its own paragraph, even when the body follows without a blank line.
            groups = [block] if _looks_hard_wrapped(block) and paragraphs else [[line] for line in block]
            for group in groups:
                start, end = group[0].start, group[-1].end
                paragraphs.append(
                    Paragraph(
                        len(paragraphs), start, end, group[0].number, group[-1].number, self.text[start:end]
                    )
                )
        return paragraphs

    def _find_source_line(self) -> SourceLine | None:
        """The second paragraph when it names the outlet and a body follows."""
        if len(self.paragraphs) < 3:
            return None
        candidate = self.paragraphs[1]
        if len(candidate.text) <= SOURCE_LINE_MAX_CHARS and is_source_line(candidate.text):
            return SourceLine(candidate.start, candidate.end, candidate.text)
        return None

    def _find_dateline(self) -> Dateline | None:
        return None if self.lead is None else parse_dateline(self.lead.text, self.lead.start)

    @property
    def tail(self) -> tuple[Paragraph, ...]:
        """The last body paragraphs (up to three), where appended material sits."""
        return self.body[-3:]

    @cached_property
    def datelines(self) -> tuple[Dateline, ...]:
        """Every paragraph after the headline that opens with a dateline (the lead's, and those of
        stories run together in one file)."""
        found = (parse_dateline(p.text, p.start) for p in self.paragraphs[1:])
        return tuple(d for d in found if d is not None)

    @cached_property
    def list_items(self) -> tuple[Paragraph, ...]:
        """Body paragraphs written as bulleted or numbered entries."""
        return tuple(p for p in self.body if is_list_item(p.text))

    @cached_property
    def pattern_allowance(self) -> SharedAllowance:
        """The time the rules' user patterns may lose to running out, over all rules together."""
        from newslint.core.patterns import SharedAllowance  # patterns imports the option machinery

        return SharedAllowance(len(self.text))

    # ------------------------------------------------------------ tokens

    @cached_property
    def words(self) -> tuple[Word, ...]:
        return tuple(tokenize_words(self.text))

    @cached_property
    def lowered_words(self) -> list[str]:
        """``words`` lowercased, aligned with ``words`` (for case-blind word lookups); a word
        repeated shares one lowercased string (a million "the" are one object, not a million)."""
        seen: dict[str, str] = {}
        out: list[str] = []
        for w in self.words:
            low = seen.get(w.text)
            if low is None:
                low = seen[w.text] = w.text.lower()
            out.append(low)
        return out

    @cached_property
    def lowered_text(self) -> str:
        """``text`` lowercased, offsets kept (letters whose lowercase is longer are left as they are)."""
        lowered = self.text.lower()
        if len(lowered) == len(self.text):
            return lowered
        return "".join(c if len(c.lower()) != 1 else c.lower() for c in self.text)

    @cached_property
    def lowered_tokens(self) -> list[str]:
        """The lowercased words without offsets (cheap: no objects built), for rules to decide
        quickly whether a document needs a closer look; not aligned with ``words`` in rare
        cases where lowercasing changes a letter's length."""
        return QUICK_WORD.findall(self.lowered_text)

    @cached_property
    def lowered_vocabulary(self) -> frozenset[str]:
        """The distinct lowercased words: one set test tells a rule whether to look at all."""
        return frozenset(self.lowered_tokens)

    @cached_property
    def sentences(self) -> tuple[Sentence, ...]:
        out: list[Sentence] = []
        for para in self.paragraphs:
            out.extend(split_sentences(self.text, para.start, para.end))
        return tuple(out)

    @cached_property
    def quotes(self) -> tuple[Quote, ...]:
        out: list[Quote] = []
        for para in self.paragraphs:
            out.extend(find_quotes(self.text, para.start, para.end))
        return tuple(out)

    def memo(self, key: Any, compute: Callable[[], T]) -> T:
        """Derived data several rules need (date mentions, ...), computed once per document."""
        if key not in self._memo:
            self._memo[key] = compute()
        value: T = self._memo[key]
        return value

    # ------------------------------------------------------------ scopes and positions

    def regions(self, scope: str) -> list[tuple[int, int]]:
        """Character ranges a rule with this scope looks at."""
        if scope == "text":
            return [(0, len(self.text))]
        if scope == "headline":
            return [(self.headline.start, self.headline.end)] if self.headline else []
        if scope == "lead":
            return [(self.lead.start, self.lead.end)] if self.lead else []
        if scope == "dateline":
            return [(self.dateline.start, self.dateline.end)] if self.dateline else []
        if scope == "body":
            return [(p.start, p.end) for p in self.body]
        if scope == "paragraph":
            return [(p.start, p.end) for p in self.paragraphs]
        if scope == "tail":
            return [(p.start, p.end) for p in self.tail]
        if scope == "sentence":
            return [(s.start, s.end) for s in self.sentences]
        if scope == "line":
            return [(line.start, line.end) for line in self.lines if not line.is_blank]
        if scope == "quote":
            return [(q.start, q.end) for q in self.quotes]
        raise ValueError(f"unknown scope {scope!r}")

    def line_of(self, offset: int) -> int:
        """1-based line number holding ``offset``."""
        return bisect.bisect_right(self.line_starts, offset)

    def position(self, offset: int) -> tuple[int, int]:
        """1-based (line, column) of a character offset; columns count code points."""
        offset = max(0, min(offset, len(self.text)))
        line = self.line_of(offset)
        return line, offset - self.line_starts[line - 1] + 1

    @cached_property
    def _paragraph_starts(self) -> list[int]:
        return [p.start for p in self.paragraphs]

    def paragraph_at(self, offset: int) -> Paragraph | None:
        i = bisect.bisect_right(self._paragraph_starts, offset) - 1
        if i >= 0 and self.paragraphs[i].start <= offset <= self.paragraphs[i].end:
            return self.paragraphs[i]
        return None


SCOPES = ("text", "headline", "dateline", "lead", "body", "paragraph", "tail", "sentence", "line", "quote")
