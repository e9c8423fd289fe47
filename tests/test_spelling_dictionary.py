"""The curated dictionary behind ``spelling`` and what it makes possible: Hunspell forms, British
words, derived and run-together words, lost apostrophes, names spelled two ways, fix safety."""

from __future__ import annotations

import pytest

from newslint.config.config import Settings
from newslint.core.document import Document
from newslint.core.findings import Finding
from newslint.engine.engine import DocumentLinter
from newslint.engine.ruleset import all_rules
from newslint.spelling.hunspell import expand, parse_aff
from newslint.spelling.lexicon import CuratedWords, Lexicon, SortedWords
from newslint.spelling.morphology import (
    collapse_triples,
    derived,
    elongated,
    missing_apostrophe,
    prefixed,
    regular_participle,
    run_together,
)
from newslint.spelling.names import inconsistent_names

AFF = """SET UTF-8
PFX A Y 1
PFX A   0     re         .
SFX S Y 3
SFX S   y     ies        [^aeiou]y
SFX S   0     s          [aeiou]y
SFX S   0     s          [^y]
SFX D Y 2
SFX D   0     d          e
SFX D   0     ed         [^e]
ONLYINCOMPOUND c
"""
DIC = """5
merge/ADS
party/S
key/S
Thailand
1th/c
"""


@pytest.fixture(scope="module")
def linter() -> DocumentLinter:
    return DocumentLinter([r for r in all_rules(Settings()) if r.id == "spelling"])


def lint(linter: DocumentLinter, body: str) -> list[Finding]:
    return linter.lint(Document("t.txt", f"Headline here\n\n{body}\n"))


def flagged(linter: DocumentLinter, body: str) -> list[tuple[str, str]]:
    return [(f.flagged, f.suggestions[0] if f.suggestions else "") for f in lint(linter, body)]


def test_affixes_are_applied_with_their_conditions_and_cross_products() -> None:
    forms = expand(AFF.splitlines(), DIC.splitlines())
    assert {"merge", "merged", "merges", "remerge", "remerged", "remerges"} <= forms
    assert {"party", "parties", "key", "keys", "Thailand"} <= forms
    assert not {"partys", "keies", "mergeed", "1th"} & forms  # conditions, compound-only words


def test_affix_file_parsing_skips_what_it_cannot_use() -> None:
    prefixes, suffixes, only = parse_aff(["PFX X Y 1", "PFX X 0 un [", "SFX Z N 1", "SFX Z 0 s .", "junk"])
    assert prefixes == {} and [a.add for a in suffixes["Z"]] == ["s"] and only == ""


def test_curated_words_and_names() -> None:
    us = frozenset({"colour", "recieve", "house"})
    words = CuratedWords(us, frozenset({"furore"}), frozenset({"recieve"}))
    assert "furore" in words and "house" in words and "recieve" not in words
    assert words.among({"furore", "recieve", "zzz"}) == {"furore"}
    assert sorted(words) == ["colour", "furore", "house"]
    names = SortedWords("paris\nthailand")
    assert "thailand" in names and "london" not in names and list(names) == ["paris", "thailand"]


def test_the_installed_dictionaries_know_british_and_derived_words() -> None:
    lexicon = Lexicon.load()
    for word in ("furore", "rouble", "leant", "diallers", "demerge", "uplights", "have-nots"):
        assert word in lexicon.words, word
    assert "thailand" in lexicon.names and "thailand" not in lexicon.words
    for slip in ("recieve", "occured", "accomodate", "untill", "dont"):
        assert slip not in lexicon.words, slip


def test_morphology() -> None:
    words = {"tie", "rue", "freak", "trailblazer", "in", "which", "the", "first", "radically", "improved"}
    words |= {"don't", "that's", "children's", "band", "banding", "following"}
    assert derived("tieless", words) and derived("freakery", words) and derived("rueing", words)
    assert derived("trailblazed", words) and not derived("useing", words | {"use"})
    assert run_together("inwhich", words, lambda w: 5.0) == "in which"
    assert run_together("radicallyimproved", words, lambda w: 4.0) == "radically improved"
    assert run_together("thefirst", words, lambda w: 1.0) is None  # parts too rare to trust
    assert missing_apostrophe("dont", words) == "don't" and missing_apostrophe("thats", words) == "that's"
    assert missing_apostrophe("childrens", words) == "children's"
    assert missing_apostrophe("bands", words | {"band's"}) is None  # a plural, not a lost apostrophe
    assert prefixed("rebanding", words) and not prefixed("reisurance", words)
    assert prefixed("upfield", words | {"field"}) and derived("anthemic", words | {"anthem"})
    assert derived("engagers", words | {"engage", "engaged"}) and not derived("basic", words | {"bas"})
    assert not derived("grammer", words | {"gramme"})  # a noun, not a verb: no agent noun
    assert regular_participle("skilling", {"skilled"}) and not regular_participle("refering", {"refer"})
    assert not regular_participle("freing", {"freed"})  # freed is free+d, not fre+ed
    assert not derived("metalic", words | {"metal", "metallic"})  # the listed -ic form doubles
    assert elongated("folllowing") and not elongated("following")
    assert collapse_triples("folllowing") == "following" and collapse_triples("pleeease") == "pleease"


