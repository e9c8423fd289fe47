"""The within-article duplicate rules: located findings, related first copy, message, unsafe fix.

Which texts are (not) flagged is covered by the examples of rules/duplicate/*.yaml.
"""

from __future__ import annotations

import pytest
from helpers import run_newslint
from hypothesis import given
from hypothesis import strategies as st

from newslint.config.config import Settings
from newslint.core.document import Document
from newslint.core.findings import Finding
from newslint.core.options import OptionError
from newslint.duplicates.edit import Sentences, aligned_share, figure_tokens, sentences
from newslint.duplicates.furniture import MAX_CAPTION_WORDS, ends_a_sentence, repeated_furniture
from newslint.duplicates.text import Comparable, EditPolicy, edited_copy, near_duplicate
from newslint.duplicates.tokens import normalised_tokens, similarity, tokens
from newslint.engine.engine import DocumentLinter
from newslint.engine.ruleset import all_rules
from newslint.kinds.duplicate_paragraph import DuplicateParagraph

LEAD = "Ministers said on Monday that 'talks' would resume next week in Geneva, officials said."
COPY = "Ministers said on Monday that “talks” would  resume next week in Geneva, officials said. "


def lint(text: str) -> list[Finding]:
    rules = [r for r in all_rules(Settings()) if r.id in ("duplicate-lead", "repeated-paragraph")]
    return DocumentLinter(rules).lint(Document("a.txt", text))


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
    assert found == [("duplicate-lead", 7, 3), ("repeated-paragraph", 13, 5)]  # one finding per repeated lead
    assert "1 more copy follows" in next(f.message for f in lint(text) if f.rule == "duplicate-lead")


# ------------------------------------------------------------------ captions repeated through the page

CAPTION = tokens("Dancers on the festival stage (Photo: Ian Cole)")
STORY = [tokens(f"Story paragraph number {i} goes here.") for i in range(4)]


def test_a_caption_printed_in_three_places_is_furniture_with_its_credited_form() -> None:
    credited = CAPTION + tokens("Dancers: Mia Park")
    paras = [STORY[0], CAPTION, STORY[1], CAPTION, (), STORY[2], credited, CAPTION, STORY[3], credited]
    assert repeated_furniture(paras) == {1, 3, 6, 7, 9}


def test_copies_side_by_side_the_kept_lead_and_long_paragraphs_are_not_furniture() -> None:
    side_by_side = [STORY[0], CAPTION, (), CAPTION, STORY[1], CAPTION]  # two places: a paste
    assert repeated_furniture(side_by_side) == set()
    assert repeated_furniture([CAPTION, STORY[0], CAPTION, STORY[1], CAPTION], keep=CAPTION) == set()
    long = tuple(f"w{i}" for i in range(MAX_CAPTION_WORDS + 1))
    assert repeated_furniture([long, STORY[0], long, STORY[1], long]) == set()


def test_a_lead_ends_a_sentence_and_a_caption_need_not() -> None:
    assert ends_a_sentence("Talks will resume on Monday, officials said.”")
    assert not ends_a_sentence("Dancers on the festival stage (Photo: Ian Cole)")


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


# ------------------------------------------------------------------ edited copies

FIRST = (
    "The island ferry operator will cut its winter crossings to Tarnholm from six a day to four. "
    "Islanders said the cuts would leave commuters stranded on the mainland after evening shifts."
)


def test_figures_are_written_one_way() -> None:
    assert figure_tokens("fares rose 18% to £1.2m for three crews") == figure_tokens(
        "fares rose 18 per cent to £1.2 million for 3 crews"
    )
    assert figure_tokens("a $45bn bailout") == figure_tokens("a $45 billion bailout")


def test_sentences_and_alignment_measure_how_much_is_copied() -> None:
    assert len(sentences(FIRST)) == 2
    one, two = sentences_of_first = FIRST.split(". ")
    assert len(sentences_of_first) == 2
    share, words, _ = aligned_share(Sentences(FIRST), Sentences(f"{two} {one}."), 0.7)
    assert share == 1.0 and words >= 12
    dropped = FIRST.split(". ")[0] + "."
    share, _, longer = aligned_share(Sentences(FIRST), Sentences(dropped), 0.7)
    assert share == 1.0 and 0.35 < longer < 1.0


def test_fixture_list_in_another_order_is_not_aligned() -> None:
    a = Sentences("Harfield v Kestrel Town; Bramley Rovers v Ostmoor; Calder Vale v Selby Park.")
    b = Sentences("Harfield v Ostmoor; Bramley Rovers v Selby Park; Calder Vale v Kestrel Town.")
    assert aligned_share(a, b, 0.7)[0] == 0.0


POLICY = EditPolicy(0.75, 0.7, 12, 0.35)


def test_edited_copy_guards() -> None:
    copy = FIRST.replace("operator", "company") + " The decision was announced on Friday."
    assert edited_copy(Comparable.of(FIRST), Comparable.of(copy), POLICY, 0.5) >= 0.75
    # a figure changed, not restated: two results in one pattern
    changed = FIRST.replace("six a day to four", "seven a day to five")
    assert edited_copy(Comparable.of(FIRST), Comparable.of(changed), POLICY, 0.5) == 0.0
    # the sentence quoted with an attribution: a quotation of the first, not a copy of it
    summary = "Cutting crossings to Tarnholm will leave commuters stranded on the mainland after late shifts."
    quoted = f'"{summary[:-1]}," the islanders\' councillor said.'
    assert edited_copy(Comparable.of(summary), Comparable.of(quoted), POLICY, 0.5) == 0.0


def test_edited_copy_message_and_related_first_copy() -> None:
    copy = FIRST.split(". ")[1]
    paras = ["Ferry cuts", "Ferry cuts announced on the island today.", FIRST, "Filler.", copy]
    text = "\n\n".join(paras) + "\n"
    (finding,) = lint(text)
    assert (finding.rule, finding.line, finding.related[0].line) == ("repeated-paragraph", 9, 5)
    assert "with light edits" in finding.message


def test_notices_must_be_valid_patterns() -> None:
    with pytest.raises(OptionError, match="notices"):
        DuplicateParagraph.validate({"notices": ["correction(("]})


def test_explain_says_how_similarity_is_measured() -> None:
    page = run_newslint("explain", "repeated-paragraph")
    assert page.returncode == 0
    assert "sentence-level alignment" in page.stdout and "edit similarity" in page.stdout
