"""What a path holds, by its format: the documents to lint and how their findings go back.

A plain text file is one document; a wire XML file (NITF, NewsML-G2) is one article whose lines
are traced to the XML; an archive (JSON Lines, CSV, Parquet) is a document per record.  The
runner asks :func:`documents_of` for a path's documents and lints each the same way; a
:class:`SourceDocument` moves its findings to where they are in the source (the XML's lines,
the archive's record).  Errors come in the documents' place as :class:`FileError`: one with a
``record`` is that record's and the archive goes on; one without ends the path (what was read
before it is kept).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Literal

from newslint.core.document import BOM, Document, too_many_lines
from newslint.core.errors import NewslintError
from newslint.core.findings import FileError, Finding
from newslint.sources.excerpts import lines_of
from newslint.sources.files import read_bytes, read_document, read_limited
from newslint.sources.records import Record, RecordError, RecordFields, is_archive, read_records
from newslint.sources.wire_xml import WireXMLError, is_wire_xml, parse_wire_xml

#: the formats a path can hold: an article's text, a wire XML article, an archive of records
SourceFormat = Literal["text", "wire-xml", "records"]
FORMATS: tuple[SourceFormat, ...] = ("text", "wire-xml", "records")


def format_of(path: str) -> SourceFormat:
    """The format of ``path``, by its name (what the file holds is checked when it is read)."""
    if is_archive(path):
        return "records"
    if is_wire_xml(path):
        return "wire-xml"
    return "text"


@dataclass(frozen=True)
class SourceDocument:
    """One document a path holds, with what is needed to report its findings in the source."""

    document: Document
    #: a text file's bytes as read (the result cache hashes these, never a second read)
    data: bytes | None = None
    #: the archive record the document is
    record: Record | None = None
    #: wire XML: the XML line and column where each of the document's lines starts
    xml_lines: Sequence[tuple[int, int]] = ()
    #: wire XML: the XML file's bytes (its lines, not the article's, are the findings' lines)
    xml_raw: bytes | None = None

    def in_source(self, findings: Iterable[Finding]) -> list[Finding]:
        """``findings`` of the document as they are in the source: a record's tagged with its id,
        an XML article's moved to the XML's lines.  Their fixes are dropped (offsets into the
        article, not into the file); a text file's findings are as they are."""
        if self.record is not None:
            number, rid = self.record.number, self.record.id
            return [dataclasses.replace(f, record=rid, record_number=number, fix=None) for f in findings]
        if self.xml_raw is not None:
            return [self._moved(f) for f in findings]
        return list(findings)

    def _moved(self, f: Finding) -> Finding:
        line, column = self._xml_position(f.line, f.column)
        end_line, end_column = self._xml_position(f.end_line, f.end_column)
        related = tuple(dataclasses.replace(r, line=self._xml_position(r.line, 1)[0]) for r in f.related)
        return dataclasses.replace(
            f, line=line, column=column, end_line=end_line, end_column=end_column, related=related, fix=None
        )

    def _xml_position(self, line: int, column: int) -> tuple[int, int]:
        if not self.xml_lines:  # an article with no text: nothing to move
            return line, column
        source_line, source_column = self.xml_lines[min(line, len(self.xml_lines)) - 1]
        return source_line, source_column + column - 1

    def source_lines(self) -> tuple[str, ...]:
        """The lines of the source as findings number them (records have none of their own)."""
        if self.record is not None:
            return ()
        if self.xml_raw is not None:
            return _xml_source_lines(self.xml_raw, self.document.path)
        return lines_of(self.document)


def documents_of(
    path: str,
    data: bytes | None = None,
    *,
    display: str | None = None,
    encoding: str | None = None,
    max_bytes: int,
    fields: RecordFields | None = None,
) -> Iterator[SourceDocument | FileError]:
    """The documents at ``path`` (or in its ``data``, already read), named ``display`` if given.

    A file is read once, with at most ``max_bytes`` bytes; an archive is streamed record by record.
    """
    shown = display or path
    form = format_of(path)
    if form == "records":
        # an archive's findings name it as the run does: its path
        yield from records_as_documents(path, read_records(path, fields or RecordFields(), data))
    elif form == "wire-xml":
        yield _wire_xml(path, shown, data, max_bytes)
    else:
        yield _text(path, shown, data, encoding, max_bytes)


def _text(
    path: str, shown: str, data: bytes | None, encoding: str | None, max_bytes: int
) -> SourceDocument | FileError:
    if data is None:
        read = read_bytes(path, max_bytes)
        if isinstance(read, FileError):
            return FileError(shown, read.message)
        data = read
    doc = read_document(path, data, encoding, max_bytes)
    if isinstance(doc, FileError):
        return FileError(shown, doc.message)
    doc.path = shown
    return SourceDocument(doc, data)


def _wire_xml(path: str, shown: str, data: bytes | None, max_bytes: int) -> SourceDocument | FileError:
    try:
        raw = data if data is not None else read_limited(path, max_bytes)
        article = parse_wire_xml(raw)
    except WireXMLError as exc:
        return FileError(shown, str(exc))
    except OSError as exc:
        return FileError(shown, f"cannot read: {getattr(exc, 'strerror', None) or exc}")
    return SourceDocument(Document(shown, article.text), xml_lines=article.lines, xml_raw=raw)


def _xml_source_lines(raw: bytes, shown: str) -> tuple[str, ...]:
    """The XML file's own lines, which its findings point into (decoded leniently: expat has
    already read the file in the encoding it declares)."""
    text = raw.decode("utf-8", errors="replace")
    if text.startswith(BOM):
        text = text[1:]
    if too_many_lines(text) is not None:  # shown without its lines rather than held as millions
        return ()
    return lines_of(Document(shown, text))


def records_as_documents(
    path: str, items: Iterable[Record | RecordError]
) -> Iterator[SourceDocument | FileError]:
    """Each record of the archive ``path`` as a document, a record that cannot be read as its error;
    a damaged archive ends with an error of the whole file (the records before it are kept)."""
    try:
        for item in items:
            if isinstance(item, RecordError):
                yield FileError(path, f"record {item.id}: {item.message}", item.id)
            else:
                yield SourceDocument(Document(path, item.text), record=item)
    except NewslintError as exc:
        yield FileError(path, exc.message)
