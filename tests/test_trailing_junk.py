"""Page furniture around a story (off-topic-tail's cue signal, page-furniture, trailing-credits) and the
duplicate rules on repeats that real extractor output holds.  All text is invented.

Which whole articles are (not) flagged is covered by the examples of rules/off-topic/off-topic-tail.yaml and
trailing-credits.yaml; here: one line at a time, the block's extent, options, and
the duplicate rules' structure guards and bounded work.
"""

from __future__ import annotations

import random
import string
import time

import pytest

from newslint.config.config import Settings
from newslint.core.document import Document
from newslint.core.findings import Finding
from newslint.core.options import OptionError
from newslint.engine.engine import DocumentLinter
from newslint.engine.rules import with_overrides
from newslint.engine.ruleset import all_rules
from newslint.offtopic.junk import CUE_LISTS, Cues, Line, trailing_block, vocabulary

ARTICLE = (
    "Ferry service resumes after storm\n\n"
    "Ferries between Arnholm and the mainland resumed on Friday after three days of gales kept the fleet "
    "in port, the operator said.\n\n"
    "Engineers checked the ramps at both terminals overnight and found only minor damage to the fenders, "
    "which were repaired before the first sailing.\n\n"
    "The operator said passengers with cancelled tickets could travel on any sailing until the end of the "
    "month without paying again.\n\n"
    "Islanders said shops had run short of fresh milk and bread by the third day of the storm, and that "
    "the school had closed early on Wednesday so that children from the outer farms could get home.\n\n"
    "The harbour board said it would publish a review of the fleet's storm plans before the winter "
    "timetable starts in November.\n"
)
LAST_ARTICLE_LINE = 11


def rule(rule_id: str, **options: object) -> DocumentLinter:
    found = next(r for r in all_rules(Settings()) if r.id == rule_id)
    return DocumentLinter([with_overrides(found, None, options) if options else found])


def lint(text: str, rule_id: str = "off-topic-tail", **options: object) -> list[Finding]:
    return rule(rule_id, **options).lint(Document("t.txt", text))


CUES = Cues.of(vocabulary())


@pytest.mark.parametrize(
    ("line", "kind"),
    [
        ("You might also like", Line.LIST),  # related stories
        ("More stories from the Courier", Line.LIST),
        ("Most Read", Line.LIST),
        ("Related articles:", Line.LIST),
        ("Tags:", Line.LIST),
        ("Top Comments", Line.LIST),
        ("Subscribe to our weekly climate newsletter", Line.JUNK),  # newsletter and promotion
        ("Get the Courier app for breaking news alerts", Line.JUNK),
        ("Sign up now!", Line.JUNK),
        ("Share this story", Line.JUNK),  # comments and share prompts
        ("1,204 shares", Line.JUNK),
        ("Join the conversation", Line.JUNK),
        ("Copyright 2031 Courier Media. All rights reserved.", Line.JUNK),  # legal
        ("© 2031 Courier Media", Line.JUNK),
        ("We may earn a commission when you buy through links on our site.", Line.JUNK),
        ("Ana Ruiz can be reached at ana.ruiz@example.org", Line.JUNK),  # contact
        ("First published: 4 March 2031", Line.JUNK),  # timestamp
        ("Updated 10:15 GMT", Line.JUNK),
        ("Advertisement", Line.JUNK),
        ("Follow the Courier on Instagram", Line.SOFT),  # a sign-off alone, furniture beside furniture
        ("Reporting by Ana Ruiz; Editing by Tom Hale", Line.KEEP),  # part of the story
        ("Contributing: Tom Hale", Line.KEEP),
        ("With Courier wires", Line.KEEP),
        ("(AP)", Line.KEEP),
        ("Photo: Ana Ruiz", Line.KEEP),
        ("Correction: an earlier version gave the wrong date.", Line.KEEP),
        ("[2] Harbour board annual report, 2030.", Line.KEEP),
        ("Q: What did you see that night?", Line.KEEP),
        ("Extra points", Line.WEAK),
        ("The operator said more sailings would be added over the weekend to clear the backlog.", Line.TEXT),
    ],
)
def test_each_line_is_classified_by_the_cue_lists(line: str, kind: Line) -> None:
    assert CUES.classify(line) is kind


