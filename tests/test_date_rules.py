"""Date rules: shared vocabulary stays in sync, the extractor's shapes, and the house-style fixes."""

from __future__ import annotations

import pytest

from newslint.core.document import Document
from newslint.dates.date_mentions import Vocab, find_mentions
from newslint.engine.engine import DocumentLinter
from newslint.engine.rules import builtin_rules_dir, load_rules, with_overrides

RULES = [r for r in load_rules([builtin_rules_dir()]) if r.category == "date"]
VOCAB_KEYS = ("months", "weekdays", "ordinals")


def _rule(rule_id: str, **options: object):  # type: ignore[no-untyped-def]
    rule = next(r for r in RULES if r.id == rule_id)
    return with_overrides(rule, None, options) if options else rule


def test_date_rules_name_the_calendar_vocabulary() -> None:
    """The calendar lives in one data file: built-in date rules name it and carry no copy."""
    assert RULES
    for rule in RULES:
        assert rule.options["vocabulary"] == "calendar", rule.id
        assert not any(rule.options[key] for key in VOCAB_KEYS), rule.id


def test_vocabulary_fills_the_calendar_and_inline_names_replace_it() -> None:
    vocab = Vocab.from_options(_rule("date-format-mix").options)
    assert list(vocab.months)[8] == "September" and vocab.month_of["Sept"] == 9
    assert vocab.weekday_of["Thurs"] == 3 and list(vocab.ordinals) == ["st", "nd", "rd", "th"]
    months = {f"M{i}": [] for i in range(1, 13)}
    own = Vocab.from_options({**_rule("date-format-mix").options, "months": months})
    assert own.month_of["M9"] == 9 and "September" not in own.month_of


def test_unknown_vocabulary_is_an_option_error() -> None:
    from newslint.core.options import OptionError

    with pytest.raises(OptionError, match="unknown vocabulary 'klingon'"):
        _rule("date-format-mix", vocabulary="klingon")


def test_calendar_offers_what_other_modules_need() -> None:
    """Sentence splitting, topic stopwords and (later) the spelling rule read the one vocabulary."""
    from newslint.core import calendar
    from newslint.offtopic.topic import STOPWORDS

    assert calendar.calendar_names() >= {"january", "september", "monday", "sunday"}
    assert len(calendar.calendar_names()) == 19
    assert {"sept", "thurs", "dec"} <= calendar.load().abbreviations()
    assert calendar.load().month_words() <= STOPWORDS
    assert calendar.load().house_forms["ap"]["September"] == "Sept."


def _mentions(text: str) -> list[tuple[str, str, int | None, int | None, int | None]]:
    vocab = Vocab.from_options(_rule("date-format-mix").options)
    doc = Document("t.txt", "Head\n\n" + text + "\n")
    mentions = find_mentions(doc, vocab)
    return [(m.order, doc.text[m.date_start : m.end], m.day, m.month, m.year) for m in mentions]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("on 13 September", ("DM", "13 September", 13, 9, None)),
        ("on Sept. 13, 2023.", ("MD", "Sept. 13, 2023", 13, 9, 2023)),
        ("on Sep 13", ("MD", "Sep 13", 13, 9, None)),
        ("on 13th September", ("DM", "13th September", 13, 9, None)),
        ("on Wednesday (September 13)", ("MD", "September 13", 13, 9, None)),
        ("on 13 Sept 2023", ("DM", "13 Sept 2023", 13, 9, 2023)),
        ("on 2023-09-13", ("ISO", "2023-09-13", 13, 9, 2023)),
        ("on 09/13/2023", ("NUM", "09/13/2023", 13, 9, 2023)),
        ("on 13.09.2023", ("NUM", "13.09.2023", 13, 9, 2023)),
        ("in March 1987", ("", "March 1987", None, 3, 1987)),
        ("on 13-15 September", ("DM", "13-15 September", 13, 9, None)),
        # the scan starts where a date may start, walking back from the month word
        ("on Wednesday, the 13th to 15th of September", ("DM", "13th to 15th of September", 13, 9, None)),
        ("the 1st and 2nd of June", ("DM", "1st and 2nd of June", 1, 6, None)),
        ("in mid-September 2023", ("", "mid-September 2023", None, 9, 2023)),
        ("until June.", None),
    ],
)
def test_mention_shapes(text: str, expected: tuple[object, ...] | None) -> None:
    found = _mentions(text)
    assert found == ([expected] if expected else [])


def test_several_mentions_on_one_line_with_weekdays() -> None:
    vocab = Vocab.from_options(_rule("date-format-mix").options)
    doc = Document("t.txt", "Head\n\nTalks ran from Mon. Sept. 4 to Tue., Sept. 5 and again on 7 July.\n")
    found = [(doc.text[m.start : m.end], m.weekday, m.day, m.month) for m in find_mentions(doc, vocab)]
    assert found == [("Mon. Sept. 4", 0, 4, 9), ("Tue., Sept. 5", 1, 5, 9), ("7 July", None, 7, 7)]


@pytest.mark.parametrize(
    "text",
    [
        "13:00 and 1.30 pm",
        "won 3-1",
        "2/3 of them",
        "$31",
        "section 3.1.2",
        "call 555-1234",
        "v10.4.1",
        "in 2023",
        "they may 5",
        "August Smith said",
        "June\n\n2000 was",
    ],
)
def test_not_dates(text: str) -> None:
    assert _mentions(text) == []


@pytest.mark.parametrize(
    ("style", "found", "wanted"),
    [
        ("ap", "13 September 2023", "Sept. 13, 2023"),
        ("ap", "March 5th", "March 5"),
        ("reuters", "September 13, 2023", "Sept 13, 2023"),
        ("uk", "Sept. 13", "13 September"),
        ("uk", "2023-09-13", "13 September 2023"),
    ],
)
def test_house_style_fix(style: str, found: str, wanted: str) -> None:
    linter = DocumentLinter([_rule("date-style", style=style)])
    text = f"Head\n\nThey met on {found} in Oslo.\n"
    findings = linter.lint(Document("t.txt", text))
    assert [f.suggestions for f in findings] == [(wanted,)]
    fix = findings[0].fix
    assert fix is not None and text[fix.start : fix.end] == found


def test_style_any_is_silent() -> None:
    linter = DocumentLinter([_rule("date-style")])
    assert linter.lint(Document("t.txt", "Head\n\nOn 13 September and Sept. 14, 2023.\n")) == []


def test_misspelled_month_is_reported_once_as_date() -> None:
    linter = DocumentLinter(RULES)
    findings = linter.lint(Document("t.txt", "Head\n\nKim met Putin on Wednesday (Septemeber 13).\n"))
    got = [(f.rule, f.line, f.suggestions) for f in findings]
    assert got == [("date-misspelled-month", 3, ("September",))]
