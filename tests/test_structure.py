"""The article's parts, recognised once: typed dateline, source line, list items, the dateline scope."""

from __future__ import annotations

import pytest

from newslint.core.document import Document
from newslint.core.structure import is_dateline, is_list_entry, is_list_item, is_source_line, parse_dateline

ARTICLE = (
    "Ministers agree rail deal\n"
    "Reuters\n"
    "\n"
    "LONDON, Sept. 3 (Reuters) - Ministers agreed a rail deal on Monday.\n"
    "\n"
    "- The deal ends a long dispute.\n"
    "\n"
    "PARIS, March 4 (AFP) — A second story run on.\n"
)


def test_document_dateline_has_its_parts() -> None:
    doc = Document("a.txt", ARTICLE)
    d = doc.dateline
    assert d is not None
    assert (d.place, d.date, d.agency, d.dash) == ("LONDON", "Sept. 3", "Reuters", "-")
    assert doc.text[d.start : d.end] == "LONDON, Sept. 3 (Reuters) - "
    assert d.date_start is not None and doc.text[d.date_start :].startswith("Sept. 3 (")


def test_document_source_line_datelines_and_list_items() -> None:
    doc = Document("a.txt", ARTICLE)
    assert doc.source_line is not None and doc.source_line.text == "Reuters"
    assert [d.place for d in doc.datelines] == ["LONDON", "PARIS"]
    assert [p.text for p in doc.list_items] == ["- The deal ends a long dispute."]


def test_dateline_scope_covers_only_the_dateline() -> None:
    doc = Document("a.txt", ARTICLE)
    [(start, end)] = doc.regions("dateline")
    assert doc.text[start:end] == "LONDON, Sept. 3 (Reuters) - "
    assert Document("b.txt", "Head\n\nNo dateline here - at all.\n").regions("dateline") == []


@pytest.mark.parametrize(
    ("text", "parts"),
    [
        ("LONDON (Reuters) - Shares fell.", ("LONDON", None, "Reuters")),
        ("WASHINGTON, March 3 (AP) — Talks", ("WASHINGTON", "March 3", "AP")),
        ("DAYTON, Ohio, March 20 - Police", ("DAYTON, Ohio", "March 20", None)),
        ("TOKYO -- Markets", ("TOKYO", None, None)),
    ],
)
def test_dateline_shapes(text: str, parts: tuple[str, str | None, str | None]) -> None:
    d = parse_dateline(text)
    assert d is not None and (d.place, d.date, d.agency) == parts


@pytest.mark.parametrize(
    "text", ["Washington, March 3 - Talks", "DAYTON, Ohio - Police", "LONDON, March 3 Talks"]
)
def test_not_datelines(text: str) -> None:
    assert not is_dateline(text)


def test_source_line_and_list_shapes() -> None:
    assert is_source_line("BBC News") and is_source_line("example.co.uk")
    assert not is_source_line("The minister said so.")
    assert is_list_item("- one") and is_list_item("(a) two") and is_list_item("3. three")
    assert not is_list_item("12 people died")  # a bare number opens prose...
    assert is_list_entry("12 Arsenal 30")  # ...but an appended results table is a list at the tail