def test_a_block_reaches_the_end_and_related_points_at_the_last_article_paragraph() -> None:
    tail = "\nYou might also like\n\nHarbour fees to rise in spring\n\nNew lifeboat named at Arnholm\n"
    (finding,) = lint(ARTICLE + tail)
    assert (finding.line, finding.end_line) == (13, 17)
    assert finding.related[0].line == LAST_ARTICLE_LINE
    assert "page furniture" in finding.message and "You might also like" in finding.message
    assert finding.fix is not None and not finding.fix.safe
    assert (ARTICLE + tail)[: finding.fix.start].rstrip() == ARTICLE.rstrip()


def test_a_credit_line_ends_the_block_above_it() -> None:
    paragraphs = ["Story text that runs on for a while.", "Reporting by Ana Ruiz", "Share this story"]
    assert trailing_block(paragraphs, CUES, window=10) == 2


def test_a_follow_prompt_joins_furniture_below_it_but_alone_is_a_sign_off() -> None:
    story = "Story text that runs on for a while."
    bio = "Ana Ruiz writes about ferries and the islands for the Courier."
    assert trailing_block([story, "Follow Ana on Twitter", bio, "Share this story"], CUES, window=10) == 1
    assert trailing_block([story, "Follow the Courier on Instagram"], CUES, window=10) is None


def test_a_photo_credit_with_a_copyright_sign_is_the_story_s() -> None:
    assert CUES.classify("Photo © Ana Ruiz") is Line.KEEP


def test_an_advertisement_slot_above_story_text_is_not_a_block() -> None:
    paragraphs = ["First paragraph of the story.", "Advertisement", "The story goes on after the slot."]
    assert trailing_block(paragraphs, CUES, window=10) is None


def test_a_list_heading_does_not_swallow_a_story_that_goes_on() -> None:
    long = (
        "The operator said it would review its storm plans with the harbour board and the island council "
        "before the winter timetable starts."
    )
    assert trailing_block(["Lead.", "Read more", long, long, long], CUES, window=10) is None


def test_credits_are_flagged_only_by_the_opt_in_rule() -> None:
    text = ARTICLE + "\nReporting by Ana Ruiz; Editing by Tom Hale\n"
    assert lint(text) == []
    (finding,) = lint(text, "trailing-credits")
    assert finding.line == 13


def test_a_newsroom_adds_its_own_cue() -> None:
    text = ARTICLE + "\nCourier Plus members can read every story a day early.\n"
    assert lint(text) == []
    cues = [*vocabulary()["junk_cues"], r"courier\s+plus\s+members\b"]
    (finding,) = lint(text, junk_cues=cues)
    assert finding.line == 13


def test_a_bad_cue_is_an_option_error_naming_it() -> None:
    with pytest.raises(OptionError, match="junk_cues"):
        lint(ARTICLE, junk_cues=["sign(("])


def test_every_cue_list_ships() -> None:
    assert all(vocabulary()[name] for name in CUE_LISTS)


def test_page_furniture_flags_a_run_inside_the_text_once() -> None:
    text = (
        "Ferry service resumes\n\nFerries resumed on Friday after three days of gales, the operator said.\n\n"
        "Advertisement\n\nRelated: Harbour fees to rise\n\n"
        "Engineers checked the ramps at both terminals overnight and found only minor damage to the fenders, "
        "which were repaired before the first sailing.\n\n"
        "The operator said passengers with cancelled tickets could travel on any sailing until the end of "
        "the month without paying again, and that extra sailings would run on Saturday.\n"
    )
    (finding,) = lint(text, "page-furniture")
    assert (finding.line, finding.end_line) == (5, 7)