def test_a_name_spelled_two_ways_flags_the_minority_form() -> None:
    text = "Khodorkovsky said so.\nBut Khordokovsky denied it. Khodorkovsky left."
    found = list(inconsistent_names(text, lambda w: w == "Khordokovsky", lambda w: 0.0, lambda w: False))
    assert [(text[f.start : f.end], f.majority, f.majority_start) for f in found] == [
        ("Khordokovsky", "Khodorkovsky", 0)
    ]


def test_names_that_differ_by_an_ending_or_case_are_not_slips() -> None:
    text = "Kashmir and Kashmiri groups met WorldCom and Worldcom staff, twice: Kashmir, WorldCom."
    assert list(inconsistent_names(text, lambda w: True, lambda w: 0.0, lambda w: False)) == []


@pytest.mark.parametrize(
    "body",
    [
        "The furore over the rouble leant on diallers and conmen; the firm will demerge.",
        "The have-nots and a touchy-feely no-hoper met 18-year-olds in hi-fi shops.",
        "Kim Chong-gyu and Ngo-Anh spoke, and the tieless leader was trailblazing.",
        "Rueing the defeat, the coach said adware was to blame.",
        "She said pleeease and the crowd went Booo.",
        "It was bad, Thats what he said.",
        "The report favours naming, shaming and faming.",
        "Linkin Park said they had nothin' to add.",
    ],
)
def test_valid_words_are_not_flagged(linter: DocumentLinter, body: str) -> None:
    assert flagged(linter, body) == []


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("The firm will recieve an enourmous payment.", [("recieve", "receive"), ("enourmous", "enormous")]),
        ("It is a plan inwhich the state pays.", [("inwhich", "in which")]),
        ("They said they dont know.", [("dont", "don't")]),
        ("The team won the folllowing week.", [("folllowing", "following")]),
        ("They were goin home.", [("goin", "going")]),
        ("Officials said the british team won.", [("british", "British")]),
        ("The star flew to Hollwood on Monday.", [("Hollwood", "Hollywood")]),
        ("Nonethless, the figures rose.", [("Nonethless", "Nonetheless")]),
        ("Ireland finsihed third and Wales finsihed fourth.", [("finsihed", "finished")] * 2),
    ],
)
def test_slips_are_flagged_with_the_right_correction(
    linter: DocumentLinter, body: str, expected: list[tuple[str, str]]
) -> None:
    assert flagged(linter, body) == expected


def test_name_consistency_finding_points_at_the_majority(linter: DocumentLinter) -> None:
    body = "Mikhail Khodorkovsky was jailed.\nLawyers for Khodorkovsky appealed.\nKhordokovsky's firm fell."
    [finding] = lint(linter, body)
    assert (finding.line, finding.flagged, finding.suggestions) == (5, "Khordokovsky", ("Khodorkovsky",))
    assert [r.line for r in finding.related] == [3]
    assert finding.fix is not None and not finding.fix.safe


def test_only_near_certain_corrections_are_safe_fixes(linter: DocumentLinter) -> None:
    body = "They dont recieve it inwhich case the payment is lmited."
    fixes = {f.flagged: f.fix for f in lint(linter, body)}
    assert fixes["dont"] is not None and fixes["dont"].safe  # a lost apostrophe
    assert fixes["recieve"] is not None and fixes["recieve"].safe  # a well-known misspelling
    assert fixes["inwhich"] is not None and not fixes["inwhich"].safe  # a guess
    assert fixes["inwhich"].replacement == "in which"  # never "which": a fix does not drop a word
    assert fixes["lmited"] is not None and not fixes["lmited"].safe  # rare on the web: a guess


def test_a_three_letter_slip_is_never_a_safe_fix(linter: DocumentLinter) -> None:
    body = "He said they shd give a statement about the thier plans."
    fixes = {f.flagged: f.fix for f in lint(linter, body)}
    assert fixes["thier"] is not None and fixes["thier"].safe  # well known, long enough
    assert "shd" not in fixes or fixes["shd"] is None or not fixes["shd"].safe  # should? she? a guess
