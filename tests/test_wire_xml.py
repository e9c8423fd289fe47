"""Wire XML inputs (NITF, NewsML-G2): findings on the XML's own lines; entities refused."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from helpers import run_newslint

from newslint.sources.wire_xml import WireXMLError, parse_wire_xml

NITF = """<?xml version="1.0" encoding="UTF-8"?>
<nitf>
  <head><title>Markets</title></head>
  <body>
    <body.head>
      <hedline><hl1>Shares slide as traders worry</hl1></hedline>
      <dateline>LONDON, Sept 3 (Wire) -</dateline>
    </body.head>
    <body.content>
      <p>Shares fell sharply on 3 Septemeber as traders worried about rates.</p>
      <p>The index closed lower for a <em>third</em> day.</p>
    </body.content>
  </body>
</nitf>
"""

NEWSML = """<?xml version="1.0" encoding="UTF-8"?>
<newsItem xmlns="http://iptc.org/std/nar/2006-10-01/" guid="x">
  <contentMeta><headline>Shares slide</headline></contentMeta>
  <contentSet><inlineXML contenttype="application/xhtml+xml">
    <html xmlns="http://www.w3.org/1999/xhtml"><body>
      <p>Shares fell sharply on 3 Septemeber as traders worried about rates.</p>
    </body></html>
  </inlineXML></contentSet>
</newsItem>
"""

BOMB = """<?xml version="1.0"?>
<!DOCTYPE nitf [
  <!ENTITY a "aaaaaaaaaa">
  <!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">
  <!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">
]>
<nitf><body><p>&c;</p></body></nitf>
"""

EXTERNAL = """<?xml version="1.0"?>
<!DOCTYPE nitf [<!ENTITY x SYSTEM "file:///etc/passwd">]>
<nitf><body><p>&x;</p></body></nitf>
"""


def _check(tmp_path: Path, name: str, text: str) -> dict[str, object]:
    (tmp_path / name).write_text(text, encoding="utf-8")
    done = run_newslint("check", "--isolated", "--no-cache", "-f", "json", name, cwd=tmp_path)
    assert "Traceback" not in done.stderr, done.stderr
    return json.loads(done.stdout)  # type: ignore[no-any-return]


def test_nitf_findings_are_on_the_xml_lines(tmp_path: Path) -> None:
    out = _check(tmp_path, "story.xml", NITF)
    hits = [(f["rule"], f["line"], f["column"]) for f in out["findings"]]  # type: ignore[union-attr,index]
    line = NITF.splitlines()[9]
    assert ("date-misspelled-month", 10, line.index("Septemeber") + 1) in hits


def test_nitf_structure_headline_dateline_paragraphs() -> None:
    article = parse_wire_xml(NITF.encode())
    assert article.text.split("\n\n")[:2] == ["Shares slide as traders worry", "LONDON, Sept 3 (Wire) -"]
    assert "The index closed lower for a third day." in article.text


def test_newsml_g2_text_item(tmp_path: Path) -> None:
    out = _check(tmp_path, "item.xml", NEWSML)
    assert [(f["rule"], f["line"]) for f in out["findings"]] == [("date-misspelled-month", 6)]  # type: ignore[union-attr,index]


@pytest.mark.parametrize(("text", "words"), [(BOMB, "entity 'a'"), (EXTERNAL, "entity 'x'")])
def test_entities_are_refused_never_expanded(tmp_path: Path, text: str, words: str) -> None:
    out = _check(tmp_path, "bomb.xml", text)
    assert out["findings"] == []
    [error] = out["errors"]  # type: ignore[misc]
    assert error["path"] == "bomb.xml" and words in error["message"] and "refused" in error["message"]


def test_malformed_and_foreign_xml_are_errors(tmp_path: Path) -> None:
    out = _check(tmp_path, "bad.xml", "<nitf><p>open</nitf>")
    assert out["errors"][0]["message"].startswith("not well-formed XML (line 1")  # type: ignore[index]
    with pytest.raises(WireXMLError, match="not <nitf>"):
        parse_wire_xml(b"<rss><p>x</p></rss>")
