"""The within-article duplicate rules: located findings, related first copy, message, unsafe fix.

Which texts are (not) flagged is covered by tests/fixtures/duplicate-paragraphs.txt.
"""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from newslint.config import Settings
from newslint.document import Document
from newslint.engine import Linter
from newslint.findings import Finding
from newslint.kinds.duplicate_text import Comparable, near_duplicate, normalised_tokens, similarity, tokens
from newslint.ruleset import all_rules

LEAD = "Ministers said on Monday that 'talks' would resume next week in Geneva, officials said."
COPY = "Ministers said on Monday that “talks” would  resume next week in Geneva, officials said. "


def lint(text: str) -> list[Finding]:
    rules = [r for r in all_rules(Settings()) if r.id in ("duplicate-lead", "repeated-paragraph")]
    return Linter(rules).lint(Document("a.txt", text))


def apply(text: str, finding: Finding) -> str:
    assert finding.fix is not None and not finding.fix.safe
    return text[: finding.fix.start] + finding.fix.replacement + text[finding.fix.end :]


def test_normalisation_erases_cosmetic_differences() -> None:
    assert tokens("It’s a “well—known”  FACT -- isn't it?") == tokens('it\'s a "well-known" fact - isnt it')
    assert similarity(tokens(LEAD), tokens(COPY)) == 1.0
    assert similarity(("a", "b"), ()) == 0.0


@given(st.text(alphabet=st.characters(max_codepoint=127), max_size=60))
def test_ascii_fast_path_gives_the_same_tokens(text: str) -> None:
    assert tokens(text) == normalised_tokens(text)


def test_shared_quotation_alone_is_not_a_copy() -> None:
    quote = '"We will not balance the books on the backs of the poorest families in this country,"'
    first = Comparable.of(quote + " the minister said.")
    second = Comparable.of(quote + " a union leader replied.")
    assert near_duplicate(first, second, 0.8, 0.5) == 0.0
    assert near_duplicate(first, Comparable.of(quote + " the minister said!"), 0.8, 0.5) == 1.0


@pytest.mark.parametrize("newline", ["\n", "\r\n"])
def test_blank_line_layout_finding_related_message_and_fix(newline: str) -> None:
    text = newline.join(["Talks resume", "", LEAD, "", COPY, "", "No date was given.", ""])
    (finding,) = lint(text)
    assert (finding.rule, finding.category) == ("duplicate-lead", "duplicate")
    assert (finding.line, finding.column) == (5, 1)
    assert [(r.line, r.message) for r in finding.related] == [(3, "first copy here")]
    assert "line 3" in finding.message and "with the same words" in finding.message
    assert apply(text, finding) == newline.join(["Talks resume", "", LEAD, "", "No date was given.", ""])


def test_one_line_per_paragraph_layout_fix_keeps_the_rest() -> None:
    copy = LEAD.replace("next", "early next")
    text = "Talks resume\nReuters\n" + LEAD + "\n" + copy + "\nNo date was given."
    (finding,) = lint(text)
    assert finding.line == 4 and finding.related[0].line == 3
    assert "almost word for word" in finding.message
    assert apply(text, finding) == "Talks resume\nReuters\n" + LEAD + "\nNo date was given."


def test_copy_later_in_the_article_and_a_third_copy_point_at_the_first() -> None:
    other = "The opposition said the talks were a waste of time and money for everyone involved."
    text = "\n\n".join(["Talks resume", LEAD, other, LEAD, "Filler paragraph here.", LEAD, other]) + "\n"
    found = sorted((f.rule, f.line, f.related[0].line) for f in lint(text))
    assert found == [("duplicate-lead", 7, 3), ("duplicate-lead", 11, 3), ("repeated-paragraph", 13, 5)]


def test_headline_like_the_lead_and_short_repeats_are_not_flagged() -> None:
    lines = [LEAD, "", LEAD + " More.", "", "ADVERTISEMENT", "", "ADVERTISEMENT", "By Jo Lee", "By Jo Lee"]
    text = "\n".join(lines)
    assert lint(text) == []


def test_long_files_compare_by_blocks_and_still_find_copies() -> None:
    paras = [f"Part {i} of the long report covers item {i}, which cost {i * 7} pounds." for i in range(300)]
    paras.append(paras[150].replace("covers", "now covers"))
    text = "Report\n\n" + "\n\n".join(paras) + "\n"
    found = [(f.rule, f.line, f.related[0].line) for f in lint(text)]
    assert found == [("repeated-paragraph", 3 + 2 * 300, 3 + 2 * 150)]
