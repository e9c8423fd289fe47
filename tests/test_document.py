"""The document model: decoding, line endings, structure, offsets."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from newslint.core.document import DecodeError, Document, decode

BLANK_SEPARATED = (
    "Ministers agree rail deal\n"
    "Reuters\n"
    "\n"
    "LONDON, March 3 (Reuters) - Ministers agreed a rail deal on Monday.\n"
    "\n"
    "The deal ends a long dispute.\n"
    "\n"
    "Talks resume next week.\n"
)


def test_structure_of_blank_separated_article() -> None:
    doc = Document("a.txt", BLANK_SEPARATED)
    assert doc.headline is not None and doc.headline.text == "Ministers agree rail deal"
    assert doc.source_line is not None and doc.source_line.text == "Reuters"
    assert doc.lead is not None and doc.lead.first_line == 4
    assert [p.first_line for p in doc.body] == [4, 6, 8]
    assert doc.dateline is not None and doc.dateline.text.startswith("LONDON, March 3 (Reuters) -")
    assert [p.first_line for p in doc.tail] == [4, 6, 8]


def test_one_paragraph_per_line_layout() -> None:
    doc = Document("a.txt", "Headline here\nFirst paragraph.\nSecond paragraph.\nThird one.\n")
    assert [p.text for p in doc.paragraphs] == [
        "Headline here",
        "First paragraph.",
        "Second paragraph.",
        "Third one.",
    ]
    assert doc.source_line is None
    assert doc.lead is not None and doc.lead.text == "First paragraph."


def test_hard_wrapped_paragraph_is_one_paragraph() -> None:
    wrapped = (
        "Headline\n\n"
        "This paragraph was wrapped by an editor at about seventy columns so\n"
        "that it spans several physical lines of roughly the same length and\n"
        "ends here.\n"
    )
    doc = Document("a.txt", wrapped)
    assert len(doc.body) == 1
    assert (doc.body[0].first_line, doc.body[0].last_line) == (3, 5)


@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r"])
def test_line_endings_are_remembered_and_positions_agree(newline: str) -> None:
    text = newline.join(["Headline", "", "Body with a wurd.", ""])
    doc = Document("a.txt", text)
    assert doc.newline == newline
    assert doc.final_newline
    offset = text.index("wurd")
    assert doc.position(offset) == (3, 13)
    assert doc.lines[2].text == "Body with a wurd."


def test_no_final_newline_and_empty_file() -> None:
    assert not Document("a.txt", "Headline\n\nBody").final_newline
    empty = Document("e.txt", "")
    assert empty.headline is None and empty.lead is None and empty.body == ()
    assert empty.position(0) == (1, 1)


def test_decode_handles_bom_and_rejects_binary_and_latin1() -> None:
    assert decode("\ufeffHello".encode()) == ("Hello", True)
    with pytest.raises(DecodeError, match="binary"):
        decode(b"\x00\x01\x02")
    with pytest.raises(DecodeError, match="line 2"):
        decode(b"ok\ncaf\xe9\n")


def test_columns_count_code_points() -> None:
    doc = Document("a.txt", "Headline\n\n“Quote” then wurd\n")
    assert doc.position(doc.text.index("wurd")) == (3, 14)


def test_words_sentences_quotes() -> None:
    doc = Document("a.txt", "Headline\n\nMr. Smith said “it's fine.” The U.S. agreed. Kim's aides left.\n")
    assert "it's" in [w.text for w in doc.words]
    assert "U.S" in [w.text for w in doc.words]
    sentences = [s.text for s in doc.sentences]
    assert sentences[1].startswith("Mr. Smith said")
    assert any(q.text == "“it's fine.”" for q in doc.quotes)


def test_regions_for_each_scope() -> None:
    doc = Document("a.txt", BLANK_SEPARATED)
    assert doc.regions("headline") == [(0, len("Ministers agree rail deal"))]
    assert len(doc.regions("body")) == 3
    assert doc.regions("text") == [(0, len(BLANK_SEPARATED))]
    with pytest.raises(ValueError):
        doc.regions("nonsense")


@given(st.text(alphabet="ab \n\r", max_size=40))
def test_lines_cover_the_text_between_line_breaks(text: str) -> None:
    doc = Document("t.txt", text)
    assert all(text[line.start : line.end] == line.text for line in doc.lines)
    assert all("\n" not in line.text and "\r" not in line.text for line in doc.lines)
    assert [line.number for line in doc.lines] == list(range(1, len(doc.lines) + 1))
    breaks = [text[a.end : b.start] for a, b in zip(doc.lines, doc.lines[1:], strict=False)]
    assert all(gap in ("\n", "\r\n", "\r") for gap in breaks)
    assert doc.lines[0].start == 0 and text[doc.lines[-1].end :] in ("", "\n", "\r\n", "\r")
