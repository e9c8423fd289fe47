"""Wire XML (NITF, NewsML-G2 text items) as article text, with each line traced to the XML source.

The headline (``hl1``/``headline``), the dateline and the paragraphs (``p``) become the article's
paragraphs, one a block; ``lines[i]`` is the XML line and column where the article's line
``i + 1`` starts, so findings point into the XML file.  The parser is expat with every DTD
entity declaration and external reference refused (what defusedxml does): an entity bomb or an
external entity is an error, never expanded, and nothing is fetched.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from xml.parsers import expat

XML_SUFFIXES = (".xml", ".nitf")
#: elements whose text is a paragraph of the article, by local name
_HEADLINES = {"hl1", "headline"}
_BLOCKS = {"hl1", "headline", "dateline", "p"}
_ROOTS = {"nitf", "newsItem"}
_SPACE = re.compile(r"\s+")


class WireXMLError(ValueError):
    """The XML cannot be read as an article (malformed, refused entities, not NITF/NewsML)."""


@dataclass(frozen=True)
class WireArticle:
    text: str
    lines: list[tuple[int, int]]  # article line (0-based) -> (XML line, XML column), 1-based


def is_wire_xml(path: str) -> bool:
    return path.lower().endswith(XML_SUFFIXES)


def _local(name: str) -> str:
    return name.rsplit(" ", 1)[-1].rsplit(":", 1)[-1]


def parse_wire_xml(data: bytes) -> WireArticle:
    """The article in an NITF or NewsML-G2 document; :class:`WireXMLError` says why not."""
    parser = expat.ParserCreate(namespace_separator=" ")
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
    blocks: list[tuple[str, int, int]] = []
    stack: list[str] = []
    current: list[str] = []
    start: list[tuple[int, int]] = []
    root: list[str] = []

    def refuse_entity(name: str, *_: object) -> None:
        raise WireXMLError(f"declares the entity {name!r}: entities are refused, never expanded")

    def refuse_external(*_: object) -> int:
        raise WireXMLError("refers to an external entity: refused, nothing is fetched")

    def begin(name: str, _attrs: dict[str, str]) -> None:
        local = _local(name)
        if not root:
            root.append(local)
        stack.append(local)
        if local in _BLOCKS and not current:
            current.append("")
            start[:] = [(parser.CurrentLineNumber, parser.CurrentColumnNumber + 1)]

    def text(data: str) -> None:
        if current:
            if not current[0].strip() and not data.strip():
                return
            if not current[0]:
                start[:] = [(parser.CurrentLineNumber, parser.CurrentColumnNumber + 1)]
            current[0] += data

    def end(name: str) -> None:
        local = _local(name)
        stack.pop()
        if local in _BLOCKS and current and not any(s in _BLOCKS for s in stack):
            words = _SPACE.sub(" ", current[0]).strip()
            if words:
                blocks.append((words, *start[0]))
            current.clear()

    parser.EntityDeclHandler = refuse_entity
    parser.UnparsedEntityDeclHandler = refuse_entity
    parser.ExternalEntityRefHandler = refuse_external
    parser.StartElementHandler = begin
    parser.EndElementHandler = end
    parser.CharacterDataHandler = text
    try:
        parser.Parse(data, True)
    except expat.ExpatError as exc:
        raise WireXMLError(f"not well-formed XML (line {exc.lineno}, column {exc.offset + 1})") from None
    except LookupError as exc:  # the declaration names an encoding Python does not know
        raise WireXMLError(f"declares an encoding that cannot be read ({exc})") from None
    except (UnicodeError, ValueError) as exc:  # a codec that cannot decode this XML
        raise WireXMLError(f"cannot be decoded as the encoding it declares ({exc})") from None
    if not root or root[0] not in _ROOTS:
        raise WireXMLError(f"root element is <{root[0] if root else ''}>, not <nitf> or NewsML-G2 <newsItem>")
    text_parts: list[str] = []
    lines: list[tuple[int, int]] = []
    for words, line, column in blocks:
        if text_parts:
            text_parts.append("")
            lines.append((line, 1))
        text_parts.append(words)
        lines.append((line, column))
    return WireArticle("\n".join(text_parts) + "\n", lines)
