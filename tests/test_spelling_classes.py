"""Recall classes of issue 24, on invented copy: headline words set in capitals, a letter typed
for a digit in a year, capitalised common words, and the valid words beside each."""

from __future__ import annotations

from newslint.config.config import Settings
from newslint.core.document import Document
from newslint.engine.engine import DocumentLinter
from newslint.engine.ruleset import all_rules
from newslint.spelling import letter_for_digit, set_in_capitals


def flagged(text: str) -> dict[str, tuple[str, ...]]:
    rules = [r for r in all_rules(Settings()) if r.id == "spelling"]
    return {f.flagged: f.suggestions for f in DocumentLinter(rules).lint(Document("t.txt", text))}


def test_a_headline_set_in_capitals_has_its_words_checked() -> None:
    text = (
        "FARM PRESSUE GROWS AFTER GRAIN SPINNOFF\n\n"
        "Chicago, March 3 - A planned spinoff of the grain unit drew farm groups to the capital.\n"
    )
    found = flagged(text)
    assert found["PRESSUE"][0] == "PRESSURE"
    assert found["SPINNOFF"][0] == "SPINOFF"


def test_two_words_of_the_body_run_together_in_a_capitals_headline() -> None:
    text = "TAX RECEIPTSRISE IN MAY\n\nTreasury receipts rise as wages grow, officials said.\n"
    assert flagged(text)["RECEIPTSRISE"][0] == "RECEIPTS RISE"


def test_tickers_acronyms_and_names_in_a_capitals_headline_stay_quiet() -> None:
    text = (
        "QUENTRAX <QTX> BUYS NORVELLIA STAKE, OPEC WATCHES\n\n"
        "Quentrax Corp said it bought a stake in Norvellia, a small oil trader, as OPEC met.\n"
    )
    assert flagged(text) == {}


def test_capitals_in_an_ordinary_headline_are_acronyms() -> None:
    assert not set_in_capitals("Trade talks with the WTO and NAFTA partners resume")
    assert set_in_capitals("TRADE TALKS RESUME IN GENEVA")


def test_a_letter_typed_for_a_digit_in_a_year() -> None:
    text = "Report\n\nThe mill opened in l982 and closed in 2o15, long after 1990.\n"
    found = flagged(text)
    assert found["l982"] == ("1982",)
    assert found["2o15"] == ("2015",)


def test_codes_and_words_with_digits_are_not_years() -> None:
    assert list(letter_for_digit("Room lOOl, flight BA2o15x, code 2O, the 1990s, 3rd, B2B, 2015.")) == []


def test_capitalised_common_words_with_a_letter_dropped_doubled_or_held() -> None:
    text = (
        "Deals\n\nShe runs Mergers and Aquisitions at the lender, and the Finance Commmittee "
        "backed her on Friday.\n"
    )
    found = flagged(text)
    assert found["Aquisitions"][0] == "Acquisitions"
    assert found["Commmittee"][0] == "Committee"


def test_a_capitalised_name_a_letter_from_a_word_stays_a_name() -> None:
    text = "Deals\n\nThe bank hired Mark Lievin and Anna Gotting from a rival in Zurich last week.\n"
    assert flagged(text) == {}


def test_a_common_pair_with_a_function_word_written_as_one() -> None:
    found = flagged("Talk\n\nThey spent alot on it, upto a point, and aswell on ads.\n")
    assert found["alot"] == ("a lot",)
    assert found["upto"] == ("up to",)
    assert found["aswell"] == ("as well",)


def test_closed_compounds_the_dictionaries_list_stay_quiet() -> None:
    text = "Talk\n\nThe setup and login of the website took a while; the takeover went online.\n"
    assert flagged(text) == {}


def _name_findings(text: str) -> list[tuple[str, int, str]]:
    rules = [r for r in all_rules(Settings()) if r.id == "spelling"]
    doc = Document("t.txt", text)
    found = DocumentLinter(rules).lint(doc)
    return [(f.flagged, f.line, f.related[0].line if f.related else 0) for f in found]


def test_a_name_written_a_few_times_against_many_is_the_minority_each_time() -> None:
    lines = ["Camp report", ""]
    lines += ["Aid reached the Tarvelk camp on day one."] * 6
    lines += ["Families left Tarvlek at dawn.", "", "Officials said Tarvlek was calm."]
    found = _name_findings("\n".join(lines) + "\n")
    assert [(w, r) for w, _line, r in found] == [("Tarvlek", 3), ("Tarvlek", 3)]


def test_a_known_name_once_after_the_same_word_as_the_majority() -> None:
    text = (
        "Budget talks\n\nPresident Reagan met aides on Monday. President Reagan spoke later.\n\n"
        "Aides said President Regan would sign. President Reagan did so on Friday.\n"
    )
    assert [(w, r) for w, _line, r in _name_findings(text)] == [("Regan", 3)]


def test_two_people_with_near_names_after_different_words_stay_quiet() -> None:
    text = (
        "Match report\n\nCoach Allen praised the side. Coach Allen said more later, and Coach Allen "
        "smiled.\n\nThe striker, Tom Allan, scored twice.\n"
    )
    assert _name_findings(text) == []


def test_a_british_list_form_the_web_hardly_writes_is_judged_by_the_channel() -> None:
    found = flagged("Stores\n\nStaff found gas cannisters in a wholescale search of the depot.\n")
    assert found["cannisters"][0] == "canisters"
    assert found["wholescale"][0] == "wholesale"


def test_listed_words_in_a_coined_compound_and_rare_listed_nouns_stay_quiet() -> None:
    text = "Tennis\n\nShe beat two clay-courters, and critics decried the raunch of the video.\n"
    assert flagged(text) == {}


def test_a_long_famous_name_misspelled_among_names() -> None:
    text = "Cars\n\nShe drove a Volkswagon Golf to Minneopolis City Hall on Monday.\n"
    found = flagged(text)
    assert found["Volkswagon"][0] == "Volkswagen"
    assert found["Minneopolis"][0] == "Minneapolis"


def test_short_names_a_slip_from_famous_ones_are_names() -> None:
    text = "Politics\n\nRobert Peston asked Patrik Berg and Anna Herold about Walliams on Monday.\n"
    assert flagged(text) == {}


def test_a_misspelled_part_of_a_hyphenated_number_is_weighed_as_a_word() -> None:
    found = flagged("Race\n\nShe won by one-hundreth of a second in the final.\n")
    assert found["hundreth"][0] == "hundredth"


def test_a_word_split_before_its_ending() -> None:
    found = flagged("Plans\n\nThe firm will expand ed services this year.\n")
    assert found["expand ed"] == ("expanded",)


def test_real_words_before_a_name_or_abbreviation_are_not_joined() -> None:
    text = "Plans\n\nShe met Ed at the school; the dean led ed tech talks and spoke firmly.\n"
    assert flagged(text) == {}
