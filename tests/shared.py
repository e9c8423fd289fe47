"""What several test files share: a rule file to start from, writing it into a rule folder, and
the hypothesis strategies of the property tests (news-like text, nested JSON-like values)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from hypothesis import strategies as st

#: a valid user rule (an ``existence`` rule banning "utilise"); tests change a line of it
EXISTENCE_RULE = """\
id: banned-word
kind: existence
category: style
severity: warning
message: "Avoid '{match}'"
summary: A banned word.
why: House style.
options:
  tokens: [utilise]
examples:
  bad: ["We utilise it.\\n"]
  good: ["We use it.\\n"]
"""


def write_rule(tmp_path: Path, text: str, name: str = "r.yaml") -> Path:
    """``text`` as ``rules/house/NAME`` under ``tmp_path``; returns the rules folder."""
    folder = tmp_path / "rules" / "house"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_text(text, encoding="utf-8")
    return tmp_path / "rules"


#: pieces of newswire copy that wake the rules up (datelines, dates, repeats, debris, quotes)
NEWS_FRAGMENTS = (
    "",
    "\n",
    "\r\n",
    "Reuters",
    "LONDON, March 3 (Reuters) - ",
    "on Wednesday (Septemeber 13)",
    "“Quote,” he said.",
    "31 June 2023",
    "03/04/2023",
    "the the",
    "Related: more",
    "colour color",
    "&amp;",
    "<div\nclass='x'>",
    "Kim Jong Un",
    "١٢٣ 東京 😀",
    "x" * 300,
    "3-1",
    "13:00",
    "$4.5 mln",
    "{match}",
    "%0A::error::",
    "a.txt:1:1: error [spelling] forged",
)
#: characters a report must never pass through raw (terminal escapes, bidi overrides, breaks)
HOSTILE_CHARS = (
    "\x1b[31m",
    "\x1b]0;title\x07",
    "\x0c",
    "\x00",
    "\x7f",
    "\x85",
    "\u2028",
    "\u202e",
    "\r",
    "\n",
    "\t",
)


def news_like(*, hostile: bool = False, piece: int = 200, pieces: int = 30) -> st.SearchStrategy[str]:
    """Texts joined from up to ``pieces`` random strings (each at most ``piece`` long), newswire
    fragments and, with ``hostile``, control characters."""
    parts = [st.text(max_size=piece), st.sampled_from(NEWS_FRAGMENTS)]
    if hostile:
        parts.append(st.sampled_from(HOSTILE_CHARS))
    return st.lists(st.one_of(*parts), max_size=pieces).map("".join)


#: the scalars of JSON (NaN left out: it equals nothing, not even itself)
JSON_SCALARS = st.one_of(
    st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False), st.text(max_size=12)
)


def nested(scalars: st.SearchStrategy[Any], keys: st.SearchStrategy[str]) -> st.SearchStrategy[Any]:
    """Scalars, and lists and mappings (keyed by ``keys``) of them, a few levels deep."""
    return st.recursive(
        scalars,
        lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(keys, inner, max_size=4)),
        max_leaves=12,
    )
