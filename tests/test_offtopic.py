"""The off-topic tail rule: line shapes, topic statistics, and what a finding carries (fix, related)."""

from __future__ import annotations

import pytest

from newslint.config.config import Settings
from newslint.core.document import Document
from newslint.core.findings import Finding
from newslint.core.options import OptionError
from newslint.engine.engine import DocumentLinter
from newslint.engine.ruleset import all_rules
from newslint.kinds.trailing_junk import TrailingJunk
from newslint.offtopic.shapes import (
    is_credit_line,
    is_cue,
    is_dateline,
    is_end_matter,
    is_headline_like,
)
from newslint.offtopic.topic import Bag, names, stem, weight, word_stems

ARTICLE = (
    "Harbour dredging plan approved after two-year dispute\n\n"
    "Councillors in Portmere approved a plan to dredge the harbour on Tuesday, ending a two-year dispute "
    "with fishing crews over silt that has stranded trawlers at low tide.\n\n"
    "The dredging contract, worth about 4 million pounds, goes to a marine engineering firm from Aberdeen, "
    "and work on the harbour channel starts in the spring, the council said.\n\n"
    "Skippers welcomed the vote but said the harbour walls also needed repair before the winter storms, "
    "and asked the council to publish a timetable for the dredging.\n\n"
)
TAIL = (
    "Orchestra names youngest conductor\n\n"
    "The Vellmouth Symphony has appointed a 31-year-old violinist as its principal conductor, the youngest "
    "in the ensemble's ninety-year history.\n"
)


def lint(text: str) -> list[Finding]:
    rules = [r for r in all_rules(Settings()) if r.category == "off-topic" and r.enabled]
    return DocumentLinter(rules).lint(Document("t.txt", text))


@pytest.mark.parametrize(
    "line",
    [
        "Orchestra names youngest conductor",
        "BIDEN AUTHORIZES DEEPER STRIKES INSIDE RUSSIA",
        "What is the value of drugs that come to the border?",
        "Why the violinist swapped her bow for a baton...",
        "Aviator 'creator' in Oscars snub",
    ],
)
def test_headline_like(line: str) -> None:
    assert is_headline_like(line)


@pytest.mark.parametrize(
    "line",
    [
        "The council said work would start in spring.",
        "Reporting by Ann Lee; Editing by Tom Hale",
        "HD THE HOME DEPOT INC. 225.86 -12.99 -5.44%",
        "he said, adding that talks would resume",
        "Rates held. Markets rose",
    ],
)
def test_not_headline_like(line: str) -> None:
    assert not is_headline_like(line)


@pytest.mark.parametrize(
    "line",
    [
        "Reporting by Ann Lee; Editing by Tom Hale",
        "(c) 2024 Portmere Gazette",
        "Reuter",
        "-30-",
        "###",
        "Follow us on Twitter",
        "This article originally appeared on Example News",
    ],
)
def test_end_matter(line: str) -> None:
    assert is_end_matter(line)


def test_cues_and_datelines() -> None:
    assert is_cue("Read more: Orchestra names youngest conductor")
    assert is_cue("Related: Harbour walls need repair")
    assert not is_cue("Relatedly, the council said")
    assert is_dateline("TOKYO, May 5 - Japan's largest carmaker said")
    assert not is_dateline("Tokyo is the capital of Japan - and large")


def test_topic_statistics() -> None:
    assert stem("missiles") == stem("missile")
    assert weight("vostochny") > weight("government")
    article = Bag(["Councillors approved a plan to dredge the harbour."])
    assert Bag(["Harbour dredging plan"]).coverage_by(article) > 0.9
    assert Bag(["Orchestra names conductor"]).coverage_by(article) == 0.0
    assert Bag(["harbour plan"]).cosine(Bag(["plan harbour"])) == pytest.approx(1.0)


def test_finding_points_at_tail_with_related_headline_and_unsafe_fix() -> None:
    text = ARTICLE + TAIL
    (finding,) = lint(text)
    assert finding.category == "off-topic"
    assert finding.line == 9
    assert finding.related[0].line == 7  # the article's last paragraph
    assert "key words appear in the article" in finding.message
    assert finding.fix is not None and not finding.fix.safe
    assert text[: finding.fix.start] + text[finding.fix.end :] == ARTICLE


def test_clean_article_and_short_article() -> None:
    assert lint(ARTICLE) == []
    assert lint("Harbour plan approved\n\nCouncillors approved the plan.\n\n" + TAIL) == []


def test_only_the_end_can_be_a_tail() -> None:
    text = (
        ARTICLE + TAIL + "\nSkippers said the harbour dredging timetable would be published by the council.\n"
    )
    assert lint(text) == []


# ------------------------------------------------------------------ harder tails


def test_names_places_and_figures() -> None:
    found = names("Striker Abel Marsh scored twice as Bramley Rovers beat Ostmoor 3-2 in 2004, the BBC said.")
    assert {"abel", "marsh", "bramley", "ostmoor", "32", "bbc"} <= found
    assert "2004" not in found and "scored" not in found  # a year; an ordinary word
    assert names("Orchestra Names Youngest Conductor") <= {"conductor", "orchestra", "youngest"}
    assert "ostmoor" in word_stems(["a win at ostmoor"])


def test_credit_lines_and_cues() -> None:
    assert is_credit_line("Paddy O'Brien (New Zealand)")
    assert is_credit_line("Joel Jutge")
    assert not is_credit_line("Orchestra names youngest conductor")
    assert is_cue("Most read")
    assert not is_cue("Elsewhere on the site")


def test_cue_list_is_the_rules_data() -> None:
    (rule,) = [r for r in all_rules(Settings()) if r.id == "off-topic-tail"]
    assert any("other" in cue and "news" in cue for cue in rule.options["cues"])
    with pytest.raises(OptionError, match="cues"):
        TrailingJunk.validate({"cues": ["read(("]})


SECOND_ITEM = (
    "Striker ruled out for six weeks\n\n"
    "Dunmere United striker Tomas Ferrante will miss six weeks with an ankle injury, his club said.\n"
)


def test_two_items_reported_at_the_first_and_fix_removes_both() -> None:
    loosely_related = (
        "Kelsby mooring fees to rise\n\n"
        "Boat owners in Kelsby will pay more to moor in its harbour from April, the council said, to fund "
        "a new slipway.\n\n"
    )
    text = ARTICLE + loosely_related + SECOND_ITEM
    (finding,) = lint(text)
    assert finding.line == 9
    assert finding.fix is not None
    assert text[: finding.fix.start] + text[finding.fix.end :] == ARTICLE


def test_cue_line_starts_the_tail() -> None:
    text = ARTICLE + "In other news\n\nHarbour fees to rise in spring\n"
    (finding,) = lint(text)
    assert finding.line == 9 and "cue" in finding.message


def test_weakly_related_last_item_after_a_foreign_one_is_appended_too() -> None:
    weak_last = (
        "Portmere harbour fees to rise\n\n"
        "Ferry passengers and yacht owners at Portmere will pay more from April "
        "under a new charging scheme.\n"
    )
    text = ARTICLE + SECOND_ITEM + "\n" + weak_last
    (finding,) = lint(text)
    assert finding.line == 9
    assert lint(ARTICLE + weak_last) == []  # alone, it is not foreign enough to flag