# ------------------------------------------------------------------ duplicates in extractor output


def duplicates(text: str) -> list[tuple[str, int]]:
    linter = DocumentLinter([r for r in all_rules(Settings()) if r.category == "duplicate" and r.enabled])
    return sorted((f.rule, f.line) for f in linter.lint(Document("t.txt", text)))


def test_a_copy_inside_the_trailing_furniture_is_left_to_off_topic_tail() -> None:
    bio = "Ana Ruiz is a writer and sailor who has covered the islands and their ferries for ten years."
    text = "Ferry service resumes\n\n" + bio + "\n\n" + ARTICLE.split("\n\n", 1)[1]
    text += "\nFollow Ana on Twitter\n\n" + bio + "\n\nShare this story\n"
    assert duplicates(text) == []


def test_a_plan_repeating_its_entries_is_the_article() -> None:
    days = []
    for day in range(1, 5):
        days += [
            f"Day {day}",
            "Breakfast",
            "Porridge with oats, one sliced banana, a spoon of honey and a cup of warm milk",
            "Portion: 1 bowl, 1 banana, 1 tsp honey, 1 cup milk.",
            "Lunch",
            "Lentil soup with carrots, celery, onions and a slice of brown bread on the side",
            "Portion: 1 bowl soup, 1 slice bread.",
        ]
    intro = "A four-day meal plan for the week before the race, with the same breakfast and lunch each day."
    assert duplicates("Four-day plan\n\n" + intro + "\n\n" + "\n\n".join(days) + "\n") == []


def test_a_post_quoted_in_the_story_and_shown_in_full_is_the_article() -> None:
    quoted = (
        "\u201cThe ferry is back and so is the milk, thank you to every crew member out there,\u201d "
        "the mayor wrote."
    )
    bare = "The ferry is back and so is the milk, thank you to every crew member out there #arnholm"
    text = ARTICLE + "\n" + quoted + "\n\nResidents shared the post widely.\n\n" + bare + "\n"
    assert duplicates(text) == []


def test_a_lead_repeated_many_times_is_one_finding() -> None:
    lead = ARTICLE.split("\n\n")[1]
    text = ARTICLE + "".join(f"\n{lead}\n\nFiller line number {n} of the page.\n" for n in range(5))
    found = duplicates(text)
    assert [rule for rule, _ in found] == ["duplicate-lead"]


def test_a_summary_repeated_as_a_paragraph_and_a_whole_extraction_repeated_are_found() -> None:
    body = ARTICLE.split("\n\n")[1:]
    summary = body[2].strip()
    text = "Headline\n\n" + summary + "\n\n" + "\n\n".join(p.strip() for p in body) + "\n"
    assert duplicates(text) == [("duplicate-lead", 9)]  # the summary opens the text: it is the lead
    twice = ARTICLE + "\n" + "\n\n".join(p.strip() for p in body) + "\n"
    found = [rule for rule, _ in duplicates(twice)]
    assert found[0] == "duplicate-lead" and found.count("repeated-paragraph") == len(body) - 1


@pytest.mark.slow
def test_five_thousand_near_duplicate_paragraphs_finish_in_bounded_time() -> None:
    rng = random.Random(7)
    base = "the harbour board said the ferry fleet would be checked again before the winter timetable".split()
    paragraphs = []
    for _ in range(5000):
        words = list(base)
        for _ in range(2):
            words[rng.randrange(3, len(words))] = "".join(
                rng.choice(string.ascii_lowercase) for _ in range(6)
            )
        paragraphs.append(" ".join(words).capitalize() + ".")
    text = "Harbour report\n\n" + "\n\n".join(paragraphs) + "\n"
    assert len(text) > 450_000
    linter = DocumentLinter([r for r in all_rules(Settings()) if r.category == "duplicate" and r.enabled])
    started = time.perf_counter()
    linter.lint(Document("big.txt", text))
    assert time.perf_counter() - started < 20
